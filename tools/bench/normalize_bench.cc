// Throughput of the normalize passes over the corpus truth texts (MB/s).
//
//   build/tools/bench/normalize_bench
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "baocao/normalize.h"
#include "eval/files.h"

namespace {

using baocao::eval::ReadFile;

// corpus/source/000..003.txt, clean Unicode Vietnamese.
const std::string& CorpusText() {
  static const std::string* const text = [] {
    auto* all = new std::string();
    for (const char* name : {"000", "001", "002", "003"}) {
      *all += ReadFile(std::string(BAOCAO_SOURCE_DIR) + "/corpus/source/" + name + ".txt");
    }
    return all;
  }();
  return *text;
}

// The corpus as a TCVN3 text layer shows it: every letter the TCVN3 table
// has, as its WinAnsi form; the rest (toned capitals) left as they are.
const std::string& CorpusTcvn3() {
  static const std::string* const text = [] {
    const std::string table = ReadFile(std::string(BAOCAO_SOURCE_DIR) + "/normalize/data/legacy/tcvn3.tsv");
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t pos = 0;
    while (pos < table.size()) {
      std::size_t eol = table.find('\n', pos);
      if (eol == std::string::npos) eol = table.size();
      const std::string line = table.substr(pos, eol - pos);
      pos = eol + 1;
      if (line.empty() || line[0] == '#') continue;
      const std::size_t t1 = line.find('\t');
      const std::size_t t2 = line.find('\t', t1 + 1);
      rows.emplace_back(line.substr(0, t1), line.substr(t2 + 1, line.find('\t', t2 + 1) - t2 - 1));
    }
    auto* out = new std::string();
    const std::string& in = CorpusText();
    for (std::size_t i = 0; i < in.size();) {
      bool done = false;
      for (const auto& [letter, winansi] : rows) {
        if (in.compare(i, letter.size(), letter) == 0) {
          *out += winansi;
          i += letter.size();
          done = true;
          break;
        }
      }
      if (!done) out->push_back(in[i++]);
    }
    return out;
  }();
  return *text;
}

void Run(benchmark::State& state, const std::string& text, baocao::NormalizeOptions options) {
  for (auto _ : state) {
    auto result = baocao::Normalize(text, options);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

baocao::NormalizeOptions Only(bool nfc, bool glyph_map, bool legacy) {
  baocao::NormalizeOptions options;
  options.nfc = nfc;
  options.glyph_map = glyph_map;
  options.legacy = legacy;
  return options;
}

void BM_NormalizeAllPasses(benchmark::State& state) { Run(state, CorpusText(), Only(true, true, true)); }
void BM_NfcPass(benchmark::State& state) { Run(state, CorpusText(), Only(true, false, false)); }
void BM_GlyphMapPass(benchmark::State& state) { Run(state, CorpusText(), Only(false, true, false)); }
void BM_LegacyPass(benchmark::State& state) { Run(state, CorpusText(), Only(false, false, true)); }
void BM_NormalizeTcvn3Text(benchmark::State& state) { Run(state, CorpusTcvn3(), Only(true, true, true)); }
// Passes 1-5 over the TCVN3 text, the scope of their speed goal. With
// lost-character detection on, headings whose toned capitals stay in
// Unicode among TCVN3 letters look damaged and are decoded as well.
void BM_Tcvn3TextWithoutLostChars(benchmark::State& state) {
  baocao::NormalizeOptions options = Only(true, true, true);
  options.lost_chars = baocao::LostCharacters::kOff;
  Run(state, CorpusTcvn3(), options);
}

void BM_FoldedKey(benchmark::State& state) {
  const std::string& text = CorpusText();
  for (auto _ : state) benchmark::DoNotOptimize(baocao::FoldedKey(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

void BM_CanonicalTones(benchmark::State& state) {
  const std::string& text = CorpusText();
  for (auto _ : state) benchmark::DoNotOptimize(baocao::CanonicalTones(text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}

BENCHMARK(BM_NormalizeAllPasses)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NfcPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GlyphMapPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LegacyPass)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NormalizeTcvn3Text)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tcvn3TextWithoutLostChars)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FoldedKey)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CanonicalTones)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
