#include "baocao/glyph_memory.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace
}  // namespace baocao
