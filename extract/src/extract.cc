#include "baocao/extract.h"

#include <FontInfo.h>
#include <PDFDoc.h>
#include <goo/GooString.h>
#include <poppler-config.h>

#include <exception>
#include <filesystem>
#include <memory>

#include "pdf_file.h"
#include "text_layer.h"

namespace baocao {
namespace {

using extract_internal::PdfTextToUtf8;

std::string InfoEntry(PDFDoc& doc, const char* key) {
  std::unique_ptr<GooString> value = doc.getDocInfoStringEntry(key);
  return value ? PdfTextToUtf8(*value) : std::string();
}

const char* FontTypeName(::FontInfo::Type type) {
  switch (type) {
    case ::FontInfo::Type1: return "Type1";
    case ::FontInfo::Type1C: return "Type1C";
    case ::FontInfo::Type1COT: return "Type1C (OpenType)";
    case ::FontInfo::Type3: return "Type3";
    case ::FontInfo::TrueType: return "TrueType";
    case ::FontInfo::TrueTypeOT: return "TrueType (OpenType)";
    case ::FontInfo::CIDType0: return "CID Type0";
    case ::FontInfo::CIDType0C: return "CID Type0C";
    case ::FontInfo::CIDType0COT: return "CID Type0C (OpenType)";
    case ::FontInfo::CIDTrueType: return "CID TrueType";
    case ::FontInfo::CIDTrueTypeOT: return "CID TrueType (OpenType)";
    case ::FontInfo::unknown: break;
  }
  return "unknown";
}

std::vector<FontInfo> ScanFonts(PDFDoc& doc) {
  std::vector<FontInfo> fonts;
  FontInfoScanner scanner(&doc, 0);
  for (::FontInfo* info : scanner.scan(doc.getNumPages())) {
    FontInfo font;
    font.name = info->getName().value_or("");
    font.type = FontTypeName(info->getType());
    font.embedded = info->getEmbedded();
    font.has_to_unicode = info->getToUnicode();
    fonts.push_back(std::move(font));
    delete info;
  }
  return fonts;
}

Page ReadPage(PDFDoc& doc, int number, const std::string& path,
              extract_internal::PopplerMessages& messages) {
  Page page;
  try {
    page = extract_internal::ReadTextLayer(doc, number);
  } catch (const std::exception& e) {
    page = Page();
    page.number = number;
    page.route = PageRoute::kFailed;
    page.quality = 0;
    page.warnings.push_back("'" + path + "' page " + std::to_string(number) +
                            ": could not be read: " + e.what());
  }
  for (std::string& m : messages.Take()) {
    page.warnings.push_back("'" + path + "' page " + std::to_string(number) + ": " + m);
  }
  return page;
}

}  // namespace

std::string PopplerVersion() { return POPPLER_VERSION; }

Result<Document> ExtractPdf(const std::string& path, const ExtractOptions& options) {
  extract_internal::PopplerMessages messages;
  BAOCAO_ASSIGN_OR_RETURN(std::shared_ptr<PDFDoc> pdf,
                          extract_internal::OpenPdf(path, options.password));
  Document doc;
  doc.path = path;
  std::error_code ec;
  doc.file_size = static_cast<std::size_t>(std::filesystem::file_size(path, ec));
  for (std::string& m : messages.Take()) doc.warnings.push_back("'" + path + "': " + m);

  const int page_count = pdf->getNumPages();
  if (page_count <= 0) {
    return Status(StatusCode::kCorrupt, "'" + path + "' has no pages (its page tree is empty or unreadable)");
  }
  try {
    doc.producer = InfoEntry(*pdf, "Producer");
    doc.creator = InfoEntry(*pdf, "Creator");
    doc.title = InfoEntry(*pdf, "Title");
    doc.fonts = ScanFonts(*pdf);
  } catch (const std::exception& e) {
    doc.warnings.push_back("'" + path + "': document information unreadable: " + e.what());
  }
  for (std::string& m : messages.Take()) doc.warnings.push_back("'" + path + "': " + m);

  int last = page_count;
  if (options.max_pages > 0 && options.max_pages < page_count) {
    last = options.max_pages;
    doc.warnings.push_back("'" + path + "': only the first " + std::to_string(last) + " of " +
                           std::to_string(page_count) + " pages were read");
  }
  for (int n = 1; n <= last; ++n) doc.pages.push_back(ReadPage(*pdf, n, path, messages));
  return doc;
}

}  // namespace baocao
