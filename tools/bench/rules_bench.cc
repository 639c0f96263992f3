// Throughput of the rule set: MB/s of page text through ExtractFacts and the
// three parsers, over the reference texts (corpus/source/*.txt, or the files
// named in BAOCAO_RULES_BENCH_FILES, separated by ':').
//
//   build/tools/bench/rules_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/rules.h"

namespace {

std::vector<std::string> InputFiles() {
  std::vector<std::string> files;
  if (const char* list = std::getenv("BAOCAO_RULES_BENCH_FILES")) {
    std::stringstream stream(list);
    for (std::string file; std::getline(stream, file, ':');) {
      if (!file.empty()) files.push_back(file);
    }
    return files;
  }
  const std::filesystem::path folder = std::filesystem::path(BAOCAO_SOURCE_DIR) / "corpus/source";
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  }
  return files;
}

// The reference texts cut into pages at form feeds (or 3,000-byte pieces at a
// line end, about a printed page, when there are none).
const std::vector<baocao::Page>& Pages() {
  static const std::vector<baocao::Page> pages = [] {
    std::vector<baocao::Page> out;
    for (const std::string& file : InputFiles()) {
      std::ifstream in(file, std::ios::binary);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::size_t start = 0;
      while (start < text.size()) {
        std::size_t end = text.find('\f', start);
        if (end == std::string::npos) {
          end = std::min(text.size(), start + 3000);
          const std::size_t line_end = text.find('\n', end);
          end = line_end == std::string::npos ? text.size() : line_end + 1;
        }
        baocao::Page page;
        page.number = static_cast<int>(out.size()) + 1;
        page.text = text.substr(start, end - start);
        out.push_back(std::move(page));
        start = end + 1;
      }
    }
    return out;
  }();
  return pages;
}

int64_t TotalBytes() {
  int64_t total = 0;
  for (const baocao::Page& page : Pages()) total += static_cast<int64_t>(page.text.size());
  return total;
}

// Everything the rules stage offers: facts plus the numbers and periods the
// indicator rules will read.
void BM_WholeRuleSet(benchmark::State& state) {
  baocao::RulesOptions options;
  options.document_year = 2024;
  for (auto _ : state) {
    for (const baocao::Page& page : Pages()) {
      benchmark::DoNotOptimize(baocao::ExtractFacts(page, options));
      benchmark::DoNotOptimize(baocao::FindNumbers(page.text));
      benchmark::DoNotOptimize(baocao::FindPeriods(page.text, options.document_year));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_WholeRuleSet)->Unit(benchmark::kMillisecond);

void BM_References(benchmark::State& state) {
  for (auto _ : state) {
    for (const baocao::Page& page : Pages()) {
      benchmark::DoNotOptimize(baocao::FindReferences(page.text));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_References)->Unit(benchmark::kMillisecond);

void BM_Periods(benchmark::State& state) {
  for (auto _ : state) {
    for (const baocao::Page& page : Pages()) {
      benchmark::DoNotOptimize(baocao::FindPeriods(page.text, 2024));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Periods)->Unit(benchmark::kMillisecond);

void BM_Numbers(benchmark::State& state) {
  for (auto _ : state) {
    for (const baocao::Page& page : Pages()) {
      benchmark::DoNotOptimize(baocao::FindNumbers(page.text));
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_Numbers)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
