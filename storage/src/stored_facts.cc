#include "stored_facts.h"

#include <map>
#include <variant>

#include "fact_tables.h"
#include "page_json.h"
#include "series.h"

namespace baocao::storage_internal {
namespace {

constexpr ReviewStatus kAllReviewStatuses[] = {ReviewStatus::kAuto, ReviewStatus::kNeedsReview,
                                               ReviewStatus::kAccepted, ReviewStatus::kCorrected,
                                               ReviewStatus::kRejected};

constexpr const char* kStatusField = "review_status";

// ---- Reading facts -------------------------------------------------------

// The columns ReadStoredFact reads, in its order; statements add theirs after.
#define BAOCAO_STORED_FACT_COLUMNS                                                         \
  "SELECT f.id, f.document_id, d.path, f.review_status, f.kind, f.fields, f.confidence,\n" \
  "  f.page, f.span_begin, f.span_end, f.quote, f.rule, f.revision, f.review_reasons\n"
#define BAOCAO_STORED_FACT_FROM "FROM facts f JOIN documents d ON d.id = f.document_id\n"
constexpr int kStoredFactColumns = 14;

StoredFact ReadStoredFact(const Statement& select) {
  StoredFact stored;
  stored.id = select.Int(0);
  stored.document_id = select.Int(1);
  stored.document_path = select.Text(2);
  stored.review = ReviewStatusFromName(select.Text(3));
  stored.fact.kind = select.Text(4);
  stored.fact.fields = FieldsFromJson(select.Text(5));
  stored.fact.confidence = select.Double(6);
  stored.fact.page = static_cast<int>(select.Int(7));
  stored.fact.span = {static_cast<std::size_t>(select.Int(8)),
                      static_cast<std::size_t>(select.Int(9))};
  stored.fact.quote = select.Text(10);
  stored.fact.rule = select.Text(11);
  stored.revision = select.Int(12);
  stored.fact.review_reasons = StringsFromJson(select.Text(13));
  return stored;
}

Result<std::vector<StoredFact>> ReadAll(Statement& select) {
  std::vector<StoredFact> facts;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select.Step());
    if (!row) break;
    facts.push_back(ReadStoredFact(select));
  }
  select.Reset();
  return facts;
}

// ---- The review queue ----------------------------------------------------

// After the stored fact's columns: the fact's own entity field.
#define BAOCAO_QUEUE_SELECT                                                        \
  BAOCAO_STORED_FACT_COLUMNS                                                       \
  "  , coalesce(json_extract(f.fields, '$.entity'), '')\n" BAOCAO_STORED_FACT_FROM \
  "WHERE f.review_status = 'needs_review'\n"

// Two statements rather than "?1 IS NULL OR": the one for a document can
// then read the partial index facts_to_review_by_document in order.
constexpr const char* kQueue =
    BAOCAO_QUEUE_SELECT "  AND (?2 IS NULL OR f.kind = ?2) ORDER BY f.confidence, f.id";
constexpr const char* kQueueOfDocument = BAOCAO_QUEUE_SELECT
    "  AND f.document_id = ?1 AND (?2 IS NULL OR f.kind = ?2) ORDER BY f.confidence, f.id";

Status CheckQueueQuery(const ReviewQueueQuery& query) {
  if (query.limit < 0 || query.offset < 0) {
    return Status(StatusCode::kInvalidArgument,
                  "review queue: limit and offset must not be negative, got limit " +
                      std::to_string(query.limit) + " and offset " + std::to_string(query.offset));
  }
  if (!query.entity.empty() && ParseEntityName(query.entity).key.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "review queue: the entity '" + query.entity + "' has no letters");
  }
  return Status::Ok();
}

// The entity of a document's metadata fact, as Deadlines reads it.
class DocumentEntities {
 public:
  explicit DocumentEntities(Connection& db) : db_(db) {}

