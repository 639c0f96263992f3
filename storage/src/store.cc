#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "baocao/storage.h"
#include "documents.h"
#include "fact_tables.h"
#include "page_json.h"
#include "schema.h"
#include "search_query.h"
#include "series.h"
#include "sqlite.h"
#include "stored_facts.h"

namespace baocao {

// Doubtful facts wait for a person even when the rules are confident.
bool NeedsReview(const Fact& fact, const PutOptions& options) {
  return fact.confidence < options.review_below_confidence || !fact.review_reasons.empty();
}

namespace {

using storage_internal::Connection;
using storage_internal::Statement;
using storage_internal::Transaction;

std::string JsonList(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string MetadataJson(const Document& doc) {
  nlohmann::json fonts = nlohmann::json::array();
  for (const FontInfo& font : doc.fonts) {
    // Counts, not the codes: enough to tell a reviewer how far the text of a
    // font can be trusted; `baocao extract --json` lists the codes.
    fonts.push_back({{"name", font.name},
                     {"type", font.type},
                     {"embedded", font.embedded},
                     {"has_to_unicode", font.has_to_unicode},
                     {"mapping", std::string(FontMappingName(font.mapping))},
                     {"recovered", font.recovered.size()},
                     {"unresolved", font.unresolved_codes.size()}});
  }
  const nlohmann::json metadata = {
      {"creator", doc.creator}, {"title", doc.title}, {"fonts", fonts}};
  return metadata.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Every warning of the document and its pages.
std::vector<std::string> AllWarnings(const Document& doc) {
  std::vector<std::string> warnings = doc.warnings;
  for (const Page& page : doc.pages)
    warnings.insert(warnings.end(), page.warnings.begin(), page.warnings.end());
  return warnings;
}

ReviewStatus InitialReview(const Fact& fact, const PutOptions& options) {
  return NeedsReview(fact, options) ? ReviewStatus::kNeedsReview : ReviewStatus::kAuto;
}

const char* DocumentStatus(const Document& doc) {
  for (const Page& page : doc.pages) {
    if (page.route == PageRoute::kFailed) return "partial";
  }
  return "ok";
}

// What tells a re-extracted fact from a reviewed one it repeats.
using FactKey = std::tuple<std::string, std::string, std::int64_t, std::int64_t, std::int64_t>;

FactKey KeyOf(const Fact& fact) {
  return {fact.kind, fact.rule, fact.page, static_cast<std::int64_t>(fact.span.begin),
          static_cast<std::int64_t>(fact.span.end)};
}

Status CheckRecord(const DocumentRecord& record) {
  if (record.sha256.size() != 64) {
    return Status(StatusCode::kInvalidArgument,
                  "document record: sha256 must be 64 hex digits, got '" + record.sha256 + "'");
  }
  return Status::Ok();
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Connection> db) : db_(std::move(db)) {}

  Result<PutResult> PutDocument(const Document& doc, const DocumentRecord& record,
                                const PutOptions& options) override;
  Status RecordFailure(const std::string& path, std::size_t size, const DocumentRecord& record,
                       const Status& error) override;
  Result<std::unordered_set<std::string>> StoredDocumentHashes() override;
  Result<std::vector<SearchHit>> Search(std::string_view query,
                                        const SearchOptions& options) override;
  Result<StoreStats> Stats() override;
  Status ForEachFact(const FactFilter& filter,
                     const std::function<void(const StoredFact&)>& visit) override {
    return storage_internal::ForEachFact(*db_, filter, visit);
  }
  Status ReviewFact(std::int64_t fact_id, const FactReview& review) override {
    return storage_internal::ReviewFact(*db_, fact_id, review);
  }
  Result<std::vector<ReviewLogEntry>> ReviewLog(std::int64_t fact_id) override {
    return storage_internal::ReviewLog(*db_, fact_id);
  }
  Result<StoredFact> GetFact(std::int64_t fact_id) override {
    return storage_internal::GetFact(*db_, fact_id);
  }
  Result<std::vector<StoredFact>> FactsToReview(int limit) override {
    return storage_internal::FactsToReview(*db_, limit);
  }
  Result<ReviewQueuePage> ReviewQueue(const ReviewQueueQuery& query) override {
    return storage_internal::ReviewQueue(*db_, query);
  }
  Status UndoReview(std::int64_t fact_id, const std::string& at,
                    std::int64_t expected_revision) override {
    return storage_internal::UndoReview(*db_, fact_id, at, expected_revision);
  }
  Result<std::vector<DocumentSummary>> ListDocuments() override {
    return storage_internal::ListDocuments(*db_);
  }
  Result<DocumentSummary> GetDocument(std::int64_t document_id) override {
    return storage_internal::GetDocument(*db_, document_id);
  }
  Result<std::string> DocumentMetadataJson(std::int64_t document_id) override {
    return storage_internal::DocumentMetadataJson(*db_, document_id);
  }
  Result<StoredPage> GetPage(std::int64_t document_id, int number) override {
    return storage_internal::GetPage(*db_, document_id, number);
  }
  Result<std::vector<StoredPage>> ListPages(std::int64_t document_id) override {
    return storage_internal::ListPages(*db_, document_id);
  }
  Status PutIndicatorCatalog(const std::vector<IndicatorRecord>& catalog) override {
    return storage_internal::PutIndicatorCatalog(*db_, catalog);
  }
  Result<std::vector<IndicatorCandidate>> FindIndicators(std::string_view query) override {
    return storage_internal::FindIndicators(*db_, query);
  }
  Result<std::vector<SeriesPoint>> Series(const SeriesQuery& query) override {
    return storage_internal::Series(*db_, query);
  }
  Result<std::vector<DeadlineRow>> Deadlines(const DeadlineQuery& query) override {
    return storage_internal::Deadlines(*db_, query);
  }

 private:
  struct Existing {
    std::int64_t id = 0;
    std::string status;
  };
  Result<std::optional<Existing>> FindDocument(const std::string& sha256);
  Result<std::set<FactKey>> ClearForReplacement(std::int64_t document_id);
  Status UpdateDocumentRow(std::int64_t id, const Document& doc, const DocumentRecord& record);
  Result<std::int64_t> InsertDocumentRow(const Document& doc, const DocumentRecord& record);
  Status InsertPage(std::int64_t document_id, const Page& page, const std::vector<Span>& fact_spans);
  Status InsertFact(std::int64_t document_id, const Fact& fact, ReviewStatus review);
  Status Count(const char* sql, std::map<std::string, std::int64_t>& counts);

  std::unique_ptr<Connection> db_;
};

Result<std::optional<SqliteStore::Existing>> SqliteStore::FindDocument(const std::string& sha256) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * find,
                          db_->Prepare("SELECT id, status FROM documents WHERE sha256 = ?1"));
  find->Bind(1, sha256);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, find->Step());
  if (!row) return std::optional<Existing>();
  Existing existing{find->Int(0), find->Text(1)};
  find->Reset();
  return std::optional<Existing>(existing);
}

