// Passes over text read by OCR, where Tesseract makes its own kinds of
// mistakes:
// "ocr_tones": a syllable whose hook tone ("ể") was read as an acute ("ế"),
// or the other way round, is set right when the syllable model finds the
// other reading far more likely in its context: "tối thiếu 97%" -> "tối
// thiểu 97%", "Tố chức" -> "Tổ chức". At low resolution the two marks differ
// by a few pixels, and Tesseract's `vie` model confuses them more than any
// other pair.
// "ocr_spaces": two syllables read as one word, the space between them lost
// ("Báo cáosố" -> "Báo cáo số", "BC-UBNDngày" -> "BC-UBND ngày"), are split
// where the halves are syllables or a capitals abbreviation and the model
// finds the split far likelier than an unknown word.
#include <algorithm>
#include <cmath>

#include "passes.h"
#include "syllable_model.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

// A token of a line: a word of letters, a number or one other character.
struct Token {
  std::size_t begin = 0, end = 0;  // bytes of the text
  std::uint32_t id = kUnk;
  bool word = false;
};

bool LetterAt(std::string_view text, std::size_t pos, std::size_t* length, VietLetter* letter) {
  char32_t cp = 0;
  *length = DecodeUtf8(text, pos, &cp);
  return SplitLetter(cp, letter);
}

std::vector<Token> Tokenize(const NgramModel& lm, std::string_view text, std::size_t begin,
                            std::size_t end) {
  std::vector<Token> tokens;
  for (std::size_t pos = begin; pos < end;) {
    std::size_t length = 0;
    VietLetter letter;
    const char c = text[pos];
    if (LetterAt(text, pos, &length, &letter)) {
      Token t{pos, pos, kUnk, true};
      while (t.end < end && LetterAt(text, t.end, &length, &letter)) t.end += length;
      t.id = lm.Id(LetterToken(text.substr(t.begin, t.end - t.begin)));
      tokens.push_back(t);
      pos = t.end;
    } else if (c >= '0' && c <= '9') {
      Token t{pos, pos + 1, kNum, false};
      while (t.end < end && ((text[t.end] >= '0' && text[t.end] <= '9') ||
                             ((text[t.end] == '.' || text[t.end] == ',') && t.end + 1 < end &&
                              text[t.end + 1] >= '0' && text[t.end + 1] <= '9'))) {
        ++t.end;
      }
      tokens.push_back(t);
      pos = t.end;
    } else if (c == ' ' || c == '\t') {
      pos += 1;
    } else {
      tokens.push_back({pos, pos + length, lm.Id(text.substr(pos, length)), false});
      pos += length;
    }
  }
  return tokens;
}

std::vector<std::uint32_t> IdsOf(const std::vector<Token>& tokens) {
  std::vector<std::uint32_t> ids;
  ids.reserve(tokens.size());
  for (const Token& t : tokens) ids.push_back(t.id);
  return ids;
}

// `word` with its acute tone made a hook or its hook an acute; empty if it
// has neither, or more than one toned letter.
std::string OtherReading(std::string_view word) {
  std::string out;
  int toned = 0;
  for (std::size_t pos = 0; pos < word.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(word, pos, &cp);
    VietLetter letter;
    if (SplitLetter(cp, &letter) && letter.tone != kNoTone) {
      ++toned;
      if (letter.tone == kSac || letter.tone == kHoi) {
        cp = ComposeLetter(letter.base, letter.tone == kSac ? kHoi : kSac, letter.upper);
      } else {
        return "";
      }
    }
    AppendUtf8(cp, &out);
  }
  return toned == 1 ? out : "";
}

// ln P of the tokens around position i with `w` at i: the trigrams that hold it.
double Around(const NgramModel& lm, const std::vector<std::uint32_t>& ids, std::size_t i,
              std::uint32_t w) {
  const auto id = [&](std::ptrdiff_t k) -> std::uint32_t {
    if (k < 0) return kBos;
    if (static_cast<std::size_t>(k) >= ids.size()) return kEos;
    return static_cast<std::size_t>(k) == i ? w : ids[static_cast<std::size_t>(k)];
  };
  const auto k = static_cast<std::ptrdiff_t>(i);
  double score = static_cast<double>(lm.LogProb(id(k - 2), id(k - 1), w));
  score += static_cast<double>(lm.LogProb(id(k - 1), w, id(k + 1)));
  if (k + 1 < static_cast<std::ptrdiff_t>(ids.size())) score += static_cast<double>(lm.LogProb(w, id(k + 1), id(k + 2)));
  return score;
}

