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
//   "split_syllables"  a syllable split by a stray space, when the halves are
//                not both syllables and the join is ("huy ện" -> "huyện"),
//                and the syllable model finds the join likelier in its
//                context than the words apart or a rival join ("có t hể" is
//                "có thể", not "cót hể"); the confidence is its posterior
//   "ocr_tones"  in runs the caller marks as read by OCR, a hook tone read as
//                an acute or the other way round ("tối thiếu" -> "tối thiểu",
//                "Tố chức" -> "Tổ chức"), when the syllable model finds the
//                other reading at least e^3 times likelier in its context;
//                the confidence is that reading's posterior between the two
//   "ocr_spaces" in runs read by OCR, a word glued from two by a lost space
//                split again where its halves are syllables (or an abbreviation
//                in capitals against a syllable) and the syllable model finds
//                the pair at least e^3 times likelier than one unknown word:
//                "Báo cáosố" -> "Báo cáo số", "BC-UBNDngày" -> "BC-UBND ngày"
//   "lost_chars" the Tuần Giáo defect: every character of a per-font set came
//                out as one space ("UBND huy n     ổ chức" -> "UBND huyện đã
//                tổ chức"). Each space is read as a real space or a lost
//                character by a syllable trigram model over the lattice of
//                readings; every repaired token has a posterior confidence
//                and its alternatives. Runs only on lines (or runs) it finds
//                damaged, or that the caller marks.
// Tone marks are never moved in the text: CanonicalTones() gives the form to
// match on, and FoldedKey() the accent-free key for search.
//
// All functions are thread-safe. Data tables are compiled into the library;
// nothing is read from disk at run time.
#ifndef BAOCAO_NORMALIZE_H_
#define BAOCAO_NORMALIZE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

// A syllable language model (trigram, modified Kneser-Ney) with its
// vocabulary; opaque. Immutable and thread-safe once built.
class SyllableModel;

// The model trained at build time (dev corpus + libreoffice-help-vi +
// manpages-vi), built into the program.
std::shared_ptr<const SyllableModel> BuiltInSyllableModel();

// A model from the bytes TrainSyllableModel() wrote (a file of
// `baocao lm build`). kCorrupt if they are not such a model.
Result<std::shared_ptr<const SyllableModel>> LoadSyllableModel(std::string_view bytes);

// Trains a model on clean UTF-8 texts (one sentence or paragraph per line;
// HTML tags and the corpus markup are stripped) and returns its bytes.
// kInvalidArgument if the texts hold too few words to build one.
Result<std::string> TrainSyllableModel(const std::vector<std::string>& texts);

enum class LostCharacters {
  kOff,   // never
  kAuto,  // on lines where many words are fragments one character short of a syllable
  kOn,    // on every line (the caller knows the text has lost characters)
};

struct NormalizeOptions {
  bool nfc = true;        // compose to NFC
  bool glyph_map = true;  // repair look-alike glyphs
  bool legacy = true;     // detect and decode legacy-encoded runs
  bool split_syllables = true;  // join syllables split by a stray space
  bool ocr_tones = true;        // hook/acute confusions in runs read by OCR
  bool ocr_spaces = true;       // words glued by a lost space in runs read by OCR
  LostCharacters lost_chars = LostCharacters::kAuto;
  // Repairs with a lower confidence are still made but marked
  // Change::review; `baocao repair --mark` brackets them.
  double review_threshold = 0.9;
  // Adds the document's own intact lines to the model while repairing it.
  bool self_adapt = true;
  std::shared_ptr<const SyllableModel> model;  // null: BuiltInSyllableModel()
};

// A span of the input set in one font. Fonts are the strongest hint for
// legacy encodings: ".VnTime" (TCVN3), ".VnTimeH" (TCVN3, capitals only),
// "VNI-Times" (VNI); a subset prefix "ABCDEF+" is ignored.
struct TextRun {
  Span span;         // byte range of the input text
  std::string font;  // font name as the PDF gives it
  bool lost_characters = false;  // the caller knows this run lost characters
  bool ocr = false;              // the run was read by OCR
};

// One edit made by a pass.
struct Change {
  std::string pass;   // "utf8", "nfc", "glyph_map", "legacy", "split_syllables", "ocr_tones", "ocr_spaces",
                      // "lost_chars"
  std::string detail; // e.g. the encoding for "legacy" ("tcvn3", "vni" ...); for "lost_chars" the
                      // decoder's posterior ("posterior 0.973142") or "document number"
  Span source;        // bytes of the input text that were replaced
  Span output;        // bytes of NormalizedText::text that replaced them
  std::string before; // the text as this pass saw it
  std::string after;  // what the pass wrote
  double confidence = 1.0;  // 0..1; for "lost_chars" that the repair is right: the posterior
                            // weighed with what the line shows around it; for "split_syllables"
                            // and "ocr_tones" the posterior of the reading
  // Next-best readings of `before`, best first ("lost_chars").
  std::vector<std::string> alternatives;
  bool review = false;  // confidence < NormalizeOptions::review_threshold
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

// The text with every Vietnamese syllable's tone mark in one fixed position,
// the one hunspell-vi uses: on the second vowel of "oa", "oe", "uy" ("hòa" ->
// "hoà", "thủy" -> "thuỷ") and after "qu" ("qúy" -> "quý"), case and all
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
