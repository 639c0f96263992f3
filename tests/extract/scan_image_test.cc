#include "scan_image.h"

#include <gtest/gtest.h>

namespace baocao::extract_internal {
namespace {

PageImage WhitePage(int width, int height, int dpi) {
  PageImage page;
  page.width = width;
  page.height = height;
  page.dpi = dpi;
  page.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 255);
  return page;
}

void Fill(PageImage& page, int x0, int y0, int x1, int y1, std::uint8_t value) {
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) page.pixels[static_cast<std::size_t>(y * page.width + x)] = value;
  }
}

std::uint8_t At(const PageImage& page, int x, int y) {
  return page.pixels[static_cast<std::size_t>(y * page.width + x)];
}

TEST(PrepareScanTest, RulesAreFoundAndErasedAndTextIsKept) {
  PageImage page = WhitePage(1200, 800, 300);
  // A 2 x 2 ruled grid, rules 3 px thick, and a glyph-sized mark in a cell.
  for (const int y : {100, 300, 500}) Fill(page, 100, y, 1101, y + 3, 0);
  for (const int x : {100, 600, 1100}) Fill(page, x, 100, x + 3, 503, 0);
  Fill(page, 300, 180, 304, 220, 0);  // a stroke 40 px tall: shorter than any rule
  const PreparedScan scan = PrepareScan(page);
  EXPECT_GE(scan.rules.size(), 6u);
  EXPECT_GT(At(scan.image, 800, 301), 200) << "a horizontal rule is still there";
  EXPECT_GT(At(scan.image, 601, 400), 200) << "a vertical rule is still there";
  EXPECT_LT(At(scan.image, 302, 200), 100) << "the stroke inside a cell was erased";
}

TEST(UnreadCellsTest, InkedCellsWithoutWordsAreGiven) {
  // Two rows of two cells, each 100 x 20 points, at 144 dpi (2 px per point).
  const std::vector<Rule> rules = {{10, 10, 210, 10},  {10, 30, 210, 30}, {10, 50, 210, 50},
                                   {10, 10, 10, 50},   {110, 10, 110, 50}, {210, 10, 210, 50}};
  const std::vector<Table> tables = FindTables(rules);
  ASSERT_EQ(tables.size(), 1u);
  PageImage page = WhitePage(440, 120, 144);
  Fill(page, 60, 30, 90, 50, 0);    // ink in row 0, column 0: read as a word
  Fill(page, 260, 30, 266, 50, 0);  // ink in row 0, column 1: no word there
  page.pixels[static_cast<std::size_t>(80 * page.width + 100)] = 0;  // a speck in row 1, column 0
  const std::vector<Box> words = {{30, 15, 45, 25}};
  const std::vector<Box> cells = UnreadCells(tables, words, page);
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_GT(cells[0].x0, 110);
  EXPECT_LT(cells[0].x1, 210);
  EXPECT_GT(cells[0].y0, 10);
  EXPECT_LT(cells[0].y1, 30);
}

}  // namespace
}  // namespace baocao::extract_internal
