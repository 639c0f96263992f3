// FoldedKey: "NFD; [:Nonspacing Mark:] Remove; NFC", đ -> d, lowercase.
// Vietnamese letters and ASCII, nearly all of the text, take a table fast
// path with the same result; anything else goes through ICU.
#include <unicode/normalizer2.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <string>

#include "baocao/normalize.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao {
namespace {

using normalize_internal::AppendUtf8;
using normalize_internal::DecodeUtf8;
using normalize_internal::VietLetter;

// The letter a Vietnamese base folds to: ă â -> a, ê -> e, ô ơ -> o, ư -> u, đ -> d.
char FoldBase(char32_t base) {
  switch (base) {
    case U'ă': case U'â': return 'a';
    case U'ê': return 'e';
    case U'ô': case U'ơ': return 'o';
    case U'ư': return 'u';
    case U'đ': return 'd';
    default: return static_cast<char>(base);  // ASCII
  }
}

// The general path for text outside the fast tables.
void FoldWithIcu(std::string_view piece, std::string* out) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(error);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) {
    out->append(piece);
    return;
  }
  const icu::UnicodeString decomposed =
      nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(piece.data(),
                                                                   static_cast<int32_t>(piece.size()))),
                     error);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) kept.append(c);
    i += U16_LENGTH(c);
  }
  icu::UnicodeString composed = nfc->normalize(kept, error);
  composed.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0111)), icu::UnicodeString("d"));
  composed.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x0110)), icu::UnicodeString("d"));
  composed.toLower(icu::Locale::getRoot());
  composed.toUTF8String(*out);
}

}  // namespace

std::string FoldedKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t other_begin = std::string_view::npos;  // pending piece for ICU
  const auto flush = [&](std::size_t end) {
    if (other_begin == std::string_view::npos) return;
    FoldWithIcu(text.substr(other_begin, end - other_begin), &out);
    other_begin = std::string_view::npos;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const unsigned char byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80) {
      flush(pos);
      out.push_back(static_cast<char>(byte >= 'A' && byte <= 'Z' ? byte + 0x20 : byte));
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, pos, &cp);
    VietLetter letter;
    // A combining mark after a Vietnamese letter would compose with it in
    // NFC; the ICU path sees such marks on their own and removes them.
    if (normalize_internal::SplitLetter(cp, &letter)) {
      flush(pos);
      out.push_back(FoldBase(letter.base));
    } else if (cp == normalize_internal::kReplacementChar) {
      flush(pos);
      AppendUtf8(cp, &out);
    } else if (other_begin == std::string_view::npos) {
      other_begin = pos;
    }
    pos += length;
  }
  flush(text.size());
  return out;
}

}  // namespace baocao
