// Rendering a PDF page to a grayscale image, within a bound on its size.
#ifndef BAOCAO_EXTRACT_PAGE_IMAGE_H_
#define BAOCAO_EXTRACT_PAGE_IMAGE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "baocao/status.h"

class PDFDoc;

namespace baocao::extract_internal {

// An 8-bit grayscale raster, rows top to bottom, no padding.
struct PageImage {
  int width = 0;   // pixels
  int height = 0;
  int dpi = 0;     // the resolution it was rendered at
  std::vector<std::uint8_t> pixels;
  std::string note;  // set when the resolution was lowered to respect the bound

  // Pixels per PDF point.
  double Scale() const { return dpi / 72.0; }
  // How many pixels of the rectangle [x0, x1) x [y0, y1), clipped to the
  // image, are darker than `level`.
  std::size_t DarkPixels(long x0, long y0, long x1, long y1, std::uint8_t level) const;
};

// Rendered pages are antialiased: a pixel darker than this is ink.
constexpr std::uint8_t kInkLevel = 160;

// Renders page `page_number` at `dpi`; if the raster would exceed
// `max_pixels`, renders at the highest resolution that fits and says so in
// PageImage::note (a 5 m x 5 m page must not take gigabytes).
Result<PageImage> RenderPage(PDFDoc& doc, int page_number, int dpi, long long max_pixels);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_PAGE_IMAGE_H_
