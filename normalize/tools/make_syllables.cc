// Build-time generator of the Vietnamese syllable inventory.
//
//   baocao_make_syllables OUT.txt vi_VN.dic [corpus.txt ...]
//
// Reads the hunspell-vi word list (first line: entry count; entries may carry
// "/FLAGS") and any number of UTF-8 texts, keeps every word shaped like one
// Vietnamese syllable, and writes their lowercase new-style forms ("hoà",
// "thuỷ"), sorted and unique, one per line.
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "utf8.h"
#include "vietnamese.h"

namespace {

using baocao::normalize_internal::DecodeUtf8;
using baocao::normalize_internal::SplitLetter;
using baocao::normalize_internal::SyllableKey;
using baocao::normalize_internal::VietLetter;

bool ReadFile(const std::string& path, std::string* text) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  text->assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

void AddWord(const std::string& word, std::set<std::string>* syllables) {
  std::string key;
  if (SyllableKey(word, &key)) syllables->insert(key);
}

void AddDictionary(const std::string& text, std::set<std::string>* syllables) {
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // the entry count
  while (std::getline(lines, line)) {
    const std::size_t slash = line.find('/');
    if (slash != std::string::npos) line.resize(slash);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    AddWord(line, syllables);
  }
}

// Every maximal run of Vietnamese letters in a text.
void AddText(const std::string& text, std::set<std::string>* syllables) {
  std::string word;
  for (std::size_t pos = 0; pos <= text.size();) {
    char32_t cp = ' ';
    std::size_t length = 1;
    if (pos < text.size()) length = DecodeUtf8(text, pos, &cp);
    VietLetter letter;
    if (pos < text.size() && SplitLetter(cp, &letter)) {
      word.append(text, pos, length);
    } else if (!word.empty()) {
      AddWord(word, syllables);
      word.clear();
    }
    pos += length;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: baocao_make_syllables OUT.txt vi_VN.dic [text.txt ...]\n";
    return 2;
  }
  std::set<std::string> syllables;
  for (int i = 2; i < argc; ++i) {
    std::string text;
    if (!ReadFile(argv[i], &text)) {
      std::cerr << "baocao_make_syllables: cannot read '" << argv[i] << "'\n";
      return 1;
    }
    if (i == 2) {
      AddDictionary(text, &syllables);
    } else {
      AddText(text, &syllables);
    }
  }
  if (syllables.size() < 1000) {
    std::cerr << "baocao_make_syllables: only " << syllables.size() << " syllables from '"
              << argv[2] << "'; is it the hunspell-vi word list?\n";
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  for (const std::string& s : syllables) out << s << '\n';
  if (!out) {
    std::cerr << "baocao_make_syllables: cannot write '" << argv[1] << "'\n";
    return 1;
  }
  return 0;
}
