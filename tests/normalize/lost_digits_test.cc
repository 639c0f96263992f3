// Numbers that lost digits, read back from the numbers a document shows.
#include "lost_digits.h"

#include <gtest/gtest.h>

#include "baocao/normalize.h"

namespace baocao::normalize_internal {
namespace {

std::vector<TokenDecision> Restore(const NumberMemory& memory, std::u32string_view line) {
  return memory.Restore(line, LostDigits(line), std::vector<bool>(line.size(), false));
}

TEST(LostDigitsTest, DigitsTheLineShowsAreNotLost) {
  const DigitSet lost = LostDigits(U"ngày 15/7/2021");
  EXPECT_FALSE(lost[1]);
  EXPECT_FALSE(lost[7]);
  EXPECT_TRUE(lost[3]);
  EXPECT_TRUE(lost[9]);
}

TEST(LostDigitsTest, ANumberTheDocumentShowsIsReadBackForReview) {
  NumberMemory memory;
  memory.AddLine(U"Kế hoạch năm 2024 của huyện.");
  const std::vector<TokenDecision> restored = Restore(memory, U"kết quả năm 202 ,");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].output, U"2024");
  EXPECT_EQ(restored[0].begin, 12u);
  EXPECT_LT(restored[0].confidence, 0.9);  // a guess, however often shown
}

TEST(LostDigitsTest, ADigitTheLineShowsCannotFillASpace) {
  NumberMemory memory;
  memory.AddLine(U"năm 2024 và năm 2023");
  // "4" is shown in the line, so only 2023 fits "202 ".
  const std::vector<TokenDecision> restored = Restore(memory, U"năm 202  có 4 đơn vị");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].output, U"2023");
}

TEST(LostDigitsTest, SeveralFittingNumbersShareTheConfidence) {
  NumberMemory memory;
  memory.AddLine(U"ngày 15/7/2021, ngày 15/7/2021 và ngày 18/7/2021");
  const std::vector<TokenDecision> restored = Restore(memory, U"ngày 1 /7/2021");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].output, U"15/7/2021");
  ASSERT_EQ(restored[0].alternatives.size(), 1u);
  EXPECT_EQ(restored[0].alternatives[0], U"18/7/2021");
  EXPECT_LT(restored[0].confidence, 0.75 * 0.7);
}

TEST(LostDigitsTest, ASpaceBesideAShortNumberStaysASpace) {
  NumberMemory memory;
  memory.AddLine(U"mức độ 12 và 02 hồ sơ");
  EXPECT_TRUE(Restore(memory, U"mức độ 2, kích hoạt").empty());
  EXPECT_TRUE(Restore(memory, U"1. Cải cách").empty());
}

TEST(LostDigitsTest, TheSecondOfTwoSpacesMayBeADigitOfAShortNumber) {
  NumberMemory memory;
  memory.AddLine(U"năm 2024 và 2024");
  const std::vector<TokenDecision> restored = Restore(memory, U"kế hoạch năm  0 4, kế hoạch");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].output, U"2024");
  EXPECT_EQ(restored[0].begin, 13u);  // the second space
  EXPECT_TRUE(Restore(memory, U"kế hoạch năm 0 4, kế hoạch").empty());  // one space: a real one
}

TEST(LostDigitsTest, ADigitIsNotReadIntoASpaceBesideAWord) {
  NumberMemory memory;
  memory.AddLine(U"năm 2024 và 2024");
  EXPECT_TRUE(Restore(memory, U"năm 202 Chuyển").empty());
  EXPECT_EQ(Restore(memory, U"năm 202 .").size(), 1u);
}

TEST(LostDigitsTest, UnknownNumbersAndIntactOnesAreLeftAlone) {
  NumberMemory memory;
  memory.AddLine(U"Tổng số 8.803 hồ sơ");
  EXPECT_TRUE(Restore(memory, U"tiếp nhận 6. 26 hồ sơ").empty());
  EXPECT_TRUE(Restore(memory, U"tiếp nhận 8.803 hồ sơ").empty());
}

TEST(LostDigitsTest, ADamagedLineTeachesOnlyNumbersSurelyWhole) {
  NumberMemory memory;
  memory.AddDamagedLine(U"ngày 15/7/2021 c a  9/8");  // "9/8" may have lost a digit before it
  EXPECT_EQ(Restore(memory, U"ngày 1 /7/2021").size(), 1u);
  EXPECT_TRUE(Restore(memory, U"ngày 9/ ").empty());
}

TEST(LostDigitsTest, ADateNoWholeNumberFitsIsReadByItsParts) {
  NumberMemory memory;
  memory.AddLine(U"Quyết định 83/QĐ-UBND ngày 15/7/2022 và ngày 3/5/2022; năm 2019");
  // No whole date fits "18/12/2 22"; its year fits the years the document shows.
  const std::vector<TokenDecision> restored = Restore(memory, U"ngày 18/12/2 22 của");
  ASSERT_EQ(restored.size(), 1u);
  EXPECT_EQ(restored[0].output, U"2022");
  EXPECT_EQ(restored[0].begin, 11u);
  EXPECT_LT(restored[0].confidence, 0.9);
  // The part of a document number, and a space beside a '/' that can only be a digit.
  EXPECT_EQ(Restore(memory, U"Quyết định  3/QĐ-UBND").at(0).output, U"83");
  memory.AddLine(U"ngày 5/12/2020");
  const std::vector<TokenDecision> month = Restore(memory, U"ngày 28/ 2/2020");
  ASSERT_EQ(month.size(), 1u);
  EXPECT_EQ(month[0].output, U"12");
}

TEST(LostDigitsTest, APartIsReadOnlyBesideItsSeparator) {
  NumberMemory memory;
  memory.AddLine(U"ngày 15/7/2022 và 3/5/2022");
  // "2022" is known only as a part of dates: a plain "2 22" is not one.
  EXPECT_TRUE(Restore(memory, U"có 2 22 người").empty());
  // Single digits are not parts ("7" of "15/7/2022").
  EXPECT_TRUE(Restore(memory, U"ngày 16/ /2022").empty());
}

TEST(LostDigitsTest, TheRepairReadsNumbersBackInDamagedText) {
  NormalizeOptions options;
  options.lost_chars = LostCharacters::kOn;
  const Result<NormalizedText> r =
      Normalize("Năm 2024 huyện ban hành kế hoạch số 83/KH-UBND.\nTrong năm 202 , UBND huy n ban hành kế hoạch", options);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().text.find("năm 2024, "), std::string::npos) << r.value().text;
  bool reviewed = false;
  for (const Change& change : r.value().changes) reviewed |= change.after == "2024" && change.review;
  EXPECT_TRUE(reviewed);
}

}  // namespace
}  // namespace baocao::normalize_internal
