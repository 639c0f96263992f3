#include <gtest/gtest.h>

#include "baocao/normalize.h"

namespace baocao {
namespace {

// Most cases are in phrases/fold.tsv.
TEST(FoldedKeyTest, IssueExample) {
  EXPECT_EQ(FoldedKey("Tỷ lệ hồ sơ giải quyết đúng hạn"), "ty le ho so giai quyet dung han");
}

TEST(FoldedKeyTest, BothToneStylesFoldAlike) {
  EXPECT_EQ(FoldedKey("Thanh Hóa"), FoldedKey("Thanh Hoá"));
}

TEST(FoldedKeyTest, OtherScriptsGoThroughIcu) {
  EXPECT_EQ(FoldedKey("Ñandú ΆΘΗΝΑ"), "nandu αθηνα");
  EXPECT_EQ(FoldedKey("≥ 95% – •"), "≥ 95% – •");
}

TEST(FoldedKeyTest, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(FoldedKey("Đ\xFF"), "d\uFFFD");
}

}  // namespace
}  // namespace baocao
