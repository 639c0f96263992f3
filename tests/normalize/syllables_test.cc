#include <gtest/gtest.h>

#include "baocao/normalize.h"

namespace baocao {
namespace {

TEST(IsVietnameseSyllableTest, KnowsCommonSyllablesInAnyCaseAndToneStyle) {
  for (const char* word : {"người", "Người", "NGƯỜI", "hoà", "hòa", "HÒA", "thuỷ", "thủy", "quý",
                           "qúy", "cải", "cách", "hành", "chính", "đúng", "hạn", "Xuân", "nghiêng",
                           "khuya", "giữa", "gìn", "ứng"}) {
    EXPECT_TRUE(IsVietnameseSyllable(word)) << word;
  }
}

TEST(IsVietnameseSyllableTest, RejectsOtherWords) {
  for (const char* word : {"", "abc", "html", "UBND", "café", "Céng", "hoµ", "Coäng", "ngƣời",
                           "tr-êng", "2024", "cafe", "xyz", "hoà hòa", "ngoaij"}) {
    EXPECT_FALSE(IsVietnameseSyllable(word)) << word;
  }
}

TEST(IsVietnameseSyllableTest, InvalidUtf8IsNotASyllable) {
  EXPECT_FALSE(IsVietnameseSyllable("ng\xFF"));
}

}  // namespace
}  // namespace baocao
