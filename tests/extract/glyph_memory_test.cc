#include "baocao/glyph_memory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "baocao/extract.h"
#include "glyph_shapes.h"
#include "pdf_file.h"
#include "text_layer.h"
#include "tiny_pdf.h"

namespace baocao {
namespace {

class GlyphMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("baocao_glyph_memory_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path dir_;
};

TEST_F(GlyphMemoryTest, AShapeRecallsItsMostSeenCharacterAndHowSureThatIs) {
  GlyphMemory memory;
  EXPECT_FALSE(memory.Find(7).has_value());
  for (int i = 0; i < 3; ++i) memory.Learn(7, "ư");
  memory.Learn(7, "u");
  const std::optional<GlyphMemory::Recall> recall = memory.Find(7);
  ASSERT_TRUE(recall.has_value());
  EXPECT_EQ(recall->unicode, "ư");
  EXPECT_EQ(recall->sightings, 3);
  EXPECT_DOUBLE_EQ(recall->agreement, 0.75);
  EXPECT_EQ(memory.size(), 1u);
  EXPECT_TRUE(memory.changed());
}

TEST_F(GlyphMemoryTest, AMissingFileIsAnEmptyMemory) {
  GlyphMemory memory;
  EXPECT_TRUE(memory.Load(Path("none.glyphs")).ok());
  EXPECT_EQ(memory.size(), 0u);
  EXPECT_FALSE(memory.changed());
}

TEST_F(GlyphMemoryTest, SavedAndLoadedItRecallsTheSameEvenSpacesAndMarks) {
  GlyphMemory memory;
  memory.Learn(0xFFFFFFFFFFFFFFFFULL, " ");
  memory.Learn(1, "Ặ");
  memory.Learn(1, "Ặ");
  memory.Learn(2, "e\xCC\x81");  // a base and a combining mark, as one glyph may map
  ASSERT_TRUE(memory.Save(Path("a.glyphs")).ok());
  EXPECT_FALSE(std::filesystem::exists(Path("a.glyphs.tmp")));

  GlyphMemory loaded;
  ASSERT_TRUE(loaded.Load(Path("a.glyphs")).ok());
  EXPECT_EQ(loaded.size(), 3u);
  EXPECT_EQ(loaded.Find(0xFFFFFFFFFFFFFFFFULL)->unicode, " ");
  EXPECT_EQ(loaded.Find(1)->unicode, "Ặ");
  EXPECT_EQ(loaded.Find(1)->sightings, 2);
  EXPECT_EQ(loaded.Find(2)->unicode, "e\xCC\x81");
  ASSERT_TRUE(loaded.Save(Path("b.glyphs")).ok());
  EXPECT_EQ(Read(Path("a.glyphs")), Read(Path("b.glyphs")));
}

TEST_F(GlyphMemoryTest, LoadingAddsToWhatIsKnown) {
  GlyphMemory first;
  first.Learn(5, "a");
  ASSERT_TRUE(first.Save(Path("m.glyphs")).ok());
  GlyphMemory memory;
  memory.Learn(5, "a");
  ASSERT_TRUE(memory.Load(Path("m.glyphs")).ok());
  EXPECT_EQ(memory.Find(5)->sightings, 2);
}

TEST_F(GlyphMemoryTest, AMalformedLineFailsNamingFileAndLine) {
  std::ofstream(Path("bad.glyphs")) << "# header\n00000000000000aa\t0061\t3\nnot a line\n";
  GlyphMemory memory;
  const Status status = memory.Load(Path("bad.glyphs"));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("bad.glyphs"), std::string::npos);
  EXPECT_NE(status.message().find("line 3"), std::string::npos);
  EXPECT_EQ(memory.size(), 0u) << "a bad file teaches nothing";
}

TEST_F(GlyphMemoryTest, ZeroSightingsAndBadCodePointsAreMalformed) {
  for (const char* line : {"0a\t0061\t0\n", "0a\tzz\t1\n", "0a\t110000\t1\n", "\t0061\t1\n"}) {
    std::ofstream(Path("x.glyphs")) << line;
    GlyphMemory memory;
    EXPECT_FALSE(memory.Load(Path("x.glyphs")).ok()) << line;
  }
}

// A brokenmap PDF of the corpus embeds several subsets of one typeface and
// style (some with a broken mapping): each subset numbers its glyphs its own
// way, but one letter keeps one outline, and two letters never share one.
TEST(GlyphShapesTest, ALetterHashesAlikeInEverySubsetOfItsTypefaceAndApartFromOtherLetters) {
  const std::string path = std::string(BAOCAO_SOURCE_DIR) + "/corpus/pdf/brokenmap/001.pdf";
  Result<std::shared_ptr<PDFDoc>> pdf = extract_internal::OpenPdf(path, "");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  extract_internal::GlyphShapes shapes(*pdf.value());
  std::map<std::uint64_t, std::set<std::string>> characters_of;  // shape -> characters drawn with it
  std::map<std::string, std::set<std::string>> fonts_of;         // "a" -> fonts that drew it
  ExtractOptions text_only;
  text_only.ocr = false;
  Result<Document> doc = ExtractPdf(path, text_only);
  ASSERT_TRUE(doc.ok());
  std::set<std::string> sound;  // fonts whose mapping can be trusted
  for (const FontInfo& font : doc.value().fonts) {
    if (font.mapping == FontMapping::kOk) sound.insert(font.name);
  }
  for (int number = 1; number <= static_cast<int>(doc.value().pages.size()); ++number) {
    const extract_internal::TextLayerPage layer = extract_internal::ReadTextLayer(*pdf.value(), number);
    for (const extract_internal::DrawnGlyph& g : layer.glyphs) {
      const std::string& font = layer.FontName(g);
      if (g.unicode.empty() || g.unicode == " " || sound.count(font) == 0) continue;
      const std::optional<std::uint64_t> shape = shapes.Hash(layer.font_objects[g.font], font, g.code);
      ASSERT_TRUE(shape.has_value()) << font << " code " << g.code;
      characters_of[*shape].insert(g.unicode);
      fonts_of[g.unicode].insert(font);
    }
  }
  for (const auto& [shape, characters] : characters_of) {
    EXPECT_EQ(characters.size(), 1u) << "one outline drawn for " << *characters.begin() << " and "
                                     << *characters.rbegin();
  }
  // "a" is drawn by several sound subsets, and by fewer shapes than fonts.
  std::set<std::uint64_t> shapes_of_a;
  for (const auto& [shape, characters] : characters_of) {
    if (characters.count("a")) shapes_of_a.insert(shape);
  }
  ASSERT_GE(fonts_of["a"].size(), 2u);
  EXPECT_LT(shapes_of_a.size(), fonts_of["a"].size()) << "subsets of one style should share the outline";
}

TEST(GlyphShapesTest, AFontThatIsNotEmbeddedHasNoShapes) {
  const std::string dir = std::filesystem::temp_directory_path() / ("baocao_shapes_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  // TinyPdf sets its text in Times-Roman, one of the base 14 fonts no PDF embeds.
  const std::string path = dir + "/times.pdf";
  std::ofstream(path, std::ios::binary) << testing::TinyPdf({{"BT /F1 12 Tf 72 720 Td (a) Tj ET"}});
  Result<std::shared_ptr<PDFDoc>> pdf = extract_internal::OpenPdf(path, "");
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const extract_internal::TextLayerPage layer = extract_internal::ReadTextLayer(*pdf.value(), 1);
  ASSERT_FALSE(layer.glyphs.empty());
  extract_internal::GlyphShapes shapes(*pdf.value());
  const extract_internal::DrawnGlyph& g = layer.glyphs.front();
  EXPECT_FALSE(shapes.Hash(layer.font_objects[g.font], layer.FontName(g), g.code).has_value());
  EXPECT_FALSE(shapes.Hash(layer.font_objects[g.font], "AnotherName", g.code).has_value());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace baocao
