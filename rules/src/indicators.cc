// Indicators: measured quantities in the prose of report results sections,
// and the filled rows of statistics appendices.
#include <algorithm>

#include "fact_rules.h"
#include "parsers.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

// ---- statistics appendix rows ---------------------------------------------

bool IsRowCode(std::string_view cell) {
  return RE2::FullMatch(Trim(cell), FactPatterns::Get()["appendix.code"]);
}

// `cell` without what OCR adds around a short cell: the ruling beside it
// ("|", "_"), specks ("°", "“", "*"), stray punctuation. Letters outside
// ASCII go too: a code cell holds digits and dots only.
std::string_view WithoutSpecks(std::string_view cell) {
  const auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  std::size_t begin = 0, end = cell.size();
  while (begin < end && !alnum(cell[begin])) ++begin;
  while (end > begin && !alnum(cell[end - 1])) --end;
  return cell.substr(begin, end - begin);
}

// The digits of a code cell as OCR reads a small number in a ruled cell:
// dots lost or read as commas, "1" as "l"/"I"/"L", "0" as "O", the rule
// beside it as "|". Empty when the cell holds anything else.
std::string CodeDigits(std::string_view cell) {
  std::string digits;
  for (const char c : WithoutSpecks(cell)) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == 'l' || c == 'I' || c == 'L') {
      digits.push_back('1');
    } else if (c == 'O' || c == 'o') {
      digits.push_back('0');
    } else if (c != '.' && c != ',' && c != ' ') {
      return "";
    }
  }
  return digits;
}

// The codes that may follow `last` in a hierarchical form ("4.1.1"): its
// first child, its next sibling, and the next sibling of each ancestor.
std::vector<std::string> NextCodes(const std::string& last) {
  std::vector<int> parts;
  for (std::size_t begin = 0; begin < last.size();) {
    const std::size_t dot = std::min(last.find('.', begin), last.size());
    parts.push_back(std::atoi(last.substr(begin, dot - begin).c_str()));
    begin = dot + 1;
  }
  const auto join = [](const std::vector<int>& p) {
    std::string out;
    for (const int n : p) out += (out.empty() ? "" : ".") + std::to_string(n);
    return out;
  };
  std::vector<std::string> next;
  std::vector<int> child = parts;
  child.push_back(1);
  next.push_back(join(child));
  for (std::size_t depth = parts.size(); depth > 0; --depth) {
    std::vector<int> sibling(parts.begin(), parts.begin() + static_cast<std::ptrdiff_t>(depth));
    ++sibling.back();
    next.push_back(join(sibling));
  }
  return next;
}

// The row code in `cell`: as written ("1.1.1."), or, when OCR garbled it
// ("412.", "1.1.1. |", "311,"), the code after the previous row's whose
// digits it holds. Empty when the cell names no code.
std::string ReadRowCode(std::string_view cell, const DocumentContext& context, bool* inferred) {
  *inferred = false;
  const std::string_view clean = WithoutSpecks(cell);
  const bool literal = IsRowCode(clean);
  const std::string digits = CodeDigits(cell);
  if (digits.empty() || context.last_row_code.empty()) return literal ? std::string(clean) : "";
  // "3.13" after "3.1.2" is "3.1.3" with a dot lost; "2.3" after "2.1" is
  // itself (a form may leave rows out).
  const std::vector<std::string> next = NextCodes(context.last_row_code);
  if (literal && std::find(next.begin(), next.end(), clean) != next.end()) return std::string(clean);
  for (const std::string& code : next) {
    std::string code_digits = code;
    code_digits.erase(std::remove(code_digits.begin(), code_digits.end(), '.'), code_digits.end());
    if (code_digits == digits) {
      *inferred = true;
      return code;
    }
  }
  return literal ? std::string(clean) : "";
}

// "STT | Các chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú": where unit and value are.
bool ReadStatHeader(const std::vector<std::string_view>& cells, DocumentContext& context) {
  if (cells.size() < 3) return false;
  // OCR may add the ruling ("STT |") or lose a letter ("ST").
  const std::string first = Fold(WithoutSpecks(cells[0]));
  if (first != "stt" && first != "tt" && first != "st") return false;
  int unit = -1, value = -1;
  for (std::size_t i = 1; i < cells.size(); ++i) {
    const std::string folded = Fold(cells[i]);
    if (folded.find("don vi") != std::string::npos) unit = static_cast<int>(i);
    if (folded.find("so lieu") != std::string::npos) value = static_cast<int>(i);
  }
  if (value < 2) return false;
  if (unit < 0 || unit >= value) unit = value - 1;  // "Đơn vị tính" unreadable: the column before
  context.in_stat_table = true;
  context.last_row_code.clear();
  context.stat_header_cells = cells.size();
  context.stat_unit_column = unit;
  context.stat_value_column = value;
  return true;
}