// How much likelier (in nats) the other reading must be: a wrong change costs
// more than a missed one.
constexpr double kMinGain = 3.0;

void FixTones(const SyllableModel& model, std::string_view text, std::size_t begin,
              std::size_t end, TrackedBuilder* builder) {
  const NgramModel& lm = model.lm();
  const std::vector<Token> tokens = Tokenize(lm, text, begin, end);
  std::vector<std::uint32_t> ids = IdsOf(tokens);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.word) continue;
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    const std::string other = OtherReading(word);
    if (other.empty() || !IsVietnameseSyllable(other)) continue;
    const std::uint32_t other_id = lm.Id(LetterToken(other));
    if (other_id == kUnk) continue;
    const double seen = Around(lm, ids, i, t.id) + (t.id == kUnk ? static_cast<double>(model.oov_penalty()) : 0.0);
    const double gain = Around(lm, ids, i, other_id) - seen;
    if (gain < kMinGain) continue;
    // The posterior of the other reading between the two.
    const double confidence = 1.0 / (1.0 + std::exp(-gain));
    builder->Replace(t.begin, t.end, other, confidence);
    ids[i] = other_id;
  }
}

// A word OCR glued from two: where it splits and how sure the split is.
struct GlueSplit {
  std::size_t at = 0;  // byte offset in the word; 0: no split
  double confidence = 0;
};

// The letters of `word` with their byte offsets; false if one is not a letter.
bool Letters(std::string_view word, std::vector<std::pair<std::size_t, VietLetter>>* out) {
  for (std::size_t pos = 0; pos < word.size();) {
    std::size_t length = 0;
    VietLetter letter;
    if (!LetterAt(word, pos, &length, &letter)) return false;
    out->push_back({pos, letter});
    pos += length;
  }
  return true;
}

bool AllUpper(const std::vector<std::pair<std::size_t, VietLetter>>& letters, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (!letters[i].second.upper) return false;
  }
  return true;
}

bool AllLower(const std::vector<std::pair<std::size_t, VietLetter>>& letters, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i) {
    if (letters[i].second.upper) return false;
  }
  return true;
}

// A capitals abbreviation against a lowercase syllable is a split OCR lost
// for certain: "UBNDngày", "TừUBND". Nothing when the case never turns.
GlueSplit SplitAtCaseTurn(std::string_view word, const std::vector<std::pair<std::size_t, VietLetter>>& letters) {
  constexpr double kCaseTurnConfidence = 0.95;
  const std::size_t n = letters.size();
  for (std::size_t k = 2; k + 2 <= n; ++k) {
    const bool upper_then_lower = AllUpper(letters, 0, k) && AllLower(letters, k, n);
    if (upper_then_lower && IsVietnameseSyllable(word.substr(letters[k].first))) {
      return {letters[k].first, kCaseTurnConfidence};
    }
  }
  // The syllable before the capitals has a lowercase letter: "TừUBND", never
  // "U|BTVQH".
  for (std::size_t k = 2; k + 2 <= n; ++k) {
    const bool lower_then_upper = AllLower(letters, 1, k) && AllUpper(letters, k, n);
    if (lower_then_upper && IsVietnameseSyllable(word.substr(0, letters[k].first))) {
      return {letters[k].first, kCaseTurnConfidence};
    }
  }
  return {};
}

