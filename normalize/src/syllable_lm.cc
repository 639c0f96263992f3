#include "syllable_lm.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>

#include "flat_hash.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

constexpr std::string_view kMagic = "BAOCAO-LM1\n";
constexpr std::uint32_t kMaxVocabulary = (1u << 21) - 1;  // Key3 packs 21 bits per id

bool IsDigit(char32_t cp) { return cp >= '0' && cp <= '9'; }
bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v' ||
         cp == 0xA0;
}

// Modified Kneser-Ney discounts D1, D2, D3+ from counts of counts.
std::array<double, 4> Discounts(const std::array<std::size_t, 5>& n) {
  std::array<double, 4> d{0, 0.5, 1.0, 1.5};
  if (n[1] == 0 || n[2] == 0) return d;
  const double y = static_cast<double>(n[1]) / static_cast<double>(n[1] + 2 * n[2]);
  const auto clamp = [](double v, double hi) { return std::clamp(v, 0.05, hi); };
  d[1] = clamp(1 - 2 * y * static_cast<double>(n[2]) / static_cast<double>(n[1]), 0.95);
  if (n[3] > 0) d[2] = clamp(2 - 3 * y * static_cast<double>(n[3]) / static_cast<double>(n[2]), 1.95);
  if (n[3] > 0 && n[4] > 0) d[3] = clamp(3 - 4 * y * static_cast<double>(n[4]) / static_cast<double>(n[3]), 2.95);
  return d;
}

double Discount(const std::array<double, 4>& d, std::size_t count) {
  return d[std::min<std::size_t>(count, 3)];
}

// Per context: total count and the number of continuations seen 1, 2, 3+ times.
struct ContextStats {
  std::size_t total = 0;
  std::array<std::size_t, 4> by_count{};  // [1], [2], [3]
  double Gamma(const std::array<double, 4>& d) const {
    if (total == 0) return 1.0;
    return (d[1] * static_cast<double>(by_count[1]) + d[2] * static_cast<double>(by_count[2]) +
            d[3] * static_cast<double>(by_count[3])) /
           static_cast<double>(total);
  }
  void Add(std::size_t count) {
    total += count;
    ++by_count[std::min<std::size_t>(count, 3)];
  }
};

template <typename Map>
std::array<std::size_t, 5> CountsOfCounts(const Map& counts) {
  std::array<std::size_t, 5> n{};
  for (const auto& [key, count] : counts) {
    if (count <= 4) ++n[count];
  }
  return n;
}

void AppendU32(std::uint32_t v, std::string* out) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void AppendF32(float f, std::string* out) {
  std::uint32_t v = 0;
  std::memcpy(&v, &f, 4);
  AppendU32(v, out);
}

struct Reader {
  std::string_view bytes;
  std::size_t pos = 0;
  bool ok = true;
  std::uint32_t U32() {
    if (pos + 4 > bytes.size()) {
      ok = false;
      return 0;
    }
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>(bytes[pos + i])} << (8 * i);
    pos += 4;
    return v;
  }
  float F32() {
    const std::uint32_t v = U32();
    float f = 0;
    std::memcpy(&f, &v, 4);
    return f;
  }
};

}  // namespace

std::string LetterToken(std::string_view letters) {
  std::string key;
  if (SyllableKey(letters, &key)) return key;
  key.clear();
  for (std::size_t pos = 0; pos < letters.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(letters, pos, &cp);
    AppendUtf8(LowerLetter(cp), &key);
  }
  return key;
}

void TokenizeLine(std::string_view line, std::vector<TokenSpan>* spans) {
  TokenSpan::Kind kind = TokenSpan::kOther;
  std::size_t begin = 0;
  bool in_run = false;
  const auto flush = [&](std::size_t end) {
    if (in_run) spans->push_back(TokenSpan{begin, end, kind});
    in_run = false;
  };
  for (std::size_t pos = 0; pos < line.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(line, pos, &cp);
    VietLetter letter;
    const bool letters = SplitLetter(cp, &letter);
    const bool digits = !letters && IsDigit(cp);
    const TokenSpan::Kind now = letters ? TokenSpan::kLetters : digits ? TokenSpan::kDigits : TokenSpan::kOther;
    if (!in_run || now != kind || now == TokenSpan::kOther) {
      flush(pos);
      if (now != TokenSpan::kOther || !IsSpace(cp)) {
        in_run = true;
        kind = now;
        begin = pos;
      }
    }
    pos += length;
  }
  flush(line.size());
}

