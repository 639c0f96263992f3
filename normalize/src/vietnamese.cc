#include "vietnamese.h"

#include <array>
#include <cstddef>
#include <cstdint>

#include "utf8.h"

namespace baocao::normalize_internal {
namespace {

// The 12 vowels with their 6 tones, in Tone order.
constexpr std::array<std::u32string_view, 12> kLowerVowels = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ"};
constexpr std::array<std::u32string_view, 12> kUpperVowels = {
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ"};
constexpr std::u32string_view kConsonants = U"bcdđghklmnpqrstvxfjwz";
constexpr char32_t kTableSize = 0x1F00;  // covers every Vietnamese letter

struct LetterTable {
  std::array<VietLetter, kTableSize> letters{};  // base == 0: not a letter
  // Index into kLowerVowels of an untoned lowercase vowel; kLowerVowels.size() otherwise.
  std::array<std::uint8_t, kTableSize> vowel_index{};
  LetterTable() {
    vowel_index.fill(static_cast<std::uint8_t>(kLowerVowels.size()));
    for (std::size_t v = 0; v < kLowerVowels.size(); ++v) {
      vowel_index[kLowerVowels[v][0]] = static_cast<std::uint8_t>(v);
      for (std::size_t t = 0; t < 6; ++t) {
        const char32_t base = kLowerVowels[v][0];
        letters[kLowerVowels[v][t]] = {base, static_cast<int>(t), false, true};
        letters[kUpperVowels[v][t]] = {base, static_cast<int>(t), true, true};
      }
    }
    for (const char32_t c : kConsonants) {
      const char32_t upper = c == U'đ' ? U'Đ' : c - 0x20;
      letters[c] = {c, kNoTone, false, false};
      letters[upper] = {c, kNoTone, true, false};
    }
  }
};

const LetterTable& Letters() {
  static const LetterTable* const table = new LetterTable();
  return *table;
}

std::size_t VowelIndex(char32_t base) {
  return base < kTableSize ? Letters().vowel_index[base] : kLowerVowels.size();
}

bool IsModified(char32_t base) {
  return base == U'ă' || base == U'â' || base == U'ê' || base == U'ô' || base == U'ơ' ||
         base == U'ư';
}

// Length of the onset at the start of `bases` (lowercase, untoned letters),
// or -1 if the word cannot start a syllable. The clusters are ch, gh, gi,
// kh, ng, ngh, nh, ph, qu, th, tr; q, f, j, w and z start no syllable alone.
int OnsetLength(std::u32string_view bases) {
  if (bases.empty()) return -1;
  const char32_t first = bases[0];
  const char32_t second = bases.size() > 1 ? bases[1] : 0;
  switch (first) {
    case U'c': case U'k': case U'p': return second == U'h' ? 2 : 1;
    case U'g': return second == U'h' || second == U'i' ? 2 : 1;
    case U't': return second == U'h' || second == U'r' ? 2 : 1;
    case U'n':
      if (second == U'g') return bases.size() > 2 && bases[2] == U'h' ? 3 : 2;
      return second == U'h' ? 2 : 1;
    case U'q': return second == U'u' ? 2 : -1;
    case U'f': case U'j': case U'w': case U'z': return -1;
    default: return Letters().letters[first].vowel ? 0 : 1;
  }
}

// A word of at most kMaxLetters letters, without heap allocation: the
// longest syllable, "nghiêng", has 7.
constexpr std::size_t kMaxLetters = 8;
struct Word {
  std::array<VietLetter, kMaxLetters> letters;
  std::array<char32_t, kMaxLetters> bases;
  std::size_t size = 0;
  VietLetter& operator[](std::size_t i) { return letters[i]; }
  const VietLetter& operator[](std::size_t i) const { return letters[i]; }
  std::u32string_view base_view() const { return std::u32string_view(bases.data(), size); }
};

bool IsCoda(std::u32string_view coda) {
  return coda.empty() || coda == U"c" || coda == U"ch" || coda == U"m" || coda == U"n" ||
         coda == U"ng" || coda == U"nh" || coda == U"p" || coda == U"t";
}

// Index (into the word) of the letter that carries the tone in new style.
std::size_t ToneTarget(const Word& word, std::size_t nucleus_begin,
                       std::size_t nucleus_end) {
  for (std::size_t i = nucleus_end; i-- > nucleus_begin;) {
    if (IsModified(word[i].base)) return i;
  }
  const std::size_t size = nucleus_end - nucleus_begin;
  if (nucleus_end < word.size) return nucleus_end - 1;  // a coda follows
  if (size == 1) return nucleus_begin;
  if (size == 3) return nucleus_begin + 1;
  const char32_t a = word[nucleus_begin].base;
  const char32_t b = word[nucleus_begin + 1].base;
  const bool second = (a == U'o' && (b == U'a' || b == U'e')) || (a == U'u' && b == U'y');
  return second ? nucleus_begin + 1 : nucleus_begin;
}

bool SplitWord(std::string_view text, Word* word) {
  word->size = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    if (word->size == kMaxLetters) return false;
    char32_t cp = 0;
    pos += DecodeUtf8(text, pos, &cp);
    VietLetter& letter = word->letters[word->size];
    if (!SplitLetter(cp, &letter)) return false;
    word->bases[word->size++] = letter.base;
  }
  return word->size > 0;
}

// Finds the tone target of a syllable-shaped word; false if not a syllable.
bool FindToneTarget(const Word& word, std::size_t* target, int* tone, std::size_t* toned) {
  int tones = 0;
  for (std::size_t i = 0; i < word.size; ++i) {
    if (word[i].tone != kNoTone) {
      ++tones;
      *tone = word[i].tone;
      *toned = i;
    }
  }
  if (tones > 1) return false;
  const std::u32string_view bases = word.base_view();
  int onset = OnsetLength(bases);
  if (onset < 0) return false;
  auto nucleus_end = [&](std::size_t begin) {
    std::size_t end = begin;
    while (end < word.size && word[end].vowel) ++end;
    return end;
  };
  std::size_t begin = static_cast<std::size_t>(onset);
  std::size_t end = nucleus_end(begin);
  if (end == begin && bases.substr(0, 2) == U"gi") {  // "gìn": g + i
    begin = 1;
    end = nucleus_end(begin);
  }
  if (end == begin || end - begin > 3) return false;
  if (!IsCoda(bases.substr(end))) return false;
  *target = tones == 0 ? word.size : ToneTarget(word, begin, end);
  return true;
}

// Moves the tone of `word` to its new-style place; false if not a syllable.
bool Canonicalize(std::string_view text, Word* word) {
  if (!SplitWord(text, word)) return false;
  std::size_t target = 0;
  std::size_t toned = 0;
  int tone = kNoTone;
  if (!FindToneTarget(*word, &target, &tone, &toned)) return false;
  if (target < word->size && target != toned) {
    (*word)[toned].tone = kNoTone;
    (*word)[target].tone = tone;
  }
  return true;
}

// Whether the word ends in an open "oa", "oe" or "uy" whose tone the two
// styles place apart ("hoà"/"hòa"): not after another vowel, nor the u of
// "qu" ("quý").
bool HasOldStylePlace(const Word& word) {
  if (word.size < 2) return false;
  const std::size_t last = word.size - 1;
  const char32_t a = word[last - 1].base;
  const char32_t b = word[last].base;
  if (!((a == U'o' && (b == U'a' || b == U'e')) || (a == U'u' && b == U'y'))) return false;
  return !(last >= 2 && (word[last - 2].vowel || (a == U'u' && word[last - 2].base == U'q')));
}

}  // namespace

bool SplitLetter(char32_t cp, VietLetter* letter) {
  if (cp >= kTableSize) return false;
  const VietLetter& found = Letters().letters[cp];
  if (found.base == 0) return false;
  *letter = found;
  return true;
}

char32_t ComposeLetter(char32_t base, int tone, bool upper) {
  const std::size_t v = VowelIndex(base);
  if (v == kLowerVowels.size()) {
    if (!upper) return base;
    return base == U'đ' ? U'Đ' : base - 0x20;
  }
  const std::size_t t = static_cast<std::size_t>(tone);
  return upper ? kUpperVowels[v][t] : kLowerVowels[v][t];
}

char32_t LowerLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
  VietLetter letter;
  if (!SplitLetter(cp, &letter) || !letter.upper) return cp;
  return ComposeLetter(letter.base, letter.tone, false);
}

