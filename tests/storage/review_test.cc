// What a reviewer works with: pages with their words and repairs, documents
// listed with their counts, the review queue, revisions that refuse stale
// decisions, and undo.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
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

constexpr char kAt[] = "2024-05-02T09:00:00Z";

Word MakeWord(std::string text, Box box, Span span, TextSource source, double confidence) {
  Word word;
  word.text = std::move(text);
  word.box = box;
  word.span = span;
  word.source = source;
  word.confidence = confidence;
  word.font = "TimesNewRoman";
  word.glyphs.push_back({65, "T", false});
  return word;
}

// A report of huyện Thọ Xuân: its metadata names the entity; one indicator
// fact (auto), one of xã Xuân Lai (needs review), a deadline (needs review).
Document ThoXuanReport() {
  Document doc;
  doc.path = "/reports/tho_xuan.pdf";
  doc.file_size = 4321;
  Page page = MakePage(1, "Tỷ lệ hồ sơ đúng hạn đạt 98,5%.\n");
  page.width = 595.276;
  page.height = 841.89;
  page.route = PageRoute::kRepaired;
  page.words.push_back(
      MakeWord("Tỷ", {56.6949, 70.0, 70.3351, 82.5}, {0, 4}, TextSource::kTextLayer, 1.0));
  page.words.push_back(
      MakeWord("lệ", {72.0, 70.0, 80.125, 82.5}, {5, 9}, TextSource::kRepaired, 0.87654));
  // No fact is read from this word: the store keeps no box for it.
  page.words.push_back(
      MakeWord("đạt", {150.0, 70.0, 170.0, 82.5}, {31, 36}, TextSource::kTextLayer, 1.0));
  page.repairs.push_back({"legacy", "tcvn3", {5, 9}, "lÖ", 0.9125, {"lê", "lể"}});
  doc.pages.push_back(page);
  doc.pages.push_back(MakePage(2, "Trang hai\n"));
  doc.facts.push_back(MakeFact("metadata", 1, 0, {{"entity", std::string("UBND huyện Thọ Xuân")}}));
  doc.facts.push_back(MakeFact("indicator", 1, 0,
                               {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")},
                                {"code", std::string("ty_le_dung_han")},
                                {"percent", 98.5},
                                {"period_start", std::string("2024-01-01")},
                                {"period_end", std::string("2024-03-31")}}));
  doc.facts.back().span = {0, 9};  // "Tỷ lệ"
  doc.facts.push_back(MakeFact("indicator", 1, 10,
                               {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")},
                                {"code", std::string("ty_le_dung_han")},
                                {"percent", 91.0},
                                {"entity", std::string("xã Xuân Lai")}},
                               0.6));
  doc.facts.push_back(
      MakeFact("deadline", 2, 0,
               {{"task", std::string("Số hóa hồ sơ")}, {"due", std::string("2024-06-30")}}, 0.5));
  FontInfo font;
  font.name = "ABCDEF+TimesNewRoman";
  font.mapping = FontMapping::kCollapsed;
  font.recovered = {{3, "ư", 3, 3}, {4, "ơ", 2, 3}};
  font.unresolved_codes = {9};
  doc.fonts.push_back(font);
  return doc;
}

