// Character error rate of baocao on the corpus, per variant and split, beside
// pdftotext and the tesseract command on the same files, with pages per
// second for each. Run from the repository root:
//
//   build/tools/bench/corpus_accuracy --split test --compare pdftotext,tesseract -j 2
//
// Not a test: it prints a table for the issue notes and the README.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "baocao/extract.h"
#include "baocao/pipeline.h"
#include "eval/text_metrics.h"
#include "eval/files.h"

namespace {

using baocao::eval::ReadFile;

using Clock = std::chrono::steady_clock;

// Runs a shell command and returns its standard output.
std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

std::vector<std::string> SplitPages(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', start)) {
    pages.push_back(text.substr(start, ff - start));
    start = ff + 1;
  }
  pages.push_back(text.substr(start));
  return pages;
}

// pdftotext ends every page with a form feed; its last "page" is empty.
std::vector<std::string> PdftotextPages(const std::string& pdf) {
  std::vector<std::string> pages = SplitPages(Capture("pdftotext -enc UTF-8 '" + pdf + "' - 2>/dev/null"));
  if (!pages.empty() && pages.back().empty()) pages.pop_back();
  return pages;
}

// The tesseract command alone: each page rendered by pdftoppm at `dpi`, then
// recognised with the same language model, one OpenMP thread.
std::vector<std::string> TesseractPages(const std::string& pdf, int pages, int dpi, const std::string& lang,
                                        double* seconds) {
  std::vector<std::string> out;
  const std::string dir = std::filesystem::temp_directory_path() / "baocao_bench_tess";
  std::filesystem::create_directories(dir);
  for (int p = 1; p <= pages; ++p) {
    const std::string png = dir + "/page";
    Capture("pdftoppm -gray -r " + std::to_string(dpi) + " -f " + std::to_string(p) + " -l " +
            std::to_string(p) + " -singlefile -png '" + pdf + "' " + png);
    const auto start = Clock::now();
    out.push_back(Capture("OMP_THREAD_LIMIT=1 tesseract " + png + ".png - -l " + lang + " 2>/dev/null"));
    *seconds += std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::filesystem::remove_all(dir);
  return out;
}

struct Tally {
  baocao::eval::EditCounts edits;
  int pages = 0;
  double seconds = 0;
};

baocao::eval::EditCounts Compare(const std::vector<std::string>& hyp, const std::string& truth_dir) {
  baocao::eval::EditCounts total;
  for (std::size_t i = 0; i < hyp.size(); ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "/page-%03zu.txt", i + 1);
    total += baocao::eval::CharacterEdits(baocao::eval::ComparableText(hyp[i]),
                                          baocao::eval::ComparableText(ReadFile(truth_dir + name)));
  }
  return total;
}

std::string Cell(const Tally& t) {
  if (t.pages == 0) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f%% (%.1f p/s)", 100 * t.edits.Rate(),
                t.seconds > 0 ? t.pages / t.seconds : 0.0);
  return buffer;
}

}  // namespace

