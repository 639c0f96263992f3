// Targets: goals with a number in plans and forward-looking sections
// ("phấn đấu ... đạt 100%", "tối thiểu 20%", "từ 33% trở lên", "top 5").
#include "fact_rules.h"
#include "parsers.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

std::size_t ClauseBegin(std::string_view text, std::size_t pos) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    const char c = text[i];
    if (c == ';' || c == '\t' || c == ':' || (c == '.' && i + 1 < text.size() && text[i + 1] == ' ')) start = i + 1;
  }
  while (start < pos && (text[start] == ' ' || text[start] == '\n' || text[start] == '-')) ++start;
  return start;
}

std::size_t ClauseFinish(std::string_view text, std::size_t pos) {
  for (std::size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ';' || c == '\t' || c == '\n' || (c == '.' && (i + 1 == text.size() || text[i + 1] == ' '))) return i;
  }
  return text.size();
}

// Drops goal words from the ends of a label.
std::string CleanLabel(std::string_view label) {
  const RE2& lead = FactPatterns::Get()["target.label_lead"];
  const RE2& tail = FactPatterns::Get()["target.label_tail"];
  std::string out = CollapseSpaces(Trim(label, " ,\n:"));
  while (RE2::Replace(&out, lead, "")) {
  }
  while (RE2::Replace(&out, tail, "")) {
  }
  return std::string(Trim(out, " ,"));
}

Fact NewTarget(const Page& page, const Block& block, Span quote, const std::string& rule, double strength,
               const std::string& label, std::string_view comparator, double value, std::string_view unit,
               const DocumentContext& context) {
  Fact fact = MakeFact("target", page, {block.span.begin + quote.begin, block.span.begin + quote.end}, rule,
                       strength);
  fact.fields["label"] = StringOrNull(label);
  fact.fields["comparator"] = std::string(comparator);
  fact.fields["value"] = value;
  fact.fields["unit"] = StringOrNull(unit);
  fact.fields["percent"] = unit == "%" ? FieldValue(value) : FieldValue();
  fact.fields["period_start"] = StringOrNull(context.period_start);
  fact.fields["period_end"] = StringOrNull(context.period_end);
  return fact;
}

}  // namespace

void AddTargetFacts(const Page& page, const Block& block, const RulesOptions& /*options*/,
                    const DocumentContext& context, std::vector<Fact>& facts) {
  const bool plan_document = context.doc_type == "Kế hoạch";
  const bool plan_section = context.section == SectionKind::kPlan || context.section == SectionKind::kContents;
  if (!plan_document && !plan_section) return;
  if (block.table_row && context.task_columns.empty()) return;  // statistics, not goals
  const FactPatterns& patterns = FactPatterns::Get();
  const std::string_view text = block.text;
  for (const NumberMatch& n : FindNumbers(text)) {
    if (n.unit != "%") continue;
    const std::size_t begin = ClauseBegin(text, n.span.begin);
    const std::size_t end = ClauseFinish(text, n.span.end);
    const std::string_view before = text.substr(begin, n.span.begin - begin);
    std::string_view comparator = "=";
    if (n.kind == NumberKind::kAtLeast || n.kind == NumberKind::kRange ||
        RE2::PartialMatch(before, patterns["target.at_least_before"]) ||
        RE2::PartialMatch(text.substr(n.span.end), patterns["target.at_least_after"])) {
      comparator = ">=";
    }
    // "100% X được ..." names the goal after the number; "tỷ lệ X đạt 100%"
    // before it.
    const std::string before_label = CleanLabel(before);
    const bool leads = before_label.empty() || RE2::PartialMatch(before, patterns["target.cue"]) ||
                       RE2::PartialMatch(before, patterns["target.at_least_before"]);
    std::string label = leads ? CleanLabel(text.substr(n.span.end, end - n.span.end)) : before_label;
    if (label.empty()) label = before_label;
    Span quote{begin, leads ? end : n.span.end};
    facts.push_back(NewTarget(page, block, quote, "target.percent", leads ? 0.8 : 0.85, label, comparator,
                              n.value, "%", context));
  }
  re2::StringPiece input(text), rank;
  while (RE2::FindAndConsume(&input, patterns["target.rank"], &rank)) {
    const std::size_t at = static_cast<std::size_t>(rank.data() - text.data());
    const std::size_t begin = ClauseBegin(text, at);
    std::size_t end = ClauseFinish(text, at);
    const std::size_t comma = text.substr(0, end).find(';', at);
    if (comma != std::string_view::npos) end = comma;
    std::string label = CleanLabel(text.substr(begin, at - begin));
    RE2::Replace(&label, patterns["target.rank_verb"], "");
    label += " (thứ hạng)";
    facts.push_back(NewTarget(page, block, {begin, end}, "target.rank", 0.8, label, "<=",
                              SmallNumber(std::string_view(rank.data(), rank.size())), "", context));
  }
}

}  // namespace baocao::rules_internal
