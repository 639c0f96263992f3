// Tests of the fact entry points: the indicator catalog, whole documents,
// text confidence, and the rule data.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "baocao/rules.h"

namespace baocao {
namespace {

std::string Field(const Fact& fact, const std::string& name) {
  auto it = fact.fields.find(name);
  if (it == fact.fields.end()) return "<absent>";
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  if (std::holds_alternative<std::monostate>(it->second)) return "-";
  return "<other>";
}

TEST(Rules, EveryFactPatternCompiles) { EXPECT_TRUE(CheckRules().ok()) << CheckRules().ToString(); }

TEST(IndicatorCatalog, HoldsTheNationalFormCodes) {
  const std::vector<IndicatorDefinition>& catalog = IndicatorCatalog();
  ASSERT_GT(catalog.size(), 100u);
  bool found = false;
  for (const IndicatorDefinition& d : catalog) {
    if (d.code == "3.2.4") {
      found = true;
      EXPECT_EQ(d.unit, "%");
    }
  }
  EXPECT_TRUE(found);
}

TEST(IndicatorCatalog, LoadsAnAnalystsFileAndMatchesAccentInsensitively) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "baocao_extra_indicators.tsv";
  {
    std::ofstream out(path);
    out << "# extra\nchi_tieu.ky_so\tTỷ lệ văn bản ký số\t%\tvăn bản được lãnh đạo ký số | van ban ky so\n";
  }
  Result<std::vector<IndicatorDefinition>> extra = LoadIndicatorCatalog(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(extra.ok()) << extra.status().ToString();
  ASSERT_EQ(extra.value().size(), 1u);
  EXPECT_EQ(extra.value()[0].synonyms.size(), 2u);

  RulesOptions options;
  options.document_year = 2024;
  options.extra_indicators = extra.value();
  Page page;
  page.number = 1;
  page.text = "II. KẾT QUẢ\ntỷ lệ VĂN BẢN được lãnh đạo ký số đạt 99,69%\n";
  std::vector<Fact> facts = ExtractFacts(page, options);
  ASSERT_EQ(facts.size(), 1u);
  EXPECT_EQ(Field(facts[0], "code"), "chi_tieu.ky_so");
}

TEST(IndicatorCatalog, MissingFileIsNotFound) {
  Result<std::vector<IndicatorDefinition>> missing = LoadIndicatorCatalog("/nonexistent/indicators.tsv");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(IndicatorCatalog, LineWithoutNameIsInvalid) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "baocao_bad_indicators.tsv";
  {
    std::ofstream out(path);
    out << "1.1\n";
  }
  Result<std::vector<IndicatorDefinition>> bad = LoadIndicatorCatalog(path.string());
  std::filesystem::remove(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().ToString().find(":1:"), std::string::npos);
}

TEST(ExtractDocumentFacts, MetadataFirstThenPagesWithTheDocumentPeriod) {
  Document doc;
  Page first;
  first.number = 1;
  first.text =
      "Số: 112/BC-UBND\tThị trấn Bút Sơn, ngày 15 tháng 3 năm 2024\nBÁO CÁO\n"
      "Kết quả công tác cải cách hành chính quý I năm 2024\n"
      "II. KẾT QUẢ THỰC HIỆN\nTổng số hồ sơ tiếp nhận: 8.803 hồ sơ\n";
  doc.pages.push_back(first);
  ExtractDocumentFacts(doc);
  ASSERT_GE(doc.facts.size(), 2u);
  EXPECT_EQ(doc.facts[0].kind, "metadata");
  const Fact* indicator = nullptr;
  for (const Fact& f : doc.facts) {
    if (f.kind == "indicator") indicator = &f;
  }
  ASSERT_NE(indicator, nullptr);
  EXPECT_EQ(Field(*indicator, "period_end"), "2024-03-31");
  EXPECT_EQ(indicator->quote.find("8.803") != std::string::npos, true);
  EXPECT_EQ(doc.pages[0].text.substr(indicator->span.begin, indicator->span.size()), indicator->quote);
}

TEST(ExtractDocumentFacts, TaskTableContinuesAcrossPages) {
  Document doc;
  const std::string header =
      "TT\tNội dung thực hiện\tSản phẩm, kết quả\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n";
  Page one, two;
  one.number = 1;
  one.text = "KẾ HOẠCH\nThực hiện cải cách hành chính năm 2024\nPhụ lục số 01\n" + header +
             "1\tRà soát văn bản.\tBáo cáo\tPhòng Tư pháp\tUBND cấp xã\tQuý I/2024.\n";
  two.number = 2;
  two.text = "2\n" + header + "2\tKiểm tra công vụ.\tBáo cáo\tPhòng Nội vụ\tUBND cấp xã\tQuý II.\n";
  doc.pages = {one, two};
  ExtractDocumentFacts(doc);
  std::vector<std::string> dues;
  for (const Fact& f : doc.facts) {
    if (f.kind == "task") dues.push_back(Field(f, "due"));
  }
  EXPECT_EQ(dues, (std::vector<std::string>{"2024-03-31", "2024-06-30"}));
}

TEST(TextConfidence, OcrNumberIsNeverFullyTrusted) {
  Page page;
  page.number = 1;
  page.text = "II. KẾT QUẢ\nTổng số hồ sơ tiếp nhận: 8.803 hồ sơ\n";
  const std::size_t at = page.text.find("8.803");
  Word word;
  word.text = "8.803";
  word.span = {at, at + 5};
  word.source = TextSource::kOcr;
  word.confidence = 0.99;
  page.words.push_back(word);
  RulesOptions options;
  options.document_year = 2024;
  Page plain;
  plain.number = 1;
  plain.text = page.text;
  std::vector<Fact> clean = ExtractFacts(plain, options);
  std::vector<Fact> ocr = ExtractFacts(page, options);
  ASSERT_EQ(clean.size(), 1u);
  ASSERT_EQ(ocr.size(), 1u);
  EXPECT_LT(ocr[0].confidence, clean[0].confidence);
  EXPECT_LT(ocr[0].confidence, 0.8);
}

TEST(TextConfidence, MinConfidenceDropsWeakFacts) {
  Page page;
  page.number = 1;
  page.text = "IV. TỔ CHỨC THỰC HIỆN\nKế hoạch nộp về UBND huyện chậm nhất vào 31/02/2024.\n";
  RulesOptions options;
  options.document_year = 2024;
  ASSERT_EQ(ExtractFacts(page, options).size(), 1u);
  options.min_confidence = 0.5;
  EXPECT_TRUE(ExtractFacts(page, options).empty());
}

}  // namespace
}  // namespace baocao