bool CanonicalSyllable(std::string_view text, std::string* out) {
  Word word;
  if (!Canonicalize(text, &word)) return false;
  for (std::size_t i = 0; i < word.size; ++i) {
    AppendUtf8(ComposeLetter(word[i].base, word[i].tone, word[i].upper), out);
  }
  return true;
}

bool ToneInPlace(std::string_view text) {
  Word word;
  if (!SplitWord(text, &word)) return false;
  std::size_t target = 0;
  std::size_t toned = 0;
  int tone = kNoTone;
  if (!FindToneTarget(word, &target, &tone, &toned)) return false;
  if (target >= word.size || toned == target) return true;  // no tone, or new style
  if (toned + 1 == target && target == word.size - 1 && HasOldStylePlace(word)) return true;
  return toned == 1 && word[0].base == U'q' && word[1].base == U'u';  // "qúy"
}

bool OldStyleSyllable(std::string_view text, std::string* out) {
  Word word;
  if (!Canonicalize(text, &word) || word.size < 2) return false;
  const std::size_t last = word.size - 1;
  if (word[last].tone == kNoTone || !HasOldStylePlace(word)) return false;
  word[last - 1].tone = word[last].tone;
  word[last].tone = kNoTone;
  for (std::size_t i = 0; i < word.size; ++i) {
    AppendUtf8(ComposeLetter(word[i].base, word[i].tone, word[i].upper), out);
  }
  return true;
}

bool SyllableKey(std::string_view text, std::string* key) {
  Word word;
  if (!Canonicalize(text, &word)) return false;
  key->clear();
  for (std::size_t i = 0; i < word.size; ++i) {
    AppendUtf8(ComposeLetter(word[i].base, word[i].tone, false), key);
  }
  return true;
}

}  // namespace baocao::normalize_internal
