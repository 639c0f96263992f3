// Access to the bundled corpus (corpus/manifest.json) for end-to-end tests.
#ifndef BAOCAO_TESTS_E2E_CORPUS_H_
#define BAOCAO_TESTS_E2E_CORPUS_H_

#include <string>
#include <vector>

namespace baocao::testing {

struct CorpusPage {
  int number = 0;
  std::string route;  // the route a correct triage chooses: text, repair, recover, ocr
};

struct CorpusFile {
  std::string path;     // absolute
  std::string doc;      // "000"
  std::string variant;  // "clean", "scan", ...
  std::string split;    // "dev" or "test"
  std::vector<CorpusPage> pages;
};

struct BadFile {
  std::string path;  // absolute
  std::string expect;  // "error", "extract", "extract-empty", "error-or-partial"
  std::string description;
};

std::string CorpusDir();
// Every PDF of the corpus, in manifest order.
std::vector<CorpusFile> CorpusFiles();
std::vector<CorpusFile> CorpusFiles(const std::string& variant);
std::vector<BadFile> BadFiles();
// The truth text of page `page` (1-based) of document `doc`.
std::string TruthPage(const std::string& doc, int page);

}  // namespace baocao::testing

#endif  // BAOCAO_TESTS_E2E_CORPUS_H_
