// A line chart of an indicator series as SVG, drawn on the server so that the
// page needs no charting library: one line per entity over time, each point
// a link to the page its value was read from.
#ifndef BAOCAO_TOOLS_SERIES_CHART_H_
#define BAOCAO_TOOLS_SERIES_CHART_H_

#include <string>
#include <vector>

#include "baocao/storage.h"

namespace baocao::cli {

struct ChartOptions {
  int width = 860;   // SVG user units (CSS pixels)
  int height = 340;
  std::string unit;  // shown on the value axis
  // Point links: this prefix followed by the fact id ("/facts/").
  std::string link_prefix = "/facts/";
};

// The chart of `points` (as Store::Series gives them). Points without a
// plotted value or a period are left out; an empty series draws a message
// instead. Every text is XML-escaped. Each point is an <a> around a
// <circle> carrying data-fact, data-entity, data-period and data-value.
std::string SeriesChartSvg(const std::vector<SeriesPoint>& points, const ChartOptions& options);

// `text` with & < > " ' escaped for HTML and XML.
std::string EscapeHtml(const std::string& text);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_SERIES_CHART_H_
