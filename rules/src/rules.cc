// The public entry points: one rule set, three parsers, facts for a page.
#include "baocao/rules.h"

#include <algorithm>

#include "fact_rules.h"
#include "parsers.h"
#include "text.h"

namespace baocao {

using rules_internal::RuleSet;

std::string_view PeriodKindName(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::kDay: return "day";
    case PeriodKind::kMonth: return "month";
    case PeriodKind::kQuarter: return "quarter";
    case PeriodKind::kHalf: return "half";
    case PeriodKind::kYearToDate: return "year_to_date";
    case PeriodKind::kYear: return "year";
    case PeriodKind::kRange: return "range";
  }
  return "unknown";
}

std::vector<NumberMatch> FindNumbers(std::string_view text) {
  const RuleSet& rules = RuleSet::Get();
  std::vector<Span> occupied;
  rules_internal::ParseReferences(rules, text, &occupied);
  for (const PeriodMatch& period : rules_internal::ParsePeriods(rules, text, 0, occupied)) {
    occupied.push_back(period.span);
  }
  return rules_internal::ParseNumbers(rules, text, occupied);
}

std::vector<PeriodMatch> FindPeriods(std::string_view text, int document_year) {
  const RuleSet& rules = RuleSet::Get();
  std::vector<Span> cores;
  rules_internal::ParseReferences(rules, text, &cores);
  return rules_internal::ParsePeriods(rules, text, document_year, cores);
}

std::vector<ReferenceMatch> FindReferences(std::string_view text) {
  return rules_internal::ParseReferences(RuleSet::Get(), text, nullptr);
}

std::string ReferenceKey(std::string_view number, std::string_view issuer, int year) {
  const RuleSet& rules = RuleSet::Get();
  std::string expanded;
  const std::string words = rules_internal::CollapseSpaces(issuer);
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string::npos) end = words.size();
    const std::string_view word = std::string_view(words).substr(start, end - start);
    const std::string_view full = rules.Abbreviation(word);
    if (!expanded.empty()) expanded.push_back(' ');
    expanded += full.empty() ? word : full;
    start = end + 1;
  }
  std::string key = rules_internal::Fold(number);
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  key += "|" + rules_internal::Fold(expanded) + "|";
  if (year > 0) key += std::to_string(year);
  return key;
}

Status CheckRules() {
  const Status& parsers = RuleSet::Get().status();
  if (!parsers.ok()) return parsers;
  return rules_internal::FactPatterns::Get().status();
}

namespace rules_internal {

std::vector<Fact> ExtractReferenceFacts(const Page& page, const RulesOptions& options) {
  std::vector<Fact> facts;
  for (ReferenceMatch& ref : FindReferences(page.text)) {
    if (ref.confidence < options.min_confidence) continue;
    Fact fact;
    fact.kind = "reference";
    fact.fields["doc_type"] = StringOrNull(ref.doc_type);
    fact.fields["number"] = StringOrNull(ref.number);
    fact.fields["date"] = StringOrNull(ref.date);
    fact.fields["issuer"] = StringOrNull(ref.issuer);
    fact.fields["subject"] = StringOrNull(ref.subject);
    fact.fields["key"] = StringOrNull(ref.key);
    fact.confidence = ref.confidence * TextConfidence(page, ref.span);
    fact.page = page.number;
    fact.span = ref.span;
    fact.quote = std::move(ref.text);
    fact.rule = std::move(ref.rule);
    facts.push_back(std::move(fact));
  }
  return facts;
}

}  // namespace rules_internal
}  // namespace baocao