  Result<std::string> Of(std::int64_t document_id) {
    auto found = entities_.find(document_id);
    if (found != entities_.end()) return found->second;
    BAOCAO_ASSIGN_OR_RETURN(
        Statement * select,
        db_.Prepare("SELECT coalesce(json_extract(fields, '$.entity'), '') FROM facts\n"
                    "WHERE document_id = ?1 AND kind = 'metadata' AND review_status <> 'rejected'\n"
                    "ORDER BY id LIMIT 1"));
    select->Bind(1, document_id);
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    std::string entity = row ? select->Text(0) : std::string();
    select->Reset();
    return entities_[document_id] = std::move(entity);
  }

 private:
  Connection& db_;
  std::map<std::int64_t, std::string> entities_;
};

// Whether the queue row in `select` concerns `wanted`: the fact's own entity,
// or its document's.
Result<bool> ConcernsEntity(const Statement& select, const EntityName& wanted,
                            DocumentEntities& documents) {
  const std::string own = select.Text(kStoredFactColumns);
  if (!own.empty() && NamesEntity(own, wanted)) return true;
  BAOCAO_ASSIGN_OR_RETURN(const std::string document, documents.Of(select.Int(1)));
  return !document.empty() && NamesEntity(document, wanted);
}

// ---- Decisions -----------------------------------------------------------

// A fact as a review decision reads and writes it.
struct DecidedFact {
  std::int64_t id = 0;
  std::int64_t document_id = 0;
  std::string kind;
  Fields fields;
  std::string status;
  std::int64_t revision = 0;
};

// One row of a decision in the review log; before and after are JSON.
struct Change {
  std::string field;
  std::string before;
  std::string after;
};

std::string StatusJson(const std::string& status) { return FieldValueToJson(status); }

// The fact as it is now; kConflict when `expected_revision` (unless -1)
// is not its revision, so a decision made on what someone since changed is
// refused before anything is written.
Result<DecidedFact> LoadForDecision(Connection& db, std::int64_t fact_id,
                                    std::int64_t expected_revision) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare("SELECT document_id, kind, fields, review_status, revision FROM facts\n"
                 "WHERE id = ?1"));
  select->Bind(1, fact_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row)
    return Status(StatusCode::kNotFound, "no fact " + std::to_string(fact_id) + " in the store");
  DecidedFact fact{fact_id,         select->Int(0),
                   select->Text(1), FieldsFromJson(select->Text(2)),
                   select->Text(3), select->Int(4)};
  select->Reset();
  if (expected_revision != -1 && expected_revision != fact.revision) {
    return Status(StatusCode::kConflict,
                  "fact " + std::to_string(fact_id) + " was reviewed since revision " +
                      std::to_string(expected_revision) +
                      " you decided on: it is now at revision " + std::to_string(fact.revision) +
                      " (" + fact.status + "); nothing was written, look at it again");
  }
  return fact;
}

// Sets field `name` to `value` (monostate removes it); returns the change.
Change SetField(Fields& fields, const std::string& name, const FieldValue& value) {
  auto found = fields.find(name);
  const FieldValue before = found == fields.end() ? FieldValue() : found->second;
  if (std::holds_alternative<std::monostate>(value)) {
    fields.erase(name);
  } else {
    fields[name] = value;
  }
  return {name, FieldValueToJson(before), FieldValueToJson(value)};
}

Status AppendReviewLog(Connection& db, const std::string& at, std::int64_t fact_id,
                       std::int64_t revision, const Change& change) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare("INSERT INTO review_log (at, fact_id, field, before, after, revision)\n"
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  insert->Bind(1, at);
  insert->Bind(2, fact_id);
  insert->Bind(3, change.field);
  insert->Bind(4, change.before);
  insert->Bind(5, change.after);
  insert->Bind(6, revision);
  return insert->Run();
}