// A report of another district, with facts that are confident but doubtful.
Document NgaSonReport() {
  Document doc;
  doc.path = "/reports/nga_son.pdf";
  doc.pages.push_back(MakePage(1, "Huyện Nga Sơn\n"));
  doc.facts.push_back(MakeFact("metadata", 1, 0, {{"entity", std::string("huyện Nga Sơn")}}));
  Fact doubtful =
      MakeFact("indicator", 1, 0,
               {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")}, {"percent", 120.0}}, 0.95);
  doubtful.review_reasons = {"percent_mismatch", "repaired_text"};
  doc.facts.push_back(doubtful);
  doc.facts.push_back(MakeFact("deadline", 1, 5, {{"task", std::string("Rà soát")}}, 0.4));
  return doc;
}

class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_.File("store.db");
    auto opened = Store::Open(db_path_, StoreOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    auto tho_xuan = store_->PutDocument(ThoXuanReport(), RecordFor("tho xuan"), PutOptions());
    ASSERT_TRUE(tho_xuan.ok()) << tho_xuan.status().ToString();
    tho_xuan_ = tho_xuan.value().document_id;
    auto nga_son = store_->PutDocument(NgaSonReport(), RecordFor("nga son"), PutOptions());
    ASSERT_TRUE(nga_son.ok()) << nga_son.status().ToString();
    nga_son_ = nga_son.value().document_id;
  }

  // The facts of a document, in storage order.
  std::vector<StoredFact> FactsOf(std::int64_t document_id, const std::string& kind = "") {
    std::vector<StoredFact> facts;
    FactFilter filter;
    filter.kind = kind;
    filter.document_id = document_id;
    EXPECT_TRUE(store_->ForEachFact(filter, [&](const StoredFact& f) { facts.push_back(f); }).ok());
    return facts;
  }

  // The auto indicator of Thọ Xuân, percent 98.5.
  StoredFact Indicator() { return FactsOf(tho_xuan_, "indicator").at(0); }

  StoredFact Fetch(std::int64_t fact_id) {
    auto fact = store_->GetFact(fact_id);
    EXPECT_TRUE(fact.ok()) << fact.status().ToString();
    return fact.ok() ? fact.value() : StoredFact();
  }

  ReviewQueuePage Queue(const ReviewQueueQuery& query) {
    auto page = store_->ReviewQueue(query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page.value() : ReviewQueuePage();
  }

  // The percents of the series of indicator ty_le_dung_han, as Series applies reviews.
  std::vector<double> SeriesPercents() {
    IndicatorCandidate indicator;
    indicator.source = IndicatorCandidate::Source::kCode;
    indicator.code = "ty_le_dung_han";
    auto series = store_->Series({indicator, "", "", ""});
    EXPECT_TRUE(series.ok()) << series.status().ToString();
    std::vector<double> percents;
    if (!series.ok()) return percents;
    for (const SeriesPoint& point : series.value()) percents.push_back(point.percent.value_or(-1));
    return percents;
  }

  long long Count(const std::string& sql) { return QueryInt(db_path_, sql); }

  static FactReview Correct(const std::string& field, FieldValue value,
                            std::int64_t expected_revision = -1) {
    FactReview review;
    review.status = ReviewStatus::kCorrected;
    review.fields[field] = std::move(value);
    review.at = kAt;
    review.expected_revision = expected_revision;
    return review;
  }

  static FactReview Decide(ReviewStatus status, std::int64_t expected_revision = -1) {
    FactReview review;
    review.status = status;
    review.at = kAt;
    review.expected_revision = expected_revision;
    return review;
  }

  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<Store> store_;
  std::int64_t tho_xuan_ = 0;
  std::int64_t nga_son_ = 0;
};

// ---- Pages ----------------------------------------------------------------

TEST_F(ReviewTest, PageKeepsSizeWordsAndRepairs) {
  auto page = store_->GetPage(tho_xuan_, 1);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const StoredPage& p = page.value();
  EXPECT_EQ(p.document_id, tho_xuan_);
  EXPECT_EQ(p.number, 1);
  EXPECT_DOUBLE_EQ(p.width, 595.276);
  EXPECT_DOUBLE_EQ(p.height, 841.89);
  EXPECT_EQ(p.route, "repaired");
  EXPECT_EQ(p.text, "Tỷ lệ hồ sơ đúng hạn đạt 98,5%.\n");

  ASSERT_EQ(p.words.size(), 2u);  // "đạt" has no fact
  EXPECT_DOUBLE_EQ(p.words[0].box.x0, 56.69);  // rounded to 0.01 pt
  EXPECT_DOUBLE_EQ(p.words[0].box.x1, 70.34);
  EXPECT_DOUBLE_EQ(p.words[0].box.y1, 82.5);
  EXPECT_EQ(p.words[0].source, TextSource::kTextLayer);
  EXPECT_EQ(p.words[1].span.begin, 5u);
  EXPECT_EQ(p.words[1].span.end, 9u);
  EXPECT_EQ(p.words[1].source, TextSource::kRepaired);
  EXPECT_DOUBLE_EQ(p.words[1].confidence, 0.877);  // 3 digits
  EXPECT_EQ(p.text.substr(p.words[1].span.begin, p.words[1].span.size()), "lệ");

  ASSERT_EQ(p.repairs.size(), 1u);
  EXPECT_EQ(p.repairs[0].pass, "legacy");
  EXPECT_EQ(p.repairs[0].detail, "tcvn3");
  EXPECT_EQ(p.repairs[0].span.begin, 5u);
  EXPECT_EQ(p.repairs[0].span.end, 9u);
  EXPECT_EQ(p.repairs[0].before, "lÖ");
  EXPECT_DOUBLE_EQ(p.repairs[0].confidence, 0.913);
  EXPECT_EQ(p.repairs[0].alternatives, (std::vector<std::string>{"lê", "lể"}));
}

TEST_F(ReviewTest, StoredWordsAreCompact) {
  // No word text, font or glyphs: the text is the page's at the span.
  EXPECT_EQ(Count("SELECT count(*) FROM pages WHERE number = 1 AND instr(words, 'Times') = 0 "
                  "AND instr(words, 'lệ') = 0 AND json_array_length(words) = 2 "
                  "AND json_array_length(words, '$[0]') = 8 "
                  "AND json_extract(words, '$[1][6]') = 'repaired'"),
            1);
}

TEST_F(ReviewTest, ListPagesLeavesTextOut) {
  auto pages = store_->ListPages(tho_xuan_);
  ASSERT_TRUE(pages.ok()) << pages.status().ToString();
  ASSERT_EQ(pages.value().size(), 2u);
  EXPECT_EQ(pages.value()[0].number, 1);
  EXPECT_DOUBLE_EQ(pages.value()[0].width, 595.276);
  EXPECT_TRUE(pages.value()[0].text.empty());
  EXPECT_TRUE(pages.value()[0].words.empty());
  EXPECT_TRUE(pages.value()[0].repairs.empty());
  EXPECT_EQ(pages.value()[1].number, 2);
  EXPECT_DOUBLE_EQ(pages.value()[1].width, 0);  // not given
  EXPECT_EQ(store_->ListPages(999).status().code(), StatusCode::kNotFound);
}

TEST_F(ReviewTest, PageNotFoundNamesTheDocumentAndPage) {
  auto missing_page = store_->GetPage(tho_xuan_, 9);
  ASSERT_FALSE(missing_page.ok());
  EXPECT_EQ(missing_page.status().code(), StatusCode::kNotFound);
  const std::string message = missing_page.status().message();
  EXPECT_NE(message.find("document " + std::to_string(tho_xuan_)), std::string::npos) << message;
  EXPECT_NE(message.find("tho_xuan.pdf"), std::string::npos) << message;
  EXPECT_NE(message.find("page 9"), std::string::npos) << message;

  auto missing_document = store_->GetPage(999, 1);
  ASSERT_FALSE(missing_document.ok());
  EXPECT_EQ(missing_document.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing_document.status().message().find("document 999"), std::string::npos);
}

// ---- Documents --------------------------------------------------------------

TEST_F(ReviewTest, ListDocumentsByPathWithFactCounts) {
  ASSERT_TRUE(store_
                  ->RecordFailure("/reports/broken.pdf", 7, RecordFor("broken"),
                                  Status(StatusCode::kCorrupt, "damaged beyond repair"))
                  .ok());
  auto documents = store_->ListDocuments();
  ASSERT_TRUE(documents.ok()) << documents.status().ToString();
  ASSERT_EQ(documents.value().size(), 3u);
  EXPECT_EQ(documents.value()[0].path, "/reports/broken.pdf");
  EXPECT_EQ(documents.value()[0].status, "failed");
  EXPECT_EQ(documents.value()[0].errors, (std::vector<std::string>{"damaged beyond repair"}));
  EXPECT_EQ(documents.value()[0].facts, 0);
  EXPECT_EQ(documents.value()[1].path, "/reports/nga_son.pdf");
  EXPECT_EQ(documents.value()[1].facts, 3);
  EXPECT_EQ(documents.value()[1].facts_to_review, 2);  // review reasons, low confidence
  const DocumentSummary& tho_xuan = documents.value()[2];
  EXPECT_EQ(tho_xuan.id, tho_xuan_);
  EXPECT_EQ(tho_xuan.sha256, Sha256Hex("tho xuan"));
  EXPECT_EQ(tho_xuan.size, 4321);
  EXPECT_EQ(tho_xuan.pages, 2);
  EXPECT_EQ(tho_xuan.status, "ok");
  EXPECT_EQ(tho_xuan.extractor_version, "test");
  EXPECT_EQ(tho_xuan.ingested_at, "2024-05-01T08:00:00Z");
  EXPECT_EQ(tho_xuan.facts, 4);
  EXPECT_EQ(tho_xuan.facts_to_review, 2);
}

TEST_F(ReviewTest, GetDocumentCountsWhatIsLeftToReview) {
  const StoredFact deadline = FactsOf(tho_xuan_, "deadline").at(0);
  ASSERT_TRUE(store_->ReviewFact(deadline.id, Decide(ReviewStatus::kAccepted)).ok());
  auto document = store_->GetDocument(tho_xuan_);
  ASSERT_TRUE(document.ok()) << document.status().ToString();
  EXPECT_EQ(document.value().path, "/reports/tho_xuan.pdf");
  EXPECT_EQ(document.value().facts, 4);
  EXPECT_EQ(document.value().facts_to_review, 1);

  auto missing = store_->GetDocument(999);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("document 999"), std::string::npos);
}

TEST_F(ReviewTest, MetadataNamesFontMappingAndCodeCounts) {
  auto metadata = store_->DocumentMetadataJson(tho_xuan_);
  ASSERT_TRUE(metadata.ok()) << metadata.status().ToString();
  const nlohmann::json parsed = nlohmann::json::parse(metadata.value());
  ASSERT_EQ(parsed.at("fonts").size(), 1u);
  const nlohmann::json& font = parsed.at("fonts")[0];
  EXPECT_EQ(font.at("name"), "ABCDEF+TimesNewRoman");
  EXPECT_EQ(font.at("mapping"), "collapsed");
  EXPECT_EQ(font.at("recovered"), 2);
  EXPECT_EQ(font.at("unresolved"), 1);
  EXPECT_EQ(store_->DocumentMetadataJson(999).status().code(), StatusCode::kNotFound);
}

// ---- Facts and revisions ----------------------------------------------------

TEST_F(ReviewTest, ReviewReasonsSendAConfidentFactToReview) {
  const std::vector<StoredFact> facts = FactsOf(nga_son_, "indicator");
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(facts[0].review, ReviewStatus::kNeedsReview);  // confidence 0.95
  EXPECT_EQ(facts[0].fact.review_reasons,
            (std::vector<std::string>{"percent_mismatch", "repaired_text"}));
  EXPECT_EQ(Fetch(facts[0].id).fact.review_reasons, facts[0].fact.review_reasons);
  EXPECT_EQ(Indicator().review, ReviewStatus::kAuto);  // confident, nothing doubtful
  EXPECT_TRUE(Indicator().fact.review_reasons.empty());
}

TEST_F(ReviewTest, ForEachFactFiltersByDocument) {
  EXPECT_EQ(FactsOf(tho_xuan_).size(), 4u);
  EXPECT_EQ(FactsOf(nga_son_).size(), 3u);
  EXPECT_EQ(FactsOf(nga_son_, "deadline").size(), 1u);
  EXPECT_EQ(FactsOf(0).size(), 7u);
  EXPECT_TRUE(FactsOf(999).empty());
}

TEST_F(ReviewTest, EachDecisionIsANewRevision) {
  const std::int64_t id = Indicator().id;
  EXPECT_EQ(Fetch(id).revision, 0);
  ASSERT_TRUE(store_->ReviewFact(id, Correct("percent", 97.5, 0)).ok());
  ASSERT_TRUE(store_->ReviewFact(id, Decide(ReviewStatus::kAccepted, 1)).ok());
  EXPECT_EQ(Fetch(id).revision, 2);

  auto log = store_->ReviewLog(id);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log.value().size(), 3u);
  EXPECT_EQ(log.value()[0].field, "percent");
  EXPECT_EQ(log.value()[0].revision, 1);
  EXPECT_EQ(log.value()[1].field, "review_status");
  EXPECT_EQ(log.value()[1].revision, 1);
  EXPECT_EQ(log.value()[2].after, "\"accepted\"");
  EXPECT_EQ(log.value()[2].revision, 2);
}

