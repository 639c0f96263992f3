// Build-time generator of the built-in syllable language model.
//
//   baocao_make_lm OUT.bin [--syllables INVENTORY.txt] [--domain-weight N] SOURCE...
//                  [--general SOURCE...]
//
// SOURCE is a UTF-8 text file (.txt, corpus truth with its markup), an HTML
// page (.html, .xhp), a gzipped man page (.gz), or a folder searched
// recursively for those. Their text is cleaned (tags, roff requests, corpus
// markup) and a modified Kneser-Ney trigram model is trained on it.
//
// Sources after --general are general text (software help, man pages) that
// mixes in untranslated English: with --syllables (one syllable per line),
// their lines are cut at every word outside the inventory, so that the
// model neither holds those words nor proposes them for lost letters. The
// domain sources before it keep their acronyms ("UBND") whole, and with
// --domain-weight N their lines count N times: they are a few percent of
// the training text, and a word they show once should still enter the
// model (tokens seen once become <unk>).
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "syllable_lm.h"

namespace {

namespace fs = std::filesystem;
using baocao::normalize_internal::CleanTrainingText;
using baocao::normalize_internal::NgramModel;
using baocao::normalize_internal::SplitAtForeignWords;

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

// Appends the non-blank lines of `text`, cut at foreign words if
// `syllables` is given.
void AddLines(const std::string& text, const std::unordered_set<std::string>* syllables,
              std::vector<std::string>* lines) {
  std::istringstream in(CleanTrainingText(text));
  std::string line;
  std::vector<std::string> pieces;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (syllables == nullptr) {
      lines->push_back(line);
      continue;
    }
    pieces.clear();
    SplitAtForeignWords(line, *syllables, &pieces);
    for (std::string& piece : pieces) lines->push_back(std::move(piece));
  }
}

struct Source {
  fs::path path;
  bool general = false;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: baocao_make_lm OUT.bin [--syllables INVENTORY.txt] [--domain-weight N] SOURCE... "
                 "[--general SOURCE...]\n";
    return 2;
  }
  std::vector<Source> files;
  std::unordered_set<std::string> syllables;
  bool general = false;
  int domain_weight = 1;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--domain-weight" && i + 1 < argc) {
      domain_weight = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    if (arg == "--general") {
      general = true;
      continue;
    }
    if (arg == "--syllables" && i + 1 < argc) {
      std::string text;
      if (!ReadSource(argv[++i], &text)) {
        std::cerr << "baocao_make_lm: cannot read '" << argv[i] << "'\n";
        return 1;
      }
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) syllables.insert(line);
      }
      continue;
    }
    const fs::path source(arg);
    std::error_code error;
    if (fs::is_directory(source, error)) {
      std::vector<Source> found;
      for (const auto& entry : fs::recursive_directory_iterator(source, error)) {
        if (entry.is_regular_file() && Wanted(entry.path())) found.push_back({entry.path(), general});
      }
      // The same model whatever the directory order.
      std::sort(found.begin(), found.end(), [](const Source& a, const Source& b) { return a.path < b.path; });
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back({source, general});
    }
  }
  std::vector<std::string> lines;
  for (const Source& source : files) {
    std::string text;
    if (!ReadSource(source.path, &text)) {
      std::cerr << "baocao_make_lm: cannot read '" << source.path.string() << "'\n";
      return 1;
    }
    for (int k = 0; k < (source.general ? 1 : domain_weight); ++k) {
      AddLines(text, source.general && !syllables.empty() ? &syllables : nullptr, &lines);
    }
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