// Writes `fact` (its revision already the new one) with the log rows of the
// decision, and derives its observation, task or reference again: the
// decision applies at once; a rejected fact has none.
Status WriteDecision(Connection& db, const DecidedFact& fact, const std::vector<Change>& changes,
                     const std::string& at) {
  for (const Change& change : changes)
    BAOCAO_RETURN_IF_ERROR(AppendReviewLog(db, at, fact.id, fact.revision, change));
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * update,
      db.Prepare("UPDATE facts SET fields = ?2, review_status = ?3, revision = ?4 WHERE id = ?1"));
  update->Bind(1, fact.id);
  update->Bind(2, FieldsToJson(fact.fields));
  update->Bind(3, fact.status);
  update->Bind(4, fact.revision);
  BAOCAO_RETURN_IF_ERROR(update->Run());
  BAOCAO_RETURN_IF_ERROR(DeleteDerivedRows(db, fact.id));
  if (fact.status == ReviewStatusName(ReviewStatus::kRejected)) return Status::Ok();
  return InsertDerivedRows(db, fact.document_id, fact.id, fact.kind, fact.fields);
}

// The log rows of the decision that made revision `revision` of the fact.
Result<std::vector<Change>> DecisionOf(Connection& db, std::int64_t fact_id,
                                       std::int64_t revision) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare("SELECT field, before, after FROM review_log\n"
                                     "WHERE fact_id = ?1 AND revision = ?2 ORDER BY id"));
  select->Bind(1, fact_id);
  select->Bind(2, revision);
  std::vector<Change> changes;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    changes.push_back({select->Text(0), select->Text(1), select->Text(2)});
  }
  select->Reset();
  return changes;
}

// The status a log value (a JSON string) names; kCorrupt for anything else,
// which only a hand-edited log can hold.
Result<std::string> StatusFromLog(const std::string& json, std::int64_t fact_id) {
  const FieldValue value = FieldValueFromJson(json);
  if (const auto* name = std::get_if<std::string>(&value)) {
    for (const ReviewStatus status : kAllReviewStatuses) {
      if (ReviewStatusName(status) == *name) return *name;
    }
  }
  return Status(StatusCode::kCorrupt, "the review log of fact " + std::to_string(fact_id) +
                                          " holds " + json + ", which is not a review status");
}

// The changes that take `fact` back to before `decision`, applied to it.
Result<std::vector<Change>> Revert(DecidedFact& fact, const std::vector<Change>& decision) {
  std::vector<Change> changes;
  for (const Change& change : decision) {
    if (change.field != kStatusField) {
      changes.push_back(SetField(fact.fields, change.field, FieldValueFromJson(change.before)));
      continue;
    }
    BAOCAO_ASSIGN_OR_RETURN(std::string status, StatusFromLog(change.before, fact.id));
    changes.push_back({kStatusField, StatusJson(fact.status), StatusJson(status)});
    fact.status = std::move(status);
  }
  return changes;
}

}  // namespace

ReviewStatus ReviewStatusFromName(std::string_view name) {
  for (const ReviewStatus status : kAllReviewStatuses) {
    if (ReviewStatusName(status) == name) return status;
  }
  return ReviewStatus::kAuto;
}

Status ForEachFact(Connection& db, const FactFilter& filter,
                   const std::function<void(const StoredFact&)>& visit) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare(BAOCAO_STORED_FACT_COLUMNS BAOCAO_STORED_FACT_FROM
                 "WHERE (?1 IS NULL OR f.kind = ?1) AND (?2 IS NULL OR f.document_id = ?2)\n"
                 "ORDER BY f.id"));
  if (!filter.kind.empty()) select->Bind(1, filter.kind);
  if (filter.document_id != 0) select->Bind(2, filter.document_id);
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    visit(ReadStoredFact(*select));
  }
  select->Reset();
  return Status::Ok();
}

Result<StoredFact> GetFact(Connection& db, std::int64_t fact_id) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare(BAOCAO_STORED_FACT_COLUMNS BAOCAO_STORED_FACT_FROM "WHERE f.id = ?1"));
  select->Bind(1, fact_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row)
    return Status(StatusCode::kNotFound, "no fact " + std::to_string(fact_id) + " in the store");
  StoredFact stored = ReadStoredFact(*select);
  select->Reset();
  return stored;
}

