#include "utf8.h"

namespace baocao::normalize_internal {

void AppendUtf8(char32_t cp, std::string* out) {
  // Encoded into a buffer and appended once: a push per byte checks the
  // capacity each time, and words are built a letter at a time.
  char bytes[4];
  std::size_t n = 0;
  const auto put = [&](char32_t v) { bytes[n++] = static_cast<char>(v); };
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
  }
  put(0x80 | (cp & 0x3F));
  out->append(bytes, n);
}

}  // namespace baocao::normalize_internal
