#include "outline_codes.h"

#include <algorithm>
#include <optional>
#include <string>

#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

// Confidence of a code both neighbours agree on, and of one only one of
// them gives (shared among the readings).
constexpr double kBothSides = 0.8;
constexpr double kOneSide = 0.6;
constexpr std::size_t kMaxDepth = 5;
constexpr std::size_t kMaxGroupDigits = 2;

using Groups = std::vector<int>;

// The end of the code region at the start of `line`: digits, spaces and
// dots up to its last dot, and the digits right after it ("7.6.1 Thực").
// nullopt if the region holds no dot.
std::optional<std::size_t> CodeEnd(std::u32string_view line) {
  std::size_t k = 0;
  std::optional<std::size_t> last_dot;
  while (k < line.size() && (IsDigit(line[k]) || line[k] == ' ' || line[k] == '.')) {
    if (line[k] == '.') last_dot = k;
    ++k;
  }
  if (!last_dot) return std::nullopt;
  std::size_t end = *last_dot + 1;
  while (end < line.size() && IsDigit(line[end])) ++end;
  return end;
}

// The numbers of an intact code ("4.1.2." -> 4, 1, 2), or nullopt.
std::optional<Groups> IntactCode(std::u32string_view line) {
  const std::optional<std::size_t> end = CodeEnd(line);
  if (!end) return std::nullopt;
  std::size_t k = 0;
  while (k < *end && line[k] == ' ') ++k;
  Groups groups;
  while (k < *end) {
    std::size_t digits = 0;
    int value = 0;
    for (; k < *end && IsDigit(line[k]); ++k, ++digits) value = value * 10 + static_cast<int>(line[k] - '0');
    if (digits == 0 || digits > kMaxGroupDigits || value == 0) return std::nullopt;
    groups.push_back(value);
    if (k < *end && line[k] != '.') return std::nullopt;  // a space inside: not intact
    ++k;
  }
  if (groups.empty() || groups.size() > kMaxDepth) return std::nullopt;
  return groups;
}

std::u32string Render(const Groups& groups, bool trailing_dot) {
  std::u32string out;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g > 0) out += U'.';
    for (const char c : std::to_string(groups[g])) out += static_cast<char32_t>(c);
  }
  if (trailing_dot) out += U'.';
  return out;
}

// The Roman numeral that starts a section heading ("II.", "IV. ĐÁNH GIÁ"),
// or nullopt if the line is not one.
std::optional<std::u32string_view> HeadingNumeral(std::u32string_view line) {
  std::size_t k = 0;
  while (k < line.size() && line[k] == ' ') ++k;
  const std::size_t begin = k;
  while (k < line.size() && (line[k] == 'I' || line[k] == 'V' || line[k] == 'X')) ++k;
  if (k == begin || k == line.size() || line[k] != '.') return std::nullopt;
  return line.substr(begin, k - begin);
}

// The line as it came, letters lost and all.
std::u32string_view Shown(const OutlineLine& line) { return line.shown.empty() ? line.text : line.shown; }

std::u32string ToRoman(int value) {
  static constexpr std::pair<int, std::u32string_view> kDigits[] = {{10, U"X"}, {9, U"IX"}, {5, U"V"}, {4, U"IV"}, {1, U"I"}};
  std::u32string out;
  for (const auto& [step, letters] : kDigits) {
    for (; value >= step; value -= step) out += letters;
  }
  return out;
}

// The value of a Roman numeral up to 39 ("IV" -> 4), or 0.
int RomanValue(std::u32string_view numeral) {
  for (int value = 1; value <= 39; ++value) {
    if (ToRoman(value) == numeral) return value;
  }
  return 0;
}

// True if the line's letters after `from` are capitals, three at least.
bool TitleInCapitals(std::u32string_view line, std::size_t from) {
  std::size_t letters = 0;
  for (std::size_t k = from; k < line.size(); ++k) {
    VietLetter letter;
    if (!SplitLetter(line[k], &letter)) continue;
    if (!letter.upper) return false;
    ++letters;
  }
  return letters >= 3;
}

// Where the code region [0, end) of a damaged line holds only spaces and
// its one dot last ("  ."): a numeral may have been lost there.
bool DotAfterSpaces(std::u32string_view line, std::size_t end) {
  if (end == 0 || line[end - 1] != '.') return false;
  for (std::size_t k = 0; k + 1 < end; ++k) {
    if (line[k] != ' ') return false;
  }
  return end >= 2;
}

