// End to end: the glyph-shape memory learned from one document's sound fonts
// reads the broken fonts of another without OCR.
#include <gtest/gtest.h>

#include <cstdio>

#include "baocao/extract.h"
#include "baocao/glyph_memory.h"
#include "corpus.h"
#include "eval/text_metrics.h"

namespace baocao {
namespace {

const testing::CorpusFile& File(const std::string& variant, const std::string& doc) {
  static const std::vector<testing::CorpusFile> files = testing::CorpusFiles();
  for (const testing::CorpusFile& f : files) {
    if (f.variant == variant && f.doc == doc) return f;
  }
  ADD_FAILURE() << variant << "/" << doc << " is not in the corpus";
  return files.front();
}

struct Recovered {
  std::size_t codes = 0;
  std::size_t from_memory = 0;
};

Recovered CountRecovered(const Document& doc) {
  Recovered r;
  for (const FontInfo& font : doc.fonts) {
    for (const RecoveredCode& code : font.recovered) {
      ++r.codes;
      r.from_memory += code.from_memory;
    }
  }
  return r;
}

double Cer(const Document& doc, const std::string& truth_doc) {
  eval::EditCounts counts;
  for (const Page& page : doc.pages) {
    counts += eval::CharacterEdits(eval::ComparableText(page.text),
                                   eval::ComparableText(testing::TruthPage(truth_doc, page.number)));
  }
  return counts.Rate();
}

// The memory learns from dev documents and is tried on a test document: the
// same typeface, other subsets, another text.
TEST(GlyphMemoryE2eTest, ACleanDocumentTeachesTheShapesThatReadAnotherDocumentsBrokenFonts) {
  GlyphMemory memory;
  ExtractOptions options;
  options.glyph_memory = &memory;
  ASSERT_TRUE(ExtractPdf(File("clean", "001").path, options).ok());
  ASSERT_TRUE(ExtractPdf(File("clean", "002").path, options).ok());
  EXPECT_GT(memory.size(), 150u) << "the two documents draw a few hundred distinct glyphs";

  const testing::CorpusFile& broken = File("nomap", "003");
  Result<Document> doc = ExtractPdf(broken.path, options);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Recovered r = CountRecovered(doc.value());
  std::printf("nomap 003 with a memory of clean 001-002: %zu codes recovered, %zu from memory, CER %.3f%%\n",
              r.codes, r.from_memory, 100 * Cer(doc.value(), broken.doc));
  EXPECT_GT(r.from_memory * 10, r.codes * 8) << "the memory should settle most codes";
  for (const Page& page : doc.value().pages) EXPECT_EQ(page.route, PageRoute::kRecovered) << page.number;
  EXPECT_LE(Cer(doc.value(), broken.doc), 0.005);
}

// Without a memory of the caller's, a document's sound fonts teach one of its
// own: the broken subsets of a typeface share glyphs with its sound subsets.
TEST(GlyphMemoryE2eTest, ADocumentsOwnSoundFontsReadItsBrokenOnes) {
  const testing::CorpusFile& broken = File("brokenmap", "001");
  Result<Document> doc = ExtractPdf(broken.path, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  const Recovered r = CountRecovered(doc.value());
  std::printf("brokenmap 001 alone: %zu codes recovered, %zu from its own sound fonts, CER %.3f%%\n", r.codes,
              r.from_memory, 100 * Cer(doc.value(), broken.doc));
  EXPECT_GT(r.from_memory * 2, r.codes);
  EXPECT_LE(Cer(doc.value(), broken.doc), 0.005);
}

// A clean document's glyphs are learned once each, and a document with no
// broken font reads the same with and without a memory.
TEST(GlyphMemoryE2eTest, AMemoryChangesNothingInACleanDocument) {
  const testing::CorpusFile& clean = File("clean", "000");
  GlyphMemory memory;
  ExtractOptions options;
  options.glyph_memory = &memory;
  Result<Document> with = ExtractPdf(clean.path, options);
  Result<Document> without = ExtractPdf(clean.path, {});
  ASSERT_TRUE(with.ok() && without.ok());
  ASSERT_EQ(with.value().pages.size(), without.value().pages.size());
  for (std::size_t i = 0; i < with.value().pages.size(); ++i) {
    EXPECT_EQ(with.value().pages[i].text, without.value().pages[i].text);
  }
  const std::size_t learned = memory.size();
  EXPECT_GT(learned, 0u);
  ASSERT_TRUE(ExtractPdf(clean.path, options).ok());
  EXPECT_EQ(memory.size(), learned) << "the same document shows no new shape";
}

}  // namespace
}  // namespace baocao
