#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "baocao/storage.h"
#include "test_store.h"

namespace baocao {
namespace {

using testing::ExecSql;
using testing::MakeFact;
using testing::MakePage;
using testing::QueryInt;
using testing::RecordFor;
using testing::TempDir;

Document SampleDocument() {
  Document doc;
  doc.path = "/reports/bao_cao_quy_1.pdf";
  doc.file_size = 1234;
  doc.producer = "Microsoft Word";
  doc.pages.push_back(MakePage(1, "Báo cáo kết quả cải cách hành chính quý I năm 2024\n"));
  doc.pages.push_back(MakePage(2, "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%.\n"));
  doc.facts.push_back(MakeFact("indicator", 2, 0,
                               {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")},
                                {"code", std::string("ty_le_dung_han")},
                                {"percent", 98.5},
                                {"entity", std::string("Tỉnh  Hà Giang")},
                                {"period_start", std::string("2024-01-01")},
                                {"period_end", std::string("2024-03-31")}}));
  doc.facts.push_back(MakeFact("reference", 1, 10,
                               {{"doc_type", std::string("Quyết định")},
                                {"number", std::string("123/QĐ-UBND")},
                                {"date", std::string("2024-03-15")},
                                {"issuer", std::string("UBND tỉnh")}}));
  doc.facts.push_back(MakeFact("deadline", 1, 20,
                               {{"task", std::string("Hoàn thành số hóa hồ sơ")},
                                {"due", std::string("2024-06-30")},
                                {"partners", std::vector<std::string>{"Sở Nội vụ", "Sở TT&TT"}}},
                               0.5));
  return doc;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.File("store.db");
    auto opened = Store::Open(db_path_, StoreOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  StoreStats Stats() {
    auto stats = store_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status().ToString();
    return stats.ok() ? stats.value() : StoreStats();
  }

  std::vector<StoredFact> Facts(const std::string& kind = "") {
    std::vector<StoredFact> facts;
    FactFilter filter;
    filter.kind = kind;
    EXPECT_TRUE(store_->ForEachFact(filter, [&](const StoredFact& f) { facts.push_back(f); }).ok());
    return facts;
  }

  long long Count(const std::string& sql) { return QueryInt(db_path_, sql); }

  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreTest, NewStoreHasLatestSchemaWalAndForeignKeys) {
  EXPECT_EQ(Count("PRAGMA user_version"), Store::SchemaVersion());
  EXPECT_GE(Store::SchemaVersion(), 2);
  EXPECT_EQ(
      Count("SELECT count(*) FROM sqlite_schema WHERE name IN ('documents', 'pages', 'facts', "
            "'entities', 'indicators', 'observations', 'tasks', 'doc_references', 'review_log', "
            "'page_search')"),
      10);
  EXPECT_EQ(Count("SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
}

TEST_F(StoreTest, PutDocumentStoresPagesFactsAndDerivedRows) {
  auto put = store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions());
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  EXPECT_EQ(put.value().outcome, PutOutcome::kAdded);
  EXPECT_EQ(put.value().facts_stored, 3);

  const StoreStats stats = Stats();
  EXPECT_EQ(stats.documents, 1);
  EXPECT_EQ(stats.pages, 2);
  EXPECT_EQ(stats.pages_by_route.at("text"), 2);
  EXPECT_EQ(stats.facts_by_kind.at("indicator"), 1);
  EXPECT_EQ(stats.facts_by_review.at("auto"), 2);
  EXPECT_EQ(stats.facts_by_review.at("needs_review"), 1);  // confidence 0.5 < 0.7

  EXPECT_EQ(
      Count("SELECT count(*) FROM observations WHERE percent = 98.5 AND period_kind = 'quarter' "
            "AND indicator_code = 'ty_le_dung_han'"),
      1);
  EXPECT_EQ(Count("SELECT count(*) FROM entities WHERE folded_key = 'tinh ha giang'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM doc_references WHERE number = '123/QĐ-UBND' AND issuer = "
                  "'UBND tỉnh'"),
            1);
  EXPECT_EQ(Count("SELECT json_array_length(partners) FROM tasks WHERE due = '2024-06-30'"), 2);
  EXPECT_EQ(Count("SELECT status = 'ok' AND size = 1234 AND pages = 2 FROM documents"), 1);
}

TEST_F(StoreTest, FactsRoundTripThroughForEachFact) {
  ASSERT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  const std::vector<StoredFact> facts = Facts("deadline");
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].document_path, "/reports/bao_cao_quy_1.pdf");
  EXPECT_EQ(facts[0].review, ReviewStatus::kNeedsReview);
  EXPECT_EQ(std::get<std::string>(facts[0].fact.fields.at("task")), "Hoàn thành số hóa hồ sơ");
  EXPECT_EQ(std::get<std::vector<std::string>>(facts[0].fact.fields.at("partners")).size(), 2u);
  EXPECT_EQ(facts[0].fact.span.begin, 20u);
  EXPECT_EQ(Facts().size(), 3u);
}

TEST_F(StoreTest, SameSha256IsNoOpUnlessForced) {
  ASSERT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  Document renamed = SampleDocument();
  renamed.path = "/elsewhere/copy.pdf";
  auto again = store_->PutDocument(renamed, RecordFor("a"), PutOptions());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().outcome, PutOutcome::kUnchanged);
  EXPECT_EQ(Stats().documents, 1);
  EXPECT_EQ(Stats().pages, 2);
  EXPECT_EQ(Stats().facts, 3);
  EXPECT_EQ(Count("SELECT count(*) FROM documents WHERE path = '/reports/bao_cao_quy_1.pdf'"), 1);

