// The "split_syllables" pass: a stray space inside a syllable ("huy ện",
// "đ ầu") is removed when the halves are not both syllables and the join is.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "flat_hash.h"
#include "lost_chars.h"
#include "passes.h"
#include "syllable_lm.h"
#include "syllable_model.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

struct Run {
  std::size_t begin = 0;  // bytes
  std::size_t end = 0;
};

bool IsLetterAt(std::string_view text, std::size_t pos, std::size_t* length) {
  char32_t cp = 0;
  *length = DecodeUtf8(text, pos, &cp);
  VietLetter letter;
  return SplitLetter(cp, &letter);
}

// A letter word cased like a word: "Huyện", "HUYỆN", "huyện".
bool WordCased(std::string_view word) {
  std::size_t upper = 0, letters = 0;
  bool upper_after_lower = false;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(word, pos, &cp);
    VietLetter letter;
    if (!SplitLetter(cp, &letter)) continue;
    upper_after_lower |= letter.upper && letters > upper;
    upper += letter.upper;
    ++letters;
  }
  return !upper_after_lower || upper == letters;
}

// What may stand just before a word and just after it without gluing it
// to something else.
bool OpensWord(char32_t c) { return c == ' ' || c == '(' || c == '[' || c == '"' || c == U'“' || c == U'‘'; }
bool ClosesWord(char32_t c) {
  return c == ' ' || c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == ']' || c == '"' ||
         c == U'”' || c == U'’' || c == '?' || c == '!';
}

// The last code point of `text` (not empty).
char32_t LastCodePoint(std::string_view text) {
  std::size_t pos = text.size() - 1;
  while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  char32_t cp = 0;
  DecodeUtf8(text, pos, &cp);
  return cp;
}

// Whether the model knows each word asked about, kept for the whole text.
class KnownWords {
 public:
  explicit KnownWords(const SyllableModel& model) : model_(model) {}
  bool operator()(std::string_view word) {
    const auto it = known_.find(word);
    if (it != known_.end()) return it->second;
    if (known_.size() >= kMaxWords) known_.clear();  // a text of random words
    const WordEntry* e = model_.Find(LetterToken(word));
    // A syllable the model never saw ("ện" is in the word list) does not
    // count: real text would have used it somewhere.
    const bool known = e != nullptr && e->lm_id != kUnk && e->unigram > -13 && (e->syllable || e->size > 1);
    known_.emplace(word, known);
    return known;
  }

 private:
  static constexpr std::size_t kMaxWords = std::size_t{1} << 16;
  const SyllableModel& model_;
  StringMap<bool> known_;
};

// A token as the syllable model reads it: its id, and for an unknown word
// the ln of the share of <unk> it gets.
struct ModelToken {
  std::uint32_t id = kUnk;
  float unknown_share = 0;
};

// A lone letter ("phân bố t", "n hàng") names a variable or a list item:
// it is no rare word, and gets a larger share of <unk> than one.
// -1 joined as many stray spaces there as -3 to 0, and wrongly least often.
constexpr float kLoneLetterShare = -1.0f;

ModelToken TokenOf(const SyllableModel& model, std::string_view letters) {
  ModelToken t{model.lm().Id(LetterToken(letters)), 0};
  if (t.id == kUnk) {
    char32_t cp = 0;
    t.unknown_share = DecodeUtf8(letters, 0, &cp) == letters.size() ? kLoneLetterShare : model.oov_penalty();
  }
  return t;
}

// The line's tokens as the syllable model reads them, with where each begins.
struct LineToken {
  ModelToken token;
  std::size_t begin = 0;
};

std::vector<LineToken> ModelTokens(const SyllableModel& model, std::string_view line, std::size_t offset) {
  std::vector<TokenSpan> spans;
  TokenizeLine(line, &spans);
  std::vector<LineToken> tokens;
  tokens.reserve(spans.size());
  for (const TokenSpan& span : spans) {
    const std::string_view text = line.substr(span.begin, span.end - span.begin);
    ModelToken t;
    if (span.kind == TokenSpan::kLetters) {
      t = TokenOf(model, text);
    } else {
      t.id = span.kind == TokenSpan::kDigits ? kNum : model.lm().Id(text);
      if (t.id == kUnk) t.unknown_share = model.oov_penalty();
    }
    tokens.push_back(LineToken{t, offset + span.begin});
  }
  return tokens;
}

