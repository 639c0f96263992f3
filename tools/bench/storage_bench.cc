// How fast the store takes documents in and answers searches.
//
//   build/tools/bench/storage_bench
//
// PutDocument: documents of 10 pages (about 2 KB of Vietnamese text each)
// and 20 facts, into a file store in WAL mode, one transaction per document.
// Search: accent-insensitive queries over a store of 20,000 pages.
// Series: `baocao series` over a store of 1,000,000 observations (200
// indicators x 500 entities x 10 years), filled with SQL once and kept in the
// temp folder between runs.
// Corpus: `baocao ingest` against reading alone (what `baocao extract` does)
// on the text-layer corpus variants, one file at a time, in one run; and the
// store's size per 1,000 pages.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/ingest_command.h"
#include "baocao/pipeline.h"
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

// ---- Series over 1,000,000 observations ------------------------------------

constexpr int kIndicators = 200;
constexpr int kEntities = 500;
constexpr int kYears = 10;

// The synthetic store, built with SQL (the API would take minutes for a
// million facts): facts, observations, entities, catalog and labels as
// PutDocument and PutIndicatorCatalog would write them.
const char kFillSeriesStore[] = R"sql(
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO documents (id, sha256, path, size, pages, status, extractor_version, ingested_at)
SELECT i, printf('%064d', i), printf('/bench/report_%04d.pdf', i), 1000, 10, 'ok', 'bench',
  '2024-01-01T00:00:00Z' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO entities (id, name, level, folded_key, name_key)
SELECT i, printf('huyện Số %d', i), 'huyện', printf('huyen so %d', i), printf('so %d', i) FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199)
INSERT INTO indicators (code, name, unit, synonyms)
SELECT printf('9.%d', i), printf('Chỉ tiêu thử nghiệm số %d', i), '%', '[]' FROM n;
INSERT INTO indicator_labels (code, label_key, label)
SELECT code, 'chi tieu thu nghiem so ' || substr(code, 3), name FROM indicators;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO facts (id, document_id, kind, fields, confidence, page, span_begin, span_end, quote,
  rule, review_status)
SELECT i + 1, i % 1000 + 1, 'indicator', '{}', 0.9, 1 + i % 10, 0, 5, 'quote', 'bench',
  CASE WHEN i % 97 = 0 THEN 'accepted' ELSE 'auto' END FROM n;
INSERT INTO observations (fact_id, document_id, entity_id, indicator_code, label, period_start,
  period_end, period_kind, value, unit)
SELECT id, document_id, (id - 1) / 200 % 500 + 1, printf('9.%d', (id - 1) % 200),
  'Chỉ tiêu thử nghiệm', printf('%04d-01-01', 2015 + (id - 1) / 100000),
  printf('%04d-12-31', 2015 + (id - 1) / 100000), 'year', (id % 1000) / 10.0, '%' FROM facts;
COMMIT;
)sql";

std::string SeriesStorePath() {
  return (fs::temp_directory_path() / "baocao_bench_series_1m.db").string();
}

// Opens the kept store, building it when it is missing or incomplete.
std::unique_ptr<baocao::Store> SeriesStore(std::string* error) {
  const std::string path = SeriesStorePath();
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto store = baocao::Store::Open(path, baocao::StoreOptions());
    if (!store.ok()) {
      *error = store.status().message();
      return nullptr;
    }
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt* count = nullptr;
    long long observations = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM observations", -1, &count, nullptr) ==
            SQLITE_OK &&
        sqlite3_step(count) == SQLITE_ROW)
      observations = sqlite3_column_int64(count, 0);
    sqlite3_finalize(count);
    if (observations == 1000000) {
      sqlite3_close(db);
      return std::move(store).value();
    }
    store.value().reset();
    sqlite3_close(db);
    RemoveStore(path);
    (void)baocao::Store::Open(path, baocao::StoreOptions());  // the schema
    sqlite3_open(path.c_str(), &db);
    char* message = nullptr;
    if (sqlite3_exec(db, kFillSeriesStore, nullptr, nullptr, &message) != SQLITE_OK) {
      *error = message ? message : "cannot fill the series store";
      sqlite3_free(message);
      sqlite3_close(db);
      return nullptr;
    }
    sqlite3_close(db);
  }
  *error = "the series store did not fill";
  return nullptr;
}