  PutOptions force;
  force.force = true;
  auto forced = store_->PutDocument(renamed, RecordFor("a"), force);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced.value().outcome, PutOutcome::kReplaced);
  EXPECT_EQ(forced.value().document_id, again.value().document_id);
  EXPECT_EQ(Stats().documents, 1);
  EXPECT_EQ(Stats().pages, 2);
  EXPECT_EQ(Stats().facts, 3);
  EXPECT_EQ(Count("SELECT count(*) FROM observations"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM documents WHERE path = '/elsewhere/copy.pdf'"), 1);
}

TEST_F(StoreTest, FailureMidDocumentLeavesNothing) {
  Document doc = SampleDocument();
  doc.pages.push_back(MakePage(2, "a second page 2: breaks UNIQUE (document_id, number)"));
  auto put = store_->PutDocument(doc, RecordFor("a"), PutOptions());
  ASSERT_FALSE(put.ok());
  EXPECT_EQ(put.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(put.status().message().find("bao_cao_quy_1.pdf"), std::string::npos);
  EXPECT_NE(put.status().message().find("page 2"), std::string::npos);
  for (const char* table :
       {"documents", "pages", "facts", "observations", "tasks", "doc_references", "entities"}) {
    EXPECT_EQ(Count(std::string("SELECT count(*) FROM ") + table), 0) << table;
  }
  auto hits = store_->Search("cai cach", SearchOptions());
  ASSERT_TRUE(hits.ok());
  EXPECT_TRUE(hits.value().empty());
  // The store is still usable afterwards.
  EXPECT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  EXPECT_EQ(Stats().documents, 1);
}

TEST_F(StoreTest, FailedForcedReplacementKeepsEarlierVersion) {
  ASSERT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  Document broken = SampleDocument();
  broken.pages.push_back(MakePage(1, "duplicate page 1"));
  PutOptions force;
  force.force = true;
  EXPECT_FALSE(store_->PutDocument(broken, RecordFor("a"), force).ok());
  EXPECT_EQ(Stats().pages, 2);
  EXPECT_EQ(Stats().facts, 3);
  auto hits = store_->Search("ty le", SearchOptions());
  ASSERT_TRUE(hits.ok());
  EXPECT_EQ(hits.value().size(), 1u);
}

TEST_F(StoreTest, ForcedReextractionKeepsReviewedFacts) {
  ASSERT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  std::vector<StoredFact> facts = Facts();
  ASSERT_EQ(facts.size(), 3u);
  FactReview correct;
  correct.status = ReviewStatus::kCorrected;
  correct.fields["percent"] = 97.5;
  correct.at = "2024-05-02T09:00:00Z";
  ASSERT_TRUE(store_->ReviewFact(facts[0].id, correct).ok());
  FactReview reject;
  reject.status = ReviewStatus::kRejected;
  reject.at = "2024-05-02T09:01:00Z";
  ASSERT_TRUE(store_->ReviewFact(facts[1].id, reject).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM doc_references"), 0);  // rejected: no longer a reference

  PutOptions force;
  force.force = true;
  auto forced = store_->PutDocument(SampleDocument(), RecordFor("a"), force);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ(forced.value().facts_kept, 2);
  EXPECT_EQ(forced.value().facts_stored, 1);  // only the unreviewed deadline is new

  const std::vector<StoredFact> after = Facts();
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].id, facts[0].id);
  EXPECT_EQ(after[0].review, ReviewStatus::kCorrected);
  EXPECT_EQ(std::get<double>(after[0].fact.fields.at("percent")), 97.5);
  EXPECT_EQ(after[1].review, ReviewStatus::kRejected);
  EXPECT_NE(after[2].id, facts[2].id);
  EXPECT_EQ(Count("SELECT percent = 97.5 FROM observations"),
            1);  // derived again from the correction
  EXPECT_EQ(Count("SELECT count(*) FROM doc_references"), 0);
}

TEST_F(StoreTest, ReviewLogIsAppendOnly) {
  ASSERT_TRUE(store_->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  const std::int64_t fact_id = Facts()[0].id;
  FactReview correct;
  correct.status = ReviewStatus::kCorrected;
  correct.fields["label"] = std::string("Tỷ lệ đúng hạn");
  correct.at = "2024-05-02T09:00:00Z";
  ASSERT_TRUE(store_->ReviewFact(fact_id, correct).ok());

  auto log = store_->ReviewLog(fact_id);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log.value().size(), 2u);
  EXPECT_EQ(log.value()[0].field, "label");
  EXPECT_EQ(log.value()[0].before, "\"Tỷ lệ hồ sơ đúng hạn\"");
  EXPECT_EQ(log.value()[0].after, "\"Tỷ lệ đúng hạn\"");
  EXPECT_EQ(log.value()[1].field, "review_status");
  EXPECT_EQ(log.value()[1].after, "\"corrected\"");

  EXPECT_NE(ExecSql(db_path_, "UPDATE review_log SET after = '\"x\"'").find("append-only"),
            std::string::npos);
  EXPECT_NE(ExecSql(db_path_, "DELETE FROM review_log").find("append-only"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM review_log"), 2);

  // The log outlives the document.
  EXPECT_EQ(ExecSql(db_path_, "PRAGMA foreign_keys = ON; DELETE FROM documents"), "");
  EXPECT_EQ(Count("SELECT count(*) FROM review_log"), 2);
  EXPECT_EQ(Count("SELECT count(*) FROM facts"), 0);
}

TEST_F(StoreTest, ReviewOfMissingFactIsNotFound) {
  FactReview review;
  review.at = "2024-05-02T09:00:00Z";
  EXPECT_EQ(store_->ReviewFact(42, review).code(), StatusCode::kNotFound);
}

TEST_F(StoreTest, FailedFileIsRecordedAndRetried) {
  const Status why(StatusCode::kCorrupt, "'bad.pdf' is damaged beyond repair");
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", 10, RecordFor("bad"), why).ok());
  EXPECT_EQ(Stats().documents, 0);
  EXPECT_EQ(Stats().failed_documents, 1);
  auto hashes = store_->StoredDocumentHashes();
  ASSERT_TRUE(hashes.ok());
  EXPECT_TRUE(hashes.value().empty());

  auto put = store_->PutDocument(SampleDocument(), RecordFor("bad"), PutOptions());
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put.value().outcome, PutOutcome::kReplaced);
  EXPECT_EQ(Stats().documents, 1);
  EXPECT_EQ(Stats().failed_documents, 0);
  // A failure never overwrites a readable version.
  ASSERT_TRUE(store_->RecordFailure("bad.pdf", 10, RecordFor("bad"), why).ok());
  EXPECT_EQ(Stats().documents, 1);
}

TEST_F(StoreTest, PartialDocumentWhenAPageFailed) {
  Document doc = SampleDocument();
  doc.pages[1].route = PageRoute::kFailed;
  doc.pages[1].warnings.push_back("'x.pdf' page 2: could not be read");
  ASSERT_TRUE(store_->PutDocument(doc, RecordFor("a"), PutOptions()).ok());
  EXPECT_EQ(Count("SELECT status = 'partial' AND json_array_length(errors) = 1 FROM documents"), 1);
}

TEST_F(StoreTest, BadRecordIsRefused) {
  DocumentRecord record = RecordFor("a");
  record.sha256 = "abc";
  EXPECT_EQ(store_->PutDocument(SampleDocument(), record, PutOptions()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(StoreOpenTest, MissingFileIsNotFoundWhenNotCreating) {
  TempDir dir;
  StoreOptions options;
  options.create_if_missing = false;
  auto store = Store::Open(dir.File("missing.db"), options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
  EXPECT_NE(store.status().message().find("missing.db"), std::string::npos);
}

TEST(StoreOpenTest, FileThatIsNotSqliteIsRefused) {
  TempDir dir;
  std::ofstream(dir.File("notes.db"))
      << "these are notes, not a database, and long enough to matter..." << std::string(200, 'x');
  auto store = Store::Open(dir.File("notes.db"), StoreOptions());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(store.status().message().find("notes.db"), std::string::npos);
}

TEST(StoreOpenTest, InMemoryStoreWorks) {
  auto store = Store::Open(":memory:", StoreOptions());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  ASSERT_TRUE(store.value()->PutDocument(SampleDocument(), RecordFor("a"), PutOptions()).ok());
  EXPECT_EQ(store.value()->Stats().value().documents, 1);
}

}  // namespace
}  // namespace baocao
