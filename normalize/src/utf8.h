// UTF-8 decoding and encoding without allocation, for the passes' inner loops.
#ifndef BAOCAO_NORMALIZE_UTF8_H_
#define BAOCAO_NORMALIZE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::normalize_internal {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at text[pos] into *cp and returns its
// length in bytes (1-4). For an ill-formed sequence (bad lead byte, bad or
// missing continuation, overlong form, surrogate, > U+10FFFF) sets *cp to
// U+FFFD and returns the length of the maximal ill-formed prefix (>= 1), as
// the Unicode standard recommends. REQUIRES: pos < text.size().
std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t* cp);

// Appends the UTF-8 form of `cp` to *out.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_UTF8_H_
