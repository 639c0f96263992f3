// The three parsers behind rules.h, with what they share: candidate matches
// and the rule that the longer of two overlapping matches wins.
#ifndef BAOCAO_RULES_PARSERS_H_
#define BAOCAO_RULES_PARSERS_H_

#include <string_view>
#include <vector>

#include "baocao/rules.h"
#include "rule_set.h"

namespace baocao::rules_internal {

// A parse of one rule match, before overlaps are settled.
template <typename T>
struct Candidate {
  Span span;
  int priority = 0;  // order of the rule in patterns.txt: lower wins a tie
  T value;
};

// Keeps the longest candidates that overlap neither each other nor any span
// of `occupied`; returns them in text order.
template <typename T>
std::vector<T> ResolveOverlaps(std::vector<Candidate<T>> candidates,
                               const std::vector<Span>& occupied);

// Spans that other parsers must leave alone: the number and date of each
// reference (not its issuer or subject).
std::vector<ReferenceMatch> ParseReferences(const RuleSet& rules, std::string_view text,
                                            std::vector<Span>* cores);
std::vector<PeriodMatch> ParsePeriods(const RuleSet& rules, std::string_view text,
                                      int document_year, const std::vector<Span>& occupied);
std::vector<NumberMatch> ParseNumbers(const RuleSet& rules, std::string_view text,
                                      const std::vector<Span>& occupied);

// Calendar helpers shared by periods and references.
bool IsValidDate(int year, int month, int day);
int DaysInMonth(int year, int month);
std::string IsoDate(int year, int month, int day);
// Parses up to 4 ASCII digits; -1 when `digits` is empty or not all digits.
int SmallNumber(std::string_view digits);

// Whether the match at `span` stands apart from its neighbours: not glued to
// a letter or digit, not inside a slash or hyphen compound ("2018/NĐ-CP").
bool StandsAlone(std::string_view text, Span span);

}  // namespace baocao::rules_internal

#include "resolve_overlaps.inc"

#endif  // BAOCAO_RULES_PARSERS_H_
