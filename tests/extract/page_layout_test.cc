#include "page_layout.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace baocao::extract_internal {
namespace {

// One table row of two cells, 200 points wide each, 60 points high.
std::vector<Table> OneRowTable() {
  Table table;
  table.box = {0, 0, 400, 60};
  table.rows.push_back({0, 60, {0, 200, 400}});
  return {table};
}

// A word of cell (0, `column`) on reading-order line `line`, 10 points high.
LaidWord CellWord(std::string text, int column, int line, double x0, double baseline) {
  LaidWord laid;
  laid.word.text = std::move(text);
  laid.word.font_size = 10;
  laid.word.baseline = baseline;
  laid.word.box = {x0, baseline - 8, x0 + 25, baseline + 2};
  laid.line = line;
  laid.table = 0;
  laid.column = column;
  return laid;
}

std::string Compose(std::vector<LaidWord> words) {
  Page page;
  ComposeText(OneRowTable(), words, page);
  return page.text;
}

TEST(ComposeTextTest, CellLinesReadTopToBottomAndLeftToRight) {
  EXPECT_EQ(Compose({CellWord("bàn", 0, 2, 0, 32), CellWord("Tổng", 0, 1, 0, 20), CellWord("số", 0, 1, 30, 20),
                     CellWord("giao", 0, 2, 30, 32), CellWord("9", 1, 1, 0, 20)}),
            "Tổng số bàn giao\t9\n\n");
}

// A scanned line that rises to the right: its first and last words lie more
// than half a size apart, though each is within half a size of the next.
TEST(ComposeTextTest, SkewedCellLineKeepsItsWordsInOrder) {
  EXPECT_EQ(Compose({CellWord("Tổng", 0, 1, 0, 28), CellWord("số", 0, 1, 30, 24), CellWord("bàn", 0, 1, 60, 20),
                     CellWord("văn", 0, 2, 0, 42), CellWord("bản", 0, 2, 30, 40)}),
            "Tổng số bàn văn bản\t\n\n");
}

// OCR boxes with and without descenders and tall marks: one word of the
// first line sits as low as one of the second.
TEST(ComposeTextTest, JitteredBaselinesDoNotInterleaveCellLines) {
  EXPECT_EQ(Compose({CellWord("trên", 0, 2, 0, 33), CellWord("Tổng", 0, 1, 0, 29), CellWord("số", 0, 1, 30, 20),
                     CellWord("văn", 0, 1, 60, 21), CellWord("địa", 0, 2, 30, 31), CellWord("bản", 0, 1, 90, 20)}),
            "Tổng số văn bản trên địa\t\n\n");
}

// The reader cut a cell's first line in two and read a lower line between
// the pieces: the pieces at one height still make one line.
TEST(ComposeTextTest, PiecesOfALineAtOneHeightJoin) {
  EXPECT_EQ(Compose({CellWord("Tổng", 0, 1, 0, 20), CellWord("số", 0, 1, 30, 20), CellWord("trên", 0, 2, 0, 34),
                     CellWord("địa", 0, 2, 30, 34), CellWord("văn", 0, 3, 60, 21), CellWord("bản", 0, 3, 90, 21)}),
            "Tổng số văn bản trên địa\t\n\n");
}

}  // namespace
}  // namespace baocao::extract_internal