// Two syllables of at least two letters each, where the model prefers the
// pair to one unknown word by kMinGain nats in context (`ids`, the word at i).
GlueSplit SplitBySyllables(const SyllableModel& model, std::string_view word,
                           const std::vector<std::pair<std::size_t, VietLetter>>& letters,
                           const std::vector<std::uint32_t>& ids, std::size_t i) {
  const NgramModel& lm = model.lm();
  if (!AllLower(letters, 1, letters.size())) return {};
  const auto id = [&](std::ptrdiff_t k) -> std::uint32_t {
    if (k < 0) return kBos;
    if (static_cast<std::size_t>(k) >= ids.size()) return kEos;
    return ids[static_cast<std::size_t>(k)];
  };
  const auto at = static_cast<std::ptrdiff_t>(i);
  const std::uint32_t p2 = id(at - 2), p1 = id(at - 1), n1 = id(at + 1), n2 = id(at + 2);
  const double keep = static_cast<double>(lm.LogProb(p2, p1, kUnk)) + static_cast<double>(model.oov_penalty()) +
                      static_cast<double>(lm.LogProb(p1, kUnk, n1)) + static_cast<double>(lm.LogProb(kUnk, n1, n2));
  GlueSplit best;
  double best_gain = kMinGain;
  for (std::size_t k = 2; k + 2 <= letters.size(); ++k) {
    const std::string_view left = word.substr(0, letters[k].first);
    const std::string_view right = word.substr(letters[k].first);
    if (!IsVietnameseSyllable(left) || !IsVietnameseSyllable(right)) continue;
    const std::uint32_t l = lm.Id(LetterToken(left)), r = lm.Id(LetterToken(right));
    if (l == kUnk || r == kUnk) continue;
    const double split = static_cast<double>(lm.LogProb(p2, p1, l)) + static_cast<double>(lm.LogProb(p1, l, r)) +
                         static_cast<double>(lm.LogProb(l, r, n1)) + static_cast<double>(lm.LogProb(r, n1, n2));
    if (split - keep > best_gain) {
      best_gain = split - keep;
      best = {letters[k].first, 1.0 / (1.0 + std::exp(-(split - keep)))};
    }
  }
  return best;
}

void SplitGluedWords(const SyllableModel& model, std::string_view text, std::size_t begin, std::size_t end,
                     TrackedBuilder* builder) {
  const NgramModel& lm = model.lm();
  const std::vector<Token> tokens = Tokenize(lm, text, begin, end);
  std::vector<std::uint32_t> ids = IdsOf(tokens);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!t.word || t.id != kUnk) continue;  // a word the model knows is no glue
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    std::vector<std::pair<std::size_t, VietLetter>> letters;
    if (!Letters(word, &letters) || letters.size() < 4 || IsVietnameseSyllable(word)) continue;
    GlueSplit split = SplitAtCaseTurn(word, letters);
    if (split.at == 0) split = SplitBySyllables(model, word, letters, ids, i);
    if (split.at == 0) continue;
    const std::string after = std::string(word.substr(0, split.at)) + " " + std::string(word.substr(split.at));
    builder->Replace(t.begin + split.at, t.begin + split.at, " ", split.confidence, {}, /*record=*/false);
    builder->Record(t.begin, t.end, after, split.confidence, {});
  }
}

}  // namespace

namespace {

using LineFixer = void (*)(const SyllableModel&, std::string_view, std::size_t, std::size_t, TrackedBuilder*);

// Runs `fix` over every line of the runs read by OCR, as pass `pass`.
Status FixOcrLines(TrackedText* text, const std::vector<TextRun>& runs, const NormalizeOptions& options,
                   std::string_view pass, LineFixer fix, std::vector<Change>* changes) {
  if (std::none_of(runs.begin(), runs.end(), [](const TextRun& r) { return r.ocr; })) {
    return Status::Ok();
  }
  const std::shared_ptr<const SyllableModel> model = ModelOf(options);
  const std::size_t first_change = changes->size();
  TrackedBuilder builder(text, pass, changes);
  const std::string_view all = text->text;
  // The OCR runs in offsets of the text as it is now.
  for (const TextRun& run : runs) {
    if (!run.ocr) continue;
    const auto first = std::lower_bound(text->source.begin(), text->source.end() - 1, run.span.begin);
    const auto last = std::lower_bound(text->source.begin(), text->source.end() - 1, run.span.end);
    const auto b = static_cast<std::size_t>(first - text->source.begin());
    const auto e = static_cast<std::size_t>(last - text->source.begin());
    for (std::size_t line = b; line < e;) {
      std::size_t eol = all.find('\n', line);
      if (eol == std::string_view::npos || eol > e) eol = e;
      fix(*model, all, line, eol, &builder);
      line = eol + 1;
    }
  }
  builder.Finish();
  for (std::size_t i = first_change; i < changes->size(); ++i) {
    (*changes)[i].review = (*changes)[i].confidence < options.review_threshold;
  }
  return Status::Ok();
}

}  // namespace

Status OcrTonesPass(TrackedText* text, const std::vector<TextRun>& runs,
                    const NormalizeOptions& options, std::vector<Change>* changes) {
  return FixOcrLines(text, runs, options, "ocr_tones", &FixTones, changes);
}

Status OcrSpacesPass(TrackedText* text, const std::vector<TextRun>& runs,
                     const NormalizeOptions& options, std::vector<Change>* changes) {
  return FixOcrLines(text, runs, options, "ocr_spaces", &SplitGluedWords, changes);
}

}  // namespace baocao::normalize_internal
