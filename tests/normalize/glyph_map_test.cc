// The glyph_map pass and its table (normalize/data/glyph_map.tsv).
#include <gtest/gtest.h>

#include <string>

#include "baocao/normalize.h"
#include "utf8.h"

namespace baocao {
namespace {

std::string Repair(const std::string& text) {
  Result<NormalizedText> r = Normalize(text, NormalizeOptions());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r.value().text : std::string();
}

TEST(GlyphMapTest, CommonSymbolPrivateUseCodes) {
  EXPECT_EQ(Repair("\uF0B3"), "≥");
  EXPECT_EQ(Repair("\uF0A3"), "≤");
  EXPECT_EQ(Repair("\uF0B7"), "•");
  EXPECT_EQ(Repair("\uF0AE"), "→");
  EXPECT_EQ(Repair("\uF0BE"), "⎯");
}

TEST(GlyphMapTest, NoPrivateUseBulletSurvivesFromTheTable) {
  // Every Symbol code the table lists maps outside the private-use area.
  int mapped = 0;
  for (char32_t cp = 0xF020; cp <= 0xF0FF; ++cp) {
    std::string in;
    normalize_internal::AppendUtf8(cp, &in);
    const std::string out = Repair(in);
    if (out == in) continue;
    ++mapped;
    char32_t first = 0;
    normalize_internal::DecodeUtf8(out, 0, &first);
    EXPECT_FALSE(first >= 0xE000 && first <= 0xF8FF) << std::hex << static_cast<unsigned>(cp);
  }
  EXPECT_GE(mapped, 90);
}

TEST(GlyphMapTest, OiRepairedBeforeAnythingFoldsIt) {
  EXPECT_EQ(Repair("ngƣời"), "người");
  EXPECT_EQ(FoldedKey(Repair("PHƢƠNG HƢỚNG")), "phuong huong");
}

TEST(GlyphMapTest, EthOnlyInVietnameseWords) {
  EXPECT_EQ(Repair("Ðảng ðồng"), "Đảng đồng");
  EXPECT_EQ(Repair("Guðrún"), "Guðrún");
}

}  // namespace
}  // namespace baocao
