// Deadlines and tasks: the time of a duty, in prose and in a plan's task
// tables (TT | Nội dung | Sản phẩm | Cơ quan chủ trì | Cơ quan phối hợp |
// Thời gian hoàn thành).
#include <algorithm>

#include "fact_rules.h"
#include "parsers.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

void SetTime(Fact& fact, std::string_view due, std::string_view modifier, std::string_view period_text,
             std::string_view recurrence) {
  fact.fields["due"] = StringOrNull(due);
  fact.fields["modifier"] = StringOrNull(modifier);
  fact.fields["period_text"] = StringOrNull(Trim(period_text, " \t\n.;,"));
  fact.fields["recurrence"] = StringOrNull(recurrence);
}

std::string_view RecurrenceOf(std::string_view text) {
  const std::string folded = Fold(text);
  if (folded.find("quy") != std::string::npos || folded.find("3 thang") != std::string::npos) {
    return "quarterly";
  }
  if (folded.find("hang nam") != std::string::npos || folded.find("hang nam") != std::string::npos ||
      folded.find("cuoi nam") != std::string::npos) {
    return "yearly";
  }
  return "";
}

}  // namespace

double ReadDueTime(std::string_view text, int year, Fact& fact) {
  const FactPatterns& patterns = FactPatterns::Get();
  const std::string_view trimmed = Trim(text, " \t\n-.;,");
  if (trimmed.empty()) return 0;
  if (RE2::PartialMatch(trimmed, patterns["time.done"])) {
    SetTime(fact, "", "", trimmed, "");
    return 0.7;
  }
  if (RE2::PartialMatch(trimmed, patterns["time.continuous"])) {
    SetTime(fact, "", "continuous", trimmed, "");
    return 0.9;
  }
  if (RE2::PartialMatch(trimmed, patterns["deadline.quarter_day"])) {
    SetTime(fact, "", "recurring", trimmed, "quarterly");
    return 0.85;
  }
  const std::vector<PeriodMatch> periods = FindPeriods(trimmed, year);
  const bool recurring = RE2::PartialMatch(trimmed, patterns["time.recurring"]);
  if (recurring && (periods.empty() || RecurrenceOf(trimmed) == "quarterly")) {
    SetTime(fact, "", "recurring", trimmed, RecurrenceOf(trimmed));
    return 0.85;
  }
  if (RE2::PartialMatch(trimmed, patterns["time.as_required"])) {
    SetTime(fact, "", "as_required", trimmed, "");
    return 0.8;
  }
  if (periods.empty()) return 0;
  const PeriodMatch& p = periods.front();
  std::string_view modifier = "during";
  if (RE2::PartialMatch(trimmed, patterns["time.on_or_before"])) {
    modifier = "on_or_before";
  } else if (RE2::PartialMatch(trimmed, patterns["time.before"])) {
    modifier = "before";
  } else if (p.kind == PeriodKind::kDay) {
    modifier = "on";
  }
  double strength = p.year_implicit ? 0.8 : 0.9;
  if (!p.valid) {
    fact.fields["invalid_date"] = p.text;
    strength = 0.4;  // an impossible date: for review
  }
  const std::string due = !p.valid ? "" : (modifier == "before" || modifier == "on" ||
                                           (modifier == "on_or_before" && p.kind == PeriodKind::kDay))
                                              ? p.start
                                              : p.end;
  SetTime(fact, due, modifier, trimmed, "");
  return strength;
}

namespace {

// ---- task tables -----------------------------------------------------------

enum TaskColumn { kContent = 0, kLead = 1, kPartners = 2, kTime = 3 };

// A header cell folded and without spaces: OCR drops and adds spaces
// ("phốhợp", "Cơ quan  chủ trì").
std::string Squeezed(std::string_view cell) {
  std::string folded = Fold(cell);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

bool Has(const std::string& text, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const char* w) { return text.find(w) != std::string::npos; });
}

