#include "lost_chars.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <span>

#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// See Decoder::deep_in_gap_: four words' worth of cells.
constexpr std::size_t kMaxGapDepth = 4 * kMaxWordLetters;
constexpr double kLn2 = 0.69314718055994531;
// Above the rounding error of any score: a step whose bound falls this
// much below a beam's worst surely falls below it.
constexpr double kBoundMargin = 1e-6;
// Longest gap beside a word the model does not know that marks it as a fragment.
constexpr std::size_t kShortGap = 4;
// Most digits a number may have lost before the first it shows, or after the last.
constexpr std::size_t kMaxEdgeLostDigits = 4;

// The usual capital share per place, before the document says otherwise.
constexpr std::array<double, kWordPlaces> kCapitalPrior = {0.9, 0.9, 0.5, 0.1, 0.5, 0.5, 0.2};
// How likely a line shows a letter intact in one case while it lost the
// same letter in that case elsewhere, where the lost set rules the letter
// out: font runs of one line may lose different sets (the Tuần Giáo report
// shows "nhi m v " and " ăn bản" on one line). A lost set that allows it
// prices it itself (LostSet::shown_lower).
constexpr double kOtherCaseShownButLost = 0.05;
// The most confidence a lost first letter keeps in the case the line shows
// intact, read so against the case it never shows. On held-out dev,
// reading the likelier case restored 1-1.7 points more on lines that hold a
// font run of their own; uncapped, it added wrong sure repairs on lines of
// one run, where such a reading is always wrong.
constexpr double kAgainstShownCase = 0.5;
// ShownLetterCostOf starts from kShownPriorLetters letters read at a cost
// of kShownPriorCost: a text that shows little evidence is taken to have
// lost one set per run, the usual defect, more readily than the first
// decoding (which looks for all readings) does.
constexpr double kShownPriorLetters = 20;
constexpr double kShownPriorCost = 3;

WordPlace PlaceAfter(char32_t previous) {
  if (previous == '.' || previous == '!' || previous == '?') return WordPlace::kAfterStop;
  if (previous == ':') return WordPlace::kAfterColon;
  if (previous == ')' || previous == '-' || previous == '+' || previous == 0x2013) return WordPlace::kAfterMark;
  if (previous == 0x201C) return WordPlace::kAfterQuote;  // “
  if (previous == ';') return WordPlace::kAfterSemicolon;
  return WordPlace::kInside;
}

// Bullets and numbering ("1.2.", "-", "+", "a)") before the first word keep
// it at the line's start.
bool IsListMark(char32_t c) {
  return c == '-' || c == '+' || c == '*' || c == 0x2022 || c == ')' || c == '.' || (c >= '0' && c <= '9');
}

// True if the letters of `mask` (LetterIds) include a vowel.
bool HasVowel(const LetterMask& mask) {
  static const LetterMask vowels = [] {
    LetterMask m;
    for (int id = 0; id < kLetterIds; ++id) {
      VietLetter letter;
      if (SplitLetter(LetterFromId(id), &letter) && letter.vowel) m.Set(id);
    }
    return m;
  }();
  return (mask.bits[0] & vowels.bits[0]) != 0 || (mask.bits[1] & vowels.bits[1]) != 0;
}

enum Class : std::uint8_t { kSpace, kLetter, kDigit, kOther };

struct Cell {
  Class cls = kOther;
  int letter = -1;  // LetterId of the lowercase letter
  bool upper = false;
};

std::vector<Cell> Classify(std::u32string_view line) {
  std::vector<Cell> cells(line.size());
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char32_t cp = line[i];
    Cell& c = cells[i];
    VietLetter letter;
    if (cp == ' ') {
      c.cls = kSpace;
    } else if (cp >= '0' && cp <= '9') {
      c.cls = kDigit;
    } else if (SplitLetter(cp, &letter)) {
      c.cls = kLetter;
      c.letter = LetterId(ComposeLetter(letter.base, letter.tone, false));
      c.upper = letter.upper;
    }
  }
  return cells;
}

// A token of the lattice: a span of the line and what it reads as.
struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t lm_id = kUnk;
  std::uint64_t hash = 0;
  const WordEntry* entry = nullptr;  // a word read with restored letters
  bool wild = false;                 // holds restored letters
  bool punct = false;
  std::size_t span_group = 0;        // index of the (begin, end) candidate group
  double cost = 0;                   // of its restored letters (LostSet::Cost)
};

// The case of a token's restored letters.
struct WordCase {
  bool first_upper = false;
  bool inner_upper = false;
  double confidence = 1;  // that first_upper is right
};

struct Hyp {
  double score = 0;  // of the best path here (Viterbi)
  std::uint32_t u = kBos, v = kBos;
  std::uint64_t hu = 0, hv = 0;
  int parent = -1;
  int token = -1;  // -1: an extra space or the start
  std::uint32_t generation = 0;  // bumped when the slot is reused for another state
};

// A step of the lattice between two hypotheses. The beam keeps every step
// into a surviving state, not only the best, so that forward-backward can
// sum over all the readings the search saw.
struct Edge {
  int from = 0;
  int to = 0;
  int token = -1;
  double score = 0;
  std::uint32_t generation = 0;  // of `to` when the step was made
};

double LogSumExp(double a, double b) {
  if (a == -kInfinity) return b;
  if (b == -kInfinity) return a;
  return std::max(a, b) + std::log1p(std::exp(-std::abs(a - b)));
}

// The hypotheses kept at each position of a line, at most `capacity`
// each, with their StateKey, last word (hv) and score, in one block per
// table: a line's search fills hundreds of small beams, which cost a few
// allocations each as vectors of their own. Steps compare scores here
// without reading the hypotheses.
class BeamTable {
 public:
  void Reset(std::size_t positions, std::size_t capacity) {
    capacity_ = capacity;
    sizes_.assign(positions, 0);
    ids_.resize(positions * capacity);
    keys_.resize(positions * capacity);
    words_.resize(positions * capacity);
    scores_.resize(positions * capacity);
  }
  std::size_t positions() const { return sizes_.size(); }
  bool Full(std::size_t node) const { return sizes_[node] >= capacity_; }
  std::span<const int> Ids(std::size_t node) const { return {ids_.data() + node * capacity_, sizes_[node]}; }
  std::span<const std::uint64_t> Keys(std::size_t node) const { return {keys_.data() + node * capacity_, sizes_[node]}; }
  std::span<const std::uint64_t> Words(std::size_t node) const {
    return {words_.data() + node * capacity_, sizes_[node]};
  }
  std::span<const double> Scores(std::size_t node) const { return {scores_.data() + node * capacity_, sizes_[node]}; }
  // Adds a member; the beam must not be Full.
  void Add(std::size_t node, int id, std::uint64_t key, std::uint64_t word, double score) {
    const std::size_t at = node * capacity_ + sizes_[node]++;
    ids_[at] = id;
    keys_[at] = key;
    words_[at] = word;
    scores_[at] = score;
  }
  // The member at `slot` now holds another state (its hypothesis id stays).
  void Replace(std::size_t node, std::size_t slot, std::uint64_t key, std::uint64_t word, double score) {
    keys_[node * capacity_ + slot] = key;
    words_[node * capacity_ + slot] = word;
    scores_[node * capacity_ + slot] = score;
  }
  // The state at `slot` was reached by a better step.
  void SetScore(std::size_t node, std::size_t slot, double score) { scores_[node * capacity_ + slot] = score; }

 private:
  std::size_t capacity_ = 0;
  std::vector<std::size_t> sizes_;
  std::vector<int> ids_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint64_t> words_;
  std::vector<double> scores_;
};

class Decoder {
 public:
  Decoder(const SyllableModel& model, const DocumentCache* cache, std::u32string_view line,
          const LostSet& lost, const DecoderOptions& options)
      : model_(model), lm_(model.lm()), cache_(cache && !cache->empty() ? cache : nullptr),
        line_(line), lost_(lost), options_(options), cells_(Classify(line)) {
    unshown_ = lost;
    for (std::size_t w = 0; w < 2; ++w) {
      unshown_.lower.bits[w] &= ~lost.shown_lower.bits[w];
      unshown_.upper.bits[w] &= ~lost.shown_upper.bits[w];
    }
    lost_any_.bits[0] = lost.lower.bits[0] | lost.upper.bits[0];
    lost_any_.bits[1] = lost.lower.bits[1] | lost.upper.bits[1];
    unshown_any_.bits[0] = unshown_.lower.bits[0] | unshown_.upper.bits[0];
    unshown_any_.bits[1] = unshown_.lower.bits[1] | unshown_.upper.bits[1];
    bool seen[10] = {};
    for (const char32_t cp : line) {
      if (cp >= '0' && cp <= '9') seen[cp - '0'] = true;
    }
    digits_lost_ = std::count(std::begin(seen), std::end(seen), false) > 0;
    std::size_t upper = 0, lower = 0;
    for (const Cell& c : cells_) {
      if (c.cls == kLetter) (c.upper ? upper : lower) += 1;
    }
    line_in_capitals_ = lower == 0 && upper >= 3;
    // Cells deep inside a long run of spaces, far from any shown character.
    deep_in_gap_.assign(cells_.size(), false);
    std::size_t since = kMaxGapDepth + 1;  // cells since the last shown one, from the left
    for (std::size_t i = 0; i < cells_.size(); ++i) {
      since = cells_[i].cls == kSpace ? since + 1 : 0;
      deep_in_gap_[i] = since > kMaxGapDepth;
    }
    since = kMaxGapDepth + 1;
    for (std::size_t i = cells_.size(); i-- > 0;) {
      since = cells_[i].cls == kSpace ? since + 1 : 0;
      deep_in_gap_[i] = deep_in_gap_[i] && since > kMaxGapDepth;
    }
    if (lost.AnyShown()) {
      shown_nearby_.assign(cells_.size(), CasedLetters());
      const std::size_t reach = options.nearby_cells;
      for (std::size_t q = 0; q < cells_.size(); ++q) {
        if (cells_[q].cls != kLetter) continue;
        const std::size_t last = std::min(cells_.size(), q + reach + 1);
        for (std::size_t c = q > reach ? q - reach : 0; c < last; ++c) shown_nearby_[c].Add(cells_[q].letter, cells_[q].upper);
      }
    }
    hash_bos_ = TokenHash("<s>");
    hash_eos_ = TokenHash("</s>");
    log_keep_general_ = std::log(1 - options.cache_weight);
    log_cache_weight_ = std::log(options.cache_weight);
  }