// What `baocao series INDICATOR [--entity NAME]` asks the store: the
// indicator lookup, then the series.
void BM_Series(benchmark::State& state, const char* indicator, const char* entity) {
  std::string error;
  std::unique_ptr<baocao::Store> store = SeriesStore(&error);
  if (!store) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::size_t rows = 0;
  for (auto _ : state) {
    auto found = store->FindIndicators(indicator);
    if (!found.ok() || found.value().empty()) {
      state.SkipWithError("the indicator is not found");
      return;
    }
    auto series = store->Series({found.value().front(), entity, "", ""});
    if (!series.ok()) {
      state.SkipWithError(series.status().message().c_str());
      return;
    }
    rows = series.value().size();
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK_CAPTURE(BM_Series, one_entity_by_code, "9.42", "huyện Số 17")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Series, one_entity_by_name, "chi tieu thu nghiem so 42", "so 17")
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Series, all_entities_by_code, "9.42", "")->Unit(benchmark::kMillisecond);

// ---- Ingest against extract on the text-layer corpus ------------------------

std::vector<std::string> TextLayerCorpus() {
  std::vector<std::string> files;
  for (const char* variant : {"clean", "nfd", "uhorn", "tcvn3", "vni", "brokenmap", "nomap"}) {
    const fs::path folder = fs::path(BAOCAO_SOURCE_DIR) / "corpus" / "pdf" / variant;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
      if (entry.path().extension() == ".pdf") files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// One iteration reads every file with ReadDocument (as `baocao extract`
// does), then ingests the same files into a new store with the real
// `baocao ingest` code, one file at a time both ways. Counters: both times,
// their ratio (extract / ingest: 1 means storing costs nothing) and the
// store's size per 1,000 pages.
void BM_IngestVersusExtract(benchmark::State& state) {
  const std::vector<std::string> files = TextLayerCorpus();
  if (files.empty()) {
    state.SkipWithError("no corpus under " BAOCAO_SOURCE_DIR "/corpus/pdf");
    return;
  }
  baocao::cli::PipelineOptions pipeline;
  pipeline.extract.jobs = 1;
  pipeline.extract.ocr = false;
  double extract_seconds = 0;
  double ingest_seconds = 0;
  double bytes_per_1000_pages = 0;
  std::size_t pages = 0;
  for (auto _ : state) {
    pages = 0;
    const auto extract_start = std::chrono::steady_clock::now();
    for (const std::string& file : files) {
      auto doc = baocao::cli::ReadDocument(file, pipeline);
      if (doc.ok()) pages += doc.value().pages.size();
      benchmark::DoNotOptimize(doc);
    }
    extract_seconds = Seconds(std::chrono::steady_clock::now() - extract_start);

    const fs::path path = TempStorePath("ingest");
    RemoveStore(path);
    baocao::cli::IngestCommandOptions ingest;
    ingest.paths = files;
    ingest.db = path.string();
    ingest.jobs = 1;
    ingest.pipeline = pipeline;
    std::ostringstream out;
    std::ostringstream err;
    const auto ingest_start = std::chrono::steady_clock::now();
    const int code = baocao::cli::RunIngest(ingest, out, err);
    ingest_seconds = Seconds(std::chrono::steady_clock::now() - ingest_start);
    if (code != 0) {
      state.SkipWithError(err.str().c_str());
      return;
    }
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    bytes_per_1000_pages = pages == 0 ? 0 : static_cast<double>(size) * 1000.0 / static_cast<double>(pages);
    RemoveStore(path);
  }
  state.counters["files"] = static_cast<double>(files.size());
  state.counters["pages"] = static_cast<double>(pages);
  state.counters["extract_s"] = extract_seconds;
  state.counters["ingest_s"] = ingest_seconds;
  state.counters["speed_ratio"] = ingest_seconds > 0 ? extract_seconds / ingest_seconds : 0;
  state.counters["MB_per_1000_pages"] = bytes_per_1000_pages / 1e6;
}
BENCHMARK(BM_IngestVersusExtract)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
