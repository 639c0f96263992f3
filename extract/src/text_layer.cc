#include "text_layer.h"

#include <GfxFont.h>
#include <GfxState.h>
#include <PDFDoc.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "page_layout.h"
#include "table_layout.h"
#include "utf8.h"

namespace baocao::extract_internal {
namespace {

// A footnote marker is set smaller than its line and raised above its baseline.
constexpr double kSuperscriptMaxSizeRatio = 0.8;
constexpr double kSuperscriptMinRaiseRatio = 0.15;
// Path segments thinner or straighter than this (points) are table rules.
constexpr double kRuleThickness = 3.0;
constexpr double kRuleMinLength = 3.0;

// Poppler's text device, also recording every glyph as its font mapped it and
// every straight rule drawn (for tables).
// Glyph positions count content-stream bytes the way TextPage does, so a
// word's [getCharPos(), getCharPos() + getCharLen()) selects its glyphs.
class GlyphTextOutputDev : public TextOutputDev {
 public:
  explicit GlyphTextOutputDev(const GlyphOverrides& overrides)
      : TextOutputDev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/false,
                      /*append=*/false),
        overrides_(overrides) {}

  void startPage(int page_number, GfxState* state, XRef* xref) override {
    TextOutputDev::startPage(page_number, state, xref);
    glyphs_.clear();
    positions_.clear();
    // A dense page draws a few thousand glyphs: grow once, not twelve times.
    glyphs_.reserve(4096);
    positions_.reserve(4096);
    recovered_positions_.clear();
    recovered_confidences_.clear();
    rules_.clear();
    fonts_.clear();
    font_objects_.clear();
    font_.reset();
    font_name_.clear();
    font_index_ = 0;
    char_pos_ = 0;
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double origin_x,
                double origin_y, CharCode code, int n_bytes, const Unicode* u, int u_len) override {
    if (fonts_.empty() || state->getFont().get() != font_.get()) FontChanged(state->getFont());
    DrawnGlyph glyph;
    glyph.font = font_index_;
    glyph.code = code;
    for (int i = 0; i < u_len; ++i) AppendUtf8(glyph.unicode, u[i]);
    glyph.box = GlyphBox(state, x, y, dx, dy);
    std::vector<Unicode> replaced;
    if (!overrides_.empty()) {
      if (auto it = overrides_.find({font_name_, code}); it != overrides_.end()) {
        glyph.unicode = it->second.unicode;
        for (std::size_t pos = 0; pos < glyph.unicode.size();) replaced.push_back(NextCodePoint(glyph.unicode, pos));
        recovered_positions_.push_back(char_pos_);
        recovered_confidences_.push_back(it->second.confidence);
      }
    }
    glyphs_.push_back(std::move(glyph));
    positions_.push_back(char_pos_);
    if (!replaced.empty()) {
      TextOutputDev::drawChar(state, x, y, dx, dy, origin_x, origin_y, code, n_bytes, replaced.data(),
                              static_cast<int>(replaced.size()));
    } else {
      TextOutputDev::drawChar(state, x, y, dx, dy, origin_x, origin_y, code, n_bytes, u, u_len);
    }
    char_pos_ += n_bytes;
  }

  void incCharCount(int n_chars) override {
    TextOutputDev::incCharCount(n_chars);
    char_pos_ += n_chars;
  }

  void stroke(GfxState* state) override {
    TextOutputDev::stroke(state);
    CollectRules(state, /*filled=*/false);
  }
  void fill(GfxState* state) override {
    TextOutputDev::fill(state);
    CollectRules(state, /*filled=*/true);
  }
  void eoFill(GfxState* state) override {
    TextOutputDev::eoFill(state);
    CollectRules(state, /*filled=*/true);
  }

  std::vector<DrawnGlyph> TakeGlyphs() { return std::move(glyphs_); }
  std::vector<FontInfo> TakeFonts() { return std::move(fonts_); }
  std::vector<FontObject> TakeFontObjects() { return std::move(font_objects_); }
  const std::vector<DrawnGlyph>& glyphs() const { return glyphs_; }
  const std::vector<Rule>& rules() const { return rules_; }
  // Index of the first glyph at or after content position `pos`.
  std::size_t FirstGlyphAt(int pos) const {
    return static_cast<std::size_t>(std::lower_bound(positions_.begin(), positions_.end(), pos) -
                                    positions_.begin());
  }
  int PositionOf(std::size_t glyph) const { return positions_[glyph]; }
  // True if a glyph with a replaced mapping lies in [begin, end).
  bool HasRecovered(int begin, int end) const {
    auto it = std::lower_bound(recovered_positions_.begin(), recovered_positions_.end(), begin);
    return it != recovered_positions_.end() && *it < end;
  }
  // The lowest confidence of the glyphs with a replaced mapping in
  // [begin, end); 1 when there are none.
  double RecoveredConfidence(int begin, int end) const {
    double lowest = 1.0;
    auto it = std::lower_bound(recovered_positions_.begin(), recovered_positions_.end(), begin);
    for (; it != recovered_positions_.end() && *it < end; ++it) {
      lowest = std::min(lowest, recovered_confidences_[static_cast<std::size_t>(it - recovered_positions_.begin())]);
    }
    return lowest;
  }

