#include "page_layout.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace baocao::extract_internal {
namespace {

void AppendWord(Word word, Page& page) {
  word.span.begin = page.text.size();
  page.text += word.text;
  word.span.end = page.text.size();
  page.words.push_back(std::move(word));
}

// Writes a table row by row: cells joined by TAB, a cell's lines by spaces.
void AppendTable(const Table& table, int table_index, std::vector<LaidWord>& words, Page& page) {
  std::vector<LaidWord*> mine;
  for (LaidWord& w : words) {
    if (w.table == table_index) mine.push_back(&w);
  }
  // Row, then column, then line by baseline (within half a size), then x.
  std::stable_sort(mine.begin(), mine.end(), [](const LaidWord* a, const LaidWord* b) {
    if (a->row != b->row) return a->row < b->row;
    if (a->column != b->column) return a->column < b->column;
    const double tolerance = 0.5 * std::max(a->word.font_size, b->word.font_size);
    if (std::fabs(a->word.baseline - b->word.baseline) > tolerance) return a->word.baseline < b->word.baseline;
    return a->word.box.x0 < b->word.box.x0;
  });
  std::size_t i = 0;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const int columns = static_cast<int>(table.rows[r].column_edges.size()) - 1;
    bool row_has_text = false;
    std::string row_start_marker;
    const std::size_t row_begin = page.text.size();
    for (int c = 0; c < columns; ++c) {
      if (c > 0) page.text += '\t';
      bool first = true;
      const LaidWord* previous = nullptr;
      while (i < mine.size() && mine[i]->row == static_cast<int>(r) && mine[i]->column == c) {
        // A superscript marker stays glued to the word before it, as on paper.
        const bool glue = previous && mine[i]->word.superscript && !previous->space_after;
        if (!first && !glue) page.text += ' ';
        AppendWord(mine[i]->word, page);
        row_has_text = true;
        first = false;
        previous = mine[i];
        ++i;
      }
    }
    if (row_has_text) {
      page.text += '\n';
    } else {
      page.text.resize(row_begin);  // a row of empty cells adds nothing
    }
  }
  page.text += '\n';
}

}  // namespace

void ComposeText(const std::vector<Table>& tables, std::vector<LaidWord>& words, Page& page) {
  std::vector<bool> table_done(tables.size(), false);
  int block = -1;
  int line = -1;
  bool space_pending = false;
  for (LaidWord& laid : words) {
    if (laid.table >= 0) {
      const auto t = static_cast<std::size_t>(laid.table);
      if (!table_done[t]) {
        if (line >= 0) page.text += "\n\n";
        AppendTable(tables[t], laid.table, words, page);
        table_done[t] = true;
        block = line = -1;
        space_pending = false;
      }
      continue;
    }
    if (laid.block != block && block >= 0) page.text += "\n\n";
    else if (laid.line != line && line >= 0) page.text += '\n';
    else if (space_pending) page.text += ' ';
    block = laid.block;
    line = laid.line;
    AppendWord(laid.word, page);
    space_pending = laid.space_after;
  }
  if (line >= 0) page.text += '\n';
}

void AssignCells(const std::vector<Table>& tables, std::vector<LaidWord>& words) {
  for (LaidWord& w : words) {
    const double cx = (w.word.box.x0 + w.word.box.x1) / 2;
    const double cy = (w.word.box.y0 + w.word.box.y1) / 2;
    for (std::size_t t = 0; t < tables.size(); ++t) {
      if (tables[t].CellAt(cx, cy, &w.row, &w.column)) {
        w.table = static_cast<int>(t);
        break;
      }
    }
  }
}

}  // namespace baocao::extract_internal