void TokenizeLine(std::string_view line, std::vector<std::string>* tokens) {
  std::vector<TokenSpan> spans;
  TokenizeLine(line, &spans);
  for (const TokenSpan& span : spans) {
    const std::string_view text = line.substr(span.begin, span.end - span.begin);
    if (span.kind == TokenSpan::kLetters) {
      tokens->push_back(LetterToken(text));
    } else if (span.kind == TokenSpan::kDigits) {
      tokens->push_back("<num>");
    } else {
      tokens->emplace_back(text);
    }
  }
}

void SplitAtForeignWords(std::string_view line, const std::unordered_set<std::string>& syllables,
                         std::vector<std::string>* pieces) {
  std::size_t piece_begin = 0;
  bool piece_has_letters = false;
  const auto flush = [&](std::size_t end) {
    if (piece_has_letters) pieces->emplace_back(line.substr(piece_begin, end - piece_begin));
    piece_has_letters = false;
  };
  for (std::size_t pos = 0; pos < line.size();) {
    char32_t cp = 0;
    std::size_t length = DecodeUtf8(line, pos, &cp);
    VietLetter letter;
    if (!SplitLetter(cp, &letter)) {
      pos += length;
      continue;
    }
    const std::size_t word_begin = pos;
    while (pos < line.size() && SplitLetter(cp, &letter)) {
      pos += length;
      if (pos < line.size()) length = DecodeUtf8(line, pos, &cp);
    }
    if (syllables.count(LetterToken(line.substr(word_begin, pos - word_begin))) != 0) {
      piece_has_letters = true;
      continue;
    }
    flush(word_begin);
    piece_begin = pos;
  }
  flush(line.size());
}