  DecodedLine Run();

 private:
  double Score(const NgramModel::Context& context, std::uint64_t hv, std::uint32_t w,
               std::uint64_t hw) const {
    return MixWithCache(lm_.LogProb(context, w) + (w == kUnk ? model_.oov_penalty() : 0.0f), hv, hw);
  }
  // ln of the model's probability `lp` of hw after hv interpolated with the cache's.
  double MixWithCache(double lp, std::uint64_t hv, std::uint64_t hw) const {
    if (cache_ == nullptr) return lp;
    return MixWithDocument(lp, cache_->Prob(hv, hw));
  }
  // The same with hv's part of the cache's probability found before, and
  // p_unigram = cache_->UnigramProb(hw).
  double MixWithCache(double lp, const DocumentCache::Follow& follow, std::uint64_t hw, double p_unigram) const {
    if (cache_ == nullptr) return lp;
    return MixWithDocument(lp, cache_->Prob(follow, hw, p_unigram));
  }
  // At least MixWithDocument(lp, p_doc) for p_doc > 0, within 1.4 nats,
  // without a log or an exp: (1 - c) e^lp + c p_doc is at most twice the
  // larger term, and p_doc < 2^e for its binary exponent e.
  double MixUpperBound(double lp, double p_doc) const {
    // frexp's exponent, read from the bits: a call to frexp cost more than
    // the rest of the bound. A count over a total is never subnormal.
    const auto bits = std::bit_cast<std::uint64_t>(p_doc);
    const int exponent = static_cast<int>((bits >> 52) & 0x7FF) - 1022;
    return kLn2 + std::max(lp + log_keep_general_, log_cache_weight_ + exponent * kLn2);
  }
  double MixWithDocument(double lp, double p_doc) const {
    if (p_doc == 0) return lp + log_keep_general_;
    return std::log((1 - options_.cache_weight) * std::exp(lp) + options_.cache_weight * p_doc);
  }
  // ln P(e) from the model and the document's counts: the candidates' rank.
  double WordScore(const WordEntry& e) const {
    double score = e.unigram;
    if (cache_ != nullptr) {
      const double p_doc = cache_->UnigramProb(e.key_hash);
      if (p_doc > 0) score = std::log(std::exp(score) + p_doc);
    }
    return score;
  }
  double Score(std::uint32_t u, std::uint32_t v, std::uint64_t hv, std::uint32_t w,
               std::uint64_t hw) const {
    return Score(lm_.ContextOf(u, v), hv, w, hw);
  }
  struct Match {
    double score = 0;
    double cost = 0;
    const WordEntry* entry = nullptr;
    std::uint8_t kind = 0;  // WordKind(*entry)
  };
  void DropOtherToneStyle(std::vector<Match>* matches) const;
  // What a word must hold to fit a span whatever its case: the span's
  // literal letters in place and lost letters in its spaces. Words are
  // tested against it by their LetterCode before a closer look.
  struct SpanLetters {
    std::uint64_t literal_mask = 0;  // 0xFF at the bytes of literal letters
    std::uint64_t literal_code = 0;  // their ids there
    std::array<std::uint8_t, kMaxWordLetters> spaces{};
    std::size_t space_count = 0;
    LetterMask first_lost;  // lost in either case
    LetterMask inner_lost;  // lost in the case asked for the letters after the first
    bool MayHold(std::uint64_t code) const {
      if ((code & literal_mask) != literal_code) return false;
      for (std::size_t s = 0; s < space_count; ++s) {
        const std::size_t k = spaces[s];
        const auto letter = static_cast<int>((code >> (8 * k)) & 0xFF);
        if (!(k == 0 ? first_lost : inner_lost).Has(letter)) return false;
      }
      return true;
    }
  };
  // `inner`: the lost letters of the span's case after its first letter.
  SpanLetters SpanLettersAt(std::size_t i, std::size_t size, const LostSet& lost, const LetterMask& inner) const;
  // Adds a candidate group for the span [i, i + size) with `matches`.
  void AddCandidates(std::size_t i, std::size_t size, const std::vector<Match>& matches, std::vector<int>* out);
  void TokensAt(std::size_t i, std::vector<int>* out);
  void WordCandidates(std::size_t i, std::size_t size, std::vector<int>* out);
  const std::vector<std::uint32_t>* RarestLiteral(std::size_t i, std::size_t size) const;
  const std::vector<std::uint32_t>& WordsOfLostLetters(std::size_t size);
  // A hypothesis of a beam being extended, with what its steps need.
  struct Origin {
    int id = 0;
    Hyp hyp;
    NgramModel::Context context;
    DocumentCache::Follow follow;
    std::size_t same_last_word = 0;  // the first origin whose hyp.v is this one's
    std::size_t same_last_hash = 0;  // the first origin whose hyp.hv is this one's
    double unk_lp = std::numeric_limits<double>::quiet_NaN();  // of <unk> next, once looked up
  };
  // Fills *origins with the hypotheses of `beam`.
  void OriginsOf(std::span<const int> beam, std::vector<Origin>* origins) const;
  void Extend(std::span<const int> beam, const std::vector<int>& candidates);
  static std::uint64_t StateKey(const Hyp& hyp);
  int FindState(std::size_t node, const Hyp& hyp, std::uint64_t key) const;
  std::size_t WorstOf(std::size_t node);
  // True if the beam of `node` holds a state whose last word is `hash`.
  bool HoldsWord(std::size_t node, std::uint64_t hash) const;
  bool Rejects(std::size_t node, double score);
  bool RejectedEverywhere(const std::size_t* targets, std::size_t count, const bool* holds_word, double bound);
  bool Push(std::size_t node, const Hyp& hyp, double step);
  // Edge ids grouped by hypothesis: those of h are edges[begin[h], begin[h + 1]).
  struct EdgeLists {
    std::vector<std::size_t> begin;
    std::vector<int> edges;
    std::span<const int> Of(int h) const {
      const auto i = static_cast<std::size_t>(h);
      return std::span<const int>(edges).subspan(begin[i], begin[i + 1] - begin[i]);
    }
  };
  template <typename End>
  EdgeLists ValidEdgesBy(End end) const;
  std::vector<double> TokenPosteriors(const std::vector<std::pair<double, int>>& finals) const;
  bool InCapitals(const Token& t) const;
  WordPlace PlaceOnPath(const std::vector<int>& path, std::size_t k) const;
  // The TokenHash of the words before and after t on the path, where only
  // spaces part them; 0 otherwise.
  struct Neighbours {
    std::uint64_t previous = 0;
    std::uint64_t next = 0;
  };
  WordCase CaseOf(const Token& t, WordPlace place, Neighbours around) const;
  // The TokenHash of the path's j-th token (j = k - 1 or k + 1) if it is a
  // word and only spaces part it from the k-th; 0 otherwise.
  std::uint64_t NeighbourOnPath(const std::vector<int>& path, std::size_t k, std::size_t j) const;
  // The document's mixed-case form of the word `w` (DocumentCache::MixedCase)
  // for the span of `size` at i, if the line's own letters there agree with it; 0 if none.
  std::uint32_t MixedFormAt(std::size_t i, std::size_t size, std::uint64_t w) const;
  std::u32string Output(const Token& t, const WordCase& word_case) const;
  std::vector<std::u32string> Alternatives(int chosen, const WordCase& chosen_case, WordPlace place,
                                           Neighbours around, const std::vector<double>& posterior) const;

  const SyllableModel& model_;
  const NgramModel& lm_;
  const DocumentCache* cache_;
  std::u32string_view line_;
  LostSet lost_;
  DecoderOptions options_;
  std::vector<Cell> cells_;
  LetterMask lost_any_;  // lost in either case
  // lost_ without the letters the line shows, and those in either case
  LostSet unshown_;
  LetterMask unshown_any_;
  // Per size, the words spelt with lost letters only (for spans of spaces),
  // filled on first use.
  std::array<std::vector<std::uint32_t>, kMaxWordLetters + 1> lost_words_;
  std::array<bool, kMaxWordLetters + 1> lost_words_ready_{};
  // Per size, the best candidates of a span of spaces only, on first use.
  std::array<std::vector<Match>, kMaxWordLetters + 1> all_spaces_;
  std::array<bool, kMaxWordLetters + 1> all_spaces_ready_{};
  std::vector<Token> tokens_;
  std::vector<Match> matches_;  // WordCandidates' scratch
  std::vector<Origin> origins_;  // Extend's scratch
  std::vector<NgramModel::Follower> followers_;
  std::vector<double> doc_probs_;
  // Per span group, its candidate tokens: tokens_[first, second), added together.
  std::vector<std::pair<int, int>> groups_;
  std::vector<Hyp> hyps_;
  std::vector<std::size_t> node_of_;  // hypothesis -> position
  std::vector<Edge> edges_;
  BeamTable beams_;
  std::vector<int> worst_of_;  // per position: WorstOf's answer, -1 if to find again
  std::uint64_t hash_bos_ = 0, hash_eos_ = 0;
  double log_keep_general_ = 0;  // ln(1 - cache weight)
  double log_cache_weight_ = 0;  // ln(cache weight)
  bool digits_lost_ = false;  // some digit never appears in the line
  bool line_in_capitals_ = false;  // no lowercase letter: a heading
  // Per cell: a space more than kMaxGapDepth cells from any other character.
  // No word is read from there: whole words lost in a row leave nothing to
  // read them by, and every such cell costs the search hundreds of
  // candidates (a line of 50,000 spaces took over a gigabyte).
  std::vector<bool> deep_in_gap_;
  // Per cell, the letters the line shows within options_.nearby_cells of
  // it; empty if the lost set holds no letter the line shows.
  std::vector<CasedLetters> shown_nearby_;
  // What restoring the letter `id` at `cell` costs.
  double CostAt(const LostSet& lost, std::size_t cell, int id, bool upper) const {
    double cost = lost.Cost(id, upper);
    if (!shown_nearby_.empty() && shown_nearby_[cell].Has(id, upper)) cost += options_.shown_nearby_cost;
    return cost;
  }
};