// Removes the pages and the unreviewed facts of document `document_id`;
// returns the keys of the reviewed facts that stay.
Result<std::set<FactKey>> SqliteStore::ClearForReplacement(std::int64_t document_id) {
  std::set<FactKey> kept;
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * reviewed,
      db_->Prepare(
          "SELECT kind, rule, page, span_begin, span_end FROM facts\n"
          "WHERE document_id = ?1 AND review_status IN ('accepted', 'corrected', 'rejected')"));
  reviewed->Bind(1, document_id);
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, reviewed->Step());
    if (!row) break;
    kept.insert({reviewed->Text(0), reviewed->Text(1), reviewed->Int(2), reviewed->Int(3),
                 reviewed->Int(4)});
  }
  reviewed->Reset();
  // Derived rows go with their facts (ON DELETE CASCADE), page_search with its pages (triggers).
  for (const char* sql : {"DELETE FROM pages WHERE document_id = ?1",
                          "DELETE FROM facts WHERE document_id = ?1\n"
                          "  AND review_status IN ('auto', 'needs_review')"}) {
    BAOCAO_ASSIGN_OR_RETURN(Statement * remove, db_->Prepare(sql));
    remove->Bind(1, document_id);
    BAOCAO_RETURN_IF_ERROR(remove->Run());
  }
  return kept;
}

