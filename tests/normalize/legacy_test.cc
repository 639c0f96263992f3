// Every row of every legacy table decodes back to its letter.
#include "legacy_tables.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "baocao/normalize.h"
#include "tsv.h"
#include "utf8.h"

namespace baocao::normalize_internal {
namespace {

std::string ReadTable(std::string_view name) {
  const std::string path =
      std::string(BAOCAO_SOURCE_DIR) + "/normalize/data/legacy/" + std::string(name) + ".tsv";
  std::ifstream file(path, std::ios::binary);
  EXPECT_TRUE(file.good()) << path;
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

// The legacy bytes behind a `winansi` cell.
std::string WinAnsiBytes(std::string_view cell) {
  std::string bytes;
  for (std::size_t pos = 0; pos < cell.size();) {
    char32_t cp = 0;
    pos += DecodeUtf8(cell, pos, &cp);
    unsigned char byte = 0;
    EXPECT_TRUE(WinAnsiByte(cp, &byte)) << "U+" << std::hex << static_cast<unsigned>(cp);
    bytes.push_back(static_cast<char>(byte));
  }
  return bytes;
}

std::string DecodeAll(const LegacyDecoder& decoder, std::string_view bytes) {
  std::vector<LegacyPiece> pieces;
  decoder.Decode(bytes, &pieces);
  std::string out;
  for (const LegacyPiece& p : pieces) {
    if (p.decoded) {
      out += p.text;
    } else {
      AppendUtf8(WinAnsiChar(static_cast<unsigned char>(bytes[p.begin])), &out);
    }
  }
  return out;
}

std::string TableName(const ::testing::TestParamInfo<LegacyEncoding>& param) {
  return std::string(LegacyEncodingName(param.param));
}

class LegacyTableTest : public ::testing::TestWithParam<LegacyEncoding> {};

TEST_P(LegacyTableTest, EveryRowRoundTrips) {
  const Result<std::vector<LegacyDecoder>>& decoders = LegacyDecoders();
  ASSERT_TRUE(decoders.ok()) << decoders.status().ToString();
  const LegacyDecoder& decoder = decoders.value()[static_cast<std::size_t>(GetParam())];
  const std::string table = ReadTable(LegacyEncodingName(GetParam()));
  std::string all_bytes;
  std::string all_letters;
  int rows = 0;
  for (const TsvRow& row : ParseTsv(table)) {
    ASSERT_GE(row.fields.size(), 3u) << "line " << row.line;
    const std::string bytes = WinAnsiBytes(row.fields[2]);
    EXPECT_EQ(DecodeAll(decoder, bytes), row.fields[0]) << "line " << row.line;
    const bool decode_only = row.fields.size() > 3 && row.fields[3].find("decode-only") != std::string_view::npos;
    if (!decode_only) {
      all_bytes += bytes;
      all_letters += row.fields[0];
    }
    ++rows;
  }
  EXPECT_GE(rows, 67);
  // Run together, the letters still split unambiguously.
  EXPECT_EQ(DecodeAll(decoder, all_bytes), all_letters);
}

INSTANTIATE_TEST_SUITE_P(AllTables, LegacyTableTest,
                         ::testing::Values(LegacyEncoding::kTcvn3, LegacyEncoding::kTcvn3Capitals,
                                           LegacyEncoding::kVni, LegacyEncoding::kViscii,
                                           LegacyEncoding::kCp1258, LegacyEncoding::kVn1),
                         TableName);

// Through Normalize with the font that names the encoding: each row's winansi text,
// as a word of its own, comes out as the letter.
TEST(LegacyFontTest, EveryRowRoundTripsThroughNormalize) {
  const std::pair<const char*, const char*> fonts[] = {
      {"tcvn3", ".VnTime"}, {"tcvn3_h", "ABCDEF+.VnTimeH"}, {"vni", "VNI-Times"}};
  for (const auto& [table_name, font] : fonts) {
    const std::string table = ReadTable(table_name);
    for (const TsvRow& row : ParseTsv(table)) {
      const std::string input(row.fields[2]);
      if (input.find_first_of(" \t\n\r\f\v") != std::string::npos) continue;
      const Result<NormalizedText> r =
          Normalize(input, NormalizeOptions(), {{Span{0, input.size()}, font}});
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r.value().text, row.fields[0]) << table_name << " line " << row.line;
    }
  }
}

TEST(LegacyTablesTest, WinAnsiBytesRoundTrip) {
  for (unsigned b = 0; b < 256; ++b) {
    unsigned char back = 0;
    ASSERT_TRUE(WinAnsiByte(WinAnsiChar(static_cast<unsigned char>(b)), &back)) << b;
    EXPECT_EQ(back, b);
  }
  unsigned char byte = 0;
  EXPECT_FALSE(WinAnsiByte(U'ộ', &byte));
  EXPECT_FALSE(WinAnsiByte(0x0080, &byte));  // U+0080 is not how cp1252 shows 0x80 ("€")
}

}  // namespace
}  // namespace baocao::normalize_internal