// The word list of the span's literal letter with the fewest words, or null
// if the span holds only spaces.
const std::vector<std::uint32_t>* Decoder::RarestLiteral(std::size_t i, std::size_t size) const {
  const std::vector<std::uint32_t>* rarest = nullptr;
  for (std::size_t k = 0; k < size; ++k) {
    const Cell& c = cells_[i + k];
    if (c.cls != kLetter) continue;
    const std::vector<std::uint32_t>& list = model_.WordsWithLetterAt(size, k, c.letter);
    if (rarest == nullptr || list.size() < rarest->size()) rarest = &list;
  }
  return rarest;
}

const std::vector<std::uint32_t>& Decoder::WordsOfLostLetters(std::size_t size) {
  if (!lost_words_ready_[size]) {
    const std::vector<LetterMask>& masks = model_.LetterMasks(size);
    for (std::size_t w = 0; w < masks.size(); ++w) {
      if (masks[w].SubsetOf(unshown_any_)) lost_words_[size].push_back(static_cast<std::uint32_t>(w));
    }
    lost_words_ready_[size] = true;
  }
  return lost_words_[size];
}

// Where both spellings of a word ("hoá", "hóa") fit a span, the one in the
// document's style stays: the two would split the word's probability. The
// two entries of such a word are neighbours in the model's list, so in
// `matches` (found in that order) too.
void Decoder::DropOtherToneStyle(std::vector<Match>* matches) const {
  std::vector<Match>& m = *matches;
  const auto same_word = [](const Match* a, const Match& b) {
    return a != nullptr && (a->kind & kTwoStyles) != 0 && a->entry->key_hash == b.entry->key_hash;
  };
  const std::uint8_t kept_style = cache_ != nullptr && cache_->PrefersOldStyle() ? kOldStyle : 0;
  Match previous;  // m[j - 1] as it was before compaction
  std::size_t kept = 0;
  for (std::size_t j = 0; j < m.size(); ++j) {
    const Match& match = m[j];
    const bool drop = (match.kind & kTwoStyles) != 0 && (match.kind & kOldStyle) != kept_style &&
                      (same_word(j > 0 ? &previous : nullptr, match) || same_word(j + 1 < m.size() ? &m[j + 1] : nullptr, match));
    previous = match;
    if (!drop) m[kept++] = match;
  }
  m.resize(kept);
}

Decoder::SpanLetters Decoder::SpanLettersAt(std::size_t i, std::size_t size, const LostSet& lost,
                                            const LetterMask& inner) const {
  SpanLetters span;
  span.first_lost = lost.lower;
  span.first_lost.bits[0] |= lost.upper.bits[0];
  span.first_lost.bits[1] |= lost.upper.bits[1];
  span.inner_lost = inner;
  for (std::size_t k = 0; k < size; ++k) {
    const Cell& c = cells_[i + k];
    if (c.cls == kLetter) {
      span.literal_mask |= std::uint64_t{0xFF} << (8 * k);
      span.literal_code |= static_cast<std::uint64_t>(c.letter) << (8 * k);
    } else {
      span.spaces[span.space_count++] = static_cast<std::uint8_t>(k);
    }
  }
  return span;
}

void Decoder::WordCandidates(std::size_t i, std::size_t size, std::vector<int>* out) {
  const std::vector<std::uint32_t>* rarest = RarestLiteral(i, size);
  // A span of spaces only has the same candidates wherever it stands.
  if (rarest == nullptr && all_spaces_ready_[size]) {
    AddCandidates(i, size, all_spaces_[size], out);
    return;
  }
  std::vector<Match>& matches = matches_;  // reused: one allocation per line, not per span
  matches.clear();
  // Letters after the first take the case of the word's literal letters.
  bool lower_literal = false;
  bool upper_inside = false;
  for (std::size_t k = 0; k < size; ++k) {
    const Cell& c = cells_[i + k];
    if (c.cls != kLetter) continue;
    lower_literal |= !c.upper;
    upper_inside |= c.upper && k > 0;
  }
  // With no literal letter but a capital first one, the word follows the
  // line: capitals in a heading.
  const bool capitals = !lower_literal && (upper_inside || line_in_capitals_);
  // A syllable is not written "nhữNg": literal capitals after the first
  // letter beside small ones fit only acronyms ("TTg").
  const bool mixed_case = upper_inside && lower_literal;
  // A span of spaces only is read with the letters the line never shows:
  // with none of its own letters to go by, a letter the line shows
  // elsewhere is the weakest of guesses there.
  const LostSet& lost = rarest != nullptr ? lost_ : unshown_;
  const LetterMask& lost_any = rarest != nullptr ? lost_any_ : unshown_any_;
  const LetterMask& inner = capitals ? lost.upper : lost.lower;
  const std::vector<WordEntry>& words = model_.Words(size);
  const std::vector<std::uint32_t>& pool = rarest != nullptr ? *rarest : WordsOfLostLetters(size);
  // Without literal evidence, a word the document writes in capitals
  // ("UBND") is read in capitals.
  const bool case_open = !lower_literal && !capitals && cache_ != nullptr;
  // Words are tested by their LetterCode before their entry is read:
  // against the letters lost in the span's own case, and only where a word
  // may take another case (a capital acronym where the line leaves the case
  // open, a mixed-case one) against those lost in either.
  const SpanLetters span = SpanLettersAt(i, size, lost, inner);
  const SpanLetters any_case = SpanLettersAt(i, size, lost, lost_any);
  const bool other_case = case_open || (cache_ != nullptr && cache_->AnyMixedCase());
  // For a word that MayHold the span (`code` its LetterCode): its literal
  // letters and first letter fit already, the inner restored ones may still
  // need capitals. The letters are read from the code and `kind`
  // (WordKind), not the entry: the entries are large and mostly out of the
  // cache. `maybe_mixed`: the document may write the word in mixed case.
  const auto consider = [&](const WordEntry& e, std::uint8_t kind, bool maybe_mixed, std::uint64_t code, double score,
                            bool usually_in_capitals) {
    const bool syllable = (kind & kSyllableWord) != 0;
    if (mixed_case && syllable) return;
    // An acronym the document writes in mixed case ("TTg") is read in that
    // form where the line's own letters agree with it.
    const std::uint32_t mixed = syllable || !maybe_mixed ? 0 : MixedFormAt(i, size, e.key_hash);
    const bool word_capitals = capitals || (case_open && usually_in_capitals);
    const LetterMask& inner_mask = word_capitals ? lost.upper : inner;
    double cost = 0;
    for (std::size_t s = 0; s < span.space_count; ++s) {
      const std::size_t k = span.spaces[s];
      const auto id = static_cast<int>((code >> (8 * k)) & 0xFF);
      if (k > 0 && mixed != 0) {
        const bool upper = ((mixed >> k) & 1u) != 0;
        if (!(upper ? lost.upper : lost.lower).Has(id)) return;
        cost += CostAt(lost, i + k, id, upper);
      } else if (k > 0) {
        if (!inner_mask.Has(id)) return;
        cost += CostAt(lost, i + k, id, word_capitals);
      } else {
        // The first letter's case is settled later: the cheaper lost one.
        cost += std::min(lost.lower.Has(id) ? CostAt(lost, i, id, false) : kInfinity,
                         lost.upper.Has(id) ? CostAt(lost, i, id, true) : kInfinity);
      }
    }
    matches.push_back({score - cost, cost, &e, kind});
  };
  const std::vector<float>* scores = cache_ != nullptr ? cache_->WordScores(model_, size) : nullptr;
  // Whether the document writes the word in capitals: then it is read in
  // capitals where the line leaves its case open, and not at all where the
  // line shows one of its letters small, unless it is a syllable ("bc" is
  // the document's "BC", never what "  c" lost). A word without a vowel is
  // an acronym ("nđ" of "NĐ-CP") unless the document writes it small ("km").
  const bool ask_capitals = cache_ != nullptr && (case_open || lower_literal);
  const auto acronym_ruled_out = [&](const WordEntry& e, std::uint8_t kind, const LetterMask& mask,
                                     bool usually_in_capitals) {
    if (!lower_literal || (kind & kSyllableWord) != 0) return false;
    if (usually_in_capitals) return true;
    return !HasVowel(mask) && (cache_ == nullptr || !cache_->WritesInSmallLetters(e.key_hash));
  };
  const std::vector<std::uint8_t>* in_capitals = ask_capitals ? cache_->WordsInCapitals(model_, size) : nullptr;
  const std::vector<std::uint8_t>* in_mixed_case = cache_ != nullptr ? cache_->WordsInMixedCase(model_, size) : nullptr;
  // Without the document's index, consider() alone tells which words take another case.
  const bool cases_indexed = in_mixed_case != nullptr && (!case_open || in_capitals != nullptr);
  const auto may_take_other_case = [&](std::uint32_t w) {
    return !cases_indexed || (*in_mixed_case)[w] != 0 || (case_open && (*in_capitals)[w] != 0);
  };
  const std::vector<std::uint64_t>& codes = model_.LetterCodes(size);
  const std::vector<LetterMask>& masks = model_.LetterMasks(size);
  const std::vector<std::uint8_t>& kinds = model_.WordKinds(size);
  for (const std::uint32_t w : pool) {
    const std::uint64_t code = codes[w];
    if (!span.MayHold(code) && !(other_case && any_case.MayHold(code) && may_take_other_case(w))) continue;
    const WordEntry& e = words[w];
    const bool usually_in_capitals =
        ask_capitals && (in_capitals != nullptr ? (*in_capitals)[w] != 0 : cache_->UsuallyInCapitals(e.key_hash));
    if (acronym_ruled_out(e, kinds[w], masks[w], usually_in_capitals)) continue;
    const bool maybe_mixed = in_mixed_case == nullptr || (*in_mixed_case)[w] != 0;
    consider(e, kinds[w], maybe_mixed, code, scores != nullptr ? static_cast<double>((*scores)[w]) : WordScore(e),
             case_open && usually_in_capitals);
  }
  if (cache_ != nullptr) {
    const std::vector<WordEntry>& learnt = cache_->Words(size);
    const std::vector<std::uint64_t>& learnt_codes = cache_->WordCodes(size);
    for (std::size_t w = 0; w < learnt.size(); ++w) {
      if (!span.MayHold(learnt_codes[w]) && !(other_case && any_case.MayHold(learnt_codes[w]))) continue;
      const bool usually_in_capitals = ask_capitals && cache_->UsuallyInCapitals(learnt[w].key_hash);
      const std::uint8_t kind = WordKind(learnt[w]);
      if (acronym_ruled_out(learnt[w], kind, learnt[w].mask, usually_in_capitals)) continue;
      consider(learnt[w], kind, true, learnt_codes[w], WordScore(learnt[w]), case_open && usually_in_capitals);
    }
  }
  DropOtherToneStyle(&matches);
  const std::size_t keep = std::min(matches.size(), options_.candidates);
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(keep), matches.end(),
                    [](const Match& a, const Match& b) { return a.score > b.score; });
  matches.resize(keep);
  AddCandidates(i, size, matches, out);
  if (rarest == nullptr) {
    all_spaces_[size] = matches;
    all_spaces_ready_[size] = true;
  }
}

