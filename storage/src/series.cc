#include "series.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <unordered_set>

#include "fact_tables.h"

namespace baocao::storage_internal {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<std::string> JsonStrings(const std::string& text) {
  std::vector<std::string> items;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return items;
  for (const json& item : parsed) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

Status CheckDate(const std::string& date, const char* what) {
  if (date.empty() || IsCalendarDate(date)) return Status::Ok();
  return Status(StatusCode::kInvalidArgument,
                std::string(what) + " '" + date + "' is not a date written YYYY-MM-DD");
}

std::optional<std::string> Optional(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

std::optional<double> OptionalDouble(const Statement& row, int column) {
  if (row.IsNull(column)) return std::nullopt;
  return row.Double(column);
}

ReviewStatus ReviewFromName(const std::string& name) {
  for (const ReviewStatus status :
       {ReviewStatus::kAuto, ReviewStatus::kNeedsReview, ReviewStatus::kAccepted,
        ReviewStatus::kCorrected, ReviewStatus::kRejected}) {
    if (ReviewStatusName(status) == name) return status;
  }
  return ReviewStatus::kAuto;
}

bool IsReviewed(ReviewStatus status) {
  return status == ReviewStatus::kAccepted || status == ReviewStatus::kCorrected;
}

// ---- The catalog and the labels seen ------------------------------------

struct CatalogEntry {
  IndicatorRecord record;
  std::vector<std::string> keys;  // MatchKey of the code, the name and each synonym
};

Result<std::vector<CatalogEntry>> LoadCatalog(Connection& db) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare("SELECT code, name, coalesce(unit, ''), synonyms FROM indicators ORDER BY code"));
  std::vector<CatalogEntry> catalog;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    CatalogEntry entry;
    entry.record = {select->Text(0), select->Text(1), select->Text(2),
                    JsonStrings(select->Text(3))};
    entry.keys.push_back(MatchKey(entry.record.code));
    entry.keys.push_back(MatchKey(entry.record.name));
    for (const std::string& synonym : entry.record.synonyms) entry.keys.push_back(MatchKey(synonym));
    catalog.push_back(std::move(entry));
  }
  select->Reset();
  return catalog;
}

// The catalog entry `candidate` names, if it is one.
const CatalogEntry* FindEntry(const std::vector<CatalogEntry>& catalog, const std::string& code) {
  for (const CatalogEntry& entry : catalog) {
    if (entry.record.code == code) return &entry;
  }
  return nullptr;
}

struct SeenLabel {
  std::string code;  // "" when the observations have none
  std::string key;
  std::string label;
};

Result<std::vector<SeenLabel>> LoadLabels(Connection& db) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * select,
                          db.Prepare("SELECT code, label_key, label FROM indicator_labels"));
  std::vector<SeenLabel> labels;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    labels.push_back({select->Text(0), select->Text(1), select->Text(2)});
  }
  select->Reset();
  return labels;
}

int SourceRank(IndicatorCandidate::Source source) {
  switch (source) {
    case IndicatorCandidate::Source::kCatalog:
      return 0;
    case IndicatorCandidate::Source::kCode:
      return 1;
    case IndicatorCandidate::Source::kLabel:
      return 2;
  }
  return 3;
}

// ---- Entities ------------------------------------------------------------

// The ids of the entities `name` may mean: the one with its key when it
// gives a level, else every entity of that name whatever its level; failing
// both, entities whose key holds the name's words.
Result<std::vector<std::int64_t>> ResolveEntities(Connection& db, const std::string& name) {
  const EntityName wanted = ParseEntityName(name);
  std::vector<std::int64_t> ids;
  if (wanted.key.empty()) {
    return Status(StatusCode::kInvalidArgument, "the entity '" + name + "' has no letters");
  }
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * exact,
      db.Prepare("SELECT id FROM entities WHERE folded_key = ?1 OR (?2 IS NOT NULL AND name_key = ?2)"));
  exact->Bind(1, wanted.key);
  if (wanted.level.empty()) {
    exact->Bind(2, wanted.name_key);
  } else {
    exact->BindNull(2);
  }
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, exact->Step());
    if (!row) break;
    ids.push_back(exact->Int(0));
  }
  exact->Reset();
  if (!ids.empty()) return ids;

  BAOCAO_ASSIGN_OR_RETURN(Statement * all, db.Prepare("SELECT id, folded_key FROM entities"));
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, all->Step());
    if (!row) break;
    if (MatchScore(wanted.key, all->Text(1)) >= 2) ids.push_back(all->Int(0));
  }
  all->Reset();
  if (ids.empty()) {
    return Status(StatusCode::kNotFound, "no entity in the store matches '" + name + "'");
  }
  return ids;
}

