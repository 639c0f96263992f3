// Pictures of PDF pages for people: a page as a PNG image, so that a review
// screen can show the page a fact was read from and draw its words' boxes.
//
//   Result<RenderedPage> page = RenderPdfPage("report.pdf", 3, 110, 20'000'000);
//   if (!page.ok()) { ...page.status()... }
//   const double scale = page.value().width / page.value().page_width_pt;
//   Draw(page.value().png, word.box.x0 * scale, word.box.y0 * scale, ...);
//
// Every call opens the file itself: safe to call from several threads at
// once, on the same file or different ones.
#ifndef BAOCAO_RENDER_H_
#define BAOCAO_RENDER_H_

#include <string>

#include "baocao/status.h"

namespace baocao {

struct RenderedPage {
  std::string png;  // the PNG file's bytes: 8-bit grayscale, white background
  int width = 0;    // pixels
  int height = 0;
  int dpi = 0;      // the resolution used; lower than asked when max_pixels required it
  // The page as drawn, in points: its crop box, turned by its /Rotate entry.
  // Boxes of Word::box (points, origin top-left) map to pixels by
  // multiplying by width / page_width_pt (= dpi / 72).
  double page_width_pt = 0;
  double page_height_pt = 0;
};

// Renders page `page_number` (1-based) of the PDF at `pdf_path` at `dpi`
// dots per inch. When the image would have more than `max_pixels` pixels it
// is rendered at the highest resolution that fits (RenderedPage::dpi says
// which), so that a 5 m poster cannot take gigabytes.
// `password` is tried when the file is encrypted (the empty one first).
//
// Fails with a status naming the file and page: kNotFound,
// kPermissionDenied, kNotPdf, kEncrypted, kCorrupt or kIoError when the file
// cannot be opened (as ExtractPdf); kInvalidArgument when the page does not
// exist or `dpi` or `max_pixels` is not positive; kTooLarge when not even
// 1 dpi fits in `max_pixels`; kCorrupt when the page cannot be drawn.
Result<RenderedPage> RenderPdfPage(const std::string& pdf_path, int page_number, int dpi,
                                   long long max_pixels, const std::string& password = "");

// The PNG bytes alone of RenderPdfPage(); the same errors.
Result<std::string> RenderPagePng(const std::string& pdf_path, int page_number, int dpi,
                                  long long max_pixels, const std::string& password = "");

}  // namespace baocao

#endif  // BAOCAO_RENDER_H_
