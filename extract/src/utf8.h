// UTF-8 encoding of code points, for text coming out of Poppler as UCS-4.
#ifndef BAOCAO_EXTRACT_UTF8_H_
#define BAOCAO_EXTRACT_UTF8_H_

#include <cstdint>
#include <string>

namespace baocao::extract_internal {

// Appends `cp` to `out` as UTF-8; invalid code points become U+FFFD.
inline void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_UTF8_H_
