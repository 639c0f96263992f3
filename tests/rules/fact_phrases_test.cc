// Table-driven tests of the fact rules over tests/rules/phrases/facts.tsv:
// every line is one phrase, the context it is read in, and one expected field
// of the first fact of a kind.
#include <gtest/gtest.h>

#include <charconv>
#include <string>

#include "baocao/rules.h"
#include "phrase_corpus.h"

namespace baocao {
namespace {

using testing::CaseName;
using testing::ContextPrefix;
using testing::LoadPhrases;
using testing::PhraseCase;

std::string FormatNumber(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "?";
}

std::string FieldText(const Fact& fact, const std::string& name) {
  if (name == "confidence") return FormatNumber(fact.confidence);
  if (name == "page") return std::to_string(fact.page);
  auto it = fact.fields.find(name);
  if (it == fact.fields.end()) return "<absent>";
  if (std::holds_alternative<std::monostate>(it->second)) return "-";
  if (const auto* d = std::get_if<double>(&it->second)) return FormatNumber(*d);
  if (const auto* s = std::get_if<std::string>(&it->second)) return *s;
  std::string out;
  for (const std::string& item : std::get<std::vector<std::string>>(it->second)) {
    if (!out.empty()) out += " | ";
    out += item;
  }
  return out;
}

std::vector<Fact> ReadPhrase(const PhraseCase& c, const std::string& context, int year) {
  RulesOptions options;
  options.document_year = year;
  if (context == "document") {
    Document doc;
    const std::string& text = c.phrase;  // pages separated by "<page>"
    std::size_t start = 0;
    while (true) {
      const std::size_t end = text.find("<page>", start);
      Page page;
      page.number = static_cast<int>(doc.pages.size()) + 1;
      page.text = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      doc.pages.push_back(std::move(page));
      if (end == std::string::npos) break;
      start = end + 6;
    }
    ExtractDocumentFacts(doc, options);
    return doc.facts;
  }
  if (year > 0) {
    options.period_start = std::to_string(year) + "-01-01";
    // A report's results cover its first quarter; plans cover the year.
    options.period_end = std::to_string(year) + (context == "results" ? "-03-31" : "-12-31");
  }
  Page page;
  page.number = 1;
  page.text = ContextPrefix(context) + c.phrase;
  return ExtractFacts(page, options);
}

class FactPhrases : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(FactPhrases, GivesExpectedField) {
  const PhraseCase& c = GetParam();
  ASSERT_GE(c.columns.size(), 4u) << "expected: phrase, context, year, kind, field, value";
  const std::string& context = c.columns[0];
  const int year = c.columns[1] == "-" ? 0 : std::stoi(c.columns[1]);
  const std::string& kind = c.columns[2];
  const std::string& field = c.columns[3];
  const std::string expected = c.columns.size() > 4 ? c.columns[4] : "";
  std::vector<const Fact*> of_kind;
  const std::vector<Fact> facts = ReadPhrase(c, context, year);
  for (const Fact& f : facts) {
    if (f.kind == kind) of_kind.push_back(&f);
  }
  if (field == "none") {
    EXPECT_TRUE(of_kind.empty()) << "first: " << of_kind.front()->quote << " [" << of_kind.front()->rule << "]";
    return;
  }
  if (field == "count") {
    EXPECT_EQ(std::to_string(of_kind.size()), expected);
    return;
  }
  ASSERT_FALSE(of_kind.empty()) << "no " << kind << " fact";
  const Fact& fact = *of_kind.front();
  if (field == "confidence_at_least") {
    EXPECT_GE(fact.confidence, std::stod(expected));
  } else if (field == "confidence_below") {
    EXPECT_LT(fact.confidence, std::stod(expected));
  } else {
    EXPECT_EQ(FieldText(fact, field), expected) << "quote: " << fact.quote << " [" << fact.rule << "]";
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, FactPhrases, ::testing::ValuesIn(LoadPhrases("facts.tsv")),
                         [](const ::testing::TestParamInfo<PhraseCase>& param) {
                           return CaseName(param.param);
                         });

}  // namespace
}  // namespace baocao
