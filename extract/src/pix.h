// Leptonica images of rendered pages, owned.
#ifndef BAOCAO_EXTRACT_PIX_H_
#define BAOCAO_EXTRACT_PIX_H_

#include <leptonica/allheaders.h>

#include <memory>

#include "page_image.h"

namespace baocao::extract_internal {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// `image` as an 8-bit Leptonica image with its resolution; null when out of memory.
PixPtr ToPix(const PageImage& image);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_PIX_H_
