// The queries behind `baocao series` and `baocao deadlines`, and the
// indicator catalog they match against. Store methods delegate here.
#ifndef BAOCAO_STORAGE_SERIES_H_
#define BAOCAO_STORAGE_SERIES_H_

#include <string_view>
#include <vector>

#include "baocao/status.h"
#include "baocao/storage.h"
#include "sqlite.h"

namespace baocao::storage_internal {

Status PutIndicatorCatalog(Connection& db, const std::vector<IndicatorRecord>& catalog);

Result<std::vector<IndicatorCandidate>> FindIndicators(Connection& db, std::string_view query);

Result<std::vector<SeriesPoint>> Series(Connection& db, const SeriesQuery& query);

Result<std::vector<DeadlineRow>> Deadlines(Connection& db, const DeadlineQuery& query);

// How well `query_key` matches `key` (both MatchKey forms): 3 equal, 2 as
// whole consecutive words, 1 every word somewhere, 0 not.
int MatchScore(std::string_view query_key, std::string_view key);

// Whether `text`, an entity as a fact or document names it ("UBND huyện Thọ
// Xuân"), is `wanted`: the same name, at the same level unless either leaves
// the level out; failing that, `wanted` as whole words of it, as Deadlines
// matches leads ("Phòng Nội vụ huyện Thọ Xuân").
bool NamesEntity(std::string_view text, const EntityName& wanted);

// Whether `date` is a real calendar date written YYYY-MM-DD.
bool IsCalendarDate(std::string_view date);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_SERIES_H_
