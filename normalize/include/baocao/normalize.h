// Repair of mangled Vietnamese text, keeping track of where every output byte
// came from.
//
//   NormalizeOptions options;                        // all passes on
//   Result<NormalizedText> r = Normalize(page.text, options);
//   if (!r.ok()) { ...r.status()... }
//   const NormalizedText& n = r.value();
//   Use(n.text);                                     // repaired UTF-8 (NFC)
//   Span src = n.ToSource(found_span);               // back to the input bytes
//   for (const Change& c : n.changes) Log(c.pass, c.before, c.after);
//
// Normalize runs these passes in this order, each one optional:
//   "utf8"       invalid UTF-8 becomes U+FFFD (always on; nothing is dropped)
//   "nfc"        Unicode NFC (decomposed accents such as "e" U+0301 compose)
//   "glyph_map"  look-alike glyphs from broken fonts: U+01A3 "ƣ" -> "ư",
//                eth "ð" -> "đ" in Vietnamese words, Symbol-font private-use
//                characters (U+F0B3 -> "≥") ... (table: normalize/data/glyph_map.tsv)
//   "legacy"     text in the legacy encodings TCVN3 (ABC, .VnTime / .VnTimeH),
//                VNI Windows, VISCII, TCVN 5712 VN1 and Windows-1258, as a PDF
//                text layer shows it through WinAnsiEncoding ("Céng hoµ" ->
//                "Cộng hoà"), detected run by run
// Tone marks are never moved in the text: CanonicalTones() gives the form to
// match on, and FoldedKey() the accent-free key for search.
//
// All functions are thread-safe. Data tables are compiled into the library;
// nothing is read from disk at run time.
#ifndef BAOCAO_NORMALIZE_H_
#define BAOCAO_NORMALIZE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

struct NormalizeOptions {
  bool nfc = true;        // compose to NFC
  bool glyph_map = true;  // repair look-alike glyphs
  bool legacy = true;     // detect and decode legacy-encoded runs
};

// A span of the input set in one font. Fonts are the strongest hint for
// legacy encodings: ".VnTime" (TCVN3), ".VnTimeH" (TCVN3, capitals only),
// "VNI-Times" (VNI); a subset prefix "ABCDEF+" is ignored.
struct TextRun {
  Span span;         // byte range of the input text
  std::string font;  // font name as the PDF gives it
};

// One edit made by a pass.
struct Change {
  std::string pass;   // "utf8", "nfc", "glyph_map", "legacy"
  std::string detail; // e.g. the encoding for "legacy" ("tcvn3", "vni" ...)
  Span source;        // bytes of the input text that were replaced
  Span output;        // bytes of NormalizedText::text that replaced them
  std::string before; // the text as this pass saw it
  std::string after;  // what the pass wrote
  double confidence = 1.0;  // 0..1
};

struct NormalizedText {
  std::string text;  // the repaired text, valid UTF-8
  // source_offset[i] is the input byte that output byte i came from; bytes a
  // pass wrote for one replaced piece all point at the piece's first input
  // byte. Non-decreasing, size text.size() + 1, last element = input size.
  std::vector<std::size_t> source_offset;
  std::vector<Change> changes;  // ordered by pass, then by position

  // The input span the output span `output` was made from. An end inside a
  // replaced piece rounds down to the piece's start. REQUIRES: output within
  // text (out-of-range ends are clamped).
  Span ToSource(Span output) const;
};

// Runs the passes `options` selects over `text` (UTF-8; invalid bytes are
// replaced by U+FFFD and reported as "utf8" changes). `runs`, when given,
// are font runs of `text`; legacy detection then works per run and trusts
// the font name. Without runs it works per line.
// Returns an error only if the built-in data tables are broken (kInternal).
Result<NormalizedText> Normalize(std::string_view text, const NormalizeOptions& options,
                                 const std::vector<TextRun>& runs = {});

// The text with every Vietnamese syllable's tone mark in the new-style
// position ("hòa" -> "hoà", "thủy" -> "thuỷ", "qúy" -> "quý"), case and all
// other characters kept. Words that are not Vietnamese syllables, or carry
// more than one tone mark, are left as they are. For matching and keys; the
// display text keeps the source spelling.
std::string CanonicalTones(std::string_view text);

// The accent-folded search key: NFD, nonspacing marks removed, NFC, "đ"/"Đ"
// -> "d"/"D", lowercase. "Tỷ lệ hồ sơ" -> "ty le ho so". Invalid UTF-8
// becomes U+FFFD.
std::string FoldedKey(std::string_view text);

// True if `word` is a Vietnamese syllable ("người", "NGƯỜI", "hòa" and "hoà"
// alike): case-insensitive, tone-placement-insensitive, NFC input. The
// inventory is the hunspell-vi word list plus the corpus truth texts.
bool IsVietnameseSyllable(std::string_view word);

}  // namespace baocao

#endif  // BAOCAO_NORMALIZE_H_
