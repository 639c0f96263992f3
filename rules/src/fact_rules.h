// The fact rules behind ExtractFacts and ExtractDocumentFacts: metadata,
// indicators (prose and statistics appendices), targets, deadlines and task
// tables. Each reads page text with the context the document gives (its year,
// reporting period and entity, the section a line sits in).
#ifndef BAOCAO_RULES_FACT_RULES_H_
#define BAOCAO_RULES_FACT_RULES_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "baocao/document.h"
#include "baocao/rules.h"

namespace baocao::rules_internal {

// The patterns of rules/data/fact_patterns.tsv, compiled once per process.
class FactPatterns {
 public:
  static const FactPatterns& Get();
  const Status& status() const { return status_; }
  // The pattern with this id; a pattern that never matches when the id is
  // unknown or failed to compile (status() says which).
  const RE2& operator[](std::string_view id) const;

 private:
  FactPatterns();
  Status status_;
  std::map<std::string, std::unique_ptr<RE2>, std::less<>> patterns_;
  std::unique_ptr<RE2> never_;
};

// What kind of text a section holds, from its heading.
enum class SectionKind {
  kUnknown,   // before any heading, or a heading of no known kind
  kResults,   // "KẾT QUẢ", "TÌNH HÌNH", "CÔNG TÁC CHỈ ĐẠO": measured facts
  kPlan,      // "PHƯƠNG HƯỚNG", "NHIỆM VỤ", "MỤC TIÊU", "TỔ CHỨC THỰC HIỆN"
  kContents,  // a plan's "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP": goals, not duties
  kAppendix,  // "Phụ lục": tables
};

// What the rules know about the document while reading it.
struct DocumentContext {
  int year = 0;
  std::string doc_type;       // "Báo cáo", "Kế hoạch", "" when unknown
  std::string period_start;   // the reporting period
  std::string period_end;
  std::string entity;         // "huyện Thọ Xuân"
  // Carried from block to block and page to page:
  SectionKind section = SectionKind::kUnknown;
  std::string section_period_text;  // "QUÝ II NĂM 2024" from a plan heading
  std::string section_period_end;   // its last day
  std::vector<int> task_columns;    // task table: content, lead, partners, time; empty if none
  std::size_t task_header_cells = 0;  // cells of the task table's header row
  bool in_stat_table = false;       // inside a statistics appendix
  std::size_t stat_header_cells = 0;  // cells of the appendix header row
  int stat_unit_column = 2;
  int stat_value_column = 3;
  std::string last_row_code;        // the code of the appendix row read last: "4.1.1"
};

// A paragraph or a table row of a page: the unit the rules read.
struct Block {
  Span span;              // in Page::text
  std::string_view text;  // the page text at span
  bool table_row = false; // cells separated by TAB
  bool heading = false;   // "II. KẾT QUẢ ..."
  bool numbered = false;  // starts "1. ", "2.3. ": an item of a list
};

// The blocks of a page text, in order.
std::vector<Block> SplitBlocks(std::string_view text);

// How far the text at `span` of `page` can be trusted: 1 for a clean text
// layer, lower for OCR, repaired or recovered words and for poor pages.
double TextConfidence(const Page& page, Span span);

// Rules; each appends the facts of its kind found in one block.
void AddIndicatorFacts(const Page& page, const Block& block, const RulesOptions& options,
                       DocumentContext& context, std::vector<Fact>& facts);
void AddTargetFacts(const Page& page, const Block& block, const RulesOptions& options,
                    const DocumentContext& context, std::vector<Fact>& facts);
void AddDeadlineFacts(const Page& page, const Block& block, const RulesOptions& options,
                      const DocumentContext& context, std::vector<Fact>& facts);
void AddTaskFacts(const Page& page, const Block& block, const RulesOptions& options,
                  DocumentContext& context, std::vector<Fact>& facts);

// True when `percent` differs from numerator / denominator * 100 by more
// than rounding explains (false when the denominator is not positive).
bool PercentDisagrees(double numerator, double denominator, double percent);

// Sets fact.review_reasons (rules.h lists them) from the fact's fields and
// the words and repairs of `page` under fact.span, in the order rules.h
// gives. Keeps "table_cells", which only the table rules can tell.
void AddReviewReasons(const Page& page, Fact& fact);

// Time of a duty ("Quý I/2024", "Chậm nhất ngày 01/4/2024", "Thường xuyên"):
// sets due, modifier, period_text, recurrence (and invalid_date) on `fact`;
// returns the rule strength, 0 when `text` holds no time.
double ReadDueTime(std::string_view text, int year, Fact& fact);

// The reference facts of a page (rules.cc).
std::vector<Fact> ExtractReferenceFacts(const Page& page, const RulesOptions& options);

// The metadata of a document from all its pages; also fills `context`.
std::optional<Fact> ReadMetadata(const std::vector<Page>& pages, const RulesOptions& options,
                                 DocumentContext& context);

// The catalog code for an indicator label; "" when no entry matches.
std::string CatalogCode(std::string_view label, const RulesOptions& options);

// Shared helpers.

// Finds the next match of `regex` in `text` at or after *pos; sets *match to
// the whole match and *pos past it (at least one byte on). False at the end.
bool FindNext(const RE2& regex, std::string_view text, std::size_t* pos, re2::StringPiece* match);
struct Line {
  std::string_view text;
  std::size_t begin = 0;  // byte offset of the line in the page text
};
std::vector<Line> SplitLines(std::string_view text);
std::vector<std::string_view> SplitCells(std::string_view line);
// Section kind for a heading title, or kUnknown when it is not a heading.
SectionKind ClassifyHeading(std::string_view title);
// Value of a Vietnamese-format number ("8.803", "99,69", "01"); nullopt if
// the text is not one.
std::optional<double> ParseNumber(std::string_view text);
// Fact with page, span, quote, rule and confidence (rule strength times text
// confidence) set.
Fact MakeFact(std::string kind, const Page& page, Span span, std::string rule, double strength);
FieldValue StringOrNull(std::string_view value);
FieldValue NumberOrNull(std::optional<double> value);
// Trims spaces and the punctuation in `strip` from both ends.
std::string_view Trim(std::string_view text, std::string_view strip = " \t\n");

}  // namespace baocao::rules_internal

#endif  // BAOCAO_RULES_FACT_RULES_H_
