#include <gtest/gtest.h>

#include "baocao/normalize.h"
#include "vietnamese.h"

namespace baocao {
namespace {

// Most cases are in phrases/tones.tsv; these cover the edges.
TEST(CanonicalTonesTest, KeepsEverythingButTonePosition) {
  EXPECT_EQ(CanonicalTones("Hòa Bình, 15/3/2024: thủy lợi (99,69%)."),
            "Hoà Bình, 15/3/2024: thuỷ lợi (99,69%).");
  EXPECT_EQ(CanonicalTones(""), "");
}

TEST(CanonicalTonesTest, TwoToneMarksAreLeftAlone) {
  EXPECT_EQ(CanonicalTones("hòá"), "hòá");
}

TEST(CanonicalTonesTest, BothStylesMeetInOneForm) {
  EXPECT_EQ(CanonicalTones("hòa"), CanonicalTones("hoà"));
  EXPECT_EQ(CanonicalTones("Ủy ban"), CanonicalTones("Uỷ ban"));
  EXPECT_EQ(CanonicalTones("qúy"), CanonicalTones("quý"));
}

TEST(CanonicalTonesTest, InvalidUtf8BecomesReplacement) {
  EXPECT_EQ(CanonicalTones("hòa \xFF"), "hoà \uFFFD");
}

TEST(ToneInPlaceTest, EitherStyleOrTheUOfQu) {
  using normalize_internal::ToneInPlace;
  for (const char* word : {"hoà", "hòa", "thuỷ", "thủy", "Hoà", "quý", "qúy", "QÚY", "người", "số", "ba"}) {
    EXPECT_TRUE(ToneInPlace(word)) << word;
  }
  // A tone on a letter neither style chooses: Windows-1258's "sôì" for
  // "số", "hoaì", "ngưòi"; and words that are no syllable.
  for (const char* word : {"sôì", "sồì", "hoaì", "ngưòi", "tiêń", "xyz", ""}) {
    EXPECT_FALSE(ToneInPlace(word)) << word;
  }
}

}  // namespace
}  // namespace baocao
