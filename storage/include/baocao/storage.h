// The SQLite store: documents, their pages and facts, what is derived from
// the facts (observations, tasks, references), and a full-text index over the
// page text that ignores Vietnamese accents.
//
//   baocao::StoreOptions options;
//   baocao::Result<std::unique_ptr<baocao::Store>> store =
//       baocao::Store::Open("baocao.db", options);
//   if (!store.ok()) { std::cerr << store.status().message(); return 1; }
//
//   baocao::DocumentRecord record;
//   record.sha256 = baocao::FileSha256(path).value();
//   record.extractor_version = "baocao 0.1.0";
//   record.ingested_at = "2024-05-01T08:00:00Z";
//   baocao::Result<baocao::PutResult> put = store.value()->PutDocument(doc, record, {});
//
//   auto hits = store.value()->Search("ty le", {});   // finds "tỷ lệ"
//
// A document is identified by the SHA-256 of its file. It is written in one
// transaction: after a crash it is either wholly in the store or not at all.
//
// A Store is not thread-safe: use it from one thread at a time. Several
// processes may open the same file (WAL mode); writers wait for each other.
#ifndef BAOCAO_STORAGE_H_
#define BAOCAO_STORAGE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

struct StoreOptions {
  // Create the file (and the schema) when it does not exist. When false,
  // opening a missing file fails with kNotFound.
  bool create_if_missing = true;
  // How long to wait for another process holding the write lock.
  int busy_timeout_ms = 10000;
};

// What the store keeps about a document besides the Document itself.
struct DocumentRecord {
  std::string sha256;             // FileSha256() of the file: 64 lowercase hex digits
  std::string extractor_version;  // the program and library versions that read it
  std::string ingested_at;        // ISO 8601 UTC time, given by the caller
};

struct PutOptions {
  // Replace a document already in the store (same sha256). Facts a person
  // reviewed (accepted, corrected or rejected) are kept, and a newly
  // extracted fact with the same kind, rule, page and span as a kept one is
  // dropped, so a review is never undone by re-extraction.
  bool force = false;
  // Facts below this confidence, or with review reasons (Fact::review_reasons),
  // are stored as needs_review, others as auto.
  double review_below_confidence = 0.7;
};

// Whether PutDocument stores `fact` as needs_review under `options`.
bool NeedsReview(const Fact& fact, const PutOptions& options);

enum class PutOutcome {
  kAdded,      // a new document
  kUnchanged,  // already in the store and not forced: nothing was written
  kReplaced,   // forced, or replacing an earlier failed attempt
};

struct PutResult {
  std::int64_t document_id = 0;
  PutOutcome outcome = PutOutcome::kAdded;
  int facts_stored = 0;  // newly written facts
  int facts_kept = 0;    // reviewed facts kept from the earlier version
};

// Review decisions on a fact, as stored in facts.review_status.
enum class ReviewStatus { kAuto, kNeedsReview, kAccepted, kCorrected, kRejected };

// "auto", "needs_review", "accepted", "corrected", "rejected".
std::string_view ReviewStatusName(ReviewStatus status);

// A person's decision on one fact. Written with an entry in the review log.
struct FactReview {
  ReviewStatus status = ReviewStatus::kAccepted;
  // Fields corrected by this decision, with their new values (monostate
  // removes a field); empty for none. One decision: one undo reverts them all.
  std::map<std::string, FieldValue> fields;
  std::string at;     // ISO 8601 UTC time, given by the caller
  // The fact's revision (StoredFact::revision) the reviewer saw, or -1 to
  // apply the decision whatever happened since. When it is not -1 and the
  // fact has since been reviewed by someone else, ReviewFact fails with
  // kConflict and writes nothing; the other decision stays in the log.
  std::int64_t expected_revision = -1;
};

// One entry of the append-only review log.
struct ReviewLogEntry {
  std::string at;
  std::int64_t fact_id = 0;
  std::string field;   // "review_status" or a fact field
  std::string before;  // JSON
  std::string after;   // JSON
  std::int64_t revision = 0;  // the fact's revision this decision made (0: logged before revisions)
};

struct SearchOptions {
  int limit = 20;
};

struct SearchHit {
  std::int64_t document_id = 0;
  std::string path;     // of the document
  int page = 0;         // 1-based
  std::string snippet;  // original text around the match, matches in [brackets]
  double score = 0;     // lower is better (SQLite bm25)
};

