#include "baocao/extract.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "font_recovery.h"
#include "ocr_engine.h"
#include "pdf_file.h"
#include "text_layer.h"
#include "tiny_pdf.h"

namespace baocao {
namespace {

namespace fs = std::filesystem;
using testing::TinyPage;
using testing::TinyPdf;

class ExtractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("baocao_extract_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

TEST_F(ExtractTest, ReadsTextOfEveryPage) {
  const std::string path = Write("two.pdf", TinyPdf({{"BT /F1 12 Tf 72 720 Td (First page) Tj ET"},
                                                     {"BT /F1 12 Tf 72 720 Td (Second page) Tj ET"}}));
  Result<Document> doc = ExtractPdf(path, {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc.value().pages.size(), 2u);
  EXPECT_EQ(doc.value().pages[0].number, 1);
  EXPECT_NE(doc.value().pages[0].text.find("First page"), std::string::npos);
  EXPECT_NE(doc.value().pages[1].text.find("Second page"), std::string::npos);
  EXPECT_EQ(doc.value().Text().find("Second"), doc.value().Text().find('\f') + 1);
}

TEST_F(ExtractTest, WordsCarryBoxesFontsAndSpans) {
  const std::string path = Write("w.pdf", TinyPdf({{"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET"}}));
  Result<Document> doc = ExtractPdf(path, {});
  ASSERT_TRUE(doc.ok());
  const Page& page = doc.value().pages[0];
  ASSERT_EQ(page.words.size(), 2u);
  const Word& hello = page.words[0];
  EXPECT_EQ(hello.text, "Hello");
  EXPECT_EQ(page.text.substr(hello.span.begin, hello.span.size()), "Hello");
  EXPECT_NEAR(hello.box.x0, 72, 1);
  // Top-left origin: a line 720 pt above the bottom of an 842 pt page.
  EXPECT_NEAR(hello.baseline, 842 - 720, 1);
  EXPECT_LT(hello.box.y0, hello.box.y1);
  EXPECT_NEAR(hello.font_size, 12, 0.5);
  EXPECT_NE(hello.font.find("Times"), std::string::npos);
  EXPECT_EQ(hello.source, TextSource::kTextLayer);
  EXPECT_DOUBLE_EQ(page.width, 595);
  EXPECT_DOUBLE_EQ(page.height, 842);
}

TEST_F(ExtractTest, FootnoteMarkerNotGluedToYear) {
  // "năm 2024" followed by a raised, smaller "1", as word processors set footnote markers.
  const std::string path = Write(
      "fn.pdf", TinyPdf({{"BT /F1 14 Tf 72 720 Td (Ke hoach nam 2024) Tj /F1 8 Tf 6 Ts (1) Tj "
                          "/F1 14 Tf 0 Ts (; Ke hoach) Tj ET"}}));
  Result<Document> doc = ExtractPdf(path, {});
  ASSERT_TRUE(doc.ok());
  const std::string& text = doc.value().pages[0].text;
  EXPECT_EQ(text.find("20241"), std::string::npos) << text;
  EXPECT_NE(text.find("2024\u00B9"), std::string::npos) << text;
  bool marker_seen = false;
  for (const Word& w : doc.value().pages[0].words) marker_seen |= w.superscript;
  EXPECT_TRUE(marker_seen);
}

TEST_F(ExtractTest, RuledTableReadsRowByRow) {
  // Two rows of three ruled cells; the middle cell of row 1 wraps onto two lines.
  const std::string grid =
      "0.5 w 72 700 m 372 700 l S 72 660 m 372 660 l S 72 630 m 372 630 l S "
      "72 630 m 72 700 l S 122 630 m 122 700 l S 272 630 m 272 700 l S 372 630 m 372 700 l S ";
  const std::string cells =
      "BT /F1 10 Tf 80 688 Td (1.1) Tj ET BT /F1 10 Tf 130 688 Td (Ho so tiep nhan) Tj ET "
      "BT /F1 10 Tf 130 670 Td (trong ky) Tj ET BT /F1 10 Tf 280 688 Td (8.803) Tj ET "
      "BT /F1 10 Tf 80 640 Td (1.2) Tj ET BT /F1 10 Tf 130 640 Td (Dung han) Tj ET "
      "BT /F1 10 Tf 280 640 Td (99,69%) Tj ET";
  Result<Document> doc = ExtractPdf(Write("table.pdf", TinyPdf({{grid + cells}})), {});
  ASSERT_TRUE(doc.ok());
  const std::string& text = doc.value().pages[0].text;
  EXPECT_NE(text.find("1.1\tHo so tiep nhan trong ky\t8.803\n"), std::string::npos) << text;
  EXPECT_NE(text.find("1.2\tDung han\t99,69%\n"), std::string::npos) << text;
}

TEST_F(ExtractTest, MissingFileIsNotFound) {
  Result<Document> doc = ExtractPdf((dir_ / "nope.pdf").string(), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kNotFound);
  EXPECT_NE(doc.status().message().find("nope.pdf"), std::string::npos);
}

TEST_F(ExtractTest, FolderIsRejected) {
  Result<Document> doc = ExtractPdf(dir_.string(), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ExtractTest, EmptyFileIsNotPdf) {
  Result<Document> doc = ExtractPdf(Write("empty.pdf", ""), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kNotPdf);
  EXPECT_NE(doc.status().message().find("empty"), std::string::npos);
}

TEST_F(ExtractTest, TextFileNamedPdfIsNotPdf) {
  Result<Document> doc = ExtractPdf(Write("note.pdf", "Báo cáo kết quả quý I\n"), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kNotPdf);
  EXPECT_NE(doc.status().message().find("note.pdf"), std::string::npos);
}

TEST_F(ExtractTest, UnreadableFileIsPermissionDenied) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
  const std::string path = Write("locked.pdf", TinyPdf({{"BT ET"}}));
  fs::permissions(path, fs::perms::none);
  Result<Document> doc = ExtractPdf(path, {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(ExtractTest, ZeroPagesIsAnError) {
  const std::string path = Write("zero.pdf", TinyPdf({}));
  Result<Document> doc = ExtractPdf(path, {});
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("no pages"), std::string::npos);
}

TEST_F(ExtractTest, GarbageAfterHeaderIsCorrupt) {
  Result<Document> doc = ExtractPdf(Write("junk.pdf", "%PDF-1.7\n" + std::string(4096, 'x')), {});
  ASSERT_FALSE(doc.ok());
  EXPECT_TRUE(doc.status().code() == StatusCode::kCorrupt) << doc.status().ToString();
}

TEST_F(ExtractTest, TruncatedFileDoesNotCrash) {
  const std::string full = TinyPdf({{"BT /F1 12 Tf 72 720 Td (Page one) Tj ET"},
                                    {"BT /F1 12 Tf 72 720 Td (Page two) Tj ET"}});
  for (std::size_t cut : {full.size() / 4, full.size() / 2, full.size() * 3 / 4, full.size() - 10}) {
    Result<Document> doc = ExtractPdf(Write("cut.pdf", full.substr(0, cut)), {});
    if (!doc.ok()) {
      EXPECT_NE(doc.status().message().find("cut.pdf"), std::string::npos);
    }
  }
}

TEST_F(ExtractTest, HugePageIsReadWithoutTrouble) {
  TinyPage page{"BT /F1 12 Tf 100 100 Td (Five metres wide) Tj ET", 14400, 14400};
  Result<Document> doc = ExtractPdf(Write("huge.pdf", TinyPdf({page})), {});
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc.value().pages[0].text.find("Five metres wide"), std::string::npos);
  EXPECT_DOUBLE_EQ(doc.value().pages[0].width, 14400);
}

TEST_F(ExtractTest, MaxPagesStopsEarlyWithWarning) {
  const std::string path = Write("three.pdf", TinyPdf({{"BT ET"}, {"BT ET"}, {"BT ET"}}));
  ExtractOptions options;
  options.max_pages = 2;
  Result<Document> doc = ExtractPdf(path, options);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.value().pages.size(), 2u);
  ASSERT_FALSE(doc.value().warnings.empty());
  EXPECT_NE(doc.value().warnings.back().find("2 of 3"), std::string::npos);
}

TEST_F(ExtractTest, FontsAreListed) {
  Result<Document> doc = ExtractPdf(Write("f.pdf", TinyPdf({{"BT /F1 12 Tf 72 720 Td (x) Tj ET"}})), {});
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc.value().fonts.size(), 1u);
  EXPECT_EQ(doc.value().fonts[0].name, "Times-Roman");
  EXPECT_EQ(doc.value().fonts[0].type, "Type1");
  EXPECT_FALSE(doc.value().fonts[0].embedded);
}

TEST_F(ExtractTest, AFontDrawingOnSeveralPagesIsListedOnceWithAllItsGlyphs) {
  const std::string text = "BT /F1 12 Tf 72 720 Td (abc) Tj ET";
  Result<Document> doc = ExtractPdf(Write("two.pdf", TinyPdf({{text}, {text}})), {});
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc.value().fonts.size(), 1u);
  EXPECT_EQ(doc.value().fonts[0].glyphs_drawn, 6u);
  EXPECT_EQ(doc.value().fonts[0].mapping, FontMapping::kOk);
}

// Words holding glyphs of codes that OCR voting left unresolved are read again
// from a strip of their line, and only they change.
class UnresolvedWordsTest : public ExtractTest {
 protected:
  // "Hello world again" with the code of 'w' unresolved.
  extract_internal::TextLayerPage ReadHelloWorld() {
    const std::string path =
        Write("hw.pdf", TinyPdf({{"BT /F1 12 Tf 72 720 Td (Hello world again) Tj ET"}}));
    Result<std::shared_ptr<PDFDoc>> pdf = extract_internal::OpenPdf(path, "");
    EXPECT_TRUE(pdf.ok());
    return extract_internal::ReadTextLayer(*pdf.value(), 1);
  }
  const std::set<extract_internal::GlyphKey> unresolved_{{"Times-Roman", 'w'}};
};

// Answers every strip with one word spanning the whole strip.
class StripOcr : public extract_internal::OcrEngine {
 public:
  Result<extract_internal::OcrResult> Recognize(const extract_internal::PageImage&,
                                                double) override {
    return Status(StatusCode::kInternal, "pages are not read here");
  }
  Result<extract_internal::OcrResult> RecognizeLine(const extract_internal::PageImage& strip,
                                                    double) override {
    strips.push_back(strip);
    extract_internal::OcrResult result;
    result.words.push_back(
        {"strip",
         {0, 0, static_cast<double>(strip.width), static_cast<double>(strip.height)},
         0.8,
         true,
         true});
    return result;
  }
  Result<extract_internal::OcrResult> RecognizeBlock(const extract_internal::PageImage&,
                                                     double) override {
    return Status(StatusCode::kInternal, "cells are not read here");
  }
  std::vector<extract_internal::PageImage> strips;
};

void ExpectSpansMatch(const Page& page) {
  for (const Word& w : page.words) {
    ASSERT_LE(w.span.end, page.text.size());
    EXPECT_EQ(page.text.substr(w.span.begin, w.span.size()), w.text);
  }
}

TEST_F(UnresolvedWordsTest, OnlyTheWordWithUnresolvedGlyphsIsCounted) {
  const extract_internal::TextLayerPage layer = ReadHelloWorld();
  ASSERT_EQ(layer.page.words.size(), 3u);
  EXPECT_EQ(extract_internal::CountUnresolvedWords(layer, unresolved_), 1u);
  EXPECT_EQ(extract_internal::CountUnresolvedWords(layer, {}), 0u);
}

TEST_F(UnresolvedWordsTest, StripHoldsTheWordAndItsNeighbours) {
  const extract_internal::TextLayerPage layer = ReadHelloWorld();
  const std::vector<extract_internal::OcrRegion> regions =
      extract_internal::UnresolvedRegions(layer, unresolved_);
  ASSERT_EQ(regions.size(), 1u);
  const Box& strip = regions[0].box;
  const Word& hello = layer.page.words[0];
  const Word& world = layer.page.words[1];
  const Word& again = layer.page.words[2];
  EXPECT_LE(strip.x0, hello.box.x0);  // a word of context on each side
  EXPECT_GE(strip.x1, again.box.x1);
  EXPECT_LE(strip.y0, world.baseline - 0.9 * world.font_size);  // room for stacked accents
  EXPECT_GE(strip.y1, world.baseline + 0.2 * world.font_size);  // and descenders
  EXPECT_LT(strip.y1, world.baseline + 0.5 * world.font_size);  // but not the next line
}

TEST_F(UnresolvedWordsTest, StripWordsComeBackInPagePoints) {
  const extract_internal::TextLayerPage layer = ReadHelloWorld();
  const std::vector<extract_internal::OcrRegion> regions =
      extract_internal::UnresolvedRegions(layer, unresolved_);
  ASSERT_EQ(regions.size(), 1u);
  extract_internal::PageImage page;
  page.dpi = 144;
  page.width = 595 * 2;
  page.height = 842 * 2;
  page.pixels.assign(static_cast<std::size_t>(page.width) * static_cast<std::size_t>(page.height),
                     255);
  StripOcr ocr;
  std::vector<std::string> warnings;
  const std::vector<extract_internal::OcrWord> words =
      extract_internal::ReadRegions(page, regions, ocr, 10, warnings);
  ASSERT_EQ(words.size(), 1u);
  ASSERT_EQ(ocr.strips.size(), 1u);
  EXPECT_EQ(ocr.strips[0].dpi, 144);
  const Box& region = regions[0].box;
  EXPECT_NEAR((words[0].box.x0 + words[0].box.x1) / 2, (region.x0 + region.x1) / 2, 1);
  EXPECT_NEAR((words[0].box.y0 + words[0].box.y1) / 2, (region.y0 + region.y1) / 2, 1);
  EXPECT_TRUE(warnings.empty());
}

TEST_F(UnresolvedWordsTest, OcrWordReplacesOnlyTheUnresolvedWord) {
  extract_internal::TextLayerPage layer = ReadHelloWorld();
  const Box world = layer.page.words[1].box;
  const std::vector<extract_internal::OcrWord> ocr = {{"wörld", world, 0.9, true, true}};
  const extract_internal::WordSplice splice =
      extract_internal::SpliceOcrWords(unresolved_, ocr, layer);
  EXPECT_EQ(splice.runs, 1u);
  EXPECT_EQ(splice.runs_replaced, 1u);
  EXPECT_EQ(splice.words_removed, 1u);
  EXPECT_EQ(layer.page.text, "Hello wörld again\n");
  ASSERT_EQ(layer.page.words.size(), 3u);
  EXPECT_EQ(layer.page.words[0].source, TextSource::kTextLayer);
  EXPECT_EQ(layer.page.words[1].source, TextSource::kOcr);
  EXPECT_DOUBLE_EQ(layer.page.words[1].confidence, 0.9);
  EXPECT_EQ(layer.page.words[2].source, TextSource::kTextLayer);
  ExpectSpansMatch(layer.page);
}

TEST_F(UnresolvedWordsTest, WordsKeepTheirTextWhenOcrReadsNothing) {
  extract_internal::TextLayerPage layer = ReadHelloWorld();
  const extract_internal::WordSplice splice =
      extract_internal::SpliceOcrWords(unresolved_, {}, layer);
  EXPECT_EQ(splice.runs, 1u);
  EXPECT_EQ(splice.runs_replaced, 0u);
  EXPECT_EQ(layer.page.text, "Hello world again\n");
}

TEST_F(UnresolvedWordsTest, StripReadingVotesForTheUnresolvedCode) {
  const extract_internal::TextLayerPage layer = ReadHelloWorld();
  const std::vector<extract_internal::OcrWord> ocr = {
      {"world", layer.page.words[1].box, 0.9, true, true}};
  extract_internal::GlyphVotes votes;
  extract_internal::VoteFromWords(layer, unresolved_, ocr, votes);
  ASSERT_EQ(votes.size(), 1u);
  EXPECT_EQ((votes[{"Times-Roman", 'w'}]["w"]), 1);
}

}  // namespace
}  // namespace baocao
