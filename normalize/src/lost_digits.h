// Lost digits: where a broken font lost digits too, a number came out with
// spaces for some of them ("năm 202 ", "  /7/20 1"). No language model can
// tell which digit is missing, but a report repeats its numbers (the year,
// its own number, the dates and numbers of the documents it cites): a damaged
// number that fits exactly the numbers the document shows intact is read as
// the one it shows most, and always left for review. A date or a document
// number that fits no whole number may still fit by its parts: "18/12/2 22"
// reads its year from the years the document shows ("2022").
#ifndef BAOCAO_NORMALIZE_LOST_DIGITS_H_
#define BAOCAO_NORMALIZE_LOST_DIGITS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lost_chars.h"

namespace baocao::normalize_internal {

inline bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Digits that may have been lost in a line: those it never shows intact.
using DigitSet = std::array<bool, 10>;
DigitSet LostDigits(std::u32string_view line);

class NumberMemory {
 public:
  // Remembers every number of an intact line ("2024", "15/7/2021", "8.803").
  void AddLine(std::u32string_view line);
  // Remembers the numbers of a damaged line that surely lost no digit: no
  // lost digit inside them, and a character shown on each side, or one
  // space and then a character shown ("ngày 15/7/2021 của").
  void AddDamagedLine(std::u32string_view line);
  bool empty() const { return whole_.by_size.empty(); }
  // Readings of the numbers of `line` (decoded text: only digits may still
  // be lost there) whose spaces fit digits of `lost`, at most one per span;
  // `taken` marks code points other repairs hold already.
  std::vector<TokenDecision> Restore(std::u32string_view line, const DigitSet& lost,
                                     const std::vector<bool>& taken) const;

 private:
  void Add(std::u32string_view line, bool damaged);
  struct Number {
    std::u32string text;
    std::uint32_t count = 0;
  };
  struct Known {
    // Numbers by length in code points.
    std::map<std::size_t, std::vector<Number>> by_size;
    std::map<std::u32string, std::size_t> index;  // text -> position in its size's list
    void Add(std::u32string_view number);
  };
  Known whole_;
  // Parts of 2+ digits between the '/' and '-' of whole numbers: days,
  // months, years, document numbers.
  Known parts_;
};

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_LOST_DIGITS_H_
