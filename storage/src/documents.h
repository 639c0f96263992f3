// Documents and pages read back: the lists and single records a reviewer
// browses (the fact is on page 3; show page 3 with its words and repairs).
// Store methods delegate here.
#ifndef BAOCAO_STORAGE_DOCUMENTS_H_
#define BAOCAO_STORAGE_DOCUMENTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "baocao/status.h"
#include "baocao/storage.h"
#include "sqlite.h"

namespace baocao::storage_internal {

Result<std::vector<DocumentSummary>> ListDocuments(Connection& db);
Result<DocumentSummary> GetDocument(Connection& db, std::int64_t document_id);
Result<std::string> DocumentMetadataJson(Connection& db, std::int64_t document_id);
Result<StoredPage> GetPage(Connection& db, std::int64_t document_id, int number);
// kNotFound when there is no such document; a document without pages (a
// failed file) has an empty list.
Result<std::vector<StoredPage>> ListPages(Connection& db, std::int64_t document_id);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_DOCUMENTS_H_
