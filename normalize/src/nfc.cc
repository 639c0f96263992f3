#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <string>

#include "passes.h"

namespace baocao::normalize_internal {

Status NfcPass(TrackedText* text, std::vector<Change>* changes) {
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) {
    return Status(StatusCode::kInternal,
                  std::string("normalize: ICU has no NFC data: ") + u_errorName(error));
  }
  const icu::StringPiece in(text->text.data(), static_cast<int32_t>(text->text.size()));
  if (nfc->isNormalizedUTF8(in, error) && U_SUCCESS(error)) return Status::Ok();
  error = U_ZERO_ERROR;
  std::string composed;
  icu::StringByteSink<std::string> sink(&composed);
  icu::Edits edits;
  nfc->normalizeUTF8(0, in, sink, &edits, error);
  if (U_FAILURE(error)) {
    return Status(StatusCode::kInternal,
                  std::string("normalize: NFC failed: ") + u_errorName(error));
  }
  TrackedBuilder builder(text, "nfc", changes);
  icu::Edits::Iterator it = edits.getFineChangesIterator();
  while (it.next(error)) {
    const auto begin = static_cast<std::size_t>(it.sourceIndex());
    const auto end = begin + static_cast<std::size_t>(it.oldLength());
    const std::string_view out(composed.data() + it.destinationIndex(),
                               static_cast<std::size_t>(it.newLength()));
    builder.Replace(begin, end, out);
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
