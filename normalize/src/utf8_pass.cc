#include <string_view>

#include "passes.h"
#include "utf8.h"

namespace baocao::normalize_internal {

void Utf8Pass(TrackedText* text, std::vector<Change>* changes) {
  TrackedBuilder builder(text, "utf8", changes);
  const std::string_view in = text->text;
  for (std::size_t pos = 0; pos < in.size();) {
    if (static_cast<unsigned char>(in[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(in, pos, &cp);
    const bool invalid = cp == kReplacementChar && in.substr(pos, length) != "\xEF\xBF\xBD";
    if (invalid) builder.Replace(pos, pos + length, "\xEF\xBF\xBD");
    pos += length;
  }
  builder.Finish();
}

}  // namespace baocao::normalize_internal