void AddAppendixRow(const Page& page, const Block& block, DocumentContext& context,
                    std::vector<Fact>& facts) {
  const std::vector<std::string_view> cells = SplitCells(block.text);
  if (ReadStatHeader(cells, context)) return;
  if (!context.in_stat_table) {
    // A coded row of the national form without a header on this page.
    if (cells.size() < 4 || !IsRowCode(WithoutSpecks(cells[0]))) return;
  }
  const auto cell = [&](int i) -> std::string_view {
    return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? Trim(cells[static_cast<std::size_t>(i)]) : std::string_view();
  };
  const std::string_view code_cell = cell(0);
  std::string_view name = cell(1);
  std::string_view unit = cell(context.stat_unit_column);
  std::string_view value_cell = cell(context.stat_value_column);
  // Rows without a value still number the form: the next code follows theirs.
  bool inferred = false;
  const std::string code = ReadRowCode(code_cell, context, &inferred);
  const bool coded = !code.empty();
  if (coded) context.last_row_code = code;
  if (name.empty() || value_cell.empty()) return;
  bool percent_sign = false;
  if (value_cell.back() == '%') {
    percent_sign = true;
    value_cell = Trim(value_cell.substr(0, value_cell.size() - 1));
  }
  const std::optional<double> value = ParseNumber(value_cell);
  if (!value) return;
  const bool legend = unit.find('=') != std::string_view::npos;
  name = Trim(name, " -:");
  Fact fact = MakeFact("indicator", page, block.span,
                       inferred ? "indicator.appendix_row_inferred_code"
                       : coded  ? "indicator.appendix_row"
                                : "indicator.appendix_subrow",
                       inferred ? 0.8 : coded ? 0.95 : 0.9);
  fact.fields["label"] = std::string(name);
  fact.fields["code"] = StringOrNull(code);
  fact.fields["value"] = *value;
  fact.fields["unit"] = legend ? FieldValue() : StringOrNull(unit);
  fact.fields["numerator"] = std::monostate{};
  fact.fields["denominator"] = std::monostate{};
  fact.fields["percent"] = (unit == "%" || percent_sign) ? FieldValue(*value) : FieldValue();
  fact.fields["period_start"] = StringOrNull(context.period_start);
  fact.fields["period_end"] = StringOrNull(context.period_end);
  fact.fields["entity"] = StringOrNull(context.entity);
  // A row split or merged differently from its header may have its value
  // read from the wrong column.
  if (context.in_stat_table && cells.size() != context.stat_header_cells) {
    fact.review_reasons.push_back("table_cells");
  }
  facts.push_back(std::move(fact));
}

// ---- prose ----------------------------------------------------------------

// Words before a number that make it an identifier, a level or a rank.
bool PrecededByIdentifierWord(std::string_view before) {
  const std::string folded = Fold(before.substr(before.size() > 24 ? before.size() - 24 : 0));
  for (const char* word : {"muc do", "muc", "thu", "ky", "khoa", "lan", "dieu", "khoan", "diem",
                           "giai doan", "nhom", "top", "phu luc", "chuong", "muc tieu", "luc so", "quy",
                           "thang", "nam", "ngay", "iso", "tcvn", "qcvn", "phien", "doan", "hang"}) {
    const std::string w = word;
    if (folded.size() >= w.size() && folded.compare(folded.size() - w.size(), w.size(), w) == 0 &&
        (folded.size() == w.size() || folded[folded.size() - w.size() - 1] == ' ')) {
      return true;
    }
  }
  return false;
}

// "10:30", "9001:2015": a number glued to another by a colon.
bool GluedByColon(std::string_view before) {
  return before.size() >= 2 && before.back() == ':' && before[before.size() - 2] >= '0' &&
         before[before.size() - 2] <= '9';
}

// "ISO 9001: 2015", "TCVN 5555 : 2011": the year of a standard is part of its
// name, never a measured value, however OCR or the writer spaced the colon.
bool IsStandardYear(std::string_view before) {
  const std::string_view tail = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  return RE2::PartialMatch(tail, FactPatterns::Get()["indicator.standard_designation"]);
}