// Whether `text` (a lead, a partner, a document's entity) names `wanted`.
bool Mentions(const std::string& text, const EntityName& wanted) {
  const std::string& key = wanted.level.empty() ? wanted.name_key : wanted.key;
  return !key.empty() && MatchScore(key, MatchKey(text)) >= 2;
}

// ---- Series ------------------------------------------------------------

struct SeriesSource {
  bool by_code = true;  // indicator_code = value, else a label without code
  std::string value;
};

std::vector<SeriesSource> SourcesOf(const IndicatorCandidate& indicator,
                                    const std::vector<CatalogEntry>& catalog) {
  std::vector<SeriesSource> sources;
  if (indicator.source == IndicatorCandidate::Source::kLabel) {
    sources.push_back({false, MatchKey(indicator.name)});
    return sources;
  }
  sources.push_back({true, indicator.code});
  const CatalogEntry* entry = FindEntry(catalog, indicator.code);
  if (entry == nullptr) return sources;
  // Observations without a code whose label is the catalog's name or a synonym.
  std::set<std::string> keys(entry->keys.begin() + 1, entry->keys.end());
  for (const std::string& key : keys) {
    if (!key.empty()) sources.push_back({false, key});
  }
  return sources;
}

#define BAOCAO_SERIES_COLUMNS                                                                 \
  "SELECT o.fact_id, o.entity_id, coalesce(e.name, ''), coalesce(e.level, ''),\n"            \
  "  coalesce(o.label, ''), coalesce(o.indicator_code, ''), coalesce(o.period_start, ''),\n" \
  "  coalesce(o.period_end, ''), coalesce(o.period_kind, ''), o.value, o.percent,\n"         \
  "  o.numerator, o.denominator, coalesce(o.unit, ''), d.path, f.page, f.review_status\n"    \
  "FROM observations o JOIN facts f ON f.id = o.fact_id\n"                                   \
  "  JOIN documents d ON d.id = o.document_id LEFT JOIN entities e ON e.id = o.entity_id\n"
#define BAOCAO_SERIES_FILTERS                                                  \
  "  AND f.review_status <> 'rejected'\n"                                      \
  "  AND (?2 IS NULL OR coalesce(o.period_end, o.period_start) >= ?2)\n"       \
  "  AND (?3 IS NULL OR o.period_start <= ?3)"

const char kSeriesByCode[] =
    BAOCAO_SERIES_COLUMNS "WHERE o.indicator_code = ?1\n" BAOCAO_SERIES_FILTERS;
const char kSeriesByCodeAndEntity[] = BAOCAO_SERIES_COLUMNS
    "WHERE o.indicator_code = ?1 AND o.entity_id = ?4\n" BAOCAO_SERIES_FILTERS;
const char kSeriesByLabel[] = BAOCAO_SERIES_COLUMNS
    "WHERE o.indicator_code IS NULL AND o.label_key = ?1\n" BAOCAO_SERIES_FILTERS;
const char kSeriesByLabelAndEntity[] = BAOCAO_SERIES_COLUMNS
    "WHERE o.indicator_code IS NULL AND o.label_key = ?1 AND o.entity_id = ?4\n" BAOCAO_SERIES_FILTERS;

struct Row {
  std::int64_t entity_id = 0;  // 0 when none
  SeriesPoint point;
};

