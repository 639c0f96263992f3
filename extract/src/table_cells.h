// The table cells of numbers and row codes ("3.2.4.", "1.234", "87,5%"),
// read again one by one. Whole-page OCR of a low-resolution scan misreads
// such a short text alone in a narrow ruled cell ("32.4", "La." for
// "1.2.1."): its dots blur into the digits. The cell cut out, in black and
// white, and read alone is read far more surely.
#ifndef BAOCAO_EXTRACT_TABLE_CELLS_H_
#define BAOCAO_EXTRACT_TABLE_CELLS_H_

#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "ocr_engine.h"
#include "page_image.h"
#include "page_layout.h"
#include "table_layout.h"

namespace baocao::extract_internal {

// Whether `text` is written as a number or a row code: groups of digits
// joined by "." "," "/" or "-", perhaps ending with "." or "," and "%"
// ("3.2.4.", "1.234", "87,5%", "01/9"). Spaces are ignored.
bool IsNumberText(std::string_view text);

// The cells holding words of the columns of `tables` where at least two
// and a quarter of the cells holding words hold number text, inside their
// rules (page points). `words` must have their cells assigned (AssignCells).
std::vector<Box> NumberColumnCells(const std::vector<Table>& tables,
                                   const std::vector<LaidWord>& words);

// Reads each of `cells` (page points) of `image` again, alone, as a block,
// in black and white, and returns, for each cell, the words read (boxes in
// page points) when they are number text, else nothing: a word the page's
// OCR read in a code column ("Trong đó") stays as it was. A cell that fails
// to read adds a warning to `warnings`.
std::vector<std::vector<OcrWord>> RereadNumberCells(const PageImage& image,
                                                    const std::vector<Box>& cells,
                                                    OcrEngine& engine, double timeout_seconds,
                                                    std::vector<std::string>& warnings);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_TABLE_CELLS_H_