void Decoder::AddCandidates(std::size_t i, std::size_t size, const std::vector<Match>& matches,
                            std::vector<int>* out) {
  const int first = static_cast<int>(tokens_.size());
  groups_.emplace_back(first, first + static_cast<int>(matches.size()));
  for (const Match& match : matches) {
    Token t;
    t.begin = i;
    t.end = i + size;
    t.entry = match.entry;
    t.lm_id = t.entry->lm_id;
    t.hash = t.entry->key_hash;
    t.wild = true;
    t.cost = match.cost;
    t.span_group = groups_.size() - 1;
    tokens_.push_back(t);
    out->push_back(static_cast<int>(tokens_.size() - 1));
  }
}

void Decoder::TokensAt(std::size_t i, std::vector<int>* out) {
  if (deep_in_gap_[i]) return;
  const std::size_t n = cells_.size();
  const Cell& first = cells_[i];
  const auto digit_or_lost = [&](std::size_t k) {
    return cells_[k].cls == kDigit || (cells_[k].cls == kSpace && digits_lost_);
  };
  // A number, from `begin` to its last digit, or on over up to
  // kMaxEdgeLostDigits spaces after it that are lost digits ("năm  0  " for
  // "năm 2024"), leaving one to part it from the next word. Each space
  // before or after its digits costs lost_digit_cost, or the decoder would
  // have to fill those spaces with letters.
  const auto add_numbers = [&](std::size_t begin, std::size_t lost_before) {
    Token t;
    t.begin = begin;
    t.end = begin;
    while (t.end < n && digit_or_lost(t.end)) ++t.end;
    while (cells_[t.end - 1].cls == kSpace) --t.end;
    t.lm_id = kNum;
    t.hash = TokenHash("<num>");
    t.cost = static_cast<double>(lost_before) * options_.lost_digit_cost;
    tokens_.push_back(t);
    out->push_back(static_cast<int>(tokens_.size() - 1));
    if (!digits_lost_) return;
    for (std::size_t after = 1; after <= kMaxEdgeLostDigits && t.end + 1 < n && cells_[t.end].cls == kSpace &&
                                cells_[t.end + 1].cls == kSpace;
         ++after) {
      ++t.end;
      t.cost += options_.lost_digit_cost;
      tokens_.push_back(t);
      out->push_back(static_cast<int>(tokens_.size() - 1));
    }
  };
  if (first.cls == kSpace && digits_lost_) {
    // A number may have lost its first digits too ("năm   24" for "năm 2024").
    std::size_t digit = i;
    while (digit < n && cells_[digit].cls == kSpace && digit - i < kMaxEdgeLostDigits) ++digit;
    if (digit < n && cells_[digit].cls == kDigit) add_numbers(i, digit - i);
  }
  if (first.cls == kDigit) {
    // Spaces inside a number may be lost digits; they stay spaces (no
    // model can tell which digit), but the number reads as one.
    add_numbers(i, 0);
    return;
  }
  if (first.cls == kOther) {
    Token t;
    t.begin = i;
    t.end = i + 1;
    const std::string s = ToUtf8(line_.substr(i, 1));
    t.lm_id = lm_.Id(s);
    t.hash = TokenHash(s);
    t.punct = true;
    tokens_.push_back(t);
    out->push_back(static_cast<int>(tokens_.size() - 1));
    return;
  }
  // The literal word, if the line has letters here.
  if (first.cls == kLetter) {
    std::size_t end = i;
    while (end < n && cells_[end].cls == kLetter) ++end;
    Token t;
    t.begin = i;
    t.end = end;
    const std::string token = LetterToken(ToUtf8(line_.substr(i, end - i)));
    t.lm_id = lm_.Id(token);
    t.hash = TokenHash(token);
    tokens_.push_back(t);
    out->push_back(static_cast<int>(tokens_.size() - 1));
  }
  // Words with restored letters: spans of letters and spaces, one space at least.
  bool has_space = false;
  for (std::size_t size = 1; size <= kMaxWordLetters && i + size <= n; ++size) {
    const Cell& last = cells_[i + size - 1];
    if (last.cls != kLetter && last.cls != kSpace) break;
    has_space |= last.cls == kSpace;
    if (i + size < n && cells_[i + size].cls == kLetter) continue;
    if (has_space) WordCandidates(i, size, out);
  }
}

// A hash of the hypothesis' state (its last two words) that the beams keep
// beside their members: a step is matched against them without reading
// the hypotheses themselves.
std::uint64_t Decoder::StateKey(const Hyp& hyp) {
  return hyp.hv ^ (hyp.hu * 0x9E3779B97F4A7C15ull) ^ (std::uint64_t{hyp.u} << 40) ^ hyp.v;
}

// Position in the beam of `node` of the hypothesis in the same state as
// `hyp` (key: its StateKey), or -1.
int Decoder::FindState(std::size_t node, const Hyp& hyp, std::uint64_t key) const {
  const std::span<const std::uint64_t> keys = beams_.Keys(node);
  for (std::size_t p = 0; p < keys.size(); ++p) {
    if (keys[p] != key) continue;
    const Hyp& other = hyps_[static_cast<std::size_t>(beams_.Ids(node)[p])];
    if (other.hv == hyp.hv && other.hu == hyp.hu && other.u == hyp.u && other.v == hyp.v) return static_cast<int>(p);
  }
  return -1;
}

// Position of the hypothesis of the lowest score in the beam of `node`,
// the first of equals. Remembered until the beam changes: most steps
// offered to a full beam are worse than all of it.
std::size_t Decoder::WorstOf(std::size_t node) {
  if (worst_of_[node] < 0) {
    const std::span<const double> scores = beams_.Scores(node);
    const auto worst = std::min_element(scores.begin(), scores.end());
    worst_of_[node] = static_cast<int>(worst - scores.begin());
  }
  return static_cast<std::size_t>(worst_of_[node]);
}

// True if a step of at most `bound` would change none of the `count`
// beams of `targets`: each is full, holds no state the step could merge
// with (holds_word false), and its worst is above the bound.
bool Decoder::RejectedEverywhere(const std::size_t* targets, std::size_t count, const bool* holds_word,
                                 double bound) {
  for (std::size_t k = 0; k < count; ++k) {
    if (holds_word[k] || !Rejects(targets[k], bound + kBoundMargin)) return false;
  }
  return true;
}

bool Decoder::HoldsWord(std::size_t node, std::uint64_t hash) const {
  const std::span<const std::uint64_t> words = beams_.Words(node);
  return std::find(words.begin(), words.end(), hash) != words.end();
}

// True if the beam of `node` is full and a new state of `score` would not
// enter it: what Push does for a state the beam does not hold.
bool Decoder::Rejects(std::size_t node, double score) {
  if (!beams_.Full(node)) return false;
  return beams_.Scores(node)[WorstOf(node)] >= score;
}

// Adds the step into `node` that `hyp` ends (hyp.parent, hyp.token; `step`
// its score), merging it with the state already there or taking the place
// of the worst one when the beam is full. True if the beam holds the
// state afterwards.
bool Decoder::Push(std::size_t node, const Hyp& hyp, double step) {
  Edge edge;
  edge.from = hyp.parent;
  edge.token = hyp.token;
  edge.score = step;
  const std::span<const int> beam = beams_.Ids(node);
  const std::uint64_t key = StateKey(hyp);
  if (const int p = FindState(node, hyp, key); p >= 0) {
    const int id = beam[static_cast<std::size_t>(p)];
    Hyp& other = hyps_[static_cast<std::size_t>(id)];
    edge.to = id;
    edge.generation = other.generation;
    edges_.push_back(edge);
    if (hyp.score > other.score) {
      const std::uint32_t generation = other.generation;
      other = hyp;
      other.generation = generation;
      beams_.SetScore(node, static_cast<std::size_t>(p), hyp.score);
      worst_of_[node] = -1;
    }
    return true;
  }
  if (beams_.Full(node)) {
    const std::size_t worst = WorstOf(node);
    Hyp& slot = hyps_[static_cast<std::size_t>(beam[worst])];
    if (slot.score >= hyp.score) return false;
    const std::uint32_t generation = slot.generation + 1;  // its steps in are void
    slot = hyp;
    slot.generation = generation;
    beams_.Replace(node, worst, key, hyp.hv, hyp.score);
    worst_of_[node] = -1;
    edge.to = beam[worst];
    edge.generation = generation;
    edges_.push_back(edge);
    return true;
  }
  worst_of_[node] = -1;
  hyps_.push_back(hyp);
  node_of_.push_back(node);
  edge.to = static_cast<int>(hyps_.size() - 1);
  beams_.Add(node, edge.to, key, hyp.hv, hyp.score);
  edge.generation = hyp.generation;
  edges_.push_back(edge);
  return true;
}

// The steps not voided by a later use of their target's slot, grouped by
// the hypothesis `end` gives (from or to), in the order they were made.
template <typename End>
Decoder::EdgeLists Decoder::ValidEdgesBy(End end) const {
  EdgeLists lists;
  lists.begin.assign(hyps_.size() + 1, 0);
  const auto valid = [&](const Edge& edge) {
    return edge.generation == hyps_[static_cast<std::size_t>(edge.to)].generation;
  };
  for (const Edge& edge : edges_) {
    if (valid(edge)) ++lists.begin[static_cast<std::size_t>(end(edge)) + 1];
  }
  for (std::size_t h = 0; h < hyps_.size(); ++h) lists.begin[h + 1] += lists.begin[h];
  lists.edges.resize(lists.begin.back());
  std::vector<std::size_t> next(lists.begin.begin(), lists.begin.end() - 1);
  for (std::size_t e = 0; e < edges_.size(); ++e) {
    if (valid(edges_[e])) lists.edges[next[static_cast<std::size_t>(end(edges_[e]))]++] = static_cast<int>(e);
  }
  return lists;
}