Result<std::vector<StoredFact>> FactsToReview(Connection& db, int limit) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare(BAOCAO_STORED_FACT_COLUMNS BAOCAO_STORED_FACT_FROM
                 "WHERE f.review_status = 'needs_review' ORDER BY f.confidence, f.id LIMIT ?1"));
  select->Bind(1, limit);
  return ReadAll(*select);
}

// Every row of the queue is stepped through to count them, but only the
// rows of the page asked for are decoded.
Result<ReviewQueuePage> ReviewQueue(Connection& db, const ReviewQueueQuery& query) {
  BAOCAO_RETURN_IF_ERROR(CheckQueueQuery(query));
  const bool of_document = query.document_id != 0;
  BAOCAO_ASSIGN_OR_RETURN(Statement * select, db.Prepare(of_document ? kQueueOfDocument : kQueue));
  if (of_document) select->Bind(1, query.document_id);
  if (!query.kind.empty()) select->Bind(2, query.kind);
  const EntityName wanted = ParseEntityName(query.entity);
  DocumentEntities documents(db);
  const std::int64_t end = static_cast<std::int64_t>(query.offset) + query.limit;
  ReviewQueuePage page;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    if (!query.entity.empty()) {
      BAOCAO_ASSIGN_OR_RETURN(const bool concerns, ConcernsEntity(*select, wanted, documents));
      if (!concerns) continue;
    }
    const std::int64_t position = page.total++;
    if (position >= query.offset && position < end) page.facts.push_back(ReadStoredFact(*select));
  }
  select->Reset();
  return page;
}

Status ReviewFact(Connection& db, std::int64_t fact_id, const FactReview& review) {
  Transaction transaction(db);
  BAOCAO_RETURN_IF_ERROR(transaction.Begin());
  BAOCAO_ASSIGN_OR_RETURN(DecidedFact fact, LoadForDecision(db, fact_id, review.expected_revision));
  std::vector<Change> changes;
  for (const auto& [name, value] : review.fields) changes.push_back(SetField(fact.fields, name, value));
  const std::string status(ReviewStatusName(review.status));
  // Every decision is logged: a status change, or a confirmation without a field.
  if (status != fact.status || review.fields.empty())
    changes.push_back({kStatusField, StatusJson(fact.status), StatusJson(status)});
  fact.status = status;
  ++fact.revision;
  BAOCAO_RETURN_IF_ERROR(WriteDecision(db, fact, changes, review.at));
  return transaction.Commit();
}

Status UndoReview(Connection& db, std::int64_t fact_id, const std::string& at,
                  std::int64_t expected_revision) {
  Transaction transaction(db);
  BAOCAO_RETURN_IF_ERROR(transaction.Begin());
  BAOCAO_ASSIGN_OR_RETURN(DecidedFact fact, LoadForDecision(db, fact_id, expected_revision));
  std::vector<Change> decision;
  // Revision 0 has no decision; rows logged before revisions existed are
  // revision 0 too and cannot be told apart, so they are not undone.
  if (fact.revision > 0) {
    BAOCAO_ASSIGN_OR_RETURN(decision, DecisionOf(db, fact_id, fact.revision));
  }
  if (decision.empty()) {
    return Status(StatusCode::kInvalidArgument, "fact " + std::to_string(fact_id) +
                                                    " has no review decision to undo (revision " +
                                                    std::to_string(fact.revision) + ")");
  }
  BAOCAO_ASSIGN_OR_RETURN(const std::vector<Change> changes, Revert(fact, decision));
  ++fact.revision;
  BAOCAO_RETURN_IF_ERROR(WriteDecision(db, fact, changes, at));
  return transaction.Commit();
}

Result<std::vector<ReviewLogEntry>> ReviewLog(Connection& db, std::int64_t fact_id) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare("SELECT at, fact_id, field, before, after, revision FROM review_log\n"
                 "WHERE fact_id = ?1 ORDER BY id"));
  select->Bind(1, fact_id);
  std::vector<ReviewLogEntry> entries;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    entries.push_back({select->Text(0), select->Int(1), select->Text(2), select->Text(3),
                       select->Text(4), select->Int(5)});
  }
  select->Reset();
  return entries;
}

}  // namespace baocao::storage_internal
