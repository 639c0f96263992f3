// The "ocr_tones" pass: in text read by OCR, a syllable whose hook tone
// ("ể") was read as an acute ("ế"), or the other way round, is set right when
// the syllable model finds the other reading far more likely in its context:
// "tối thiếu 97%" -> "tối thiểu 97%", "Tố chức" -> "Tổ chức". At low
// resolution the two marks differ by a few pixels, and Tesseract's `vie`
// model confuses them more than any other pair.
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

void FixLine(const SyllableModel& model, std::string_view text, std::size_t begin,
             std::size_t end, TrackedBuilder* builder) {
  const NgramModel& lm = model.lm();
  const std::vector<Token> tokens = Tokenize(lm, text, begin, end);
  std::vector<std::uint32_t> ids;
  for (const Token& t : tokens) ids.push_back(t.id);
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

}  // namespace

Status OcrTonesPass(TrackedText* text, const std::vector<TextRun>& runs,
                    const NormalizeOptions& options, std::vector<Change>* changes) {
  if (std::none_of(runs.begin(), runs.end(), [](const TextRun& r) { return r.ocr; })) {
    return Status::Ok();
  }
  const std::shared_ptr<const SyllableModel> model =
      options.model ? options.model : BuiltInSyllableModel();
  const std::size_t first_change = changes->size();
  TrackedBuilder builder(text, "ocr_tones", changes);
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
      FixLine(*model, all, line, eol, &builder);
      line = eol + 1;
    }
  }
  builder.Finish();
  for (std::size_t i = first_change; i < changes->size(); ++i) {
    (*changes)[i].review = (*changes)[i].confidence < options.review_threshold;
  }
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