Status SqliteStore::UpdateDocumentRow(std::int64_t id, const Document& doc,
                                      const DocumentRecord& record) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * update,
      db_->Prepare(
          "UPDATE documents SET path = ?2, size = ?3, pages = ?4, producer = ?5, metadata = ?6,\n"
          "  status = ?7, errors = ?8, extractor_version = ?9, ingested_at = ?10 WHERE id = ?1"));
  update->Bind(1, id);
  update->Bind(2, doc.path);
  update->Bind(3, static_cast<std::int64_t>(doc.file_size));
  update->Bind(4, static_cast<std::int64_t>(doc.pages.size()));
  update->Bind(5, doc.producer);
  update->Bind(6, MetadataJson(doc));
  update->Bind(7, DocumentStatus(doc));
  update->Bind(8, JsonList(AllWarnings(doc)));
  update->Bind(9, record.extractor_version);
  update->Bind(10, record.ingested_at);
  return update->Run();
}

Result<std::int64_t> SqliteStore::InsertDocumentRow(const Document& doc,
                                                    const DocumentRecord& record) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db_->Prepare(
          "INSERT INTO documents (sha256, path, size, pages, producer, metadata, status, errors,\n"
          "  extractor_version, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  insert->Bind(1, record.sha256);
  insert->Bind(2, doc.path);
  insert->Bind(3, static_cast<std::int64_t>(doc.file_size));
  insert->Bind(4, static_cast<std::int64_t>(doc.pages.size()));
  insert->Bind(5, doc.producer);
  insert->Bind(6, MetadataJson(doc));
  insert->Bind(7, DocumentStatus(doc));
  insert->Bind(8, JsonList(AllWarnings(doc)));
  insert->Bind(9, record.extractor_version);
  insert->Bind(10, record.ingested_at);
  BAOCAO_RETURN_IF_ERROR(insert->Run());
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()));
}

Status SqliteStore::InsertPage(std::int64_t document_id, const Page& page,
                               const std::vector<Span>& fact_spans) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db_->Prepare(
          "INSERT INTO pages (document_id, number, text, folded_text, route, quality, warnings,\n"
          "  width, height, words, repairs) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  insert->Bind(1, document_id);
  insert->Bind(2, page.number);
  insert->Bind(3, page.text);
  insert->Bind(4, FoldAccents(page.text));
  insert->Bind(5, PageRouteName(page.route));
  insert->Bind(6, page.quality);
  insert->Bind(7, JsonList(page.warnings));
  insert->Bind(8, page.width);
  insert->Bind(9, page.height);
  insert->Bind(10, storage_internal::WordsToJson(page.words, fact_spans));
  insert->Bind(11, storage_internal::RepairsToJson(page.repairs));
  return insert->Run();
}

Status SqliteStore::InsertFact(std::int64_t document_id, const Fact& fact, ReviewStatus review) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db_->Prepare(
          "INSERT INTO facts (document_id, kind, fields, confidence, page, span_begin, span_end,\n"
          "  quote, rule, review_status, review_reasons)\n"
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  insert->Bind(1, document_id);
  insert->Bind(2, fact.kind);
  insert->Bind(3, storage_internal::FieldsToJson(fact.fields));
  insert->Bind(4, fact.confidence);
  insert->Bind(5, fact.page);
  insert->Bind(6, static_cast<std::int64_t>(fact.span.begin));
  insert->Bind(7, static_cast<std::int64_t>(fact.span.end));
  insert->Bind(8, fact.quote);
  insert->Bind(9, fact.rule);
  insert->Bind(10, ReviewStatusName(review));
  insert->Bind(11, JsonList(fact.review_reasons));
  BAOCAO_RETURN_IF_ERROR(insert->Run());
  const auto fact_id = static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_->handle()));
  return storage_internal::InsertDerivedRows(*db_, document_id, fact_id, fact.kind, fact.fields);
}

