#include "baocao/ingest_command.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "baocao/cli.h"
#include "baocao/review_fields.h"
#include "baocao/rules.h"
#include "baocao/version.h"
#include "baocao/worker_pool.h"

namespace baocao::cli {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Skipped {
  std::string path;
  std::string reason;
};

struct Inputs {
  std::vector<std::string> pdfs;
  std::vector<Skipped> skipped;
};

bool HasPdfExtension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pdf";
}

// PDF readers accept the header anywhere in the first kilobyte.
bool HasPdfHeader(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::string head(1024, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  return head.find("%PDF-") != std::string::npos;
}

void AddFile(const fs::path& path, Inputs& inputs) {
  if (!HasPdfExtension(path)) {
    inputs.skipped.push_back({path.string(), "not a .pdf file"});
  } else if (!HasPdfHeader(path)) {
    inputs.skipped.push_back({path.string(), "named .pdf but has no %PDF- header"});
  } else {
    inputs.pdfs.push_back(path.string());
  }
}

// The PDFs named or found (recursively, in name order) under `paths`; each once.
Inputs CollectInputs(const std::vector<std::string>& paths) {
  Inputs inputs;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      AddFile(path, inputs);
      continue;
    }
    if (!fs::is_directory(path, ec)) {
      inputs.skipped.push_back({path, "does not exist or is not a file or folder"});
      continue;
    }
    std::vector<fs::path> found;
    for (fs::recursive_directory_iterator
             it(path, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) found.push_back(it->path());
    }
    if (ec) inputs.skipped.push_back({path, "cannot be listed completely: " + ec.message()});
    std::sort(found.begin(), found.end());
    for (const fs::path& file : found) AddFile(file, inputs);
  }
  std::unordered_set<std::string> seen;
  std::erase_if(inputs.pdfs, [&seen](const std::string& p) {
    return !seen.insert(fs::weakly_canonical(p).string()).second;
  });
  return inputs;
}


std::string Duration(double seconds) {
  const auto total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                total % 60);
  return buffer;
}

// The failures that are the store's, not the document's: the batch stops.
bool IsStoreFailure(const Status& status) { return status.code() != StatusCode::kInvalidArgument; }

// What one batch did, kept by the single connection's owner.
struct Tally {
  std::size_t files = 0;  // PDFs in the batch
  std::size_t done = 0;   // of them, finished one way or another
  std::size_t stored = 0;
  std::size_t unchanged = 0;
  std::size_t pages = 0;
  std::map<std::string, std::size_t> routes;
  std::map<std::string, std::size_t> facts_by_kind;
  std::size_t facts_needing_review = 0;
  std::vector<Skipped> failed;
};

// The store's only connection, shared by the workers: one document is
// written at a time, each in its own transaction. Reports progress as
// documents finish.
class IngestBatch {
 public:
  IngestBatch(Store& store, const IngestCommandOptions& options,
              std::unordered_set<std::string> known, std::size_t files, std::ostream& err)
      : store_(store),
        options_(options),
        known_(std::move(known)),
        err_(err),
        start_(Clock::now()) {
    tally_.files = files;
  }

  const PipelineOptions& pipeline_options() const { return options_.pipeline; }
  bool stopped() const { return stopped_; }
  const Tally& tally() const { return tally_; }
  const Status& store_failure() const { return store_failure_; }

  // Whether `sha256` is stored and need not be read again. The set is read-only during the batch.
  bool AlreadyStored(const std::string& sha256) const {
    return !options_.force && known_.count(sha256) > 0;
  }

  void Unchanged(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++tally_.unchanged;
    Finish(path, "already in the store");
  }

