#include "baocao/series_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "baocao/series_format.h"

namespace baocao::cli {
namespace {

// Colours that stay apart for readers with the common colour deficiencies.
constexpr const char* kPalette[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                    "#e69f00", "#56b4e9", "#000000", "#999999"};

// Days since 1970-01-01 of YYYY-MM-DD (proleptic Gregorian); nullopt if malformed.
std::optional<long> DayNumber(const std::string& date) {
  int y = 0, m = 0, d = 0;
  if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) {
    return std::nullopt;
  }
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The day a point is drawn at: the middle of its period.
std::optional<double> PointDay(const SeriesPoint& p) {
  const std::optional<long> start = DayNumber(p.period_start);
  const std::optional<long> end = DayNumber(p.period_end);
  if (start && end) return (static_cast<double>(*start) + static_cast<double>(*end)) / 2.0;
  if (end) return static_cast<double>(*end);
  if (start) return static_cast<double>(*start);
  return std::nullopt;
}

std::string Fixed(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// A step of 1, 2 or 5 times a power of ten giving about `count` ticks.
double NiceStep(double span, int count) {
  const double raw = span / count;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= factor * power) return factor * power;
  }
  return 10.0 * power;
}

struct Plotted {
  double day = 0;
  double value = 0;
  const SeriesPoint* point = nullptr;
};

}  // namespace

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SeriesChartSvg(const std::vector<SeriesPoint>& points, const ChartOptions& options) {
  std::map<std::string, std::vector<Plotted>> lines;  // by entity
  for (const SeriesPoint& p : points) {
    const std::optional<double> value = PlottedValue(p);
    const std::optional<double> day = PointDay(p);
    if (value && day) lines[p.entity].push_back({*day, *value, &p});
  }
  const double w = options.width;
  const double h = options.height;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 " +
                    Fixed(w) + " " + Fixed(h) + "\" width=\"" + Fixed(w) + "\" height=\"" + Fixed(h) + "\">";
  if (lines.empty()) {
    svg += "<text x=\"" + Fixed(w / 2) + "\" y=\"" + Fixed(h / 2) +
           "\" text-anchor=\"middle\">No observation with a value and a period</text></svg>";
    return svg;
  }
  double min_day = 1e18, max_day = -1e18, min_value = 0, max_value = 0;
  for (auto& [entity, line] : lines) {
    std::sort(line.begin(), line.end(),
              [](const Plotted& a, const Plotted& b) { return a.day < b.day; });
    for (const Plotted& p : line) {
      min_day = std::min(min_day, p.day);
      max_day = std::max(max_day, p.day);
      min_value = std::min(min_value, p.value);
      max_value = std::max(max_value, p.value);
    }
  }
  if (max_day - min_day < 1) {  // one date: centre it
    min_day -= 180;
    max_day += 180;
  }
  if (max_value - min_value <= 0) max_value = min_value + 1;
  const double step = NiceStep(max_value - min_value, 5);
  const double top = std::ceil(max_value / step) * step;
  const double bottom = std::floor(min_value / step) * step;

  const double left = 64, right = w - 16, upper = 28, lower = h - 56;
  auto x_of = [&](double day) { return left + (day - min_day) / (max_day - min_day) * (right - left); };
  auto y_of = [&](double value) { return lower - (value - bottom) / (top - bottom) * (lower - upper); };

  // Value axis with grid lines.
  for (double v = bottom; v <= top + step / 2; v += step) {
    const std::string y = Fixed(y_of(v));
    svg += "<line class=\"grid\" x1=\"" + Fixed(left) + "\" x2=\"" + Fixed(right) + "\" y1=\"" + y +
           "\" y2=\"" + y + "\" stroke=\"#ddd\"/>";
    svg += "<text x=\"" + Fixed(left - 6) + "\" y=\"" + y +
           "\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\">" +
           EscapeHtml(Number(std::round(v * 1e6) / 1e6)) + "</text>";
  }
  if (!options.unit.empty()) {
    svg += "<text x=\"8\" y=\"16\" font-size=\"11\">" + EscapeHtml(options.unit) + "</text>";
  }
  // Time axis: one tick per year.
  const int first_year = static_cast<int>(std::floor(1970 + min_day / 365.2425));
  const int last_year = static_cast<int>(std::ceil(1970 + max_day / 365.2425));
  for (int year = first_year; year <= last_year; ++year) {
    const std::optional<long> day = DayNumber(std::to_string(year) + "-01-01");
    if (!day || static_cast<double>(*day) < min_day || static_cast<double>(*day) > max_day) continue;
    const std::string x = Fixed(x_of(static_cast<double>(*day)));
    svg += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + Fixed(lower) + "\" y2=\"" +
           Fixed(lower + 5) + "\" stroke=\"#555\"/>";
    svg += "<text x=\"" + x + "\" y=\"" + Fixed(lower + 18) +
           "\" text-anchor=\"middle\" font-size=\"11\">" + std::to_string(year) + "</text>";
  }
  svg += "<line x1=\"" + Fixed(left) + "\" x2=\"" + Fixed(right) + "\" y1=\"" + Fixed(lower) +
         "\" y2=\"" + Fixed(lower) + "\" stroke=\"#555\"/>";

  std::size_t colour = 0;
  double legend_x = left;
  for (const auto& [entity, line] : lines) {
    const char* stroke = kPalette[colour++ % (sizeof kPalette / sizeof kPalette[0])];
    std::string path;
    for (const Plotted& p : line) {
      path += (path.empty() ? "M" : " L") + Fixed(x_of(p.day)) + "," + Fixed(y_of(p.value));
    }
    svg += "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + stroke + "\" stroke-width=\"2\"/>";
    for (const Plotted& p : line) {
      const SeriesPoint& s = *p.point;
      const std::string title = (entity.empty() ? std::string("(no entity)") : entity) + ", " +
                                ShownPeriod(s) + ": " + ShownValue(s) + " " + ShownUnit(s) +
                                " (" + std::string(ReviewStatusName(s.review)) + ")";
      svg += "<a href=\"" + EscapeHtml(options.link_prefix + std::to_string(s.fact_id)) + "\">";
      svg += "<circle cx=\"" + Fixed(x_of(p.day)) + "\" cy=\"" + Fixed(y_of(p.value)) +
             "\" r=\"5\" fill=\"" + stroke + "\" data-fact=\"" + std::to_string(s.fact_id) +
             "\" data-entity=\"" + EscapeHtml(entity) + "\" data-period=\"" +
             EscapeHtml(ShownPeriod(s)) + "\" data-value=\"" + EscapeHtml(Number(p.value)) +
             "\" data-review=\"" + std::string(ReviewStatusName(s.review)) + "\"><title>" +
             EscapeHtml(title) + "</title></circle></a>";
    }
    // Legend under the axis.
    const std::string name = entity.empty() ? "(no entity)" : entity;
    svg += "<rect x=\"" + Fixed(legend_x) + "\" y=\"" + Fixed(h - 20) +
           "\" width=\"12\" height=\"12\" fill=\"" + stroke + "\"/>";
    svg += "<text x=\"" + Fixed(legend_x + 16) + "\" y=\"" + Fixed(h - 10) + "\" font-size=\"12\">" +
           EscapeHtml(name) + "</text>";
    legend_x += 28 + 7.0 * static_cast<double>(name.size());
  }
  svg += "</svg>";
  return svg;
}

}  // namespace baocao::cli
