// The "lost_chars" decoder: a line in which every character of a lost set
// came out as one space is read back over the lattice of readings (each
// space a real space or a lost character) with the syllable trigram model,
// optionally adapted to the document's own intact lines.
#ifndef BAOCAO_NORMALIZE_LOST_CHARS_H_
#define BAOCAO_NORMALIZE_LOST_CHARS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "flat_hash.h"
#include "syllable_model.h"

namespace baocao::normalize_internal {

// Letters that may have been lost, per case (ids from LetterId()), and
// what restoring each costs: nats taken off a reading per restored letter,
// from the run's evidence of which allowed letters are really lost (0: no
// evidence either way).
struct LostSet {
  LetterMask lower;
  LetterMask upper;
  std::array<float, kLetterIds> lower_cost{};
  std::array<float, kLetterIds> upper_cost{};
  // Of lower and upper, the letters the line (or its run) shows intact
  // elsewhere: font runs of one line may lose different sets (the Tuần
  // Giáo report shows "c i thi n  ô   r ờn": "cải thiện" lost "ả" and "ệ",
  // and "môi trường", set in another font, lost "m", "i", "t", "ư" and "g"
  // beside the "i" of "thiện" and the "g" of "nâng" further on).
  LetterMask shown_lower{};
  LetterMask shown_upper{};
  bool AnyShown() const {
    return (shown_lower.bits[0] | shown_lower.bits[1] | shown_upper.bits[0] | shown_upper.bits[1]) != 0;
  }
  // True if the letter may be lost and is not among the shown ones.
  bool Unshown(int id, bool upper_case) const {
    return upper_case ? upper.Has(id) && !shown_upper.Has(id) : lower.Has(id) && !shown_lower.Has(id);
  }
  bool Has(int id) const { return lower.Has(id) || upper.Has(id); }
  double Cost(int id, bool upper_case) const {
    return static_cast<double>(upper_case ? upper_cost[static_cast<std::size_t>(id)] : lower_cost[static_cast<std::size_t>(id)]);
  }
};

// What restoring a letter the line shows intact elsewhere costs (nats) in a
// first decoding, against nothing for one it never shows; the second takes
// the document's own (ShownLetterCostOf). 1.5, 2 and 3 were tried on
// held-out dev with lines that hold a font run of their own; 2 with
// DecoderOptions::shown_nearby_cost 3 restored the most there.
inline constexpr float kShownLetterCost = 2;

// Letters that may be lost in `observed` (the run or line): those it never
// shows intact, and at `shown_cost` the others (infinity: only the first);
// the decoder's model picks among them.
LostSet EstimateLostSet(std::u32string_view observed, float shown_cost = kShownLetterCost);

// Where a word stands in its line, for the case of a lost first letter.
// kAfterMark: after ")", "-" or "+" inside a line, where list items and
// table cells begin ("a) Nội dung", "Văn hóa - Xã hội").
// kAfterQuote: after an opening quotation mark, where titles begin
// ("Đề án “Tăng cường ..."). kAfterSemicolon: after ";", where some
// documents begin each item of a list with a capital.
enum class WordPlace : std::uint8_t { kLineStart, kAfterStop, kAfterColon, kInside, kAfterMark, kAfterQuote, kAfterSemicolon };
inline constexpr std::size_t kWordPlaces = 7;

// Self-adaptation: unigram and bigram counts of the document's intact text,
// and how it capitalises its words.
class DocumentCache {
 public:
  void AddLine(std::string_view line);
  // A piece of a line between words the document does not show surely (a
  // first decoding's doubtful repairs): its words and the bigrams among
  // them, without sentence ends or case habits.
  void AddPiece(std::string_view piece);
  bool empty() const { return total_ == 0; }
  // P_doc(w | v) (Witten-Bell bigram over unigrams); 0 if w is unseen.
  double Prob(std::uint64_t v, std::uint64_t w) const;
  // Prob(v, w) in parts, for a decoder that asks for many words after a
  // few contexts: what it needs of v, found once.
  struct Follow {
    std::uint64_t v = 0;
    std::uint32_t count = 0;      // of v as a context; 0: never one
    std::uint32_t followers = 0;  // distinct w after v
  };
  Follow FollowOf(std::uint64_t v) const;
  // Equal to Prob(follow.v, w), given p_uni = UnigramProb(w), in a cache
  // that is not empty.
  double Prob(const Follow& follow, std::uint64_t w, double p_uni) const;
  // P_doc(w); 0 if w is unseen.
  double UnigramProb(std::uint64_t w) const;
  // The probability that the word `w` (a TokenHash) starts with a capital
  // at `place`: the document's own habit for the word inside sentences,
  // else its habit at that place, smoothed towards the usual one. With the
  // word after it (`next`, 0: none), the habit for the pair comes first:
  // "chính" is small in "hành chính" but "Chính phủ" is a name.
  // With the word before it (`previous`), the habit after that word comes
  // last: "Bộ phận Một cửa" where the document writes "một" small.
  double CapitalProb(std::uint64_t w, WordPlace place, std::uint64_t next = 0, std::uint64_t previous = 0) const;
  // Learns as candidate words for the decoder the words of the lines added
  // so far that `model` does not know (the document's names and acronyms,
  // "VBQPPL"), if seen at least `min_count` times.
  void LearnWords(const SyllableModel& model, std::uint32_t min_count = 2);
  // The learnt words of `size` letters, in no particular order.
  const std::vector<WordEntry>& Words(std::size_t size) const { return words_[size]; }
  // The LetterCode of each of Words(size), in its order.
  const std::vector<std::uint64_t>& WordCodes(std::size_t size) const { return word_codes_[size]; }
  // Ranks the words of `model` for the decoder once per document: the
  // ln(P_model(w) + P_doc(w)) of WordScores, and their WordsInCapitals.
  // Call again after adding text.
  void IndexWords(const SyllableModel& model);
  // The scores of model.Words(size) in its order, or null if the words of
  // `model` are not indexed.
  const std::vector<float>* WordScores(const SyllableModel& model, std::size_t size) const {
    return indexed_ == &model ? &word_scores_[size] : nullptr;
  }
  // True if the document mostly writes the word `w` (a TokenHash) in
  // capitals among small letters: an acronym ("UBND", "ISO").
  bool UsuallyInCapitals(std::uint64_t w) const;
  // True if the document writes the word `w` in small letters at least once
  // among small letters ("km" beside "UBND").
  bool WritesInSmallLetters(std::uint64_t w) const;
  // True if the document mostly writes the word `w` with capitals and small
  // letters after the first ("TTg" of "QĐ-TTg"): *upper has a bit per
  // capital letter, the first lowest.
  bool MixedCase(std::uint64_t w, std::uint32_t* upper) const;
  // True if the document writes any word in mixed case.
  bool AnyMixedCase() const { return mixed_forms_.size() > 0; }
  // UsuallyInCapitals of model.Words(size) in its order (1: true), found by
  // IndexWords, or null if the words of `model` are not indexed.
  const std::vector<std::uint8_t>* WordsInCapitals(const SyllableModel& model, std::size_t size) const {
    return indexed_ == &model ? &word_in_capitals_[size] : nullptr;
  }
  // MixedCase of model.Words(size) in its order (1: true), found by
  // IndexWords, or null if the words of `model` are not indexed.
  const std::vector<std::uint8_t>* WordsInMixedCase(const SyllableModel& model, std::size_t size) const {
    return indexed_ == &model ? &word_in_mixed_case_[size] : nullptr;
  }
  // True if the document writes "hóa", "thủy" rather than "hoá", "thuỷ".
  bool PrefersOldStyle() const { return old_style_ > new_style_; }