// ln P of the tokens `words`, each after the two before it, the first after
// `u v`, then of the line's next two tokens (`after`, kEos past the end)
// after them: what changes when two tokens become one.
double LocalLogProb(const NgramModel& lm, std::uint32_t u, std::uint32_t v, std::span<const ModelToken> words,
                    std::span<const ModelToken> after) {
  double sum = 0;
  const auto add = [&](const ModelToken& t) {
    sum += static_cast<double>(lm.LogProb(u, v, t.id) + t.unknown_share);
    u = v;
    v = t.id;
  };
  for (const ModelToken& t : words) add(t);
  for (const ModelToken& t : after) {
    add(t);
    if (t.id == kEos) break;
  }
  return sum;
}

// A join the pass may make: runs i and i + 1 as one word, and its score
// against leaving them apart.
struct Join {
  std::size_t run = 0;  // the left run
  std::string joined;
  // ln P(join) - ln P(apart) by the model. Neither a prior for stray spaces
  // nor a weight on this improved on 0 and 1 over stray spaces put in the
  // dev split and the LibreOffice help (tools/bench/stray_space_bench.py).
  double log_odds = 0;
  double posterior = 0;
};

// Finds the joins of one line. Each is weighed by the syllable model in its
// context against the two words, and against the joins it competes with for
// a half: "có t hể" is "có thể", not "cót hể". On a line that lost
// characters only pairs of two fragments are joined, and only between whole
// words: "c a" may be "của", but "đ ầu" can only be "đầu". A stray space is
// a lone defect, while lost characters leave fragments and runs of spaces
// all around: "th c hi n" is "thực hiện", "T ần G áo" is "Tuần Giáo", not
// "th chi n" or "Tần G áo".
void SplitLine(const SyllableModel& model, KnownWords& known, std::string_view text, std::size_t begin,
               std::size_t end, bool damaged, TrackedBuilder* builder) {
  std::vector<Run> runs;
  for (std::size_t pos = begin; pos < end;) {
    std::size_t length = 0;
    if (!IsLetterAt(text, pos, &length)) {
      pos += length;
      continue;
    }
    Run run{pos, pos};
    while (run.end < end && IsLetterAt(text, run.end, &length)) run.end += length;
    runs.push_back(run);
    pos = run.end;
  }
  const auto known_run = [&](std::size_t i) { return known(text.substr(runs[i].begin, runs[i].end - runs[i].begin)); };
  // Letters the line never shows intact: those it may have lost.
  const LostSet lost = damaged ? EstimateLostSet(ToU32(text.substr(begin, end - begin)),
                                                 std::numeric_limits<float>::infinity()) : LostSet();
  const auto reads_with_lost_letter = [&](std::string_view left, std::string_view right) {
    std::string word;
    for (int id = 0; id < kLetterIds; ++id) {
      const char32_t letter = LetterFromId(id);
      if (letter == 0 || !lost.Has(id)) continue;
      word.assign(left);
      AppendUtf8(letter, &word);
      word.append(right);
      if (known(word)) return true;
    }
    return false;
  };
  // Whether run i has, on the side `step` (-1 before, +1 after), the line's
  // edge, a mark, or a known word one space away.
  const auto between_words = [&](std::size_t i, int step) {
    const std::size_t edge = step < 0 ? runs[i].begin : runs[i].end;
    if (step < 0 ? edge == begin : edge == end) return true;
    const char next_to = text[step < 0 ? edge - 1 : edge];
    if (next_to != ' ') return true;  // a mark: "(", ",", "."
    const std::size_t beyond = step < 0 ? edge - 1 : edge + 1;  // past the space
    if (step < 0 ? beyond == begin : beyond == end) return true;
    if (text[step < 0 ? beyond - 1 : beyond] == ' ') return false;  // two spaces: lost letters
    const std::size_t j = step < 0 ? i - 1 : i + 1;
    const bool neighbour = step < 0 ? i > 0 && runs[j].end + 1 == edge : j < runs.size() && runs[j].begin == beyond;
    return !neighbour || known_run(j);  // a mark beyond the space, or a whole word
  };
  std::vector<Join> joins;
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    const Run a = runs[i];
    const Run b = runs[i + 1];
    if (b.begin != a.end + 1 || text[a.end] != ' ') continue;
    // Not glued to other characters ("UBND-huy ện" is left alone), but
    // inside brackets and quotation marks, or before a stop or comma.
    if (a.begin > begin && !OpensWord(LastCodePoint(text.substr(begin, a.begin - begin)))) continue;
    char32_t after = ' ';
    if (b.end < end) DecodeUtf8(text, b.end, &after);
    if (!ClosesWord(after)) continue;
    const std::string_view left = text.substr(a.begin, a.end - a.begin);
    const std::string_view right = text.substr(b.begin, b.end - b.begin);
    const bool left_known = known_run(i);
    const bool right_known = known_run(i + 1);
    if ((left_known && right_known) || (damaged && (left_known || right_known))) continue;
    if (damaged && !(between_words(i, -1) && between_words(i + 1, +1))) continue;
    std::string joined(left);
    joined.append(right);
    if (!IsVietnameseSyllable(joined) || !WordCased(joined)) continue;
    // On a damaged line the space may be a lost letter ("th ộc" is
    // "thuộc"): the join must be a word real text uses.
    if (damaged && !known(joined)) continue;
    // Nor where a letter the line does not show, in place of the space,
    // makes a word too: there "c a" is "của" (a lost letter) far more often
    // than "ca" (a stray space).
    if (damaged && reads_with_lost_letter(left, right)) continue;
    joins.push_back(Join{i, std::move(joined)});
  }
  if (joins.empty()) return;

  const std::vector<LineToken> tokens = ModelTokens(model, text.substr(begin, end - begin), begin);
  for (Join& join : joins) {
    // The token of run join.run: runs and letter tokens start alike.
    std::size_t k = 0;
    while (k + 1 < tokens.size() && tokens[k].begin != runs[join.run].begin) ++k;
    if (k + 1 >= tokens.size()) continue;  // log_odds 0: never chosen alone
    const std::uint32_t u = k >= 2 ? tokens[k - 2].token.id : kBos;
    const std::uint32_t v = k >= 1 ? tokens[k - 1].token.id : kBos;
    ModelToken after[2] = {{kEos, 0}, {kEos, 0}};
    for (std::size_t n = 0; n < 2 && k + 2 + n < tokens.size(); ++n) after[n] = tokens[k + 2 + n].token;
    const ModelToken apart[2] = {tokens[k].token, tokens[k + 1].token};
    const ModelToken one[1] = {TokenOf(model, join.joined)};
    join.log_odds = LocalLogProb(model.lm(), u, v, one, after) - LocalLogProb(model.lm(), u, v, apart, after);
  }
  // Each join's posterior among the readings of its neighbourhood: no join,
  // it, or a join that shares one of its halves.
  for (std::size_t j = 0; j < joins.size(); ++j) {
    double rivals = 1;  // exp(0): the runs left apart
    for (std::size_t r = j > 0 ? j - 1 : 0; r < joins.size() && r <= j + 1; ++r) {
      const std::size_t gap = joins[r].run > joins[j].run ? joins[r].run - joins[j].run : joins[j].run - joins[r].run;
      if (gap <= 1) rivals += std::exp(std::min(joins[r].log_odds, 50.0));
    }
    joins[j].posterior = std::exp(std::min(joins[j].log_odds, 50.0)) / rivals;
  }
  // The likeliest joins first, each half used once.
  std::vector<std::size_t> order(joins.size());
  for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return joins[x].posterior > joins[y].posterior; });
  std::vector<bool> used(runs.size(), false);
  std::vector<const Join*> chosen;
  for (const std::size_t j : order) {
    const Join& join = joins[j];
    if (join.posterior < 0.5 || used[join.run] || used[join.run + 1]) continue;
    used[join.run] = used[join.run + 1] = true;
    chosen.push_back(&join);
  }
  std::sort(chosen.begin(), chosen.end(), [](const Join* x, const Join* y) { return x->run < y->run; });
  for (const Join* join : chosen) {
    builder->Replace(runs[join->run].begin, runs[join->run + 1].end, join->joined, join->posterior);
  }
}

}  // namespace

Status SplitSyllablesPass(TrackedText* text, const NormalizeOptions& options, DamagedLines* damaged_lines,
                          std::vector<Change>* changes) {
  const std::shared_ptr<const SyllableModel> model = ModelOf(options);
  TrackedBuilder builder(text, "split_syllables", changes);
  const std::size_t first_change = changes->size();
  KnownWords known(*model);
  const std::string_view all = text->text;
  for (std::size_t begin = 0, next = 0; begin <= all.size(); begin = next) {
    const std::size_t end = LineEnd(all, begin, &next);
    const std::string_view line = all.substr(begin, end - begin);
    if (line.find(' ') != std::string_view::npos) {
      const bool damaged = options.lost_chars == LostCharacters::kOn ||
                           (options.lost_chars == LostCharacters::kAuto &&
                            damaged_lines->Judge(*model, line));
      SplitLine(*model, known, all, begin, end, damaged, &builder);
    }
  }
  builder.Finish();
  for (std::size_t i = first_change; i < changes->size(); ++i) {
    (*changes)[i].review = (*changes)[i].confidence < options.review_threshold;
  }
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
