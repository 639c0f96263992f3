#include "table_layout.h"

#include <algorithm>
#include <numeric>

namespace baocao::extract_internal {
namespace {

constexpr double kTouch = 2.0;   // rules this close (points) meet
constexpr double kMerge = 1.5;   // coordinates this close are one edge

bool Touch(const Rule& a, const Rule& b) {
  return a.x0 <= b.x1 + kTouch && b.x0 <= a.x1 + kTouch && a.y0 <= b.y1 + kTouch && b.y0 <= a.y1 + kTouch;
}

int Find(std::vector<int>& parent, int i) {
  while (parent[static_cast<std::size_t>(i)] != i) {
    parent[static_cast<std::size_t>(i)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])];
    i = parent[static_cast<std::size_t>(i)];
  }
  return i;
}

std::vector<double> MergedSorted(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::vector<double> out;
  for (double v : values) {
    if (out.empty() || v - out.back() > kMerge) out.push_back(v);
  }
  return out;
}

Table BuildTable(const std::vector<const Rule*>& rules) {
  Table table;
  table.box = {rules[0]->x0, rules[0]->y0, rules[0]->x1, rules[0]->y1};
  std::vector<double> ys;
  for (const Rule* r : rules) {
    table.box.x0 = std::min(table.box.x0, r->x0);
    table.box.y0 = std::min(table.box.y0, r->y0);
    table.box.x1 = std::max(table.box.x1, r->x1);
    table.box.y1 = std::max(table.box.y1, r->y1);
    if (r->horizontal()) ys.push_back((r->y0 + r->y1) / 2);
  }
  ys = MergedSorted(ys);
  for (std::size_t i = 0; i + 1 < ys.size(); ++i) {
    TableRow row;
    row.y0 = ys[i];
    row.y1 = ys[i + 1];
    const double mid = (row.y0 + row.y1) / 2;
    std::vector<double> xs;
    for (const Rule* r : rules) {
      if (!r->horizontal() && r->y0 - kTouch <= mid && mid <= r->y1 + kTouch) xs.push_back((r->x0 + r->x1) / 2);
    }
    row.column_edges = MergedSorted(xs);
    if (row.column_edges.size() >= 2) table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

bool Table::CellAt(double x, double y, int* row, int* column) const {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const TableRow& band = rows[r];
    if (y < band.y0 || y >= band.y1) continue;
    const std::vector<double>& edges = band.column_edges;
    for (std::size_t c = 0; c + 1 < edges.size(); ++c) {
      if (x >= edges[c] && x < edges[c + 1]) {
        *row = static_cast<int>(r);
        *column = static_cast<int>(c);
        return true;
      }
    }
  }
  return false;
}

std::vector<Table> FindTables(const std::vector<Rule>& rules) {
  // Pairing is quadratic; a page with this many rules is a drawing, not a form.
  constexpr std::size_t kMaxRules = 4000;
  if (rules.size() > kMaxRules) return {};
  const int n = static_cast<int>(rules.size());
  std::vector<int> parent(rules.size());
  std::iota(parent.begin(), parent.end(), 0);
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      if (Touch(rules[static_cast<std::size_t>(i)], rules[static_cast<std::size_t>(j)])) {
        parent[static_cast<std::size_t>(Find(parent, i))] = Find(parent, j);
      }
    }
  }
  std::vector<std::vector<const Rule*>> groups(rules.size());
  for (int i = 0; i < n; ++i) groups[static_cast<std::size_t>(Find(parent, i))].push_back(&rules[static_cast<std::size_t>(i)]);

  std::vector<Table> tables;
  for (const std::vector<const Rule*>& group : groups) {
    const auto horizontal = std::count_if(group.begin(), group.end(), [](const Rule* r) { return r->horizontal(); });
    const auto vertical = static_cast<std::ptrdiff_t>(group.size()) - horizontal;
    if (horizontal < 2 || vertical < 2) continue;
    Table table = BuildTable(group);
    if (!table.rows.empty()) tables.push_back(std::move(table));
  }
  std::sort(tables.begin(), tables.end(), [](const Table& a, const Table& b) { return a.box.y0 < b.box.y0; });
  return tables;
}

}  // namespace baocao::extract_internal