TEST_F(ReviewTest, StaleRevisionIsAConflictAndWritesNothing) {
  const std::int64_t id = Indicator().id;
  ASSERT_TRUE(store_->ReviewFact(id, Correct("percent", 97.5, 0)).ok());
  // A second reviewer who also saw revision 0.
  const Status stale = store_->ReviewFact(id, Correct("percent", 90.0, 0));
  ASSERT_EQ(stale.code(), StatusCode::kConflict) << stale.ToString();
  EXPECT_NE(stale.message().find("fact " + std::to_string(id)), std::string::npos)
      << stale.message();
  EXPECT_NE(stale.message().find("revision 1"), std::string::npos) << stale.message();
  EXPECT_NE(stale.message().find("corrected"), std::string::npos) << stale.message();

  const StoredFact after = Fetch(id);
  EXPECT_EQ(after.revision, 1);
  EXPECT_EQ(std::get<double>(after.fact.fields.at("percent")), 97.5);
  EXPECT_EQ(Count("SELECT count(*) FROM review_log"), 2);
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{97.5, 91.0}));

  EXPECT_EQ(store_->UndoReview(id, kAt, 0).code(), StatusCode::kConflict);
  EXPECT_EQ(Count("SELECT count(*) FROM review_log"), 2);
  // -1: whatever happened since.
  EXPECT_TRUE(store_->ReviewFact(id, Correct("percent", 90.0)).ok());
  EXPECT_EQ(Fetch(id).revision, 2);
}

