// The rule set over generated hostile input: random bytes, random UTF-8,
// mutated and spliced report phrases. Nothing may crash, every span must lie
// inside the input, and the whole run must stay fast (RE2 is linear time).
// The same entry points are fuzzed by tests/fuzz/rules_fuzzer.cc under clang.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "baocao/rules.h"
#include "phrase_corpus.h"

namespace baocao {
namespace {

constexpr int kInputs = 3000;

std::vector<std::string> Seeds() {
  std::vector<std::string> seeds;
  for (const char* file : {"numbers.tsv", "dates.tsv", "references.tsv"}) {
    for (const testing::PhraseCase& c : testing::LoadPhrases(file)) seeds.push_back(c.phrase);
  }
  return seeds;
}

// Pieces that steer mutations towards the patterns' edges.
const std::vector<std::string>& Tokens() {
  static const std::vector<std::string> tokens = {
      "/", "-", ".", ",", "%", " ", "\n", "số ", "ngày ", "tháng ", "năm ", "Quý ", "IV",
      "Kế hoạch ", "của ", "về việc ", "KH-UBND", "NĐ-CP", "/2024", "31/02/", "¹", "²",
      "từ ", " đến ", "trở lên", "giai đoạn ", "9999999999999999999", "0967.", "\xC3", "\xE1\xBB",
      "\xFF", std::string(1, '\0')};
  return tokens;
}

std::string Mutate(std::string text, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 4);
  const int steps = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < steps; ++i) {
    const std::size_t pos = text.empty() ? 0 : rng() % (text.size() + 1);
    switch (op(rng)) {
      case 0:  // flip a byte
        if (!text.empty() && pos < text.size()) text[pos] = static_cast<char>(rng() & 0xFF);
        break;
      case 1:  // delete a run
        if (pos < text.size()) text.erase(pos, 1 + rng() % 6);
        break;
      case 2:  // insert a token
        text.insert(pos, Tokens()[rng() % Tokens().size()]);
        break;
      case 3:  // duplicate a run
        if (pos < text.size()) text.insert(pos, text.substr(pos, 1 + rng() % 20));
        break;
      default:  // insert a random digit run
        text.insert(pos, std::to_string(rng() % 100000));
        break;
    }
  }
  return text;
}

std::string RandomBytes(std::mt19937& rng, std::size_t size) {
  std::string out(size, '\0');
  for (char& ch : out) ch = static_cast<char>(rng() & 0xFF);
  return out;
}

std::string RandomTokens(std::mt19937& rng, std::size_t count) {
  std::string out;
  for (std::size_t i = 0; i < count; ++i) out += Tokens()[rng() % Tokens().size()];
  return out;
}

void CheckAll(const std::string& text) {
  auto inside = [&](const Span& span) {
    return span.begin <= span.end && span.end <= text.size();
  };
  for (const NumberMatch& n : FindNumbers(text)) {
    ASSERT_TRUE(inside(n.span));
    ASSERT_EQ(n.text, text.substr(n.span.begin, n.span.size()));
  }
  for (const PeriodMatch& p : FindPeriods(text, 2024)) {
    ASSERT_TRUE(inside(p.span));
    ASSERT_EQ(p.valid, !p.start.empty());
    if (p.valid) {
      ASSERT_LE(p.start, p.end);
    }
  }
  Page page;
  page.number = 1;
  page.text = text;
  for (const Fact& fact : ExtractFacts(page)) {
    ASSERT_TRUE(inside(fact.span));
    ASSERT_EQ(fact.quote, text.substr(fact.span.begin, fact.span.size()));
    ASSERT_GE(fact.confidence, 0.0);
    ASSERT_LE(fact.confidence, 1.0);
    // Without words or repairs only the text itself can raise doubts.
    for (const std::string& reason : fact.review_reasons) {
      ASSERT_TRUE(reason == "invalid_date" || reason == "percent_mismatch" || reason == "table_cells") << reason;
    }
  }
}

TEST(RandomInput, NoCrashSpansInsideBoundedTime) {
  const std::vector<std::string> seeds = Seeds();
  ASSERT_FALSE(seeds.empty());
  std::mt19937 rng(20240702);
  const auto start = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  for (int i = 0; i < kInputs; ++i) {
    std::string input;
    switch (i % 4) {
      case 0: input = Mutate(seeds[rng() % seeds.size()], rng); break;
      case 1: input = Mutate(seeds[rng() % seeds.size()] + seeds[rng() % seeds.size()], rng); break;
      case 2: input = RandomTokens(rng, 1 + rng() % 40); break;
      default: input = RandomBytes(rng, rng() % 400); break;
    }
    bytes += input.size();
    CheckAll(input);
    if (::testing::Test::HasFatalFailure()) {
      ADD_FAILURE() << "input #" << i << " (" << input.size() << " bytes)";
      return;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Generous: the rule set runs at megabytes per second; this is ~0.5 MB.
  EXPECT_LT(seconds, 30.0) << bytes << " bytes";
}

TEST(RandomInput, LongHostileRunsStayLinear) {
  // Long runs of what the patterns look for, without what ends them.
  const std::vector<std::string> runs = {
      std::string(200000, '1'),
      [] { std::string s; for (int i = 0; i < 40000; ++i) s += "1/"; return s; }(),
      [] { std::string s; for (int i = 0; i < 30000; ++i) s += "1.2,"; return s; }(),
      [] { std::string s; for (int i = 0; i < 20000; ++i) s += "số "; return s; }(),
      [] { std::string s = "Kế hoạch số 1/KH"; for (int i = 0; i < 20000; ++i) s += "-A"; return s; }(),
      [] { std::string s = "Kế hoạch số 1/KH-UBND của "; for (int i = 0; i < 20000; ++i) s += "Ban "; return s; }(),
      [] { std::string s = "Kế hoạch số 1/KH-UBND về "; for (int i = 0; i < 20000; ++i) s += "việc "; return s; }(),
  };
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& run : runs) CheckAll(run);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);
}

}  // namespace
}  // namespace baocao
