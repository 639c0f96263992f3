#include "baocao/document.h"

#include <gtest/gtest.h>

namespace baocao {
namespace {

TEST(DocumentTest, TextJoinsPagesWithFormFeeds) {
  Document doc;
  doc.pages.resize(3);
  doc.pages[0].text = "một\n";
  doc.pages[1].text = "";
  doc.pages[2].text = "ba\n";
  EXPECT_EQ(doc.Text(), "một\n\f\fba\n");
}

TEST(DocumentTest, EmptyDocumentHasEmptyText) { EXPECT_EQ(Document().Text(), ""); }

TEST(DocumentTest, SpanSize) {
  Span span{4, 10};
  EXPECT_EQ(span.size(), 6u);
}

TEST(DocumentTest, RouteAndSourceNamesAreStable) {
  // These names are written to JSON and to the store: renaming one is a format change.
  EXPECT_EQ(PageRouteName(PageRoute::kText), "text");
  EXPECT_EQ(PageRouteName(PageRoute::kRepaired), "repaired");
  EXPECT_EQ(PageRouteName(PageRoute::kRecovered), "recovered");
  EXPECT_EQ(PageRouteName(PageRoute::kOcr), "ocr");
  EXPECT_EQ(PageRouteName(PageRoute::kMixed), "mixed");
  EXPECT_EQ(PageRouteName(PageRoute::kFailed), "failed");
  EXPECT_EQ(TextSourceName(TextSource::kTextLayer), "text_layer");
  EXPECT_EQ(TextSourceName(TextSource::kOcr), "ocr");
  EXPECT_EQ(TextSourceName(TextSource::kRecovered), "recovered");
  EXPECT_EQ(TextSourceName(TextSource::kRepaired), "repaired");
}

TEST(FactTest, FieldsHoldTypedValues) {
  Fact fact;
  fact.kind = "indicator";
  fact.fields["value"] = 99.69;
  fact.fields["unit"] = std::string("%");
  fact.fields["partners"] = std::vector<std::string>{"UBND cấp xã"};
  fact.fields["code"] = std::monostate{};
  EXPECT_DOUBLE_EQ(std::get<double>(fact.fields["value"]), 99.69);
  EXPECT_EQ(std::get<std::string>(fact.fields["unit"]), "%");
  EXPECT_EQ(std::get<std::vector<std::string>>(fact.fields["partners"]).size(), 1u);
  EXPECT_TRUE(std::holds_alternative<std::monostate>(fact.fields["code"]));
}

}  // namespace
}  // namespace baocao
