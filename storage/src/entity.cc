// Entity names: the organ words and the administrative level split off, so
// that every way a report names a place gives one entity.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/storage.h"

namespace baocao {
namespace {

// Folded word sequences that name the body rather than the place: dropped
// from the front of a name ("UBND huyện X" is huyện X).
constexpr std::array<std::string_view, 6> kOrganPrefixes = {
    "uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd", "chu tich", "ct"};

struct Level {
  std::string_view folded;  // the level word(s) as MatchKey gives them
  std::string_view name;    // as Vietnamese writes it
};

// Longer first: "thi xa" before "xa".
constexpr std::array<Level, 10> kLevels = {{{"thanh pho", "thành phố"},
                                            {"thi xa", "thị xã"},
                                            {"thi tran", "thị trấn"},
                                            {"tinh", "tỉnh"},
                                            {"huyen", "huyện"},
                                            {"phuong", "phường"},
                                            {"xa", "xã"},
                                            {"tp", "thành phố"},
                                            {"tx", "thị xã"},
                                            {"tt", "thị trấn"}}};

bool IsAsciiWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t' ||
                                 text[pos] == '\r'))
      ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != '\n' && text[pos] != '\t' &&
           text[pos] != '\r')
      ++pos;
    if (pos > start) words.emplace_back(text.substr(start, pos - start));
  }
  return words;
}

// Whether the folded words from `first` on start with `prefix` (a folded
// phrase); returns how many words it spans, or 0.
std::size_t PrefixWords(const std::vector<std::string>& folded, std::size_t first,
                        std::string_view prefix) {
  std::string joined;
  for (std::size_t i = first; i < folded.size(); ++i) {
    if (folded[i].empty()) return 0;
    joined += (joined.empty() ? "" : " ") + folded[i];
    if (joined == prefix) return i - first + 1;
    if (joined.size() >= prefix.size()) return 0;
  }
  return 0;
}

}  // namespace

std::string MatchKey(std::string_view text) {
  const std::string folded = FoldAccents(text);
  std::string key;
  key.reserve(folded.size());
  for (const char c : folded) {
    if (IsAsciiWordByte(static_cast<unsigned char>(c))) {
      key.push_back(c);
    } else if (!key.empty() && key.back() != ' ') {
      key.push_back(' ');
    }
  }
  while (!key.empty() && key.back() == ' ') key.pop_back();
  return key;
}

EntityName ParseEntityName(std::string_view text) {
  const std::vector<std::string> words = SplitWords(text);
  std::vector<std::string> folded;
  folded.reserve(words.size());
  for (const std::string& word : words) folded.push_back(MatchKey(word));

  std::size_t first = 0;
  for (bool dropped = true; dropped;) {
    dropped = false;
    for (const std::string_view organ : kOrganPrefixes) {
      const std::size_t n = PrefixWords(folded, first, organ);
      if (n > 0 && first + n < words.size()) {
        first += n;
        dropped = true;
        break;
      }
    }
  }
  EntityName entity;
  for (const Level& level : kLevels) {
    const std::size_t n = PrefixWords(folded, first, level.folded);
    if (n > 0 && first + n < words.size()) {
      entity.level = std::string(level.name);
      first += n;
      break;
    }
  }
  std::string rest;
  for (std::size_t i = first; i < words.size(); ++i) rest += (rest.empty() ? "" : " ") + words[i];
  while (!rest.empty() && (rest.back() == ',' || rest.back() == '.' || rest.back() == ';' ||
                           rest.back() == ':'))
    rest.pop_back();
  entity.name = entity.level.empty() ? rest : entity.level + " " + rest;
  entity.key = MatchKey(entity.name);
  entity.name_key = MatchKey(rest);
  return entity;
}

}  // namespace baocao
