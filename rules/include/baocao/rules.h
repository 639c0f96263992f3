// Fact extraction from page text: the rules stage.
//
//   RulesOptions options;                  // defaults work
//   ExtractDocumentFacts(doc, options);    // fills doc.facts: metadata first,
//                                          // then every page's facts
//
// or, one page at a time, with what the document says supplied by hand:
//
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

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"

namespace baocao {

// ---- Indicator catalog -------------------------------------------------

// A canonical indicator: the national statistics form's rows (codes "3.2.4")
// and prose indicators, so that one quantity in different reports and
// wordings lands on one code.
struct IndicatorDefinition {
  std::string code;   // "3.2.4"
  std::string name;   // "Tỷ lệ hồ sơ TTHC được tiếp nhận trực tuyến ..."
  std::string unit;   // "%", "Hồ sơ"; "" when the form gives none
  // Label patterns, compared accent- and case-insensitively as whole words
  // inside a fact's label ("ty le ho so dung han" matches "Tỷ lệ hồ sơ đúng hạn").
  std::vector<std::string> synonyms;
};

// The built-in catalog (rules/data/indicators.tsv, compiled in).
const std::vector<IndicatorDefinition>& IndicatorCatalog();

// Reads a catalog file of the same format (rules/data/README.md): code, name,
// unit, synonyms separated by "|", TAB-separated, '#' comments. Returns
// kNotFound when the file cannot be opened, kInvalidArgument naming the file
// and line when a line has no code or name.
Result<std::vector<IndicatorDefinition>> LoadIndicatorCatalog(const std::string& tsv_path);

// ---- Options -------------------------------------------------------------

struct RulesOptions {
  // The year the document is about (or was issued in), used where a phrase
  // leaves the year implicit: "quý II", "tháng 3", "ngày 15/7". 0 = unknown:
  // such phrases then give no period at all. ExtractDocumentFacts fills it
  // from the document when it is 0.
  int document_year = 0;
  // The reporting period (ISO dates) and entity ("huyện Thọ Xuân") given to
  // indicators that state none. ExtractDocumentFacts fills them from the
  // metadata when they are empty.
  std::string period_start;
  std::string period_end;
  std::string entity;
  // Facts below this confidence are not returned.
  double min_confidence = 0.0;
  // Extra catalog entries (LoadIndicatorCatalog), consulted with the
  // built-in ones; a longer matching synonym wins.
  std::vector<IndicatorDefinition> extra_indicators;
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

// Every fact carries Fact::page = page.number, Fact::span indexing
// page.text, Fact::quote = the text of the span, Fact::rule = the id of the
// rule that matched, and Fact::confidence = the rule's strength times the
// confidence of the text it was read from: words from OCR, repaired or
// recovered text (Word::source, Word::confidence) and pages of low
// Page::quality are never fully trusted. Fields absent from the text are
// null (std::monostate). Kinds and fields:
//
//   reference  doc_type, number, date, issuer, subject, key
//   metadata   issuer, number, doc_type, date, place, title, period_start,
//              period_end, entity                      (one per document)
//   indicator  label, code, value, unit, numerator, denominator, percent,
//              period_start, period_end, entity        (prose and appendix rows)
//   target     label, comparator (">=", "<=", "=", ">", "<"), value, unit,
//              percent, period_start, period_end
//   deadline   task, due, modifier, period_text, recurrence, lead, partners
//   task       the same fields, from a plan's task table rows
//
// modifier is one of before, on_or_before, on, during, recurring,
// continuous, as_required (null for "Đã thực hiện"); recurrence is
// quarterly, yearly or null; due is YYYY-MM-DD or null. An impossible date
// ("31/02/2024") gives due null, a field invalid_date with the date as
// written, and a confidence below 0.5, so that a reviewer sees it.
// Numbers are doubles; partners is a list of strings.
//
// Fact::review_reasons names why a person should check a fact however
// confident the rule was; empty when nothing is doubtful. In this order:
//
//   invalid_date      the fact has an invalid_date field: an impossible date
//                     is written in the text
//   percent_mismatch  numerator, denominator and percent are all given and
//                     numerator / denominator * 100 differs from percent by
//                     more than 0.06 (rounding to two decimals, with slack)
//   repaired_text     the span overlaps one of page.repairs that guessed:
//                     pass "lost_chars" (characters the font lost, filled in
//                     by the language model), or any repair of confidence
//                     below 0.9. Deterministic repairs (legacy decoding,
//                     glyph_map at confidence 1) do not count
//   recovered_text    a word under the span has TextSource::kRecovered and a
//                     confidence below 0.9 (the OCR votes for its glyphs
//                     disagreed)
//   ocr_text          a word under the span has TextSource::kOcr and a
//                     confidence below 0.8
//   table_cells       a task or appendix table row (rules task.table_row,
//                     indicator.appendix_row, indicator.appendix_subrow) has
//                     a different number of cells than the table's header
//                     row, so a merged or split cell may have shifted its
//                     values; or a task row's time cell is empty or gives no
//                     time. (A row whose value cell, or task cell, is empty
//                     or not a number gives no fact at all.)
//
// Words and repairs count when they overlap Fact::span; fields filled from
// elsewhere in the document (the reporting period, the entity) do not.

// Returns the facts of one page, in text order within each kind (metadata
// excepted: it needs the whole document). Sections and tables are read
// within the page only; ExtractDocumentFacts carries them across pages.
std::vector<Fact> ExtractFacts(const Page& page, const RulesOptions& options = {});

// Returns the metadata fact of a document (issuing body, number, place and
// date, type and title, reporting period, entity) read from all its pages, or
// nullopt when none of it is stated. Sets *year, when not null, to the year
// the document is about (0 if unknown).
std::optional<Fact> ExtractMetadata(const std::vector<Page>& pages,
                                    const RulesOptions& options = {}, int* year = nullptr);

// Replaces doc.facts with the metadata fact followed by the facts of every
// page, the document's year, reporting period and entity filling what
// `options` leaves unset. Sections and task tables continue across pages.
void ExtractDocumentFacts(Document& doc, const RulesOptions& options = {});

// Checks that every embedded pattern compiled. Returns OK, or kInternal naming
// the data file line that did not; rules that failed are skipped by the
// functions above. For start-up checks and tests.
Status CheckRules();

}  // namespace baocao

#endif  // BAOCAO_RULES_H_
