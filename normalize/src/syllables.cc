// The Vietnamese syllable inventory and tone-mark canonicalisation.
#include <string>
#include <unordered_set>

#include "baocao/normalize.h"
#include "embedded.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao {
namespace {

using normalize_internal::AppendUtf8;
using normalize_internal::DecodeUtf8;
using normalize_internal::kReplacementChar;
using normalize_internal::VietLetter;

const std::unordered_set<std::string_view>& Inventory() {
  static const auto* const inventory = [] {
    auto* set = new std::unordered_set<std::string_view>();
    std::string_view list = normalize_internal::EmbeddedSyllables();
    set->reserve(8192);
    while (!list.empty()) {
      const std::size_t eol = list.find('\n');
      const std::string_view line = list.substr(0, eol);
      if (!line.empty()) set->insert(line);
      list.remove_prefix(eol == std::string_view::npos ? list.size() : eol + 1);
    }
    return set;
  }();
  return *inventory;
}

}  // namespace

bool IsVietnameseSyllable(std::string_view word) {
  std::string key;
  if (!normalize_internal::SyllableKey(word, &key)) return false;
  return Inventory().count(key) > 0;
}

std::string CanonicalTones(std::string_view text) {
  constexpr std::size_t kNoWord = std::string_view::npos;
  std::string out;
  out.reserve(text.size());
  std::size_t word_begin = kNoWord;
  const auto flush = [&](std::size_t word_end) {
    if (word_begin == kNoWord) return;
    const std::string_view word = text.substr(word_begin, word_end - word_begin);
    if (!normalize_internal::CanonicalSyllable(word, &out)) out.append(word);
    word_begin = kNoWord;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, pos, &cp);
    VietLetter letter;
    if (normalize_internal::SplitLetter(cp, &letter)) {
      if (word_begin == kNoWord) word_begin = pos;
    } else {
      flush(pos);
      if (cp == kReplacementChar) {
        AppendUtf8(cp, &out);
      } else {
        out.append(text.substr(pos, length));
      }
    }
    pos += length;
  }
  flush(text.size());
  return out;
}

}  // namespace baocao
