#include "baocao/extract.h"

#include <PDFDoc.h>
#include <goo/GooString.h>
#include <poppler-config.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "baocao/worker_pool.h"
#include "font_recovery.h"
#include "glyph_shapes.h"
#include "ocr_engine.h"
#include "page_image.h"
#include "page_layout.h"
#include "scan_image.h"
#include "table_cells.h"
#include "pdf_file.h"
#include "text_layer.h"
#include "triage.h"
#include "utf8.h"

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

// The fonts that drew the pages, each once, in the order first used.
std::vector<FontInfo> FontsDrawn(const std::vector<TextLayerPage>& layers) {
  std::vector<FontInfo> fonts;
  std::set<std::string> seen;
  for (const TextLayerPage& layer : layers) {
    for (const FontInfo& font : layer.fonts) {
      if (seen.insert(font.name).second) fonts.push_back(font);
    }
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
  const extract_internal::PageImage& image = thumb.value();
  const std::size_t dark = image.DarkPixels(0, 0, image.width, image.height, extract_internal::kInkLevel);
  return dark * 2000 > image.pixels.size();  // more than 0.05% dark pixels
}

// Moves each table's words to where the table stands on the page: before the
// first block that starts below its top. OCR's own order may put a table
// before the heading above it once its rules are gone.
void PlaceTables(const std::vector<extract_internal::Table>& tables,
                 std::vector<extract_internal::LaidWord>& words) {
  if (tables.empty()) return;
  std::map<int, double> block_top;
  for (const extract_internal::LaidWord& w : words) {
    if (w.table >= 0) continue;
    auto [it, added] = block_top.emplace(w.block, w.word.box.y0);
    if (!added) it->second = std::min(it->second, w.word.box.y0);
  }
  std::vector<extract_internal::LaidWord> ordered;
  ordered.reserve(words.size());
  std::vector<bool> placed(tables.size(), false);
  const auto place = [&](std::size_t t) {
    placed[t] = true;
    for (const extract_internal::LaidWord& w : words) {
      if (w.table == static_cast<int>(t)) ordered.push_back(w);
    }
  };
  int block = -1;
  for (const extract_internal::LaidWord& w : words) {
    if (w.table >= 0) continue;
    if (w.block != block) {
      block = w.block;
      for (std::size_t t = 0; t < tables.size(); ++t) {
        if (!placed[t] && tables[t].box.y0 <= block_top[block]) place(t);
      }
    }
    ordered.push_back(w);
  }
  for (std::size_t t = 0; t < tables.size(); ++t) {
    if (!placed[t]) place(t);
  }
  words = std::move(ordered);
}

// Reads again, alone and in black and white, the cells of the tables'
// columns of numbers and row codes, and puts what was read in place of the
// page OCR's words when it is number text.
template <typename AddWord>
void ReplaceNumberCells(const std::vector<extract_internal::Table>& tables,
                        const extract_internal::PageImage& image, extract_internal::OcrEngine& engine,
                        double timeout_seconds, const std::string& tag,
                        std::vector<extract_internal::LaidWord>& words, const AddWord& add, Page& page) {
  extract_internal::AssignCells(tables, words);
  const std::vector<Box> cells = extract_internal::NumberColumnCells(tables, words);
  std::vector<std::string> warnings;
  const std::vector<std::vector<extract_internal::OcrWord>> readings =
      extract_internal::RereadNumberCells(image, cells, engine, timeout_seconds, warnings);
  for (const std::string& w : warnings) page.warnings.push_back(tag + "table cell: " + w);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (readings[i].empty()) continue;
    const Box& cell = cells[i];
    std::erase_if(words, [&](const extract_internal::LaidWord& w) {
      const double cx = (w.word.box.x0 + w.word.box.x1) / 2, cy = (w.word.box.y0 + w.word.box.y1) / 2;
      return w.table >= 0 && cx >= cell.x0 && cx < cell.x1 && cy >= cell.y0 && cy < cell.y1;
    });
    bool first = true;
    for (const extract_internal::OcrWord& o : readings[i]) {
      add(o, first);
      first = false;
    }
  }
}

