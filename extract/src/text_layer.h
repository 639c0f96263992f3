// Reading one page's text layer with Poppler's text analysis, keeping what
// each glyph's font said.
#ifndef BAOCAO_EXTRACT_TEXT_LAYER_H_
#define BAOCAO_EXTRACT_TEXT_LAYER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "baocao/document.h"
#include "page_layout.h"
#include "table_layout.h"

class PDFDoc;

namespace baocao::extract_internal {

// One glyph drawn on a page, as its font mapped it.
struct DrawnGlyph {
  std::uint32_t font = 0;  // index into its page's TextLayerPage::fonts
  std::uint32_t code = 0;
  std::string unicode;    // UTF-8; empty when the font maps the code to nothing
  Box box;                // page points, y down: advance width by font height
};

// A PDF object by number and generation: where a font is defined.
using FontObject = std::pair<int, int>;

// A glyph code of a font, the font named: codes are per font, and one font
// is one name on every page.
using GlyphKey = std::pair<std::string, std::uint32_t>;

// A corrected mapping for a glyph whose font mapped it wrongly, as recovered
// from the glyph's shape.
struct GlyphOverride {
  std::string unicode;      // UTF-8
  double confidence = 1.0;  // 0..1: the share of OCR votes that agreed
};

// Corrected mappings by font name and character code.
using GlyphOverrides = std::map<GlyphKey, GlyphOverride>;

struct TextLayerPage {
  Page page;                       // words carry their glyphs
  std::vector<DrawnGlyph> glyphs;  // every glyph drawn, spaces included, in drawing order
  // The fonts that drew glyphs, by name, in the order first used: name (with
  // any subset prefix, "" if unnamed), type, embedding and ToUnicode as the
  // page's font dictionaries say. Glyphs name their font by index here, so a
  // page of glyphs does not hold a copy of the name per glyph.
  std::vector<FontInfo> fonts;
  std::vector<FontObject> font_objects;  // parallel to fonts: each one's PDF object

  const std::string& FontName(const DrawnGlyph& glyph) const { return fonts[glyph.font].name; }
  GlyphKey KeyOf(const DrawnGlyph& glyph) const { return {FontName(glyph), glyph.code}; }
  // What page.text and page.words were composed from, so that words can be
  // replaced and the page composed again (RecomposePage).
  std::vector<LaidWord> layout;
  std::vector<Table> tables;
};

// Returns page `page_number` (1-based) of `doc` with its words, boxes and
// fonts, and its text in reading order: blocks top to bottom, columns apart,
// superscript footnote markers kept apart from the word they follow
// ("năm 2024¹", never "năm 20241").
// `overrides` replace the font's own mapping for those glyphs; words built
// from a replaced glyph are marked TextSource::kRecovered, with the lowest
// confidence of their replaced glyphs as Word::confidence.
TextLayerPage ReadTextLayer(PDFDoc& doc, int page_number, const GlyphOverrides& overrides = {});

// `text` with its ASCII digits as superscript digits ("12" -> "¹²"), as
// footnote markers are written.
std::string SuperscriptDigits(const std::string& text);

// Composes page.text and page.words (with their spans) again from `layout`
// and `tables`, after words of the layout were replaced.
void RecomposePage(TextLayerPage& layer);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_TEXT_LAYER_H_