 private:
  // The glyph's advance box in page space: from its origin along the advance,
  // one font size high above the baseline.
  static Box GlyphBox(const GfxState* state, double x, double y, double dx, double dy) {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    state->transform(x, y, &x0, &y0);
    state->transform(x + dx, y + dy, &x1, &y1);
    const double size = state->getTransformedFontSize();
    return {std::min(x0, x1), std::min(y0, y1) - 0.8 * size, std::max(x0, x1), std::max(y0, y1) + 0.2 * size};
  }

  // Notes the font now drawing, once per change of font rather than per glyph.
  // Holding it keeps its address from being reused by another font.
  void FontChanged(const std::shared_ptr<GfxFont>& font) {
    font_ = font;
    font_name_ = font && font->getName() ? *font->getName() : std::string();
    for (font_index_ = 0; font_index_ < fonts_.size(); ++font_index_) {
      if (fonts_[font_index_].name == font_name_) return;
    }
    FontInfo info;
    info.name = font_name_;
    info.type = font ? FontTypeName(font->getType()) : "unknown";
    Ref embedded;
    info.embedded = font && font->getEmbeddedFontID(&embedded);
    info.has_to_unicode = font && font->hasToUnicodeCMap();
    fonts_.push_back(std::move(info));
    font_objects_.push_back(font ? FontObject{font->getID()->num, font->getID()->gen} : FontObject{-1, -1});
  }

  static const char* FontTypeName(GfxFontType type) {
    switch (type) {
      case fontType1: return "Type1";
      case fontType1C: return "Type1C";
      case fontType1COT: return "Type1C (OpenType)";
      case fontType3: return "Type3";
      case fontTrueType: return "TrueType";
      case fontTrueTypeOT: return "TrueType (OpenType)";
      case fontCIDType0: return "CID Type0";
      case fontCIDType0C: return "CID Type0C";
      case fontCIDType0COT: return "CID Type0C (OpenType)";
      case fontCIDType2: return "CID TrueType";
      case fontCIDType2OT: return "CID TrueType (OpenType)";
      case fontUnknownType: break;
    }
    return "unknown";
  }

  // Straight horizontal or vertical segments of stroked paths, and thin
  // filled rectangles (word processors draw cell borders both ways).
  void CollectRules(const GfxState* state, bool filled) {
    const GfxPath* path = state->getPath();
    if (path == nullptr) return;
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      const int n = sub->getNumPoints();
      if (filled) {
        double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
        for (int i = 0; i < n; ++i) {
          double tx = 0, ty = 0;
          state->transform(sub->getX(i), sub->getY(i), &tx, &ty);
          x0 = std::min(x0, tx), y0 = std::min(y0, ty), x1 = std::max(x1, tx), y1 = std::max(y1, ty);
        }
        if (n < 2) continue;
        if (y1 - y0 < kRuleThickness && x1 - x0 > kRuleMinLength) rules_.push_back({x0, (y0 + y1) / 2, x1, (y0 + y1) / 2});
        if (x1 - x0 < kRuleThickness && y1 - y0 > kRuleMinLength) rules_.push_back({(x0 + x1) / 2, y0, (x0 + x1) / 2, y1});
        continue;
      }
      for (int i = 0; i + 1 < n; ++i) {
        double ax = 0, ay = 0, bx = 0, by = 0;
        state->transform(sub->getX(i), sub->getY(i), &ax, &ay);
        state->transform(sub->getX(i + 1), sub->getY(i + 1), &bx, &by);
        const double w = std::fabs(bx - ax), h = std::fabs(by - ay);
        if (h < 0.5 && w > kRuleMinLength) rules_.push_back({std::min(ax, bx), ay, std::max(ax, bx), ay});
        if (w < 0.5 && h > kRuleMinLength) rules_.push_back({ax, std::min(ay, by), ax, std::max(ay, by)});
      }
    }
  }

  const GlyphOverrides& overrides_;
  std::vector<DrawnGlyph> glyphs_;
  std::vector<int> positions_;  // content position of each glyph, ascending
  std::vector<int> recovered_positions_;  // positions of glyphs with a replaced mapping
  std::vector<double> recovered_confidences_;  // and the confidence of each replacement
  std::vector<Rule> rules_;
  std::vector<FontInfo> fonts_;
  std::vector<FontObject> font_objects_;  // parallel to fonts_
  std::shared_ptr<GfxFont> font_;  // the font of the last glyph drawn
  std::string font_name_;          // and its name
  std::uint32_t font_index_ = 0;   // and its place in fonts_
  int char_pos_ = 0;
};

struct TextPageDeleter {
  void operator()(TextPage* page) const { page->decRefCnt(); }
};
using TextPagePtr = std::unique_ptr<TextPage, TextPageDeleter>;

// Superscript digits, so a footnote marker stays visibly apart in plain text.
uint32_t ToSuperscript(uint32_t cp) {
  static constexpr uint32_t kDigits[] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                         0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  if (cp >= '0' && cp <= '9') return kDigits[cp - '0'];
  return cp;
}

