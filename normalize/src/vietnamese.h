// The Vietnamese alphabet and syllable structure: letters split into base
// and tone, syllables into onset, vowel nucleus and coda, and the new-style
// tone placement. Pure functions without tables from disk, so the build-time
// syllable generator can use them too.
#ifndef BAOCAO_NORMALIZE_VIETNAMESE_H_
#define BAOCAO_NORMALIZE_VIETNAMESE_H_

#include <string>
#include <string_view>

namespace baocao::normalize_internal {

// Tones, in the order Vietnamese dictionaries list them.
enum Tone : int { kNoTone = 0, kHuyen = 1, kSac = 2, kHoi = 3, kNga = 4, kNang = 5 };

struct VietLetter {
  char32_t base = 0;   // lowercase letter without tone: 'a', U+00E2 'â', U+0111 'đ', 'b' ...
  int tone = kNoTone;
  bool upper = false;
  bool vowel = false;  // one of a ă â e ê i o ô ơ u ư y
};

// Splits `cp` if it is a letter of the Vietnamese alphabet (the 29 letters,
// the toned vowels, and the Latin letters f j w z, which loan words use).
// Returns false for anything else.
bool SplitLetter(char32_t cp, VietLetter* letter);

// The code point of `base` (lowercase, untoned vowel) with `tone`, in upper
// case if `upper`.
char32_t ComposeLetter(char32_t base, int tone, bool upper);

// Lowercase of a Vietnamese or ASCII letter; other code points unchanged.
char32_t LowerLetter(char32_t cp);

// For a UTF-8 word (letters only): the word with its tone mark moved to the
// new-style position, case kept, appended to *out. Returns false, appending
// nothing, if the word is not shaped like one Vietnamese syllable (onset,
// vowels, coda) or has more than one tone mark.
bool CanonicalSyllable(std::string_view word, std::string* out);

// For a syllable whose tone sits on the second vowel of an open "oa", "oe"
// or "uy" in new style ("hoá", "thuỷ"): the old-style spelling with the
// tone on the first ("hóa", "thủy"), case kept, appended to *out. Returns
// false, appending nothing, for every other word: the two styles agree.
bool OldStyleSyllable(std::string_view word, std::string* out);

// Whether the tone mark of a UTF-8 syllable sits where one of the two styles
// puts it ("hoà", "hòa"), or on the u of "qu" ("qúy", a common way to type
// "quý"); true without a tone. False for "sôì" (tone on the i of "ôi") and
// for a word not shaped like a syllable.
bool ToneInPlace(std::string_view word);

// Lowercase canonical form used as the syllable inventory key ("Hòa" ->
// "hoà"). Returns false if `word` is not shaped like a syllable.
bool SyllableKey(std::string_view word, std::string* key);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_VIETNAMESE_H_