bool ReadTaskHeader(const std::vector<std::string_view>& cells, DocumentContext& context) {
  if (cells.size() < 4) return false;
  // A header's first cell is "TT" (or what OCR made of it), never a number.
  const std::string first = Fold(cells[0]);
  if (std::any_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  std::vector<int> columns(4, -1);
  int signals = 0;  // header words found, of the plan form's columns
  for (std::size_t i = 1; i < cells.size(); ++i) {
    const std::string folded = Squeezed(cells[i]);
    const int index = static_cast<int>(i);
    if (Has(folded, {"noidung", "nhiemvu"})) {
      if (columns[kContent] < 0) columns[kContent] = index;
      ++signals;
    } else if (Has(folded, {"chutri"})) {
      columns[kLead] = index;
      ++signals;
    } else if (Has(folded, {"thuchien"})) {
      columns[kLead] = index;
      ++signals;
    } else if (Has(folded, {"phoihop"})) {
      columns[kPartners] = index;
      ++signals;
    } else if (Has(folded, {"thoigian", "thoihan", "hoanthanh"})) {
      columns[kTime] = index;
      ++signals;
    } else if (Has(folded, {"sanpham", "ketqua", "coquan"})) {
      ++signals;
    }
  }
  const bool numbered = first == "tt" || first == "stt";
  if (!numbered && signals < 3) return false;
  // OCR garbles some headings of the plan form (TT | Nội dung | Sản phẩm |
  // Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành): with the
  // others read, a six-column header takes the form's places for them.
  if ((columns[kContent] < 0 || columns[kTime] < 0) && cells.size() == 6 && signals >= 2) {
    const int form[4] = {1, 3, 4, 5};
    for (int k = 0; k < 4; ++k) {
      const bool taken = std::find(columns.begin(), columns.end(), form[k]) != columns.end();
      if (columns[static_cast<std::size_t>(k)] < 0 && !taken) columns[static_cast<std::size_t>(k)] = form[k];
    }
  }
  if (columns[kContent] < 0 || columns[kTime] < 0) return false;
  context.task_columns = columns;
  context.task_header_cells = cells.size();
  context.in_stat_table = false;
  return true;
}

// "- Phòng Nội vụ; - UBND cấp xã." -> {"Phòng Nội vụ", "UBND cấp xã"}.
std::vector<std::string> SplitBodies(std::string_view cell) {
  std::vector<std::string> out;
  std::string current;
  const auto flush = [&] {
    const std::string_view item = Trim(current, " \t\n.;,-");
    if (!item.empty()) out.emplace_back(CollapseSpaces(item));
    current.clear();
  };
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const char c = cell[i];
    const bool bullet = c == '-' && (i == 0 || cell[i - 1] == ' ') && i + 1 < cell.size() && cell[i + 1] == ' ';
    if (c == ';' || bullet) {
      flush();
      continue;
    }
    current.push_back(c);
  }
  flush();
  return out;
}

std::string JoinBodies(const std::vector<std::string>& bodies) {
  std::string out;
  for (const std::string& body : bodies) {
    if (!out.empty()) out += "; ";
    out += body;
  }
  return out;
}

// The first clause of a content cell, without its bullet.
std::string FirstClause(std::string_view cell) {
  cell = Trim(cell, " -\t");
  std::size_t end = cell.size();
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] == ';' || cell[i] == ':' || (cell[i] == '.' && (i + 1 == cell.size() || cell[i + 1] == ' '))) {
      end = i;
      break;
    }
  }
  return CollapseSpaces(Trim(cell.substr(0, end), " ,"));
}