int main(int argc, char** argv) {
  baocao::RestartWithOneOcrThreadPerPage(argv);
  CLI::App app("CER of baocao on the corpus, beside pdftotext and tesseract", "corpus_accuracy");
  std::string corpus = "corpus";
  std::string split = "test";
  std::vector<std::string> variants;
  std::vector<std::string> compare;
  baocao::cli::PipelineOptions options;
  options.facts = false;  // text only
  app.add_option("--corpus", corpus, "Corpus folder (with manifest.json)");
  app.add_option("--split", split, "dev, test or all")->check(CLI::IsMember({"dev", "test", "all"}));
  app.add_option("--variants", variants, "Variants to measure (default: all)")->delimiter(',');
  app.add_option("--compare", compare, "Also run: pdftotext, tesseract")->delimiter(',');
  app.add_option("-j,--jobs", options.extract.jobs, "OCR threads");
  app.add_flag("!--no-ocr", options.extract.ocr, "Never OCR");
  CLI11_PARSE(app, argc, argv);

  const nlohmann::json manifest = nlohmann::json::parse(ReadFile(corpus + "/manifest.json"));
  std::map<std::string, std::string> split_of;
  for (const auto& d : manifest["documents"]) split_of[d["id"]] = d["split"];
  auto wanted = [&](const std::string& v) {
    return variants.empty() || std::find(variants.begin(), variants.end(), v) != variants.end();
  };
  auto comparing = [&](const std::string& tool) {
    return std::find(compare.begin(), compare.end(), tool) != compare.end();
  };

  std::map<std::string, std::map<std::string, Tally>> table;  // variant -> tool -> tally
  std::vector<std::string> order;
  for (const auto& f : manifest["files"]) {
    const std::string variant = f["variant"], doc = f["doc"];
    if (!wanted(variant) || (split != "all" && split_of[doc] != split)) continue;
    if (table.find(variant) == table.end()) order.push_back(variant);
    const std::string pdf = corpus + "/" + f["path"].get<std::string>();
    const std::string truth = corpus + "/truth/" + doc;
    const int pages = static_cast<int>(f["pages"].size());

    auto start = Clock::now();
    baocao::Result<baocao::Document> read = baocao::cli::ReadDocument(pdf, options);
    Tally& mine = table[variant]["baocao"];
    mine.seconds += std::chrono::duration<double>(Clock::now() - start).count();
    if (!read.ok()) {
      std::cerr << read.status().ToString() << '\n';
      continue;
    }
    std::vector<std::string> texts;
    for (const baocao::Page& p : read.value().pages) texts.push_back(p.text);
    mine.edits += Compare(texts, truth);
    mine.pages += pages;
    std::cerr << pdf << ": baocao " << 100 * Compare(texts, truth).Rate() << "%\n";

    if (comparing("pdftotext")) {
      // The extract stage alone (text layer, triage, structure; no repair,
      // no rules) on documents whose every page keeps its text layer: what
      // pdftotext does, so their speeds compare.
      bool text_layer = true;
      for (const auto& p : f["pages"]) text_layer &= p["route"] == "text";
      if (text_layer) {
        start = Clock::now();
        baocao::Result<baocao::Document> layer = baocao::ExtractPdf(pdf, options.extract);
        Tally& t = table[variant]["extract"];
        t.seconds += std::chrono::duration<double>(Clock::now() - start).count();
        if (layer.ok()) {
          std::vector<std::string> raw;
          for (const baocao::Page& p : layer.value().pages) raw.push_back(p.text);
          t.edits += Compare(raw, truth);
          t.pages += pages;
        }
      }
      start = Clock::now();
      const std::vector<std::string> pt = PdftotextPages(pdf);
      Tally& t = table[variant]["pdftotext"];
      t.seconds += std::chrono::duration<double>(Clock::now() - start).count();
      t.edits += Compare(pt, truth);
      t.pages += pages;
    }
    if (comparing("tesseract")) {
      Tally& t = table[variant]["tesseract"];
      t.edits += Compare(TesseractPages(pdf, pages, options.extract.ocr_dpi, options.extract.ocr_languages, &t.seconds), truth);
      t.pages += pages;
    }
  }

  std::cout << "| variant (" << split << ") | pages | baocao | pdftotext | tesseract |\n|---|---|---|---|---|\n";
  for (const std::string& v : order) {
    auto& row = table[v];
    std::cout << "| " << v << " | " << row["baocao"].pages << " | " << Cell(row["baocao"]) << " | "
              << Cell(row["pdftotext"]) << " | " << Cell(row["tesseract"]) << " |\n";
  }
  // Speed ratios measured in this run, on the same pages.
  for (const std::string& v : order) {
    auto& row = table[v];
    const auto rate = [](const Tally& t) { return t.seconds > 0 ? t.pages / t.seconds : 0.0; };
    if (row["extract"].pages > 0 && row["pdftotext"].pages > 0) {
      std::printf("%s: extract stage alone %.1f p/s (CER %.2f%%), pdftotext %.1f p/s: %.2fx\n", v.c_str(),
                  rate(row["extract"]), 100 * row["extract"].edits.Rate(), rate(row["pdftotext"]),
                  rate(row["extract"]) / rate(row["pdftotext"]));
    }
    if (v == "scan" && row["tesseract"].pages > 0) {
      std::printf("%s: baocao %.3f p/s, tesseract %.3f p/s (-j %d): %.2fx\n", v.c_str(), rate(row["baocao"]),
                  rate(row["tesseract"]), options.extract.jobs, rate(row["baocao"]) / rate(row["tesseract"]));
    }
  }
  return 0;
}
