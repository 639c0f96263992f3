#include "eval/text_metrics.h"

#include <gtest/gtest.h>

namespace baocao::eval {
namespace {

TEST(ComparableTextTest, FoldsWhitespaceAndTrims) {
  EXPECT_EQ(ComparableText("  Báo \t cáo\n\n\fquý I  "), "Báo cáo quý I");
}

TEST(ComparableTextTest, ComposesDecomposedAccents) {
  // "ế" as e + U+0302 + U+0301 composes to one code point.
  EXPECT_EQ(ComparableText("ke\u0302\u0301 hoa\u0323ch"), "kế hoạch");
}

TEST(CharacterEditsTest, CountsInsertionsDeletionsSubstitutions) {
  EXPECT_EQ(CharacterEdits("huyện", "huyện").edits, 0u);
  EXPECT_EQ(CharacterEdits("huy n", "huyện").edits, 1u);   // one substitution
  EXPECT_EQ(CharacterEdits("huyn", "huyện").edits, 1u);    // one deletion
  EXPECT_EQ(CharacterEdits("20241", "2024").edits, 1u);    // one insertion
  EXPECT_EQ(CharacterEdits("", "abc").edits, 3u);
  EXPECT_EQ(CharacterEdits("abc", "").edits, 3u);
}

TEST(CharacterEditsTest, CountsCodePointsNotBytes) {
  const EditCounts c = CharacterEdits("Phƣơng", "Phương");
  EXPECT_EQ(c.edits, 1u);
  EXPECT_EQ(c.reference_length, 6u);
  EXPECT_NEAR(c.Rate(), 1.0 / 6, 1e-12);
}

TEST(EditCountsTest, RateOfEmptyTexts) {
  EXPECT_EQ((EditCounts{0, 0}).Rate(), 0.0);
  EXPECT_EQ((EditCounts{2, 0}).Rate(), 1.0);
}

TEST(EditCountsTest, Accumulates) {
  EditCounts total;
  total += EditCounts{1, 10};
  total += EditCounts{3, 30};
  EXPECT_EQ(total.edits, 4u);
  EXPECT_EQ(total.reference_length, 40u);
  EXPECT_DOUBLE_EQ(total.Rate(), 0.1);
}

}  // namespace
}  // namespace baocao::eval