// Posterior of every token: forward-backward over the steps the beam kept,
// P(token) = sum over steps with it of alpha(from) * step * beta(to) / Z.
std::vector<double> Decoder::TokenPosteriors(const std::vector<std::pair<double, int>>& finals) const {
  const double scale = options_.posterior_scale;
  const EdgeLists in = ValidEdgesBy([](const Edge& edge) { return edge.to; });
  const EdgeLists out = ValidEdgesBy([](const Edge& edge) { return edge.from; });
  std::vector<double> alpha(hyps_.size(), -kInfinity);
  std::vector<double> beta(hyps_.size(), -kInfinity);
  alpha[0] = 0;
  for (std::size_t node = 0; node < beams_.positions(); ++node) {
    for (const int h : beams_.Ids(node)) {
      for (const int e : in.Of(h)) {
        const Edge& edge = edges_[static_cast<std::size_t>(e)];
        alpha[static_cast<std::size_t>(h)] =
            LogSumExp(alpha[static_cast<std::size_t>(h)], alpha[static_cast<std::size_t>(edge.from)] + scale * edge.score);
      }
    }
  }
  double z = -kInfinity;
  for (const auto& [score, h] : finals) {
    const Hyp& hyp = hyps_[static_cast<std::size_t>(h)];
    beta[static_cast<std::size_t>(h)] = scale * (score - hyp.score);  // the </s> step
    z = LogSumExp(z, alpha[static_cast<std::size_t>(h)] + beta[static_cast<std::size_t>(h)]);
  }
  for (std::size_t node = beams_.positions(); node-- > 0;) {
    for (const int h : beams_.Ids(node)) {
      for (const int e : out.Of(h)) {
        const Edge& edge = edges_[static_cast<std::size_t>(e)];
        beta[static_cast<std::size_t>(h)] =
            LogSumExp(beta[static_cast<std::size_t>(h)], scale * edge.score + beta[static_cast<std::size_t>(edge.to)]);
      }
    }
  }
  std::vector<double> posterior(tokens_.size(), 0.0);
  for (const Edge& edge : edges_) {
    if (edge.token < 0 || edge.generation != hyps_[static_cast<std::size_t>(edge.to)].generation) continue;
    const double log_p = alpha[static_cast<std::size_t>(edge.from)] + scale * edge.score +
                         beta[static_cast<std::size_t>(edge.to)] - z;
    posterior[static_cast<std::size_t>(edge.token)] += std::exp(log_p);
  }
  return posterior;
}

// True if the token's restored letters are capitals: its literal letters
// are (one inside the word at least), or it has none but perhaps a capital
// first one in a heading or in a word the document writes in capitals.
bool Decoder::InCapitals(const Token& t) const {
  bool upper_inside = false;
  for (std::size_t k = t.begin; k < t.end; ++k) {
    if (cells_[k].cls != kLetter) continue;
    if (!cells_[k].upper) return false;
    upper_inside |= k > t.begin;
  }
  return upper_inside || line_in_capitals_ || (cache_ != nullptr && cache_->UsuallyInCapitals(t.hash));
}

// Where the path's k-th token stands: after list marks only, it starts the line.
WordPlace Decoder::PlaceOnPath(const std::vector<int>& path, std::size_t k) const {
  bool marks_only = true;
  for (std::size_t j = 0; j < k && marks_only; ++j) {
    const Token& before = tokens_[static_cast<std::size_t>(path[j])];
    marks_only = before.lm_id == kNum || (before.punct && IsListMark(line_[before.begin]));
  }
  if (marks_only) return WordPlace::kLineStart;
  const Token& previous = tokens_[static_cast<std::size_t>(path[k - 1])];
  return previous.punct ? PlaceAfter(line_[previous.begin]) : WordPlace::kInside;
}

std::uint64_t Decoder::NeighbourOnPath(const std::vector<int>& path, std::size_t k, std::size_t j) const {
  if (j >= path.size()) return 0;
  const Token& t = tokens_[static_cast<std::size_t>(path[k])];
  const Token& n = tokens_[static_cast<std::size_t>(path[j])];
  if (n.punct || n.lm_id == kNum || n.hash == 0) return 0;
  for (std::size_t i = std::min(t.end, n.end); i < std::max(t.begin, n.begin); ++i) {
    if (cells_[i].cls != kSpace) return 0;
  }
  return n.hash;
}

WordCase Decoder::CaseOf(const Token& t, WordPlace place, Neighbours around) const {
  WordCase word_case;
  word_case.inner_upper = InCapitals(t);
  if (cells_[t.begin].cls != kSpace) return word_case;  // the first letter is the line's own
  const int id = t.entry->letters[0];
  const bool upper_lost = lost_.Unshown(id, true);
  const bool lower_lost = lost_.Unshown(id, false);
  if (word_case.inner_upper) {
    word_case.first_upper = true;
    return word_case;
  }
  const double capital = cache_ != nullptr ? cache_->CapitalProb(t.hash, place, around.next, around.previous)
                                           : kCapitalPrior[static_cast<std::size_t>(place)];
  if (upper_lost != lower_lost) {
    // Only one case of the letter is missing from the line: the lost letter
    // is in that case, unless the line mixes font runs that lost different
    // sets ("công bố  ăn bản" beside an intact "v"). The other case was lost
    // as likely as the lost set prices a shown letter (its cost without the
    // nearby one: on held-out dev that also read words in capitals where the
    // document has no habit for them), and the document's habit weighs
    // both. A case read against the line's evidence is doubtful however
    // strong the habit: it is marked.
    const bool other_upper = !upper_lost;
    const double shown = (other_upper ? lost_.upper : lost_.lower).Has(id)
                             ? std::exp(-lost_.Cost(id, other_upper))
                             : kOtherCaseShownButLost;
    const double p_upper = upper_lost ? capital / (capital + shown * (1 - capital))
                                      : shown * capital / (shown * capital + 1 - capital);
    word_case.first_upper = p_upper >= 0.5;
    word_case.confidence = word_case.first_upper ? p_upper : 1 - p_upper;
    if (word_case.first_upper != upper_lost) word_case.confidence = std::min(word_case.confidence, kAgainstShownCase);
    return word_case;
  }
  word_case.first_upper = capital >= 0.5;
  word_case.confidence = std::max(capital, 1 - capital);
  return word_case;
}

std::uint32_t Decoder::MixedFormAt(std::size_t i, std::size_t size, std::uint64_t w) const {
  std::uint32_t mixed = 0;
  if (cache_ == nullptr || size >= 32 || !cache_->MixedCase(w, &mixed)) return 0;
  for (std::size_t k = 0; k < size; ++k) {
    const Cell& c = cells_[i + k];
    if (c.cls == kLetter && c.upper != (((mixed >> k) & 1u) != 0)) return 0;
  }
  return mixed;
}

std::u32string Decoder::Output(const Token& t, const WordCase& word_case) const {
  std::u32string out(line_.substr(t.begin, t.end - t.begin));
  if (!t.wild) return out;
  // An acronym the document writes in mixed case ("TTg") keeps that form
  // where the lost set allows it: consider() checked the inner letters, the
  // first one's case is checked here.
  std::uint32_t mixed = t.entry->syllable ? 0 : MixedFormAt(t.begin, out.size(), t.hash);
  for (std::size_t k = 0; k < out.size() && mixed != 0; ++k) {
    const bool upper = (mixed >> k) & 1u;
    if (cells_[t.begin + k].cls == kSpace && !(upper ? lost_.upper : lost_.lower).Has(t.entry->letters[k])) mixed = 0;
  }
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (cells_[t.begin + k].cls != kSpace) continue;
    VietLetter letter;
    SplitLetter(LetterFromId(t.entry->letters[k]), &letter);
    const bool upper = mixed != 0 ? ((mixed >> k) & 1u) != 0 : k == 0 ? word_case.first_upper : word_case.inner_upper;
    out[k] = ComposeLetter(letter.base, letter.tone, upper);
  }
  return out;
}

// Steps go forward only, so the hypotheses of `beam` stay as they are
// while it is extended: what their steps need is found once.
void Decoder::OriginsOf(std::span<const int> beam, std::vector<Origin>* origins_out) const {
  origins_out->assign(beam.size(), Origin());
  std::vector<Origin>& origins = *origins_out;
  for (std::size_t b = 0; b < beam.size(); ++b) {
    Origin& o = origins[b];
    o.id = beam[b];
    o.hyp = hyps_[static_cast<std::size_t>(beam[b])];
    o.context = lm_.ContextOf(o.hyp.u, o.hyp.v);
    if (cache_ != nullptr) o.follow = cache_->FollowOf(o.hyp.hv);
    o.same_last_word = b;
    for (std::size_t a = 0; a < b; ++a) {
      if (origins[a].hyp.v == o.hyp.v) {
        o.same_last_word = a;
        break;
      }
    }
    o.same_last_hash = b;
    for (std::size_t a = 0; a < b; ++a) {
      if (origins[a].hyp.hv == o.hyp.hv) {
        o.same_last_hash = a;
        break;
      }
    }
  }
}

