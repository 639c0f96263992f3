#include "utf8.h"

namespace baocao::normalize_internal {

void AppendUtf8(char32_t cp, std::string* out) {
  const auto push = [out](char32_t v) { out->push_back(static_cast<char>(v)); };
  if (cp < 0x80) {
    push(cp);
  } else if (cp < 0x800) {
    push(0xC0 | (cp >> 6));
    push(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    push(0xE0 | (cp >> 12));
    push(0x80 | ((cp >> 6) & 0x3F));
    push(0x80 | (cp & 0x3F));
  } else {
    push(0xF0 | (cp >> 18));
    push(0x80 | ((cp >> 12) & 0x3F));
    push(0x80 | ((cp >> 6) & 0x3F));
    push(0x80 | (cp & 0x3F));
  }
}

}  // namespace baocao::normalize_internal