std::string WordText(const TextWord& word, bool superscript) {
  std::string out;
  for (int i = 0; i < word.getLength(); ++i) {
    const uint32_t cp = *word.getChar(i);
    AppendUtf8(out, superscript ? ToSuperscript(cp) : cp);
  }
  return out;
}

// The size and baseline of the line's body text: those of its largest word.
void LineBody(const TextLine& line, double* size, double* baseline) {
  *size = 0;
  *baseline = 0;
  for (const TextWord* w = line.getWords(); w != nullptr; w = w->getNext()) {
    if (w->getFontSize() > *size) {
      *size = w->getFontSize();
      *baseline = w->getBaseline();
    }
  }
}

bool IsSuperscript(const TextWord& word, double line_size, double line_baseline) {
  if (line_size <= 0) return false;
  const bool smaller = word.getFontSize() < kSuperscriptMaxSizeRatio * line_size;
  // y grows downwards: a raised word has a smaller baseline y.
  const bool raised = line_baseline - word.getBaseline() > kSuperscriptMinRaiseRatio * line_size;
  return smaller && raised;
}

// The glyphs a word was built from, by content position.
std::vector<Glyph> WordGlyphs(const TextWord& w, const GlyphTextOutputDev& dev) {
  std::vector<Glyph> out;
  const int begin = w.getCharPos();
  const int end = begin + w.getCharLen();
  for (std::size_t i = dev.FirstGlyphAt(begin); i < dev.glyphs().size() && dev.PositionOf(i) < end; ++i) {
    out.push_back({dev.glyphs()[i].code, dev.glyphs()[i].unicode, false});
  }
  return out;
}

std::vector<LaidWord> LayWords(const TextPage& text, const GlyphTextOutputDev& dev) {
  std::vector<LaidWord> out;
  int block_index = 0;
  int line_index = 0;
  for (const TextFlow* flow = text.getFlows(); flow != nullptr; flow = flow->getNext()) {
    for (const TextBlock* block = flow->getBlocks(); block != nullptr; block = block->getNext(), ++block_index) {
      for (const TextLine* line = block->getLines(); line != nullptr; line = line->getNext(), ++line_index) {
        double line_size = 0;
        double line_baseline = 0;
        LineBody(*line, &line_size, &line_baseline);
        for (const TextWord* w = line->getWords(); w != nullptr; w = w->getNext()) {
          LaidWord laid;
          Word& word = laid.word;
          word.superscript = IsSuperscript(*w, line_size, line_baseline);
          word.text = WordText(*w, word.superscript);
          w->getBBox(&word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
          word.baseline = w->getBaseline();
          word.font_size = w->getFontSize();
          if (const GooString* name = w->getFontName(0)) word.font = name->toStr();
          word.source = TextSource::kTextLayer;
          word.confidence = 1.0;
          word.glyphs = WordGlyphs(*w, dev);
          if (dev.HasRecovered(w->getCharPos(), w->getCharPos() + w->getCharLen())) {
            word.source = TextSource::kRecovered;
            word.confidence = dev.RecoveredConfidence(w->getCharPos(), w->getCharPos() + w->getCharLen());
          }
          laid.block = block_index;
          laid.line = line_index;
          laid.space_after = w->getSpaceAfter();
          out.push_back(std::move(laid));
        }
      }
    }
  }
  return out;
}

}  // namespace

TextLayerPage ReadTextLayer(PDFDoc& doc, int page_number, const GlyphOverrides& overrides) {
  TextLayerPage result;
  Page& page = result.page;
  page.number = page_number;
  page.width = doc.getPageCropWidth(page_number);
  page.height = doc.getPageCropHeight(page_number);
  page.route = PageRoute::kText;

  GlyphTextOutputDev dev(overrides);
  if (!dev.isOk()) {
    page.route = PageRoute::kFailed;
    page.quality = 0;
    page.warnings.push_back("page " + std::to_string(page_number) + ": text analysis could not start");
    return result;
  }
  doc.displayPage(&dev, page_number, 72, 72, /*rotate=*/0, /*useMediaBox=*/false,
                  /*crop=*/true, /*printing=*/false);
  TextPagePtr text(dev.takeText());
  if (!text) return result;

  result.layout = LayWords(*text, dev);
  result.tables = FindTables(dev.rules());
  AssignCells(result.tables, result.layout);
  ComposeText(result.tables, result.layout, page);
  if (page.words.empty()) page.quality = 0;
  result.glyphs = dev.TakeGlyphs();
  result.fonts = dev.TakeFonts();
  result.font_objects = dev.TakeFontObjects();
  return result;
}

std::string SuperscriptDigits(const std::string& text) {
  std::string out;
  for (std::size_t pos = 0; pos < text.size();)
    AppendUtf8(out, ToSuperscript(NextCodePoint(text, pos)));
  return out;
}

void RecomposePage(TextLayerPage& layer) {
  layer.page.text.clear();
  layer.page.words.clear();
  ComposeText(layer.tables, layer.layout, layer.page);
}

}  // namespace baocao::extract_internal
