// Dates and periods: "02/12/2021", "Quý II/2024", "9 tháng đầu năm 2024",
// "giai đoạn 2021-2025", "từ 15/12/2023 đến 14/03/2024". Each becomes a start
// and an end date; impossible dates are kept, marked invalid.
#include <optional>

#include "parsers.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2100;

struct Day {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool operator<(const Day& a, const Day& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

// Reads the year group `name`, or the document year when the group is absent.
// Returns 0 when neither gives a plausible year.
int YearOf(const RuleMatch& match, const std::string& name, int document_year, bool* implicit) {
  if (!match.Has(name)) {
    if (implicit != nullptr) *implicit = true;
    return document_year;
  }
  const int year = SmallNumber(match.Group(name));
  return year >= kFirstYear && year <= kLastYear ? year : 0;
}

int QuarterNumber(std::string_view text) {
  std::string upper;
  for (char ch : text) upper.push_back(ch >= 'a' && ch <= 'z' ? static_cast<char>(ch - 32) : ch);
  if (upper == "I" || upper == "1") return 1;
  if (upper == "II" || upper == "2") return 2;
  if (upper == "III" || upper == "3") return 3;
  if (upper == "IV" || upper == "4") return 4;
  return 0;
}

PeriodMatch Between(PeriodKind kind, Day start, Day end) {
  PeriodMatch period;
  period.kind = kind;
  period.start = IsoDate(start.year, start.month, start.day);
  period.end = IsoDate(end.year, end.month, end.day);
  return period;
}

PeriodMatch Invalid(PeriodKind kind) {
  PeriodMatch period;
  period.kind = kind;
  period.valid = false;
  return period;
}

PeriodMatch Months(PeriodKind kind, int year, int first_month, int last_month) {
  return Between(kind, {year, first_month, 1}, {year, last_month, DaysInMonth(year, last_month)});
}

// The day, or an invalid period for an impossible date ("31/02/2024").
std::optional<Day> ReadDay(const RuleMatch& match, const std::string& suffix, int year) {
  Day day{year, SmallNumber(match.Group("m" + suffix)), SmallNumber(match.Group("d" + suffix))};
  if (!IsValidDate(day.year, day.month, day.day)) return std::nullopt;
  return day;
}

std::optional<PeriodMatch> Interpret(const RuleSet& rules, std::string_view text,
                                     const RuleMatch& match, int document_year) {
  if (!StandsAlone(text, match.span())) return std::nullopt;
  bool implicit = false;
  switch (match.rule().handler) {
    case Handler::kDay: {
      const int year = YearOf(match, "y", document_year, &implicit);
      if (year == 0) return std::nullopt;
      auto day = ReadDay(match, "", year);
      PeriodMatch period = day ? Between(PeriodKind::kDay, *day, *day) : Invalid(PeriodKind::kDay);
      period.year_implicit = implicit;
      return period;
    }
    case Handler::kMonth: {
      const int year = YearOf(match, "y", document_year, &implicit);
      const int month = SmallNumber(match.Group("m"));
      if (year == 0) return std::nullopt;
      PeriodMatch period = month >= 1 && month <= 12
                               ? Months(PeriodKind::kMonth, year, month, month)
                               : Invalid(PeriodKind::kMonth);
      period.year_implicit = implicit;
      return period;
    }
    case Handler::kQuarter: {
      const int year = YearOf(match, "y", document_year, &implicit);
      const int quarter = QuarterNumber(match.Group("q"));
      if (year == 0 || quarter == 0) return std::nullopt;
      PeriodMatch period = Months(PeriodKind::kQuarter, year, quarter * 3 - 2, quarter * 3);
      period.year_implicit = implicit;
      return period;
    }
    case Handler::kFirstMonths:
    case Handler::kLastMonths: {
      const int year = YearOf(match, "y", document_year, &implicit);
      std::string_view n = match.Group("n");
      const int months = SmallNumber(n) > 0 ? SmallNumber(n) : rules.NumberWord(n);
      if (year == 0 || months < 1 || months > 12) return std::nullopt;
      PeriodMatch period;
      if (match.rule().handler == Handler::kFirstMonths) {
        period = Months(months == 12 ? PeriodKind::kYear : PeriodKind::kYearToDate, year, 1, months);
      } else {
        const PeriodKind kind = months == 3    ? PeriodKind::kQuarter
                                : months == 6  ? PeriodKind::kHalf
                                : months == 12 ? PeriodKind::kYear
                                               : PeriodKind::kRange;
        period = Months(kind, year, 13 - months, 12);
      }
      period.year_implicit = implicit;
      return period;
    }
    case Handler::kHalf: {
      const int year = YearOf(match, "y", document_year, &implicit);
      if (year == 0) return std::nullopt;
      const bool second = Fold(match.Group("h")).find("cuoi") != std::string::npos;
      PeriodMatch period = Months(PeriodKind::kHalf, year, second ? 7 : 1, second ? 12 : 6);
      period.year_implicit = implicit;
      return period;
    }
    case Handler::kYear: {
      const int year = YearOf(match, "y", 0, nullptr);
      if (year == 0) return std::nullopt;
      return Months(PeriodKind::kYear, year, 1, 12);
    }
    case Handler::kYearRange: {
      const int first = YearOf(match, "y1", 0, nullptr);
      const int last = YearOf(match, "y2", 0, nullptr);
      if (first == 0 || last == 0) return std::nullopt;
      if (last < first) return Invalid(PeriodKind::kRange);
      return Between(PeriodKind::kRange, {first, 1, 1}, {last, 12, 31});
    }
    case Handler::kDayRange:
    case Handler::kMonthDayRange:
    case Handler::kMonthRange: {
      const int first_year = YearOf(match, "y1", 0, nullptr);
      const int last_year = YearOf(match, "y2", 0, nullptr);
      if (first_year == 0 || last_year == 0) return std::nullopt;
      const Handler handler = match.rule().handler;
      std::optional<Day> start;
      std::optional<Day> end;
      const int first_month = SmallNumber(match.Group("m1"));
      const int last_month = SmallNumber(match.Group("m2"));
      if (handler == Handler::kDayRange) {
        start = ReadDay(match, "1", first_year);
      } else if (first_month >= 1 && first_month <= 12) {
        start = Day{first_year, first_month, 1};
      }
      if (handler == Handler::kMonthRange) {
        if (last_month >= 1 && last_month <= 12) {
          end = Day{last_year, last_month, DaysInMonth(last_year, last_month)};
        }
      } else {
        end = ReadDay(match, "2", last_year);
      }
      if (!start || !end || *end < *start) return Invalid(PeriodKind::kRange);
      return Between(PeriodKind::kRange, *start, *end);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<PeriodMatch> ParsePeriods(const RuleSet& rules, std::string_view text,
                                      int document_year, const std::vector<Span>& occupied) {
  std::vector<Candidate<PeriodMatch>> candidates;
  int priority = 0;
  for (const Rule& rule : rules.periods()) {
    RuleMatch match(rule, text);
    std::size_t pos = 0;
    while (match.FindFrom(pos)) {
      const Span span = match.span();
      pos = span.end > span.begin ? span.end : span.begin + 1;
      if (auto period = Interpret(rules, text, match, document_year)) {
        period->span = span;
        period->text = std::string(text.substr(span.begin, span.size()));
        period->rule = rule.id;
        candidates.push_back({span, priority, std::move(*period)});
      }
    }
    ++priority;
  }
  return ResolveOverlaps(std::move(candidates), occupied);
}

}  // namespace baocao::rules_internal
