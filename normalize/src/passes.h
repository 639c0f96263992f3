// The passes Normalize() runs, in order. Each rewrites a TrackedText in place
// and appends the changes it made; each is a no-op on text it has nothing to
// do with.
#ifndef BAOCAO_NORMALIZE_PASSES_H_
#define BAOCAO_NORMALIZE_PASSES_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/normalize.h"
#include "baocao/status.h"
#include "flat_hash.h"
#include "lost_chars.h"
#include "syllable_model.h"
#include "tracked_text.h"

namespace baocao::normalize_internal {

// "utf8": ill-formed sequences -> U+FFFD.
void Utf8Pass(TrackedText* text, std::vector<Change>* changes);

// "nfc": Unicode NFC with ICU.
Status NfcPass(TrackedText* text, std::vector<Change>* changes);

// "glyph_map": look-alike glyphs from data/glyph_map.tsv.
Status GlyphMapPass(TrackedText* text, std::vector<Change>* changes);

// "legacy": legacy-encoded runs decoded with data/legacy/*.tsv. `runs` are
// font runs in input (source) offsets, possibly empty.
Status LegacyPass(TrackedText* text, const std::vector<TextRun>& runs,
                  std::vector<Change>* changes);

// The syllable model the passes read with: the caller's, else the built-in one.
inline std::shared_ptr<const SyllableModel> ModelOf(const NormalizeOptions& options) {
  return options.model ? options.model : BuiltInSyllableModel();
}

// The end of the line of `text` that starts at `begin`: its "\n", or the
// "\r" before it in text with CRLF line ends, whose trailing spaces are
// the line's own end. *next: where the next line starts (past the end of
// `text` after the last one).
inline std::size_t LineEnd(std::string_view text, std::size_t begin, std::size_t* next) {
  std::size_t eol = text.find('\n', begin);
  if (eol == std::string_view::npos) eol = text.size();
  *next = eol + 1;
  return eol > begin && text[eol - 1] == '\r' ? eol - 1 : eol;
}

// Whether each line looks like it lost characters (LineDamage), kept for
// the passes that ask of the same line: most lines reach "lost_chars" as
// "split_syllables" left them.
class DamagedLines {
 public:
  // Judges the lines of a whole text first. Where many of them plainly lost
  // characters, a line that shows a single fragment lost some too ("Hạn
  // ch", "KẾT QUẢ THỰC HI N" in the Tuần Giáo report).
  void Survey(const SyllableModel& model, std::string_view text);
  // `wide`: the line as code points, if the caller has it already.
  bool Judge(const SyllableModel& model, std::string_view line, const std::u32string* wide = nullptr);

 private:
  DamageSign Sign(const SyllableModel& model, std::string_view line, const std::u32string* wide);
  StringMap<DamageSign> judged_;
  bool text_damaged_ = false;
};

// "split_syllables": "huy ện" -> "huyện". Skips lines that look like they
// lost characters (those are "lost_chars"' work) unless that pass is off.
Status SplitSyllablesPass(TrackedText* text, const NormalizeOptions& options, DamagedLines* damaged,
                          std::vector<Change>* changes);

// "lost_chars": lines (or runs marked by the caller) that lost characters,
// decoded with the syllable model.
Status LostCharsPass(TrackedText* text, const std::vector<TextRun>& runs,
                     const NormalizeOptions& options, DamagedLines* damaged, std::vector<Change>* changes);

// "ocr_tones": in runs read by OCR, an acute read for a hook tone (or the
// other way round) set right where the syllable model is sure.
Status OcrTonesPass(TrackedText* text, const std::vector<TextRun>& runs,
                    const NormalizeOptions& options, std::vector<Change>* changes);

// "ocr_spaces": in runs read by OCR, two syllables glued into one word split
// again ("cáosố" -> "cáo số", "UBNDngày" -> "UBND ngày").
Status OcrSpacesPass(TrackedText* text, const std::vector<TextRun>& runs,
                     const NormalizeOptions& options, std::vector<Change>* changes);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_PASSES_H_