Result<PutResult> SqliteStore::PutDocument(const Document& doc, const DocumentRecord& record,
                                           const PutOptions& options) {
  BAOCAO_RETURN_IF_ERROR(CheckRecord(record));
  Transaction transaction(*db_);
  BAOCAO_RETURN_IF_ERROR(transaction.Begin());
  BAOCAO_ASSIGN_OR_RETURN(const std::optional<Existing> existing, FindDocument(record.sha256));

  PutResult result;
  std::set<FactKey> kept;
  if (existing && existing->status != "failed" && !options.force) {
    result.document_id = existing->id;
    result.outcome = PutOutcome::kUnchanged;
    return result;  // the transaction rolls back: nothing was written
  }
  if (existing) {
    result.document_id = existing->id;
    result.outcome = PutOutcome::kReplaced;
    BAOCAO_ASSIGN_OR_RETURN(kept, ClearForReplacement(existing->id));
    BAOCAO_RETURN_IF_ERROR(UpdateDocumentRow(existing->id, doc, record));
  } else {
    BAOCAO_ASSIGN_OR_RETURN(result.document_id, InsertDocumentRow(doc, record));
  }
  // Only the words facts were read from keep their boxes: all of them would
  // triple the store for boxes nobody looks at.
  std::map<int, std::vector<Span>> fact_spans;
  for (const Fact& fact : doc.facts) fact_spans[fact.page].push_back(fact.span);
  for (const FactKey& key : kept) {
    fact_spans[static_cast<int>(std::get<2>(key))].push_back(
        {static_cast<std::size_t>(std::get<3>(key)), static_cast<std::size_t>(std::get<4>(key))});
  }
  for (const Page& page : doc.pages) {
    Status stored = InsertPage(result.document_id, page, fact_spans[page.number]);
    if (!stored.ok()) {
      return Status(stored.code(), "'" + doc.path + "' page " + std::to_string(page.number) +
                                       ": cannot be stored: " + stored.message());
    }
  }
  result.facts_kept = static_cast<int>(kept.size());
  for (const Fact& fact : doc.facts) {
    if (kept.count(KeyOf(fact)) > 0) continue;
    Status stored = InsertFact(result.document_id, fact, InitialReview(fact, options));
    if (!stored.ok()) {
      return Status(stored.code(), "'" + doc.path + "' page " + std::to_string(fact.page) + ": " +
                                       fact.kind + " fact cannot be stored: " + stored.message());
    }
    ++result.facts_stored;
  }
  BAOCAO_RETURN_IF_ERROR(transaction.Commit());
  return result;
}

Status SqliteStore::RecordFailure(const std::string& path, std::size_t size,
                                  const DocumentRecord& record, const Status& error) {
  BAOCAO_RETURN_IF_ERROR(CheckRecord(record));
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * upsert,
      db_->Prepare(
          "INSERT INTO documents (sha256, path, size, pages, status, errors, extractor_version,\n"
          "  ingested_at) VALUES (?1, ?2, ?3, 0, 'failed', ?4, ?5, ?6)\n"
          "ON CONFLICT (sha256) DO UPDATE SET path = excluded.path, errors = excluded.errors,\n"
          "  extractor_version = excluded.extractor_version, ingested_at = excluded.ingested_at\n"
          "  WHERE documents.status = 'failed'"));
  upsert->Bind(1, record.sha256);
  upsert->Bind(2, path);
  upsert->Bind(3, static_cast<std::int64_t>(size));
  upsert->Bind(4, JsonList({error.message()}));
  upsert->Bind(5, record.extractor_version);
  upsert->Bind(6, record.ingested_at);
  return upsert->Run();
}

Result<std::unordered_set<std::string>> SqliteStore::StoredDocumentHashes() {
  std::unordered_set<std::string> hashes;
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db_->Prepare("SELECT sha256 FROM documents WHERE status <> 'failed'"));
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    hashes.insert(select->Text(0));
  }
  select->Reset();
  return hashes;
}

Result<std::vector<SearchHit>> SqliteStore::Search(std::string_view query,
                                                   const SearchOptions& options) {
  const storage_internal::SearchTerms terms = storage_internal::ParseSearchQuery(query);
  if (terms.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "the search text '" + std::string(query) + "' has no words");
  }
  // The as-typed column weighs more, so matching the accents ranks higher.
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db_->Prepare(
          "SELECT p.document_id, d.path, p.number, p.text, bm25(page_search, 2.0, 1.0) AS score\n"
          "FROM page_search JOIN pages p ON p.id = page_search.rowid\n"
          "  JOIN documents d ON d.id = p.document_id\n"
          "WHERE page_search MATCH ?1 ORDER BY score, p.document_id, p.number LIMIT ?2"));
  select->Bind(1, storage_internal::FtsMatchExpression(terms));
  select->Bind(2, options.limit);
  std::vector<SearchHit> hits;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    SearchHit hit;
    hit.document_id = select->Int(0);
    hit.path = select->Text(1);
    hit.page = static_cast<int>(select->Int(2));
    hit.snippet = storage_internal::Snippet(select->Text(3), terms);
    hit.score = select->Double(4);
    hits.push_back(std::move(hit));
  }
  select->Reset();
  return hits;
}