  // Records that `path` could not be read; `sha256` is "" when even hashing failed.
  void Failed(const std::string& path, const std::string& sha256, const Status& why) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!sha256.empty() && !stopped_) {
      std::error_code ec;
      const auto size = fs::file_size(path, ec);
      Status recorded = store_.RecordFailure(path, ec ? 0 : size, Record(sha256), why);
      if (!recorded.ok()) StopBatch(recorded);
    }
    tally_.failed.push_back({path, why.message()});
    Finish(path, "failed: " + why.message());
  }

  void Put(const Document& doc, const std::string& sha256) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    Result<PutResult> put = store_.PutDocument(doc, Record(sha256), PutOptionsFor());
    if (!put.ok()) {
      if (IsStoreFailure(put.status())) {
        StopBatch(put.status());
        return;
      }
      tally_.failed.push_back({doc.path, put.status().message()});
      Finish(doc.path, "failed: " + put.status().message());
      return;
    }
    if (put.value().outcome == PutOutcome::kUnchanged) {
      ++tally_.unchanged;
      Finish(doc.path, "already in the store");
      return;
    }
    Count(doc);
    Finish(doc.path, std::to_string(doc.pages.size()) + " pages, " +
                         std::to_string(doc.facts.size()) + " facts stored");
  }

  // Ends the progress bar's line.
  void EndProgress() {
    if (options_.progress_bar && tally_.done > 0) err_ << '\n';
  }

 private:
  DocumentRecord Record(const std::string& sha256) const {
    return {sha256, std::string("baocao ") + BAOCAO_VERSION + " poppler " + PopplerVersion(),
            NowUtc()};
  }

  PutOptions PutOptionsFor() const {
    PutOptions put = options_.put;
    put.force = options_.force;
    return put;
  }

  void Count(const Document& doc) {
    ++tally_.stored;
    tally_.pages += doc.pages.size();
    for (const Page& page : doc.pages) ++tally_.routes[std::string(PageRouteName(page.route))];
    for (const Fact& fact : doc.facts) {
      ++tally_.facts_by_kind[fact.kind];
      if (NeedsReview(fact, options_.put)) ++tally_.facts_needing_review;
    }
  }

  void StopBatch(const Status& why) {
    stopped_ = true;
    store_failure_ = why;
  }

  void Finish(const std::string& path, const std::string& what) {
    ++tally_.done;
    if (!options_.progress_bar) {
      err_ << "[" << tally_.done << "/" << tally_.files << "] " << path << ": " << what << '\n';
      return;
    }
    const Clock::time_point now = Clock::now();
    if (tally_.done < tally_.files && now - last_bar_ < std::chrono::milliseconds(100)) return;
    last_bar_ = now;
    DrawBar(std::chrono::duration<double>(now - start_).count());
  }

  void DrawBar(double elapsed) {
    constexpr std::size_t kWidth = 24;
    const std::size_t filled = tally_.files == 0 ? kWidth : kWidth * tally_.done / tally_.files;
    const double pages_per_second = elapsed > 0 ? static_cast<double>(tally_.pages) / elapsed : 0;
    const double eta = tally_.done == 0 ? 0
                                        : elapsed / static_cast<double>(tally_.done) *
                                              static_cast<double>(tally_.files - tally_.done);
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.1f", pages_per_second);
    err_ << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] "
         << tally_.done << "/" << tally_.files << " files, " << tally_.pages << " pages, " << rate
         << " pages/s, ETA " << Duration(eta) << ", " << tally_.failed.size() << " errors\x1b[K"
         << std::flush;
  }

  Store& store_;
  const IngestCommandOptions& options_;
  const std::unordered_set<std::string> known_;
  std::ostream& err_;
  const Clock::time_point start_;
  Clock::time_point last_bar_;
  std::mutex mutex_;
  std::atomic<bool> stopped_{false};
  Status store_failure_;
  Tally tally_;
};

// One document through the pipeline, on a worker thread:
// read (extract -> normalize -> rules facts) -> store.
void IngestDocument(const std::string& path, IngestBatch& batch) {
  if (batch.stopped()) return;
  Result<std::string> sha256 = FileSha256(path);
  if (!sha256.ok()) {
    batch.Failed(path, "", sha256.status());
    return;
  }
  if (batch.AlreadyStored(sha256.value())) {
    batch.Unchanged(path);
    return;
  }
  Result<Document> doc = ReadDocument(path, batch.pipeline_options());
  if (!doc.ok()) {
    batch.Failed(path, sha256.value(), doc.status());
    return;
  }
  batch.Put(doc.value(), sha256.value());
}

void PrintCounts(const std::map<std::string, std::size_t>& counts, std::ostream& out) {
  bool first = true;
  for (const auto& [name, count] : counts) {
    out << (first ? " " : ", ") << name << " " << count;
    first = false;
  }
  if (first) out << " none";
  out << '\n';
}