// Whether `after` opens with a unit of time: "tháng", "năm" (after "6 tháng",
// "03 năm"), also when a line break falls between number and word.
bool FollowedByDuration(std::string_view after) {
  while (!after.empty() && (after.front() == ' ' || after.front() == '\n')) after.remove_prefix(1);
  const std::string folded = Fold(after.substr(0, std::min<std::size_t>(after.size(), 12)));
  for (const char* word : {"nam", "thang", "ngay", "tuan", "gio", "phut"}) {
    const std::string w = word;
    if (folded.rfind(w, 0) == 0 && (folded.size() == w.size() || folded[w.size()] == ' ' ||
                                    folded[w.size()] == ',' || folded[w.size()] == '.')) {
      return true;
    }
  }
  return false;
}

// Start of the clause that holds `pos`: after the last sentence or clause mark.
std::size_t ClauseStart(std::string_view text, std::size_t pos, std::string_view marks) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (marks.find(text[i]) != std::string_view::npos) start = i + 1;
  }
  while (start < pos && (text[start] == ' ' || text[start] == '\n' || text[start] == '-' ||
                         text[start] == '+')) {
    ++start;
  }
  return start;
}

std::size_t ClauseEnd(std::string_view text, std::size_t pos, std::string_view marks) {
  std::size_t end = pos;
  while (end < text.size() && marks.find(text[end]) == std::string_view::npos) ++end;
  return end;
}

// The noun phrase after a count without a known unit ("03 quạt trần,"): up to
// four words before punctuation.
std::string_view NounAfter(std::string_view text, std::size_t pos) {
  std::size_t end = pos;
  int words = 0;
  while (end < text.size() && words < 4) {
    while (end < text.size() && text[end] == ' ') ++end;
    const std::size_t word_start = end;
    while (end < text.size() && std::string_view(" ,;.:()\n").find(text[end]) == std::string_view::npos) ++end;
    if (end == word_start) break;
    ++words;
  }
  return Trim(text.substr(pos, end - pos));
}

struct ProseIndicator {
  Fact fact;
  std::size_t number_end = 0;   // in block text
  std::size_t clause_end = 0;
  std::optional<double> numerator, denominator;
};

// A local period given for figures: "(từ 15/12/2023 đến 14/03/2024)",
// "số liệu từ ngày 05/11/2023 đến 01/9/2024", "năm 2023" in the label.
void LocalPeriod(const std::vector<PeriodMatch>& periods, std::size_t label_begin,
                 std::size_t number_begin, const DocumentContext& context, std::string* start,
                 std::string* end) {
  *start = context.period_start;
  *end = context.period_end;
  for (const PeriodMatch& p : periods) {
    if (!p.valid || p.span.begin >= number_begin) continue;
    if (p.kind == PeriodKind::kRange && p.rule.find("day") != std::string::npos) {
      *start = p.start;
      *end = p.end;
    } else if (p.kind == PeriodKind::kRange && p.start.size() == 10 && p.end.size() == 10 &&
               p.start.substr(0, 4) != p.end.substr(0, 4) && p.text.find('/') != std::string::npos) {
      *start = p.start;
      *end = p.end;
    } else if (p.kind == PeriodKind::kYear && p.span.begin >= label_begin && context.year > 0 &&
               p.start.substr(0, 4) != std::to_string(context.year)) {
      *start = p.start;
      *end = p.end;
    }
  }
}

