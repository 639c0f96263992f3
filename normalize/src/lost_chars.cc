#include "lost_chars.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

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
};

struct Hyp {
  double score = 0;
  std::uint32_t u = kBos, v = kBos;
  std::uint64_t hu = 0, hv = 0;
  int parent = -1;
  int token = -1;  // -1: an extra space or the start
};

class Decoder {
 public:
  Decoder(const SyllableModel& model, const DocumentCache* cache, std::u32string_view line,
          const LostSet& lost, const DecoderOptions& options)
      : model_(model), lm_(model.lm()), cache_(cache && !cache->empty() ? cache : nullptr),
        line_(line), lost_(lost), options_(options), cells_(Classify(line)) {
    LetterMask allowed;
    allowed.bits[0] = lost.lower.bits[0] | lost.upper.bits[0];
    allowed.bits[1] = lost.lower.bits[1] | lost.upper.bits[1];
    for (const Cell& c : cells_) {
      if (c.cls == kLetter) allowed.Set(c.letter);
    }
    for (std::size_t size = 1; size <= kMaxWordLetters; ++size) {
      for (const WordEntry& e : model.Words(size)) {
        if (e.mask.SubsetOf(allowed)) words_[size].push_back(&e);
      }
    }
    bool seen[10] = {};
    for (const char32_t cp : line) {
      if (cp >= '0' && cp <= '9') seen[cp - '0'] = true;
    }
    digits_lost_ = std::count(std::begin(seen), std::end(seen), false) > 0;
    hash_bos_ = TokenHash("<s>");
    hash_eos_ = TokenHash("</s>");
  }

  DecodedLine Run();

 private:
  double Score(std::uint32_t u, std::uint32_t v, std::uint64_t hv, std::uint32_t w,
               std::uint64_t hw) const {
    const double lp = lm_.LogProb(u, v, w) + (w == kUnk ? model_.oov_penalty() : 0.0f);
    if (cache_ == nullptr) return lp;
    const double p = (1 - options_.cache_weight) * std::exp(lp) +
                     options_.cache_weight * cache_->Prob(hv, hw);
    return std::log(std::max(p, 1e-300));
  }
  void TokensAt(std::size_t i, std::vector<int>* out);
  void WordCandidates(std::size_t i, std::size_t size, std::vector<int>* out);
  void Push(std::size_t node, const Hyp& hyp);
  std::u32string Output(const Token& t) const;

  const SyllableModel& model_;
  const NgramModel& lm_;
  const DocumentCache* cache_;
  std::u32string_view line_;
  LostSet lost_;
  DecoderOptions options_;
  std::vector<Cell> cells_;
  std::array<std::vector<const WordEntry*>, kMaxWordLetters + 1> words_;
  std::vector<Token> tokens_;
  std::vector<std::vector<int>> groups_;  // candidate token ids per span group
  std::vector<Hyp> hyps_;
  std::vector<std::vector<int>> beams_;
  std::uint64_t hash_bos_ = 0, hash_eos_ = 0;
  bool digits_lost_ = false;  // some digit never appears in the line
};

void Decoder::WordCandidates(std::size_t i, std::size_t size, std::vector<int>* out) {
  struct Match {
    double score;
    const WordEntry* entry;
  };
  std::vector<Match> matches;
  // Letters after the first take the case of the word's literal letters.
  bool lower_literal = false;
  bool upper_inside = false;
  for (std::size_t k = 0; k < size; ++k) {
    const Cell& c = cells_[i + k];
    if (c.cls != kLetter) continue;
    lower_literal |= !c.upper;
    upper_inside |= c.upper && k > 0;
  }
  const LetterMask& inner = (upper_inside && !lower_literal) ? lost_.upper : lost_.lower;
  for (const WordEntry* e : words_[size]) {
    bool ok = true;
    for (std::size_t k = 0; k < size && ok; ++k) {
      const Cell& c = cells_[i + k];
      ok = c.cls == kLetter ? c.letter == e->letters[k]
                            : (k == 0 ? lost_.Has(e->letters[k]) : inner.Has(e->letters[k]));
    }
    if (!ok) continue;
    double score = e->unigram;
    if (cache_ != nullptr) score = std::log(std::exp(score) + cache_->Prob(0, e->key_hash));
    matches.push_back({score, e});
  }
  const std::size_t keep = std::min(matches.size(), options_.candidates);
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(keep), matches.end(),
                    [](const Match& a, const Match& b) { return a.score > b.score; });
  groups_.emplace_back();
  for (std::size_t m = 0; m < keep; ++m) {
    Token t;
    t.begin = i;
    t.end = i + size;
    t.entry = matches[m].entry;
    t.lm_id = t.entry->lm_id;
    t.hash = t.entry->key_hash;
    t.wild = true;
    t.span_group = groups_.size() - 1;
    tokens_.push_back(t);
    groups_.back().push_back(static_cast<int>(tokens_.size() - 1));
    out->push_back(static_cast<int>(tokens_.size() - 1));
  }
}

