// The confidence reported for lost-character repairs: the posterior weighed
// with what the line still shows around the repair.
#include "repair_confidence.h"

#include <gtest/gtest.h>

namespace baocao::normalize_internal {
namespace {

TokenDecision Token(std::size_t begin, std::u32string output, double posterior) {
  TokenDecision d;
  d.begin = begin;
  d.end = begin + output.size();
  d.output = std::move(output);
  d.confidence = posterior;
  return d;
}

TEST(RepairConfidenceTest, EvidenceCountsWhatTheLineShows) {
  const std::u32string damaged = U"UBND huy n  ã tổ chức";
  const std::u32string decoded = U"UBND huyện đã tổ chức";
  const RepairEvidence huyen = EvidenceOf(damaged, decoded, Token(5, U"huyện", 0.9));
  EXPECT_DOUBLE_EQ(huyen.shown, 0.8);
  EXPECT_FALSE(huyen.first_restored);
  EXPECT_EQ(huyen.length, 5u);
  // Two letters restored among the 17 letters of the line.
  EXPECT_DOUBLE_EQ(huyen.window_restored, 2.0 / 17);
  const RepairEvidence da = EvidenceOf(damaged, decoded, Token(11, U"đã", 0.9));
  EXPECT_TRUE(da.first_restored);
  EXPECT_FALSE(da.first_capital_guessed);
  EXPECT_DOUBLE_EQ(da.shown, 0.5);
}

TEST(RepairConfidenceTest, CapitalsGuessedAndWordsInCapitalsAreTold) {
  const RepairEvidence luat = EvidenceOf(U"    t đất đai", U"Luật đất đai", Token(0, U"Luật", 0.9));
  EXPECT_TRUE(luat.first_capital_guessed);
  EXPECT_FALSE(luat.in_capitals);
  const RepairEvidence ubnd = EvidenceOf(U" BND huyện", U"UBND huyện", Token(0, U"UBND", 0.9));
  EXPECT_TRUE(ubnd.first_restored);
  EXPECT_FALSE(ubnd.first_capital_guessed);
  EXPECT_TRUE(ubnd.in_capitals);
}

TEST(RepairConfidenceTest, ASurerPosteriorIsASurerRepair) {
  RepairEvidence e;
  e.shown = 0.6;
  e.window_restored = 0.2;
  e.length = 4;
  double previous = 0;
  for (const double posterior : {0.1, 0.5, 0.9, 0.99, 0.999}) {
    e.posterior = posterior;
    const double confidence = ReportedConfidence(e);
    EXPECT_GT(confidence, previous);
    EXPECT_LT(confidence, 1.0);
    previous = confidence;
  }
}

TEST(RepairConfidenceTest, AReadingOfALineThatKeptFewLettersIsReviewed) {
  const std::u32string decoded = U"đã triển khai thực hiện";
  const RepairEvidence bare = EvidenceOf(U"   n  ê     n          ", decoded, Token(3, U"triển", 0.95));
  EXPECT_GT(bare.window_restored, 0.8);
  EXPECT_LT(ReportedConfidence(bare), 0.9);
  // The same reading as sure where the line shows most of its letters is trusted.
  const RepairEvidence intact = EvidenceOf(U"đã tr ển khai thực hiện", decoded, Token(3, U"triển", 0.95));
  EXPECT_GT(ReportedConfidence(intact), 0.9);
}

}  // namespace
}  // namespace baocao::normalize_internal
