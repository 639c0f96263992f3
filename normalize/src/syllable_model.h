// SyllableModel's insides: the trigram model plus the index of letter words
// (syllable inventory and the model's own letter tokens) by length, which
// the "lost_chars" decoder matches spaces against.
#ifndef BAOCAO_NORMALIZE_SYLLABLE_MODEL_H_
#define BAOCAO_NORMALIZE_SYLLABLE_MODEL_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baocao/normalize.h"
#include "flat_hash.h"
#include "syllable_lm.h"

namespace baocao::normalize_internal {

inline constexpr std::size_t kMaxWordLetters = 8;

// Lowercase Vietnamese letters (toned vowels included) as 0..127; -1 for
// anything else.
int LetterId(char32_t lower);
char32_t LetterFromId(int id);
inline constexpr int kLetterIds = 128;

struct LetterMask {
  std::uint64_t bits[2] = {0, 0};
  void Set(int id) { bits[id >> 6] |= std::uint64_t{1} << (id & 63); }
  bool Has(int id) const { return (bits[id >> 6] >> (id & 63)) & 1; }
  bool SubsetOf(const LetterMask& other) const {
    return (bits[0] & ~other.bits[0]) == 0 && (bits[1] & ~other.bits[1]) == 0;
  }
};

struct WordEntry {
  std::array<std::uint8_t, kMaxWordLetters> letters{};  // letter ids
  std::uint8_t size = 0;
  LetterMask mask;
  std::uint32_t lm_id = kUnk;
  std::uint64_t key_hash = 0;  // of `token`, for the document cache
  float unigram = 0;           // ln P(token)
  bool syllable = false;       // in the inventory (not only a model token)
  bool old_style = false;      // `letters` spell the token in old style ("hóa" for "hoá")
  bool two_styles = false;     // the token has an entry in each style
  std::string token;           // lowercase canonical form
};

// What WordKind() tells of an entry, one bit each.
inline constexpr std::uint8_t kSyllableWord = 1;  // WordEntry::syllable
inline constexpr std::uint8_t kTwoStyles = 2;     // WordEntry::two_styles
inline constexpr std::uint8_t kOldStyle = 4;      // WordEntry::old_style

inline std::uint8_t WordKind(const WordEntry& e) {
  return static_cast<std::uint8_t>((e.syllable ? kSyllableWord : 0) | (e.two_styles ? kTwoStyles : 0) |
                                   (e.old_style ? kOldStyle : 0));
}

// The entry's letter ids, one per byte, the first lowest.
inline std::uint64_t LetterCode(const WordEntry& e) {
  std::uint64_t code = 0;
  for (std::size_t k = 0; k < e.size; ++k) code |= std::uint64_t{e.letters[k]} << (8 * k);
  return code;
}

// Hash of a token string for the document cache.
std::uint64_t TokenHash(std::string_view token);

}  // namespace baocao::normalize_internal

namespace baocao {

class SyllableModel {
 public:
  explicit SyllableModel(normalize_internal::NgramModel lm);
  const normalize_internal::NgramModel& lm() const { return lm_; }
  // Letter words of `size` letters, most frequent first. A syllable with
  // both tone styles ("hoá", "hóa") is there twice, with the same token.
  const std::vector<normalize_internal::WordEntry>& Words(std::size_t size) const {
    return by_size_[size];
  }
  // Positions in Words(size) of the words whose letter `k` has id `letter`,
  // ascending: the decoder starts from the rarest letter a span shows.
  const std::vector<std::uint32_t>& WordsWithLetterAt(std::size_t size, std::size_t k, int letter) const {
    return by_letter_at_[size][k * normalize_internal::kLetterIds + static_cast<std::size_t>(letter)];
  }
  // The letter ids of Words(size), one per byte, the first lowest: the
  // decoder tests thousands of words against a span and reads only these.
  const std::vector<std::uint64_t>& LetterCodes(std::size_t size) const { return letter_codes_[size]; }
  // The letter masks and WordKind of Words(size), in its order, for the
  // same reason.
  const std::vector<normalize_internal::LetterMask>& LetterMasks(std::size_t size) const {
    return letter_masks_[size];
  }
  const std::vector<std::uint8_t>& WordKinds(std::size_t size) const { return word_kinds_[size]; }
  // The entry of a lowercase canonical token, or null.
  const normalize_internal::WordEntry* Find(std::string_view token) const;
  // True if the lowercase canonical `letters` occur, contiguous, inside a
  // syllable of the inventory: what a syllable that lost letters at either
  // side of them leaves behind. Foreign words ("smart") are not.
  bool IsSyllablePiece(std::string_view letters) const;
  // ln of the share one out-of-vocabulary word gets of P(<unk>).
  float oov_penalty() const { return oov_penalty_; }

 private:
  void AddPieces(const std::string& syllable);

  normalize_internal::NgramModel lm_;
  std::array<std::vector<normalize_internal::WordEntry>, normalize_internal::kMaxWordLetters + 1> by_size_;
  std::array<std::vector<std::uint64_t>, normalize_internal::kMaxWordLetters + 1> letter_codes_;
  std::array<std::vector<normalize_internal::LetterMask>, normalize_internal::kMaxWordLetters + 1> letter_masks_;
  std::array<std::vector<std::uint8_t>, normalize_internal::kMaxWordLetters + 1> word_kinds_;
  // [size][k * kLetterIds + letter] -> positions in by_size_[size].
  std::array<std::vector<std::vector<std::uint32_t>>, normalize_internal::kMaxWordLetters + 1> by_letter_at_;
  // Looked up by string_view without building a string.
  struct TokenHasher {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // token -> (size, position)
  std::unordered_map<std::string, std::pair<std::uint8_t, std::uint32_t>, TokenHasher, std::equal_to<>> index_;
  float oov_penalty_ = 0;
  normalize_internal::FlatHash<bool> syllable_pieces_;  // TokenHash of every piece
};

}  // namespace baocao

#endif  // BAOCAO_NORMALIZE_SYLLABLE_MODEL_H_
