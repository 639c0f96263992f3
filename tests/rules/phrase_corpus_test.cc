// Table-driven tests over the phrase corpora in tests/rules/phrases/: every
// line is one case with one expected value.
#include <gtest/gtest.h>

#include <charconv>
#include <string>

#include "baocao/rules.h"
#include "phrase_corpus.h"

namespace baocao {
namespace {

using testing::LoadPhrases;
using testing::CaseName;
using testing::PhraseCase;

std::string FormatNumber(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : "?";
}

// The expected-value notation of numbers.tsv.
std::string Describe(const NumberMatch& n) {
  std::string out;
  switch (n.kind) {
    case NumberKind::kValue: out = FormatNumber(n.value); break;
    case NumberKind::kFraction: out = FormatNumber(n.value) + "/" + FormatNumber(n.second); break;
    case NumberKind::kRange: out = FormatNumber(n.value) + ".." + FormatNumber(n.second); break;
    case NumberKind::kAtLeast: out = ">=" + FormatNumber(n.value); break;
  }
  if (!n.unit.empty()) out += " " + n.unit;
  return out;
}

// The expected-value notation of dates.tsv.
std::string Describe(const PeriodMatch& p) {
  if (!p.valid) return "invalid " + std::string(PeriodKindName(p.kind));
  return std::string(PeriodKindName(p.kind)) + " " + p.start + ".." + p.end;
}

template <typename Match>
std::string ListAll(const std::string& text, const std::vector<Match>& found) {
  std::string out = "found:";
  for (const Match& m : found) {
    out += "\n  [" + text.substr(m.span.begin, m.span.size()) + "] -> " + Describe(m);
  }
  return out;
}

// The match whose span is the marked part of the phrase (the whole phrase when
// nothing is marked); null if there is none.
template <typename Match>
const Match* MatchAtMarkedSpan(const PhraseCase& c, const std::vector<Match>& found) {
  const Span want = c.marked.value_or(Span{0, c.phrase.size()});
  for (const Match& m : found) {
    if (m.span.begin == want.begin && m.span.end == want.end) return &m;
  }
  return nullptr;
}

template <typename Match>
void ExpectOneValue(const PhraseCase& c, const std::vector<Match>& found,
                    const std::string& expected) {
  if (expected == "none") {
    EXPECT_TRUE(found.empty()) << ListAll(c.phrase, found);
    return;
  }
  const Match* match = MatchAtMarkedSpan(c, found);
  ASSERT_NE(match, nullptr) << "nothing at the marked span; " << ListAll(c.phrase, found);
  EXPECT_EQ(Describe(*match), expected);
  EXPECT_EQ(match->text, c.phrase.substr(match->span.begin, match->span.size()));
}

class NumberPhrases : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(NumberPhrases, GivesExpectedNumber) {
  const PhraseCase& c = GetParam();
  ASSERT_EQ(c.columns.size(), 1u) << "expected: phrase TAB value";
  ExpectOneValue(c, FindNumbers(c.phrase), c.columns[0]);
}

INSTANTIATE_TEST_SUITE_P(Corpus, NumberPhrases, ::testing::ValuesIn(LoadPhrases("numbers.tsv")),
                         [](const auto& test_info) { return CaseName(test_info.param); });

class DatePhrases : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(DatePhrases, GivesExpectedPeriod) {
  const PhraseCase& c = GetParam();
  ASSERT_EQ(c.columns.size(), 2u) << "expected: phrase TAB document year TAB value";
  const int year = c.columns[0] == "-" ? 0 : std::stoi(c.columns[0]);
  ExpectOneValue(c, FindPeriods(c.phrase, year), c.columns[1]);
}

INSTANTIATE_TEST_SUITE_P(Corpus, DatePhrases, ::testing::ValuesIn(LoadPhrases("dates.tsv")),
                         [](const auto& test_info) { return CaseName(test_info.param); });

std::string Field(const ReferenceMatch& ref, const std::string& name) {
  if (name == "doc_type") return ref.doc_type;
  if (name == "number") return ref.number;
  if (name == "date") return ref.date;
  if (name == "issuer") return ref.issuer;
  if (name == "subject") return ref.subject;
  if (name == "key") return ref.key;
  if (name == "rule") return ref.rule;
  if (name == "quote") return ref.text;
  return "(unknown field " + name + ")";
}

std::string ListReferences(const std::vector<ReferenceMatch>& found) {
  std::string out = "found:";
  for (const ReferenceMatch& ref : found) {
    out += "\n  [" + ref.text + "] " + ref.rule + " type=" + ref.doc_type + " number=" +
           ref.number + " date=" + ref.date + " issuer=" + ref.issuer + " subject=" + ref.subject;
  }
  return out;
}

class ReferencePhrases : public ::testing::TestWithParam<PhraseCase> {};

TEST_P(ReferencePhrases, GivesExpectedField) {
  const PhraseCase& c = GetParam();
  ASSERT_EQ(c.columns.size(), 2u) << "expected: phrase TAB field TAB value";
  const std::string& field = c.columns[0];
  const std::string expected = c.columns[1] == "-" ? "" : c.columns[1];
  const std::vector<ReferenceMatch> found = FindReferences(c.phrase);
  if (field == "count") {
    EXPECT_EQ(std::to_string(found.size()), expected) << ListReferences(found);
    return;
  }
  // The reference starting at the marked part, or the first one.
  const ReferenceMatch* ref = found.empty() ? nullptr : &found[0];
  if (c.marked) {
    ref = nullptr;
    for (const ReferenceMatch& r : found) {
      if (r.span.begin == c.marked->begin) ref = &r;
    }
  }
  ASSERT_NE(ref, nullptr) << ListReferences(found);
  if (field == "confidence_at_least") {
    EXPECT_GE(ref->confidence, std::stod(expected));
  } else if (field == "confidence_below") {
    EXPECT_LT(ref->confidence, std::stod(expected));
  } else {
    EXPECT_EQ(Field(*ref, field), expected) << ListReferences(found);
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, ReferencePhrases,
                         ::testing::ValuesIn(LoadPhrases("references.tsv")),
                         [](const auto& test_info) { return CaseName(test_info.param); });

}  // namespace
}  // namespace baocao
