#include "schema.h"

#include <gtest/gtest.h>

#include <string>

#include "baocao/storage.h"
#include "fact_tables.h"
#include "sqlite.h"
#include "test_store.h"

namespace baocao::storage_internal {
namespace {

using testing::ExecSql;
using testing::QueryInt;
using testing::TempDir;

TEST(SchemaTest, MigrationsAreNumberedFromOne) {
  const auto migrations = Migrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "%04zu_", i + 1);
    EXPECT_EQ(migrations[i].name.substr(0, 5), prefix);
    EXPECT_FALSE(migrations[i].sql.empty());
  }
  EXPECT_EQ(Store::SchemaVersion(), static_cast<int>(migrations.size()));
}

// Writes a store as a baocao of schema `version` left it: the migrations up
// to that version, one document "old.pdf", then `sql`.
void WriteStoreAtVersion(const std::string& path, int version, const std::string& sql) {
  auto db = Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Migrate(*db.value(), version).ok());
  ASSERT_TRUE(db.value()
                  ->Exec(("INSERT INTO documents (sha256, path, size, pages, status, "
                         "extractor_version, ingested_at) "
                         "VALUES ('" + std::string(64, '0') + "', 'old.pdf', 1, 1, 'ok', "
                         "'baocao 0.1.0', '2024-01-01T00:00:00Z');" + sql)
                             .c_str())
                  .ok());
}

// A store written by a baocao that knew only schema version 1 (no search
// index) is brought up to date on open, and its pages become searchable.
TEST(SchemaTest, UpgradesAVersion1Store) {
  TempDir dir;
  const std::string path = dir.File("old.db");
  WriteStoreAtVersion(path, 1,
                      "INSERT INTO pages (document_id, number, text, folded_text, route, quality) "
                      "VALUES (1, 1, 'Tỷ lệ giải quyết hồ sơ', 'ty le giai quyet ho so', 'text', 1.0);");
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'page_search'"), 0);

  auto store = Store::Open(path, StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), Store::SchemaVersion());
  auto hits = store.value()->Search("ty le", SearchOptions());
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  ASSERT_EQ(hits.value().size(), 1u);
  EXPECT_EQ(hits.value()[0].path, "old.pdf");
}

// A store of version 3 (before words, repairs and revisions were kept)
// opens with the new columns at their defaults, and its old review log
// entries are revision 0, which no undo reaches.
TEST(SchemaTest, UpgradesAVersion3StoreWithDefaults) {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  WriteStoreAtVersion(path, 3,
                      "INSERT INTO pages (document_id, number, text, folded_text, route, quality) "
                      "VALUES (1, 1, 'Tỷ lệ', 'ty le', 'text', 1.0);"
                      "INSERT INTO facts (document_id, kind, fields, confidence, page, span_begin, "
                      "span_end, quote, rule, review_status) "
                      "VALUES (1, 'indicator', '{\"percent\": 90}', 0.9, 1, 0, 5, 'Tỷ lệ', 'r', "
                      "'accepted');"
                      "INSERT INTO review_log (at, fact_id, field, before, after) "
                      "VALUES ('2024-01-02T00:00:00Z', 1, 'review_status', '\"auto\"', "
                      "'\"accepted\"');");
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), 3);

  auto opened = Store::Open(path, StoreOptions());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& store = *opened.value();
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), Store::SchemaVersion());
  EXPECT_GE(Store::SchemaVersion(), 4);

  auto page = store.GetPage(1, 1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page.value().text, "Tỷ lệ");
  EXPECT_EQ(page.value().width, 0);
  EXPECT_EQ(page.value().height, 0);
  EXPECT_TRUE(page.value().words.empty());
  EXPECT_TRUE(page.value().repairs.empty());

  auto fact = store.GetFact(1);
  ASSERT_TRUE(fact.ok()) << fact.status().ToString();
  EXPECT_EQ(fact.value().revision, 0);
  EXPECT_TRUE(fact.value().fact.review_reasons.empty());
  EXPECT_EQ(fact.value().review, ReviewStatus::kAccepted);

  auto log = store.ReviewLog(1);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log.value().size(), 1u);
  EXPECT_EQ(log.value()[0].revision, 0);
  EXPECT_EQ(store.UndoReview(1, "2024-05-01T00:00:00Z", -1).code(), StatusCode::kInvalidArgument);

  // The first decision after the upgrade is revision 1, and it can be undone.
  FactReview reject;
  reject.status = ReviewStatus::kRejected;
  reject.at = "2024-05-01T00:00:00Z";
  reject.expected_revision = 0;
  ASSERT_TRUE(store.ReviewFact(1, reject).ok());
  ASSERT_TRUE(store.UndoReview(1, "2024-05-01T00:01:00Z", 1).ok());
  EXPECT_EQ(store.GetFact(1).value().review, ReviewStatus::kAccepted);
}

