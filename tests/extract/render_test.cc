#include "baocao/render.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "temp_dir.h"
#include "tiny_pdf.h"

namespace baocao {
namespace {

using testing::TinyPdf;

const std::string kHello = "BT /F1 24 Tf 72 720 Td (Hello world) Tj ET";

// What a PNG's IHDR chunk says.
struct PngHeader {
  bool signature = false;
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  int bit_depth = 0;
  int color_type = -1;  // 0: grayscale
};

PngHeader ReadPngHeader(const std::string& png) {
  PngHeader header;
  if (png.size() < 26) return header;
  header.signature = png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0 && png.compare(12, 4, "IHDR") == 0;
  const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(png[i])); };
  header.width = byte(16) << 24 | byte(17) << 16 | byte(18) << 8 | byte(19);
  header.height = byte(20) << 24 | byte(21) << 16 | byte(22) << 8 | byte(23);
  header.bit_depth = static_cast<int>(byte(24));
  header.color_type = static_cast<int>(byte(25));
  return header;
}

class RenderTest : public ::testing::Test {
 protected:
  void SetUp() override { two_pages_ = Write("two.pdf", TinyPdf({{kHello}, {"BT ET"}})); }

  std::string Write(const std::string& name, const std::string& bytes) { return dir_.Write(name, bytes); }

  testing::TempDir dir_;
  std::string two_pages_;  // A4: 595 x 842 points
};

TEST_F(RenderTest, PngOfTheAskedResolution) {
  for (int dpi : {72, 144}) {
    Result<RenderedPage> page = RenderPdfPage(two_pages_, 1, dpi, 60'000'000);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    const RenderedPage& p = page.value();
    EXPECT_EQ(p.dpi, dpi);
    EXPECT_DOUBLE_EQ(p.page_width_pt, 595);
    EXPECT_DOUBLE_EQ(p.page_height_pt, 842);
    EXPECT_NEAR(p.width, 595.0 * dpi / 72, 1);
    EXPECT_NEAR(p.height, 842.0 * dpi / 72, 1);
    const PngHeader header = ReadPngHeader(p.png);
    EXPECT_TRUE(header.signature);
    EXPECT_EQ(header.width, static_cast<std::uint32_t>(p.width));
    EXPECT_EQ(header.height, static_cast<std::uint32_t>(p.height));
    EXPECT_EQ(header.bit_depth, 8);
    EXPECT_EQ(header.color_type, 0);
  }
}

TEST_F(RenderTest, TextIsDrawn) {
  Result<RenderedPage> text = RenderPdfPage(two_pages_, 1, 72, 60'000'000);
  Result<RenderedPage> blank = RenderPdfPage(two_pages_, 2, 72, 60'000'000);
  ASSERT_TRUE(text.ok() && blank.ok());
  EXPECT_EQ(text.value().width, blank.value().width);
  // The same size, but ink compresses worse than white paper.
  EXPECT_GT(text.value().png.size(), blank.value().png.size());
}

TEST_F(RenderTest, PngAloneIsTheSameImage) {
  Result<std::string> png = RenderPagePng(two_pages_, 1, 72, 60'000'000);
  Result<RenderedPage> page = RenderPdfPage(two_pages_, 1, 72, 60'000'000);
  ASSERT_TRUE(png.ok() && page.ok());
  EXPECT_EQ(png.value(), page.value().png);
}

TEST_F(RenderTest, PixelBoundLowersResolution) {
  const long long bound = 1'000'000;  // A4 at 300 dpi would be 8.7 million
  Result<RenderedPage> page = RenderPdfPage(two_pages_, 1, 300, bound);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  const RenderedPage& p = page.value();
  EXPECT_LT(p.dpi, 300);
  EXPECT_GT(p.dpi, 90);
  EXPECT_LE(static_cast<long long>(p.width) * p.height, bound);
  EXPECT_NEAR(p.width, 595.0 * p.dpi / 72, 1);
  const PngHeader header = ReadPngHeader(p.png);
  EXPECT_EQ(header.width, static_cast<std::uint32_t>(p.width));
}

TEST_F(RenderTest, PageOutOfRangeNamesFileAndPage) {
  for (int number : {0, 3, -1}) {
    Result<RenderedPage> page = RenderPdfPage(two_pages_, number, 72, 60'000'000);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(page.status().message().find("two.pdf"), std::string::npos) << page.status().message();
    EXPECT_NE(page.status().message().find("page " + std::to_string(number)), std::string::npos);
    EXPECT_NE(page.status().message().find("2 pages"), std::string::npos);
  }
}

TEST_F(RenderTest, NonPositiveResolutionOrBoundIsRejected) {
  EXPECT_EQ(RenderPdfPage(two_pages_, 1, 0, 1'000'000).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(RenderPdfPage(two_pages_, 1, 72, 0).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(RenderTest, TooLargeEvenAtOneDpi) {
  Result<RenderedPage> page = RenderPdfPage(two_pages_, 1, 72, 10);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(page.status().message().find("two.pdf"), std::string::npos);
}

TEST_F(RenderTest, FileErrorsAreThoseOfOpening) {
  Result<RenderedPage> missing = RenderPdfPage(dir_.File("nope.pdf"), 1, 72, 1'000'000);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("nope.pdf"), std::string::npos);
  Result<RenderedPage> text = RenderPdfPage(Write("note.pdf", "Báo cáo quý I\n"), 1, 72, 1'000'000);
  EXPECT_EQ(text.status().code(), StatusCode::kNotPdf);
  Result<std::string> png = RenderPagePng(Write("junk.pdf", "%PDF-1.7\n" + std::string(4096, 'x')), 1, 72, 1'000'000);
  EXPECT_EQ(png.status().code(), StatusCode::kCorrupt);
}

TEST_F(RenderTest, CorpusPage) {
  const std::string path = std::string(BAOCAO_SOURCE_DIR) + "/corpus/pdf/clean/002.pdf";
  Result<RenderedPage> page = RenderPdfPage(path, 1, 50, 60'000'000);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(ReadPngHeader(page.value().png).signature);
  EXPECT_NEAR(page.value().width, page.value().page_width_pt * 50 / 72, 1);
  EXPECT_NEAR(page.value().height, page.value().page_height_pt * 50 / 72, 1);
}

TEST_F(RenderTest, ThreadsRenderAtOnce) {
  const std::string other = Write("other.pdf", TinyPdf({{kHello}}));
  std::vector<std::string> pngs(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < pngs.size(); ++i) {
    threads.emplace_back([&, i] {
      Result<std::string> png = RenderPagePng(i % 2 ? other : two_pages_, 1, 72, 60'000'000);
      if (png.ok()) pngs[i] = png.value();
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& png : pngs) {
    EXPECT_TRUE(ReadPngHeader(png).signature);
    EXPECT_EQ(png, pngs[0]);  // the same page drawn the same way, whatever the file name
  }
}

}  // namespace
}  // namespace baocao
