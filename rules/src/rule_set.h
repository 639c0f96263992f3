// The compiled rule set: every pattern and word list of rules/data, built once
// per process and immutable afterwards.
#ifndef BAOCAO_RULES_RULE_SET_H_
#define BAOCAO_RULES_RULE_SET_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao::rules_internal {

// The embedded bytes of a rules/data file ("patterns.txt"); empty if unknown.
std::string_view DataFile(std::string_view name);

// The non-comment, non-blank lines of a data file, split at TABs, with their
// line numbers.
struct DataLine {
  int number = 0;
  std::vector<std::string> fields;
};
std::vector<DataLine> ReadTable(std::string_view contents);

// What a rule's match means; each handler reads the named groups listed in
// rules/data/patterns.txt.
enum class Handler {
  kValue, kFraction, kRange, kAtLeast,
  kDay, kMonth, kQuarter, kFirstMonths, kLastMonths, kHalf, kYear,
  kYearRange, kDayRange, kMonthDayRange, kMonthRange,
  kReference, kTailDate, kTailIssuer, kTailSubject,
};

struct Rule {
  std::string id;        // "period.day"
  Handler handler = Handler::kValue;
  int line = 0;          // line in patterns.txt, for messages
  std::unique_ptr<RE2> regex;
  std::map<std::string, int> groups;  // name -> submatch index
};

// One match of a rule: the whole span and its named groups.
class RuleMatch {
 public:
  RuleMatch(const Rule& rule, std::string_view text) : rule_(&rule), text_(text) {}

  const Rule& rule() const { return *rule_; }
  Span span() const { return Offsets(submatches_[0]); }
  // The text of a named group; empty when it did not take part.
  std::string_view Group(const std::string& name) const;
  bool Has(const std::string& name) const;
  // Byte range of a named group (valid only when Has(name)).
  Span GroupSpan(const std::string& name) const;

  // Finds the next match starting at or after `pos`; false when there is none.
  bool FindFrom(std::size_t pos);
  // Matches at exactly `pos`.
  bool MatchAt(std::size_t pos);

 private:
  bool Run(std::size_t pos, RE2::Anchor anchor);
  Span Offsets(re2::StringPiece piece) const;

  const Rule* rule_;
  std::string_view text_;
  std::vector<re2::StringPiece> submatches_;
};

struct DocType {
  std::string name;    // "Kế hoạch"
  std::string code;    // "KH", may be empty
  std::string folded;  // "ke hoach"
};

class RuleSet {
 public:
  // The process-wide rule set, compiled on first use.
  static const RuleSet& Get();

  // Not OK when a pattern failed to compile; such rules are left out.
  const Status& status() const { return status_; }

  const std::vector<Rule>& numbers() const { return numbers_; }
  const std::vector<Rule>& periods() const { return periods_; }
  const std::vector<Rule>& references() const { return references_; }
  const std::vector<Rule>& tails() const { return tails_; }

  // Unit right after a number (anchored, leading whitespace allowed), or null.
  const RE2* unit_regex() const { return unit_regex_.get(); }
  const std::map<std::string, std::string>& unit_names() const { return unit_names_; }
  // A document type word followed by a number: where a new reference starts.
  const RE2* reference_start() const { return reference_start_.get(); }

  // Canonical type name for a type word as written; "" if unknown.
  std::string DocTypeByWord(std::string_view word) const;
  // Canonical type name for a symbol code ("KH"); "" if unknown.
  std::string DocTypeByCode(std::string_view code) const;
  // Value of a number word ("ba", "Sáu"); 0 if unknown.
  int NumberWord(std::string_view word) const;
  // Expansion of a whole-word abbreviation ("UBND"); "" if none.
  std::string_view Abbreviation(std::string_view word) const;
  bool IsIssuerStop(std::string_view word) const { return issuer_stops_.count(std::string(word)) > 0; }
  bool IsIssuerTrim(std::string_view word) const { return issuer_trims_.count(std::string(word)) > 0; }

 private:
  RuleSet();
  void Load();
  void AddRule(const std::string& id, const std::string& handler, const std::string& pattern,
               int line);

  Status status_;
  std::vector<Rule> numbers_, periods_, references_, tails_;
  std::unique_ptr<RE2> unit_regex_;
  std::unique_ptr<RE2> reference_start_;
  std::map<std::string, std::string> unit_names_;
  std::vector<DocType> doc_types_;
  std::map<std::string, int> number_words_;  // lowercased
  std::map<std::string, std::string, std::less<>> abbreviations_;
  std::set<std::string> issuer_stops_, issuer_trims_;
};

}  // namespace baocao::rules_internal

#endif  // BAOCAO_RULES_RULE_SET_H_
