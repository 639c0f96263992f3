#include "eval/text_metrics.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <vector>

namespace baocao::eval {
namespace {

std::vector<UChar32> CodePoints(std::string_view utf8) {
  const icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::vector<UChar32> out;
  out.reserve(static_cast<std::size_t>(s.length()));
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) out.push_back(s.char32At(i));
  return out;
}

}  // namespace

std::string ComparableText(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  if (U_SUCCESS(status)) {
    icu::UnicodeString normalized = nfc->normalize(s, status);
    if (U_SUCCESS(status)) s = normalized;
  }
  icu::UnicodeString folded;
  bool pending_space = false;
  for (int32_t i = 0; i < s.length(); i = s.moveIndex32(i, 1)) {
    const UChar32 c = s.char32At(i);
    if (u_isUWhiteSpace(c) || c == 0x0C) {
      pending_space = !folded.isEmpty();
      continue;
    }
    if (pending_space) folded.append(static_cast<UChar>(' '));
    pending_space = false;
    folded.append(c);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

double EditCounts::Rate() const {
  if (reference_length == 0) return edits == 0 ? 0.0 : 1.0;
  return static_cast<double>(edits) / static_cast<double>(reference_length);
}

EditCounts& EditCounts::operator+=(const EditCounts& other) {
  edits += other.edits;
  reference_length += other.reference_length;
  return *this;
}

EditCounts CharacterEdits(std::string_view hypothesis, std::string_view reference) {
  const std::vector<UChar32> hyp = CodePoints(hypothesis);
  const std::vector<UChar32> ref = CodePoints(reference);
  // Two rows of the classic dynamic programme: O(|ref|) memory.
  std::vector<std::size_t> previous(ref.size() + 1);
  std::vector<std::size_t> current(ref.size() + 1);
  for (std::size_t j = 0; j <= ref.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= hyp.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= ref.size(); ++j) {
      const std::size_t substitute = previous[j - 1] + (hyp[i - 1] == ref[j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return EditCounts{previous[ref.size()], ref.size()};
}

}  // namespace baocao::eval
