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
#include <utility>
#include <vector>

namespace baocao::normalize_internal {

inline constexpr std::uint32_t kBos = 0;  // <s>
inline constexpr std::uint32_t kEos = 1;  // </s>
inline constexpr std::uint32_t kUnk = 2;  // <unk>
inline constexpr std::uint32_t kNum = 3;  // <num>

// The token of a run of letters: lowercase, canonical tone placement.
std::string LetterToken(std::string_view letters);

// Appends the tokens of one line of text to *tokens.
void TokenizeLine(std::string_view line, std::vector<std::string>* tokens);
// The same tokens as byte spans of `line`, for a caller that needs to know
// where each one stands: a run of letters, a run of digits, or one other
// character.
struct TokenSpan {
  enum Kind : std::uint8_t { kLetters, kDigits, kOther };
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = kOther;
};
void TokenizeLine(std::string_view line, std::vector<TokenSpan>* spans);

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
    std::uint32_t trigrams_begin = 0;  // the trigrams (u v .) in the model's tables
    std::uint32_t trigrams_end = 0;
  };
  Context ContextOf(std::uint32_t u, std::uint32_t v) const;
  // Equal to LogProb(context.u, context.v, w).
  float LogProb(const Context& context, std::uint32_t w) const;

  // The part of LogProb(context, w) that depends only on context.v and w
  // (the bigram (v w)): decoders whose contexts share their last word look
  // it up once.
  static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;
  struct Follower {
    std::uint32_t w = kUnk;
    std::uint32_t bigram = kAbsent;  // position of (v w) in the tables
  };
  Follower FollowerOf(std::uint32_t v, std::uint32_t w) const { return {w, FindBigram(v, w)}; }
  // Equal to LogProb(context, follower.w) for a follower of context.v.
  float LogProb(const Context& context, const Follower& follower) const;
  float UnigramLogProb(std::uint32_t w) const { return uni_logp_[w]; }

  std::size_t bigram_count() const { return bigram_next_.size(); }
  std::size_t trigram_count() const { return trigram_next_.size(); }

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
  void IndexFollowers();
  // Fills the n-gram tables from entries keyed by Key2 and Key3, in any
  // order. False if a key repeats, holds an id out of the vocabulary, or a
  // trigram's first two words are not a bigram.
  bool Store(std::vector<std::pair<std::uint64_t, Bigram>> bigrams,
             std::vector<std::pair<std::uint64_t, float>> trigrams);
  // Position of (v w) in bigram_next_, or kAbsent.
  std::uint32_t FindBigram(std::uint32_t v, std::uint32_t w) const;
  // Position of w in trigram_next_[begin, end), or kAbsent.
  std::uint32_t FindTrigram(std::uint32_t begin, std::uint32_t end, std::uint32_t w) const;

  std::vector<std::string> vocab_;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> ids_;
  std::vector<float> uni_logp_;
  std::vector<float> uni_backoff_;  // ln gamma(v) for bigrams in context v
  // The n-grams as sorted follower lists rather than one hash table: the
  // decoder asks for many words after the same few contexts, and a
  // context's followers stay in the cache between its lookups.
  // Bigrams (v w): w = bigram_next_[j] for j in [bigram_begin_[v], bigram_begin_[v + 1]), ascending.
  std::vector<std::uint32_t> bigram_begin_;  // size() + 1
  std::vector<std::uint32_t> bigram_next_;
  std::vector<Bigram> bigram_values_;  // parallel to bigram_next_
  // Bit w of row v set for every bigram (v w), for a vocabulary small
  // enough (empty otherwise; then FindBigram searches bigram_next_): most
  // words a decoder asks for after a context never followed it, and a
  // clear bit in the context's row, which stays in the cache, says so.
  std::vector<std::uint64_t> follower_bits_;
  // Per word of follower_bits_: the bits set in its row before it, so that
  // a bigram's position is its rank in the row, without a search.
  std::vector<std::uint32_t> follower_rank_;
  std::size_t follower_row_words_ = 0;
  // Trigrams (u v w), with (u v) the j-th bigram: w = trigram_next_[t] for t
  // in [trigram_begin_[j], trigram_begin_[j + 1]), ascending.
  std::vector<std::uint32_t> trigram_begin_;  // bigram_count() + 1
  std::vector<std::uint32_t> trigram_next_;
  std::vector<float> trigram_logp_;  // parallel to trigram_next_
};

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_SYLLABLE_LM_H_
