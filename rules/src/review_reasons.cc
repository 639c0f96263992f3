// Review reasons: why a person should look at a fact even when the rule that
// read it was sure (rules.h lists them). They come from the fact's own fields
// and from how the text under its span was obtained.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fact_rules.h"

namespace baocao::rules_internal {
namespace {

// Words read below these confidences make a fact worth a look. OCR words are
// judged more leniently: Tesseract rarely reports more than 0.9 even for
// clean scans, while a recovered glyph's share of agreeing votes is high
// unless the OCR readings of it disagreed.
constexpr double kRecoveredBelow = 0.9;
constexpr double kOcrBelow = 0.8;
// Repairs below this confidence are guesses (normalize marks them for review
// at the same threshold by default).
constexpr double kRepairBelow = 0.9;
// "6.326/6.469 ... 97,79%": a percentage written with two decimals is within
// 0.005 of the fraction; the slack covers percentages truncated rather than
// rounded.
constexpr double kPercentTolerance = 0.06;

// The order reasons are listed in.
constexpr std::string_view kReasons[] = {"invalid_date", "percent_mismatch", "repaired_text",
                                          "recovered_text", "ocr_text", "table_cells"};

bool Overlaps(Span a, Span b) {
  // An empty span (a deletion) counts as the point where it sits.
  const std::size_t a_end = std::max(a.end, a.begin + 1);
  const std::size_t b_end = std::max(b.end, b.begin + 1);
  return a.begin < b_end && b.begin < a_end;
}

bool HasField(const Fact& fact, const char* name) {
  auto it = fact.fields.find(name);
  return it != fact.fields.end() && !std::holds_alternative<std::monostate>(it->second);
}

const double* NumberField(const Fact& fact, const char* name) {
  auto it = fact.fields.find(name);
  return it == fact.fields.end() ? nullptr : std::get_if<double>(&it->second);
}

bool PercentMismatch(const Fact& fact) {
  const double* numerator = NumberField(fact, "numerator");
  const double* denominator = NumberField(fact, "denominator");
  const double* percent = NumberField(fact, "percent");
  return numerator != nullptr && denominator != nullptr && percent != nullptr &&
         PercentDisagrees(*numerator, *denominator, *percent);
}

bool RepairedText(const Page& page, Span span) {
  return std::any_of(page.repairs.begin(), page.repairs.end(), [&](const TextRepair& r) {
    return Overlaps(r.span, span) && (r.pass == "lost_chars" || r.confidence < kRepairBelow);
  });
}

bool DoubtfulWords(const Page& page, Span span, TextSource source, double below) {
  return std::any_of(page.words.begin(), page.words.end(), [&](const Word& w) {
    return w.source == source && w.confidence < below && w.span.size() > 0 && Overlaps(w.span, span);
  });
}

}  // namespace

bool PercentDisagrees(double numerator, double denominator, double percent) {
  if (!(denominator > 0)) return false;  // no share to compare with
  return std::fabs(100.0 * numerator / denominator - percent) > kPercentTolerance;
}

void AddReviewReasons(const Page& page, Fact& fact) {
  const bool table_cells = std::find(fact.review_reasons.begin(), fact.review_reasons.end(), "table_cells") !=
                           fact.review_reasons.end();
  const bool applies[] = {
      HasField(fact, "invalid_date"),
      PercentMismatch(fact),
      RepairedText(page, fact.span),
      DoubtfulWords(page, fact.span, TextSource::kRecovered, kRecoveredBelow),
      DoubtfulWords(page, fact.span, TextSource::kOcr, kOcrBelow),
      table_cells,
  };
  std::vector<std::string> reasons;
  for (std::size_t i = 0; i < std::size(kReasons); ++i) {
    if (applies[i]) reasons.emplace_back(kReasons[i]);
  }
  fact.review_reasons = std::move(reasons);
}

}  // namespace baocao::rules_internal
