#include "syllable_lm.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>

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

void TokenizeLine(std::string_view line, std::vector<std::string>* tokens) {
  enum Kind { kNone, kLetters, kDigits };
  Kind kind = kNone;
  std::size_t begin = 0;
  const auto flush = [&](std::size_t end) {
    if (kind == kLetters) tokens->push_back(LetterToken(line.substr(begin, end - begin)));
    if (kind == kDigits) tokens->push_back("<num>");
    kind = kNone;
  };
  for (std::size_t pos = 0; pos < line.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(line, pos, &cp);
    VietLetter letter;
    const Kind now = SplitLetter(cp, &letter) ? kLetters : IsDigit(cp) ? kDigits : kNone;
    if (now != kind) {
      flush(pos);
      kind = now;
      begin = pos;
    }
    if (now == kNone && !IsSpace(cp)) tokens->emplace_back(line.substr(pos, length));
    pos += length;
  }
  flush(line.size());
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
  std::unordered_map<std::uint64_t, double> p2;
  for (const auto& [key, count] : n2) {
    const auto v = static_cast<std::uint32_t>(key >> 32);
    const auto w = static_cast<std::uint32_t>(key & 0xFFFFFFFFu);
    const double p = (static_cast<double>(count) - Discount(d2, count)) /
                         static_cast<double>(s2[v].total) +
                     s2[v].Gamma(d2) * p1[w];
    p2[key] = p;
    model.bigrams_[key] = Bigram{static_cast<float>(std::log(p)), 0.0f};
  }
  // Trigrams from raw counts.
  std::unordered_map<std::uint64_t, ContextStats> s3;
  for (const auto& [key, count] : c3) {
    const auto [u, v, w] = split3(key);
    s3[Key2(u, v)].Add(count);
  }
  for (const auto& [key, stats] : s3) model.bigrams_[key].backoff = static_cast<float>(std::log(stats.Gamma(d3)));
  for (const auto& [key, count] : c3) {
    const auto [u, v, w] = split3(key);
    const ContextStats& stats = s3[Key2(u, v)];
    const double p = (static_cast<double>(count) - Discount(d3, count)) /
                         static_cast<double>(stats.total) +
                     stats.Gamma(d3) * p2[Key2(v, w)];
    model.trigrams_[key] = static_cast<float>(std::log(p));
  }
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

float NgramModel::LogProb(std::uint32_t u, std::uint32_t v, std::uint32_t w) const {
  if (const float* t = trigrams_.Find(Key3(u, v, w))) return *t;
  float backoff = 0;
  if (const Bigram* b = bigrams_.Find(Key2(u, v))) backoff = b->backoff;
  if (const Bigram* b = bigrams_.Find(Key2(v, w))) return backoff + b->logp;
  return backoff + uni_backoff_[v] + uni_logp_[w];
}

NgramModel::Context NgramModel::ContextOf(std::uint32_t u, std::uint32_t v) const {
  Context c;
  c.u = u;
  c.v = v;
  if (const Bigram* b = bigrams_.Find(Key2(u, v))) {
    c.has_trigrams = true;
    c.trigram_backoff = b->backoff;
  }
  c.backoff = c.trigram_backoff + uni_backoff_[v];
  return c;
}

float NgramModel::LogProb(const Context& context, std::uint32_t w) const {
  // Every trigram's last two words are a bigram of the model (Kneser-Ney
  // counts (v w) after any u), so the smaller table is asked first.
  const Bigram* b = bigrams_.Find(Key2(context.v, w));
  if (b == nullptr) return context.backoff + uni_logp_[w];
  if (context.has_trigrams) {
    if (const float* t = trigrams_.Find(Key3(context.u, context.v, w))) return *t;
  }
  return context.trigram_backoff + b->logp;
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
  // Sorted, so the same training data gives the same bytes.
  std::vector<std::pair<std::uint64_t, Bigram>> bigrams;
  bigrams_.ForEach([&](std::uint64_t k, const Bigram& b) { bigrams.emplace_back(k, b); });
  std::sort(bigrams.begin(), bigrams.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  AppendU32(static_cast<std::uint32_t>(bigrams.size()), &out);
  for (const auto& [key, b] : bigrams) {
    AppendU32(static_cast<std::uint32_t>(key >> 32), &out);
    AppendU32(static_cast<std::uint32_t>(key & 0xFFFFFFFFu), &out);
    AppendF32(b.logp, &out);
    AppendF32(b.backoff, &out);
  }
  std::vector<std::pair<std::uint64_t, float>> trigrams;
  trigrams_.ForEach([&](std::uint64_t k, float p) { trigrams.emplace_back(k, p); });
  std::sort(trigrams.begin(), trigrams.end());
  AppendU32(static_cast<std::uint32_t>(trigrams.size()), &out);
  for (const auto& [key, logp] : trigrams) {
    AppendU32(static_cast<std::uint32_t>(key >> 32), &out);
    AppendU32(static_cast<std::uint32_t>(key & 0xFFFFFFFFu), &out);
    AppendF32(logp, &out);
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
  m.bigrams_.Reserve(nb);
  for (std::uint32_t i = 0; i < nb; ++i) {
    const std::uint32_t a = r.U32();
    const std::uint32_t b = r.U32();
    Bigram bg;
    bg.logp = r.F32();
    bg.backoff = r.F32();
    if (a >= v_size || b >= v_size) r.ok = false;
    m.bigrams_[Key2(a, b)] = bg;
  }
  const std::uint32_t nt = r.U32();
  if (!r.ok || nt > (bytes.size() - r.pos) / 12) {
    *error = "truncated or bad bigrams";
    return false;
  }
  m.trigrams_.Reserve(nt);
  for (std::uint32_t i = 0; i < nt; ++i) {
    const std::uint32_t hi = r.U32();
    const std::uint32_t lo = r.U32();
    const float logp = r.F32();
    const std::uint64_t key = (std::uint64_t{hi} << 32) | lo;
    if ((key >> 42) >= v_size || ((key >> 21) & kMaxVocabulary) >= v_size ||
        (key & kMaxVocabulary) >= v_size) {
      r.ok = false;
    }
    m.trigrams_[key] = logp;
  }
  if (!r.ok) {
    *error = "truncated or bad trigrams";
    return false;
  }
  m.Index();
  *model = std::move(m);
  return true;
}

}  // namespace baocao::normalize_internal
