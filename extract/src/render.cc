#include "baocao/render.h"

#include <PDFDoc.h>
#include <leptonica/allheaders.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

#include "page_image.h"
#include "pdf_file.h"
#include "pix.h"

namespace baocao {
namespace {

std::string PageTag(const std::string& path, int number) {
  return "'" + path + "' page " + std::to_string(number);
}

Result<std::string> EncodePng(const extract_internal::PageImage& image) {
  const extract_internal::PixPtr pix = extract_internal::ToPix(image);
  if (!pix) return Status(StatusCode::kInternal, "no memory for a page image");
  l_uint8* bytes = nullptr;
  std::size_t size = 0;
  if (pixWriteMemPng(&bytes, &size, pix.get(), 0.0f) != 0 || bytes == nullptr) {
    if (bytes != nullptr) lept_free(bytes);
    return Status(StatusCode::kInternal, "the page image could not be encoded as PNG");
  }
  std::string png(reinterpret_cast<const char*>(bytes), size);
  lept_free(bytes);
  return png;
}

// Everything but opening the file; may throw what Poppler throws.
Result<RenderedPage> Render(PDFDoc& doc, const std::string& path, int page_number, int dpi,
                            long long max_pixels) {
  const int pages = doc.getNumPages();
  if (page_number < 1 || page_number > pages) {
    return Status(StatusCode::kInvalidArgument, PageTag(path, page_number) + " does not exist: the file has " +
                                                    std::to_string(pages) + (pages == 1 ? " page" : " pages"));
  }
  Result<extract_internal::PageImage> image = extract_internal::RenderPage(doc, page_number, dpi, max_pixels);
  if (!image.ok()) {
    // RenderPage's messages start "page N ...".
    return Status(image.status().code(), "'" + path + "' " + image.status().message());
  }
  BAOCAO_ASSIGN_OR_RETURN(std::string png, EncodePng(image.value()));
  RenderedPage page;
  page.png = std::move(png);
  page.width = image.value().width;
  page.height = image.value().height;
  page.dpi = image.value().dpi;
  page.page_width_pt = doc.getPageCropWidth(page_number);
  page.page_height_pt = doc.getPageCropHeight(page_number);
  if (doc.getPageRotate(page_number) % 180 != 0) std::swap(page.page_width_pt, page.page_height_pt);
  return page;
}

}  // namespace

Result<RenderedPage> RenderPdfPage(const std::string& pdf_path, int page_number, int dpi,
                                   long long max_pixels, const std::string& password) {
  if (dpi <= 0 || max_pixels <= 0) {
    return Status(StatusCode::kInvalidArgument,
                  PageTag(pdf_path, page_number) + ": cannot render at " + std::to_string(dpi) +
                      " dpi within " + std::to_string(max_pixels) + " pixels; both must be positive");
  }
  // Poppler's complaints about a damaged page go here rather than to stderr.
  extract_internal::PopplerMessages messages;
  BAOCAO_ASSIGN_OR_RETURN(std::shared_ptr<PDFDoc> doc, extract_internal::OpenPdf(pdf_path, password));
  Result<RenderedPage> page = Status(StatusCode::kInternal, "not rendered");
  try {
    page = Render(*doc, pdf_path, page_number, dpi, max_pixels);
  } catch (const std::exception& e) {
    page = Status(StatusCode::kCorrupt, PageTag(pdf_path, page_number) + " could not be drawn: " + e.what());
  }
  if (!page.ok() && page.status().code() == StatusCode::kCorrupt) {
    const std::vector<std::string> said = messages.Take();
    if (!said.empty()) return Status(StatusCode::kCorrupt, page.status().message() + " (" + said.front() + ")");
  }
  return page;
}

Result<std::string> RenderPagePng(const std::string& pdf_path, int page_number, int dpi,
                                  long long max_pixels, const std::string& password) {
  BAOCAO_ASSIGN_OR_RETURN(RenderedPage page, RenderPdfPage(pdf_path, page_number, dpi, max_pixels, password));
  return std::move(page.png);
}

}  // namespace baocao
