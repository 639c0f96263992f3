// The facts of a page and of a whole document: blocks, sections, and every
// rule in turn.
#include <algorithm>

#include "fact_rules.h"
#include "parsers.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

bool EndsSentence(std::string_view line) {
  line = Trim(line);
  return !line.empty() && (line.back() == '.' || line.back() == ':' || line.back() == ';');
}

bool StartsItem(std::string_view line) {
  return RE2::PartialMatch(line, FactPatterns::Get()["block.item"]);
}

bool IsPageNumber(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.size() <= 3 &&
         std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void UpdateSection(const Block& block, int year, DocumentContext& context) {
  const FactPatterns& patterns = FactPatterns::Get();
  re2::StringPiece num, title;
  const std::string_view text = Trim(block.text);
  if (RE2::FullMatch(text, patterns["section.heading"], &num, &title)) {
    context.section = ClassifyHeading(std::string_view(title.data(), title.size()));
    context.section_period_text.clear();
    context.section_period_end.clear();
    if (context.section == SectionKind::kPlan) {
      for (const PeriodMatch& p : FindPeriods(std::string_view(title.data(), title.size()), year)) {
        if (!p.valid || p.kind == PeriodKind::kDay) continue;
        context.section_period_text = p.text;
        context.section_period_end = p.end;
        break;
      }
    }
    context.in_stat_table = false;
    context.task_columns.clear();
    return;
  }
  if (Fold(text.substr(0, 20)).rfind("phu luc", 0) == 0) {
    context.section = SectionKind::kAppendix;
    context.task_columns.clear();
  }
}

}  // namespace

std::vector<Block> SplitBlocks(std::string_view text) {
  std::vector<Block> blocks;
  const FactPatterns& patterns = FactPatterns::Get();
  bool open = false;
  bool previous_ends = true;
  for (const Line& line : SplitLines(text)) {
    const bool table = line.text.find('\t') != std::string_view::npos;
    const bool blank = Trim(line.text).empty();
    if (blank) {
      open = false;
      continue;
    }
    const bool heading = !table && RE2::FullMatch(Trim(line.text), patterns["section.heading"]);
    const bool starts = table || heading || previous_ends || StartsItem(line.text) ||
                        IsPageNumber(line.text) || (!blocks.empty() && blocks.back().table_row);
    if (open && !starts) {
      Block& block = blocks.back();
      block.span.end = line.begin + line.text.size();
      block.text = text.substr(block.span.begin, block.span.size());
    } else {
      Block block;
      block.span = {line.begin, line.begin + line.text.size()};
      block.text = text.substr(block.span.begin, block.span.size());
      block.table_row = table;
      block.heading = heading;
      block.numbered = !table && RE2::PartialMatch(block.text, patterns["block.numbered"]);
      blocks.push_back(block);
    }
    open = !table && !heading;
    previous_ends = EndsSentence(line.text) || IsPageNumber(line.text);
  }
  return blocks;
}

namespace {

void AddPageFacts(const Page& page, const RulesOptions& options, DocumentContext& context,
                  std::vector<Fact>& facts) {
  const std::size_t first = facts.size();
  std::vector<Fact> references = ExtractReferenceFacts(page, options);
  facts.insert(facts.end(), std::make_move_iterator(references.begin()),
               std::make_move_iterator(references.end()));
  for (const Block& block : SplitBlocks(page.text)) {
    if (block.heading || !block.table_row) UpdateSection(block, context.year, context);
    if (block.heading) continue;
    AddTaskFacts(page, block, options, context, facts);
    AddIndicatorFacts(page, block, options, context, facts);
    AddTargetFacts(page, block, options, context, facts);
    AddDeadlineFacts(page, block, options, context, facts);
  }
  for (std::size_t i = first; i < facts.size(); ++i) AddReviewReasons(page, facts[i]);
}

void DropWeak(std::vector<Fact>& facts, double min_confidence) {
  facts.erase(std::remove_if(facts.begin(), facts.end(),
                             [&](const Fact& f) { return f.confidence < min_confidence; }),
              facts.end());
}

DocumentContext ContextFromOptions(const RulesOptions& options) {
  DocumentContext context;
  context.year = options.document_year;
  context.period_start = options.period_start;
  context.period_end = options.period_end;
  context.entity = options.entity;
  return context;
}

}  // namespace
}  // namespace baocao::rules_internal

namespace baocao {

std::vector<Fact> ExtractFacts(const Page& page, const RulesOptions& options) {
  rules_internal::DocumentContext context = rules_internal::ContextFromOptions(options);
  std::vector<Fact> facts;
  rules_internal::AddPageFacts(page, options, context, facts);
  rules_internal::DropWeak(facts, options.min_confidence);
  return facts;
}

std::optional<Fact> ExtractMetadata(const std::vector<Page>& pages, const RulesOptions& options,
                                    int* year) {
  rules_internal::DocumentContext context = rules_internal::ContextFromOptions(options);
  std::optional<Fact> fact = rules_internal::ReadMetadata(pages, options, context);
  if (year != nullptr) *year = context.year;
  return fact;
}

void ExtractDocumentFacts(Document& doc, const RulesOptions& options) {
  rules_internal::DocumentContext context = rules_internal::ContextFromOptions(options);
  doc.facts.clear();
  if (std::optional<Fact> metadata = rules_internal::ReadMetadata(doc.pages, options, context)) {
    doc.facts.push_back(std::move(*metadata));
  }
  RulesOptions page_options = options;
  page_options.document_year = context.year;
  page_options.period_start = context.period_start;
  page_options.period_end = context.period_end;
  page_options.entity = context.entity;
  for (const Page& page : doc.pages) {
    rules_internal::AddPageFacts(page, page_options, context, doc.facts);
  }
  rules_internal::DropWeak(doc.facts, options.min_confidence);
}

}  // namespace baocao
