// The "split_syllables" pass: a stray space inside a syllable ("huy ện",
// "đ ầu") is removed when the halves are not both syllables and the join is.
#include "flat_hash.h"
#include "lost_chars.h"
#include "passes.h"
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

// On a line that lost characters only pairs of two fragments are joined,
// and only between whole words: "c a" may be "của", but "đ ầu" can only
// be "đầu". A stray space is a lone defect, while lost characters leave
// fragments and runs of spaces all around: "th c hi n" is "thực hiện",
// "T ần G áo" is "Tuần Giáo", not "th chi n" or "Tần G áo".
void SplitLine(KnownWords& known, std::string_view text, std::size_t begin, std::size_t end,
               bool damaged, TrackedBuilder* builder) {
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
  const LostSet lost = damaged ? EstimateLostSet(ToU32(text.substr(begin, end - begin))) : LostSet();
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
  for (std::size_t i = 0; i + 1 < runs.size(); ++i) {
    const Run a = runs[i];
    const Run b = runs[i + 1];
    if (b.begin != a.end + 1 || text[a.end] != ' ') continue;
    // Not glued to other characters ("UBND-huy ện" is left alone).
    if (a.begin > begin && text[a.begin - 1] != ' ') continue;
    if (b.end < end && text[b.end] != ' ' && text[b.end] != ',' && text[b.end] != '.' &&
        text[b.end] != ';' && text[b.end] != ':') {
      continue;
    }
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
    const double confidence = (!left_known && !right_known) ? 0.95 : 0.9;
    builder->Replace(a.begin, b.end, joined, confidence);
    ++i;  // the right half is used up
  }
}

}  // namespace

Status SplitSyllablesPass(TrackedText* text, const NormalizeOptions& options, DamagedLines* damaged_lines,
                          std::vector<Change>* changes) {
  const std::shared_ptr<const SyllableModel> model =
      options.model ? options.model : BuiltInSyllableModel();
  TrackedBuilder builder(text, "split_syllables", changes);
  KnownWords known(*model);
  const std::string_view all = text->text;
  for (std::size_t begin = 0; begin <= all.size();) {
    std::size_t eol = all.find('\n', begin);
    if (eol == std::string_view::npos) eol = all.size();
    const std::string_view line = all.substr(begin, eol - begin);
    if (line.find(' ') != std::string_view::npos) {
      const bool damaged = options.lost_chars == LostCharacters::kOn ||
                           (options.lost_chars == LostCharacters::kAuto &&
                            damaged_lines->Judge(*model, line));
      SplitLine(known, all, begin, eol, damaged, &builder);
    }
    begin = eol + 1;
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
