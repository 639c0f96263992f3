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
  std::u32string_view shown;  // a damaged line as it came, if text holds repairs already
  bool damaged = false;
  DigitSet lost{};  // digits a damaged line never shows
};

// The codes read back, each with the index of its line. Always below 0.9:
// an outline may skip or repeat a number. A damaged line with no digit in
// its code and a title in capitals, in a document whose Roman-numeral
// headings are its only titles in capitals, is such a heading that lost its
// numeral ("  . KẾT QUẢ" after "I. CÔNG TÁC"): it is read as the next one
// where its letters may be lost, and the codes under it count from 1 again.
std::vector<std::pair<std::size_t, TokenDecision>> RestoreOutlineCodes(const std::vector<OutlineLine>& lines);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_OUTLINE_CODES_H_
