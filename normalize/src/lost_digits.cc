#include "lost_digits.h"

#include <algorithm>
#include <cctype>

namespace baocao::normalize_internal {
namespace {

// A number read back from the document's memory is a guess however often
// the document shows it: it always goes to review.
constexpr double kNumberTrust = 0.75;

bool IsSeparator(char32_t c) { return c == '.' || c == ',' || c == '/' || c == '-'; }
// Between the parts of a date or a document number ("15/7/2021", "12-NQ").
bool IsPartSeparator(char32_t c) { return c == '/' || c == '-'; }
bool IsLetterLike(char32_t c) { return c != ' ' && !IsDigit(c) && (c >= 0x80 || std::isalpha(static_cast<int>(c))); }

// True if a number may end before line[i] (or begin after it, `step` -1):
// not a digit, and not a separator with a digit beyond it ("2024." ends a
// number, "7/2021" goes on).
bool NumberEdge(std::u32string_view line, std::size_t i, int step) {
  if (i >= line.size()) return true;
  if (IsDigit(line[i])) return false;
  if (!IsSeparator(line[i])) return true;
  const auto beyond = static_cast<std::ptrdiff_t>(i) + step;
  return beyond < 0 || static_cast<std::size_t>(beyond) >= line.size() || !IsDigit(line[static_cast<std::size_t>(beyond)]);
}

struct Candidate {
  std::size_t begin = 0;
  std::size_t size = 0;
  std::size_t lost = 0;  // spaces read as digits
  double share = 0;      // of the best reading among the fitting numbers
  std::vector<std::u32string> readings;  // most shown first
};

// True if the span could be a number with lost digits: digits, separators
// and free spaces only, a digit or a space at each end, a digit at least,
// and no more spaces than characters shown. A space at an end is as likely
// a real one ("độ 2", "1. Cải cách"): only a long number may claim it
// ("năm 202 "), or one whose open end is the second of two spaces, one of
// which cannot be real ("năm  0 4"); and only at one end.
bool MayBeNumber(std::u32string_view span, const std::vector<bool>& taken, std::size_t begin, bool gap_at_open_end,
                 std::size_t* lost) {
  std::size_t digits = 0, shown = 0;
  *lost = 0;
  for (std::size_t k = 0; k < span.size(); ++k) {
    const char32_t c = span[k];
    if (c == ' ') {
      if (taken[begin + k]) return false;
      ++*lost;
    } else if (IsDigit(c)) {
      ++digits;
      ++shown;
    } else if (IsSeparator(c) && k > 0 && k + 1 < span.size()) {
      ++shown;
    } else {
      return false;
    }
  }
  const int open_ends = (span.front() == ' ') + (span.back() == ' ');
  if (open_ends == 2 || (open_ends == 1 && digits < 3 && !gap_at_open_end)) return false;
  return digits > 0 && *lost > 0 && *lost <= shown;
}

bool Fits(std::u32string_view span, std::u32string_view number, const DigitSet& lost) {
  for (std::size_t k = 0; k < span.size(); ++k) {
    if (span[k] == ' ') {
      if (!IsDigit(number[k]) || !lost[static_cast<std::size_t>(number[k] - '0')]) return false;
    } else if (span[k] != number[k]) {
      return false;
    }
  }
  return true;
}

}  // namespace

DigitSet LostDigits(std::u32string_view line) {
  DigitSet lost;
  lost.fill(true);
  for (const char32_t c : line) {
    if (IsDigit(c)) lost[static_cast<std::size_t>(c - '0')] = false;
  }
  return lost;
}

void NumberMemory::Known::Add(std::u32string_view number) {
  std::vector<Number>& numbers = by_size[number.size()];
  const auto [it, added] = index.emplace(std::u32string(number), numbers.size());
  if (added) numbers.push_back({std::u32string(number), 0});
  ++numbers[it->second].count;
}

void NumberMemory::AddLine(std::u32string_view line) { Add(line, false); }

void NumberMemory::AddDamagedLine(std::u32string_view line) { Add(line, true); }

void NumberMemory::Add(std::u32string_view line, bool damaged) {
  // In a damaged line a number's end is sure where a character is shown
  // next to it, or beyond a single space.
  const auto closed = [&](std::size_t i, int step) {
    const auto at = [&](std::ptrdiff_t k) {
      return k >= 0 && static_cast<std::size_t>(k) < line.size() ? line[static_cast<std::size_t>(k)] : U'\n';
    };
    const auto next = static_cast<std::ptrdiff_t>(i) + step;
    return !damaged || at(next) != ' ' || (at(next + step) != ' ' && !IsDigit(at(next + step)));
  };
  for (std::size_t i = 0; i < line.size();) {
    if (!IsDigit(line[i]) || (i > 0 && !NumberEdge(line, i - 1, -1))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    std::size_t digits = 0;
    while (end < line.size() &&
           (IsDigit(line[end]) || (IsSeparator(line[end]) && end + 1 < line.size() && IsDigit(line[end + 1])))) {
      digits += IsDigit(line[end]);
      ++end;
    }
    const bool whole = closed(i, -1) && closed(end - 1, 1);
    if (digits >= 2 && whole) {
      const std::u32string_view number = line.substr(i, end - i);
      whole_.Add(number);
      for (std::size_t from = 0; from < number.size();) {
        std::size_t to = from;
        while (to < number.size() && !IsPartSeparator(number[to])) ++to;
        const std::u32string_view part = number.substr(from, to - from);
        if (to - from < number.size() && part.size() >= 2 && std::all_of(part.begin(), part.end(), IsDigit)) {
          parts_.Add(part);
        }
        from = to + 1;
      }
    }
    i = end;
  }
}

std::vector<TokenDecision> NumberMemory::Restore(std::u32string_view line, const DigitSet& lost,
                                                 const std::vector<bool>& taken) const {
  std::vector<Candidate> candidates;
  if (std::none_of(lost.begin(), lost.end(), [](bool b) { return b; })) return {};
  // The span line[begin, begin + size), `spaces` of them lost digits, read as one of `numbers`.
  const auto consider = [&](std::size_t begin, std::size_t size, std::size_t spaces, const std::vector<Number>& numbers) {
    std::vector<const Number*> fitting;
    std::uint32_t total = 0;
    for (const Number& number : numbers) {
      if (!Fits(line.substr(begin, size), number.text, lost)) continue;
      fitting.push_back(&number);
      total += number.count;
    }
    if (fitting.empty()) return;
    std::stable_sort(fitting.begin(), fitting.end(), [](const Number* a, const Number* b) { return a->count > b->count; });
    Candidate c;
    c.begin = begin;
    c.size = size;
    c.lost = spaces;
    c.share = static_cast<double>(fitting.front()->count) / total;
    for (std::size_t k = 0; k < fitting.size() && k < 5; ++k) c.readings.push_back(fitting[k]->text);
    candidates.push_back(std::move(c));
  };
  // Whether a digit read into an open end of the span would touch a word ("2024Chuyển").
  const auto touches_word = [&](std::u32string_view span, std::size_t begin) {
    const std::size_t end = begin + span.size();
    return (span.front() == ' ' && begin > 0 && IsLetterLike(line[begin - 1])) ||
           (span.back() == ' ' && end < line.size() && IsLetterLike(line[end]));
  };
  const auto gap_at_open_end = [&](std::u32string_view span, std::size_t begin) {
    const std::size_t end = begin + span.size();
    return (span.front() == ' ' && begin > 0 && line[begin - 1] == ' ') ||
           (span.back() == ' ' && end < line.size() && line[end] == ' ');
  };
  for (std::size_t begin = 0; begin < line.size(); ++begin) {
    if (line[begin] != ' ' && !IsDigit(line[begin])) continue;
    const bool after_part_separator = begin > 0 && IsPartSeparator(line[begin - 1]);
    if (begin == 0 || NumberEdge(line, begin - 1, -1)) {
      for (const auto& [size, numbers] : whole_.by_size) {
        if (begin + size > line.size()) break;
        const std::u32string_view span = line.substr(begin, size);
        std::size_t spaces = 0;
        if (!NumberEdge(line, begin + size, 1) ||
            !MayBeNumber(span, taken, begin, gap_at_open_end(span, begin), &spaces) || touches_word(span, begin)) {
          continue;
        }
        consider(begin, size, spaces, numbers);
      }
    }
    // A part of a date or document number: digits and spaces beside a '/'
    // or '-' of the number ("2 22" in "18/12/2 22").
    if (begin > 0 && !after_part_separator && !NumberEdge(line, begin - 1, -1)) continue;
    for (const auto& [size, numbers] : parts_.by_size) {
      if (begin + size > line.size()) break;
      const std::size_t end = begin + size;
      const bool before_part_separator = end < line.size() && IsPartSeparator(line[end]);
      if (!after_part_separator && !before_part_separator) continue;
      if (!before_part_separator && !NumberEdge(line, end, 1)) continue;
      const std::u32string_view span = line.substr(begin, size);
      if (!std::all_of(span.begin(), span.end(), [](char32_t c) { return c == ' ' || IsDigit(c); })) continue;
      // A space beside the separator is a lost digit, never a real space ("18/ 2/2022").
      const bool closed_by_separator = (span.front() == ' ' && after_part_separator) ||
                                       (span.back() == ' ' && before_part_separator);
      std::size_t spaces = 0;
      if (!MayBeNumber(span, taken, begin, gap_at_open_end(span, begin) || closed_by_separator, &spaces) ||
          touches_word(span, begin)) {
        continue;
      }
      consider(begin, size, spaces, numbers);
    }
  }
  // The readings that explain most lost digits win; they may not overlap.
  std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.lost != b.lost) return a.lost > b.lost;
    if (a.size != b.size) return a.size > b.size;
    return a.share > b.share;
  });
  std::vector<bool> used(line.size(), false);
  std::vector<TokenDecision> decisions;
  for (const Candidate& c : candidates) {
    if (std::any_of(used.begin() + static_cast<std::ptrdiff_t>(c.begin),
                    used.begin() + static_cast<std::ptrdiff_t>(c.begin + c.size), [](bool b) { return b; })) {
      continue;
    }
    std::fill(used.begin() + static_cast<std::ptrdiff_t>(c.begin), used.begin() + static_cast<std::ptrdiff_t>(c.begin + c.size),
              true);
    TokenDecision d;
    d.begin = c.begin;
    d.end = c.begin + c.size;
    d.output = c.readings.front();
    d.confidence = c.share * kNumberTrust;
    d.origin = TokenDecision::Origin::kDocumentNumber;
    d.alternatives.assign(c.readings.begin() + 1, c.readings.end());
    decisions.push_back(std::move(d));
  }
  std::sort(decisions.begin(), decisions.end(),
            [](const TokenDecision& a, const TokenDecision& b) { return a.begin < b.begin; });
  return decisions;
}

}  // namespace baocao::normalize_internal
