// Reading one page's text layer with Poppler's text analysis.
#ifndef BAOCAO_EXTRACT_TEXT_LAYER_H_
#define BAOCAO_EXTRACT_TEXT_LAYER_H_

#include "baocao/document.h"

class PDFDoc;

namespace baocao::extract_internal {

// Returns page `page_number` (1-based) of `doc` with its words, boxes and
// fonts, and its text in reading order: blocks top to bottom, columns apart,
// superscript footnote markers kept apart from the word they follow
// ("năm 2024¹", never "năm 20241").
Page ReadTextLayer(PDFDoc& doc, int page_number);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_TEXT_LAYER_H_