// Where `numeral` + "." fits right-aligned in a region [0, end) of spaces
// and a last dot (DotAfterSpaces): room for it, and each of its letters lost
// from the line (never shown in `shown`). The start, or nullopt.
std::optional<std::size_t> RomanFits(std::u32string_view shown, std::size_t end, std::u32string_view numeral) {
  if (numeral.size() + 1 > end) return std::nullopt;
  for (const char32_t c : numeral) {
    if (shown.find(c) != std::u32string_view::npos) return std::nullopt;
  }
  return end - 1 - numeral.size();
}

// The codes that may follow `above`, at every depth up to one more;
// {0} stands before the first code of a section.
std::vector<Groups> Successors(const Groups& above) {
  std::vector<Groups> out;
  Groups child = above;
  child.push_back(1);
  if (above.back() > 0 && child.size() <= kMaxDepth) out.push_back(child);
  for (std::size_t depth = above.size(); depth >= 1; --depth) {
    Groups next(above.begin(), above.begin() + static_cast<std::ptrdiff_t>(depth));
    ++next.back();
    out.push_back(next);
  }
  return out;
}

// The codes that may precede `below` at its depth or one less.
std::vector<Groups> Predecessors(const Groups& below) {
  if (below.back() > 1) {
    Groups previous = below;
    --previous.back();
    return {previous};
  }
  if (below.size() > 1) return {Groups(below.begin(), below.end() - 1)};
  return {};
}

// Where `code` fits the region [0, end) of `line` right-aligned: the start
// of the code, or nullopt. Every character shown is the code's; every space
// of the code is a digit the line may have lost; the region before the code
// holds spaces only; and a space is read at least.
std::optional<std::size_t> Fits(std::u32string_view line, std::size_t end, std::u32string_view code,
                                const DigitSet& lost) {
  if (code.size() > end) return std::nullopt;
  const std::size_t begin = end - code.size();
  for (std::size_t k = 0; k < begin; ++k) {
    if (line[k] != ' ') return std::nullopt;
  }
  bool read = false;
  for (std::size_t k = 0; k < code.size(); ++k) {
    const char32_t shown = line[begin + k];
    if (shown == ' ') {
      if (!IsDigit(code[k]) || !lost[static_cast<std::size_t>(code[k] - '0')]) return std::nullopt;
      read = true;
    } else if (shown != code[k]) {
      return std::nullopt;
    }
  }
  if (!read) return std::nullopt;
  return begin;
}

// The numeral of the lost heading at line i: `from_above` (the heading
// above's plus one), checked against the next intact heading below, less
// the lost headings between. nullopt if neither reading fits the line.
std::optional<TokenDecision> RestoreHeading(const std::vector<OutlineLine>& lines, const std::vector<int>& heading_number,
                                            const std::vector<bool>& lost_heading, std::size_t i, int from_above) {
  int from_below = 0;
  int lost_between = 0;
  for (std::size_t j = i + 1; j < lines.size(); ++j) {
    if (lost_heading[j]) ++lost_between;
    if (heading_number[j] > 0) {
      from_below = heading_number[j] - 1 - lost_between;
      break;
    }
  }
  const OutlineLine& line = lines[i];
  const std::size_t end = *CodeEnd(line.text);
  std::vector<std::pair<std::u32string, std::size_t>> readings;  // numeral and dot, where it begins
  std::vector<int> values = {from_above};
  if (from_below != from_above) values.push_back(from_below);
  for (const int value : values) {
    if (value < 1 || value > 39) continue;
    const std::u32string numeral = ToRoman(value);
    if (const auto begin = RomanFits(Shown(line), end, numeral)) readings.emplace_back(numeral + U".", *begin);
  }
  if (readings.empty()) return std::nullopt;
  TokenDecision d;
  d.begin = readings.front().second;
  d.end = end;
  d.output = readings.front().first;
  d.confidence = from_above == from_below ? kBothSides : kOneSide / static_cast<double>(readings.size());
  for (std::size_t k = 1; k < readings.size(); ++k) d.alternatives.push_back(readings[k].first);
  d.origin = TokenDecision::Origin::kOutlineCode;
  return d;
}

}  // namespace

