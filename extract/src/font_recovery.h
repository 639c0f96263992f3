// Recovering the true characters of glyphs whose font maps them wrongly (to a
// space, to nothing, to another glyph's character), by OCR voting: the glyphs
// still render correctly, so OCR of the regions where such a font is used,
// aligned glyph by glyph, votes for each (font, code), and the winning
// characters apply to every page of the document.
#ifndef BAOCAO_EXTRACT_FONT_RECOVERY_H_
#define BAOCAO_EXTRACT_FONT_RECOVERY_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "baocao/document.h"
#include "ocr_engine.h"
#include "text_layer.h"

class PDFDoc;

namespace baocao::extract_internal {

struct RecoveryOptions {
  int dpi = 300;
  long long max_render_pixels = 60'000'000;
  double page_timeout_seconds = 120;
  int min_votes = 2;             // a code needs this many agreeing votes...
  double min_agreement = 0.7;    // ...and this share of all its votes
  int enough_votes = 4;          // stop OCR once every code has this many
};

struct RecoveredGlyph {
  std::string font;
  std::uint32_t code = 0;
  std::string unicode;     // the winner; empty when unresolved
  int votes = 0;           // for the winner
  int total_votes = 0;
  double Agreement() const { return total_votes ? static_cast<double>(votes) / total_votes : 0; }
};

struct FontRecovery {
  GlyphOverrides overrides;             // resolved codes only
  std::vector<RecoveredGlyph> glyphs;   // every broken code, resolved or not
  std::vector<int> pages_read;          // pages OCR'd for votes (1-based)
  std::vector<std::string> warnings;
};

// The (font, code) pairs whose mapping is broken: the suspicious codes of
// collapsed fonts and every code of unmapped fonts.
std::vector<std::pair<std::string, std::uint32_t>> BrokenGlyphs(const std::vector<TextLayerPage>& layers,
                                                                 const std::vector<FontInfo>& fonts);

// OCRs the pages where broken glyphs are drawn (most broken first, stopping
// once every code has enough votes), aligns OCR words with the glyphs under
// them, and votes.
FontRecovery RecoverFonts(PDFDoc& doc, const std::vector<TextLayerPage>& layers,
                          const std::vector<FontInfo>& fonts, OcrEngine& engine,
                          const RecoveryOptions& options);

// Votes from one OCR word over the glyphs drawn under it, in reading order.
// Glyphs whose mapping is trusted anchor the alignment; each broken glyph
// aligned to an OCR character gets that character as its vote. Returns no
// votes when the alignment needs more than one edit.
std::vector<std::pair<std::size_t, std::string>> AlignWord(const std::vector<const DrawnGlyph*>& glyphs,
                                                           const std::vector<bool>& broken,
                                                           const std::string& ocr_word);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_FONT_RECOVERY_H_
