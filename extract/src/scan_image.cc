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
// The pixels of those at least `erase_length` long are also set in
// `rule_ink` (1 bpp, the size of `binary`).
void FindLines(PIX* binary, bool horizontal, int min_length, int max_thickness, int erase_length,
               std::vector<Rule>& out, PIX* rule_ink) {
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
    } else {
      continue;
    }
    if (rule_ink != nullptr && std::max(w, h) >= erase_length) {
      pixRasterop(rule_ink, x, y, w, h, PIX_SRC | PIX_DST, opened.get(), x, y);
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
  // Rules longer than any dash of text are erased before OCR: read beside
  // a cell's text they come out as "|", "_" or letters glued to it.
  const int erase_length = std::max(40, page.dpi / 2);
  PixPtr rule_ink(pixCreate(pixGetWidth(binary.get()), pixGetHeight(binary.get()), 1));
  FindLines(lines, /*horizontal=*/true, min_length, max_thickness, erase_length, result.rules, rule_ink.get());
  FindLines(lines, /*horizontal=*/false, min_length, max_thickness, erase_length, result.rules, rule_ink.get());
  l_int32 empty = 1;
  if (rule_ink && pixZero(rule_ink.get(), &empty) == 0 && !empty && pixGetDepth(deskewed.get()) == 8) {
    // Their grey edges too: one pixel around.
    PixPtr grown(pixDilateBrick(nullptr, rule_ink.get(), 3, 3));
    if (grown && pixPaintThroughMask(deskewed.get(), grown.get(), 0, 0, 255) == 0) {
      result.image = FromPix(deskewed.get(), page.dpi);
    }
  }
  return result;
}

PageImage BlackAndWhiteCrop(const PageImage& image, int x0, int y0, int x1, int y1, int margin) {
  x0 = std::clamp(x0, 0, image.width);
  x1 = std::clamp(x1, 0, image.width);
  y0 = std::clamp(y0, 0, image.height);
  y1 = std::clamp(y1, 0, image.height);
  if (x1 <= x0 || y1 <= y0) return {};
  PageImage crop;
  crop.dpi = image.dpi;
  crop.width = x1 - x0 + 2 * margin;
  crop.height = y1 - y0 + 2 * margin;
  crop.pixels.assign(static_cast<std::size_t>(crop.width) * static_cast<std::size_t>(crop.height), 255);
  PixPtr gray(pixCreate(x1 - x0, y1 - y0, 8));
  if (!gray) return crop;
  l_uint32* data = pixGetData(gray.get());
  const int wpl = pixGetWpl(gray.get());
  for (int y = y0; y < y1; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y - y0) * wpl;
    const std::uint8_t* row = image.pixels.data() + static_cast<std::ptrdiff_t>(y) * image.width;
    for (int x = x0; x < x1; ++x) SET_DATA_BYTE(line, x - x0, row[x]);
  }
  // One tile over the whole crop: a single Otsu threshold.
  PIX* binary = nullptr;
  const l_int32 w = x1 - x0, h = y1 - y0;
  if (pixOtsuAdaptiveThreshold(gray.get(), std::max(w, 16), std::max(h, 16), 0, 0, 0.1f, nullptr,
                               &binary) != 0 ||
      binary == nullptr) {
    return crop;
  }
  PixPtr owned(binary);
  for (int y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(binary) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(binary);
    std::uint8_t* row = crop.pixels.data() + static_cast<std::ptrdiff_t>(y + margin) * crop.width + margin;
    for (int x = 0; x < w; ++x) row[x] = GET_DATA_BIT(line, x) ? 0 : 255;
  }
  return crop;
}

std::vector<Box> UnreadCells(const std::vector<Table>& tables, const std::vector<Box>& words,
                             const PageImage& image) {
  constexpr double kInset = 1.5;  // points: what is left of a rule stays out
  const double scale = image.Scale();
  // A small digit's strokes at 300 dpi are about 150 dark pixels; specks of
  // noise are a few.
  const double min_ink = std::max(8.0, 40.0 * scale * scale / (300.0 / 72 * 300.0 / 72));
  std::vector<Box> cells;
  for (const Table& table : tables) {
    for (const TableRow& row : table.rows) {
      for (std::size_t k = 0; k + 1 < row.column_edges.size(); ++k) {
        const Box cell{row.column_edges[k], row.y0, row.column_edges[k + 1], row.y1};
        const bool read = std::any_of(words.begin(), words.end(), [&](const Box& w) {
          const double cx = (w.x0 + w.x1) / 2, cy = (w.y0 + w.y1) / 2;
          return cx >= cell.x0 && cx < cell.x1 && cy >= cell.y0 && cy < cell.y1;
        });
        if (read) continue;
        const Box inside{cell.x0 + kInset, cell.y0 + kInset, cell.x1 - kInset, cell.y1 - kInset};
        const int x0 = std::clamp(static_cast<int>(inside.x0 * scale), 0, image.width);
        const int x1 = std::clamp(static_cast<int>(inside.x1 * scale), 0, image.width);
        const int y0 = std::clamp(static_cast<int>(inside.y0 * scale), 0, image.height);
        const int y1 = std::clamp(static_cast<int>(inside.y1 * scale), 0, image.height);
        if (x1 - x0 < 4 || y1 - y0 < 4) continue;
        // A scan's grey is paper: only dark pixels are ink.
        constexpr std::uint8_t kScanInkLevel = 128;
        if (static_cast<double>(image.DarkPixels(x0, y0, x1, y1, kScanInkLevel)) >= min_ink) {
          cells.push_back(inside);
        }
      }
    }
  }
  return cells;
}

}  // namespace baocao::extract_internal