void PrintSummary(const Tally& tally, const std::vector<Skipped>& skipped, std::ostream& out) {
  out << "ingested " << tally.stored << " documents, " << tally.pages << " pages; "
      << tally.unchanged << " already in the store; " << tally.failed.size() << " failed; "
      << skipped.size() << " skipped\n";
  out << "pages by route:";
  PrintCounts(tally.routes, out);
  out << "facts by kind:";
  PrintCounts(tally.facts_by_kind, out);
  out << "facts needing review: " << tally.facts_needing_review << '\n';
  if (!tally.failed.empty()) out << "failed:\n";
  for (const Skipped& failed : tally.failed)
    out << "  " << failed.path << ": " << failed.reason << '\n';
  if (!skipped.empty()) out << "skipped:\n";
  for (const Skipped& s : skipped) out << "  " << s.path << ": " << s.reason << '\n';
}

}  // namespace

std::vector<IndicatorRecord> IndicatorCatalogRecords() {
  std::vector<IndicatorRecord> records;
  for (const IndicatorDefinition& definition : IndicatorCatalog())
    records.push_back({definition.code, definition.name, definition.unit, definition.synonyms});
  return records;
}

int RunIngest(const IngestCommandOptions& options, std::ostream& out, std::ostream& err) {
  const Inputs inputs = CollectInputs(options.paths);
  Result<std::unique_ptr<Store>> store = Store::Open(options.db, StoreOptions());
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  Status catalog = store.value()->PutIndicatorCatalog(IndicatorCatalogRecords());
  if (!catalog.ok()) {
    err << "baocao: " << catalog.message() << '\n';
    return kExitFailure;
  }
  Result<std::unordered_set<std::string>> known = store.value()->StoredDocumentHashes();
  if (!known.ok()) {
    err << "baocao: " << known.status().message() << '\n';
    return kExitFailure;
  }

  // Files are read in parallel; a document's pages are then read one after another.
  IngestCommandOptions run_options = options;
  run_options.pipeline.extract.jobs = 1;
  GlyphMemoryFile shapes;
  if (options.use_glyph_memory) {
    const std::string path = options.glyph_memory.empty() ? options.db + ".glyphs" : options.glyph_memory;
    if (Status opened = shapes.Open(path); !opened.ok()) {
      err << "baocao: " << opened.message() << '\n';
      return kExitFailure;
    }
    run_options.pipeline.extract.glyph_memory = &shapes.memory();
  }
  IngestBatch batch(*store.value(), run_options, std::move(known).value(), inputs.pdfs.size(), err);
  const int jobs =
      options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  WorkerPool pool(jobs);
  pool.ForEach(inputs.pdfs.size(),
               [&](std::size_t i, int) { IngestDocument(inputs.pdfs[i], batch); });
  batch.EndProgress();
  if (Status saved = shapes.SaveIfChanged(); !saved.ok()) {
    err << "baocao: warning: the glyph-shape memory was not saved: " << saved.message() << '\n';
  }

  PrintSummary(batch.tally(), inputs.skipped, out);
  if (!batch.store_failure().ok()) {
    err << "baocao: the store failed, the batch stopped: " << batch.store_failure().message()
        << '\n';
    return kExitFailure;
  }
  const Tally& tally = batch.tally();
  if (tally.stored == 0 && tally.unchanged == 0) {
    err << "baocao: nothing could be ingested\n";
    return kExitFailure;
  }
  return kExitOk;
}

void AddIngestCommand(CLI::App& app, IngestCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Read PDF files and folders (searched recursively) into the store");
  cmd->add_option("paths", options.paths, "PDF files and folders")->required();
  cmd->add_option("--db", options.db, "The store file")->capture_default_str();
  cmd->add_option("-j,--jobs", options.jobs, "Files read at once (default: one per processor)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--force", options.force,
                "Read again files already in the store (reviewed facts are kept)");
  cmd->add_option("--password", options.pipeline.extract.password,
                  "Password for encrypted PDFs (the empty password is always tried first)");
  cmd->add_flag("!--no-ocr", options.pipeline.extract.ocr,
                "Never run OCR; keep whatever text layer a page has");
  cmd->add_option("--glyph-memory", options.glyph_memory,
                  "Glyph-shape memory file (default: DB.glyphs beside the store): broken fonts' glyphs "
                  "it knows need no OCR; fonts that pass triage teach it");
  cmd->add_flag("!--no-glyph-memory", options.use_glyph_memory, "Neither use nor teach a glyph-shape memory");
  cmd->add_option("--review-below", options.put.review_below_confidence,
                  "Facts less sure than this (0..1) go to the review queue, as do facts with a "
                  "reason to doubt them")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
}

bool IsTerminal(const std::ostream& stream) {
  if (&stream == &std::cerr) return ::isatty(STDERR_FILENO) == 1;
  if (&stream == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
  return false;
}

}  // namespace baocao::cli