void Decoder::TokensAt(std::size_t i, std::vector<int>* out) {
  const std::size_t n = cells_.size();
  const Cell& first = cells_[i];
  if (first.cls == kDigit || first.cls == kOther) {
    Token t;
    t.begin = i;
    t.end = i + 1;
    if (first.cls == kDigit) {
      // Spaces inside a number may be lost digits; they stay spaces (no
      // model can tell which digit), but the number reads as one.
      const auto digit_or_lost = [&](std::size_t k) {
        return cells_[k].cls == kDigit || (cells_[k].cls == kSpace && digits_lost_);
      };
      while (t.end < n && digit_or_lost(t.end)) ++t.end;
      while (cells_[t.end - 1].cls == kSpace) --t.end;
      t.lm_id = kNum;
      t.hash = TokenHash("<num>");
    } else {
      const std::string s = ToUtf8(line_.substr(i, 1));
      t.lm_id = lm_.Id(s);
      t.hash = TokenHash(s);
      t.punct = true;
    }
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

void Decoder::Push(std::size_t node, const Hyp& hyp) {
  std::vector<int>& beam = beams_[node];
  for (int& id : beam) {
    Hyp& other = hyps_[static_cast<std::size_t>(id)];
    if (other.hu == hyp.hu && other.hv == hyp.hv && other.u == hyp.u && other.v == hyp.v) {
      if (hyp.score > other.score) other = hyp;
      return;
    }
  }
  if (beam.size() >= options_.beam) {
    auto worst = std::min_element(beam.begin(), beam.end(), [&](int a, int b) {
      return hyps_[static_cast<std::size_t>(a)].score < hyps_[static_cast<std::size_t>(b)].score;
    });
    if (hyps_[static_cast<std::size_t>(*worst)].score >= hyp.score) return;
    hyps_[static_cast<std::size_t>(*worst)] = hyp;
    return;
  }
  hyps_.push_back(hyp);
  beam.push_back(static_cast<int>(hyps_.size() - 1));
}

std::u32string Decoder::Output(const Token& t) const {
  std::u32string out(line_.substr(t.begin, t.end - t.begin));
  if (!t.wild) return out;
  std::size_t upper_literals = 0;
  std::size_t lower_literals = 0;
  bool upper_inside = false;
  for (std::size_t k = t.begin; k < t.end; ++k) {
    if (cells_[k].cls != kLetter) continue;
    (cells_[k].upper ? upper_literals : lower_literals) += 1;
    upper_inside |= cells_[k].upper && k > t.begin;
  }
  const bool word_upper = lower_literals == 0 && (upper_literals >= 2 || upper_inside);
  const LetterMask& inner = word_upper ? lost_.upper : lost_.lower;
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (cells_[t.begin + k].cls != kSpace) continue;
    const int id = t.entry->letters[k];
    const bool only_upper = lost_.upper.Has(id) && !lost_.lower.Has(id);
    const bool only_lower = lost_.lower.Has(id) && !lost_.upper.Has(id);
    const bool upper = k == 0 ? only_upper || (!only_lower && word_upper) : &inner == &lost_.upper;
    VietLetter letter;
    SplitLetter(LetterFromId(id), &letter);
    out[k] = ComposeLetter(letter.base, letter.tone, upper);
  }
  return out;
}

DecodedLine Decoder::Run() {
  const std::size_t n = cells_.size();
  beams_.assign(n + 1, {});
  std::size_t first_nonspace = 0;
  while (first_nonspace < n && cells_[first_nonspace].cls == kSpace) ++first_nonspace;
  std::size_t last_nonspace = n;
  while (last_nonspace > 0 && cells_[last_nonspace - 1].cls == kSpace) --last_nonspace;
  Hyp start;
  start.hu = start.hv = hash_bos_;
  hyps_.push_back(start);
  beams_[0].push_back(0);
  std::vector<int> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    if (beams_[i].empty()) continue;
    const std::vector<int> beam = beams_[i];
    if (cells_[i].cls == kSpace) {  // a space that is only a space
      const bool edge = i < first_nonspace || i >= last_nonspace;
      for (const int h : beam) {
        Hyp next = hyps_[static_cast<std::size_t>(h)];
        next.parent = h;
        next.token = -1;
        next.score -= edge ? 0.5 : options_.extra_space_cost;
        Push(i + 1, next);
      }
    }
    candidates.clear();
    TokensAt(i, &candidates);
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
      for (const int h : beam) {
        const Hyp from = hyps_[static_cast<std::size_t>(h)];  // Push may reallocate
        Hyp next;
        next.score = from.score + Score(from.u, from.v, from.hv, t.lm_id, t.hash);
        next.u = from.v;
        next.v = t.lm_id;
        next.hu = from.hv;
        next.hv = t.hash;
        next.parent = h;
        next.token = id;
        for (std::size_t k = 0; k < count; ++k) Push(targets[k], next);
      }
    }
  }
  DecodedLine result;
  result.text.assign(line_);
  if (beams_[n].empty()) return result;
  // Close every hypothesis with </s>, best first.
  std::vector<std::pair<double, int>> finals;
  for (const int h : beams_[n]) {
    const Hyp& hyp = hyps_[static_cast<std::size_t>(h)];
    finals.emplace_back(hyp.score + Score(hyp.u, hyp.v, hyp.hv, kEos, hash_eos_), h);
  }
  std::sort(finals.begin(), finals.end(), std::greater<>());
  const auto path_of = [&](int h) {
    std::vector<int> path;
    for (; h >= 0; h = hyps_[static_cast<std::size_t>(h)].parent) {
      if (hyps_[static_cast<std::size_t>(h)].token >= 0) path.push_back(hyps_[static_cast<std::size_t>(h)].token);
    }
    std::reverse(path.begin(), path.end());
    return path;
  };
  std::vector<std::vector<int>> paths;
  std::vector<double> weights;
  double total = 0;
  for (const auto& [score, h] : finals) {
    paths.push_back(path_of(h));
    weights.push_back(std::exp(score - finals.front().first));
    total += weights.back();
  }
  const std::vector<int>& best = paths.front();
  for (std::size_t k = 0; k < best.size(); ++k) {
    const Token& t = tokens_[static_cast<std::size_t>(best[k])];
    if (!t.wild) continue;
    // Segmentation posterior: the share of final hypotheses with this span.
    double agree = 0;
    for (std::size_t p = 0; p < paths.size(); ++p) {
      for (const int id : paths[p]) {
        const Token& o = tokens_[static_cast<std::size_t>(id)];
        if (o.begin == t.begin && o.end == t.end) {
          agree += weights[p];
          break;
        }
      }
    }
    // Word posterior given the span, in the best path's context.
    const Token* prev1 = k >= 1 ? &tokens_[static_cast<std::size_t>(best[k - 1])] : nullptr;
    const Token* prev2 = k >= 2 ? &tokens_[static_cast<std::size_t>(best[k - 2])] : nullptr;
    const Token* next1 = k + 1 < best.size() ? &tokens_[static_cast<std::size_t>(best[k + 1])] : nullptr;
    const Token* next2 = k + 2 < best.size() ? &tokens_[static_cast<std::size_t>(best[k + 2])] : nullptr;
    const std::uint32_t u = prev2 ? prev2->lm_id : kBos;
    const std::uint32_t v = prev1 ? prev1->lm_id : kBos;
    const std::uint64_t hv = prev1 ? prev1->hash : hash_bos_;
    std::vector<std::pair<double, int>> local;
    for (const int id : groups_[t.span_group]) {
      const Token& c = tokens_[static_cast<std::size_t>(id)];
      double s = Score(u, v, hv, c.lm_id, c.hash);
      if (next1 != nullptr) {
        s += Score(v, c.lm_id, c.hash, next1->lm_id, next1->hash);
        if (next2 != nullptr) s += Score(c.lm_id, next1->lm_id, next1->hash, next2->lm_id, next2->hash);
      } else {
        s += Score(v, c.lm_id, c.hash, kEos, hash_eos_);
      }
      local.emplace_back(s, id);
    }
    std::sort(local.begin(), local.end(), std::greater<>());
    double z = 0;
    double chosen = 0;
    for (const auto& [s, id] : local) {
      const double e = std::exp(s - local.front().first);
      z += e;
      if (id == best[k]) chosen = e;
    }
    TokenDecision d;
    d.begin = t.begin;
    d.end = t.end;
    d.output = Output(t);
    d.confidence = (z > 0 ? chosen / z : 0) * (total > 0 ? agree / total : 0);
    for (const auto& [s, id] : local) {
      if (id == best[k] || d.alternatives.size() >= 4) continue;
      d.alternatives.push_back(Output(tokens_[static_cast<std::size_t>(id)]));
    }
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

LostSet EstimateLostSet(std::u32string_view observed) {
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
    LetterMask& mask = letter.upper ? lost.upper : lost.lower;
    mask.bits[id >> 6] &= ~(std::uint64_t{1} << (id & 63));
  }
  return lost;
}