Status ReadSeries(Connection& db, const SeriesSource& source, std::optional<std::int64_t> entity,
                  const SeriesQuery& query, std::vector<Row>& rows) {
  const char* sql = source.by_code ? (entity ? kSeriesByCodeAndEntity : kSeriesByCode)
                                   : (entity ? kSeriesByLabelAndEntity : kSeriesByLabel);
  BAOCAO_ASSIGN_OR_RETURN(Statement * select, db.Prepare(sql));
  select->Bind(1, source.value);
  select->Bind(2, Optional(query.from));
  select->Bind(3, Optional(query.to));
  if (entity) select->Bind(4, *entity);
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    Row r;
    r.entity_id = select->IsNull(1) ? 0 : select->Int(1);
    SeriesPoint& p = r.point;
    p.fact_id = select->Int(0);
    p.entity = select->Text(2);
    p.entity_level = select->Text(3);
    p.label = select->Text(4);
    p.code = select->Text(5);
    p.period_start = select->Text(6);
    p.period_end = select->Text(7);
    p.period_kind = select->Text(8);
    p.value = OptionalDouble(*select, 9);
    p.percent = OptionalDouble(*select, 10);
    p.numerator = OptionalDouble(*select, 11);
    p.denominator = OptionalDouble(*select, 12);
    p.unit = select->Text(13);
    p.document_path = select->Text(14);
    p.page = static_cast<int>(select->Int(15));
    p.review = ReviewFromName(select->Text(16));
    rows.push_back(std::move(r));
  }
  select->Reset();
  return Status::Ok();
}

Result<std::int64_t> CountObservations(Connection& db, const SeriesSource& source) {
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * count,
      db.Prepare(source.by_code
                     ? "SELECT count(*) FROM observations WHERE indicator_code = ?1"
                     : "SELECT count(*) FROM observations WHERE indicator_code IS NULL AND label_key = ?1"));
  count->Bind(1, source.value);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, count->Step());
  const std::int64_t n = row ? count->Int(0) : 0;
  count->Reset();
  return n;
}

// Where a person accepted or corrected a value for an entity and period,
// the unreviewed values of that entity and period give way to it.
void ApplyReviews(std::vector<Row>& rows) {
  if (std::none_of(rows.begin(), rows.end(), [](const Row& r) { return IsReviewed(r.point.review); }))
    return;
  using Key = std::tuple<std::int64_t, std::string, std::string>;
  std::set<Key> reviewed;
  for (const Row& r : rows) {
    if (IsReviewed(r.point.review))
      reviewed.insert({r.entity_id, r.point.period_start, r.point.period_end});
  }
  std::erase_if(rows, [&reviewed](const Row& r) {
    return !IsReviewed(r.point.review) &&
           reviewed.count({r.entity_id, r.point.period_start, r.point.period_end}) > 0;
  });
}

}  // namespace

bool NamesEntity(std::string_view text, const EntityName& wanted) {
  const EntityName named = ParseEntityName(text);
  const bool same_level =
      wanted.level.empty() || named.level.empty() || named.level == wanted.level;
  if (!named.name_key.empty() && named.name_key == wanted.name_key && same_level) return true;
  return Mentions(std::string(text), wanted);
}

bool IsCalendarDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  const int year = std::stoi(std::string(date.substr(0, 4)));
  const int month = std::stoi(std::string(date.substr(5, 2)));
  const int day = std::stoi(std::string(date.substr(8, 2)));
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && leap ? 29 : kDays[month - 1]);
}

int MatchScore(std::string_view query_key, std::string_view key) {
  if (query_key.empty() || key.empty()) return 0;
  if (query_key == key) return 3;
  const std::string padded = " " + std::string(key) + " ";
  if (padded.find(" " + std::string(query_key) + " ") != std::string::npos) return 2;
  std::unordered_set<std::string_view> words;
  for (std::size_t pos = 0; pos < key.size();) {
    const std::size_t end = std::min(key.find(' ', pos), key.size());
    words.insert(key.substr(pos, end - pos));
    pos = end + 1;
  }
  for (std::size_t pos = 0; pos < query_key.size();) {
    const std::size_t end = std::min(query_key.find(' ', pos), query_key.size());
    if (words.count(query_key.substr(pos, end - pos)) == 0) return 0;
    pos = end + 1;
  }
  return 1;
}

Status PutIndicatorCatalog(Connection& db, const std::vector<IndicatorRecord>& catalog) {
  for (const IndicatorRecord& record : catalog) {
    if (record.code.empty() || record.name.empty()) {
      return Status(StatusCode::kInvalidArgument,
                    "indicator catalog: every indicator needs a code and a name (code '" +
                        record.code + "', name '" + record.name + "')");
    }
  }
  Transaction transaction(db);
  BAOCAO_RETURN_IF_ERROR(transaction.Begin());
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * upsert,
      db.Prepare("INSERT INTO indicators (code, name, unit, synonyms) VALUES (?1, ?2, ?3, ?4)\n"
                 "ON CONFLICT (code) DO UPDATE SET name = excluded.name, unit = excluded.unit,\n"
                 "  synonyms = excluded.synonyms"));
  for (const IndicatorRecord& record : catalog) {
    upsert->Bind(1, record.code);
    upsert->Bind(2, record.name);
    upsert->Bind(3, Optional(record.unit));
    upsert->Bind(4, Dump(json(record.synonyms)));
    BAOCAO_RETURN_IF_ERROR(upsert->Run());
  }
  return transaction.Commit();
}

