// Facts as the store gives them back and as reviewers change them: reading
// StoredFact rows, review decisions with their revision and log rows, undo,
// and the review queue. Store methods delegate here.
//
// Every decision (ReviewFact or UndoReview) adds one to facts.revision and
// writes its log rows with that new revision, so the rows of the latest
// decision are those whose revision is the fact's.
#ifndef BAOCAO_STORAGE_STORED_FACTS_H_
#define BAOCAO_STORAGE_STORED_FACTS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/status.h"
#include "baocao/storage.h"
#include "sqlite.h"

namespace baocao::storage_internal {

// The status ReviewStatusName() gives `name`; kAuto for an unknown name.
ReviewStatus ReviewStatusFromName(std::string_view name);

Status ForEachFact(Connection& db, const FactFilter& filter,
                   const std::function<void(const StoredFact&)>& visit);
Result<StoredFact> GetFact(Connection& db, std::int64_t fact_id);
Result<std::vector<StoredFact>> FactsToReview(Connection& db, int limit);
Result<ReviewQueuePage> ReviewQueue(Connection& db, const ReviewQueueQuery& query);

// Store::ReviewFact and Store::UndoReview, each in one transaction.
Status ReviewFact(Connection& db, std::int64_t fact_id, const FactReview& review);
Status UndoReview(Connection& db, std::int64_t fact_id, const std::string& at,
                  std::int64_t expected_revision);
Result<std::vector<ReviewLogEntry>> ReviewLog(Connection& db, std::int64_t fact_id);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_STORED_FACTS_H_
