#include "table_cells.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "scan_image.h"

namespace baocao::extract_internal {
namespace {

constexpr double kInset = 1.5;        // points: what is left of a rule stays out
constexpr double kSameEdge = 3.0;     // points: cells of one column share their edges
constexpr int kMarginPerInch = 15;    // a white margin of 1/15 inch around a cell
// A column of numbers or codes: at least two cells and a quarter of those
// with words read as number text by the page's OCR, which garbles many of the
// rest ("La.", "Ác"); no column of words has as many.
constexpr int kMinNumbers = 2;
constexpr int kNumberShare = 4;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

struct Column {
  double x0 = 0, x1 = 0;
  int with_words = 0;
  int with_numbers = 0;
  std::vector<Box> cells;  // holding words, inside their rules
};

Column& ColumnAt(std::vector<Column>& columns, double x0, double x1) {
  for (Column& c : columns) {
    if (std::fabs(c.x0 - x0) <= kSameEdge && std::fabs(c.x1 - x1) <= kSameEdge) return c;
  }
  columns.push_back({x0, x1, 0, 0, {}});
  return columns.back();
}

}  // namespace

bool IsNumberText(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (c != ' ') s.push_back(c);
  }
  if (!s.empty() && s.back() == '%') s.pop_back();
  if (!s.empty() && (s.back() == '.' || s.back() == ',')) s.pop_back();
  if (s.empty()) return false;
  // Digit groups, each separator between two groups.
  bool after_digit = false;
  for (char c : s) {
    if (IsDigit(c)) {
      after_digit = true;
    } else if ((c == '.' || c == ',' || c == '/' || c == '-') && after_digit) {
      after_digit = false;
    } else {
      return false;
    }
  }
  return after_digit;
}

std::vector<Box> NumberColumnCells(const std::vector<Table>& tables,
                                   const std::vector<LaidWord>& words) {
  std::vector<Box> out;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    std::vector<Column> columns;
    const std::vector<TableRow>& rows = tables[t].rows;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const std::vector<double>& edges = rows[r].column_edges;
      for (std::size_t k = 0; k + 1 < edges.size(); ++k) {
        std::string text;
        for (const LaidWord& w : words) {
          if (w.table == static_cast<int>(t) && w.row == static_cast<int>(r) &&
              w.column == static_cast<int>(k)) {
            text += w.word.text;
          }
        }
        if (text.empty()) continue;
        Column& column = ColumnAt(columns, edges[k], edges[k + 1]);
        ++column.with_words;
        if (IsNumberText(text)) ++column.with_numbers;
        column.cells.push_back(
            {edges[k] + kInset, rows[r].y0 + kInset, edges[k + 1] - kInset, rows[r].y1 - kInset});
      }
    }
    for (const Column& column : columns) {
      if (column.with_numbers >= kMinNumbers && kNumberShare * column.with_numbers >= column.with_words) {
        out.insert(out.end(), column.cells.begin(), column.cells.end());
      }
    }
  }
  return out;
}

std::vector<std::vector<OcrWord>> RereadNumberCells(const PageImage& image,
                                                    const std::vector<Box>& cells,
                                                    OcrEngine& engine, double timeout_seconds,
                                                    std::vector<std::string>& warnings) {
  const double scale = image.Scale();
  const int margin = std::max(4, image.dpi / kMarginPerInch);
  std::vector<std::vector<OcrWord>> out(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Box& cell = cells[i];
    const int x0 = static_cast<int>(std::lround(cell.x0 * scale));
    const int y0 = static_cast<int>(std::lround(cell.y0 * scale));
    const PageImage crop =
        BlackAndWhiteCrop(image, x0, y0, static_cast<int>(std::lround(cell.x1 * scale)),
                          static_cast<int>(std::lround(cell.y1 * scale)), margin);
    if (crop.width <= 2 * margin || crop.height <= 2 * margin) continue;
    Result<OcrResult> ocr = engine.RecognizeBlock(crop, timeout_seconds);
    if (!ocr.ok()) {
      warnings.push_back(ocr.status().message());
      continue;
    }
    std::string text;
    for (const OcrWord& w : ocr.value().words) text += w.text;
    if (!IsNumberText(text)) continue;
    for (OcrWord& w : ocr.value().words) {
      const Box b = w.box;
      w.box = {(b.x0 - margin + x0) / scale, (b.y0 - margin + y0) / scale,
               (b.x1 - margin + x0) / scale, (b.y1 - margin + y0) / scale};
      out[i].push_back(std::move(w));
    }
  }
  return out;
}

}  // namespace baocao::extract_internal
