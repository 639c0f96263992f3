// Helpers shared by the parsers: calendar arithmetic and word boundaries.
#include <cstdio>

#include "parsers.h"
#include "text.h"

namespace baocao::rules_internal {

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && day >= 1 && day <= DaysInMonth(year, month);
}

std::string IsoDate(int year, int month, int day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year % 10000, month % 100, day % 100);
  return buffer;
}

int SmallNumber(std::string_view digits) {
  if (digits.empty() || digits.size() > 4) return -1;
  int value = 0;
  for (char ch : digits) {
    if (ch < '0' || ch > '9') return -1;
    value = value * 10 + (ch - '0');
  }
  return value;
}

bool StandsAlone(std::string_view text, Span span) {
  const char32_t before = CodePointBefore(text, span.begin);
  if (IsWordChar(before) || before == U'/') return false;
  if (before == U'-' || before == U'.' || before == U',') {
    // "COVID-19", "NĐ-CP", the tail of "1.10": glued through punctuation.
    const char32_t further = CodePointBefore(text, span.begin - 1);
    if (IsWordChar(further)) return false;
  }
  const char32_t after = CodePointAt(text, span.end);
  if (IsWordChar(after)) return false;
  if (after == U'/' || after == U'-' || after == U'.' || after == U',') {
    const char32_t further = CodePointAt(text, span.end + 1);
    if (after == U'/' || after == U'-') {
      if (IsWordChar(further)) return false;
    } else if (IsDigit(further)) {
      return false;
    }
  }
  return true;
}

}  // namespace baocao::rules_internal