Result<std::vector<IndicatorCandidate>> FindIndicators(Connection& db, std::string_view query) {
  const std::string wanted = MatchKey(query);
  if (wanted.empty()) {
    return Status(StatusCode::kInvalidArgument,
                  "the indicator '" + std::string(query) + "' has no letters or digits");
  }
  BAOCAO_ASSIGN_OR_RETURN(const std::vector<CatalogEntry> catalog, LoadCatalog(db));
  BAOCAO_ASSIGN_OR_RETURN(const std::vector<SeenLabel> labels, LoadLabels(db));

  // Catalog entries (by their code, name and synonyms, and the labels of
  // their observations), then codes outside the catalog, then bare labels.
  auto improve = [&wanted](IndicatorCandidate& candidate, const std::string& key,
                           const std::string& text) {
    const int score = MatchScore(wanted, key);
    if (score > candidate.score) {
      candidate.score = score;
      candidate.matched = text;
    }
  };
  std::map<std::string, IndicatorCandidate> in_catalog;
  std::set<std::string> catalog_keys;  // names and synonyms: their labels belong to the entry
  for (const CatalogEntry& entry : catalog) {
    catalog_keys.insert(entry.keys.begin() + 1, entry.keys.end());
    IndicatorCandidate& candidate = in_catalog[entry.record.code];
    candidate = {IndicatorCandidate::Source::kCatalog, entry.record.code, entry.record.name,
                 entry.record.unit, "", 0};
    improve(candidate, entry.keys[0], entry.record.code);
    improve(candidate, entry.keys[1], entry.record.name);
    for (std::size_t i = 0; i < entry.record.synonyms.size(); ++i)
      improve(candidate, entry.keys[i + 2], entry.record.synonyms[i]);
  }
  std::map<std::string, IndicatorCandidate> by_code;  // codes not in the catalog
  std::vector<IndicatorCandidate> candidates;
  for (const SeenLabel& seen : labels) {
    if (seen.code.empty()) {
      if (catalog_keys.count(seen.key) > 0) continue;
      const int score = MatchScore(wanted, seen.key);
      if (score > 0) {
        candidates.push_back(
            {IndicatorCandidate::Source::kLabel, "", seen.label, "", seen.label, score});
      }
      continue;
    }
    auto catalogued = in_catalog.find(seen.code);
    if (catalogued != in_catalog.end()) {
      improve(catalogued->second, seen.key, seen.label);
      continue;
    }
    IndicatorCandidate& candidate = by_code[seen.code];
    candidate.source = IndicatorCandidate::Source::kCode;
    candidate.code = seen.code;
    if (candidate.name.empty()) candidate.name = seen.label;
    improve(candidate, MatchKey(seen.code), seen.code);
    improve(candidate, seen.key, seen.label);
  }
  for (auto* group : {&in_catalog, &by_code}) {
    for (auto& [code, candidate] : *group) {
      if (candidate.score > 0) candidates.push_back(std::move(candidate));
    }
  }

  // Among the best-scoring, one with observations is more likely meant.
  int best = 0;
  for (const IndicatorCandidate& candidate : candidates) best = std::max(best, candidate.score);
  for (IndicatorCandidate& candidate : candidates) {
    if (candidate.score < best) continue;
    candidate.observations = 0;
    for (const SeriesSource& source : SourcesOf(candidate, catalog)) {
      BAOCAO_ASSIGN_OR_RETURN(const std::int64_t n, CountObservations(db, source));
      candidate.observations += n;
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const IndicatorCandidate& a, const IndicatorCandidate& b) {
                     if (a.score != b.score) return a.score > b.score;
                     if ((a.observations > 0) != (b.observations > 0)) return a.observations > 0;
                     if (a.source != b.source) return SourceRank(a.source) < SourceRank(b.source);
                     if (a.name.size() != b.name.size()) return a.name.size() < b.name.size();
                     return a.name < b.name;
                   });
  return candidates;
}

