#include "table_layout.h"

#include <gtest/gtest.h>

namespace baocao::extract_internal {
namespace {

// A grid of `rows` x `columns` cells, each 100 x 20 points, from (10, 10).
std::vector<Rule> Grid(int rows, int columns) {
  std::vector<Rule> rules;
  const double right = 10 + 100.0 * columns;
  const double bottom = 10 + 20.0 * rows;
  for (int r = 0; r <= rows; ++r) rules.push_back({10, 10 + 20.0 * r, right, 10 + 20.0 * r});
  for (int c = 0; c <= columns; ++c) rules.push_back({10 + 100.0 * c, 10, 10 + 100.0 * c, bottom});
  return rules;
}

TEST(FindTablesTest, GridGivesRowsAndColumns) {
  const std::vector<Table> tables = FindTables(Grid(3, 4));
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 3u);
  EXPECT_EQ(tables[0].rows[0].column_edges.size(), 5u);
  int row = -1, column = -1;
  ASSERT_TRUE(tables[0].CellAt(250, 55, &row, &column));
  EXPECT_EQ(row, 2);
  EXPECT_EQ(column, 2);
  EXPECT_FALSE(tables[0].CellAt(5, 5, &row, &column));
}

TEST(FindTablesTest, MergedCellReadsAsOne) {
  std::vector<Rule> rules = Grid(2, 3);
  // Remove the vertical rule between columns 1 and 2 in the second row only.
  rules.erase(rules.begin() + 3 + 2);
  rules.push_back({210, 10, 210, 30});
  const std::vector<Table> tables = FindTables(rules);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows[0].column_edges.size(), 4u);
  EXPECT_EQ(tables[0].rows[1].column_edges.size(), 3u);
}

TEST(FindTablesTest, SeparateGridsAreSeparateTables) {
  std::vector<Rule> rules = Grid(2, 2);
  for (Rule r : Grid(2, 2)) {
    r.y0 += 300;
    r.y1 += 300;
    rules.push_back(r);
  }
  const std::vector<Table> tables = FindTables(rules);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_LT(tables[0].box.y0, tables[1].box.y0);
}

TEST(FindTablesTest, LoneRulesAreNotTables) {
  // A footnote separator and an underline.
  EXPECT_TRUE(FindTables({{10, 700, 150, 700}, {10, 300, 400, 300}}).empty());
}

TEST(FindTablesTest, TooManyRulesAreADrawingNotATable) {
  std::vector<Rule> rules;
  for (int i = 0; i < 5000; ++i) rules.push_back({0, static_cast<double>(i), 10, static_cast<double>(i)});
  EXPECT_TRUE(FindTables(rules).empty());
}

}  // namespace
}  // namespace baocao::extract_internal
