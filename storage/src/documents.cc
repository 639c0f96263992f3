#include "documents.h"

#include "page_json.h"

namespace baocao::storage_internal {
namespace {

// The counts come from facts_by_document and the partial index
// facts_to_review_by_document, not from reading the facts.
#define BAOCAO_SUMMARY_SELECT                                                         \
  "SELECT d.id, d.sha256, d.path, d.size, d.pages, d.producer, d.status, d.errors,\n" \
  "  d.extractor_version, d.ingested_at,\n"                                           \
  "  (SELECT count(*) FROM facts f WHERE f.document_id = d.id),\n"                    \
  "  (SELECT count(*) FROM facts f WHERE f.document_id = d.id\n"                      \
  "     AND f.review_status = 'needs_review')\n"                                      \
  "FROM documents d\n"

DocumentSummary ReadSummary(const Statement& select) {
  DocumentSummary summary;
  summary.id = select.Int(0);
  summary.sha256 = select.Text(1);
  summary.path = select.Text(2);
  summary.size = select.Int(3);
  summary.pages = static_cast<int>(select.Int(4));
  summary.producer = select.Text(5);
  summary.status = select.Text(6);
  summary.errors = StringsFromJson(select.Text(7));
  summary.extractor_version = select.Text(8);
  summary.ingested_at = select.Text(9);
  summary.facts = select.Int(10);
  summary.facts_to_review = select.Int(11);
  return summary;
}

Status NoDocument(std::int64_t document_id) {
  return Status(StatusCode::kNotFound,
                "no document " + std::to_string(document_id) + " in the store");
}

// The columns of a page without its text, words and repairs, in ReadPageHead's order.
#define BAOCAO_PAGE_HEAD "SELECT document_id, number, width, height, route, quality, warnings"

StoredPage ReadPageHead(const Statement& select) {
  StoredPage page;
  page.document_id = select.Int(0);
  page.number = static_cast<int>(select.Int(1));
  page.width = select.Double(2);
  page.height = select.Double(3);
  page.route = select.Text(4);
  page.quality = select.Double(5);
  page.warnings = StringsFromJson(select.Text(6));
  return page;
}

// Why page `number` of the document is not there: no such document, or
// fewer pages.
Status NoPage(Connection& db, std::int64_t document_id, int number) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare("SELECT path, pages FROM documents WHERE id = ?1"));
  select->Bind(1, document_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row) return NoDocument(document_id);
  const std::string path = select->Text(0);
  const std::int64_t pages = select->Int(1);
  select->Reset();
  return Status(StatusCode::kNotFound, "document " + std::to_string(document_id) + " ('" + path +
                                           "') has no page " + std::to_string(number) +
                                           " (it has " + std::to_string(pages) + ")");
}

Result<bool> DocumentExists(Connection& db, std::int64_t document_id) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select, db.Prepare("SELECT 1 FROM documents WHERE id = ?1"));
  select->Bind(1, document_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  select->Reset();
  return row;
}

}  // namespace

Result<std::vector<DocumentSummary>> ListDocuments(Connection& db) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare(BAOCAO_SUMMARY_SELECT "ORDER BY d.path, d.id"));
  std::vector<DocumentSummary> documents;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    documents.push_back(ReadSummary(*select));
  }
  select->Reset();
  return documents;
}

Result<DocumentSummary> GetDocument(Connection& db, std::int64_t document_id) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select, db.Prepare(BAOCAO_SUMMARY_SELECT "WHERE d.id = ?1"));
  select->Bind(1, document_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row) return NoDocument(document_id);
  DocumentSummary summary = ReadSummary(*select);
  select->Reset();
  return summary;
}

Result<std::string> DocumentMetadataJson(Connection& db, std::int64_t document_id) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare("SELECT metadata FROM documents WHERE id = ?1"));
  select->Bind(1, document_id);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row) return NoDocument(document_id);
  std::string metadata = select->Text(0);
  select->Reset();
  return metadata;
}

Result<StoredPage> GetPage(Connection& db, std::int64_t document_id, int number) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare(BAOCAO_PAGE_HEAD ", text, words, repairs FROM pages\n"
                                                      "WHERE document_id = ?1 AND number = ?2"));
  select->Bind(1, document_id);
  select->Bind(2, number);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
  if (!row) return NoPage(db, document_id, number);
  StoredPage page = ReadPageHead(*select);
  page.text = select->Text(7);
  page.words = WordsFromJson(select->Text(8));
  page.repairs = RepairsFromJson(select->Text(9));
  select->Reset();
  return page;
}

Result<std::vector<StoredPage>> ListPages(Connection& db, std::int64_t document_id) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare(BAOCAO_PAGE_HEAD " FROM pages WHERE document_id = ?1 ORDER BY number"));
  select->Bind(1, document_id);
  std::vector<StoredPage> pages;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    pages.push_back(ReadPageHead(*select));
  }
  select->Reset();
  if (!pages.empty()) return pages;
  BAOCAO_ASSIGN_OR_RETURN(const bool exists, DocumentExists(db, document_id));
  if (!exists) return NoDocument(document_id);
  return pages;
}

}  // namespace baocao::storage_internal