struct StoreStats {
  std::int64_t documents = 0;
  std::int64_t failed_documents = 0;  // files recorded with status "failed"
  std::int64_t pages = 0;
  std::int64_t facts = 0;
  std::map<std::string, std::int64_t> pages_by_route;  // "text", "ocr", ...
  std::map<std::string, std::int64_t> facts_by_kind;
  std::map<std::string, std::int64_t> facts_by_review;  // "auto", "accepted", ...
};

// A fact as the store holds it.
struct StoredFact {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string document_path;
  ReviewStatus review = ReviewStatus::kAuto;
  // How many review decisions (undos included) the fact has had.
  std::int64_t revision = 0;
  Fact fact;  // fact.review_reasons as stored
};

struct FactFilter {
  std::string kind;  // only facts of this kind; "" for all
  std::int64_t document_id = 0;  // only this document's facts; 0 for all
};

// Which facts of the review queue (status needs_review) to list.
struct ReviewQueueQuery {
  std::int64_t document_id = 0;  // 0: every document
  std::string kind;              // "": every kind
  // Only facts whose "entity" field, or whose document's metadata entity,
  // is this one (compared as MatchKey(), the level word may be left out).
  std::string entity;
  int limit = 50;
  int offset = 0;
};

struct ReviewQueuePage {
  std::vector<StoredFact> facts;  // lowest confidence first, then by id
  std::int64_t total = 0;         // facts matching the query, all pages of it
};

// A document as the store lists it.
struct DocumentSummary {
  std::int64_t id = 0;
  std::string sha256;
  std::string path;
  std::int64_t size = 0;
  int pages = 0;
  std::string producer;
  std::string status;            // "ok", "partial" or "failed"
  std::vector<std::string> errors;
  std::string extractor_version;
  std::string ingested_at;
  std::int64_t facts = 0;
  std::int64_t facts_to_review = 0;  // status needs_review
};

// A word of a stored page: where it is and where its text came from.
struct StoredWord {
  Box box;        // PDF points, origin top-left
  Span span;      // in StoredPage::text
  TextSource source = TextSource::kTextLayer;
  double confidence = 1.0;
};

struct StoredPage {
  std::int64_t document_id = 0;
  int number = 0;
  double width = 0;   // points; 0 when stored before sizes were kept
  double height = 0;
  std::string route;  // PageRouteName()
  double quality = 0;
  std::string text;
  std::vector<std::string> warnings;
  std::vector<StoredWord> words;  // the words facts on the page were read from
  std::vector<TextRepair> repairs;
};

// ---- Indicators, entities, series and deadlines ------------------------

// One indicator of the catalog (chỉ tiêu), as the rules' data define it.
struct IndicatorRecord {
  std::string code;                   // unique: "ty_le_ho_so_dung_han"
  std::string name;                   // "Tỷ lệ hồ sơ giải quyết đúng hạn"
  std::string unit;                   // "%"; "" when it has none
  std::vector<std::string> synonyms;  // other names reports use
};

// What an indicator query may mean: a catalog entry, a code seen in
// observations but not in the catalog, or the label of observations that
// have no code.
struct IndicatorCandidate {
  enum class Source { kCatalog, kCode, kLabel };
  Source source = Source::kCatalog;
  std::string code;     // the catalog or observation code; "" for kLabel
  std::string name;     // catalog name, else the label as first written
  std::string unit;     // the catalog's unit; "" otherwise
  std::string matched;  // the code, name, synonym or label the query matched
  int score = 0;        // 3 matched whole, 2 as a phrase, 1 every word somewhere
  std::int64_t observations = -1;  // how many it has; counted for the best-scoring only, else -1
};

// A place or body: "UBND huyện Thọ Xuân", "huyện Thọ Xuân" and "Ủy ban nhân
// dân huyện Thọ Xuân" are all name "huyện Thọ Xuân", level "huyện", key
// "huyen tho xuan", name_key "tho xuan".
struct EntityName {
  std::string name;      // without the organ ("UBND", "Ủy ban nhân dân"...)
  std::string level;     // "tỉnh", "huyện", "xã", "thị trấn", "phường", "thành phố", "thị xã"; "" unknown
  std::string key;       // MatchKey(name): the entity's identity in the store
  std::string name_key;  // MatchKey of the name without its level word
};

