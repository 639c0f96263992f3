// `baocao series`, `deadlines` and `review` on a store filled through the
// storage API, run in-process through cli::Run; and the query commands over
// the corpus ingested by the real program.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/cli.h"
#include "baocao/storage.h"
#include "test_store.h"

namespace baocao::cli {
namespace {

using testing::MakeFact;
using testing::MakePage;
using testing::QueryInt;
using testing::RecordFor;
using testing::TempDir;

struct RunResult {
  int code;
  std::string out;
  std::string err;
};

RunResult RunArgs(const std::vector<std::string>& args) {
  std::vector<std::string> all{"baocao"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& a : all) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
  return {code, out.str(), err.str()};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

Fact Indicator(const std::string& label, double value, const std::string& entity,
               const std::string& start, const std::string& end, double confidence = 0.9) {
  return MakeFact("indicator", 1, 0,
                  {{"label", label},
                   {"value", value},
                   {"unit", std::string("hồ sơ")},
                   {"entity", entity},
                   {"period_start", start},
                   {"period_end", end}},
                  confidence);
}

class QueryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_.File("store.db");
    auto opened = Store::Open(db_, StoreOptions());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    std::unique_ptr<Store> store = std::move(opened).value();
    ASSERT_TRUE(store
                    ->PutIndicatorCatalog(
                        {{"3.3.2", "Số hồ sơ giải quyết đúng hạn", "Hồ sơ",
                          {"hồ sơ giải quyết đúng hạn"}},
                         {"3.3.3", "Số hồ sơ giải quyết quá hạn", "Hồ sơ", {}}})
                    .ok());
    Document q1;
    q1.path = "/reports/q1.pdf";
    q1.pages.push_back(MakePage(1, "Số hồ sơ giải quyết đúng hạn: 8.366 hồ sơ\n"));
    q1.facts.push_back(Indicator("hồ sơ giải quyết đúng hạn", 8366, "UBND huyện Thọ Xuân",
                                 "2024-01-01", "2024-03-31"));
    q1.facts.push_back(Indicator("hồ sơ giải quyết đúng hạn", 120, "UBND xã Bình Yên",
                                 "2024-01-01", "2024-03-31", 0.4));
    q1.facts.push_back(MakeFact("deadline", 1, 0,
                                {{"task", std::string("Rà soát thủ tục hành chính")},
                                 {"due", std::string("2024-06-30")},
                                 {"modifier", std::string("trước")},
                                 {"lead", std::string("Văn phòng HĐND và UBND huyện")},
                                 {"partners", std::vector<std::string>{"Phòng Nội vụ", "UBND xã Bình Yên"}}}));
    q1.facts.push_back(MakeFact("deadline", 1, 10,
                                {{"task", std::string("Báo cáo kết quả CCHC quý I")},
                                 {"due", std::string("2024-03-15")},
                                 {"modifier", std::string("chậm nhất")},
                                 {"lead", std::string("Phòng Nội vụ")}},
                                0.6));
    Document q2;
    q2.path = "/reports/q2.pdf";
    q2.pages.push_back(MakePage(1, "Số hồ sơ giải quyết đúng hạn: 9.001 hồ sơ\n"));
    q2.facts.push_back(Indicator("Số hồ sơ giải quyết đúng hạn", 9001, "huyện Thọ Xuân",
                                 "2024-04-01", "2024-06-30", 0.5));
    ASSERT_TRUE(store->PutDocument(q1, RecordFor("q1"), PutOptions()).ok());
    ASSERT_TRUE(store->PutDocument(q2, RecordFor("q2"), PutOptions()).ok());
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(QueryCliTest, SeriesTableWithoutAccents) {
  const RunResult r = RunArgs({"series", "so ho so giai quyet dung han", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::vector<std::string> expected = {
      "3.3.2 Số hồ sơ giải quyết đúng hạn (Hồ sơ)",
      "entity          period   value  unit   document         page  review        fact",
      "huyện Thọ Xuân  2024 Q1  8366   hồ sơ  /reports/q1.pdf  1     auto          1",
      "huyện Thọ Xuân  2024 Q2  9001   hồ sơ  /reports/q2.pdf  1     needs_review  5",
      "xã Bình Yên     2024 Q1  120    hồ sơ  /reports/q1.pdf  1     needs_review  2",
  };
  EXPECT_EQ(Lines(r.out), expected);
}

TEST_F(QueryCliTest, SeriesNamesTheChoiceAmongSeveral) {
  const RunResult r = RunArgs({"series", "ho so giai quyet", "--db", db_, "--format", "csv"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.err.find("2 indicators match 'ho so giai quyet'; showing 3.3.2"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("3.3.3 Số hồ sơ giải quyết quá hạn"), std::string::npos) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "entity,period_start,period_end,period_kind,value,percent,numerator,denominator,"
            "unit,label,document,page,review_status,fact_id");
  EXPECT_EQ(lines[1],
            "huyện Thọ Xuân,2024-01-01,2024-03-31,quarter,8366,,,,hồ sơ,hồ sơ giải quyết đúng "
            "hạn,/reports/q1.pdf,1,auto,1");
}

TEST_F(QueryCliTest, SeriesFiltersAndErrors) {
  RunResult r = RunArgs({"series", "3.3.2", "--entity", "Uy ban nhan dan huyen Tho Xuan",
                         "--from", "2024-04-01", "--db", db_, "--format", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json parsed = nlohmann::json::parse(r.out);
  EXPECT_EQ(parsed["indicator"]["code"], "3.3.2");
  ASSERT_EQ(parsed["observations"].size(), 1u);
  EXPECT_EQ(parsed["observations"][0]["value"], 9001);
  EXPECT_EQ(parsed["observations"][0]["entity_level"], "huyện");

  EXPECT_EQ(RunArgs({"series", "chi so hai long", "--db", db_}).code, kExitFailure);
  EXPECT_EQ(RunArgs({"series", "3.3.2", "--entity", "Hà Nội", "--db", db_}).code, kExitFailure);
  EXPECT_EQ(RunArgs({"series", "3.3.2", "--to", "2024-02-30", "--db", db_}).code, kExitUsage);
  EXPECT_EQ(RunArgs({"series", "3.3.2", "--db", dir_.File("missing.db")}).code, kExitFailure);
}

TEST_F(QueryCliTest, DeadlinesSortedByDueDate) {
  RunResult r = RunArgs({"deadlines", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::vector<std::string> expected = {
      "2024-03-15 (chậm nhất)  Báo cáo kết quả CCHC quý I",
      "    lead: Phòng Nội vụ",
      "    source: /reports/q1.pdf page 1 (fact 4, needs_review)",
      "2024-06-30 (trước)  Rà soát thủ tục hành chính",
      "    lead: Văn phòng HĐND và UBND huyện; partners: Phòng Nội vụ, UBND xã Bình Yên",
      "    source: /reports/q1.pdf page 1 (fact 3, auto)",
  };
  EXPECT_EQ(Lines(r.out), expected);
  r = RunArgs({"deadlines", "--due-before", "2024-04-01", "--db", db_, "--format", "csv"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 2u);
  r = RunArgs({"deadlines", "--entity", "xa Binh Yen", "--db", db_, "--format", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json parsed = nlohmann::json::parse(r.out);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["fact_id"], 3);
  EXPECT_EQ(parsed[0]["partners"][1], "UBND xã Bình Yên");
}

TEST_F(QueryCliTest, ReviewListLowestConfidenceFirst) {
  const RunResult r = RunArgs({"review", "--list", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 9u);
  EXPECT_EQ(lines[0], "fact 2  indicator  confidence 0.40  needs_review  /reports/q1.pdf page 1");
  EXPECT_EQ(lines[3].rfind("fact 5  indicator  confidence 0.50", 0), 0u) << lines[3];
  EXPECT_EQ(lines[6].rfind("fact 4  deadline  confidence 0.60", 0), 0u) << lines[6];
  EXPECT_EQ(Lines(RunArgs({"review", "--list", "--limit", "1", "--db", db_}).out).size(), 3u);
}

TEST_F(QueryCliTest, ReviewDecisionsShowInSeriesAndExportAtOnce) {
  RunResult r = RunArgs({"review", "--set", "5", "value=9010", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "fact 5: corrected (was needs_review); value: 9001.0 -> 9010.0\n");
  r = RunArgs({"review", "--reject", "2", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(r.out, "fact 2: rejected (was needs_review)\n");
  ASSERT_EQ(RunArgs({"review", "--accept", "1", "--db", db_}).code, kExitOk);

  r = RunArgs({"series", "3.3.2", "--db", db_, "--format", "csv"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);  // the rejected xã value is gone
  EXPECT_NE(lines[1].find(",8366,"), std::string::npos);
  EXPECT_NE(lines[1].find(",accepted,1"), std::string::npos);
  EXPECT_NE(lines[2].find(",9010,"), std::string::npos);
  EXPECT_NE(lines[2].find(",corrected,5"), std::string::npos);

  r = RunArgs({"export", "--db", db_, "--kind", "indicator"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("\"value\":9010.0"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"review_status\":\"rejected\""), std::string::npos);

  // Every decision is in the log with its time, before and after.
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM review_log"), 4);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM review_log WHERE fact_id = 5 AND field = 'value' "
                          "AND before = '9001.0' AND after = '9010.0' AND at LIKE '20__-__-__T__:__:__Z'"),
            1);
  r = RunArgs({"review", "--log", "5", "--db", db_});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  ASSERT_EQ(Lines(r.out).size(), 2u);
  EXPECT_NE(Lines(r.out)[0].find("fact 5  value: 9001.0 -> 9010.0"), std::string::npos) << r.out;
  EXPECT_NE(Lines(r.out)[1].find("review_status: \"needs_review\" -> \"corrected\""),
            std::string::npos);

  // Append-only: a second correction adds entries, the first stay as they were.
  ASSERT_EQ(RunArgs({"review", "--set", "5", "value=9011", "--db", db_}).code, kExitOk);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM review_log"), 5);
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM review_log WHERE after = '9010.0'"), 1);
}

TEST_F(QueryCliTest, ReviewSetValidatesFieldsDatesAndNumbers) {
  struct Case {
    std::vector<std::string> set;
    int code;
    const char* message;
  };
  const Case cases[] = {
      {{"1", "value=8.803,5"}, kExitUsage, "value must be a number"},
      {{"1", "value=1e3"}, kExitUsage, "value must be a number"},
      {{"1", "period_end=31/03/2024"}, kExitUsage, "period_end must be a date written YYYY-MM-DD"},
      {{"1", "period_end=2024-02-30"}, kExitUsage, "must be a date"},
      {{"3", "due=2024-13-01"}, kExitUsage, "due must be a date"},
      {{"1", "colour=red"}, kExitUsage, "a indicator fact has no field 'colour'"},
      {{"1", "value"}, kExitUsage, "--set needs FIELD=VALUE"},
      {{"x", "value=1"}, kExitUsage, "'x' is not a fact id"},
      {{"99", "value=1"}, kExitFailure, "no fact 99"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args{"review", "--db", db_, "--set"};
    args.insert(args.end(), c.set.begin(), c.set.end());
    const RunResult r = RunArgs(args);
    EXPECT_EQ(r.code, c.code) << c.set[1];
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
  EXPECT_EQ(QueryInt(db_, "SELECT count(*) FROM review_log"), 0);  // nothing was written

  ASSERT_EQ(RunArgs({"review", "--set", "3", "partners=Phòng Nội vụ; Phòng Tư pháp", "--db", db_}).code,
            kExitOk);
  ASSERT_EQ(RunArgs({"review", "--set", "3", "due=2024-07-15", "--db", db_}).code, kExitOk);
  ASSERT_EQ(RunArgs({"review", "--set", "1", "unit=", "--db", db_}).code, kExitOk);
  const RunResult r = RunArgs({"deadlines", "--db", db_, "--format", "json"});
  const nlohmann::json parsed = nlohmann::json::parse(r.out);
  EXPECT_EQ(parsed[1]["due"], "2024-07-15");
  EXPECT_EQ(parsed[1]["partners"][1], "Phòng Tư pháp");
  EXPECT_EQ(RunArgs({"review", "--list", "--accept", "1", "--db", db_}).code, kExitUsage);
  // --undo reverts the last decision: the due date set above goes back.
  const RunResult undo = RunArgs({"review", "--undo", "3", "--db", db_});
  ASSERT_EQ(undo.code, kExitOk) << undo.err;
  EXPECT_NE(undo.out.find("now corrected"), std::string::npos) << undo.out;
  const nlohmann::json reverted =
      nlohmann::json::parse(RunArgs({"deadlines", "--db", db_, "--format", "json"}).out);
  EXPECT_NE(reverted[1]["due"], "2024-07-15");
  EXPECT_EQ(RunArgs({"review", "--undo", "999", "--db", db_}).code, kExitFailure);
  EXPECT_EQ(RunArgs({"review", "--accept", "1", "--reject", "2", "--db", db_}).code, kExitUsage);
}

// The corpus through the real program: ingest corpus/pdf/clean, then the
// query commands over it.
TEST(QueryCorpusTest, IngestCleanCorpusThenQuery) {
  TempDir dir;
  const std::string db = dir.File("corpus.db");
  const std::string log = dir.File("ingest.log");
  const std::string command = std::string(BAOCAO_BINARY) + " ingest " + BAOCAO_SOURCE_DIR +
                              "/corpus/pdf/clean --db " + db + " -j 2 --no-ocr > " + log + " 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_EQ(status, 0) << output;
  EXPECT_NE(output.find("ingested 4 documents, 61 pages"), std::string::npos) << output;
  EXPECT_EQ(QueryInt(db, "SELECT count(*) FROM documents WHERE status = 'ok'"), 4);
  EXPECT_GT(QueryInt(db, "SELECT count(*) FROM indicators"), 50);  // the rules' catalog

  RunResult r = RunArgs({"search", "ty le ho so", "--db", db, "--limit", "3"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 3u);
  EXPECT_NE(r.out.find("/corpus/pdf/clean/"), std::string::npos);
  EXPECT_NE(r.out.find("[hồ] [sơ]"), std::string::npos) << r.out;

  const long long facts = QueryInt(db, "SELECT count(*) FROM facts");
  r = RunArgs({"export", "--db", db});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(static_cast<long long>(Lines(r.out).size()), facts);

  if (QueryInt(db, "SELECT count(*) FROM observations") == 0) {
    GTEST_SKIP() << "no indicator facts: the rules stage does not run in ReadDocument yet";
  }
  r = RunArgs({"series", "so luong ho so da tiep nhan", "--entity", "Tho Xuan", "--db", db,
               "--format", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json series = nlohmann::json::parse(r.out);
  ASSERT_FALSE(series["observations"].empty()) << r.out;
  for (const nlohmann::json& point : series["observations"]) {
    EXPECT_EQ(point["entity"], "huyện Thọ Xuân");
    EXPECT_GE(point["page"].get<int>(), 1);
  }
  r = RunArgs({"deadlines", "--db", db, "--format", "json"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json deadlines = nlohmann::json::parse(r.out);
  ASSERT_FALSE(deadlines.empty());
  std::string previous;
  for (const nlohmann::json& row : deadlines) {
    const std::string due = row["due"];
    if (due.size() != 10) break;  // undated ones come last
    EXPECT_LE(previous, due);
    previous = due;
  }
}

}  // namespace
}  // namespace baocao::cli
