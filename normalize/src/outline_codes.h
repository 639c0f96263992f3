// Outline codes: reports number their sections and the rows of their
// appendices ("2.", "1.4.", "4.1.2."), at the start of a line, counting up
// from one to the next. Where a broken font lost digits, a code comes out
// with spaces for them (" .1. ."); it is read back from the nearest code
// above it and checked against the nearest intact one below.
#ifndef BAOCAO_NORMALIZE_OUTLINE_CODES_H_
#define BAOCAO_NORMALIZE_OUTLINE_CODES_H_

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "lost_chars.h"
#include "lost_digits.h"

namespace baocao::normalize_internal {

struct OutlineLine {
  std::u32string_view text;  // as read so far: in a damaged line only digits may still be lost
  bool damaged = false;
  DigitSet lost{};  // digits a damaged line never shows
};

// The codes read back, each with the index of its line. Always below 0.9:
// an outline may skip or repeat a number.
std::vector<std::pair<std::size_t, TokenDecision>> RestoreOutlineCodes(const std::vector<OutlineLine>& lines);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_OUTLINE_CODES_H_
