// Outline codes that lost digits, read back from the codes around them.
#include "outline_codes.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "baocao/normalize.h"

namespace baocao::normalize_internal {
namespace {

// Lines of an outline; those with a space inside their code are damaged.
struct Outline {
  std::vector<std::u32string> texts;
  std::vector<std::pair<std::size_t, TokenDecision>> Restore() const {
    std::vector<OutlineLine> lines(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      lines[i].text = texts[i];
      lines[i].damaged = texts[i].find(U' ') < texts[i].find_first_not_of(U" 0123456789.");
      lines[i].lost = LostDigits(texts[i]);
    }
    return RestoreOutlineCodes(lines);
  }
};

TEST(OutlineCodesTest, ACodeBetweenTwoIsTheOneThatCountsUp) {
  const auto restored = Outline{{U"1.1. Chỉ số cải cách", U" .2. Tham gia đề xuất", U"1.3. Thực hiện"}}.Restore();
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].first, 1u);
  EXPECT_EQ(restored[0].second.output, U"1.2.");
  EXPECT_EQ(restored[0].second.begin, 0u);
  EXPECT_DOUBLE_EQ(restored[0].second.confidence, 0.8);  // both neighbours agree, still for review
}

TEST(OutlineCodesTest, AFirstChildAndASecondCodeFollowInTurn) {
  // "2." is followed by "2.1." and then "2.2.", both lost their 2s.
  const auto restored =
      Outline{{U"2. Nhiệm vụ", U" . . Công tác lãnh đạo", U" . . Tuyên truyền", U"2.3. Kiểm tra"}}.Restore();
  ASSERT_EQ(restored.size(), 2u);
  EXPECT_EQ(restored[0].second.output, U"2.1.");
  EXPECT_LT(restored[0].second.confidence, 0.8);  // only the code above gives it
  EXPECT_EQ(restored[1].second.output, U"2.2.");
  EXPECT_DOUBLE_EQ(restored[1].second.confidence, 0.8);
}

TEST(OutlineCodesTest, ASectionHeadingStartsTheCountAgain) {
  const auto restored = Outline{{U"3. Kết quả", U"II. NHIỆM VỤ", U" . Cải cách thể chế"}}.Restore();
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].second.output, U"1.");
}

TEST(OutlineCodesTest, AHeadingThatLostItsNumeralIsTheNextOne) {
  const auto restored = Outline{{U"I. CÔNG TÁC CHỈ ĐẠO", U"1. Ban hành kế hoạch", U"2. Kiểm tra",
                                 U"  . KẾT QUẢ ĐẠT ĐƯỢC", U" . Cải cách thể chế", U"2. Cải cách thủ tục"}}
                            .Restore();
  ASSERT_EQ(restored.size(), 2u);
  EXPECT_EQ(restored[0].first, 3u);
  EXPECT_EQ(restored[0].second.output, U"II.");
  EXPECT_EQ(restored[0].second.begin, 0u);
  EXPECT_DOUBLE_EQ(restored[0].second.confidence, 0.6);  // only the heading above gives it
  // The codes under it count from 1 again.
  EXPECT_EQ(restored[1].first, 4u);
  EXPECT_EQ(restored[1].second.output, U"1.");
  // The next heading below agrees.
  const auto agreed = Outline{{U"I. CÔNG TÁC", U"  . KẾT QUẢ ĐẠT ĐƯỢC", U"III. PHƯƠNG HƯỚNG"}}.Restore();
  ASSERT_EQ(agreed.size(), 1u);
  EXPECT_EQ(agreed[0].second.output, U"II.");
  EXPECT_DOUBLE_EQ(agreed[0].second.confidence, 0.8);
}

TEST(OutlineCodesTest, AHeadingIsTakenForOneOnlyWhereCapitalsMarkHeadings) {
  // Numbered lines with titles in capitals too: the lost code is a number.
  const auto numbered = Outline{{U"I. CÔNG TÁC", U"1. KẾT QUẢ CHUNG", U"  . ĐÁNH GIÁ"}}.Restore();
  ASSERT_EQ(numbered.size(), 1u);
  EXPECT_EQ(numbered[0].second.output, U"2.");
  // A numeral whose letter the line shows intact was not lost there.
  EXPECT_TRUE((Outline{{U"IV. NHIỆM VỤ", U"  . ĐỀ XUẤT VÀ KIẾN NGHỊ"}}.Restore().empty()));
}

TEST(OutlineCodesTest, OnlyDigitsTheLineNeverShowsFillItsSpaces) {
  // The line shows a 1 intact: it did not lose its 1s, so " .2." is not "1.2.".
  EXPECT_TRUE((Outline{{U"1.1. Chỉ số", U" .2. Năm 2021"}}.Restore().empty()));
  EXPECT_EQ((Outline{{U"1.1. Chỉ số", U" .2. Năm 2024"}}.Restore().size()), 1u);
}

TEST(OutlineCodesTest, NumbersAndIntactLinesAreLeftAlone) {
  const auto restored = Outline{{U"1. Kết quả", U"2024. Năm", U"3.645 hồ sơ", U"2. Nhiệm vụ"}}.Restore();
  EXPECT_TRUE(restored.empty());
}

TEST(OutlineCodesTest, TheRepairReadsCodesBackInDamagedText) {
  NormalizeOptions options;
  options.lost_chars = LostCharacters::kOn;
  const Result<NormalizedText> r = Normalize("1.1. Chỉ số cải cách hành chính\n .2. Tham gia đề xuất ý kiến\n1.3. Thực hiện", options);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().text.find("\n1.2. Tham gia"), std::string::npos) << r.value().text;
  bool reviewed = false;
  for (const Change& change : r.value().changes) reviewed |= change.after == "1.2." && change.review && change.detail == "outline code";
  EXPECT_TRUE(reviewed);
}

}  // namespace
}  // namespace baocao::normalize_internal
