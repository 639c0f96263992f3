// How a series point is shown to a reader, the same in `baocao series` and
// on the series web page.
#ifndef BAOCAO_TOOLS_SERIES_FORMAT_H_
#define BAOCAO_TOOLS_SERIES_FORMAT_H_

#include <optional>
#include <string>

#include "baocao/storage.h"

namespace baocao::cli {

// `value` with up to 15 significant digits and no trailing zeros ("99.69").
std::string Number(double value);

// The value a reader wants to see: the value, else the percent, else the
// count ("8803/8831" when only a fraction is known).
std::string ShownValue(const SeriesPoint& point);

// The number a chart plots for the point (as ShownValue, a fraction as its
// percent); nullopt when there is none.
std::optional<double> PlottedValue(const SeriesPoint& point);

// The unit of ShownValue: "%" for a bare percent.
std::string ShownUnit(const SeriesPoint& point);

// "2024", "2024 Q1", "2024 H2", "2024-03", "2024-01-01..2024-09-30".
std::string ShownPeriod(const SeriesPoint& point);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_SERIES_FORMAT_H_