// Offers every hypothesis of `beam` extended by every token of
// `candidates` to the beams where the token ends.
void Decoder::Extend(std::span<const int> beam, const std::vector<int>& candidates) {
  const std::size_t n = cells_.size();
  // Buffers of the decoder, reused: one allocation per line, not per position.
  std::vector<Origin>& origins = origins_;
  OriginsOf(beam, &origins);
  std::vector<NgramModel::Follower>& followers = followers_;
  followers.assign(origins.size(), NgramModel::Follower());
  std::vector<double>& doc_probs = doc_probs_;
  doc_probs.assign(origins.size(), 0.0);
  for (const int id : candidates) {
    const Token t = tokens_[static_cast<std::size_t>(id)];
    std::size_t targets[2];
    std::size_t count = 0;
    if (t.end == n) {
      targets[count++] = n;
    } else if (cells_[t.end].cls == kSpace) {
      targets[count++] = t.end + 1;
      if (t.punct) targets[count++] = t.end;
    } else if (cells_[t.end].cls != kLetter || t.punct || t.lm_id == kNum) {
      targets[count++] = t.end;
    }
    if (count == 0) continue;
    const double p_doc_unigram = cache_ != nullptr ? cache_->UnigramProb(t.hash) : 0;
    // Until a target's beam holds a state that ends in this word, no step
    // can merge there, and one that a full beam rejects needs no Push.
    bool holds_word[2] = {HoldsWord(targets[0], t.hash), count > 1 && HoldsWord(targets[1], t.hash)};
    for (std::size_t b = 0; b < origins.size(); ++b) {
      Origin& from = origins[b];
      double lp = 0;
      if (t.lm_id == kUnk) {
        // Most candidates are syllables the model lacks: <unk> once per context.
        if (std::isnan(from.unk_lp)) from.unk_lp = lm_.LogProb(from.context, kUnk) + model_.oov_penalty();
        lp = from.unk_lp;
      } else {
        // Origins with the same last word share the bigram lookup.
        followers[b] = from.same_last_word == b ? lm_.FollowerOf(from.hyp.v, t.lm_id) : followers[from.same_last_word];
        lp = lm_.LogProb(from.context, followers[b]);
      }
      double step = lp - t.cost;
      if (cache_ != nullptr) {
        // Origins with the same last word share the document's bigram.
        doc_probs[b] = from.same_last_hash == b ? cache_->Prob(from.follow, t.hash, p_doc_unigram)
                                                : doc_probs[from.same_last_hash];
        const double p_doc = doc_probs[b];
        // The exact mixture costs a log and an exp; most steps fall short
        // of every target's beam by more than its bound's slack.
        if (p_doc > 0 &&
            RejectedEverywhere(targets, count, holds_word, from.hyp.score + MixUpperBound(lp, p_doc) - t.cost)) {
          continue;
        }
        step = MixWithDocument(lp, p_doc) - t.cost;
      }
      Hyp next;
      next.score = from.hyp.score + step;
      next.u = from.hyp.v;
      next.v = t.lm_id;
      next.hu = from.hyp.hv;
      next.hv = t.hash;
      next.parent = from.id;
      next.token = id;
      for (std::size_t k = 0; k < count; ++k) {
        if (!holds_word[k] && Rejects(targets[k], next.score)) continue;
        holds_word[k] |= Push(targets[k], next, step);
      }
    }
  }
}

// The other readings of the span of token `chosen` (read in `chosen_case`),
// most probable first, at most 4: each word of its candidate group in the
// case CaseOf gives it and, where that case is a guess, in the other case
// too ("Hồ sơ" for "hồ sơ"), weighed by the case's probability. The group's
// own order (unigram) breaks ties among the words the beam never reached.
std::vector<std::u32string> Decoder::Alternatives(int chosen, const WordCase& chosen_case, WordPlace place,
                                                  Neighbours around, const std::vector<double>& posterior) const {
  const Token& t = tokens_[static_cast<std::size_t>(chosen)];
  std::vector<int> readings = {chosen};
  for (int id = groups_[t.span_group].first; id < groups_[t.span_group].second; ++id) {
    if (id != chosen) readings.push_back(id);
  }
  std::stable_sort(readings.begin() + 1, readings.end(), [&](int a, int b) {
    return posterior[static_cast<std::size_t>(a)] > posterior[static_cast<std::size_t>(b)];
  });
  // Five words give four alternatives even when no case is in doubt.
  if (readings.size() > 5) readings.resize(5);
  std::vector<std::pair<double, std::u32string>> weighed;
  for (const int id : readings) {
    const Token& reading = tokens_[static_cast<std::size_t>(id)];
    const double p = std::min(1.0, posterior[static_cast<std::size_t>(id)]);
    const WordCase word_case = id == chosen ? chosen_case : CaseOf(reading, place, around);
    weighed.emplace_back(p * word_case.confidence, Output(reading, word_case));
    if (word_case.confidence < 1) {
      WordCase other = word_case;
      other.first_upper = !other.first_upper;
      weighed.emplace_back(p * (1 - word_case.confidence), Output(reading, other));
    }
  }
  const std::u32string shown = weighed.front().second;  // the chosen reading as output
  std::stable_sort(weighed.begin(), weighed.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::u32string> alternatives;
  for (auto& [p, text] : weighed) {
    if (alternatives.size() == 4) break;
    if (text == shown || std::find(alternatives.begin(), alternatives.end(), text) != alternatives.end()) continue;
    alternatives.push_back(std::move(text));
  }
  return alternatives;
}

DecodedLine Decoder::Run() {
  const std::size_t n = cells_.size();
  beams_.Reset(n + 1, std::max<std::size_t>(options_.beam, 1));
  worst_of_.assign(n + 1, -1);
  std::size_t first_nonspace = 0;
  while (first_nonspace < n && cells_[first_nonspace].cls == kSpace) ++first_nonspace;
  std::size_t last_nonspace = n;
  while (last_nonspace > 0 && cells_[last_nonspace - 1].cls == kSpace) --last_nonspace;
  Hyp start;
  start.hu = start.hv = hash_bos_;
  hyps_.push_back(start);
  node_of_.push_back(0);
  beams_.Add(0, 0, StateKey(start), start.hv, start.score);
  std::vector<int> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    // Steps from position i go further on: its beam stays as it is.
    const std::span<const int> beam = beams_.Ids(i);
    if (beam.empty()) continue;
    if (cells_[i].cls == kSpace) {  // a space that is only a space
      const bool edge = i < first_nonspace || i >= last_nonspace;
      const double cost = edge ? 0.5 : options_.extra_space_cost;
      for (const int h : beam) {
        Hyp next = hyps_[static_cast<std::size_t>(h)];
        next.parent = h;
        next.token = -1;
        next.score -= cost;
        Push(i + 1, next, -cost);
      }
    }
    candidates.clear();
    TokensAt(i, &candidates);
    Extend(beam, candidates);
  }
  DecodedLine result;
  result.text.assign(line_);
  if (beams_.Ids(n).empty()) return result;
  // Close every hypothesis with </s>, best first.
  std::vector<std::pair<double, int>> finals;
  for (const int h : beams_.Ids(n)) {
    const Hyp& hyp = hyps_[static_cast<std::size_t>(h)];
    finals.emplace_back(hyp.score + Score(hyp.u, hyp.v, hyp.hv, kEos, hash_eos_), h);
  }
  std::sort(finals.begin(), finals.end(), std::greater<>());
  const std::vector<double> posterior = TokenPosteriors(finals);
  std::vector<int> best;
  for (int h = finals.front().second; h >= 0; h = hyps_[static_cast<std::size_t>(h)].parent) {
    if (hyps_[static_cast<std::size_t>(h)].token >= 0) best.push_back(hyps_[static_cast<std::size_t>(h)].token);
  }
  std::reverse(best.begin(), best.end());
  for (std::size_t k = 0; k < best.size(); ++k) {
    const int chosen = best[k];
    const Token& t = tokens_[static_cast<std::size_t>(chosen)];
    if (!t.wild) continue;
    const WordPlace place = PlaceOnPath(best, k);
    const Neighbours around{k > 0 ? NeighbourOnPath(best, k, k - 1) : 0, NeighbourOnPath(best, k, k + 1)};
    const WordCase word_case = CaseOf(t, place, around);
    TokenDecision d;
    d.begin = t.begin;
    d.end = t.end;
    d.output = Output(t, word_case);
    d.confidence = std::min(1.0, posterior[static_cast<std::size_t>(chosen)]) * word_case.confidence;
    d.alternatives = Alternatives(chosen, word_case, place, around, posterior);
    std::copy(d.output.begin(), d.output.end(), result.text.begin() + static_cast<std::ptrdiff_t>(t.begin));
    result.tokens.push_back(std::move(d));
  }
  return result;
}

}  // namespace

std::u32string ToU32(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(utf8, pos, &cp);
    out.push_back(cp);
  }
  return out;
}

std::string ToUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char32_t cp : text) AppendUtf8(cp, &out);
  return out;
}

LostSet EstimateLostSet(std::u32string_view observed, float shown_cost) {
  LostSet lost;
  for (int id = 0; id < kLetterIds; ++id) {
    if (LetterFromId(id) == 0) continue;
    lost.lower.Set(id);
    lost.upper.Set(id);
  }
  for (const char32_t cp : observed) {
    VietLetter letter;
    if (!SplitLetter(cp, &letter)) continue;
    const int id = LetterId(ComposeLetter(letter.base, letter.tone, false));
    if (std::isfinite(shown_cost)) {
      (letter.upper ? lost.shown_upper : lost.shown_lower).Set(id);
      (letter.upper ? lost.upper_cost : lost.lower_cost)[static_cast<std::size_t>(id)] = shown_cost;
      continue;
    }
    LetterMask& mask = letter.upper ? lost.upper : lost.lower;
    mask.bits[id >> 6] &= ~(std::uint64_t{1} << (id & 63));
  }
  return lost;
}

bool CasedLetters::Intersects(const CasedLetters& other) const {
  for (std::size_t w = 0; w < 2; ++w) {
    if ((lower.bits[w] & other.lower.bits[w]) != 0 || (upper.bits[w] & other.upper.bits[w]) != 0) return true;
  }
  return false;
}

void CasedLetters::Merge(const CasedLetters& other) {
  for (std::size_t w = 0; w < 2; ++w) {
    lower.bits[w] |= other.lower.bits[w];
    upper.bits[w] |= other.upper.bits[w];
  }
}

namespace {

// Adds `cp` to *letters if it is a letter.
void AddLetter(char32_t cp, CasedLetters* letters) {
  VietLetter letter;
  if (!SplitLetter(cp, &letter)) return;
  letters->Add(LetterId(ComposeLetter(letter.base, letter.tone, false)), letter.upper);
}

}  // namespace

CasedLetters IntactLetters(std::u32string_view line) {
  CasedLetters letters;
  for (const char32_t cp : line) AddLetter(cp, &letters);
  return letters;
}

