// Preparing a page image for OCR: removing its skew and finding the ruled
// lines of its tables, which OCR alone reads column by column.
#ifndef BAOCAO_EXTRACT_SCAN_IMAGE_H_
#define BAOCAO_EXTRACT_SCAN_IMAGE_H_

#include <vector>

#include "page_image.h"
#include "table_layout.h"

namespace baocao::extract_internal {

struct PreparedScan {
  PageImage image;           // deskewed, same size and resolution as the input
  double skew_degrees = 0;   // the rotation that was removed
  std::vector<Rule> rules;   // straight rules found, in pixels of `image`
};

PreparedScan PrepareScan(const PageImage& page);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_SCAN_IMAGE_H_
