#include "table_cells.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "scan_image.h"

namespace baocao::extract_internal {
namespace {

TEST(IsNumberTextTest, NumbersAndRowCodes) {
  for (const char* text : {"3.2.4.", "3.2.4", "1.", "1,", "1.234", "87,5", "87,5%", "100 %", "01/9",
                           "2021-2025", "3.2. 4.", "0"}) {
    EXPECT_TRUE(IsNumberText(text)) << text;
  }
}

TEST(IsNumberTextTest, WordsAndGarbledCodesAreNot) {
  for (const char* text : {"", " ", "%", "-", ".", "Trong đó", "La.", "Ác", "h2.", "3..2", ".5",
                           "3.2.4..", "1-", "STT", "5.1.1;", "|50"}) {
    EXPECT_FALSE(IsNumberText(text)) << text;
  }
}

// Four rows of three cells: codes, names, values.
std::vector<Table> CodeNameValueTable() {
  std::vector<Rule> rules;
  for (int r = 0; r <= 4; ++r) rules.push_back({10, 10.0 + 20 * r, 310, 10.0 + 20 * r});
  for (const double x : {10.0, 60.0, 260.0, 310.0}) rules.push_back({x, 10, x, 90});
  return FindTables(rules);
}

LaidWord WordAt(const std::string& text, double x, double y) {
  LaidWord laid;
  laid.word.text = text;
  laid.word.box = {x - 5, y - 5, x + 5, y + 5};
  return laid;
}

TEST(NumberColumnCellsTest, ColumnsMostlyOfNumbersAreGiven) {
  const std::vector<Table> tables = CodeNameValueTable();
  ASSERT_EQ(tables.size(), 1u);
  std::vector<LaidWord> words = {
      WordAt("STT", 35, 20),      WordAt("Tên", 160, 20),  WordAt("Số", 285, 20),
      WordAt("1.", 35, 40),       WordAt("Một", 160, 40),  WordAt("12", 285, 40),
      WordAt("La.", 35, 60),      WordAt("Hai", 160, 60),
      WordAt("1.2.", 35, 80),     WordAt("Ba", 160, 80),
  };
  AssignCells(tables, words);
  const std::vector<Box> cells = NumberColumnCells(tables, words);
  // The code column (two numbers of four cells, "La." among them); the value
  // column has one number only, the name column none.
  ASSERT_EQ(cells.size(), 4u);
  for (const Box& cell : cells) {
    EXPECT_GT(cell.x0, 10);
    EXPECT_LT(cell.x1, 60);
  }
}

// Answers every cell with the same text, one word over the whole image.
class CellOcr : public OcrEngine {
 public:
  explicit CellOcr(std::string text) : text_(std::move(text)) {}
  Result<OcrResult> Recognize(const PageImage&, double) override {
    return Status(StatusCode::kInternal, "pages are not read here");
  }
  Result<OcrResult> RecognizeLine(const PageImage&, double) override {
    return Status(StatusCode::kInternal, "lines are not read here");
  }
  Result<OcrResult> RecognizeBlock(const PageImage& image, double) override {
    images.push_back(image);
    OcrResult result;
    result.words.push_back(
        {text_, {0, 0, static_cast<double>(image.width), static_cast<double>(image.height)}, 0.9, true, true});
    return result;
  }
  std::vector<PageImage> images;

 private:
  std::string text_;
};

PageImage GreyPage(int width, int height, int dpi) {
  PageImage page;
  page.width = width;
  page.height = height;
  page.dpi = dpi;
  page.pixels.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 230);
  for (int y = 40; y < 60; ++y) {
    for (int x = 40; x < 80; ++x) page.pixels[static_cast<std::size_t>(y * width + x)] = 90;
  }
  return page;
}

TEST(RereadNumberCellsTest, NumberReadingsComeBackInPagePoints) {
  const PageImage page = GreyPage(400, 200, 144);  // 2 px per point
  const std::vector<Box> cells = {{10, 10, 60, 40}};
  CellOcr ocr("3.2.4.");
  std::vector<std::string> warnings;
  const std::vector<std::vector<OcrWord>> read = RereadNumberCells(page, cells, ocr, 10, warnings);
  ASSERT_EQ(read.size(), 1u);
  ASSERT_EQ(read[0].size(), 1u);
  EXPECT_EQ(read[0][0].text, "3.2.4.");
  const Box& box = read[0][0].box;
  EXPECT_NEAR((box.x0 + box.x1) / 2, 35, 0.5);  // the cell's centre
  EXPECT_NEAR((box.y0 + box.y1) / 2, 25, 0.5);
  EXPECT_TRUE(warnings.empty());
  // The cell was read in black and white, with a white margin.
  ASSERT_EQ(ocr.images.size(), 1u);
  const PageImage& crop = ocr.images[0];
  EXPECT_GT(crop.width, 100);
  EXPECT_TRUE(std::all_of(crop.pixels.begin(), crop.pixels.end(),
                          [](std::uint8_t v) { return v == 0 || v == 255; }));
  EXPECT_EQ(crop.pixels[0], 255);
}

TEST(RereadNumberCellsTest, WordsReadInACodeColumnAreLeftAlone) {
  const PageImage page = GreyPage(400, 200, 144);
  CellOcr ocr("Trong đó");
  std::vector<std::string> warnings;
  const std::vector<std::vector<OcrWord>> read =
      RereadNumberCells(page, {{10, 10, 60, 40}}, ocr, 10, warnings);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_TRUE(read[0].empty());
}

TEST(BlackAndWhiteCropTest, InkBecomesBlackAndPaperWhite) {
  const PageImage page = GreyPage(200, 100, 300);
  const PageImage crop = BlackAndWhiteCrop(page, 30, 30, 90, 70, 5);
  ASSERT_EQ(crop.width, 70);
  ASSERT_EQ(crop.height, 50);
  EXPECT_EQ(crop.dpi, 300);
  const auto at = [&](int x, int y) { return crop.pixels[static_cast<std::size_t>(y * crop.width + x)]; };
  EXPECT_EQ(at(5 + 20, 5 + 15), 0);    // page (50, 45): ink
  EXPECT_EQ(at(5 + 2, 5 + 2), 255);    // page (32, 32): paper
  EXPECT_EQ(at(1, 1), 255);            // margin
  EXPECT_TRUE(BlackAndWhiteCrop(page, 50, 50, 50, 60, 5).pixels.empty());
}

}  // namespace
}  // namespace baocao::extract_internal
