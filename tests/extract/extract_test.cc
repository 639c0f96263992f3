#include "baocao/extract.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

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

}  // namespace
}  // namespace baocao