std::string CleanTrainingText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool roff = text.find("\n.TH ") != std::string_view::npos || text.rfind(".TH ", 0) == 0 ||
              text.find("\n.SH") != std::string_view::npos;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (line_start) {
      line_start = false;
      // Skip corpus block markers and roff requests; strip heading marks.
      if (text.compare(i, 3, ":::") == 0 || c == '@' || (roff && (c == '.' || c == '\''))) {
        std::size_t eol = text.find('\n', i);
        if (eol == std::string_view::npos) eol = text.size();
        // A roff macro's arguments are text too (.SH NAME, .B word).
        if (roff && c == '.') {
          std::size_t space = text.find(' ', i);
          if (space != std::string_view::npos && space < eol) {
            out.append(text.substr(space + 1, eol - space - 1));
          }
        }
        out.push_back('\n');
        i = eol + 1;
        line_start = true;
        continue;
      }
      while (i < text.size() && text[i] == '#') ++i;
      continue;
    }
    if (c == '\n') {
      out.push_back('\n');
      line_start = true;
      ++i;
    } else if (c == '<') {  // an HTML tag: a sentence break for block tags
      const std::size_t close = text.find('>', i);
      if (close == std::string_view::npos) {
        ++i;
        continue;
      }
      const std::string_view tag = text.substr(i + 1, close - i - 1);
      const bool inline_tag = tag.rfind("span", 0) == 0 || tag.rfind("/span", 0) == 0 ||
                              tag.rfind("a ", 0) == 0 || tag == "/a" || tag == "b" || tag == "/b" ||
                              tag == "i" || tag == "/i" || tag.rfind("em", 0) == 0 ||
                              tag.rfind("/em", 0) == 0 || tag.rfind("strong", 0) == 0 ||
                              tag.rfind("/strong", 0) == 0;
      out.push_back(inline_tag ? ' ' : '\n');
      i = close + 1;
    } else if (c == '&') {  // an entity
      const std::size_t semi = text.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view entity = text.substr(i, semi - i + 1);
        if (entity == "&amp;") out.push_back('&');
        else if (entity == "&lt;") out.push_back('<');
        else if (entity == "&gt;") out.push_back('>');
        else if (entity == "&quot;") out.push_back('"');
        else out.push_back(' ');
        i = semi + 1;
      } else {
        out.push_back(c);
        ++i;
      }
    } else if (c == '|') {
      out.push_back('\n');
      ++i;
    } else if (c == '[' && i + 1 < text.size() && text[i + 1] == '^') {  // [^N] footnote marks
      const std::size_t close = text.find(']', i);
      i = close == std::string_view::npos ? i + 1 : close + 1;
    } else if (roff && c == '\\' && i + 1 < text.size()) {  // \fB, \-, \(em ...
      const char e = text[i + 1];
      if (e == 'f' && i + 2 < text.size()) {
        i += 3;
      } else if (e == '(') {
        i += 4;
        out.push_back(' ');
      } else if (e == '-') {
        out.push_back('-');
        i += 2;
      } else {
        i += 2;
      }
    } else {
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

NgramModel NgramModel::Train(const std::vector<std::string>& lines, int min_count) {
  // Tokens and vocabulary.
  std::vector<std::vector<std::string>> sentences;
  std::map<std::string, std::size_t> frequency;
  for (const std::string& line : lines) {
    std::vector<std::string> tokens;
    TokenizeLine(line, &tokens);
    if (tokens.empty()) continue;
    for (const std::string& t : tokens) ++frequency[t];
    sentences.push_back(std::move(tokens));
  }
  NgramModel model;
  model.vocab_ = {"<s>", "</s>", "<unk>", "<num>"};
  for (const auto& [token, count] : frequency) {
    if (token == "<num>" || count < static_cast<std::size_t>(std::max(1, min_count))) continue;
    if (model.vocab_.size() >= kMaxVocabulary) break;
    model.vocab_.push_back(token);
  }
  model.Index();
  const std::uint32_t v_size = model.size();

  // Trigram counts over padded sentences.
  std::unordered_map<std::uint64_t, std::size_t> c3;
  for (const auto& sentence : sentences) {
    std::uint32_t u = kBos;
    std::uint32_t v = kBos;
    for (std::size_t i = 0; i <= sentence.size(); ++i) {
      const std::uint32_t w = i < sentence.size() ? model.Id(sentence[i]) : kEos;
      ++c3[Key3(u, v, w)];
      u = v;
      v = w;
    }
  }
  const auto split3 = [](std::uint64_t k) {
    return std::array<std::uint32_t, 3>{static_cast<std::uint32_t>(k >> 42),
                                        static_cast<std::uint32_t>((k >> 21) & kMaxVocabulary),
                                        static_cast<std::uint32_t>(k & kMaxVocabulary)};
  };
  // Continuation counts: N1+(. v w) and N1+(. w).
  std::unordered_map<std::uint64_t, std::size_t> n2;  // (v, w) -> distinct u
  for (const auto& [key, count] : c3) {
    const auto [u, v, w] = split3(key);
    ++n2[Key2(v, w)];
  }
  std::vector<std::size_t> n1(v_size, 0);  // w -> distinct v
  for (const auto& [key, count] : n2) ++n1[static_cast<std::uint32_t>(key & 0xFFFFFFFFu)];

  const std::array<double, 4> d3 = Discounts(CountsOfCounts(c3));
  const std::array<double, 4> d2 = Discounts(CountsOfCounts(n2));
  std::array<std::size_t, 5> cc1{};
  for (std::size_t c : n1) {
    if (c >= 1 && c <= 4) ++cc1[c];
  }
  const std::array<double, 4> d1 = Discounts(cc1);

  // Unigrams: discounted continuation counts plus a uniform share.
  ContextStats s1;
  for (std::size_t c : n1) {
    if (c > 0) s1.Add(c);
  }
  const double gamma1 = s1.Gamma(d1);
  std::vector<double> p1(v_size);
  for (std::uint32_t w = 0; w < v_size; ++w) {
    const double seen = n1[w] > 0 ? std::max(0.0, static_cast<double>(n1[w]) - Discount(d1, n1[w])) : 0.0;
    p1[w] = seen / static_cast<double>(std::max<std::size_t>(1, s1.total)) +
            gamma1 / static_cast<double>(v_size - 1);  // <s> is never predicted
  }
  p1[kBos] = 0;
  // Bigrams from continuation counts.
  std::vector<ContextStats> s2(v_size);
  for (const auto& [key, count] : n2) s2[static_cast<std::uint32_t>(key >> 32)].Add(count);
  model.uni_logp_.assign(v_size, 0);
  model.uni_backoff_.assign(v_size, 0);
  for (std::uint32_t w = 0; w < v_size; ++w) {
    model.uni_logp_[w] = p1[w] > 0 ? static_cast<float>(std::log(p1[w])) : -99.0f;
    model.uni_backoff_[w] = static_cast<float>(std::log(s2[w].total > 0 ? s2[w].Gamma(d2) : 1.0));
  }
  FlatHash<Bigram> bigrams;
  FlatHash<float> trigrams;
  std::unordered_map<std::uint64_t, double> p2;
  for (const auto& [key, count] : n2) {
    const auto v = static_cast<std::uint32_t>(key >> 32);
    const auto w = static_cast<std::uint32_t>(key & 0xFFFFFFFFu);
    const double p = (static_cast<double>(count) - Discount(d2, count)) /
                         static_cast<double>(s2[v].total) +
                     s2[v].Gamma(d2) * p1[w];
    p2[key] = p;
    bigrams[key] = Bigram{static_cast<float>(std::log(p)), 0.0f};
  }
  // Trigrams from raw counts.
  std::unordered_map<std::uint64_t, ContextStats> s3;
  for (const auto& [key, count] : c3) {
    const auto [u, v, w] = split3(key);
    s3[Key2(u, v)].Add(count);
  }
  for (const auto& [key, stats] : s3) bigrams[key].backoff = static_cast<float>(std::log(stats.Gamma(d3)));
  for (const auto& [key, count] : c3) {
    const auto [u, v, w] = split3(key);
    const ContextStats& stats = s3[Key2(u, v)];
    const double p = (static_cast<double>(count) - Discount(d3, count)) /
                         static_cast<double>(stats.total) +
                     stats.Gamma(d3) * p2[Key2(v, w)];
    trigrams[key] = static_cast<float>(std::log(p));
  }
  std::vector<std::pair<std::uint64_t, Bigram>> bigram_list;
  bigrams.ForEach([&](std::uint64_t k, const Bigram& b) { bigram_list.emplace_back(k, b); });
  std::vector<std::pair<std::uint64_t, float>> trigram_list;
  trigrams.ForEach([&](std::uint64_t k, float p) { trigram_list.emplace_back(k, p); });
  // Every trigram context (u v) got a bigram entry for its backoff above.
  model.Store(std::move(bigram_list), std::move(trigram_list));
  return model;
}

void NgramModel::Index() {
  ids_.clear();
  ids_.reserve(vocab_.size());
  for (std::uint32_t i = 0; i < vocab_.size(); ++i) ids_.emplace(vocab_[i], i);
}

std::uint32_t NgramModel::Id(std::string_view token) const {
  const auto it = ids_.find(token);
  return it == ids_.end() ? kUnk : it->second;
}

bool NgramModel::Store(std::vector<std::pair<std::uint64_t, Bigram>> bigrams,
                       std::vector<std::pair<std::uint64_t, float>> trigrams) {
  const auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(bigrams.begin(), bigrams.end(), by_key);
  std::sort(trigrams.begin(), trigrams.end(), by_key);
  const std::uint32_t v_size = size();
  bigram_begin_.assign(v_size + 1, 0);
  bigram_next_.clear();
  bigram_values_.clear();
  bigram_next_.reserve(bigrams.size());
  bigram_values_.reserve(bigrams.size());
  for (std::size_t j = 0; j < bigrams.size(); ++j) {
    const auto v = static_cast<std::uint32_t>(bigrams[j].first >> 32);
    const auto w = static_cast<std::uint32_t>(bigrams[j].first & 0xFFFFFFFFu);
    if (v >= v_size || w >= v_size || (j > 0 && bigrams[j - 1].first == bigrams[j].first)) return false;
    ++bigram_begin_[v + 1];
    bigram_next_.push_back(w);
    bigram_values_.push_back(bigrams[j].second);
  }
  for (std::uint32_t v = 0; v < v_size; ++v) bigram_begin_[v + 1] += bigram_begin_[v];
  IndexFollowers();
  // Trigrams sorted by key are sorted by their context bigram, as the bigrams are.
  trigram_begin_.assign(bigram_next_.size() + 1, 0);
  trigram_next_.clear();
  trigram_logp_.clear();
  trigram_next_.reserve(trigrams.size());
  trigram_logp_.reserve(trigrams.size());
  for (std::size_t t = 0; t < trigrams.size(); ++t) {
    const std::uint64_t key = trigrams[t].first;
    const auto u = static_cast<std::uint32_t>(key >> 42);
    const auto v = static_cast<std::uint32_t>((key >> 21) & kMaxVocabulary);
    const auto w = static_cast<std::uint32_t>(key & kMaxVocabulary);
    if (u >= v_size || v >= v_size || w >= v_size || (t > 0 && trigrams[t - 1].first == key)) return false;
    const std::uint32_t context = FindBigram(u, v);
    // LogProb asks for the bigram (v w) before the trigram.
    if (context == kAbsent || FindBigram(v, w) == kAbsent) return false;
    ++trigram_begin_[context + 1];
    trigram_next_.push_back(w);
    trigram_logp_.push_back(trigrams[t].second);
  }
  for (std::size_t j = 0; j < bigram_next_.size(); ++j) trigram_begin_[j + 1] += trigram_begin_[j];
  return true;
}

void NgramModel::IndexFollowers() {
  follower_bits_.clear();
  follower_row_words_ = (size() + 63) / 64;
  // 8 MB at most: a vocabulary of about 8000 words.
  if (std::size_t{size()} * follower_row_words_ > (std::size_t{1} << 20)) return;
  follower_bits_.assign(size() * follower_row_words_, 0);
  follower_rank_.assign(follower_bits_.size(), 0);
  for (std::uint32_t v = 0; v < size(); ++v) {
    for (std::uint32_t j = bigram_begin_[v]; j < bigram_begin_[v + 1]; ++j) {
      const std::uint32_t w = bigram_next_[j];
      follower_bits_[v * follower_row_words_ + w / 64] |= std::uint64_t{1} << (w % 64);
    }
    std::uint32_t before = 0;
    for (std::size_t k = v * follower_row_words_; k < (v + 1) * follower_row_words_; ++k) {
      follower_rank_[k] = before;
      before += static_cast<std::uint32_t>(std::popcount(follower_bits_[k]));
    }
  }
}

std::uint32_t NgramModel::FindBigram(std::uint32_t v, std::uint32_t w) const {
  if (!follower_bits_.empty()) {
    // Followers are stored in ascending order: (v w) is at w's rank in the row.
    const std::size_t k = v * follower_row_words_ + w / 64;
    const std::uint64_t below = (std::uint64_t{1} << (w % 64)) - 1;
    if (((follower_bits_[k] >> (w % 64)) & 1) == 0) return kAbsent;
    return bigram_begin_[v] + follower_rank_[k] + static_cast<std::uint32_t>(std::popcount(follower_bits_[k] & below));
  }
  const auto first = bigram_next_.begin() + bigram_begin_[v];
  const auto last = bigram_next_.begin() + bigram_begin_[v + 1];
  const auto it = std::lower_bound(first, last, w);
  return it != last && *it == w ? static_cast<std::uint32_t>(it - bigram_next_.begin()) : kAbsent;
}

std::uint32_t NgramModel::FindTrigram(std::uint32_t begin, std::uint32_t end, std::uint32_t w) const {
  const auto first = trigram_next_.begin() + begin;
  const auto last = trigram_next_.begin() + end;
  const auto it = std::lower_bound(first, last, w);
  return it != last && *it == w ? static_cast<std::uint32_t>(it - trigram_next_.begin()) : kAbsent;
}

float NgramModel::LogProb(std::uint32_t u, std::uint32_t v, std::uint32_t w) const {
  return LogProb(ContextOf(u, v), w);
}

NgramModel::Context NgramModel::ContextOf(std::uint32_t u, std::uint32_t v) const {
  Context c;
  c.u = u;
  c.v = v;
  const std::uint32_t j = FindBigram(u, v);
  if (j != kAbsent) {
    c.has_trigrams = true;
    c.trigram_backoff = bigram_values_[j].backoff;
    c.trigrams_begin = trigram_begin_[j];
    c.trigrams_end = trigram_begin_[j + 1];
  }
  c.backoff = c.trigram_backoff + uni_backoff_[v];
  return c;
}

float NgramModel::LogProb(const Context& context, std::uint32_t w) const {
  return LogProb(context, FollowerOf(context.v, w));
}

float NgramModel::LogProb(const Context& context, const Follower& follower) const {
  // Every trigram's last two words are a bigram of the model (Kneser-Ney
  // counts (v w) after any u; Store checks it), so without the bigram
  // there is no trigram either.
  if (follower.bigram == kAbsent) return context.backoff + uni_logp_[follower.w];
  if (context.has_trigrams) {
    const std::uint32_t t = FindTrigram(context.trigrams_begin, context.trigrams_end, follower.w);
    if (t != kAbsent) return trigram_logp_[t];
  }
  return context.trigram_backoff + bigram_values_[follower.bigram].logp;
}

std::string NgramModel::Serialize() const {
  std::string out(kMagic);
  AppendU32(size(), &out);
  for (const std::string& token : vocab_) {
    out += token;
    out.push_back('\0');
  }
  for (std::uint32_t w = 0; w < size(); ++w) {
    AppendF32(uni_logp_[w], &out);
    AppendF32(uni_backoff_[w], &out);
  }
  // In key order (the tables' own order), so the same training data gives the same bytes.
  AppendU32(static_cast<std::uint32_t>(bigram_count()), &out);
  for (std::uint32_t v = 0; v < size(); ++v) {
    for (std::uint32_t j = bigram_begin_[v]; j < bigram_begin_[v + 1]; ++j) {
      AppendU32(v, &out);
      AppendU32(bigram_next_[j], &out);
      AppendF32(bigram_values_[j].logp, &out);
      AppendF32(bigram_values_[j].backoff, &out);
    }
  }
  AppendU32(static_cast<std::uint32_t>(trigram_count()), &out);
  for (std::uint32_t u = 0; u < size(); ++u) {
    for (std::uint32_t j = bigram_begin_[u]; j < bigram_begin_[u + 1]; ++j) {
      for (std::uint32_t t = trigram_begin_[j]; t < trigram_begin_[j + 1]; ++t) {
        const std::uint64_t key = Key3(u, bigram_next_[j], trigram_next_[t]);
        AppendU32(static_cast<std::uint32_t>(key >> 32), &out);
        AppendU32(static_cast<std::uint32_t>(key & 0xFFFFFFFFu), &out);
        AppendF32(trigram_logp_[t], &out);
      }
    }
  }
  return out;
}

bool NgramModel::Parse(std::string_view bytes, NgramModel* model, std::string* error) {
  if (bytes.substr(0, kMagic.size()) != kMagic) {
    *error = "not a baocao syllable model (bad magic)";
    return false;
  }
  Reader r{bytes, kMagic.size()};
  NgramModel m;
  const std::uint32_t v_size = r.U32();
  if (!r.ok || v_size < 4 || v_size > kMaxVocabulary) {
    *error = "bad vocabulary size";
    return false;
  }
  m.vocab_.reserve(v_size);
  for (std::uint32_t i = 0; i < v_size; ++i) {
    const std::size_t nul = bytes.find('\0', r.pos);
    if (nul == std::string_view::npos) {
      *error = "truncated vocabulary";
      return false;
    }
    m.vocab_.emplace_back(bytes.substr(r.pos, nul - r.pos));
    r.pos = nul + 1;
  }
  m.uni_logp_.resize(v_size);
  m.uni_backoff_.resize(v_size);
  for (std::uint32_t w = 0; w < v_size; ++w) {
    m.uni_logp_[w] = r.F32();
    m.uni_backoff_[w] = r.F32();
  }
  const std::uint32_t nb = r.U32();
  if (!r.ok || nb > (bytes.size() - r.pos) / 16) {
    *error = "truncated bigrams";
    return false;
  }
  std::vector<std::pair<std::uint64_t, Bigram>> bigrams(nb);
  for (auto& [key, bg] : bigrams) {
    const std::uint32_t a = r.U32();
    const std::uint32_t b = r.U32();
    bg.logp = r.F32();
    bg.backoff = r.F32();
    key = Key2(a, b);
  }
  const std::uint32_t nt = r.U32();
  if (!r.ok || nt > (bytes.size() - r.pos) / 12) {
    *error = "truncated or bad bigrams";
    return false;
  }
  std::vector<std::pair<std::uint64_t, float>> trigrams(nt);
  for (auto& [key, logp] : trigrams) {
    const std::uint32_t hi = r.U32();
    const std::uint32_t lo = r.U32();
    logp = r.F32();
    key = (std::uint64_t{hi} << 32) | lo;
  }
  if (!r.ok || !m.Store(std::move(bigrams), std::move(trigrams))) {
    *error = "truncated or bad n-grams";
    return false;
  }
  m.Index();
  *model = std::move(m);
  return true;
}

}  // namespace baocao::normalize_internal