CasedLetters RestoredLetters(std::u32string_view line, const DecodedLine& decoded, double min_confidence) {
  CasedLetters letters;
  for (const TokenDecision& d : decoded.tokens) {
    if (d.confidence < min_confidence) continue;
    for (std::size_t k = 0; k < d.output.size() && d.begin + k < line.size(); ++k) {
      if (line[d.begin + k] == ' ') AddLetter(d.output[k], &letters);
    }
  }
  return letters;
}

float ShownLetterCostOf(const std::vector<std::u32string>& lines, const std::vector<DecodedLine>& first_pass,
                        double sure) {
  std::size_t shown = 0;
  std::size_t restored = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const CasedLetters intact = IntactLetters(lines[i]);
    for (const TokenDecision& d : first_pass[i].tokens) {
      if (d.confidence < sure) continue;
      for (std::size_t k = 0; k < d.output.size() && d.begin + k < lines[i].size(); ++k) {
        if (lines[i][d.begin + k] != U' ') continue;
        CasedLetters letter;
        AddLetter(d.output[k], &letter);
        ++restored;
        shown += intact.Intersects(letter);
      }
    }
  }
  // Smoothed as if kShownPriorLetters more letters had been read at
  // kShownPriorCost: a short text keeps about that.
  const double prior = std::exp(-kShownPriorCost);
  const double share = (static_cast<double>(shown) + kShownPriorLetters * prior) /
                       (static_cast<double>(restored) + kShownPriorLetters);
  return static_cast<float>(-std::log(share));
}

std::vector<LostSet> EstimateRunLostSets(const std::vector<std::u32string>& lines,
                                         const std::vector<DecodedLine>& first_pass,
                                         const RunEstimateOptions& options) {
  const std::size_t n = lines.size();
  std::vector<CasedLetters> intact(n), sure(n), guessed(n);
  for (std::size_t i = 0; i < n; ++i) {
    intact[i] = IntactLetters(lines[i]);
    sure[i] = RestoredLetters(lines[i], first_pass[i], options.sure);
    guessed[i] = RestoredLetters(lines[i], first_pass[i], 0);
  }
  // Lines i and i + 1 may share a run unless one surely lost a letter the other has intact.
  std::vector<bool> joined(n, false);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    joined[i] = !sure[i].Intersects(intact[i + 1]) && !sure[i + 1].Intersects(intact[i]);
  }
  std::vector<LostSet> sets(n);
  for (std::size_t i = 0; i < n; ++i) {
    CasedLetters run_intact = intact[i], run_sure = sure[i], run_guessed = guessed[i];
    const auto take = [&](std::size_t j) {
      run_intact.Merge(intact[j]);
      run_sure.Merge(sure[j]);
      run_guessed.Merge(guessed[j]);
    };
    if (i > 0 && joined[i - 1]) take(i - 1);
    if (i + 1 < n && joined[i]) take(i + 1);
    LostSet& lost = sets[i];
    for (int id = 0; id < kLetterIds; ++id) {
      if (LetterFromId(id) == 0) continue;
      for (const bool upper : {false, true}) {
        // A letter the line itself shows may be lost in another font run of
        // it; one its run's other lines show, likewise.
        if (run_intact.Has(id, upper) && std::isfinite(options.shown_cost)) {
          (upper ? lost.upper : lost.lower).Set(id);
          (upper ? lost.shown_upper : lost.shown_lower).Set(id);
          (upper ? lost.upper_cost : lost.lower_cost)[static_cast<std::size_t>(id)] = options.shown_cost;
          continue;
        }
        if (run_intact.Has(id, upper)) continue;
        const float cost = run_sure.Has(id, upper)      ? 0.0f
                           : run_guessed.Has(id, upper) ? options.guessed_cost
                                                        : options.unseen_cost;
        (upper ? lost.upper : lost.lower).Set(id);
        (upper ? lost.upper_cost : lost.lower_cost)[static_cast<std::size_t>(id)] = cost;
      }
    }
  }
  return sets;
}

void BoundByFirstPass(const DecodedLine& first, DecodedLine* second) {
  for (TokenDecision& d : second->tokens) {
    double bound = 1;
    for (const TokenDecision& f : first.tokens) {
      if (f.end <= d.begin || d.end <= f.begin) continue;
      const bool same = f.begin == d.begin && f.end == d.end && f.output == d.output;
      bound = std::min(bound, same ? f.confidence : 1 - f.confidence);
    }
    d.confidence = std::min(d.confidence, bound);
  }
}

void DocumentCache::AddLine(std::string_view line) {
  AddCase(ToU32(line));
  std::vector<std::string> tokens;
  TokenizeLine(line, &tokens);
  for (const std::string& token : tokens) {
    char32_t cp = 0;
    VietLetter letter;
    DecodeUtf8(token, 0, &cp);
    if (SplitLetter(cp, &letter)) ++letter_tokens_[token];
  }
  std::uint64_t v = TokenHash("<s>");
  for (std::size_t i = 0; i <= tokens.size(); ++i) {
    const std::uint64_t w = TokenHash(i < tokens.size() ? tokens[i] : std::string("</s>"));
    ++unigrams_[w];
    ++total_;
    Context& context = contexts_[v];
    if (bigrams_[v * 31 + w]++ == 0) ++context.followers;
    ++context.count;
    v = w;
  }
}

void DocumentCache::LearnWords(const SyllableModel& model, std::uint32_t min_count) {
  for (const auto& [token, count] : letter_tokens_) {
    if (count < min_count || model.Find(token) != nullptr) continue;
    WordEntry e;
    bool ok = true;
    for (std::size_t pos = 0; ok && pos < token.size();) {
      char32_t cp = 0;
      pos += DecodeUtf8(token, pos, &cp);
      const int id = LetterId(cp);
      ok = id >= 0 && e.size < kMaxWordLetters;
      if (!ok) break;
      e.letters[e.size++] = static_cast<std::uint8_t>(id);
      e.mask.Set(id);
    }
    if (!ok || e.size == 0) continue;
    e.token = token;
    e.lm_id = kUnk;
    e.key_hash = TokenHash(token);
    e.unigram = model.lm().UnigramLogProb(kUnk) + model.oov_penalty();
    words_[e.size].push_back(std::move(e));
  }
  for (std::size_t size = 0; size <= kMaxWordLetters; ++size) {
    std::vector<WordEntry>& list = words_[size];
    std::sort(list.begin(), list.end(), [](const WordEntry& a, const WordEntry& b) { return a.token < b.token; });
    word_codes_[size].clear();
    for (const WordEntry& e : list) word_codes_[size].push_back(LetterCode(e));
  }
}

void DocumentCache::IndexWords(const SyllableModel& model) {
  indexed_ = &model;
  for (std::size_t size = 0; size <= kMaxWordLetters; ++size) {
    const std::vector<WordEntry>& words = model.Words(size);
    std::vector<float>& scores = word_scores_[size];
    scores.resize(words.size());
    std::vector<std::uint8_t>& in_capitals = word_in_capitals_[size];
    in_capitals.resize(words.size());
    std::vector<std::uint8_t>& in_mixed_case = word_in_mixed_case_[size];
    in_mixed_case.resize(words.size());
    for (std::size_t w = 0; w < words.size(); ++w) {
      in_capitals[w] = UsuallyInCapitals(words[w].key_hash) ? 1 : 0;
      std::uint32_t upper = 0;
      in_mixed_case[w] = MixedCase(words[w].key_hash, &upper) ? 1 : 0;
      const double p_doc = UnigramProb(words[w].key_hash);
      scores[w] = p_doc > 0 ? static_cast<float>(std::log(std::exp(static_cast<double>(words[w].unigram)) + p_doc))
                            : words[w].unigram;
    }
  }
}

void DocumentCache::AddPiece(std::string_view piece) {
  std::vector<std::string> tokens;
  TokenizeLine(piece, &tokens);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::uint64_t w = TokenHash(tokens[i]);
    ++unigrams_[w];
    ++total_;
    if (i == 0) continue;
    const std::uint64_t v = TokenHash(tokens[i - 1]);
    Context& context = contexts_[v];
    if (bigrams_[v * 31 + w]++ == 0) ++context.followers;
    ++context.count;
  }
}

void DocumentCache::AddCase(std::u32string_view line) {
  WordPlace place = WordPlace::kLineStart;
  std::string utf8;
  // Capitals in a line with small letters are the word's own (acronyms),
  // not a heading's.
  bool line_has_small = false;
  for (const char32_t cp : line) {
    VietLetter letter;
    line_has_small |= SplitLetter(cp, &letter) && !letter.upper;
  }
  // The previous word counted inside a sentence, waiting for the word after it.
  struct Inside {
    bool valid = false;
    std::uint64_t hash = 0;
    bool capital = false;
    std::size_t end = 0;
  };
  Inside previous;
  Inside before;  // the last word of any kind, for the word after it
  for (std::size_t i = 0; i < line.size();) {
    VietLetter letter;
    if (!SplitLetter(line[i], &letter)) {
      if (line[i] != ' ' && !(place == WordPlace::kLineStart && IsListMark(line[i]))) place = PlaceAfter(line[i]);
      ++i;
      continue;
    }
    std::size_t end = i;
    std::size_t capitals = 0;
    utf8.clear();
    std::uint32_t upper = 0;  // a bit per capital, the first lowest
    for (; end < line.size() && SplitLetter(line[end], &letter); ++end) {
      capitals += letter.upper;
      if (letter.upper && end - i < 32) upper |= 1u << (end - i);
      AppendUtf8(line[end], &utf8);
    }
    CountToneStyle(utf8);
    const std::uint64_t hash = TokenHash(LetterToken(utf8));
    // The pair of the previous word and this one, if only spaces part them.
    if (previous.valid && std::all_of(line.begin() + static_cast<std::ptrdiff_t>(previous.end),
                                      line.begin() + static_cast<std::ptrdiff_t>(i), [](char32_t c) { return c == ' '; })) {
      CaseCount& pair = pair_case_[previous.hash * 31 + hash];
      pair.capital += previous.capital;
      ++pair.total;
    }
    previous.valid = false;
    const bool after_word = before.valid && std::all_of(line.begin() + static_cast<std::ptrdiff_t>(before.end),
                                                        line.begin() + static_cast<std::ptrdiff_t>(i),
                                                        [](char32_t c) { return c == ' '; });
    const std::uint64_t word_before = before.hash;
    const bool capital = SplitLetter(line[i], &letter) && letter.upper;
    const bool all_capitals = end - i >= 2 && capitals == end - i;  // acronyms, headings
    if (end - i >= 2 && line_has_small) {
      CaseCount& word = word_capitals_[hash];
      word.capital += all_capitals;
      ++word.total;
      if ((upper & ~1u) != 0 && !all_capitals) {  // a capital after the first letter, and a small one
        MixedForm& form = mixed_forms_[hash];
        if (form.same == 0) form.upper = upper;
        form.same += form.upper == upper;
      }
    }
    if (!all_capitals) {
      CaseCount& at_place = place_case_[static_cast<std::size_t>(place)];
      at_place.capital += capital;
      ++at_place.total;
      if (place == WordPlace::kInside) {
        CaseCount& word = word_case_[hash];
        word.capital += capital;
        ++word.total;
        previous = Inside{true, hash, capital, end};
        if (after_word) {
          CaseCount& pair = after_case_[word_before * 31 + hash];
          pair.capital += capital;
          ++pair.total;
        }
      }
    }
    before = Inside{true, hash, capital, end};
    place = WordPlace::kInside;
    i = end;
  }
}