// Replaces the page's words and text with what OCR read from `scan`: words
// in reading order, ruled tables row by row, boxes in page points. Table
// cells the page's OCR left empty though they hold ink are read one by one,
// and so are the cells of columns of numbers and row codes.
void FillFromOcr(const extract_internal::OcrResult& ocr, const extract_internal::PreparedScan& scan,
                 extract_internal::OcrEngine& engine, double timeout_seconds, const std::string& tag,
                 Page& page) {
  const double scale = scan.image.Scale();
  std::vector<extract_internal::LaidWord> words;
  int block = 0;
  int line = 0;
  const auto add = [&](const extract_internal::OcrWord& o, bool starts_block) {
    if (!words.empty() && starts_block) ++block;
    if (!words.empty() && (o.starts_line || starts_block)) ++line;
    extract_internal::LaidWord laid;
    laid.block = block;
    laid.line = line;
    laid.space_after = true;
    Word& word = laid.word;
    word.text = o.text;
    word.box = o.box;
    word.baseline = word.box.y1;
    word.font_size = word.box.y1 - word.box.y0;
    word.source = TextSource::kOcr;
    word.confidence = o.confidence;
    words.push_back(std::move(laid));
  };
  for (const extract_internal::OcrWord& o : ocr.words) {
    extract_internal::OcrWord in_points = o;
    in_points.box = {o.box.x0 / scale, o.box.y0 / scale, o.box.x1 / scale, o.box.y1 / scale};
    add(in_points, o.starts_paragraph);
  }
  std::vector<extract_internal::Rule> rules;
  for (const extract_internal::Rule& r : scan.rules) {
    rules.push_back({r.x0 / scale, r.y0 / scale, r.x1 / scale, r.y1 / scale});
  }
  const std::vector<extract_internal::Table> tables = extract_internal::FindTables(rules);
  if (!tables.empty()) {
    std::vector<Box> boxes;
    for (const extract_internal::LaidWord& w : words) boxes.push_back(w.word.box);
    std::vector<extract_internal::OcrRegion> cells;
    for (const Box& cell : extract_internal::UnreadCells(tables, boxes, scan.image)) cells.push_back({cell, {}});
    std::vector<std::string> warnings;
    bool first = true;
    for (const extract_internal::OcrWord& o :
         extract_internal::ReadRegions(scan.image, cells, engine, timeout_seconds, warnings)) {
      add(o, first);
      first = false;
    }
    for (const std::string& w : warnings) page.warnings.push_back(tag + "table cell: " + w);
    ReplaceNumberCells(tables, scan.image, engine, timeout_seconds, tag, words, add, page);
  }
  double confidence_sum = 0;
  std::size_t confidence_chars = 0;
  for (const extract_internal::LaidWord& w : words) {
    confidence_sum += w.word.confidence * static_cast<double>(w.word.text.size());
    confidence_chars += w.word.text.size();
  }
  extract_internal::AssignCells(tables, words);
  PlaceTables(tables, words);
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
      FillFromOcr(ocr.value(), scan, *engines[static_cast<std::size_t>(worker)],
                  options.ocr_page_timeout_seconds, tag, page);
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

// A recovered page is read again by OCR as a whole only when more than this
// share of its words hold glyphs voting left unresolved: OCR of single
// strips then costs more than the page, and what the text layer still
// gives right is too little to be worth keeping. Below it, only those words
// are read again by OCR (their line strips), and the rest keeps the text
// layer's exact characters and table layout.
constexpr double kMaxUnresolvedWordShare = 1.0 / 3;

// Records what recovery decided in the fonts' FontInfo.
void RecordRecovery(const extract_internal::FontRecovery& recovery, Document& doc) {
  std::map<std::string, FontInfo*> fonts;
  for (FontInfo& f : doc.fonts) fonts[f.name] = &f;
  for (const extract_internal::RecoveredGlyph& g : recovery.glyphs) {
    auto it = fonts.find(g.font);
    if (it == fonts.end()) continue;
    if (g.unicode.empty()) {
      it->second->unresolved_codes.push_back(g.code);
    } else {
      it->second->recovered.push_back({g.code, g.unicode, g.votes, g.total_votes, g.from_memory});
    }
  }
}

std::set<extract_internal::GlyphKey> Unresolved(const extract_internal::FontRecovery& recovery) {
  std::set<extract_internal::GlyphKey> unresolved;
  for (const extract_internal::RecoveredGlyph& g : recovery.glyphs) {
    if (g.unicode.empty()) unresolved.insert({g.font, g.code});
  }
  return unresolved;
}

// Reads the page again with the recovered characters, keeping what triage said.
void Reread(PDFDoc& pdf, const extract_internal::GlyphOverrides& overrides, TextLayerPage& layer) {
  Page& old = layer.page;
  TextLayerPage reread = extract_internal::ReadTextLayer(pdf, old.number, overrides);
  reread.page.triage = std::move(old.triage);
  reread.page.warnings = std::move(old.warnings);
  reread.page.quality = old.quality;
  layer = std::move(reread);
}

// Reads by OCR the strips of the layer's lines that hold unresolved glyphs;
// returns the words read, boxes in page points.
std::vector<extract_internal::OcrWord> ReadUnresolvedStrips(
    PDFDoc& pdf, const std::set<extract_internal::GlyphKey>& unresolved,
    extract_internal::OcrEngine& engine, const ExtractOptions& options, const std::string& path,
    TextLayerPage& layer) {
  const int number = layer.page.number;
  Result<extract_internal::PageImage> image =
      extract_internal::RenderPage(pdf, number, options.ocr_dpi, options.max_render_pixels);
  if (!image.ok()) {
    layer.page.warnings.push_back(PageTag(path, number) + image.status().message());
    return {};
  }
  std::vector<std::string> problems;
  std::vector<extract_internal::OcrWord> words = extract_internal::ReadRegions(
      image.value(), extract_internal::UnresolvedRegions(layer, unresolved), engine,
      options.ocr_page_timeout_seconds, problems);
  for (const std::string& p : problems) layer.page.warnings.push_back(PageTag(path, number) + p);
  return words;
}

bool MostlyUnresolved(const TextLayerPage& layer, std::size_t words) {
  return static_cast<double>(words) >
         kMaxUnresolvedWordShare * static_cast<double>(layer.layout.size());
}

// The PDF object of each font name the pages draw with.
std::map<std::string, extract_internal::FontObject> FontObjects(const std::vector<TextLayerPage>& layers) {
  std::map<std::string, extract_internal::FontObject> objects;
  for (const TextLayerPage& layer : layers) {
    for (std::size_t f = 0; f < layer.fonts.size(); ++f) objects.emplace(layer.fonts[f].name, layer.font_objects[f]);
  }
  return objects;
}

// A recalled shape settles its code only when the memory is this sure of it.
constexpr double kMinMemoryAgreement = 0.9;

// The votes the glyph-shape memory casts before any OCR: for each broken code
// whose outline it knows, enough votes to settle it, for the character it saw.
extract_internal::GlyphVotes RecallShapes(extract_internal::GlyphShapes& shapes,
                                          const std::vector<TextLayerPage>& layers,
                                          const std::vector<extract_internal::GlyphKey>& broken,
                                          const GlyphMemory& memory, int votes) {
  const std::map<std::string, extract_internal::FontObject> objects = FontObjects(layers);
  extract_internal::GlyphVotes recalled;
  for (const extract_internal::GlyphKey& key : broken) {
    auto object = objects.find(key.first);
    if (object == objects.end()) continue;
    const std::optional<std::uint64_t> shape = shapes.Hash(object->second, key.first, key.second);
    if (!shape) continue;
    const std::optional<GlyphMemory::Recall> recall = memory.Find(*shape);
    if (recall && recall->agreement >= kMinMemoryAgreement) recalled[key][recall->unicode] = votes;
  }
  return recalled;
}

// A character a trustworthy font may teach the memory: one code point, not a
// control, replacement, private-use or look-alike ("ƣ") character.
bool Teachable(const std::string& unicode) {
  std::size_t pos = 0;
  if (unicode.empty()) return false;
  const std::uint32_t cp = extract_internal::NextCodePoint(unicode, pos);
  if (pos != unicode.size()) return false;
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD) return false;
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;
  return cp != 0x01A2 && cp != 0x01A3;
}

