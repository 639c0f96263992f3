#include "baocao/series_format.h"

#include <cstdio>
#include <cstdlib>

namespace baocao::cli {

std::string Number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  return buffer;
}

std::string ShownValue(const SeriesPoint& p) {
  if (p.value) return Number(*p.value);
  if (p.percent) return Number(*p.percent);
  if (p.numerator) {
    return p.denominator ? Number(*p.numerator) + "/" + Number(*p.denominator)
                         : Number(*p.numerator);
  }
  return "";
}

std::optional<double> PlottedValue(const SeriesPoint& p) {
  if (p.value) return p.value;
  if (p.percent) return p.percent;
  if (p.numerator && p.denominator && *p.denominator != 0) {
    return *p.numerator / *p.denominator * 100.0;
  }
  return p.numerator;
}

std::string ShownUnit(const SeriesPoint& p) {
  if (!p.value && p.percent && p.unit.empty()) return "%";
  return p.unit;
}

std::string ShownPeriod(const SeriesPoint& p) {
  if (p.period_start.empty()) return p.period_end;
  const std::string year = p.period_start.substr(0, 4);
  const int month = std::atoi(p.period_start.substr(5, 2).c_str());
  if (p.period_kind == "year") return year;
  if (p.period_kind == "quarter") return year + " Q" + std::to_string((month + 2) / 3);
  if (p.period_kind == "half") return year + (month <= 6 ? " H1" : " H2");
  if (p.period_kind == "month") return p.period_start.substr(0, 7);
  return p.period_start + ".." + p.period_end;
}

}  // namespace baocao::cli