 private:
  struct CaseCount {
    std::uint32_t capital = 0;
    std::uint32_t total = 0;
  };
  void AddCase(std::u32string_view line);
  void CountToneStyle(std::string_view word);
  double PlaceCapitalProb(WordPlace place) const;
  FlatHash<CaseCount> word_case_;  // words inside sentences
  FlatHash<CaseCount> pair_case_;  // words inside sentences, by the word after them (key: w * 31 + next)
  FlatHash<CaseCount> after_case_;  // words inside sentences, by the word before them (key: previous * 31 + w)
  FlatHash<CaseCount> word_capitals_;  // words of 2+ letters in lines with small letters: all capitals?
  struct MixedForm {
    std::uint32_t upper = 0;  // the first mixed form seen
    std::uint32_t same = 0;   // times the word was written so
  };
  FlatHash<MixedForm> mixed_forms_;  // of the words of word_capitals_ written in mixed case
  std::array<CaseCount, kWordPlaces> place_case_{};
  struct Context {
    std::uint32_t count = 0;      // of v as a context
    std::uint32_t followers = 0;  // distinct w after v
  };
  FlatHash<std::uint32_t> unigrams_;
  FlatHash<std::uint32_t> bigrams_;  // key: v * 31 + w
  FlatHash<Context> contexts_;
  std::uint64_t total_ = 0;
  std::unordered_map<std::string, std::uint32_t> letter_tokens_;  // of AddLine
  std::array<std::vector<WordEntry>, kMaxWordLetters + 1> words_;
  std::array<std::vector<std::uint64_t>, kMaxWordLetters + 1> word_codes_;
  const SyllableModel* indexed_ = nullptr;
  std::array<std::vector<float>, kMaxWordLetters + 1> word_scores_;
  std::array<std::vector<std::uint8_t>, kMaxWordLetters + 1> word_in_capitals_;
  std::array<std::vector<std::uint8_t>, kMaxWordLetters + 1> word_in_mixed_case_;
  std::uint32_t old_style_ = 0;  // words that could be in either tone style, by style
  std::uint32_t new_style_ = 0;
};

struct DecoderOptions {
  double cache_weight = 0.25;   // lambda of the document cache
  double extra_space_cost = 7;  // nats per space read as a second real space
  // Hypotheses kept per position and words tried per span. 10 and 28
  // (against 8 and 24) restored 0.4 points more on held-out dev, precision
  // above 0.9 +0.2, for about a quarter of the speed.
  std::size_t beam = 10;
  std::size_t candidates = 28;
  // Scores are multiplied by this before forward-backward: below 1 flattens
  // the posteriors, as the model is sharper than it is right. 0.6 brought
  // the precision above 0.9 near 98% on dev documents the model never saw.
  double posterior_scale = 0.6;
  // Nats per space read as a lost digit before or after a number's digits;
  // 1, 2 and 3 restored within 0.1 point of each other on held-out dev.
  double lost_digit_cost = 1;
  // Nats added for a letter the line shows intact within `nearby_cells`
  // cells of the space it would fill: a font run is a stretch of the line,
  // so a letter shown beside a gap was likelier kept there than one shown
  // at the far end. 3 and 15 were chosen with kShownLetterCost on held-out
  // dev (+3 and 10 or 15 cells, +4 and 20, +6 and 10 were tried).
  double shown_nearby_cost = 3;
  std::size_t nearby_cells = 15;
};

// One token of the output that holds restored characters.
struct TokenDecision {
  std::size_t begin = 0;  // code points of the line
  std::size_t end = 0;
  std::u32string output;  // same length as end - begin
  double confidence = 0;  // posterior of this reading of the span over the lattice
  std::vector<std::u32string> alternatives;  // best first, at most 4
  // Where the reading comes from: the decoder, or for lost digits a number
  // the document shows or the outline's count (lost_digits.h).
  enum class Origin : std::uint8_t { kDecoder, kDocumentNumber, kOutlineCode };
  Origin origin = Origin::kDecoder;
};

struct DecodedLine {
  std::u32string text;  // same length as the input: spaces replaced by letters
  std::vector<TokenDecision> tokens;
};

// Lines longer than this many code points are read in pieces of at most
// this length, cut at spaces.
inline constexpr std::size_t kMaxDecodedCells = 4000;

DecodedLine DecodeLostCharacters(const SyllableModel& model, const DocumentCache* cache,
                                 std::u32string_view line, const LostSet& lost,
                                 const DecoderOptions& options);

// Whether the line looks like it lost characters. kDamaged: several letter
// runs that are not words but become syllables with one more letter.
// kFragment: one such run at least ("Hạn ch", "vi c ràng"), damage in a
// document that lost characters elsewhere, but no proof of it on its own.
enum class DamageSign : std::uint8_t { kNone, kFragment, kDamaged };
DamageSign LineDamage(const SyllableModel& model, std::u32string_view line);

// A set of letters per case.
struct CasedLetters {
  LetterMask lower;
  LetterMask upper;
  void Add(int id, bool upper_case) { (upper_case ? upper : lower).Set(id); }
  bool Has(int id, bool upper_case) const { return (upper_case ? upper : lower).Has(id); }
  bool Intersects(const CasedLetters& other) const;
  void Merge(const CasedLetters& other);
};

// The letters that stand intact in `line`.
CasedLetters IntactLetters(std::u32string_view line);

// The letters `decoded` put into the spaces of `line` in tokens of at least
// `min_confidence`.
CasedLetters RestoredLetters(std::u32string_view line, const DecodedLine& decoded,
                             double min_confidence);

struct RunEstimateOptions {
  double sure = 0.9;         // first-pass confidence at which a restored letter counts as lost
  float guessed_cost = 1;  // nats per letter the first pass restored only with less confidence
  float unseen_cost = 2;  // nats per letter the first pass never restored in the run
  float shown_cost = kShownLetterCost;  // per letter the line or run shows intact (ShownLetterCostOf)
};

// What restoring a letter its line shows intact costs in a second decoding
// of a document, from the first (`lines` its lines, `first_pass` empty for
// an intact one): -ln of the share, smoothed, of the letters the first
// surely restored (`sure`) that their line shows. A document whose lines
// each lost one set has next to none of these, a Tuần Giáo report one in
// nine (a cost of 2.2).
float ShownLetterCostOf(const std::vector<std::u32string>& lines, const std::vector<DecodedLine>& first_pass,
                        double sure);

// The lost sets for a second decoding of consecutive damaged lines, from
// their first decoding. The defect loses one set of characters per run of a
// few lines, and every character of the set, so a letter intact anywhere in
// the run was not lost in it. Where runs begin is not known: a neighbour
// line is taken into the line's run unless one of them holds intact a
// letter the other surely lost. Letters the first pass surely restored in
// the run cost nothing, others cost RunEstimateOptions' nats.
std::vector<LostSet> EstimateRunLostSets(const std::vector<std::u32string>& lines,
                                         const std::vector<DecodedLine>& first_pass,
                                         const RunEstimateOptions& options);

// The second decoding reads each line with a lost set and a cache drawn
// from the first, so it is surer of the first's readings than it has
// reason to be. A repair's confidence is therefore at most what the first
// pass gave the same reading of the same span, and at most 1 - c where the
// first pass read any of its characters otherwise with confidence c.
void BoundByFirstPass(const DecodedLine& first, DecodedLine* second);

std::u32string ToU32(std::string_view utf8);
std::string ToUtf8(std::u32string_view text);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_LOST_CHARS_H_
