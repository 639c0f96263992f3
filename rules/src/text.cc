#include "text.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace baocao::rules_internal {

char32_t CodePointAt(std::string_view text, std::size_t pos, std::size_t* length) {
  if (pos >= text.size()) {
    if (length != nullptr) *length = 0;
    return kNoCodePoint;
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto size = static_cast<int32_t>(text.size() - pos);
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(bytes + pos, i, size, c);
  if (length != nullptr) *length = static_cast<std::size_t>(i);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t CodePointBefore(std::string_view text, std::size_t pos) {
  if (pos == 0 || pos > text.size()) return kNoCodePoint;
  // Step back over at most three continuation bytes.
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 &&
         (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t length = 0;
  char32_t c = CodePointAt(text, start, &length);
  if (start + length != pos) return U'\uFFFD';
  return c;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

bool IsWordChar(char32_t c) {
  if (c == kNoCodePoint) return false;
  if (c < 0x80) {
    return IsDigit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'_';
  }
  if (c == U'\uFFFD') return false;
  const auto u = static_cast<UChar32>(c);
  if (u_isalpha(u)) return true;
  const int8_t type = u_charType(u);
  return type == U_DECIMAL_DIGIT_NUMBER || type == U_NON_SPACING_MARK ||
         type == U_COMBINING_SPACING_MARK;
}

bool IsUpper(char32_t c) {
  if (c < 0x80) return c >= U'A' && c <= U'Z';
  return u_isupper(static_cast<UChar32>(c)) != 0;
}

bool IsSuperscriptDigit(char32_t c) {
  return c == U'\u00B9' || c == U'\u00B2' || c == U'\u00B3' ||
         (c >= U'\u2070' && c <= U'\u2079');
}

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' ||
         c == U'\v' || c == U'\u00A0';
}

std::string CollapseSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(ch);
  }
  return out;
}

namespace {

icu::UnicodeString ToUnicode(std::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

}  // namespace

std::string Lower(std::string_view text) {
  icu::UnicodeString u = ToUnicode(text);
  u.toLower(icu::Locale::getRoot());
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Fold(std::string_view text) {
  icu::UnicodeString u = ToUnicode(text);
  u.toLower(icu::Locale::getRoot());
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  if (U_SUCCESS(error)) {
    icu::UnicodeString decomposed = nfd->normalize(u, error);
    if (U_SUCCESS(error)) u = decomposed;
  }
  icu::UnicodeString folded;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111) {  // đ
      folded.append(static_cast<UChar32>('d'));
    } else if (c == 0x01A3) {  // ƣ, a font defect for ư
      folded.append(static_cast<UChar32>('u'));
    } else {
      folded.append(c);
    }
  }
  std::string out;
  folded.toUTF8String(out);
  return CollapseSpaces(out);
}

}  // namespace baocao::rules_internal