Status SqliteStore::Count(const char* sql, std::map<std::string, std::int64_t>& counts) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select, db_->Prepare(sql));
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    counts[select->Text(0)] = select->Int(1);
  }
  select->Reset();
  return Status::Ok();
}

Result<StoreStats> SqliteStore::Stats() {
  StoreStats stats;
  std::map<std::string, std::int64_t> documents;
  BAOCAO_RETURN_IF_ERROR(
      Count("SELECT status = 'failed', count(*) FROM documents GROUP BY 1", documents));
  stats.documents = documents["0"];
  stats.failed_documents = documents["1"];
  BAOCAO_RETURN_IF_ERROR(
      Count("SELECT route, count(*) FROM pages GROUP BY route", stats.pages_by_route));
  BAOCAO_RETURN_IF_ERROR(
      Count("SELECT kind, count(*) FROM facts GROUP BY kind", stats.facts_by_kind));
  BAOCAO_RETURN_IF_ERROR(Count("SELECT review_status, count(*) FROM facts GROUP BY review_status",
                               stats.facts_by_review));
  for (const auto& [route, count] : stats.pages_by_route) stats.pages += count;
  for (const auto& [kind, count] : stats.facts_by_kind) stats.facts += count;
  return stats;
}

// WAL lets readers (search, stats) run while a batch writes. NORMAL
// synchronous keeps every committed document across a crash of the process;
// a power cut may lose the last few commits, never leave one half-written.
Status Configure(Connection& db, const StoreOptions& options) {
  const std::string busy = "PRAGMA busy_timeout = " + std::to_string(options.busy_timeout_ms) + ";";
  BAOCAO_RETURN_IF_ERROR(db.Exec(busy.c_str()));
  BAOCAO_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON;"));
  // 64 MB of page cache (the default is 2 MB): a series touches rows spread
  // over the whole file, one page each; repeated queries then stay in memory.
  BAOCAO_RETURN_IF_ERROR(db.Exec("PRAGMA cache_size = -65536;"));
  BAOCAO_ASSIGN_OR_RETURN(Statement * wal, db.Prepare("PRAGMA journal_mode = WAL"));
  BAOCAO_RETURN_IF_ERROR(wal->Run());
  return db.Exec("PRAGMA synchronous = NORMAL;");
}

}  // namespace

std::string_view ReviewStatusName(ReviewStatus status) {
  switch (status) {
    case ReviewStatus::kAuto:
      return "auto";
    case ReviewStatus::kNeedsReview:
      return "needs_review";
    case ReviewStatus::kAccepted:
      return "accepted";
    case ReviewStatus::kCorrected:
      return "corrected";
    case ReviewStatus::kRejected:
      return "rejected";
  }
  return "auto";
}

Store::~Store() = default;

int Store::SchemaVersion() { return storage_internal::LatestSchemaVersion(); }

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  const bool in_memory = path == ":memory:";
  if (!in_memory && !options.create_if_missing && !std::filesystem::exists(path)) {
    return Status(StatusCode::kNotFound, "there is no store '" + path + "'");
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  BAOCAO_ASSIGN_OR_RETURN(std::unique_ptr<Connection> db, Connection::Open(path, flags));
  Status configured = Configure(*db, options);
  if (!configured.ok()) {
    if (configured.code() == StatusCode::kCorrupt) {
      return Status(StatusCode::kCorrupt,
                    "'" + path + "' is not a baocao store (not an SQLite database)");
    }
    return configured;
  }
  BAOCAO_RETURN_IF_ERROR(storage_internal::Migrate(*db));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

}  // namespace baocao
