// Runs the phrase cases in tests/normalize/phrases/*.tsv (see the README there).
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "baocao/normalize.h"

namespace baocao {
namespace {

struct PhraseCase {
  std::string file;
  int line = 0;
  std::string input;
  std::string expected;
  std::string pass;
  std::string font;
};

void AppendCodePoint(std::uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// \uXXXX, \xHH and \\ escapes.
std::string Unescape(std::string_view cell) {
  std::string out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != '\\' || i + 1 >= cell.size()) {
      out.push_back(cell[i]);
      continue;
    }
    const char kind = cell[i + 1];
    const std::size_t digits = kind == 'u' ? 4 : kind == 'x' ? 2 : 0;
    if (digits == 0) {
      out.push_back(cell[i + 1]);
      ++i;
      continue;
    }
    std::uint32_t value = 0;
    std::from_chars(cell.data() + i + 2, cell.data() + i + 2 + digits, value, 16);
    if (kind == 'u') {
      AppendCodePoint(value, &out);
    } else {
      out.push_back(static_cast<char>(value));
    }
    i += 1 + digits;
  }
  return out;
}

std::vector<PhraseCase> LoadCases() {
  namespace fs = std::filesystem;
  std::vector<PhraseCase> cases;
  const fs::path dir = fs::path(BAOCAO_SOURCE_DIR) / "tests" / "normalize" / "phrases";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> fields;
      std::size_t start = 0;
      for (;;) {
        const std::size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      PhraseCase c;
      c.file = path.stem().string();
      c.line = number;
      if (fields.size() < 3) {
        c.pass = "malformed";
      } else {
        c.input = Unescape(fields[0]);
        c.expected = Unescape(fields[1]);
        c.pass = fields[2];
        if (fields.size() > 3) c.font = fields[3];
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

Result<NormalizedText> NormalizeCase(const PhraseCase& c, const std::string& text) {
  std::vector<TextRun> runs;
  if (c.font == "ocr") {  // the whole input was read by OCR
    TextRun run;
    run.span = Span{0, text.size()};
    run.ocr = true;
    runs.push_back(run);
  } else if (!c.font.empty()) {
    runs.push_back({Span{0, text.size()}, c.font});
  }
  return Normalize(text, NormalizeOptions(), runs);
}

void PrintTo(const PhraseCase& c, std::ostream* os) { *os << c.file << ".tsv line " << c.line; }

class PhrasesTest : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(PhrasesTest, GivesExpected) {
  const PhraseCase& c = GetParam();
  ASSERT_NE(c.pass, "malformed") << "expected input TAB expected TAB pass";
  if (c.pass == "tone_canonical") {
    EXPECT_EQ(CanonicalTones(c.input), c.expected);
    return;
  }
  if (c.pass == "fold") {
    EXPECT_EQ(FoldedKey(c.input), c.expected);
    return;
  }
  const Result<NormalizedText> r = NormalizeCase(c, c.input);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r.value().text, c.expected);
  if (c.pass == "none") {
    EXPECT_EQ(c.input, c.expected) << "a `none` case must not change its input";
    EXPECT_TRUE(r.value().changes.empty()) << r.value().changes.front().pass;
    return;
  }
  const bool pass_changed =
      std::any_of(r.value().changes.begin(), r.value().changes.end(),
                  [&](const Change& change) { return change.pass == c.pass; });
  EXPECT_TRUE(pass_changed) << "no change by pass " << c.pass;
  // The repaired text is clean: nothing may change it again.
  const Result<NormalizedText> again = NormalizeCase(c, c.expected);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().text, c.expected);
  EXPECT_TRUE(again.value().changes.empty());
}

std::string CaseName(const ::testing::TestParamInfo<PhraseCase>& info) {
  std::string name = info.param.file + "_line" + std::to_string(info.param.line);
  std::replace_if(name.begin(), name.end(), [](char ch) { return !std::isalnum(static_cast<unsigned char>(ch)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Phrases, PhrasesTest, ::testing::ValuesIn(LoadCases()), CaseName);

TEST(PhrasesFilesTest, HaveEnoughCases) { EXPECT_GE(LoadCases().size(), 200u); }

}  // namespace
}  // namespace baocao