void AddProseIndicators(const Page& page, const Block& block, const RulesOptions& options,
                        const DocumentContext& context, std::vector<Fact>& facts) {
  const std::string_view text = block.text;
  const std::vector<NumberMatch> numbers = FindNumbers(text);
  if (numbers.empty()) return;
  const std::vector<PeriodMatch> periods = FindPeriods(text, context.year);
  std::vector<ProseIndicator> found;
  for (const NumberMatch& n : numbers) {
    if (n.kind == NumberKind::kRange) continue;
    const std::string_view before = text.substr(0, n.span.begin);
    const std::string_view after = text.substr(n.span.end);
    if (PrecededByIdentifierWord(before)) continue;
    if (GluedByColon(before) || IsStandardYear(before)) continue;
    const bool after_colon = Trim(before, " ").size() > 0 && Trim(before, " ").back() == ':';
    // "6 tháng", "sơ kết 02 năm": a period's length. Only a figure given
    // after a colon ("Thời gian giải quyết trung bình: 3 ngày") is measured.
    const bool duration = FollowedByDuration(n.unit.empty() ? after : std::string_view(n.unit));
    if (duration && (n.unit.empty() || !after_colon)) continue;
    const std::size_t clause_begin = ClauseStart(text, n.span.begin, ".;(+");
    const std::size_t clause_end = ClauseEnd(text, n.span.end, ".;)");
    // A percentage right after a count in the same clause is that count's share.
    if (n.unit == "%" && !found.empty() && found.back().clause_end >= n.span.begin &&
        n.span.begin - found.back().number_end < 60) {
      ProseIndicator& owner = found.back();
      owner.fact.fields["percent"] = n.value;
      double strength = 0.85;
      if (owner.numerator && owner.denominator && PercentDisagrees(*owner.numerator, *owner.denominator, n.value)) {
        strength = 0.5;
      }
      const std::size_t end = n.span.end;
      Fact redone = MakeFact("indicator", page,
                             {block.span.begin + (owner.fact.span.begin - block.span.begin), block.span.begin + end},
                             owner.fact.rule, strength);
      redone.fields = owner.fact.fields;
      owner.fact = std::move(redone);
      owner.number_end = end;
      continue;
    }
    std::string unit = n.unit;
    std::size_t quote_end = n.span.end;
    if (unit.empty()) {
      const std::string_view noun = NounAfter(text, n.span.end);
      const bool leading_zero = n.text.size() >= 2 && n.text[0] == '0' && n.text[1] != ',';
      if (!after_colon && !(leading_zero && !noun.empty())) continue;
      if (!after_colon) {
        unit = std::string(noun);
        quote_end = static_cast<std::size_t>(noun.data() + noun.size() - text.data());
      }
    }
    // The label: the clause before the number (before a colon that precedes
    // it), or the clause after a leading percentage.
    std::size_t label_begin = clause_begin, label_end = n.span.begin;
    if (after_colon) label_end = Trim(before, " ").size() - 1;
    std::string label(Trim(text.substr(label_begin, label_end - label_begin), " \n:,"));
    std::size_t quote_begin = label_begin;
    if (label.empty() || n.unit == "%") {
      if (n.span.begin == clause_begin || label.empty()) {
        label = std::string(Trim(text.substr(n.span.end, ClauseEnd(text, n.span.end, ".;(") - n.span.end)));
        quote_begin = n.span.begin;
        quote_end = ClauseEnd(text, n.span.end, ".;(");
      }
    }
    if (label.empty() && unit == "%") continue;  // a share of nothing named
    if (label.empty()) label = unit;
    label = CollapseSpaces(label);
    std::string start, end;
    LocalPeriod(periods, label_begin, n.span.begin, context, &start, &end);
    const bool fraction = n.kind == NumberKind::kFraction;
    ProseIndicator indicator;
    indicator.fact = MakeFact("indicator", page, {block.span.begin + quote_begin, block.span.begin + quote_end},
                              fraction ? "indicator.prose_fraction" : "indicator.prose",
                              after_colon || !n.unit.empty() ? 0.85 : 0.75);
    Fact& fact = indicator.fact;
    fact.fields["label"] = label;
    fact.fields["code"] = StringOrNull(CatalogCode(label, options));
    fact.fields["value"] = n.value;
    fact.fields["unit"] = StringOrNull(unit);
    fact.fields["numerator"] = fraction ? FieldValue(n.value) : FieldValue();
    fact.fields["denominator"] = fraction ? FieldValue(n.second) : FieldValue();
    fact.fields["percent"] = unit == "%" ? FieldValue(n.value) : FieldValue();
    fact.fields["period_start"] = StringOrNull(start);
    fact.fields["period_end"] = StringOrNull(end);
    fact.fields["entity"] = StringOrNull(context.entity);
    if (fraction) {
      indicator.numerator = n.value;
      indicator.denominator = n.second;
    }
    indicator.number_end = n.span.end;
    indicator.clause_end = clause_end;
    found.push_back(std::move(indicator));
  }
  for (ProseIndicator& indicator : found) facts.push_back(std::move(indicator.fact));
}

}  // namespace

void AddIndicatorFacts(const Page& page, const Block& block, const RulesOptions& options,
                       DocumentContext& context, std::vector<Fact>& facts) {
  if (block.table_row) {
    if (!context.task_columns.empty()) return;
    AddAppendixRow(page, block, context, facts);
    return;
  }
  if (context.doc_type == "Kế hoạch") return;  // a plan states goals, not results
  if (context.section != SectionKind::kResults) return;
  AddProseIndicators(page, block, options, context, facts);
}

}  // namespace baocao::rules_internal
