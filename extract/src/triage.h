// Page triage: how trustworthy is a page's text layer, and what to do with it.
//
// Known extractors only look for missing text, U+FFFD or unmapped glyphs, so a
// layer whose glyphs map to plausible but wrong characters (a space for every
// lost letter, "ƣ" for "ư", TCVN3 or VNI bytes) passes them. The signals here
// look for those too.
#ifndef BAOCAO_EXTRACT_TRIAGE_H_
#define BAOCAO_EXTRACT_TRIAGE_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "baocao/document.h"
#include "baocao/extract.h"
#include "text_layer.h"

namespace baocao::extract_internal {

// Fills FontInfo::mapping, glyphs_drawn and suspicious_codes from every glyph
// drawn on `pages`; fonts never drawn stay kUnused. Marks Glyph::suspicious on
// the words' glyphs whose code is suspicious.
void DiagnoseFonts(std::vector<TextLayerPage>& pages, std::vector<FontInfo>& fonts);

struct PageSignals {
  std::size_t glyphs = 0;            // drawn, spaces excluded
  std::size_t letters = 0;           // letters in the page text
  std::size_t broken_font_glyphs = 0;  // glyphs drawn with a collapsed or unmapped font
  double broken_font_share = 0;
  double suspicious_glyph_share = 0; // glyphs whose own code is suspicious
  double bad_char_share = 0;         // U+FFFD, controls, private use, in the text
  double legacy_char_share = 0;      // letters typical of TCVN3/VNI text seen as WinAnsi
  bool legacy_font = false;          // a .VnTime / VNI- font drew on the page
  double combining_share = 0;        // combining marks among letters (decomposed text)
  std::size_t uhorn = 0;             // "ƣ"/"Ƣ" seen
  double syllable_share = -1;        // from the judge; -1 unknown
};

enum class Triage {
  kUse,      // the text layer is good as it is
  kRepair,   // good after character-level repair (NFC, ƣ, legacy encodings)
  kRecover,  // some fonts lost characters: recover them from the glyphs / OCR
  kOcr,      // no usable text layer
  kEmpty,    // nothing on the page
};

struct TriageThresholds {
  std::size_t min_glyphs = 20;            // fewer: treat as having no text layer
  // A word set in a font that lost its mapping is wrong however short it is:
  // a heading of a few letters already needs recovery.
  std::size_t max_broken_font_glyphs = 2;
  double max_suspicious_share = 0.005;
  double max_bad_char_share = 0.02;
  double min_legacy_char_share = 0.02;
  double min_combining_share = 0.005;
  double min_syllable_share = 0.55;       // below: the layer is not Vietnamese text
};

PageSignals MeasurePage(const TextLayerPage& page, const std::map<std::string, const FontInfo*>& fonts,
                        const TextJudge* judge);

Triage DecideRoute(const PageSignals& signals, const TriageThresholds& thresholds);

// A short reason for logs: "fonts with lost characters drew 35% of the glyphs".
std::string Explain(const PageSignals& signals, Triage triage);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_TRIAGE_H_