// ---- Undo -----------------------------------------------------------------

TEST_F(ReviewTest, UndoRestoresTheCorrectedValueStatusAndSeries) {
  const std::int64_t id = Indicator().id;
  ASSERT_TRUE(store_->ReviewFact(id, Correct("percent", 97.5, 0)).ok());
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{97.5, 91.0}));

  ASSERT_TRUE(store_->UndoReview(id, "2024-05-03T10:00:00Z", 1).ok());
  const StoredFact undone = Fetch(id);
  EXPECT_EQ(undone.review, ReviewStatus::kAuto);
  EXPECT_EQ(std::get<double>(undone.fact.fields.at("percent")), 98.5);
  EXPECT_EQ(undone.revision, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE percent = 98.5 AND fact_id = " +
                  std::to_string(id)),
            1);
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{98.5, 91.0}));

  // The undo is a decision of its own: the same rows, before and after swapped.
  auto log = store_->ReviewLog(id);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log.value().size(), 4u);
  EXPECT_EQ(log.value()[2].at, "2024-05-03T10:00:00Z");
  EXPECT_EQ(log.value()[2].field, "percent");
  EXPECT_EQ(log.value()[2].before, "97.5");
  EXPECT_EQ(log.value()[2].after, "98.5");
  EXPECT_EQ(log.value()[2].revision, 2);
  EXPECT_EQ(log.value()[3].field, "review_status");
  EXPECT_EQ(log.value()[3].before, "\"corrected\"");
  EXPECT_EQ(log.value()[3].after, "\"auto\"");
  EXPECT_EQ(log.value()[3].revision, 2);
}

