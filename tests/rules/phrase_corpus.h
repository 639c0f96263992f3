// Phrase corpora: data files of test cases, one per line, that an analyst can
// read and extend (tests/rules/phrases/README.md describes the format).
#ifndef BAOCAO_TESTS_RULES_PHRASE_CORPUS_H_
#define BAOCAO_TESTS_RULES_PHRASE_CORPUS_H_

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "baocao/document.h"

namespace baocao::testing {

struct PhraseCase {
  std::string file;                // "numbers.tsv"
  int line = 0;
  std::string phrase;              // brackets removed, \n and \t unescaped
  std::optional<Span> marked;      // the [ ... ] part of the phrase, if any
  std::vector<std::string> columns;  // the columns after the phrase
};

// Reads tests/rules/phrases/<file>; lines starting with '#' and blank lines
// are skipped. A malformed line becomes a case whose columns are empty, so
// that the test reporting it fails with the line number.
std::vector<PhraseCase> LoadPhrases(const std::string& file);

// The heading (or table header row) that puts a fact phrase in its context:
// "results", "plan", "tasks", "stats"; "" for any other context.
std::string ContextPrefix(const std::string& context);

// For test names: "numbers_tsv_12".
std::string CaseName(const PhraseCase& c);

inline void PrintTo(const PhraseCase& c, std::ostream* os) {
  *os << c.file << ":" << c.line << " \"" << c.phrase << "\"";
}

}  // namespace baocao::testing

#endif  // BAOCAO_TESTS_RULES_PHRASE_CORPUS_H_