// Teaches the memory every glyph drawn by a font whose mapping passed triage,
// on pages whose text layer is used as it is or only for its broken fonts;
// once a (font, code) a document.
void TeachShapes(extract_internal::GlyphShapes& shapes, const std::vector<TextLayerPage>& layers,
                 const std::vector<FontInfo>& fonts, GlyphMemory& memory) {
  std::set<std::string> trusted;
  for (const FontInfo& f : fonts) {
    if (f.mapping == FontMapping::kOk) trusted.insert(f.name);
  }
  std::set<extract_internal::GlyphKey> taught;
  for (const TextLayerPage& layer : layers) {
    // Pages needing repair may hold legacy-encoded text in fonts that map
    // soundly to the wrong characters.
    if (layer.page.triage != "use" && layer.page.triage != "recover") continue;
    for (const extract_internal::DrawnGlyph& g : layer.glyphs) {
      const std::string& font = layer.FontName(g);
      if (trusted.count(font) == 0 || !Teachable(g.unicode)) continue;
      if (!taught.insert({font, g.code}).second) continue;
      const std::optional<std::uint64_t> shape = shapes.Hash(layer.font_objects[g.font], font, g.code);
      if (shape) memory.Learn(*shape, g.unicode);
    }
  }
}

// Recovers the broken glyphs of `pages`, by the glyph-shape memory where it
// knows their outlines (`shapes` and `memory` may be null) and by OCR
// voting, and re-reads those pages with the recovered characters; words
// still holding unresolved glyphs are read again by OCR from their line
// strips, and their readings vote once more for the codes left unresolved.
// Returns the pages to read by OCR as a whole because most of their words
// stayed unresolved.
std::vector<std::size_t> RecoverPages(PDFDoc& pdf, const std::vector<std::size_t>& pages,
                                      std::vector<TextLayerPage>& layers, const ExtractOptions& options,
                                      extract_internal::GlyphShapes* shapes, const GlyphMemory* memory,
                                      Document& doc) {
  if (pages.empty()) return {};
  extract_internal::RecoveryOptions recovery_options;
  recovery_options.dpi = options.ocr_dpi;
  recovery_options.max_render_pixels = options.max_render_pixels;
  recovery_options.page_timeout_seconds = options.ocr_page_timeout_seconds;
  const std::vector<extract_internal::GlyphKey> broken_codes = extract_internal::BrokenGlyphs(layers, doc.fonts);
  const extract_internal::GlyphVotes recalled =
      shapes != nullptr && memory != nullptr
          ? RecallShapes(*shapes, layers, broken_codes, *memory, recovery_options.enough_votes)
          : extract_internal::GlyphVotes();
  // OCR is loaded only when the memory leaves codes to read.
  std::unique_ptr<extract_internal::OcrEngine> engine;
  if (recalled.size() < broken_codes.size()) {
    Result<std::unique_ptr<extract_internal::OcrEngine>> made =
        extract_internal::MakeTesseractEngine(options.ocr_languages);
    if (!made.ok()) {
      doc.warnings.push_back("'" + doc.path + "': " + made.status().message());
      return pages;
    }
    engine = std::move(made.value());
  }
  // The codes the memory leaves are read by OCR of whole pages when they hold
  // up most words of a page; otherwise only the strips of the lines that draw
  // them are read (below), at a fraction of the time.
  std::set<extract_internal::GlyphKey> unrecalled;
  for (const extract_internal::GlyphKey& key : broken_codes) {
    if (recalled.count(key) == 0) unrecalled.insert(key);
  }
  bool read_pages = false;
  for (std::size_t i : pages) {
    if (!unrecalled.empty() && MostlyUnresolved(layers[i], extract_internal::CountUnresolvedWords(layers[i], unrecalled))) {
      read_pages = true;
    }
  }
  extract_internal::FontRecovery recovery = extract_internal::RecoverFonts(
      pdf, layers, broken_codes, read_pages ? engine.get() : nullptr, recovery_options, recalled);
  for (const std::string& w : recovery.warnings) doc.warnings.push_back("'" + doc.path + "' " + w);
  std::set<extract_internal::GlyphKey> unresolved = Unresolved(recovery);

  // First pass: every page with the recovered characters; the words left
  // unresolved read again from their strips, their readings kept as votes.
  std::map<std::size_t, std::vector<extract_internal::OcrWord>> strip_words;  // by layer index
  extract_internal::GlyphVotes votes = recovery.votes;
  for (std::size_t i : pages) {
    Reread(pdf, recovery.overrides, layers[i]);
    const std::size_t words = extract_internal::CountUnresolvedWords(layers[i], unresolved);
    if (words == 0 || MostlyUnresolved(layers[i], words) || !engine) continue;
    strip_words[i] =
        ReadUnresolvedStrips(pdf, unresolved, *engine, options, doc.path, layers[i]);
    extract_internal::VoteFromWords(layers[i], unresolved, strip_words[i], votes);
  }

  // The strips' votes may settle codes that were too rare on the pages read
  // for voting; if so, read the pages again with them.
  std::vector<extract_internal::GlyphKey> broken;
  for (const extract_internal::RecoveredGlyph& g : recovery.glyphs)
    broken.push_back({g.font, g.code});
  const std::size_t resolved_before = recovery.overrides.size();
  extract_internal::DecideVotes(broken, votes, recovery_options, recovery);
  const bool more_resolved = recovery.overrides.size() > resolved_before;
  if (more_resolved) unresolved = Unresolved(recovery);
  for (extract_internal::RecoveredGlyph& g : recovery.glyphs) {
    auto it = recalled.find({g.font, g.code});
    g.from_memory = it != recalled.end() && it->second.count(g.unicode) > 0;
  }
  RecordRecovery(recovery, doc);

  std::vector<std::size_t> still_broken;
  for (std::size_t i : pages) {
    TextLayerPage& layer = layers[i];
    const int number = layer.page.number;
    if (more_resolved) Reread(pdf, recovery.overrides, layer);
    std::size_t left = 0;
    std::size_t drawn = 0;
    for (const extract_internal::DrawnGlyph& g : layer.glyphs) {
      left += unresolved.count(layer.KeyOf(g));
      if (g.unicode != " ") ++drawn;
    }
    const std::size_t words = extract_internal::CountUnresolvedWords(layer, unresolved);
    if (MostlyUnresolved(layer, words)) {
      layer.page.warnings.push_back(PageTag(doc.path, number) + std::to_string(words) + " of " +
                                    std::to_string(layer.layout.size()) +
                                    " words hold glyphs of unresolved codes; read by OCR");
      still_broken.push_back(i);
      continue;
    }
    layer.page.route = PageRoute::kRecovered;
    if (words == 0) continue;
    if (!engine) continue;
    if (strip_words.count(i) == 0) {  // mostly unresolved before the strips' votes
      strip_words[i] = ReadUnresolvedStrips(pdf, unresolved, *engine, options, doc.path, layer);
    }
    const extract_internal::WordSplice splice =
        extract_internal::SpliceOcrWords(unresolved, strip_words[i], layer);
    if (splice.runs_replaced > 0) {
      layer.page.warnings.push_back(PageTag(doc.path, number) +
                                    std::to_string(splice.words_removed) +
                                    " words holding glyphs of unresolved codes read again by OCR");
    }
    if (splice.runs_replaced < splice.runs) {
      const double kept = static_cast<double>(splice.runs - splice.runs_replaced) /
                          static_cast<double>(splice.runs);
      layer.page.quality = std::min(layer.page.quality,
                                    1.0 - kept * static_cast<double>(left) /
                                              static_cast<double>(std::max<std::size_t>(drawn, 1)));
      layer.page.warnings.push_back(
          PageTag(doc.path, number) + std::to_string(splice.runs - splice.runs_replaced) +
          " runs of words with unresolved glyphs kept as the font mapped them");
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
  layers.reserve(static_cast<std::size_t>(last));
  for (int n = 1; n <= last; ++n) layers.push_back(ReadLayer(*pdf, n, path, messages));
  doc.fonts = FontsDrawn(layers);
  extract_internal::DiagnoseFonts(layers, doc.fonts);
  Routing routing = RoutePages(*pdf, layers, options, doc);
  // A document's sound fonts teach the glyph-shape memory before its broken
  // fonts consult it: subsets of one typeface share most of their glyphs. A
  // document without a memory of the caller's gets one of its own.
  GlyphMemory document_memory;
  GlyphMemory* memory = options.glyph_shapes ? options.glyph_memory : nullptr;
  if (memory == nullptr && options.glyph_shapes && !routing.recover.empty()) memory = &document_memory;
  std::unique_ptr<extract_internal::GlyphShapes> shapes;
  if (memory != nullptr) {
    shapes = std::make_unique<extract_internal::GlyphShapes>(*pdf);
    TeachShapes(*shapes, layers, doc.fonts, *memory);
  }
  for (std::size_t i : RecoverPages(*pdf, routing.recover, layers, options, shapes.get(), memory, doc)) {
    routing.ocr.push_back(i);
  }
  std::sort(routing.ocr.begin(), routing.ocr.end());
  for (TextLayerPage& layer : layers) doc.pages.push_back(std::move(layer.page));
  OcrPages(*pdf, routing.ocr, options, doc);
  for (std::string& m : messages.Take()) doc.warnings.push_back("'" + path + "': " + m);
  return doc;
}

}  // namespace baocao