// The parts of a multi-part time cell ("- Kế hoạch: Quý I/2024. - Báo cáo:
// Tháng 12/2024."), each without its product label.
std::vector<std::string_view> TimeParts(std::string_view cell) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= cell.size(); ++i) {
    const bool bullet = i < cell.size() && cell[i] == '-' && (i == 0 || cell[i - 1] == ' ') &&
                        i + 1 < cell.size() && cell[i + 1] == ' ';
    if (i == cell.size() || (bullet && i > start)) {
      std::string_view part = Trim(cell.substr(start, i - start), " -;.");
      const std::size_t colon = part.find(':');
      if (colon != std::string_view::npos) part = Trim(part.substr(colon + 1), " ");
      if (!part.empty()) parts.push_back(part);
      start = i + 1;
    }
  }
  return parts;
}

// "Kế hoạch cải cách hành chính năm 2024": a product named in a time cell,
// whose year is part of its name rather than a time.
bool NamesAProduct(std::string_view part, int year) {
  if (part.find(':') != std::string_view::npos) return false;
  const std::vector<PeriodMatch> periods = FindPeriods(part, year);
  if (periods.empty() || periods.front().kind != PeriodKind::kYear) return false;
  const std::string lead = Fold(part.substr(0, periods.front().span.begin));
  return !lead.empty() && lead.find("trong") == std::string::npos && lead.find("truoc") == std::string::npos &&
         lead.find("chm") == std::string::npos && lead.find("cham nhat") == std::string::npos;
}

void AddTaskRow(const Page& page, const Block& block, const DocumentContext& context,
                std::vector<Fact>& facts) {
  const std::vector<std::string_view> cells = SplitCells(block.text);
  const std::string_view number = Trim(cells[0]);
  if (number.empty() || !std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return;
  }
  const auto cell = [&](TaskColumn column) -> std::string_view {
    const int i = context.task_columns[column];
    return i >= 0 && static_cast<std::size_t>(i) < cells.size() ? Trim(cells[static_cast<std::size_t>(i)]) : std::string_view();
  };
  const std::string task = FirstClause(cell(kContent));
  if (task.empty()) return;
  Fact fact = MakeFact("task", page, block.span, "task.table_row", 1.0);
  fact.fields["task"] = task;
  double strength = 0;
  for (std::string_view part : TimeParts(cell(kTime))) {
    if (NamesAProduct(part, context.year)) continue;
    strength = ReadDueTime(part, context.year, fact);
    if (strength > 0) break;
  }
  // A row split or merged differently from its header, or a time cell that
  // gives no time, may have been read from the wrong columns.
  bool doubtful_cells = cells.size() != context.task_header_cells;
  if (strength == 0) {
    SetTime(fact, "", "", cell(kTime), "");
    strength = 0.5;
    doubtful_cells = true;
  }
  if (doubtful_cells) fact.review_reasons.push_back("table_cells");
  fact.fields["lead"] = StringOrNull(JoinBodies(SplitBodies(cell(kLead))));
  fact.fields["partners"] = SplitBodies(cell(kPartners));
  fact.confidence *= strength;
  facts.push_back(std::move(fact));
}

// ---- prose deadlines ---------------------------------------------------------

// Whether `pos` opens a clause: at the block start or after ". ", "; ", ", ".
bool OpensClause(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n')) --i;
  return i == 0 || text[i - 1] == '.' || text[i - 1] == ';' || text[i - 1] == ':' || text[i - 1] == ',' ||
         text[i - 1] == '-';
}

bool OpensSentence(std::string_view text, std::size_t pos) {
  std::size_t i = pos;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\n')) --i;
  return i == 0 || text[i - 1] == '.' || text[i - 1] == ';' || text[i - 1] == ':';
}

std::size_t SentenceStart(std::string_view text, std::size_t pos) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '.' || text[i] == ';' || (text[i] == ':' && i + 1 < text.size() && text[i + 1] == ' ')) {
      if (text[i] == '.' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '\n') continue;
      start = i + 1;
    }
  }
  while (start < pos && (text[start] == ' ' || text[start] == '\n' || text[start] == '-' || text[start] == '+')) {
    ++start;
  }
  return start;
}

