// End to end: a PDF whose fonts lost their mapping, read through font recovery.
#include <gtest/gtest.h>

#include <cstdio>

#include "baocao/extract.h"
#include "corpus.h"
#include "eval/text_metrics.h"

namespace baocao {
namespace {

// nomap/002: half of the run fonts lost their mapping and voting leaves a few
// rare codes unresolved on most pages. The words holding them are read again
// by OCR one line strip at a time, so no page falls back to OCR as a whole
// (which measured 3.1% CER on these pages) and the text stays near the truth.
TEST(RecoveredTextTest, UnresolvedCodesAreReadByWordWithinCerGoal) {
  const std::vector<testing::CorpusFile> files = testing::CorpusFiles("nomap");
  const testing::CorpusFile* file = nullptr;
  for (const testing::CorpusFile& f : files) {
    if (f.doc == "002") file = &f;
  }
  ASSERT_NE(file, nullptr);
  Result<Document> doc = ExtractPdf(file->path, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  eval::EditCounts counts;
  std::size_t ocr_words = 0;
  for (const Page& page : doc.value().pages) {
    EXPECT_EQ(page.route, PageRoute::kRecovered) << "page " << page.number;
    counts += eval::CharacterEdits(eval::ComparableText(page.text),
                                   eval::ComparableText(testing::TruthPage(file->doc, page.number)));
    for (const Word& w : page.words) {
      ocr_words += w.source == TextSource::kOcr;
      ASSERT_LE(w.span.end, page.text.size());
      EXPECT_EQ(page.text.substr(w.span.begin, w.span.size()), w.text);
    }
  }
  EXPECT_GT(ocr_words, 0u) << "no word was read again by OCR: the test no longer covers it";
  std::printf("nomap 002: %zu edits over %zu characters, CER %.3f%%, %zu OCR words\n",
              counts.edits, counts.reference_length, 100 * counts.Rate(), ocr_words);
  EXPECT_LE(counts.Rate(), 0.005);
}

}  // namespace
}  // namespace baocao