Result<std::vector<SeriesPoint>> Series(Connection& db, const SeriesQuery& query) {
  BAOCAO_RETURN_IF_ERROR(CheckDate(query.from, "--from"));
  BAOCAO_RETURN_IF_ERROR(CheckDate(query.to, "--to"));
  std::vector<std::optional<std::int64_t>> entities{std::nullopt};
  if (!query.entity.empty()) {
    BAOCAO_ASSIGN_OR_RETURN(const std::vector<std::int64_t> ids, ResolveEntities(db, query.entity));
    entities.assign(ids.begin(), ids.end());
  }
  BAOCAO_ASSIGN_OR_RETURN(const std::vector<CatalogEntry> catalog, LoadCatalog(db));

  std::vector<Row> rows;
  for (const SeriesSource& source : SourcesOf(query.indicator, catalog)) {
    for (const std::optional<std::int64_t>& entity : entities)
      BAOCAO_RETURN_IF_ERROR(ReadSeries(db, source, entity, query, rows));
  }
  ApplyReviews(rows);
  // Sorted through indices: moving rows of many strings costs more than the query.
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&rows](std::size_t i, std::size_t j) {
    const SeriesPoint& a = rows[i].point;
    const SeriesPoint& b = rows[j].point;
    return std::tie(a.entity, a.period_start, a.period_end, a.document_path, a.page, a.fact_id) <
           std::tie(b.entity, b.period_start, b.period_end, b.document_path, b.page, b.fact_id);
  });
  std::vector<SeriesPoint> points;
  points.reserve(rows.size());
  for (const std::size_t i : order) points.push_back(std::move(rows[i].point));
  return points;
}

Result<std::vector<DeadlineRow>> Deadlines(Connection& db, const DeadlineQuery& query) {
  BAOCAO_RETURN_IF_ERROR(CheckDate(query.due_before, "--due-before"));
  const EntityName wanted = ParseEntityName(query.entity);
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * select,
      db.Prepare(
          "SELECT t.fact_id, f.kind, coalesce(t.task, ''), coalesce(t.due, ''),\n"
          "  coalesce(t.modifier, ''), coalesce(t.period_text, ''), coalesce(t.recurrence, ''),\n"
          "  coalesce(t.lead, ''), t.partners, d.path, f.page, f.review_status,\n"
          "  (SELECT coalesce(json_extract(m.fields, '$.entity'), '') FROM facts m\n"
          "   WHERE m.document_id = t.document_id AND m.kind = 'metadata'\n"
          "     AND m.review_status <> 'rejected' ORDER BY m.id LIMIT 1)\n"
          "FROM tasks t JOIN facts f ON f.id = t.fact_id JOIN documents d ON d.id = t.document_id\n"
          "WHERE f.review_status <> 'rejected'"));
  std::vector<DeadlineRow> rows;
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, select->Step());
    if (!row) break;
    DeadlineRow r;
    r.fact_id = select->Int(0);
    r.kind = select->Text(1);
    r.task = select->Text(2);
    r.due = select->Text(3);
    r.modifier = select->Text(4);
    r.period_text = select->Text(5);
    r.recurrence = select->Text(6);
    r.lead = select->Text(7);
    r.partners = JsonStrings(select->Text(8));
    r.document_path = select->Text(9);
    r.page = static_cast<int>(select->Int(10));
    r.review = ReviewFromName(select->Text(11));
    const std::string document_entity = select->IsNull(12) ? "" : select->Text(12);
    if (!query.due_before.empty() && !(IsCalendarDate(r.due) && r.due < query.due_before))
      continue;
    if (!query.entity.empty()) {
      bool mentioned = Mentions(r.lead, wanted) || Mentions(document_entity, wanted);
      for (const std::string& partner : r.partners) mentioned = mentioned || Mentions(partner, wanted);
      if (!mentioned) continue;
    }
    rows.push_back(std::move(r));
  }
  select->Reset();
  std::sort(rows.begin(), rows.end(), [](const DeadlineRow& a, const DeadlineRow& b) {
    const bool a_dated = IsCalendarDate(a.due);
    const bool b_dated = IsCalendarDate(b.due);
    return std::tie(b_dated, a.due, a.document_path, a.page, a.fact_id) <
           std::tie(a_dated, b.due, b.document_path, b.page, b.fact_id);
  });
  return rows;
}

}  // namespace baocao::storage_internal