std::size_t SentenceEnd(std::string_view text, std::size_t pos) {
  for (std::size_t i = pos; i < text.size(); ++i) {
    if (text[i] == ';') return i;
    if (text[i] == '.' && (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n')) return i;
  }
  return text.size();
}

struct Cue {
  Span span;                  // of the time phrase, in the block
  std::string_view modifier;  // forced modifier, or "" to read it from the phrase
  std::string_view recurrence;
  double strength = 0.8;
};

std::vector<Cue> FindCues(std::string_view text, const DocumentContext& context) {
  const FactPatterns& patterns = FactPatterns::Get();
  const bool plan = context.section == SectionKind::kPlan;
  std::vector<Cue> cues;
  const auto add = [&](re2::StringPiece m, std::string_view modifier, std::string_view recurrence,
                       double strength) {
    const std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
    Span span{begin, begin + m.size()};
    for (const Cue& c : cues) {
      if (span.begin < c.span.end && c.span.begin < span.end) return;
    }
    cues.push_back({span, modifier, recurrence, strength});
  };
  re2::StringPiece input(text), m;
  std::size_t pos = 0;
  while (FindNext(patterns["deadline.quarter_day"], text, &pos, &m)) add(m, "recurring", "quarterly", 0.85);
  pos = 0;
  while (FindNext(patterns["deadline.before"], text, &pos, &m)) add(m, "", "", 0.85);
  input = text;
  while (RE2::FindAndConsume(&input, patterns["deadline.periodic"], &m)) {
    const std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
    const std::string folded = Fold(m);
    const bool detailed = folded != "dinh ky";
    const std::string before = Fold(text.substr(begin >= 12 ? begin - 12 : 0, begin >= 12 ? 12 : begin));
    const bool after_report = before.size() >= 7 && before.compare(before.size() - 7, 7, "bao cao") == 0;
    const bool report_follows = Fold(text.substr(begin + m.size(), 24)).find("bao cao") != std::string::npos;
    if (!(detailed || after_report || (report_follows && OpensClause(text, begin)))) continue;
    std::string_view recurrence = RecurrenceOf(std::string_view(m.data(), m.size()));
    add(m, "recurring", recurrence, 0.8);
  }
  input = text;
  while (RE2::FindAndConsume(&input, patterns["deadline.each"], &m)) {
    const std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
    const bool clause_start = OpensSentence(text, begin) || (Fold(m) == "cuoi nam" && OpensClause(text, begin));
    const bool at_end = begin + m.size() < text.size() + 1 &&
                        Trim(text.substr(begin + m.size()), " \n").substr(0, 1).find_first_of(".;") == 0;
    if (!(clause_start || (plan && at_end))) continue;
    add(m, "recurring", RecurrenceOf(std::string_view(m.data(), m.size())), 0.75);
  }
  input = text;
  while (RE2::FindAndConsume(&input, patterns["deadline.within"], &m)) {
    // Outside plans, "trong quý I" of a report is the past it reports on; a
    // time after the reporting period is a duty.
    if (!plan && !context.period_end.empty()) {
      const std::vector<PeriodMatch> periods = FindPeriods(std::string_view(m.data(), m.size()), context.year);
      if (periods.empty() || !periods.front().valid || periods.front().end <= context.period_end) continue;
    }
    add(m, "", "", 0.75);
  }
  if (plan) {
    input = text;
    while (RE2::FindAndConsume(&input, patterns["deadline.continuous"], &m)) {
      const std::size_t begin = static_cast<std::size_t>(m.data() - text.data());
      if (!OpensSentence(text, begin)) continue;
      add(m, "continuous", "", 0.7);
    }
  }
  std::sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) { return a.span.begin < b.span.begin; });
  return cues;
}

// "Phòng Tư pháp chủ trì ...", "UBND xã thực hiện ...": the actor opening a
// paragraph.
std::string LeadOf(std::string_view text) {
  re2::StringPiece m;
  if (!RE2::PartialMatch(text, FactPatterns::Get()["deadline.lead"], &m)) return "";
  return CollapseSpaces(std::string(m));
}

