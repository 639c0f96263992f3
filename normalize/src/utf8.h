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
// Inline: every pass decodes every character.
inline std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t* cp) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    *cp = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t value = 0;
  unsigned char low = 0x80;   // allowed range of the second byte
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0Fu;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07u;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    *cp = kReplacementChar;
    return 1;
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (pos + i >= text.size()) {
      *cp = kReplacementChar;
      return i;
    }
    const unsigned char b = byte(pos + i);
    const unsigned char lo = i == 1 ? low : 0x80;
    const unsigned char hi = i == 1 ? high : 0xBF;
    if (b < lo || b > hi) {
      *cp = kReplacementChar;
      return i;
    }
    value = (value << 6) | (b & 0x3Fu);
  }
  *cp = value;
  return length;
}

// Appends the UTF-8 form of `cp` to *out.
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_UTF8_H_
