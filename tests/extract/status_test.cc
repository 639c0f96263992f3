#include "baocao/status.h"

#include <gtest/gtest.h>

#include <string>

namespace baocao {
namespace {

Result<int> ParsePositive(int n) {
  if (n <= 0) return Status(StatusCode::kInvalidArgument, "expected a positive number, got " + std::to_string(n));
  return n;
}

Result<int> Doubled(int n) {
  BAOCAO_ASSIGN_OR_RETURN(int value, ParsePositive(n));
  return value * 2;
}

Status CheckBoth(int a, int b) {
  BAOCAO_RETURN_IF_ERROR(ParsePositive(a).status());
  BAOCAO_RETURN_IF_ERROR(ParsePositive(b).status());
  return Status::Ok();
}

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s(StatusCode::kNotPdf, "'a.pdf' is not a PDF");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotPdf);
  EXPECT_EQ(s.ToString(), "not_pdf: 'a.pdf' is not a PDF");
}

TEST(ResultTest, HoldsValueOrStatus) {
  Result<int> good = ParsePositive(3);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good.value(), 3);
  EXPECT_TRUE(good.status().ok());

  Result<int> bad = ParsePositive(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, BuiltFromOkStatusBecomesInternalError) {
  Result<int> r{Status::Ok()};
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(ResultTest, AssignOrReturnPropagates) {
  EXPECT_EQ(Doubled(4).value(), 8);
  EXPECT_EQ(Doubled(0).status().code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, ReturnIfErrorStopsAtFirstError) {
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  Status s = CheckBoth(1, -5);
  EXPECT_NE(s.message().find("-5"), std::string::npos);
}

TEST(StatusCodeNameTest, EveryCodeHasAName) {
  for (StatusCode c : {StatusCode::kOk, StatusCode::kInvalidArgument, StatusCode::kNotFound,
                       StatusCode::kPermissionDenied, StatusCode::kNotPdf, StatusCode::kEncrypted,
                       StatusCode::kCorrupt, StatusCode::kTooLarge, StatusCode::kTimeout,
                       StatusCode::kIoError, StatusCode::kConflict, StatusCode::kInternal}) {
    EXPECT_NE(StatusCodeName(c), "unknown");
  }
}

}  // namespace
}  // namespace baocao