// Splits the organ words and the level off `text`. Never fails: text
// without a level word is a name of unknown level.
EntityName ParseEntityName(std::string_view text);

// `text` folded (FoldAccents), every run of characters other than letters
// and digits made one space, trimmed: the form names are compared in
// ("Tỷ lệ (%) hồ sơ" -> "ty le ho so").
std::string MatchKey(std::string_view text);

struct SeriesQuery {
  IndicatorCandidate indicator;  // one of FindIndicators()
  std::string entity;  // only this entity (accent-insensitive, the level may be left out); "" all
  std::string from;    // only periods ending on or after this YYYY-MM-DD; "" open
  std::string to;      // only periods starting on or before this YYYY-MM-DD; "" open
};

// One observation of a series, with the review applied: a corrected fact's
// values, never a rejected one.
struct SeriesPoint {
  std::int64_t fact_id = 0;
  std::string entity;        // EntityName::name; "" when the fact names none
  std::string entity_level;  // "" when unknown
  std::string label;         // as the document words it
  std::string code;          // "" when the fact has none
  std::string period_start;  // YYYY-MM-DD or ""
  std::string period_end;
  std::string period_kind;   // "year", "half", "quarter", "month", "range" or ""
  std::optional<double> value;
  std::optional<double> percent;
  std::optional<double> numerator;
  std::optional<double> denominator;
  std::string unit;
  std::string document_path;
  int page = 0;
  ReviewStatus review = ReviewStatus::kAuto;
};

struct DeadlineQuery {
  std::string due_before;  // only tasks due before this YYYY-MM-DD; "" all (also those without a date)
  std::string entity;      // only tasks whose lead, partners or document's entity is this one; "" all
};

struct DeadlineRow {
  std::int64_t fact_id = 0;
  std::string kind;  // "deadline" or "task"
  std::string task;
  std::string due;   // YYYY-MM-DD, or as the document words it, or ""
  std::string modifier;
  std::string period_text;
  std::string recurrence;
  std::string lead;
  std::vector<std::string> partners;
  std::string document_path;
  int page = 0;
  ReviewStatus review = ReviewStatus::kAuto;
};

class Store {
 public:
  // Opens (and creates, if options allow) the store at `path`; ":memory:"
  // opens a private in-memory store. Brings an older schema up to date in one
  // transaction. Fails with kInvalidArgument when the file was written by a
  // newer baocao (the message names the file and both schema versions), with
  // kCorrupt when it is not a baocao store, kNotFound when it is missing and
  // may not be created, kIoError when it cannot be opened.
  static Result<std::unique_ptr<Store>> Open(const std::string& path, const StoreOptions& options);

  // The schema version this program writes.
  static int SchemaVersion();

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  virtual ~Store();

  // Writes `doc` with its pages and facts, and the observations, tasks and
  // references derived from facts, in one transaction. If a document with
  // record.sha256 is already stored and !options.force, writes nothing and
  // returns kUnchanged. On any error nothing is written (a forced replacement
  // leaves the earlier version intact). Constraint failures (such as two
  // pages with the same number) return kInvalidArgument; failures of the file
  // itself return kIoError or kCorrupt.
  virtual Result<PutResult> PutDocument(const Document& doc, const DocumentRecord& record,
                                        const PutOptions& options) = 0;

  // Records that the file at `path` (of `size` bytes) could not be read, with
  // status "failed" and `error` as its reason, so the store lists it. Does
  // nothing if a readable version of the file is stored. A later PutDocument
  // of the same file replaces the record.
  virtual Status RecordFailure(const std::string& path, std::size_t size,
                               const DocumentRecord& record, const Status& error) = 0;

  // The sha256 of every document stored whole (not "failed"): the files a
  // batch does not need to read again.
  virtual Result<std::unordered_set<std::string>> StoredDocumentHashes() = 0;

  // Pages whose text matches `query`, best first. Accents, đ and case are
  // ignored ("ty le" finds "tỷ lệ"); a page that also matches with the
  // accents as typed ranks higher. Words are all required; a "quoted phrase"
  // must appear as typed. Fails with kInvalidArgument if `query` has no words.
  virtual Result<std::vector<SearchHit>> Search(std::string_view query,
                                                const SearchOptions& options) = 0;

  virtual Result<StoreStats> Stats() = 0;

