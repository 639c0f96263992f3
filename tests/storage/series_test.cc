// The indicator catalog, entity names, series and deadlines queries, and
// how reviews show in them.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "baocao/storage.h"
#include "series.h"
#include "test_store.h"

namespace baocao {
namespace {

using testing::MakeFact;
using testing::MakePage;
using testing::QueryInt;
using testing::RecordFor;
using testing::TempDir;

struct EntityCase {
  const char* text;
  const char* name;
  const char* level;
  const char* key;
};

TEST(EntityNameTest, OrganWordsAndLevelsAreSplitOff) {
  const EntityCase cases[] = {
      {"UBND huyện Thọ Xuân", "huyện Thọ Xuân", "huyện", "huyen tho xuan"},
      {"huyện Thọ Xuân", "huyện Thọ Xuân", "huyện", "huyen tho xuan"},
      {"Ủy ban nhân dân huyện Thọ Xuân", "huyện Thọ Xuân", "huyện", "huyen tho xuan"},
      {"Uỷ ban nhân dân  Huyện   Thọ Xuân", "huyện Thọ Xuân", "huyện", "huyen tho xuan"},
      {"UBND xã Bình Yên", "xã Bình Yên", "xã", "xa binh yen"},
      {"UBND thị trấn Bút Sơn", "thị trấn Bút Sơn", "thị trấn", "thi tran but son"},
      {"Tỉnh Hà Giang", "tỉnh Hà Giang", "tỉnh", "tinh ha giang"},
      {"UBND tỉnh Thanh Hóa", "tỉnh Thanh Hóa", "tỉnh", "tinh thanh hoa"},
      {"thành phố Thanh Hóa", "thành phố Thanh Hóa", "thành phố", "thanh pho thanh hoa"},
      {"TP. Sầm Sơn", "thành phố Sầm Sơn", "thành phố", "thanh pho sam son"},
      {"thị xã Nghi Sơn", "thị xã Nghi Sơn", "thị xã", "thi xa nghi son"},
      {"phường Điện Biên", "phường Điện Biên", "phường", "phuong dien bien"},
      {"HĐND huyện Thọ Xuân", "huyện Thọ Xuân", "huyện", "huyen tho xuan"},
      {"Thọ Xuân", "Thọ Xuân", "", "tho xuan"},
      {"Sở Nội vụ", "Sở Nội vụ", "", "so noi vu"},
      {"huyện", "huyện", "", "huyen"},  // a level word alone is a name
      {"UBND", "UBND", "", "ubnd"},
  };
  for (const EntityCase& c : cases) {
    const EntityName entity = ParseEntityName(c.text);
    EXPECT_EQ(entity.name, c.name) << c.text;
    EXPECT_EQ(entity.level, c.level) << c.text;
    EXPECT_EQ(entity.key, c.key) << c.text;
  }
  EXPECT_EQ(ParseEntityName("UBND huyện Thọ Xuân").name_key, "tho xuan");
}

TEST(MatchKeyTest, FoldsAndDropsPunctuation) {
  EXPECT_EQ(MatchKey("Tỷ lệ (%) hồ sơ, giải quyết: ĐÚNG hạn"), "ty le ho so giai quyet dung han");
  EXPECT_EQ(MatchKey("ty_le_ho_so"), "ty le ho so");
  EXPECT_EQ(MatchKey("3.2.4"), "3 2 4");
  EXPECT_EQ(MatchKey("  "), "");
}

TEST(MatchScoreTest, WholePhraseWords) {
  using storage_internal::MatchScore;
  const std::string name = MatchKey("Tỷ lệ hồ sơ giải quyết đúng hạn");
  EXPECT_EQ(MatchScore("ty le ho so giai quyet dung han", name), 3);
  EXPECT_EQ(MatchScore("ho so giai quyet", name), 2);
  EXPECT_EQ(MatchScore("ty le ho so dung han", name), 1);  // every word, not as a phrase
  EXPECT_EQ(MatchScore("ty le ho so qua han", name), 0);
  EXPECT_EQ(MatchScore("ho s", name), 0);  // words, not prefixes
}

class SeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(dir_.File("store.db"), StoreOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
    ASSERT_TRUE(store_
                    ->PutIndicatorCatalog(
                        {{"3.3.5", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%",
                          {"tỷ lệ hồ sơ đúng hạn", "hồ sơ giải quyết đúng hạn"}},
                         {"3.3.1", "Số lượng hồ sơ đã tiếp nhận", "Hồ sơ", {}},
                         {"1.1.2", "Số nhiệm vụ đã hoàn thành", "Nhiệm vụ", {}}})
                    .ok());
    Put("q1", "UBND huyện Thọ Xuân", "2024-01-01", "2024-03-31", 97.5, 0.9);
    Put("q2", "huyện Thọ Xuân", "2024-04-01", "2024-06-30", 98.0, 0.9);
    Put("q2b", "Ủy ban nhân dân huyện Thọ Xuân", "2024-04-01", "2024-06-30", 99.0, 0.9);
    Put("xa", "xã Bình Yên", "2024-01-01", "2024-03-31", 100.0, 0.5);
  }

