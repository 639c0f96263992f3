// Ruled tables: finding them from the page's drawn rules, and reading their
// words row by row, cell by cell, instead of column by column.
#ifndef BAOCAO_EXTRACT_TABLE_LAYOUT_H_
#define BAOCAO_EXTRACT_TABLE_LAYOUT_H_

#include <vector>

#include "baocao/document.h"

namespace baocao::extract_internal {

// A straight rule drawn on the page, in page coordinates (points, y down).
struct Rule {
  double x0, y0, x1, y1;  // x0 <= x1, y0 <= y1
  bool horizontal() const { return y1 - y0 < x1 - x0; }
};

struct TableRow {
  double y0 = 0, y1 = 0;
  std::vector<double> column_edges;  // ascending; cell k lies between edges k and k+1
};

struct Table {
  Box box;
  std::vector<TableRow> rows;  // top to bottom

  // The cell (row, column) holding a point, or false when it is outside.
  bool CellAt(double x, double y, int* row, int* column) const;
};

// Finds ruled tables: connected sets of at least two horizontal and two
// vertical rules. Rows are the bands between horizontal rules; each row's
// columns are the vertical rules crossing it, so merged cells read as one.
std::vector<Table> FindTables(const std::vector<Rule>& rules);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_TABLE_LAYOUT_H_
