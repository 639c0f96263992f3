// A syllable trigram language model: interpolated modified Kneser-Ney
// (Chen & Goodman 1998), stored in backoff form, and the tokenizer that
// turns text into its tokens. Shared by the build-time generator
// (tools/make_lm.cc), `baocao lm build` and the "lost_chars" decoder.
//
// Tokens: a run of Vietnamese letters is one token, lowercase, tone in the
// new-style place ("Hòa" -> "hoà"); a run of digits is "<num>"; any other
// non-space character is a token of its own. Each line is a sentence,
// padded with <s> <s> ... </s>.
#ifndef BAOCAO_NORMALIZE_SYLLABLE_LM_H_
#define BAOCAO_NORMALIZE_SYLLABLE_LM_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "flat_hash.h"

namespace baocao::normalize_internal {

inline constexpr std::uint32_t kBos = 0;  // <s>
inline constexpr std::uint32_t kEos = 1;  // </s>
inline constexpr std::uint32_t kUnk = 2;  // <unk>
inline constexpr std::uint32_t kNum = 3;  // <num>

// The token of a run of letters: lowercase, canonical tone placement.
std::string LetterToken(std::string_view letters);

// Appends the tokens of one line of text to *tokens.
void TokenizeLine(std::string_view line, std::vector<std::string>* tokens);

// Plain text from training sources: HTML tags and entities, roff requests
// and font escapes, and the corpus markup (headings, ::: blocks, table bars,
// <br>, [^N] footnote marks) removed; one sentence-like piece per line.
std::string CleanTrainingText(std::string_view text);

// Cuts `line` at every run of letters whose token is not in `syllables`
// (English words and names of general text) and appends the pieces between
// them that hold at least one letter to *pieces. Such words stay out of a
// model trained on the pieces, and no n-gram spans the place they held.
void SplitAtForeignWords(std::string_view line, const std::unordered_set<std::string>& syllables,
                         std::vector<std::string>* pieces);

class NgramModel {
 public:
  NgramModel() = default;

  // Trains on `lines` (plain text, one sentence per line). Tokens seen fewer
  // than `min_count` times become <unk>.
  static NgramModel Train(const std::vector<std::string>& lines, int min_count);

  // Reads Serialize()'s bytes. Returns false with *error set if malformed.
  static bool Parse(std::string_view bytes, NgramModel* model, std::string* error);
  std::string Serialize() const;

  // kUnk if `token` is not in the vocabulary.
  std::uint32_t Id(std::string_view token) const;
  const std::string& Token(std::uint32_t id) const { return vocab_[id]; }
  std::uint32_t size() const { return static_cast<std::uint32_t>(vocab_.size()); }

  // ln P(w | u v), u the older word; ids must be < size().
  float LogProb(std::uint32_t u, std::uint32_t v, std::uint32_t w) const;

  // The part of LogProb(u, v, .) that does not depend on the next word:
  // decoders score many words after one context and look it up once.
  struct Context {
    std::uint32_t u = kBos;
    std::uint32_t v = kBos;
    float backoff = 0;          // ln gamma(u v) + ln gamma(v) when no bigram (v w)
    float trigram_backoff = 0;  // ln gamma(u v)
    bool has_trigrams = false;  // (u v) was a trigram context in training
  };
  Context ContextOf(std::uint32_t u, std::uint32_t v) const;
  // Equal to LogProb(context.u, context.v, w).
  float LogProb(const Context& context, std::uint32_t w) const;
  float UnigramLogProb(std::uint32_t w) const { return uni_logp_[w]; }

  std::size_t bigram_count() const { return bigrams_.size(); }
  std::size_t trigram_count() const { return trigrams_.size(); }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  struct Bigram {
    float logp = 0;
    float backoff = 0;  // ln gamma(u v) for trigrams in context u v
  };
  static std::uint64_t Key2(std::uint32_t a, std::uint32_t b) {
    return (std::uint64_t{a} << 32) | b;
  }
  static std::uint64_t Key3(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    return (std::uint64_t{a} << 42) | (std::uint64_t{b} << 21) | c;
  }
  void Index();

  std::vector<std::string> vocab_;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::vector<float> uni_logp_;
  std::vector<float> uni_backoff_;  // ln gamma(v) for bigrams in context v
  FlatHash<Bigram> bigrams_;
  FlatHash<float> trigrams_;
};

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_SYLLABLE_LM_H_