  // A document with one "đúng hạn" indicator fact (no code: it matches by the catalog's synonym).
  void Put(const std::string& name, const std::string& entity, const std::string& start,
           const std::string& end, double percent, double confidence) {
    Document doc;
    doc.path = "/reports/" + name + ".pdf";
    doc.pages.push_back(MakePage(1, "Trang một\n"));
    doc.pages.push_back(MakePage(2, "Tỷ lệ hồ sơ đúng hạn đạt " + std::to_string(percent) + "%\n"));
    doc.facts.push_back(MakeFact("indicator", 2, 0,
                                 {{"label", std::string("Tỷ lệ hồ sơ đúng hạn")},
                                  {"percent", percent},
                                  {"unit", std::string("%")},
                                  {"entity", entity},
                                  {"period_start", start},
                                  {"period_end", end}},
                                 confidence));
    doc.facts.push_back(MakeFact("indicator", 2, 10,
                                 {{"label", std::string("Tổng số hồ sơ tiếp nhận")},
                                  {"code", std::string("3.3.1")},
                                  {"value", 8803.0},
                                  {"entity", entity},
                                  {"period_start", start},
                                  {"period_end", end}}));
    doc.facts.push_back(MakeFact("deadline", 1, 0,
                                 {{"task", "Báo cáo " + name},
                                  {"due", end},
                                  {"modifier", std::string("trước")},
                                  {"lead", entity},
                                  {"partners", std::vector<std::string>{"Phòng Nội vụ"}}}));
    ASSERT_TRUE(store_->PutDocument(doc, RecordFor(name), PutOptions()).ok());
  }

  std::vector<IndicatorCandidate> Find(const std::string& query) {
    auto found = store_->FindIndicators(query);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    return found.ok() ? found.value() : std::vector<IndicatorCandidate>();
  }

  std::vector<SeriesPoint> SeriesOf(const std::string& indicator, const std::string& entity = "",
                                    const std::string& from = "", const std::string& to = "") {
    const std::vector<IndicatorCandidate> found = Find(indicator);
    EXPECT_FALSE(found.empty()) << indicator;
    if (found.empty()) return {};
    auto series = store_->Series({found.front(), entity, from, to});
    EXPECT_TRUE(series.ok()) << series.status().ToString();
    return series.ok() ? series.value() : std::vector<SeriesPoint>();
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SeriesTest, EntityNamesBecomeOneEntityWithItsLevel) {
  const std::string db = dir_.File("store.db");
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities"), 2);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE folded_key = 'huyen tho xuan' "
                         "AND level = 'huyện' AND name_key = 'tho xuan'"),
            1);
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM entities WHERE level = 'xã'"), 1);
}

TEST_F(SeriesTest, IndicatorFoundByCodeNameOrSynonymWithoutAccents) {
  for (const char* query : {"ty le ho so dung han", "TỶ LỆ HỒ SƠ GIẢI QUYẾT ĐÚNG HẠN", "3.3.5",
                            "ho so giai quyet dung han"}) {
    const std::vector<IndicatorCandidate> found = Find(query);
    ASSERT_FALSE(found.empty()) << query;
    EXPECT_EQ(found.front().code, "3.3.5") << query;
    EXPECT_EQ(found.front().source, IndicatorCandidate::Source::kCatalog) << query;
  }
  EXPECT_TRUE(Find("chi so hai long").empty());
}

TEST_F(SeriesTest, SeveralMatchesAreRankedBestFirst) {
  // "ho so" is in both catalog names and in the label "Tổng số hồ sơ tiếp nhận".
  const std::vector<IndicatorCandidate> found = Find("ho so");
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found[0].score, 2);
  // An exact label wins over phrase matches.
  const std::vector<IndicatorCandidate> label = Find("tong so ho so tiep nhan");
  ASSERT_FALSE(label.empty());
  EXPECT_EQ(label.front().code, "3.3.1");  // the label's observations carry the catalog code
}

