// The public functions of rules.h beyond the phrase corpora: the fact shape,
// keys, spans, options.
#include <gtest/gtest.h>

#include <string>

#include "baocao/rules.h"

namespace baocao {
namespace {

const std::string* StringField(const Fact& fact, const std::string& name) {
  auto it = fact.fields.find(name);
  if (it == fact.fields.end()) return nullptr;
  return std::get_if<std::string>(&it->second);
}

bool IsNull(const Fact& fact, const std::string& name) {
  auto it = fact.fields.find(name);
  return it != fact.fields.end() && std::holds_alternative<std::monostate>(it->second);
}

TEST(Rules, EmbeddedPatternsCompile) {
  const Status status = CheckRules();
  EXPECT_TRUE(status.ok()) << status.ToString();
}

TEST(Rules, ReferenceFactHasTheNamedFields) {
  Page page;
  page.number = 3;
  page.text =
      "Thực hiện Kế hoạch số 83-KH/HU ngày 02/12/2021 của Ban Chấp hành \n\nĐảng bộ huyện "
      "Thọ Xuân về thực hiện khâu đột phá về cải cách hành chính; Nghị quyết 76/NQ-CP.";
  const std::vector<Fact> facts = ExtractFacts(page);
  ASSERT_EQ(facts.size(), 2u);
  const Fact& plan = facts[0];
  EXPECT_EQ(plan.kind, "reference");
  EXPECT_EQ(plan.page, 3);
  EXPECT_EQ(plan.rule, "reference.party");
  EXPECT_EQ(plan.quote, page.text.substr(plan.span.begin, plan.span.size()));
  EXPECT_EQ(plan.quote.rfind("Kế hoạch số 83-KH/HU", 0), 0u);
  ASSERT_NE(StringField(plan, "doc_type"), nullptr);
  EXPECT_EQ(*StringField(plan, "doc_type"), "Kế hoạch");
  EXPECT_EQ(*StringField(plan, "number"), "83-KH/HU");
  EXPECT_EQ(*StringField(plan, "date"), "2021-12-02");
  EXPECT_EQ(*StringField(plan, "issuer"), "Ban Chấp hành Đảng bộ huyện Thọ Xuân");
  EXPECT_EQ(*StringField(plan, "subject"), "thực hiện khâu đột phá về cải cách hành chính");
  ASSERT_NE(StringField(plan, "key"), nullptr);

  const Fact& bare = facts[1];
  EXPECT_EQ(bare.rule, "reference.admin");
  EXPECT_TRUE(IsNull(bare, "date"));
  EXPECT_TRUE(IsNull(bare, "issuer"));
  EXPECT_TRUE(IsNull(bare, "subject"));
  EXPECT_GT(plan.confidence, bare.confidence);
  EXPECT_GT(bare.confidence, 0.0);
  EXPECT_LE(plan.confidence, 1.0);
}

TEST(Rules, MinConfidenceDropsWeakFacts) {
  Page page;
  page.text = "Kế hoạch số 83-KH/HU ngày 02/12/2021; 76/NQ-CP";
  RulesOptions options;
  options.min_confidence = 0.8;
  const std::vector<Fact> facts = ExtractFacts(page, options);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(*StringField(facts[0], "number"), "83-KH/HU");
}

TEST(Rules, ReferenceKeyTreatsUbndAsUyBanNhanDan) {
  EXPECT_EQ(ReferenceKey("268/KH-UBND", "UBND huyện Thọ Xuân", 2023),
            ReferenceKey("268/KH-UBND", "Ủy ban nhân dân huyện Thọ Xuân", 2023));
  EXPECT_EQ(ReferenceKey("268/KH-UBND", "Uỷ ban nhân dân  huyện\nThọ Xuân", 2023),
            ReferenceKey("268/KH-UBND", "ỦY BAN NHÂN DÂN HUYỆN THỌ XUÂN", 2023));
}

TEST(Rules, ReferenceKeySeparatesIssuersAndYears) {
  const std::string key = ReferenceKey("01/KH-UBND", "UBND xã Bình Yên", 2024);
  EXPECT_NE(key, ReferenceKey("01/KH-UBND", "UBND thị trấn Bút Sơn", 2024));
  EXPECT_NE(key, ReferenceKey("01/KH-UBND", "UBND xã Bình Yên", 2023));
  EXPECT_EQ(key, "01/kh-ubnd|uy ban nhan dan xa binh yen|2024");
}

TEST(Rules, SameDocumentCitedTwiceGivesOneKey) {
  // 000 cites the plan in a footnote and again in the text.
  const std::vector<ReferenceMatch> a = FindReferences(
      "Kế hoạch 320/KH-UBND ngày 12/01/2024 của UBND huyện Thọ Xuân; đảm bảo");
  const std::vector<ReferenceMatch> b = FindReferences(
      "Quyết định 320/KH-UBND ngày 12/01/2024 của Ủy ban nhân dân huyện Thọ Xuân về việc");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].key, b[0].key);
}

