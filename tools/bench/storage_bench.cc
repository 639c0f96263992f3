// How fast the store takes documents in and answers searches.
//
//   build/tools/bench/storage_bench
//
// PutDocument: documents of 10 pages (about 2 KB of Vietnamese text each)
// and 20 facts, into a file store in WAL mode, one transaction per document.
// Search: accent-insensitive queries over a store of 20,000 pages.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "baocao/storage.h"

namespace {

namespace fs = std::filesystem;

const char kParagraph[] =
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%. UBND tỉnh đã ban hành Quyết định số 123/QĐ-UBND "
    "ngày 15/3/2024 về cải cách hành chính; các sở, ban, ngành hoàn thành trước ngày 30/6/2024. "
    "Số thủ tục hành chính được đơn giản hóa là 45 thủ tục, chỉ số hài lòng của người dân đạt "
    "85%.\n";

baocao::Document MakeDocument(int serial, int pages, int facts) {
  baocao::Document doc;
  doc.path = "/corpus/report_" + std::to_string(serial) + ".pdf";
  doc.file_size = 100000;
  for (int p = 1; p <= pages; ++p) {
    baocao::Page page;
    page.number = p;
    for (int i = 0; i < 4; ++i) page.text += kParagraph;
    page.text += "trang " + std::to_string(p) + " tài liệu " + std::to_string(serial) + "\n";
    doc.pages.push_back(std::move(page));
  }
  for (int f = 0; f < facts; ++f) {
    baocao::Fact fact;
    fact.kind = f % 2 == 0 ? "indicator" : "reference";
    fact.page = 1 + f % pages;
    fact.span = {static_cast<std::size_t>(f), static_cast<std::size_t>(f + 10)};
    fact.quote = "đạt 98,5%";
    fact.rule = "bench";
    fact.confidence = 0.9;
    if (fact.kind == "indicator") {
      fact.fields = {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")},
                     {"percent", 98.5},
                     {"entity", std::string("Tỉnh Hà Giang")},
                     {"period_start", std::string("2024-01-01")},
                     {"period_end", std::string("2024-03-31")}};
    } else {
      fact.fields = {{"doc_type", std::string("Quyết định")},
                     {"number", std::string("123/QĐ-UBND")}};
    }
    doc.facts.push_back(std::move(fact));
  }
  return doc;
}

baocao::DocumentRecord Record(int serial) {
  return {baocao::Sha256Hex("bench document " + std::to_string(serial)), "bench",
          "2024-01-01T00:00:00Z"};
}

fs::path TempStorePath(const char* name) {
  return fs::temp_directory_path() /
         (std::string("baocao_bench_") + name + "_" + std::to_string(::getpid()) + ".db");
}

void RemoveStore(const fs::path& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
}

void BM_PutDocument(benchmark::State& state) {
  const int pages = static_cast<int>(state.range(0));
  const int facts = static_cast<int>(state.range(1));
  const fs::path path = TempStorePath("put");
  RemoveStore(path);
  auto store = baocao::Store::Open(path.string(), baocao::StoreOptions());
  if (!store.ok()) {
    state.SkipWithError(store.status().message().c_str());
    return;
  }
  int serial = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const baocao::Document doc = MakeDocument(serial, pages, facts);
    const baocao::DocumentRecord record = Record(serial++);
    state.ResumeTiming();
    auto put = store.value()->PutDocument(doc, record, baocao::PutOptions());
    if (!put.ok()) state.SkipWithError(put.status().message().c_str());
  }
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["pages/s"] = benchmark::Counter(static_cast<double>(state.iterations() * pages),
                                                 benchmark::Counter::kIsRate);
  state.counters["facts/s"] = benchmark::Counter(static_cast<double>(state.iterations() * facts),
                                                 benchmark::Counter::kIsRate);
  store.value().reset();
  RemoveStore(path);
}
BENCHMARK(BM_PutDocument)->Args({10, 20})->Args({100, 200})->Unit(benchmark::kMillisecond);

// A store of 2,000 documents of 10 pages, built once for the search
// benchmarks and removed at exit.
struct SearchFixture {
  SearchFixture() : path(TempStorePath("search")) {
    RemoveStore(path);
    store = baocao::Store::Open(path.string(), baocao::StoreOptions()).value();
    for (int serial = 0; serial < 2000; ++serial) {
      (void)store->PutDocument(MakeDocument(serial, 10, 20), Record(serial), baocao::PutOptions());
    }
  }
  ~SearchFixture() {
    store.reset();
    RemoveStore(path);
  }
  fs::path path;
  std::unique_ptr<baocao::Store> store;
};

baocao::Store& SearchStore() {
  static SearchFixture fixture;
  return *fixture.store;
}

void BM_Search(benchmark::State& state, const char* query) {
  baocao::Store& store = SearchStore();
  baocao::SearchOptions options;
  options.limit = 20;
  for (auto _ : state) {
    auto hits = store.Search(query, options);
    if (!hits.ok()) state.SkipWithError(hits.status().message().c_str());
    benchmark::DoNotOptimize(hits);
  }
}
BENCHMARK_CAPTURE(BM_Search, common_words_unaccented, "ty le ho so")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Search, rare_word, "\"tài liệu 1234\"")->Unit(benchmark::kMillisecond);

void BM_Stats(benchmark::State& state) {
  baocao::Store& store = SearchStore();
  for (auto _ : state) benchmark::DoNotOptimize(store.Stats());
}
BENCHMARK(BM_Stats)->Unit(benchmark::kMillisecond);

void BM_FoldAccents(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 4; ++i) text += kParagraph;
  for (auto _ : state) benchmark::DoNotOptimize(baocao::FoldAccents(text));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_FoldAccents);

}  // namespace

BENCHMARK_MAIN();
