#include "fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "baocao/storage.h"

namespace baocao::storage_internal {
namespace {

void AppendUtf8(char32_t c, std::string& out) {
  auto byte = [&out](char32_t b) {
    out.push_back(static_cast<char>(static_cast<unsigned char>(b)));
  };
  if (c < 0x80) {
    byte(c);
  } else if (c < 0x800) {
    byte(0xC0 | (c >> 6));
    byte(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    byte(0xE0 | (c >> 12));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  } else if (c < 0x110000) {
    byte(0xF0 | (c >> 18));
    byte(0x80 | ((c >> 12) & 0x3F));
    byte(0x80 | ((c >> 6) & 0x3F));
    byte(0x80 | (c & 0x3F));
  }
}

// Appends the folded form of one code point to `out`.
void FoldCodePoint(UChar32 c, const icu::Normalizer2* nfd, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    return;
  }
  if (c == 0x0110 || c == 0x0111) {  // Đ đ: a letter of its own, not d with a mark
    out.push_back('d');
    return;
  }
  icu::UnicodeString decomposition;
  if (nfd == nullptr || !nfd->getDecomposition(c, decomposition))
    decomposition = icu::UnicodeString(c);
  for (int32_t i = 0; i < decomposition.length(); i = decomposition.moveIndex32(i, 1)) {
    const UChar32 part = decomposition.char32At(i);
    if (u_charType(part) == U_NON_SPACING_MARK) continue;
    AppendUtf8(static_cast<char32_t>(u_tolower(part)), out);
  }
}

// Folds `text` into `out`; when `origin` is given, records where each output byte came from.
void Fold(std::string_view text, std::string& out, std::vector<std::size_t>* origin) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) nfd = nullptr;
  out.reserve(text.size());
  if (origin != nullptr) origin->reserve(text.size() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const auto start = static_cast<std::size_t>(i);
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) continue;
    const std::size_t before = out.size();
    FoldCodePoint(c, nfd, out);
    if (origin != nullptr) origin->insert(origin->end(), out.size() - before, start);
  }
  if (origin != nullptr) origin->push_back(text.size());
}

}  // namespace

FoldedText FoldWithOrigin(std::string_view text) {
  FoldedText folded;
  Fold(text, folded.text, &folded.origin);
  return folded;
}

bool IsWordCharacter(char32_t c) {
  const auto code = static_cast<UChar32>(c);
  return u_isalnum(code) || (U_GET_GC_MASK(code) & U_GC_M_MASK) != 0;
}

}  // namespace baocao::storage_internal

namespace baocao {

std::string FoldAccents(std::string_view text) {
  std::string folded;
  storage_internal::Fold(text, folded, nullptr);
  return folded;
}

}  // namespace baocao