void DocumentCache::CountToneStyle(std::string_view word) {
  std::string key;
  std::string old_style;
  if (!SyllableKey(word, &key) || !OldStyleSyllable(key, &old_style)) return;
  std::string lower;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(word, pos, &cp);
    AppendUtf8(LowerLetter(cp), &lower);
  }
  if (lower == old_style) ++old_style_;
  if (lower == key) ++new_style_;
}

bool DocumentCache::UsuallyInCapitals(std::uint64_t w) const {
  const CaseCount* word = word_capitals_.Find(w);
  return word != nullptr && 2 * word->capital > word->total;
}

bool DocumentCache::MixedCase(std::uint64_t w, std::uint32_t* upper) const {
  const MixedForm* form = mixed_forms_.Find(w);
  const CaseCount* word = word_capitals_.Find(w);
  if (form == nullptr || word == nullptr || 2 * form->same <= word->total) return false;
  *upper = form->upper;
  return true;
}

bool DocumentCache::WritesInSmallLetters(std::uint64_t w) const {
  const CaseCount* word = word_capitals_.Find(w);
  return word != nullptr && word->capital < word->total;
}

double DocumentCache::PlaceCapitalProb(WordPlace place) const {
  const auto index = static_cast<std::size_t>(place);
  const CaseCount& at_place = place_case_[index];
  return (at_place.capital + 4 * kCapitalPrior[index]) / (at_place.total + 4.0);
}

double DocumentCache::CapitalProb(std::uint64_t w, WordPlace place, std::uint64_t next, std::uint64_t previous) const {
  const double place_prob = PlaceCapitalProb(place);
  const CaseCount* word = word_case_.Find(w);
  if (word == nullptr) return place_prob;
  // A word the document capitalises inside sentences is a name: it keeps
  // its capital anywhere.
  double word_prob = (word->capital + 2 * PlaceCapitalProb(WordPlace::kInside)) / (word->total + 2.0);
  const CaseCount* pair = next != 0 ? pair_case_.Find(w * 31 + next) : nullptr;
  if (pair != nullptr) word_prob = (pair->capital + 2 * word_prob) / (pair->total + 2.0);
  // The habit after the word before weighs as much as one more sighting:
  // on held-out dev that gave more sure repairs than two, with as few errors.
  const CaseCount* after = previous != 0 ? after_case_.Find(previous * 31 + w) : nullptr;
  if (after != nullptr) word_prob = (after->capital + word_prob) / (after->total + 1.0);
  return place == WordPlace::kInside ? word_prob : std::max(word_prob, place_prob);
}

double DocumentCache::UnigramProb(std::uint64_t w) const {
  const std::uint32_t* u = unigrams_.Find(w);
  return u == nullptr ? 0.0 : static_cast<double>(*u) / static_cast<double>(total_);
}

double DocumentCache::Prob(std::uint64_t v, std::uint64_t w) const {
  if (total_ == 0) return 0;
  return Prob(FollowOf(v), w, UnigramProb(w));
}

DocumentCache::Follow DocumentCache::FollowOf(std::uint64_t v) const {
  Follow follow;
  follow.v = v;
  if (const Context* c = contexts_.Find(v)) {
    follow.count = c->count;
    follow.followers = c->followers;
  }
  return follow;
}

double DocumentCache::Prob(const Follow& follow, std::uint64_t w, double p_uni) const {
  // A word the document never showed has no bigram either.
  if (p_uni == 0) return 0;
  if (follow.count == 0) return p_uni;
  const std::uint32_t* b = bigrams_.Find(follow.v * 31 + w);
  const double seen = b == nullptr ? 0.0 : static_cast<double>(*b);
  const double types = static_cast<double>(follow.followers);
  return (seen + types * p_uni) / (static_cast<double>(follow.count) + types);
}

namespace {

// Where to end the piece of `line` that starts at `begin` when the line is
// too long to read at once: after the last character other than a letter,
// digit or space that a space follows (". ", ", ", ") "), in the piece's
// last half; else at its last space; else at its end.
std::size_t PieceEnd(std::u32string_view line, std::size_t begin) {
  const std::size_t limit = begin + kMaxDecodedCells;
  if (limit >= line.size()) return line.size();
  const auto is_word = [](char32_t c) {
    VietLetter letter;
    return c == U' ' || (c >= U'0' && c <= U'9') || SplitLetter(c, &letter);
  };
  std::size_t last_space = 0;
  for (std::size_t end = limit; end > begin + kMaxDecodedCells / 2; --end) {
    if (line[end] != U' ') continue;
    if (last_space == 0) last_space = end;
    if (!is_word(line[end - 1])) return end;
  }
  return last_space != 0 ? last_space : limit;
}

}  // namespace

DecodedLine DecodeLostCharacters(const SyllableModel& model, const DocumentCache* cache,
                                 std::u32string_view line, const LostSet& lost,
                                 const DecoderOptions& options) {
  if (line.size() <= kMaxDecodedCells) return Decoder(model, cache, line, lost, options).Run();
  // A longer line (no page holds one: pasted or generated text) is read in
  // pieces, so that what the search keeps stays bounded.
  DecodedLine result;
  result.text.assign(line);
  for (std::size_t begin = 0; begin < line.size();) {
    const std::size_t end = PieceEnd(line, begin);
    DecodedLine piece = Decoder(model, cache, line.substr(begin, end - begin), lost, options).Run();
    std::copy(piece.text.begin(), piece.text.end(), result.text.begin() + static_cast<std::ptrdiff_t>(begin));
    for (TokenDecision& d : piece.tokens) {
      d.begin += begin;
      d.end += begin;
      result.tokens.push_back(std::move(d));
    }
    begin = end;
  }
  return result;
}

DamageSign LineDamage(const SyllableModel& model, std::u32string_view line) {
  std::size_t words = 0;
  std::size_t fragments = 0;
  std::size_t gap_fragments = 0;  // fragments beside two spaces inside the line
  bool inner_gap = false;  // two to kShortGap spaces between characters
  const std::size_t n = line.size();
  std::size_t first = 0;
  while (first < n && line[first] == ' ') ++first;
  std::size_t last = n;
  while (last > first && line[last - 1] == ' ') --last;
  // A gap longer than kShortGap is rather the columns of laid-out text
  // ("(để b/c);          PHÓ CHỦ TỊCH") than lost letters, unless a
  // fragment stands beside it ("HĐN      n;").
  bool fragment_beside_long_gap = false;
  for (std::size_t i = first; i < last;) {
    if (line[i] != ' ') {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < last && line[end] == ' ') ++end;
    inner_gap |= end - i >= 2 && end - i <= kShortGap;
    i = end;
  }
  std::string utf8;
  for (std::size_t i = 0; i < n;) {
    VietLetter letter;
    if (!SplitLetter(line[i], &letter)) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && SplitLetter(line[end], &letter)) ++end;
    ++words;
    std::size_t gap_before = 0, gap_after = 0;  // spaces on either side
    while (gap_before < i && line[i - 1 - gap_before] == ' ') ++gap_before;
    while (end + gap_after < n && line[end + gap_after] == ' ') ++gap_after;
    // Two spaces or more inside the line: where a lost letter would leave
    // a word. A gap of more than kShortGap beside a whole word is rather
    // the columns of a laid-out table ("tra          CM").
    const bool gap_inside_before = gap_before >= 2 && i - gap_before > first;
    const bool gap_inside_after = gap_after >= 2 && end + gap_after < last;
    const bool next_to_gap = gap_inside_before || gap_inside_after;
    const bool next_to_short_gap =
        (gap_inside_before && gap_before <= kShortGap) || (gap_inside_after && gap_after <= kShortGap);
    if (gap_before > 0 || gap_after > 0) {
      utf8.clear();
      for (std::size_t k = i; k < end; ++k) AppendUtf8(line[k], &utf8);
      const std::string token = LetterToken(utf8);
      const WordEntry* e = end - i <= kMaxWordLetters ? model.Find(token) : nullptr;
      // A word the model does not know is a fragment only if it could be
      // the rest of a syllable or stands beside a gap ("TT  ĐN  xã");
      // foreign words and names are not.
      const bool fragment = e == nullptr ? model.IsSyllablePiece(token) || next_to_short_gap
                                         : !e->syllable && (e->unigram < -11 || end - i == 1);
      fragments += fragment;
      gap_fragments += fragment && next_to_gap;
      fragment_beside_long_gap |=
          fragment && ((gap_inside_before && gap_before > kShortGap) || (gap_inside_after && gap_after > kShortGap));
    }
    i = end;
  }
  if (fragments == 0) return DamageSign::kNone;
  inner_gap |= fragment_beside_long_gap;
  // Light damage in a long line: a few fragments, each beside a gap where
  // a lost letter began or ended a word ("chươn  trình", "nước  iai đoạn").
  const bool damaged = (fragments >= 2 && fragments * 5 >= words) || (inner_gap && fragments * 10 >= words) ||
                       gap_fragments >= 2;
  return damaged ? DamageSign::kDamaged : DamageSign::kFragment;
}

}  // namespace baocao::normalize_internal