TEST(SchemaTest, RefusesAStoreFromANewerBaocao) {
  TempDir dir;
  const std::string path = dir.File("future.db");
  ASSERT_TRUE(Store::Open(path, StoreOptions()).ok());
  ASSERT_EQ(ExecSql(path, "PRAGMA user_version = 99"), "");

  auto store = Store::Open(path, StoreOptions());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
  const std::string message = store.status().message();
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("99"), std::string::npos) << message;
  EXPECT_NE(message.find("version " + std::to_string(Store::SchemaVersion())), std::string::npos)
      << message;
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), 99);  // left as it was
}

TEST(SchemaTest, RefusesAnotherProgramsDatabase) {
  TempDir dir;
  const std::string path = dir.File("other.db");
  ASSERT_EQ(ExecSql(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)"), "");
  auto store = Store::Open(path, StoreOptions());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(store.status().message().find("not a baocao store"), std::string::npos);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'"), 0);
}

TEST(SchemaTest, AFailedMigrationLeavesTheStoreAsItWas) {
  TempDir dir;
  const std::string path = dir.File("half.db");
  {
    auto db = Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(Migrate(*db.value(), 1).ok());
    // Migration 2 creates page_search, then its triggers: a trigger of the
    // same name as its second one makes it fail midway.
    ASSERT_TRUE(
        db.value()
            ->Exec("CREATE TRIGGER pages_search_delete AFTER DELETE ON pages BEGIN SELECT 1; END")
            .ok());
  }
  auto store = Store::Open(path, StoreOptions());
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("0002_"), std::string::npos) << store.status().message();
  EXPECT_EQ(QueryInt(path, "PRAGMA user_version"), 1);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'page_search'"), 0);
  EXPECT_EQ(QueryInt(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'pages_search_insert'"),
            0);
}

TEST(PeriodKindTest, NamesWholePeriods) {
  EXPECT_EQ(PeriodKind("2024-01-01", "2024-12-31"), "year");
  EXPECT_EQ(PeriodKind("2024-07-01", "2024-12-31"), "half");
  EXPECT_EQ(PeriodKind("2024-04-01", "2024-06-30"), "quarter");
  EXPECT_EQ(PeriodKind("2024-02-01", "2024-02-29"), "month");
  EXPECT_EQ(PeriodKind("2023-02-01", "2023-02-28"), "month");
  EXPECT_EQ(PeriodKind("2024-02-01", "2024-02-28"), "range");
  EXPECT_EQ(PeriodKind("2024-01-15", "2024-06-30"), "range");
  EXPECT_EQ(PeriodKind("2023-10-01", "2024-03-31"), "range");
  EXPECT_EQ(PeriodKind("quý I", "2024-03-31"), std::nullopt);
}

TEST(FactFieldsTest, JsonRoundTrip) {
  const Fields fields = {{"value", 12.5},
                         {"unit", std::string("%")},
                         {"partners", std::vector<std::string>{"Sở Nội vụ"}},
                         {"none", std::monostate()}};
  EXPECT_EQ(FieldsFromJson(FieldsToJson(fields)), fields);
  EXPECT_TRUE(FieldsFromJson("not json").empty());
}

}  // namespace
}  // namespace baocao::storage_internal
