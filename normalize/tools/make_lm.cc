// Build-time generator of the built-in syllable language model.
//
//   baocao_make_lm OUT.bin SOURCE...
//
// SOURCE is a UTF-8 text file (.txt, corpus truth with its markup), an HTML
// page (.html, .xhp), a gzipped man page (.gz), or a folder searched
// recursively for those. Their text is cleaned (tags, roff requests, corpus
// markup) and a modified Kneser-Ney trigram model is trained on it.
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "syllable_lm.h"

namespace {

namespace fs = std::filesystem;
using baocao::normalize_internal::CleanTrainingText;
using baocao::normalize_internal::NgramModel;

bool ReadGzip(const fs::path& path, std::string* text) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  char buffer[1 << 14];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) text->append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  return n == 0;
}

bool ReadSource(const fs::path& path, std::string* text) {
  if (path.extension() == ".gz") return ReadGzip(path, text);
  std::ifstream file(path, std::ios::binary);
  if (!file) return false;
  text->assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  return true;
}

bool Wanted(const fs::path& path) {
  const std::string ext = path.extension().string();
  return ext == ".txt" || ext == ".html" || ext == ".htm" || ext == ".gz";
}

void AddLines(const std::string& text, std::vector<std::string>* lines) {
  std::istringstream in(CleanTrainingText(text));
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines->push_back(line);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: baocao_make_lm OUT.bin SOURCE...\n";
    return 2;
  }
  std::vector<fs::path> files;
  for (int i = 2; i < argc; ++i) {
    const fs::path source(argv[i]);
    std::error_code error;
    if (fs::is_directory(source, error)) {
      for (const auto& entry : fs::recursive_directory_iterator(source, error)) {
        if (entry.is_regular_file() && Wanted(entry.path())) files.push_back(entry.path());
      }
    } else {
      files.push_back(source);
    }
  }
  std::sort(files.begin(), files.end());  // the same model whatever the directory order
  std::vector<std::string> lines;
  for (const fs::path& path : files) {
    std::string text;
    if (!ReadSource(path, &text)) {
      std::cerr << "baocao_make_lm: cannot read '" << path.string() << "'\n";
      return 1;
    }
    AddLines(text, &lines);
  }
  const NgramModel model = NgramModel::Train(lines, 2);
  if (model.size() < 1000) {
    std::cerr << "baocao_make_lm: only " << model.size() << " tokens from " << files.size()
              << " files; are the sources right?\n";
    return 1;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << model.Serialize();
  if (!out) {
    std::cerr << "baocao_make_lm: cannot write '" << argv[1] << "'\n";
    return 1;
  }
  std::cout << "baocao_make_lm: " << files.size() << " files, " << lines.size() << " lines, "
            << model.size() << " tokens, " << model.bigram_count() << " bigrams, "
            << model.trigram_count() << " trigrams\n";
  return 0;
}
