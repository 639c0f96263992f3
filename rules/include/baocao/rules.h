// Fact extraction from page text: the rules stage.
//
//   RulesOptions options;
//   options.document_year = 2024;          // for "quý II", "6 tháng đầu năm"
//   std::vector<Fact> facts = ExtractFacts(page, options);
//
// The parsers below are the building blocks the facts are made of; they are
// public so that later rules (indicators, targets, deadlines) and tests can
// reuse them:
//
//   for (const NumberMatch& n : FindNumbers("Tổng số 8.803 hồ sơ")) ...
//     // n.value == 8803, n.unit == "hồ sơ", n.span == [8, 21)
//
// Input is UTF-8 text in NFC (as extract and normalize produce it); line
// breaks may fall anywhere inside a phrase. Any byte string is accepted:
// invalid UTF-8 yields fewer matches, never a crash. All work is linear in the
// input (RE2 patterns, compiled once per process from rules/data/).
// Every function here is thread-safe.
//
// Footnote markers are superscript digits ("năm 2024¹"); they are never part
// of a number.
#ifndef BAOCAO_RULES_H_
#define BAOCAO_RULES_H_

#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

struct RulesOptions {
  // The year the document is about (or was issued in), used where a phrase
  // leaves the year implicit: "quý II", "tháng 3", "ngày 15/7". 0 = unknown:
  // such phrases then give no period at all.
  int document_year = 0;
  // Facts below this confidence are not returned.
  double min_confidence = 0.0;
};

// ---- Numbers -----------------------------------------------------------

enum class NumberKind {
  kValue,     // "8.803" -> 8803; "99,69%" -> 99.69 with unit "%"
  kFraction,  // "6.326/6.469": value = numerator, second = denominator
  kRange,     // "30-40%", "từ 30% - dưới 70%": value = low, second = high
  kAtLeast,   // "từ 33% trở lên", "tối thiểu 90%": value = the bound
};

struct NumberMatch {
  NumberKind kind = NumberKind::kValue;
  double value = 0;
  double second = 0;   // denominator or upper bound; 0 for kValue, kAtLeast
  std::string unit;    // "%", "tỷ đồng", "hồ sơ", ... (rules/data/units.tsv); "" if none
  Span span;           // bytes of the number and its unit in the input
  std::string text;    // the input at span, as written
  std::string rule;    // "number.value", "number.fraction", ...
};

// Returns the numbers of `text` in the Vietnamese format (dot for thousands,
// comma for decimals), in text order. Numbers that belong to a date, a period
// ("năm 2024", "quý II/2024"), a document number ("83/KH-UBND") or are glued
// to letters ("QH14") are not numbers here. Tokens that are not well-formed
// Vietnamese numbers give nothing at all, rather than a part: "0967.123.456"
// (a phone number) and "1.10" (a section number) yield no number.
std::vector<NumberMatch> FindNumbers(std::string_view text);

// ---- Dates and periods -------------------------------------------------

enum class PeriodKind {
  kDay,         // "02/12/2021", "ngày 02 tháng 7 năm 2024"
  kMonth,       // "tháng 3/2024"
  kQuarter,     // "Quý II/2024", "quý I năm 2024", "3 tháng cuối năm"
  kHalf,        // "nửa đầu năm 2024", "6 tháng cuối năm"
  kYearToDate,  // "6 tháng đầu năm", "9 tháng đầu năm 2024": 1 January to the end of month N
  kYear,        // "năm 2024", "12 tháng đầu năm"
  kRange,       // "giai đoạn 2021-2025", "từ 15/12/2023 đến 14/03/2024", "7 tháng cuối năm"
};

// "day", "month", "quarter", "half", "year_to_date", "year", "range".
std::string_view PeriodKindName(PeriodKind kind);

struct PeriodMatch {
  PeriodKind kind = PeriodKind::kDay;
  // False for an impossible date ("31/02/2024"); start and end are then "".
  // Invalid dates are reported, never dropped and never shifted.
  bool valid = true;
  std::string start;           // ISO YYYY-MM-DD, first day of the period
  std::string end;             // ISO YYYY-MM-DD, last day, inclusive
  bool year_implicit = false;  // the year came from RulesOptions::document_year
  Span span;
  std::string text;            // the input at span, as written ("31/02/2024")
  std::string rule;            // "period.day", "period.quarter", ...
};

// Returns the dates and periods of `text`, in text order, never overlapping.
// Dates that are part of a document reference ("Kế hoạch 268/KH-UBND ngày
// 29/12/2023") belong to that reference and are not returned here. A phrase
// without a year ("quý II", "ngày 15/7") gives a period only when
// `document_year` is not 0. A bare "15/7" is not a date (FindNumbers reads it
// as a fraction).
std::vector<PeriodMatch> FindPeriods(std::string_view text, int document_year = 0);

// ---- Document references -----------------------------------------------

struct ReferenceMatch {
  // Each field is "" when the text does not give it.
  std::string doc_type;  // canonical type name, "Kế hoạch" (rules/data/doc_types.tsv)
  std::string number;    // number and symbol without spaces: "83/KH-UBND", "83-KH/HU", "61/2018/NĐ-CP"
  std::string date;      // issue date, YYYY-MM-DD; "" if absent or impossible
  std::string issuer;    // "UBND huyện Thọ Xuân", whitespace collapsed
  std::string subject;   // what follows "về việc" / "về", up to the clause end
  std::string key;       // ReferenceKey(number, issuer, year)
  double confidence = 0; // 0..1 from the rule's strength
  Span span;             // from the type word (or number) to the end of the last part read
  std::string text;      // the input at span, as written
  std::string rule;      // "reference.admin", "reference.party", "reference.legal"
};

// Returns the document references of `text` in text order. A number alone
// ("76/NQ-CP") is a reference of low confidence; "Điều 5", dates and plain
// fractions are not references.
std::vector<ReferenceMatch> FindReferences(std::string_view text);

// The identity of a referenced document: a number is unique only per issuer
// and year. Returns "number|issuer|year" with number and issuer accent-folded
// and lowercased, abbreviations in the issuer expanded ("UBND" == "Ủy ban nhân
// dân", rules/data/issuer_abbreviations.tsv) and whitespace collapsed;
// year 0 is written as "".
std::string ReferenceKey(std::string_view number, std::string_view issuer, int year);

// ---- Facts -------------------------------------------------------------

// Returns the facts of one page: for now, kind "reference" with the fields
// doc_type, number, date, issuer, subject, key (strings; null when absent).
// Fact::page is page.number, Fact::span indexes page.text, Fact::quote is the
// text of the span and Fact::rule the id of the rule that matched.
std::vector<Fact> ExtractFacts(const Page& page, const RulesOptions& options = {});

// Checks that every embedded pattern compiled. Returns OK, or kInternal naming
// the data file line that did not; rules that failed are skipped by the
// functions above. For start-up checks and tests.
Status CheckRules();

}  // namespace baocao

#endif  // BAOCAO_RULES_H_
