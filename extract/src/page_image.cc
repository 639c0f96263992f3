#include "page_image.h"

#include <PDFDoc.h>
#include <SplashOutputDev.h>
#include <splash/SplashBitmap.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace baocao::extract_internal {

std::size_t PageImage::DarkPixels(long x0, long y0, long x1, long y1, std::uint8_t level) const {
  x0 = std::clamp<long>(x0, 0, width), x1 = std::clamp<long>(x1, 0, width);
  y0 = std::clamp<long>(y0, 0, height), y1 = std::clamp<long>(y1, 0, height);
  std::size_t dark = 0;
  for (long y = y0; y < y1; ++y) {
    const std::uint8_t* line = pixels.data() + y * width;
    for (long x = x0; x < x1; ++x) dark += line[x] < level;
  }
  return dark;
}

Result<PageImage> RenderPage(PDFDoc& doc, int page_number, int dpi, long long max_pixels) {
  const double width_pt = doc.getPageCropWidth(page_number);
  const double height_pt = doc.getPageCropHeight(page_number);
  if (width_pt <= 0 || height_pt <= 0) {
    return Status(StatusCode::kCorrupt, "page " + std::to_string(page_number) + " has no size");
  }
  PageImage image;
  image.dpi = dpi;
  const double pixels = width_pt * height_pt * (dpi / 72.0) * (dpi / 72.0);
  if (pixels > static_cast<double>(max_pixels)) {
    image.dpi = static_cast<int>(std::floor(72.0 * std::sqrt(static_cast<double>(max_pixels) /
                                                             (width_pt * height_pt))));
    if (image.dpi < 1) {
      return Status(StatusCode::kTooLarge, "page " + std::to_string(page_number) +
                                               " is too large to render within the image bound");
    }
    image.note = "page " + std::to_string(page_number) + " rendered at " +
                 std::to_string(image.dpi) + " dpi instead of " + std::to_string(dpi) +
                 " to stay within " + std::to_string(max_pixels) + " pixels";
  }

  SplashColor white;
  white[0] = 0xFF;
  SplashOutputDev out(splashModeMono8, /*bitmapRowPadA=*/1, /*reverseVideoA=*/false, white);
  out.startDoc(&doc);
  doc.displayPage(&out, page_number, image.dpi, image.dpi, /*rotate=*/0, /*useMediaBox=*/false,
                  /*crop=*/true, /*printing=*/false);
  SplashBitmap* bitmap = out.getBitmap();
  if (bitmap == nullptr || bitmap->getWidth() <= 0 || bitmap->getHeight() <= 0) {
    return Status(StatusCode::kCorrupt, "page " + std::to_string(page_number) + " did not render");
  }
  image.width = bitmap->getWidth();
  image.height = bitmap->getHeight();
  const auto row = static_cast<std::size_t>(image.width);
  image.pixels.resize(row * static_cast<std::size_t>(image.height));
  const unsigned char* data = bitmap->getDataPtr();
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(image.pixels.data() + row * static_cast<std::size_t>(y),
                data + static_cast<std::ptrdiff_t>(y) * bitmap->getRowSize(), row);
  }
  return image;
}

}  // namespace baocao::extract_internal