TEST_F(ReviewTest, UndoOfAnAddedFieldRemovesIt) {
  const std::int64_t id = Indicator().id;
  ASSERT_TRUE(store_->ReviewFact(id, Correct("unit", std::string("%"))).ok());
  ASSERT_TRUE(store_->UndoReview(id, kAt, -1).ok());
  EXPECT_EQ(Fetch(id).fact.fields.count("unit"), 0u);
}

TEST_F(ReviewTest, UndoOfARejectionBringsTheObservationBack) {
  const StoredFact fact = FactsOf(tho_xuan_, "indicator").at(1);  // needs review
  ASSERT_TRUE(store_->ReviewFact(fact.id, Decide(ReviewStatus::kRejected, 0)).ok());
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE fact_id = " + std::to_string(fact.id)),
            0);
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{98.5}));

  ASSERT_TRUE(store_->UndoReview(fact.id, kAt, 1).ok());
  EXPECT_EQ(Fetch(fact.id).review, ReviewStatus::kNeedsReview);
  EXPECT_EQ(Count("SELECT count(*) FROM observations WHERE fact_id = " + std::to_string(fact.id)),
            1);
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{98.5, 91.0}));
}

TEST_F(ReviewTest, UndoingTwiceUndoesTheUndo) {
  const std::int64_t id = Indicator().id;
  ASSERT_TRUE(store_->ReviewFact(id, Correct("percent", 97.5)).ok());
  ASSERT_TRUE(store_->UndoReview(id, kAt, 1).ok());
  ASSERT_TRUE(store_->UndoReview(id, kAt, 2).ok());
  const StoredFact redone = Fetch(id);
  EXPECT_EQ(redone.review, ReviewStatus::kCorrected);
  EXPECT_EQ(std::get<double>(redone.fact.fields.at("percent")), 97.5);
  EXPECT_EQ(redone.revision, 3);
  EXPECT_EQ(SeriesPercents(), (std::vector<double>{97.5, 91.0}));
}