TEST_F(SeriesTest, SeriesByEntityOverTime) {
  const std::vector<SeriesPoint> all = SeriesOf("ty le ho so dung han");
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].entity, "huyện Thọ Xuân");
  EXPECT_EQ(all[0].entity_level, "huyện");
  EXPECT_EQ(all[0].period_kind, "quarter");
  EXPECT_EQ(all[0].percent.value_or(0), 97.5);
  EXPECT_EQ(all[0].document_path, "/reports/q1.pdf");
  EXPECT_EQ(all[0].page, 2);
  EXPECT_EQ(all[3].entity, "xã Bình Yên");
  EXPECT_EQ(all[3].review, ReviewStatus::kNeedsReview);

  for (const char* entity : {"Thọ Xuân", "tho xuan", "UBND huyen Tho Xuan", "huyện Thọ Xuân"})
    EXPECT_EQ(SeriesOf("ty le ho so dung han", entity).size(), 3u) << entity;
  EXPECT_EQ(SeriesOf("ty le ho so dung han", "Bình Yên").size(), 1u);
  EXPECT_EQ(SeriesOf("ty le ho so dung han", "", "2024-04-01").size(), 2u);
  EXPECT_EQ(SeriesOf("ty le ho so dung han", "", "", "2024-03-31").size(), 2u);
  EXPECT_EQ(SeriesOf("3.3.1", "tho xuan").size(), 3u);
}

TEST_F(SeriesTest, UnknownEntityAndBadDatesAreErrors) {
  const IndicatorCandidate indicator = Find("3.3.5").front();
  EXPECT_EQ(store_->Series({indicator, "Hà Nội", "", ""}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Series({indicator, "", "2024-13-01", ""}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Series({indicator, "", "", "30/06/2024"}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(SeriesTest, ReviewedValuesOverrideAutomaticOnes) {
  std::vector<SeriesPoint> q2 = SeriesOf("3.3.5", "tho xuan", "2024-04-01");
  ASSERT_EQ(q2.size(), 2u);  // two documents report Q2
  FactReview correct;
  correct.status = ReviewStatus::kCorrected;
  correct.fields["percent"] = 98.4;
  correct.at = "2024-07-01T08:00:00Z";
  ASSERT_TRUE(store_->ReviewFact(q2[0].fact_id, correct).ok());
  q2 = SeriesOf("3.3.5", "tho xuan", "2024-04-01");
  ASSERT_EQ(q2.size(), 1u);  // the corrected value replaces both
  EXPECT_EQ(q2[0].percent.value_or(0), 98.4);
  EXPECT_EQ(q2[0].review, ReviewStatus::kCorrected);

  const std::int64_t q1 = SeriesOf("3.3.5", "tho xuan", "", "2024-03-31")[0].fact_id;
  FactReview reject;
  reject.status = ReviewStatus::kRejected;
  reject.at = "2024-07-01T08:00:00Z";
  ASSERT_TRUE(store_->ReviewFact(q1, reject).ok());
  EXPECT_TRUE(SeriesOf("3.3.5", "tho xuan", "", "2024-03-31").empty());
}

TEST_F(SeriesTest, FactsToReviewLowestConfidenceFirst) {
  auto facts = store_->FactsToReview(10);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts.value().size(), 1u);
  EXPECT_EQ(facts.value()[0].fact.confidence, 0.5);
  EXPECT_EQ(store_->GetFact(424242).status().code(), StatusCode::kNotFound);
}

TEST_F(SeriesTest, DeadlinesByDueDate) {
  auto all = store_->Deadlines({});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all.value().size(), 4u);
  EXPECT_EQ(all.value()[0].due, "2024-03-31");
  EXPECT_EQ(all.value()[3].due, "2024-06-30");
  EXPECT_EQ(all.value()[0].modifier, "trước");
  ASSERT_EQ(all.value()[0].partners.size(), 1u);
  EXPECT_EQ(all.value()[0].partners[0], "Phòng Nội vụ");

  auto before = store_->Deadlines({"2024-04-01", ""});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before.value().size(), 2u);
  auto xa = store_->Deadlines({"", "xã Bình Yên"});
  ASSERT_TRUE(xa.ok());
  ASSERT_EQ(xa.value().size(), 1u);
  EXPECT_EQ(xa.value()[0].task, "Báo cáo xa");
  auto tho_xuan = store_->Deadlines({"", "Ủy ban nhân dân huyện Thọ Xuân"});
  ASSERT_TRUE(tho_xuan.ok());
  EXPECT_EQ(tho_xuan.value().size(), 3u);
  EXPECT_EQ(store_->Deadlines({"2024-02-30", ""}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SeriesTest, CatalogNeedsCodeAndName) {
  EXPECT_EQ(store_->PutIndicatorCatalog({{"", "Không mã", "", {}}}).code(),
            StatusCode::kInvalidArgument);
  // Writing the catalog again replaces the rows, never duplicates them.
  ASSERT_TRUE(store_->PutIndicatorCatalog({{"3.3.1", "Số hồ sơ tiếp nhận", "Hồ sơ", {}}}).ok());
  EXPECT_EQ(QueryInt(dir_.File("store.db"), "SELECT count(*) FROM indicators"), 3);
}

}  // namespace
}  // namespace baocao