TEST(Rules, FootnoteMarkerNotGluedToYear) {
  const std::string text = "Kế hoạch CCHC năm 2024¹, Kế hoạch kiểm soát TTHC năm 2024²;";
  const std::vector<PeriodMatch> periods = FindPeriods(text);
  ASSERT_EQ(periods.size(), 2u);
  for (const PeriodMatch& period : periods) {
    EXPECT_EQ(period.text, "năm 2024");
    EXPECT_EQ(period.start, "2024-01-01");
  }
}

TEST(Rules, NumberFollowedBySuperscriptIsTheNumber) {
  const std::vector<NumberMatch> numbers = FindNumbers("tổng 8.803³ hồ sơ");
  ASSERT_EQ(numbers.size(), 1u);
  EXPECT_EQ(numbers[0].value, 8803);
  EXPECT_EQ(numbers[0].text, "8.803");
}

TEST(Rules, ImpossibleDateKeepsItsText) {
  const std::string text = "chậm nhất vào 31/02/2024 (nội dung";
  const std::vector<PeriodMatch> periods = FindPeriods(text);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_FALSE(periods[0].valid);
  EXPECT_EQ(periods[0].text, "31/02/2024");
  EXPECT_EQ(periods[0].start, "");
  EXPECT_EQ(text.substr(periods[0].span.begin, periods[0].span.size()), "31/02/2024");
}

TEST(Rules, ImplicitYearIsMarked) {
  const std::vector<PeriodMatch> periods = FindPeriods("Trình UBND huyện vào Quý II.", 2024);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_TRUE(periods[0].year_implicit);
  const std::vector<PeriodMatch> explicit_year = FindPeriods("Quý II/2024", 2023);
  ASSERT_EQ(explicit_year.size(), 1u);
  EXPECT_FALSE(explicit_year[0].year_implicit);
  EXPECT_EQ(explicit_year[0].start, "2024-04-01");
}

TEST(Rules, ReferenceDateIsNotAPeriodNorNumbers) {
  const std::string text = "Kế hoạch 268/KH-UBND ngày 29/12/2023 về thực hiện CCHC năm 2024";
  const std::vector<PeriodMatch> periods = FindPeriods(text);
  ASSERT_EQ(periods.size(), 1u);
  EXPECT_EQ(periods[0].text, "năm 2024");
  EXPECT_TRUE(FindNumbers(text).empty());
}

TEST(Rules, PeriodKindNames) {
  EXPECT_EQ(PeriodKindName(PeriodKind::kDay), "day");
  EXPECT_EQ(PeriodKindName(PeriodKind::kYearToDate), "year_to_date");
  EXPECT_EQ(PeriodKindName(PeriodKind::kRange), "range");
}

TEST(Rules, SpansIndexTheInputOnWholePages) {
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += "Tổng số hồ sơ 8.803 hồ sơ, đạt 99,69%; Quý II/2024; Kế hoạch số 06/KH-UBND "
            "ngày 11/01/2024 của UBND huyện Thọ Xuân về việc kiểm tra.\n";
  }
  const std::vector<NumberMatch> numbers = FindNumbers(text);
  const std::vector<PeriodMatch> periods = FindPeriods(text);
  const std::vector<ReferenceMatch> references = FindReferences(text);
  EXPECT_EQ(numbers.size(), 100u);
  EXPECT_EQ(periods.size(), 50u);
  EXPECT_EQ(references.size(), 50u);
  for (const NumberMatch& n : numbers) EXPECT_EQ(n.text, text.substr(n.span.begin, n.span.size()));
  for (const ReferenceMatch& r : references) {
    EXPECT_EQ(r.text, text.substr(r.span.begin, r.span.size()));
    EXPECT_EQ(r.subject, "kiểm tra");
  }
}

}  // namespace
}  // namespace baocao