void DocumentCache::AddLine(std::string_view line) {
  std::vector<std::string> tokens;
  TokenizeLine(line, &tokens);
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

double DocumentCache::Prob(std::uint64_t v, std::uint64_t w) const {
  if (total_ == 0) return 0;
  const std::uint32_t* u = unigrams_.Find(w);
  const double p_uni = u == nullptr ? 0.0 : static_cast<double>(*u) / static_cast<double>(total_);
  const Context* c = contexts_.Find(v);
  if (c == nullptr) return p_uni;
  const std::uint32_t* b = bigrams_.Find(v * 31 + w);
  const double seen = b == nullptr ? 0.0 : static_cast<double>(*b);
  const double types = static_cast<double>(c->followers);
  return (seen + types * p_uni) / (static_cast<double>(c->count) + types);
}

DecodedLine DecodeLostCharacters(const SyllableModel& model, const DocumentCache* cache,
                                 std::u32string_view line, const LostSet& lost,
                                 const DecoderOptions& options) {
  Decoder decoder(model, cache, line, lost, options);
  return decoder.Run();
}

bool LooksDamaged(const SyllableModel& model, std::u32string_view line) {
  std::size_t words = 0;
  std::size_t fragments = 0;
  bool inner_gap = false;  // two spaces between characters
  const std::size_t n = line.size();
  std::size_t first = 0;
  while (first < n && line[first] == ' ') ++first;
  std::size_t last = n;
  while (last > first && line[last - 1] == ' ') --last;
  for (std::size_t i = first; i + 1 < last; ++i) inner_gap |= line[i] == ' ' && line[i + 1] == ' ';
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
    const bool next_to_space = (i > 0 && line[i - 1] == ' ') || (end < n && line[end] == ' ');
    if (next_to_space) {
      utf8.clear();
      for (std::size_t k = i; k < end; ++k) AppendUtf8(line[k], &utf8);
      const WordEntry* e = end - i <= kMaxWordLetters ? model.Find(LetterToken(utf8)) : nullptr;
      fragments += e == nullptr || (!e->syllable && (e->unigram < -11 || end - i == 1));
    }
    i = end;
  }
  if (fragments == 0) return false;
  return (fragments >= 2 && fragments * 5 >= words) || (inner_gap && fragments * 10 >= words);
}

}  // namespace baocao::normalize_internal
