// Composing a page's text from positioned words: lines and blocks in reading
// order, ruled tables row by row. Shared by the text layer and OCR.
#ifndef BAOCAO_EXTRACT_PAGE_LAYOUT_H_
#define BAOCAO_EXTRACT_PAGE_LAYOUT_H_

#include <vector>

#include "baocao/document.h"
#include "table_layout.h"

namespace baocao::extract_internal {

// A word with its place in the reading order, before the text is composed.
struct LaidWord {
  Word word;
  int block = 0;        // reading-order block
  int line = 0;         // reading-order line
  bool space_after = false;
  int table = -1;       // index into the page's tables, -1 outside any
  int row = 0, column = 0;
};

// Places every word whose centre falls in a table cell into that cell.
void AssignCells(const std::vector<Table>& tables, std::vector<LaidWord>& words);

// Writes the words into page.text and page.words (with their spans): lines end
// with '\n', blocks are separated by a blank line, and each table is written
// where its first word comes, a row per line with cells joined by TAB.
void ComposeText(const std::vector<Table>& tables, std::vector<LaidWord>& words, Page& page);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_PAGE_LAYOUT_H_
