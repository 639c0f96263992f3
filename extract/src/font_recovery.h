// Recovering the true characters of glyphs whose font maps them wrongly (to a
// space, to nothing, to another glyph's character), by OCR voting: the glyphs
// still render correctly, so OCR of the regions where such a font is used,
// aligned glyph by glyph, votes for each (font, code), and the winning
// characters apply to every page of the document.
#ifndef BAOCAO_EXTRACT_FONT_RECOVERY_H_
#define BAOCAO_EXTRACT_FONT_RECOVERY_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "baocao/document.h"
#include "ocr_engine.h"
#include "text_layer.h"

class PDFDoc;

namespace baocao::extract_internal {

// A glyph code of one font: (font name, code).
// OCR readings of broken codes: the characters read and how often.
using GlyphVotes = std::map<GlyphKey, std::map<std::string, int>>;

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
  bool from_memory = false;  // the glyph-shape memory's votes decided it
  double Agreement() const { return total_votes ? static_cast<double>(votes) / total_votes : 0; }
};

struct FontRecovery {
  GlyphOverrides overrides;             // resolved codes only
  std::vector<RecoveredGlyph> glyphs;   // every broken code, resolved or not
  GlyphVotes votes;                     // every OCR reading of a broken code
  std::vector<int> pages_read;          // pages OCR'd for votes (1-based)
  std::vector<std::string> warnings;
};

// The (font, code) pairs whose mapping is broken: the suspicious codes of
// collapsed fonts and every code of unmapped fonts.
std::vector<GlyphKey> BrokenGlyphs(const std::vector<TextLayerPage>& layers,
                                   const std::vector<FontInfo>& fonts);

// Decides every code of `broken` from `votes` by options.min_votes and
// min_agreement: fills recovery.glyphs and recovery.overrides anew.
void DecideVotes(const std::vector<GlyphKey>& broken, const GlyphVotes& votes,
                 const RecoveryOptions& options, FontRecovery& recovery);

// OCRs the pages where broken glyphs are drawn (most broken first, stopping
// once every code has enough votes), aligns OCR words with the glyphs under
// them, and votes. A broken glyph drawn without ink on the rendered page
// votes for a space (a font without a mapping loses its space too, and OCR
// never reads one).
// `prior` are votes cast before any OCR (by the glyph-shape memory); a code
// with enough of them needs no page read for it. With a null `engine` no page
// is read: the codes `prior` does not settle stay unresolved.
// `broken` is BrokenGlyphs(layers, fonts), computed once by the caller.
FontRecovery RecoverFonts(PDFDoc& doc, const std::vector<TextLayerPage>& layers,
                          const std::vector<GlyphKey>& broken, OcrEngine* engine,
                          const RecoveryOptions& options, GlyphVotes prior = {});

// Votes from one OCR word over the glyphs drawn under it, in reading order.
// Glyphs whose mapping is trusted anchor the alignment; each broken glyph
// aligned to an OCR character gets that character as its vote. Returns no
// votes when the alignment needs more than one edit.
std::vector<std::pair<std::size_t, std::string>> AlignWord(const std::vector<const DrawnGlyph*>& glyphs,
                                                           const std::vector<bool>& broken,
                                                           const std::string& ocr_word);

// Reading again by OCR the words that keep glyphs voting left unresolved.
//
// A recovered page can still hold glyphs of codes that voting could not
// settle (too rare, or read inconsistently). Rather than reading the whole
// page again by OCR, which loses the table layout and the text layer's exact
// characters, only the words holding such glyphs are read again: each run of
// such words is cut from the page image as a strip of its line, with a word
// of context on each side, recognised as one line, and its OCR words take
// the place of the text-layer words (TextSource::kOcr).

// The words of `layer` that hold or touch a glyph of an `unresolved` code
// (a code mapped to a space splits its word in two: both halves count).
std::size_t CountUnresolvedWords(const TextLayerPage& layer, const std::set<GlyphKey>& unresolved);

// A strip of one line to read again by OCR, in page points.
struct OcrRegion {
  Box box;
  // Words of the line at another baseline (a footnote marker beside a word,
  // or the words beside a marker), blanked out before reading so that OCR
  // does not read them into the words of the strip.
  std::vector<Box> blank;
};

// The strips of `layer`'s lines that hold the glyphs of the `unresolved`
// codes, with a word of context on each side, clipped to their table cell.
std::vector<OcrRegion> UnresolvedRegions(const TextLayerPage& layer,
                                         const std::set<GlyphKey>& unresolved);

// Recognises each region of `image` (the page rendered at image.dpi) as one
// line; returns the words read with their boxes in page points. A region that
// fails to read adds a warning to `warnings` and no words.
std::vector<OcrWord> ReadRegions(const PageImage& image, const std::vector<OcrRegion>& regions,
                                 OcrEngine& engine, double timeout_seconds,
                                 std::vector<std::string>& warnings);

// OCR readings of the `unresolved` glyphs of `layer` from `ocr` (boxes in page
// points), aligned as RecoverFonts aligns whole pages, added to `votes`.
void VoteFromWords(const TextLayerPage& layer, const std::set<GlyphKey>& unresolved,
                   const std::vector<OcrWord>& ocr, GlyphVotes& votes);

struct WordSplice {
  std::size_t runs = 0;           // runs of words holding unresolved glyphs
  std::size_t runs_replaced = 0;  // of them, replaced by OCR words
  std::size_t words_removed = 0;  // text-layer words taken out
  std::size_t words_added = 0;    // OCR words put in
};

// Replaces each run of words of `layer` holding `unresolved` glyphs by the
// words of `ocr` (boxes in page points) whose centre lies on it, and
// composes the page again. A run where OCR read nothing keeps its words.
WordSplice SpliceOcrWords(const std::set<GlyphKey>& unresolved, const std::vector<OcrWord>& ocr,
                          TextLayerPage& layer);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_FONT_RECOVERY_H_