  // Calls `visit` for each fact matching `filter`, in storage order.
  virtual Status ForEachFact(const FactFilter& filter,
                             const std::function<void(const StoredFact&)>& visit) = 0;

  // Applies a person's review to fact `fact_id` and appends it to the review
  // log, in one transaction. A rejected fact's observation, task or
  // reference is removed; a corrected one's is derived again. Fails with
  // kNotFound if there is no such fact.
  virtual Status ReviewFact(std::int64_t fact_id, const FactReview& review) = 0;

  // The review log of `fact_id`, oldest first. The log is append-only: the
  // schema refuses to update or delete its rows.
  virtual Result<std::vector<ReviewLogEntry>> ReviewLog(std::int64_t fact_id) = 0;

  // The fact `fact_id`; kNotFound if there is none.
  virtual Result<StoredFact> GetFact(std::int64_t fact_id) = 0;

  // Up to `limit` facts with status needs_review, lowest confidence first.
  virtual Result<std::vector<StoredFact>> FactsToReview(int limit) = 0;

  // One page of the review queue and how many facts it holds in all.
  virtual Result<ReviewQueuePage> ReviewQueue(const ReviewQueueQuery& query) = 0;

  // Reverts the latest decision on fact `fact_id` (its status and any field
  // it corrected) as a new decision logged at `at`. `expected_revision` as in
  // FactReview. kNotFound without such a fact, kInvalidArgument when it has
  // no decision to revert.
  virtual Status UndoReview(std::int64_t fact_id, const std::string& at,
                            std::int64_t expected_revision) = 0;

  // Every document, by path; failed files included.
  virtual Result<std::vector<DocumentSummary>> ListDocuments() = 0;
  // One document; kNotFound if there is none.
  virtual Result<DocumentSummary> GetDocument(std::int64_t document_id) = 0;
  // The metadata JSON object stored with the document (creator, title, and
  // its fonts with their mapping and recovered/unresolved code counts);
  // kNotFound if there is no such document.
  virtual Result<std::string> DocumentMetadataJson(std::int64_t document_id) = 0;
  // Page `number` (1-based) of a document, with its words and repairs;
  // kNotFound if there is no such page.
  virtual Result<StoredPage> GetPage(std::int64_t document_id, int number) = 0;
  // The pages of a document without text, words or repairs, in order.
  virtual Result<std::vector<StoredPage>> ListPages(std::int64_t document_id) = 0;

  // Writes the indicator catalog in one transaction: each record replaces
  // the row of its code; codes not given stay. Fails with kInvalidArgument
  // (writing nothing) if a record has no code or no name.
  virtual Status PutIndicatorCatalog(const std::vector<IndicatorRecord>& catalog) = 0;

  // The indicators `query` may mean, best first: it is compared, accents,
  // case and punctuation ignored, with catalog codes, names and synonyms,
  // the codes observations carry and the labels of observations without a
  // code. "ty le ho so dung han" finds "Tỷ lệ hồ sơ giải quyết đúng hạn"
  // (every word is there). Empty when nothing matches.
  virtual Result<std::vector<IndicatorCandidate>> FindIndicators(std::string_view query) = 0;

  // The observations of query.indicator, by entity, then period, then
  // source. Where a person accepted or corrected an observation of an
  // entity and period, the unreviewed observations of that same entity and
  // period are left out. Fails with kNotFound naming the entity if
  // query.entity matches no entity, kInvalidArgument for a malformed date.
  virtual Result<std::vector<SeriesPoint>> Series(const SeriesQuery& query) = 0;

  // Tasks and deadlines (not rejected) by due date, earliest first; those
  // without a date last. kInvalidArgument for a malformed date.
  virtual Result<std::vector<DeadlineRow>> Deadlines(const DeadlineQuery& query) = 0;

 protected:
  Store() = default;
};

// The lowercase hex SHA-256 of the file's bytes. Fails with kNotFound,
// kPermissionDenied or kIoError naming the file.
Result<std::string> FileSha256(const std::string& path);

// The SHA-256 of `bytes`, as lowercase hex.
std::string Sha256Hex(std::string_view bytes);

// `text` with accents and other nonspacing marks removed, đ/Đ made d, and
// lowercased: the form the search index and entity keys use ("Tỷ lệ Đạt" ->
// "ty le dat").
std::string FoldAccents(std::string_view text);

}  // namespace baocao

#endif  // BAOCAO_STORAGE_H_
