#include "scan_image.h"

#include "pix.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <memory>

namespace baocao::extract_internal {

PixPtr ToPix(const PageImage& image) {
  PixPtr pix(pixCreate(image.width, image.height, 8));
  if (!pix) return pix;
  l_uint32* data = pixGetData(pix.get());
  const int wpl = pixGetWpl(pix.get());
  for (int y = 0; y < image.height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    const std::uint8_t* row = image.pixels.data() + static_cast<std::ptrdiff_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(pix.get(), image.dpi, image.dpi);
  return pix;
}

namespace {

struct BoxaDeleter {
  void operator()(BOXA* boxa) const { boxaDestroy(&boxa); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;


PageImage FromPix(PIX* pix, int dpi) {
  PageImage image;
  image.width = static_cast<int>(pixGetWidth(pix));
  image.height = static_cast<int>(pixGetHeight(pix));
  image.dpi = dpi;
  image.pixels.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
  const l_uint32* data = pixGetData(pix);
  const int wpl = pixGetWpl(pix);
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    std::uint8_t* row = image.pixels.data() + static_cast<std::ptrdiff_t>(y) * image.width;
    for (int x = 0; x < image.width; ++x) row[x] = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
  }
  return image;
}

// Long thin components left after opening with a long line-shaped element.
void FindLines(PIX* binary, bool horizontal, int min_length, int max_thickness, std::vector<Rule>& out) {
  PixPtr opened(horizontal ? pixOpenBrick(nullptr, binary, min_length, 1)
                           : pixOpenBrick(nullptr, binary, 1, min_length));
  if (!opened) return;
  BoxaPtr boxes(pixConnComp(opened.get(), nullptr, 8));
  if (!boxes) return;
  for (int i = 0; i < boxaGetCount(boxes.get()); ++i) {
    l_int32 x = 0, y = 0, w = 0, h = 0;
    boxaGetBoxGeometry(boxes.get(), i, &x, &y, &w, &h);
    if (horizontal && w >= min_length && h <= max_thickness) {
      const double mid = y + h / 2.0;
      out.push_back({static_cast<double>(x), mid, static_cast<double>(x + w), mid});
    } else if (!horizontal && h >= min_length && w <= max_thickness) {
      const double mid = x + w / 2.0;
      out.push_back({mid, static_cast<double>(y), mid, static_cast<double>(y + h)});
    }
  }
}

}  // namespace

PreparedScan PrepareScan(const PageImage& page) {
  PreparedScan result;
  result.image = page;
  PixPtr gray = ToPix(page);
  if (!gray) return result;

  l_float32 angle = 0;
  l_float32 confidence = 0;
  PixPtr deskewed(pixFindSkewAndDeskew(gray.get(), 2, &angle, &confidence));
  if (deskewed && pixGetDepth(deskewed.get()) == 8) {
    result.image = FromPix(deskewed.get(), page.dpi);
    result.skew_degrees = static_cast<double>(angle);
  } else {
    deskewed = std::move(gray);
  }

  PixPtr binary(pixConvertTo1(deskewed.get(), 160));
  if (!binary) return result;
  // Scanning breaks thin rules into dashes; close small gaps first.
  PixPtr closed(pixCloseBrick(nullptr, binary.get(), 3, 3));
  PIX* lines = closed ? closed.get() : binary.get();
  const int min_length = std::max(20, page.dpi / 6);      // a sixth of an inch
  const int max_thickness = std::max(3, page.dpi / 40);   // thicker is a filled shape
  FindLines(lines, /*horizontal=*/true, min_length, max_thickness, result.rules);
  FindLines(lines, /*horizontal=*/false, min_length, max_thickness, result.rules);
  return result;
}

}  // namespace baocao::extract_internal
