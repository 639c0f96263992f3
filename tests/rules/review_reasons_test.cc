// Review reasons (Fact::review_reasons): table-driven over
// tests/rules/phrases/review_reasons.tsv, each phrase read with some damage
// laid over part of it, and over the clean corpus truth texts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "baocao/rules.h"
#include "phrase_corpus.h"

namespace baocao {
namespace {

using testing::CaseName;
using testing::ContextPrefix;
using testing::LoadPhrases;
using testing::PhraseCase;

std::vector<std::string> Words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

std::string Joined(const std::vector<std::string>& reasons) {
  if (reasons.empty()) return "-";
  std::string out;
  for (const std::string& r : reasons) out += (out.empty() ? "" : ",") + r;
  return out;
}

// Lays `damage` over `span` of the page; false if the damage is not understood.
bool Damage(const std::string& damage, Span span, Page& page) {
  const std::vector<std::string> words = Words(damage);
  if (words.size() == 1 && words[0] == "-") return true;
  if (words.size() == 3 && words[0] == "repair") {
    TextRepair repair;
    repair.pass = words[1];
    repair.confidence = std::stod(words[2]);
    repair.span = span;
    repair.before = "?";
    page.repairs.push_back(repair);
    return true;
  }
  static const std::map<std::string, TextSource> kSources = {{"text_layer", TextSource::kTextLayer},
                                                             {"ocr", TextSource::kOcr},
                                                             {"recovered", TextSource::kRecovered},
                                                             {"repaired", TextSource::kRepaired}};
  if (words.size() != 2 || kSources.count(words[0]) == 0) return false;
  Word word;
  word.text = page.text.substr(span.begin, span.size());
  word.span = span;
  word.source = kSources.at(words[0]);
  word.confidence = std::stod(words[1]);
  page.words.push_back(word);
  return true;
}

class ReviewReasonPhrases : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(ReviewReasonPhrases, GiveExpectedReasons) {
  const PhraseCase& c = GetParam();
  ASSERT_EQ(c.columns.size(), 5u) << "expected: phrase, context, year, kind, damage, reasons";
  const std::string& context = c.columns[0];
  const int year = c.columns[1] == "-" ? 0 : std::stoi(c.columns[1]);
  const std::string& kind = c.columns[2];
  RulesOptions options;
  options.document_year = year;
  if (year > 0) {
    options.period_start = std::to_string(year) + "-01-01";
    options.period_end = std::to_string(year) + (context == "results" ? "-03-31" : "-12-31");
  }
  Page page;
  page.number = 1;
  const std::string prefix = ContextPrefix(context);
  page.text = prefix + c.phrase;
  const Span marked = c.marked.value_or(Span{0, c.phrase.size()});
  ASSERT_TRUE(Damage(c.columns[3], {prefix.size() + marked.begin, prefix.size() + marked.end}, page))
      << "unknown damage: " << c.columns[3];

  const std::vector<Fact> facts = ExtractFacts(page, options);
  auto fact = std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.kind == kind; });
  ASSERT_NE(fact, facts.end()) << "no " << kind << " fact";
  EXPECT_EQ(Joined(fact->review_reasons), c.columns[4]) << "quote: " << fact->quote << " [" << fact->rule << "]";
}

INSTANTIATE_TEST_SUITE_P(Corpus, ReviewReasonPhrases, ::testing::ValuesIn(LoadPhrases("review_reasons.tsv")),
                         [](const ::testing::TestParamInfo<PhraseCase>& param) {
                           return CaseName(param.param);
                         });

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A corpus document's truth pages, as a perfect extractor would give them.
Document TruthDocument(const std::string& id) {
  const std::filesystem::path folder = std::filesystem::path(BAOCAO_SOURCE_DIR) / "corpus" / "truth" / id;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  Document doc;
  doc.path = folder.string();
  for (const std::filesystem::path& file : files) {
    const std::string name = file.stem().string();  // page-001
    if (name.rfind("page-", 0) != 0) continue;
    Page page;
    page.number = std::stoi(name.substr(5));
    page.text = ReadFile(file);
    doc.pages.push_back(std::move(page));
  }
  return doc;
}

// Clean text layers give reasons only for what the documents really say:
// 001 sets one report deadline on "31/02/2024" (labelled in corpus/facts).
TEST(ReviewReasons, CorpusTruthGivesOnlyTheImpossibleDate) {
  std::map<std::string, std::string> found;  // "doc kind rule: reasons" -> quote
  for (const std::string& id : std::vector<std::string>{"000", "001", "002", "003"}) {
    Document doc = TruthDocument(id);
    ASSERT_FALSE(doc.pages.empty()) << id;
    ExtractDocumentFacts(doc);
    for (const Fact& f : doc.facts) {
      if (f.review_reasons.empty()) continue;
      found[id + " " + f.kind + " " + Joined(f.review_reasons)] += f.quote + "\n";
    }
  }
  std::vector<std::string> keys;
  for (const auto& [key, quotes] : found) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"001 deadline invalid_date"})) << [&] {
    std::string all;
    for (const auto& [key, quotes] : found) all += key + ":\n" + quotes;
    return all;
  }();
}

TEST(ReviewReasons, MetadataReadFromPoorOcrIsDoubtful) {
  Page page;
  page.number = 1;
  page.text =
      "Số: 112/BC-UBND\tThị trấn Bút Sơn, ngày 15 tháng 3 năm 2024\nBÁO CÁO\n"
      "Kết quả công tác cải cách hành chính quý I năm 2024\n";
  std::optional<Fact> trusted = ExtractMetadata({page});
  ASSERT_TRUE(trusted.has_value());
  EXPECT_TRUE(trusted->review_reasons.empty());
  // The first word of what the metadata was read from, badly recognised.
  const std::size_t begin = trusted->span.begin;
  Word word;
  word.span = {begin, std::min(page.text.find_first_of(" \t\n", begin), trusted->span.end)};
  word.text = page.text.substr(word.span.begin, word.span.size());
  word.source = TextSource::kOcr;
  word.confidence = 0.6;
  page.words.push_back(word);
  std::optional<Fact> doubtful = ExtractMetadata({page});
  ASSERT_TRUE(doubtful.has_value());
  EXPECT_EQ(doubtful->review_reasons, std::vector<std::string>{"ocr_text"}) << word.text;
}

TEST(ReviewReasons, EveryFactOfADocumentIsJudged) {
  Document doc;
  Page page;
  page.number = 1;
  page.text = "II. KẾT QUẢ THỰC HIỆN\nTổng số hồ sơ tiếp nhận: 8.803 hồ sơ\n";
  const std::size_t at = page.text.find("8.803");
  page.repairs.push_back({"lost_chars", "", {at, at + 5}, "8 803", 0.96, {"8.303"}});
  doc.pages.push_back(page);
  ExtractDocumentFacts(doc);
  const Fact* indicator = nullptr;
  for (const Fact& f : doc.facts) {
    if (f.kind == "indicator") indicator = &f;
  }
  ASSERT_NE(indicator, nullptr);
  EXPECT_EQ(indicator->review_reasons, std::vector<std::string>{"repaired_text"});
}

}  // namespace
}  // namespace baocao
