#include "page_layout.h"

#include <algorithm>
#include <string>

namespace baocao::extract_internal {
namespace {

void AppendWord(Word word, Page& page) {
  word.span.begin = page.text.size();
  page.text += word.text;
  word.span.end = page.text.size();
  page.words.push_back(std::move(word));
}

bool InSameCell(const LaidWord& a, const LaidWord& b) {
  return a.row == b.row && a.column == b.column;
}

double Median(std::vector<double> values) {
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2), values.end());
  return values[values.size() / 2];
}

// Words of one cell that lie on one line: a line of the reading order (OCR's
// or the text layer's), or several such pieces at one height.
struct CellLine {
  std::vector<LaidWord*> words;
  double baseline = 0;  // the median of its words': one word's may jitter
  double size = 0;
};

CellLine MakeCellLine(std::vector<LaidWord*> words) {
  CellLine line;
  std::vector<double> baselines, sizes;
  for (const LaidWord* w : words) {
    baselines.push_back(w->word.baseline);
    sizes.push_back(w->word.font_size);
  }
  line.baseline = Median(baselines);
  line.size = Median(sizes);
  line.words = std::move(words);
  return line;
}

// The pieces of reading-order lines in one cell, top to bottom, with pieces
// less than half a size apart merged: a line the reader split in two.
std::vector<CellLine> CellLines(std::vector<LaidWord*>::iterator begin, std::vector<LaidWord*>::iterator end) {
  std::stable_sort(begin, end, [](const LaidWord* a, const LaidWord* b) { return a->line < b->line; });
  std::vector<CellLine> pieces;
  for (auto piece_begin = begin; piece_begin != end;) {
    auto piece_end = piece_begin + 1;
    while (piece_end != end && (*piece_end)->line == (*piece_begin)->line) ++piece_end;
    pieces.push_back(MakeCellLine({piece_begin, piece_end}));
    piece_begin = piece_end;
  }
  std::stable_sort(pieces.begin(), pieces.end(),
                   [](const CellLine& a, const CellLine& b) { return a.baseline < b.baseline; });
  std::vector<CellLine> lines;
  for (CellLine& piece : pieces) {
    if (!lines.empty() && piece.baseline - lines.back().baseline <= 0.5 * std::max(piece.size, lines.back().size)) {
      lines.back().words.insert(lines.back().words.end(), piece.words.begin(), piece.words.end());
      continue;
    }
    lines.push_back(std::move(piece));
  }
  return lines;
}

// Puts the words of one cell in reading order: lines top to bottom, each
// line left to right.
void OrderCellWords(std::vector<LaidWord*>::iterator begin, std::vector<LaidWord*>::iterator end) {
  std::vector<CellLine> lines = CellLines(begin, end);
  auto out = begin;
  for (CellLine& line : lines) {
    std::stable_sort(line.words.begin(), line.words.end(),
                     [](const LaidWord* a, const LaidWord* b) { return a->word.box.x0 < b->word.box.x0; });
    out = std::copy(line.words.begin(), line.words.end(), out);
  }
}

// The table's words in reading order: row by row, cell by cell, and in a
// cell line by line. Lines are found first and then ordered; comparing two
// words' baselines with a tolerance instead is not a strict weak order and
// interleaves the lines of a cell.
std::vector<LaidWord*> TableWordsInOrder(int table_index, std::vector<LaidWord>& words) {
  std::vector<LaidWord*> mine;
  for (LaidWord& w : words) {
    if (w.table == table_index) mine.push_back(&w);
  }
  std::stable_sort(mine.begin(), mine.end(), [](const LaidWord* a, const LaidWord* b) {
    if (a->row != b->row) return a->row < b->row;
    return a->column < b->column;
  });
  for (auto cell_begin = mine.begin(); cell_begin != mine.end();) {
    auto cell_end = cell_begin + 1;
    while (cell_end != mine.end() && InSameCell(**cell_begin, **cell_end)) ++cell_end;
    OrderCellWords(cell_begin, cell_end);
    cell_begin = cell_end;
  }
  return mine;
}

// Writes a table row by row: cells joined by TAB, a cell's lines by spaces.
void AppendTable(const Table& table, int table_index, std::vector<LaidWord>& words, Page& page) {
  const std::vector<LaidWord*> mine = TableWordsInOrder(table_index, words);
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
