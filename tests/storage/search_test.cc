#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "baocao/storage.h"
#include "search_query.h"
#include "test_store.h"

namespace baocao {
namespace {

using storage_internal::FtsMatchExpression;
using storage_internal::ParseSearchQuery;
using storage_internal::Snippet;
using testing::MakePage;
using testing::RecordFor;

TEST(FoldAccentsTest, RemovesMarksFoldsDAndCase) {
  EXPECT_EQ(FoldAccents("Tỷ lệ Đạt"), "ty le dat");
  EXPECT_EQ(FoldAccents("CẢI CÁCH HÀNH CHÍNH"), "cai cach hanh chinh");
  EXPECT_EQ(FoldAccents("ưu tiên ơn"), "uu tien on");
  // Decomposed input (e + combining circumflex + combining dot below) folds the same.
  EXPECT_EQ(FoldAccents("l\x65\xcc\x82\xcc\xa3"), "le");
  EXPECT_EQ(FoldAccents("98,5% (2024)"), "98,5% (2024)");
  EXPECT_EQ(FoldAccents("bad \xff byte"), "bad  byte");
}

TEST(SearchQueryTest, WordsAndQuotedPhrases) {
  const auto terms = ParseSearchQuery("Tỷ lệ \"hồ sơ\" 2024");
  ASSERT_EQ(terms.folded.size(), 4u);
  EXPECT_EQ(terms.folded[0], std::vector<std::string>{"ty"});
  EXPECT_EQ(terms.folded[2], (std::vector<std::string>{"ho", "so"}));
  EXPECT_EQ(terms.as_typed[2], (std::vector<std::string>{"hồ", "sơ"}));
  EXPECT_TRUE(ParseSearchQuery(" ,.;\"\" ").empty());
}

TEST(SearchQueryTest, OperatorsInInputAreJustWords) {
  const std::string expression = FtsMatchExpression(ParseSearchQuery("a OR b* NEAR(c) \"d"));
  EXPECT_EQ(expression,
            "{folded_text} : (\"a\" AND \"or\" AND \"b\" AND \"near\" AND \"c\" AND \"d\") OR "
            "{text} : (\"a\" AND \"OR\" AND \"b\" AND \"NEAR\" AND \"c\" AND \"d\")");
}

TEST(SnippetTest, ShowsOriginalTextWithMatchesMarked) {
  const auto terms = ParseSearchQuery("ty le");
  EXPECT_EQ(Snippet("Năm 2024,\ntỷ lệ hồ sơ đạt 98%.", terms),
            "Năm 2024, [tỷ] [lệ] hồ sơ đạt 98%.");
  const std::string long_text = std::string(300, 'x') + " Tỷ lệ " + std::string(300, 'y');
  const std::string snippet = Snippet(long_text, terms, 60);
  EXPECT_NE(snippet.find("[Tỷ] [lệ]"), std::string::npos) << snippet;
  EXPECT_LT(snippet.size(), 80u);
  EXPECT_EQ(snippet.substr(0, 3), "…");
}

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = Store::Open(":memory:", StoreOptions()).value();
    Add("a.pdf", {"Báo cáo cải cách hành chính", "Tỷ lệ hồ sơ đúng hạn đạt 98%"});
    Add("b.pdf", {"Tý lê là một từ khác", "Kế hoạch năm 2025"});
    Add("c.pdf", {"Đạt chuẩn nông thôn mới"});
  }

  void Add(const std::string& path, const std::vector<std::string>& pages) {
    Document doc;
    doc.path = path;
    for (std::size_t i = 0; i < pages.size(); ++i)
      doc.pages.push_back(MakePage(static_cast<int>(i) + 1, pages[i]));
    ASSERT_TRUE(store_->PutDocument(doc, RecordFor(path), PutOptions()).ok());
  }

  std::vector<SearchHit> Search(const std::string& query, int limit = 20) {
    SearchOptions options;
    options.limit = limit;
    auto hits = store_->Search(query, options);
    EXPECT_TRUE(hits.ok()) << hits.status().ToString();
    return hits.ok() ? hits.value() : std::vector<SearchHit>();
  }

  std::unique_ptr<Store> store_;
};

TEST_F(SearchTest, UnaccentedQueryFindsAccentedText) {
  const auto hits = Search("ty le");
  ASSERT_EQ(hits.size(), 2u);
  const auto a =
      std::find_if(hits.begin(), hits.end(), [](const SearchHit& h) { return h.path == "a.pdf"; });
  ASSERT_NE(a, hits.end());
  EXPECT_EQ(a->page, 2);
  EXPECT_EQ(a->snippet, "[Tỷ] [lệ] hồ sơ đúng hạn đạt 98%");
}

TEST_F(SearchTest, AccentsAsTypedRankFirst) {
  auto hits = Search("tỷ lệ");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].path, "a.pdf");
  hits = Search("tý lê");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].path, "b.pdf");
}

TEST_F(SearchTest, DStrokeAndCaseAreFolded) {
  auto hits = Search("DAT CHUAN");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].path, "c.pdf");
  EXPECT_EQ(hits[0].page, 1);
  EXPECT_EQ(Search("đạt").size(), 2u);  // "đạt 98%" and "Đạt chuẩn"
}

TEST_F(SearchTest, EveryWordIsRequiredAndPhrasesAreExact) {
  EXPECT_EQ(Search("ho so 98").size(), 1u);
  EXPECT_EQ(Search("ho so 2025").size(), 0u);
  EXPECT_EQ(Search("\"so ho\"").size(), 0u);
  EXPECT_EQ(Search("\"ho so\"").size(), 1u);
}

TEST_F(SearchTest, LimitAndBadQueries) {
  EXPECT_EQ(Search("ty le", 1).size(), 1u);
  EXPECT_TRUE(Search("a OR b* NEAR( \"").empty());
  auto hits = store_->Search(" ... ", SearchOptions());
  ASSERT_FALSE(hits.ok());
  EXPECT_EQ(hits.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace baocao
