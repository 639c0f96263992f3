// Numbers in the Vietnamese format: "8.803", "99,69%", "1.544,4 tỷ đồng",
// fractions "6.326/6.469", ranges "30-40%", bounds "từ 33% trở lên".
#include <charconv>
#include <optional>

#include "parsers.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

// Dot for thousands (groups of exactly three), comma for decimals. Anything
// else ("1.10", "0967.123.456", "1,2,3") is not a number.
bool ParseVietnameseNumber(std::string_view token, double* value) {
  std::string_view integer = token;
  std::string_view fraction;
  if (std::size_t comma = token.find(','); comma != std::string_view::npos) {
    integer = token.substr(0, comma);
    fraction = token.substr(comma + 1);
    if (!AllDigits(fraction)) return false;
  }
  std::string digits;
  if (integer.find('.') == std::string_view::npos) {
    if (!AllDigits(integer)) return false;
    if (integer.size() > 3 && integer[0] == '0') return false;  // phone or code
    digits = std::string(integer);
  } else {
    std::size_t start = 0;
    bool first = true;
    while (true) {
      std::size_t dot = integer.find('.', start);
      std::string_view group = integer.substr(start, dot == std::string_view::npos
                                                         ? std::string_view::npos
                                                         : dot - start);
      if (!AllDigits(group)) return false;
      if (first ? (group.size() > 3 || group[0] == '0') : group.size() != 3) return false;
      digits += group;
      first = false;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (digits.size() > 15) return false;  // an identifier, not a quantity
  if (!fraction.empty()) digits += "." + std::string(fraction);
  const char* end = digits.data() + digits.size();
  auto [ptr, error] = std::from_chars(digits.data(), end, *value);
  return error == std::errc() && ptr == end;
}

// A unit right after `pos` ("%", "tỷ đồng"); extends *end past it.
std::string ReadUnit(const RuleSet& rules, std::string_view text, std::size_t* end) {
  const RE2* unit = rules.unit_regex();
  if (unit == nullptr || !unit->ok()) return "";
  re2::StringPiece groups[2];
  if (!unit->Match(re2::StringPiece(text.data(), text.size()), *end, text.size(),
                   RE2::ANCHOR_START, groups, 2)) {
    return "";
  }
  const auto unit_end = static_cast<std::size_t>(groups[0].data() - text.data()) +
                        groups[0].size();
  const std::string_view unit_text(groups[1].data(), groups[1].size());
  if (unit_text != "%" && IsWordChar(CodePointAt(text, unit_end))) return "";
  auto it = rules.unit_names().find(CollapseSpaces(unit_text));
  if (it == rules.unit_names().end()) return "";
  *end = unit_end;
  return it->second;
}

bool LooksLikeMonthOfYear(std::string_view numerator, std::string_view denominator) {
  if (denominator.size() != 4 || !AllDigits(denominator)) return false;
  const int year = SmallNumber(denominator);
  const int month = SmallNumber(numerator);
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12;
}

std::optional<NumberMatch> Interpret(const RuleSet& rules, std::string_view text,
                                     const RuleMatch& match) {
  Span span = match.span();
  if (!StandsAlone(text, span)) return std::nullopt;
  NumberMatch number;
  number.rule = match.rule().id;
  if (!ParseVietnameseNumber(match.Group("a"), &number.value)) return std::nullopt;
  switch (match.rule().handler) {
    case Handler::kValue:
      number.kind = NumberKind::kValue;
      number.unit = ReadUnit(rules, text, &span.end);
      break;
    case Handler::kFraction:
      if (LooksLikeMonthOfYear(match.Group("a"), match.Group("b"))) return std::nullopt;
      if (!ParseVietnameseNumber(match.Group("b"), &number.second)) return std::nullopt;
      number.kind = NumberKind::kFraction;
      number.unit = ReadUnit(rules, text, &span.end);
      break;
    case Handler::kRange:
      if (!ParseVietnameseNumber(match.Group("b"), &number.second)) return std::nullopt;
      if (number.second < number.value) return std::nullopt;
      number.kind = NumberKind::kRange;
      number.unit = "%";
      break;
    case Handler::kAtLeast:
      number.kind = NumberKind::kAtLeast;
      if (match.Has("pct")) {
        number.unit = "%";
      }
      break;
    default:
      return std::nullopt;
  }
  number.span = span;
  number.text = std::string(text.substr(span.begin, span.size()));
  return number;
}

}  // namespace

std::vector<NumberMatch> ParseNumbers(const RuleSet& rules, std::string_view text,
                                      const std::vector<Span>& occupied) {
  std::vector<Candidate<NumberMatch>> candidates;
  int priority = 0;
  for (const Rule& rule : rules.numbers()) {
    RuleMatch match(rule, text);
    std::size_t pos = 0;
    while (match.FindFrom(pos)) {
      const Span span = match.span();
      pos = span.end > span.begin ? span.end : span.begin + 1;
      if (auto number = Interpret(rules, text, match)) {
        candidates.push_back({number->span, priority, std::move(*number)});
      }
    }
    ++priority;
  }
  return ResolveOverlaps(std::move(candidates), occupied);
}

}  // namespace baocao::rules_internal
