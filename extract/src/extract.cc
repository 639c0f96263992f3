#include "baocao/extract.h"

#include <FontInfo.h>
#include <PDFDoc.h>
#include <goo/GooString.h>
#include <poppler-config.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "baocao/worker_pool.h"
#include "font_recovery.h"
#include "ocr_engine.h"
#include "page_image.h"
#include "page_layout.h"
#include "scan_image.h"
#include "pdf_file.h"
#include "text_layer.h"
#include "triage.h"

namespace baocao {
namespace {

using extract_internal::PdfTextToUtf8;
using extract_internal::TextLayerPage;
using extract_internal::Triage;

std::string PageTag(const std::string& path, int number) {
  return "'" + path + "' page " + std::to_string(number) + ": ";
}

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

TextLayerPage ReadLayer(PDFDoc& doc, int number, const std::string& path,
                        extract_internal::PopplerMessages& messages) {
  TextLayerPage layer;
  try {
    layer = extract_internal::ReadTextLayer(doc, number);
  } catch (const std::exception& e) {
    layer = TextLayerPage();
    layer.page.number = number;
    layer.page.route = PageRoute::kFailed;
    layer.page.quality = 0;
    layer.page.warnings.push_back(PageTag(path, number) + "could not be read: " + e.what());
  }
  for (std::string& m : messages.Take()) layer.page.warnings.push_back(PageTag(path, number) + m);
  return layer;
}

// A page with no text layer may still carry a picture of text; a page with no
// ink at all is blank and needs no OCR.
bool HasInk(PDFDoc& doc, int number) {
  Result<extract_internal::PageImage> thumb = extract_internal::RenderPage(doc, number, 36, 4'000'000);
  if (!thumb.ok()) return true;  // let OCR try and report
  std::size_t dark = 0;
  for (std::uint8_t p : thumb.value().pixels) dark += p < 160;
  return dark * 2000 > thumb.value().pixels.size();  // more than 0.05% dark pixels
}

// Replaces the page's words and text with what OCR read from `scan`: words
// in reading order, ruled tables row by row, boxes in page points.
void FillFromOcr(const extract_internal::OcrResult& ocr, const extract_internal::PreparedScan& scan,
                 Page& page) {
  const double scale = scan.image.Scale();
  std::vector<extract_internal::LaidWord> words;
  int block = 0;
  int line = 0;
  double confidence_sum = 0;
  std::size_t confidence_chars = 0;
  for (std::size_t i = 0; i < ocr.words.size(); ++i) {
    const extract_internal::OcrWord& o = ocr.words[i];
    if (i > 0 && o.starts_paragraph) ++block;
    if (i > 0 && (o.starts_line || o.starts_paragraph)) ++line;
    extract_internal::LaidWord laid;
    laid.block = block;
    laid.line = line;
    laid.space_after = true;
    Word& word = laid.word;
    word.text = o.text;
    word.box = {o.box.x0 / scale, o.box.y0 / scale, o.box.x1 / scale, o.box.y1 / scale};
    word.baseline = word.box.y1;
    word.font_size = word.box.y1 - word.box.y0;
    word.source = TextSource::kOcr;
    word.confidence = o.confidence;
    confidence_sum += o.confidence * static_cast<double>(o.text.size());
    confidence_chars += o.text.size();
    words.push_back(std::move(laid));
  }
  std::vector<extract_internal::Rule> rules;
  for (const extract_internal::Rule& r : scan.rules) {
    rules.push_back({r.x0 / scale, r.y0 / scale, r.x1 / scale, r.y1 / scale});
  }
  const std::vector<extract_internal::Table> tables = extract_internal::FindTables(rules);
  extract_internal::AssignCells(tables, words);
  page.words.clear();
  page.text.clear();
  extract_internal::ComposeText(tables, words, page);
  page.quality = confidence_chars ? confidence_sum / static_cast<double>(confidence_chars) : 0;
}

// Recognises `pages` (indexes into doc.pages) on options.jobs threads, one
// Tesseract engine per thread. Poppler is not thread-safe for one document,
// so pages are rendered here, a batch at a time, and only OCR runs in parallel.
void OcrPages(PDFDoc& pdf, const std::vector<std::size_t>& pages, const ExtractOptions& options,
              Document& doc) {
  if (pages.empty()) return;
  const WorkerPool pool(options.jobs);
  std::vector<std::unique_ptr<extract_internal::OcrEngine>> engines(static_cast<std::size_t>(pool.workers()));
  for (auto& engine : engines) {
    Result<std::unique_ptr<extract_internal::OcrEngine>> made =
        extract_internal::MakeTesseractEngine(options.ocr_languages);
    if (!made.ok()) {
      for (std::size_t i : pages) {
        doc.pages[i].route = PageRoute::kFailed;
        doc.pages[i].warnings.push_back(PageTag(doc.path, doc.pages[i].number) + made.status().message());
      }
      return;
    }
    engine = std::move(made).value();
  }
  const auto batch = static_cast<std::size_t>(pool.workers());
  for (std::size_t first = 0; first < pages.size(); first += batch) {
    const std::size_t count = std::min(batch, pages.size() - first);
    std::vector<Result<extract_internal::PageImage>> images;
    for (std::size_t k = 0; k < count; ++k) {
      images.push_back(extract_internal::RenderPage(pdf, doc.pages[pages[first + k]].number, options.ocr_dpi,
                                                    options.max_render_pixels));
    }
    pool.ForEach(count, [&](std::size_t k, int worker) {
      Page& page = doc.pages[pages[first + k]];
      const std::string tag = PageTag(doc.path, page.number);
      if (!images[k].ok()) {
        page.route = PageRoute::kFailed;
        page.warnings.push_back(tag + images[k].status().message());
        return;
      }
      const extract_internal::PageImage& image = images[k].value();
      if (!image.note.empty()) page.warnings.push_back(tag + image.note);
      const extract_internal::PreparedScan scan = extract_internal::PrepareScan(image);
      Result<extract_internal::OcrResult> ocr =
          engines[static_cast<std::size_t>(worker)]->Recognize(scan.image, options.ocr_page_timeout_seconds);
      if (!ocr.ok()) {
        page.route = PageRoute::kFailed;
        page.warnings.push_back(tag + ocr.status().message());
        return;
      }
      FillFromOcr(ocr.value(), scan, page);
      page.route = PageRoute::kOcr;
    });
  }
}

const char* TriageName(Triage triage) {
  switch (triage) {
    case Triage::kUse: return "use";
    case Triage::kRepair: return "repair";
    case Triage::kRecover: return "recover";
    case Triage::kOcr: return "ocr";
    case Triage::kEmpty: return "empty";
  }
  return "";
}

struct Routing {
  std::vector<std::size_t> recover;  // pages whose fonts lost characters
  std::vector<std::size_t> ocr;      // pages without a usable text layer
};

// Decides each page's route from its text layer and records why.
Routing RoutePages(PDFDoc& pdf, std::vector<TextLayerPage>& layers, const ExtractOptions& options,
                   Document& doc) {
  std::map<std::string, const FontInfo*> fonts;
  for (const FontInfo& f : doc.fonts) fonts[f.name] = &f;
  const extract_internal::TriageThresholds thresholds;
  Routing routing;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    Page& page = layers[i].page;
    if (page.route == PageRoute::kFailed) continue;
    const extract_internal::PageSignals signals = extract_internal::MeasurePage(layers[i], fonts, options.judge);
    Triage triage = extract_internal::DecideRoute(signals, thresholds);
    if (triage == Triage::kOcr && signals.glyphs < thresholds.min_glyphs && !HasInk(pdf, page.number)) {
      triage = Triage::kEmpty;
    }
    page.triage = TriageName(triage);
    page.quality = signals.syllable_share >= 0 ? signals.syllable_share : 1.0 - signals.bad_char_share;
    switch (triage) {
      case Triage::kUse:
      case Triage::kEmpty:
        page.route = PageRoute::kText;
        break;
      case Triage::kRepair:
        page.route = PageRoute::kRepaired;  // normalize does the repair
        page.warnings.push_back(PageTag(doc.path, page.number) + extract_internal::Explain(signals, triage));
        break;
      case Triage::kRecover:
        page.warnings.push_back(PageTag(doc.path, page.number) + extract_internal::Explain(signals, triage) +
                                (options.ocr ? "" : "; OCR is off, text layer kept"));
        if (options.ocr) routing.recover.push_back(i);
        break;
      case Triage::kOcr:
        page.warnings.push_back(PageTag(doc.path, page.number) + extract_internal::Explain(signals, triage) +
                                (options.ocr ? "; read by OCR" : "; OCR is off, text layer kept"));
        if (options.ocr) routing.ocr.push_back(i);
        break;
    }
  }
  return routing;
}

// Recovers the broken glyphs of `pages` by OCR voting and re-reads those
// pages with the recovered characters. Returns the pages still needing OCR
// because some of their glyphs stayed unresolved.
std::vector<std::size_t> RecoverPages(PDFDoc& pdf, const std::vector<std::size_t>& pages,
                                      std::vector<TextLayerPage>& layers, const ExtractOptions& options,
                                      Document& doc) {
  if (pages.empty()) return {};
  Result<std::unique_ptr<extract_internal::OcrEngine>> engine =
      extract_internal::MakeTesseractEngine(options.ocr_languages);
  if (!engine.ok()) {
    doc.warnings.push_back("'" + doc.path + "': " + engine.status().message());
    return pages;
  }
  extract_internal::RecoveryOptions recovery_options;
  recovery_options.dpi = options.ocr_dpi;
  recovery_options.max_render_pixels = options.max_render_pixels;
  recovery_options.page_timeout_seconds = options.ocr_page_timeout_seconds;
  const extract_internal::FontRecovery recovery =
      extract_internal::RecoverFonts(pdf, layers, doc.fonts, *engine.value(), recovery_options);
  for (const std::string& w : recovery.warnings) doc.warnings.push_back("'" + doc.path + "' " + w);

  std::map<std::string, FontInfo*> fonts;
  for (FontInfo& f : doc.fonts) fonts[f.name] = &f;
  std::set<std::pair<std::string, std::uint32_t>> unresolved;
  for (const extract_internal::RecoveredGlyph& g : recovery.glyphs) {
    FontInfo* font = fonts.count(g.font) ? fonts[g.font] : nullptr;
    if (g.unicode.empty()) unresolved.insert({g.font, g.code});
    if (font == nullptr) continue;
    if (g.unicode.empty()) {
      font->unresolved_codes.push_back(g.code);
    } else {
      font->recovered.push_back({g.code, g.unicode, g.votes, g.total_votes});
    }
  }

  std::vector<std::size_t> still_broken;
  for (std::size_t i : pages) {
    Page& old = layers[i].page;
    const int number = old.number;
    std::size_t left = 0;
    std::size_t drawn = 0;
    for (const extract_internal::DrawnGlyph& g : layers[i].glyphs) {
      left += unresolved.count({g.font, g.code});
      if (g.unicode != " ") ++drawn;
    }
    TextLayerPage reread = extract_internal::ReadTextLayer(pdf, number, recovery.overrides);
    reread.page.triage = old.triage;
    reread.page.warnings = std::move(old.warnings);
    reread.page.quality = old.quality;
    layers[i] = std::move(reread);
    // A few rare glyphs left unresolved cost less than reading the page again
    // by OCR; more than that and OCR is the better text.
    if (left * 200 > drawn) {
      layers[i].page.warnings.push_back(PageTag(doc.path, number) + std::to_string(left) +
                                        " glyphs of unresolved codes; read by OCR");
      still_broken.push_back(i);
      continue;
    }
    layers[i].page.route = PageRoute::kRecovered;
    if (left > 0) {
      layers[i].page.quality = std::min(layers[i].page.quality, 1.0 - static_cast<double>(left) / static_cast<double>(drawn));
      layers[i].page.warnings.push_back(PageTag(doc.path, number) + std::to_string(left) +
                                        " glyphs of unresolved codes kept as the font mapped them");
    }
  }
  return still_broken;
}

}  // namespace

std::string PopplerVersion() { return POPPLER_VERSION; }

Result<Document> ExtractPdf(const std::string& path, const ExtractOptions& options) {
  extract_internal::PopplerMessages messages;
  BAOCAO_ASSIGN_OR_RETURN(std::shared_ptr<PDFDoc> pdf, extract_internal::OpenPdf(path, options.password));
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
  std::vector<TextLayerPage> layers;
  for (int n = 1; n <= last; ++n) layers.push_back(ReadLayer(*pdf, n, path, messages));
  extract_internal::DiagnoseFonts(layers, doc.fonts);
  Routing routing = RoutePages(*pdf, layers, options, doc);
  for (std::size_t i : RecoverPages(*pdf, routing.recover, layers, options, doc)) routing.ocr.push_back(i);
  std::sort(routing.ocr.begin(), routing.ocr.end());
  for (TextLayerPage& layer : layers) doc.pages.push_back(std::move(layer.page));
  OcrPages(*pdf, routing.ocr, options, doc);
  for (std::string& m : messages.Take()) doc.warnings.push_back("'" + path + "': " + m);
  return doc;
}

}  // namespace baocao