std::vector<std::pair<std::size_t, TokenDecision>> RestoreOutlineCodes(const std::vector<OutlineLine>& lines) {
  std::vector<std::optional<Groups>> intact(lines.size());
  std::vector<bool> heading(lines.size());
  std::vector<int> heading_number(lines.size(), 0);
  bool roman_capitals = false;   // an intact Roman heading has its title in capitals
  bool arabic_capitals = false;  // so has an intact numbered line
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::u32string_view text = lines[i].text;
    const std::optional<std::u32string_view> numeral = HeadingNumeral(text);
    heading[i] = numeral.has_value();
    if (heading[i]) {
      heading_number[i] = RomanValue(*numeral);
      roman_capitals |= TitleInCapitals(text, text.find(U'.') + 1);
    } else if ((intact[i] = IntactCode(text))) {
      arabic_capitals |= TitleInCapitals(text, *CodeEnd(text));
    }
  }
  // Damaged headings that lost their numeral: only where titles in capitals
  // mark the Roman headings alone.
  std::vector<bool> lost_heading(lines.size(), false);
  for (std::size_t i = 0; i < lines.size() && roman_capitals && !arabic_capitals; ++i) {
    if (!lines[i].damaged || heading[i] || intact[i]) continue;
    const std::optional<std::size_t> end = CodeEnd(lines[i].text);
    lost_heading[i] = end && DotAfterSpaces(lines[i].text, *end) && TitleInCapitals(Shown(lines[i]), *end);
  }
  std::vector<std::pair<std::size_t, TokenDecision>> restored;
  Groups above = {0};  // the nearest code above, read or restored
  int roman_above = 0;  // the nearest heading's number above, read or restored
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (heading[i]) above = {0};
    if (heading_number[i] > 0) roman_above = heading_number[i];
    if (intact[i]) above = *intact[i];
    if (lost_heading[i]) {
      above = {0};
      ++roman_above;
      if (auto d = RestoreHeading(lines, heading_number, lost_heading, i, roman_above)) {
        restored.emplace_back(i, std::move(*d));
      }
      continue;
    }
    if (heading[i] || intact[i] || !lines[i].damaged) continue;
    const OutlineLine& line = lines[i];
    const std::optional<std::size_t> end = CodeEnd(line.text);
    if (!end) continue;
    const bool trailing_dot = line.text[*end - 1] == '.';
    // Readings that may follow the code above or precede the next code
    // below if it is intact and in the same section, and where each begins.
    std::vector<Groups> before_below;
    for (std::size_t j = i + 1; j < lines.size() && !heading[j]; ++j) {
      if (intact[j]) before_below = Predecessors(*intact[j]);
      if (intact[j] || (lines[j].damaged && CodeEnd(lines[j].text))) break;
    }
    struct Reading {
      Groups groups;
      std::size_t begin = 0;
      int sides = 0;  // 2: both neighbours give it; 1: the one above only; 0: the one below only
    };
    std::vector<Reading> readings;
    const auto offer = [&](const Groups& g, int side) {
      for (Reading& r : readings) {
        if (r.groups != g) continue;
        r.sides = 2;
        return;
      }
      if (const auto begin = Fits(line.text, *end, Render(g, trailing_dot), line.lost)) readings.push_back({g, *begin, side});
    };
    for (const Groups& g : Successors(above)) offer(g, 1);
    for (const Groups& g : before_below) offer(g, 0);
    if (readings.empty()) continue;
    // Both sides agreeing first, then the code above.
    std::stable_sort(readings.begin(), readings.end(), [](const Reading& a, const Reading& b) { return a.sides > b.sides; });
    const auto agreed = static_cast<std::size_t>(
        std::count_if(readings.begin(), readings.end(), [](const Reading& r) { return r.sides == 2; }));
    TokenDecision d;
    d.begin = readings.front().begin;
    d.end = *end;
    d.output = Render(readings.front().groups, trailing_dot);
    d.confidence = agreed > 0 ? kBothSides / static_cast<double>(agreed) : kOneSide / static_cast<double>(readings.size());
    for (std::size_t k = 1; k < readings.size(); ++k) d.alternatives.push_back(Render(readings[k].groups, trailing_dot));
    d.origin = TokenDecision::Origin::kOutlineCode;
    above = readings.front().groups;
    restored.emplace_back(i, std::move(d));
  }
  return restored;
}

}  // namespace baocao::normalize_internal
