// End to end: page triage on every corpus PDF against the route its
// generator recorded (corpus/manifest.json). Triage runs before any OCR, so
// OCR is off here.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "baocao/extract.h"
#include "corpus.h"

namespace baocao {
namespace {

// The triage decision each manifest route calls for.
std::string TriageFor(const std::string& route) {
  static const std::map<std::string, std::string> triage = {
      {"text", "use"}, {"repair", "repair"}, {"recover", "recover"}, {"ocr", "ocr"}};
  auto it = triage.find(route);
  return it == triage.end() ? "?" : it->second;
}

TEST(RoutingTest, EveryCorpusPageIsRoutedAsItsDamageNeeds) {
  ExtractOptions options;
  options.ocr = false;
  std::map<std::string, std::pair<int, int>> by_split;  // split -> (right, pages)
  for (const testing::CorpusFile& file : testing::CorpusFiles()) {
    Result<Document> doc = ExtractPdf(file.path, options);
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_EQ(doc.value().pages.size(), file.pages.size()) << file.path;
    for (std::size_t i = 0; i < file.pages.size(); ++i) {
      const std::string expected = TriageFor(file.pages[i].route);
      const std::string& got = doc.value().pages[i].triage;
      auto& [right, pages] = by_split[file.split];
      ++pages;
      right += got == expected;
      EXPECT_EQ(got, expected) << file.path << " page " << file.pages[i].number;
    }
  }
  for (const auto& [split, counts] : by_split) {
    std::printf("%s: %d of %d pages routed as their damage needs\n", split.c_str(), counts.first,
                counts.second);
  }
}

}  // namespace
}  // namespace baocao