void AddProseDeadlines(const Page& page, const Block& block, const DocumentContext& context,
                       std::vector<Fact>& facts) {
  const std::string_view text = block.text;
  const std::string lead = LeadOf(text);
  for (const Cue& cue : FindCues(text, context)) {
    const std::string_view phrase = text.substr(cue.span.begin, cue.span.size());
    const std::size_t start = SentenceStart(text, cue.span.begin);
    const std::size_t end = SentenceEnd(text, cue.span.end);
    std::string_view task;
    Span quote;
    if (Trim(text.substr(start, cue.span.begin - start), " ,\n").empty()) {
      // The time opens the clause: the task follows it.
      task = Trim(text.substr(cue.span.end, end - cue.span.end), " ,\n");
      quote = {start, end};
    } else {
      task = Trim(text.substr(start, cue.span.begin - start), " ,\n");
      quote = {start, cue.span.end};
    }
    if (!lead.empty() && start > 0) quote.begin = text.find(lead) == std::string_view::npos ? start : text.find(lead);
    Fact fact = MakeFact("deadline", page, {block.span.begin + quote.begin, block.span.begin + quote.end},
                         "deadline.prose", cue.strength);
    fact.fields["task"] = CollapseSpaces(task);
    double strength = 0;
    if (!cue.modifier.empty()) {
      SetTime(fact, "", cue.modifier, phrase, cue.recurrence);
      strength = 1.0;
    } else {
      strength = ReadDueTime(phrase, context.year, fact);
      if (strength == 0) continue;
      if (RE2::PartialMatch(phrase, FactPatterns::Get()["time.on_or_before"])) {
        fact.fields["modifier"] = "on_or_before";
      }
    }
    fact.fields["lead"] = StringOrNull(lead);
    fact.fields["partners"] = std::vector<std::string>();
    fact.confidence *= strength;
    facts.push_back(std::move(fact));
  }
  // An item of a plan section whose heading names the period ("NHIỆM VỤ
  // TRỌNG TÂM QUÝ II NĂM 2024"): the item's first sentence is due then.
  if (block.numbered && !context.section_period_end.empty()) {
    std::size_t begin = 0;
    while (begin < text.size() && (text[begin] == ' ' || (text[begin] >= '0' && text[begin] <= '9'))) ++begin;
    if (begin < text.size() && text[begin] == '.') ++begin;
    while (begin < text.size() && text[begin] == ' ') ++begin;
    const std::size_t end = SentenceEnd(text, begin);
    if (end <= begin) return;
    Fact fact = MakeFact("deadline", page, {block.span.begin + begin, block.span.begin + end},
                         "deadline.section_period", 0.75);
    fact.fields["task"] = CollapseSpaces(text.substr(begin, end - begin));
    SetTime(fact, context.section_period_end, "during", context.section_period_text, "");
    fact.fields["lead"] = std::monostate{};
    fact.fields["partners"] = std::vector<std::string>();
    facts.push_back(std::move(fact));
  }
}

}  // namespace

void AddTaskFacts(const Page& page, const Block& block, const RulesOptions& /*options*/,
                  DocumentContext& context, std::vector<Fact>& facts) {
  if (!block.table_row) return;
  const std::vector<std::string_view> cells = SplitCells(block.text);
  if (ReadTaskHeader(cells, context)) return;
  if (context.task_columns.empty()) return;
  AddTaskRow(page, block, context, facts);
}

void AddDeadlineFacts(const Page& page, const Block& block, const RulesOptions& /*options*/,
                      const DocumentContext& context, std::vector<Fact>& facts) {
  if (block.table_row || context.section == SectionKind::kContents ||
      context.section == SectionKind::kAppendix) {
    return;
  }
  AddProseDeadlines(page, block, context, facts);
}

}  // namespace baocao::rules_internal
