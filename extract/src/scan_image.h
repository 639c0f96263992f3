// Preparing a page image for OCR: removing its skew, and finding the ruled
// lines of its tables (which OCR alone reads column by column) and erasing
// them (which OCR reads as "|", "_" or letters beside a cell's text).
#ifndef BAOCAO_EXTRACT_SCAN_IMAGE_H_
#define BAOCAO_EXTRACT_SCAN_IMAGE_H_

#include <vector>

#include "page_image.h"
#include "table_layout.h"

namespace baocao::extract_internal {

struct PreparedScan {
  PageImage image;           // deskewed, rules erased, same size and resolution as the input
  double skew_degrees = 0;   // the rotation that was removed
  std::vector<Rule> rules;   // straight rules found, in pixels of `image`
};

PreparedScan PrepareScan(const PageImage& page);

// The cells of `tables` (page points) that hold ink in `image` but none of
// `words` (their centres): OCR of a whole page often drops a short code or
// number alone in a narrow column. Boxes in page points, inside the rules.
std::vector<Box> UnreadCells(const std::vector<Table>& tables, const std::vector<Box>& words,
                             const PageImage& image);

// The pixels [x0, x1) x [y0, y1) of `image`, black where darker than their
// Otsu threshold and white elsewhere, with a white margin of `margin` pixels
// around. OCR reads the grey of a blurred scan's small digits less surely
// than the same digits in black and white. Empty when the box holds no pixels.
PageImage BlackAndWhiteCrop(const PageImage& image, int x0, int y0, int x1, int y1, int margin);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_SCAN_IMAGE_H_