TEST_F(ReviewTest, UndoWithNothingToUndoFails) {
  const std::int64_t id = Indicator().id;
  const Status nothing = store_->UndoReview(id, kAt, -1);
  EXPECT_EQ(nothing.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(nothing.message().find("fact " + std::to_string(id)), std::string::npos)
      << nothing.message();
  EXPECT_EQ(Fetch(id).revision, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM review_log"), 0);
  EXPECT_EQ(store_->UndoReview(424242, kAt, -1).code(), StatusCode::kNotFound);
}

// ---- The queue ------------------------------------------------------------

std::vector<std::int64_t> Ids(const ReviewQueuePage& page) {
  std::vector<std::int64_t> ids;
  for (const StoredFact& fact : page.facts) ids.push_back(fact.id);
  return ids;
}

TEST_F(ReviewTest, QueueIsLowestConfidenceFirst) {
  const ReviewQueuePage all = Queue({});
  EXPECT_EQ(all.total, 4);
  ASSERT_EQ(all.facts.size(), 4u);
  EXPECT_DOUBLE_EQ(all.facts[0].fact.confidence, 0.4);
  EXPECT_DOUBLE_EQ(all.facts[1].fact.confidence, 0.5);
  EXPECT_DOUBLE_EQ(all.facts[2].fact.confidence, 0.6);
  EXPECT_DOUBLE_EQ(all.facts[3].fact.confidence, 0.95);
  EXPECT_EQ(all.facts[3].fact.review_reasons.size(), 2u);
  EXPECT_EQ(all.facts[0].document_path, "/reports/nga_son.pdf");
}

TEST_F(ReviewTest, QueuePagesWithLimitAndOffset) {
  const std::vector<std::int64_t> all = Ids(Queue({}));
  ReviewQueueQuery query;
  query.limit = 3;
  query.offset = 1;
  const ReviewQueuePage page = Queue(query);
  EXPECT_EQ(page.total, 4);
  EXPECT_EQ(Ids(page), std::vector<std::int64_t>(all.begin() + 1, all.end()));
  query.offset = 4;
  EXPECT_TRUE(Queue(query).facts.empty());
  EXPECT_EQ(Queue(query).total, 4);
  query.limit = -1;
  EXPECT_EQ(store_->ReviewQueue(query).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ReviewTest, QueueFiltersByDocumentAndKind) {
  ReviewQueuePage page = Queue({tho_xuan_, "", "", 50, 0});
  EXPECT_EQ(page.total, 2);
  for (const StoredFact& fact : page.facts) EXPECT_EQ(fact.document_id, tho_xuan_);
  page = Queue({0, "deadline", "", 50, 0});
  EXPECT_EQ(page.total, 2);
  for (const StoredFact& fact : page.facts) EXPECT_EQ(fact.fact.kind, "deadline");
  page = Queue({nga_son_, "indicator", "", 50, 0});
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.facts[0].fact.review_reasons.front(), "percent_mismatch");

  // A reviewed fact leaves the queue.
  ASSERT_TRUE(store_->ReviewFact(page.facts[0].id, Decide(ReviewStatus::kAccepted)).ok());
  EXPECT_EQ(Queue({nga_son_, "indicator", "", 50, 0}).total, 0);
}

TEST_F(ReviewTest, QueueFiltersByEntityOfTheFactOrItsDocument) {
  // The level word may be left out; organ words and accents do not matter.
  for (const char* entity : {"Thọ Xuân", "huyện Thọ Xuân", "UBND huyen tho xuan"}) {
    const ReviewQueuePage page = Queue({0, "", entity, 50, 0});
    EXPECT_EQ(page.total, 2) << entity;  // both of the document of huyện Thọ Xuân
    for (const StoredFact& fact : page.facts) EXPECT_EQ(fact.document_id, tho_xuan_) << entity;
  }
  // xã Xuân Lai is the fact's own entity, in the report of Thọ Xuân.
  const ReviewQueuePage xa = Queue({0, "", "Xuân Lai", 50, 0});
  ASSERT_EQ(xa.total, 1);
  EXPECT_EQ(std::get<std::string>(xa.facts[0].fact.fields.at("entity")), "xã Xuân Lai");
  EXPECT_EQ(Queue({0, "", "xã Xuân Lai", 50, 0}).total, 1);
  EXPECT_EQ(Queue({0, "", "phường Xuân Lai", 50, 0}).total, 0);  // another level
  EXPECT_EQ(Queue({0, "", "Nga Sơn", 50, 0}).total, 2);
  EXPECT_EQ(Queue({0, "deadline", "Nga Sơn", 50, 0}).total, 1);
  EXPECT_EQ(Queue({tho_xuan_, "", "Nga Sơn", 50, 0}).total, 0);
  EXPECT_EQ(Queue({0, "", "Hà Giang", 50, 0}).total, 0);
  ReviewQueueQuery no_letters;
  no_letters.entity = "--";
  EXPECT_EQ(store_->ReviewQueue(no_letters).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ReviewTest, QueueEntityIsNotSqlText) {
  ReviewQueueQuery query;
  query.entity = "x' OR 1=1 --";
  query.kind = "deadline' OR '1'='1";
  EXPECT_EQ(Queue(query).total, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM facts"), 7);
}

// ---- Re-ingest --------------------------------------------------------------

TEST_F(ReviewTest, ForcedReingestKeepsReviewedFactsWithTheirRevision) {
  const std::int64_t id = Indicator().id;
  ASSERT_TRUE(store_->ReviewFact(id, Correct("percent", 97.5)).ok());
  PutOptions force;
  force.force = true;
  auto forced = store_->PutDocument(ThoXuanReport(), RecordFor("tho xuan"), force);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ(forced.value().facts_kept, 1);
  const StoredFact kept = Fetch(id);
  EXPECT_EQ(kept.revision, 1);
  EXPECT_EQ(std::get<double>(kept.fact.fields.at("percent")), 97.5);
  ASSERT_TRUE(store_->UndoReview(id, kAt, 1).ok());
  EXPECT_EQ(std::get<double>(Fetch(id).fact.fields.at("percent")), 98.5);
  auto page = store_->GetPage(tho_xuan_, 1);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page.value().words.size(), 2u);  // pages written again with their words
}

}  // namespace
}  // namespace baocao
