// How much of font recovery the glyph-shape memory does, and the time it
// saves, on the corpus PDFs with broken fonts. Run from the repository root:
//
//   build/tools/bench/glyph_memory_bench [--learn dev] [--split test] [--variants brokenmap,nomap]
//
// The memory is learned from the clean PDFs of the --learn split, then every
// broken PDF of --split is read three ways: by OCR voting alone; with the
// shapes of the document's own sound fonts (the default without a memory
// file); and with those plus the learned memory. For each: codes recovered,
// codes the memory settled, CER against the truth, seconds. Not a test.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "baocao/extract.h"
#include "baocao/glyph_memory.h"
#include "eval/text_metrics.h"
#include "eval/files.h"

namespace {

using baocao::eval::ReadFile;

using Clock = std::chrono::steady_clock;

struct Tally {
  std::size_t codes = 0;        // broken codes given a character
  std::size_t from_memory = 0;  // of them, settled by shapes
  std::size_t unresolved = 0;
  baocao::eval::EditCounts edits;
  int pages = 0;
  double seconds = 0;
};

void Read(const std::string& pdf, const std::string& truth_dir, const baocao::ExtractOptions& options,
          Tally& tally) {
  const auto start = Clock::now();
  baocao::Result<baocao::Document> doc = baocao::ExtractPdf(pdf, options);
  tally.seconds += std::chrono::duration<double>(Clock::now() - start).count();
  if (!doc.ok()) {
    std::cerr << doc.status().ToString() << '\n';
    return;
  }
  for (const baocao::FontInfo& font : doc.value().fonts) {
    tally.codes += font.recovered.size();
    tally.unresolved += font.unresolved_codes.size();
    for (const baocao::RecoveredCode& code : font.recovered) tally.from_memory += code.from_memory;
  }
  for (const baocao::Page& page : doc.value().pages) {
    char name[32];
    std::snprintf(name, sizeof name, "/page-%03d.txt", page.number);
    tally.edits += baocao::eval::CharacterEdits(baocao::eval::ComparableText(page.text),
                                                baocao::eval::ComparableText(ReadFile(truth_dir + name)));
    ++tally.pages;
  }
}

}  // namespace

int main(int argc, char** argv) {
  baocao::RestartWithOneOcrThreadPerPage(argv);
  CLI::App app("The glyph-shape memory against OCR voting on the corpus's broken fonts", "glyph_memory_bench");
  std::string corpus = "corpus";
  std::string learn = "dev";
  std::string split = "test";
  std::vector<std::string> variants = {"brokenmap", "nomap"};
  app.add_option("--corpus", corpus, "Corpus folder (with manifest.json)");
  app.add_option("--learn", learn, "Split whose clean PDFs teach the memory")->check(CLI::IsMember({"dev", "test"}));
  app.add_option("--split", split, "Split whose broken PDFs are read")->check(CLI::IsMember({"dev", "test"}));
  app.add_option("--variants", variants, "Variants with broken fonts")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  const nlohmann::json manifest = nlohmann::json::parse(ReadFile(corpus + "/manifest.json"));
  std::map<std::string, std::string> split_of;
  for (const auto& d : manifest["documents"]) split_of[d["id"]] = d["split"];

  baocao::GlyphMemory memory;
  baocao::ExtractOptions learning;
  learning.glyph_memory = &memory;
  learning.ocr = false;
  for (const auto& f : manifest["files"]) {
    if (f["variant"] != "clean" || split_of[f["doc"]] != learn) continue;
    const std::string pdf = corpus + "/" + f["path"].get<std::string>();
    if (baocao::Result<baocao::Document> read = baocao::ExtractPdf(pdf, learning); !read.ok()) {
      std::cerr << read.status().ToString() << '\n';
    }
  }
  std::printf("memory learned from the clean %s PDFs: %zu shapes\n\n", learn.c_str(), memory.size());

  const std::vector<std::pair<std::string, std::string>> ways = {
      {"ocr voting alone", "none"}, {"own sound fonts", "own"}, {"own + memory", "memory"}};
  std::map<std::string, std::map<std::string, Tally>> table;  // variant -> way -> tally
  for (const auto& f : manifest["files"]) {
    const std::string variant = f["variant"], doc = f["doc"];
    if (split_of[doc] != split || std::find(variants.begin(), variants.end(), variant) == variants.end()) continue;
    const std::string pdf = corpus + "/" + f["path"].get<std::string>();
    for (const auto& [label, way] : ways) {
      baocao::ExtractOptions options;
      options.glyph_shapes = way != "none";
      // A copy, so that what one document teaches does not help the next.
      baocao::GlyphMemory copy;
      if (way == "memory") {
        const std::string path = std::filesystem::temp_directory_path() / "baocao_bench.glyphs";
        if (!memory.Save(path).ok() || !copy.Load(path).ok()) return 1;
        options.glyph_memory = &copy;
      }
      Read(pdf, corpus + "/truth/" + doc, options, table[variant][label]);
    }
    std::cerr << pdf << " done\n";
  }

  std::printf("| variant (%s) | way | codes recovered | by shape | unresolved | CER | seconds | pages/s |\n",
              split.c_str());
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (auto& [variant, by_way] : table) {
    for (const auto& [label, way] : ways) {
      const Tally& t = by_way[label];
      std::printf("| %s | %s | %zu | %zu | %zu | %.3f%% | %.1f | %.2f |\n", variant.c_str(), label.c_str(), t.codes,
                  t.from_memory, t.unresolved, 100 * t.edits.Rate(), t.seconds,
                  t.seconds > 0 ? t.pages / t.seconds : 0.0);
    }
  }
  return 0;
}
