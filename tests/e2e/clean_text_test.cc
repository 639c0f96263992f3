// End to end: the text layer of every born-digital corpus PDF, against its truth.
#include <gtest/gtest.h>

#include <cstdio>

#include "baocao/extract.h"
#include "corpus.h"
#include "eval/text_metrics.h"

namespace baocao {
namespace {

constexpr double kMaxCleanCer = 0.005;

TEST(CleanTextTest, EveryCleanPdfIsReadWithinCerGoal) {
  const std::vector<testing::CorpusFile> files = testing::CorpusFiles("clean");
  ASSERT_GE(files.size(), 4u);
  eval::EditCounts all;
  for (const testing::CorpusFile& file : files) {
    Result<Document> doc = ExtractPdf(file.path, {});
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    ASSERT_EQ(doc.value().pages.size(), file.pages.size()) << file.path;
    eval::EditCounts counts;
    for (const Page& page : doc.value().pages) {
      const std::string truth = eval::ComparableText(testing::TruthPage(file.doc, page.number));
      const eval::EditCounts p = eval::CharacterEdits(eval::ComparableText(page.text), truth);
      EXPECT_LE(p.Rate(), 0.02) << file.doc << " page " << page.number << " is far off";
      counts += p;
    }
    std::printf("clean %s (%s): %zu pages, %zu chars, %zu edits, CER %.4f%%\n", file.doc.c_str(),
                file.split.c_str(), file.pages.size(), counts.reference_length, counts.edits,
                100 * counts.Rate());
    EXPECT_LE(counts.Rate(), kMaxCleanCer) << file.path;
    all += counts;
  }
  std::printf("clean overall: CER %.4f%% over %zu chars\n", 100 * all.Rate(), all.reference_length);
}

}  // namespace
}  // namespace baocao
