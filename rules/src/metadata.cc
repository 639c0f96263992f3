// Report metadata: the issuing body, number, place and date, type and title,
// reporting period and entity of a whole document.
#include <algorithm>
#include <map>

#include "fact_rules.h"
#include "parsers.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

// Where the header is: reports put it on the first page.
constexpr std::size_t kHeaderBytes = 4000;

struct Found {
  std::string issuer, number, doc_type, date, place, title, period_text, entity;
  int page = 0;          // page of the quote
  Span span;             // quote
  int year = 0;
};

std::string CapitalisedType(std::string_view type) {
  const std::string folded = Fold(type);
  if (folded == "bao cao") return "Báo cáo";
  if (folded == "ke hoach") return "Kế hoạch";
  if (folded == "quyet dinh") return "Quyết định";
  if (folded == "to trinh") return "Tờ trình";
  if (folded == "chuong trinh") return "Chương trình";
  if (folded == "thong bao") return "Thông báo";
  return std::string(type);
}

Span SpanOf(std::string_view text, std::string_view part) {
  const std::size_t begin = static_cast<std::size_t>(part.data() - text.data());
  return {begin, begin + part.size()};
}

void Remember(Found& found, int page, Span span) {
  if (found.page != 0) return;
  found.page = page;
  found.span = span;
}

// "UBND huyện Thọ Xuân" -> "huyện Thọ Xuân".
std::string EntityOf(std::string_view issuer) {
  const FactPatterns& patterns = FactPatterns::Get();
  re2::StringPiece level, name;
  if (!RE2::PartialMatch(issuer, patterns["metadata.entity"], nullptr, nullptr, &level, &name)) {
    return "";
  }
  return Lower(std::string(level)) + " " + CollapseSpaces(std::string(name));
}

bool AllCapitals(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t length = 1;
    const char32_t c = CodePointAt(text, pos, &length);
    if (IsWordChar(c) && !IsDigit(c) && !IsUpper(c)) return false;
    pos += length;
  }
  return true;
}

// The entity named most often in the document ("huyện Thọ Xuân"), counting
// mentions with "UBND" twice, written as prose writes it (not in capitals).
std::string MostNamedEntity(const std::vector<Page>& pages) {
  const RE2& entity = FactPatterns::Get()["metadata.entity"];
  struct Named {
    int count = 0;
    std::string written;
    bool capitals = true;  // the name as written is in capitals (a header)
  };
  std::map<std::string, Named> counts;  // folded -> count, as written
  for (const Page& page : pages) {
    re2::StringPiece input(page.text);
    re2::StringPiece prefix, level, name;
    while (RE2::FindAndConsume(&input, entity, &prefix, &level, &name)) {
      const std::string written = Lower(std::string(level)) + " " + CollapseSpaces(std::string(name));
      const std::string folded = Fold(written);
      if (folded.rfind("tinh ", 0) == 0) continue;  // the province is never the reporter here
      Named& slot = counts[folded];
      slot.count += prefix.empty() ? 1 : 2;
      const bool capitals = AllCapitals(std::string_view(name.data(), name.size()));
      if (slot.written.empty() || (slot.capitals && !capitals)) {
        slot.written = written;
        slot.capitals = capitals;
      }
    }
  }
  std::string best;
  int best_count = 0;
  for (const auto& [folded, slot] : counts) {
    if (slot.count > best_count) {
      best_count = slot.count;
      best = slot.written;
    }
  }
  return best;
}

int YearOf(std::string_view iso) {
  return iso.size() >= 4 ? SmallNumber(iso.substr(0, 4)) : 0;
}

void ReadHeader(const Page& page, Found& found) {
  const FactPatterns& patterns = FactPatterns::Get();
  const std::string_view text = std::string_view(page.text).substr(0, kHeaderBytes);
  re2::StringPiece type, title, number, code, place, day, month, year, issuer;
  if (RE2::PartialMatch(text, patterns["metadata.type_line"], &type, &title)) {
    found.doc_type = CapitalisedType(std::string_view(type.data(), type.size()));
    found.title = CollapseSpaces(std::string(title));
    const std::string_view whole(type.data(), static_cast<std::size_t>(title.data() + title.size() - type.data()));
    found.page = page.number;
    found.span = SpanOf(page.text, whole);
  }
  if (RE2::PartialMatch(text, patterns["metadata.number"], &number, &code)) {
    std::string n(number);
    n.erase(std::remove_if(n.begin(), n.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; }),
            n.end());
    found.number = n;
    if (found.doc_type.empty()) found.doc_type = RuleSet::Get().DocTypeByCode(std::string(code));
  }
  if (RE2::PartialMatch(text, patterns["metadata.place_date"], &place, &day, &month, &year)) {
    found.place = CollapseSpaces(std::string(place));
    found.year = SmallNumber(std::string_view(year.data(), year.size()));
    const int d = SmallNumber(std::string_view(day.data(), day.size()));
    const int m = SmallNumber(std::string_view(month.data(), month.size()));
    if (d > 0 && m > 0 && IsValidDate(found.year, m, d)) found.date = IsoDate(found.year, m, d);
  }
  re2::StringPiece body, level, name;
  if (RE2::PartialMatch(text, patterns["metadata.issuer_header"], &body, &level, &name)) {
    found.entity = Lower(std::string(level)) + " " + CollapseSpaces(std::string(name));
  }
  re2::StringPiece opening_title;
  if (RE2::PartialMatch(text, patterns["metadata.opening"], &issuer, &opening_title)) {
    if (found.issuer.empty()) found.issuer = CollapseSpaces(std::string(issuer));
    if (found.period_text.empty()) found.period_text = std::string(opening_title);
    const std::string_view whole(issuer.data(), static_cast<std::size_t>(opening_title.data() +
                                                                         opening_title.size() - issuer.data()));
    Remember(found, page.number, SpanOf(page.text, whole));
  }
}

// "(Kèm theo Báo cáo số /BC-UBND ngày 15/3/2024 của UBND xã Bình Yên)".
void ReadCaption(const Page& page, Found& found) {
  const RE2& caption = FactPatterns::Get()["metadata.caption"];
  re2::StringPiece groups[5];  // whole, type, number, date, issuer
  if (!caption.Match(page.text, 0, page.text.size(), RE2::UNANCHORED, groups, 5)) return;
  const re2::StringPiece whole = groups[0], type = groups[1], number = groups[2], date = groups[3],
                         issuer = groups[4];
  if (found.doc_type.empty()) found.doc_type = CapitalisedType(std::string_view(type.data(), type.size()));
  if (found.number.empty()) {
    std::string n(number);
    n.erase(std::remove_if(n.begin(), n.end(), [](char c) { return c == ' ' || c == '\n'; }), n.end());
    found.number = n;
  }
  if (found.date.empty() && !date.empty()) {
    for (const PeriodMatch& p : FindPeriods(std::string_view(date.data(), date.size()), 0)) {
      if (p.kind == PeriodKind::kDay && p.valid) {
        found.date = p.start;
        break;
      }
    }
  }
  if (!issuer.empty()) found.issuer = CollapseSpaces(std::string(issuer));
  if (found.page == 0 || found.title.empty()) {
    if (found.title.empty()) {
      found.page = 0;
    }
    Remember(found, page.number, SpanOf(page.text, std::string_view(whole.data(), whole.size())));
  }
}

// The reporting period: the first period of the title (or opening sentence).
void ReadPeriod(const Found& found, int year, std::string* start, std::string* end) {
  for (const std::string* source : {&found.title, &found.period_text}) {
    for (const PeriodMatch& p : FindPeriods(*source, year)) {
      if (!p.valid || p.kind == PeriodKind::kDay || p.kind == PeriodKind::kRange) continue;
      *start = p.start;
      *end = p.end;
      // "9 tháng đầu năm ... 3 tháng cuối năm 2024": the first period, with the
      // year given later in the title.
      return;
    }
  }
}

int MostFrequentYear(const std::vector<Page>& pages) {
  std::map<int, int> counts;
  for (const Page& page : pages) {
    for (const PeriodMatch& p : FindPeriods(page.text, 0)) {
      if (p.valid && p.kind == PeriodKind::kYear) ++counts[YearOf(p.start)];
    }
  }
  int best = 0, best_count = 0;
  for (const auto& [year, count] : counts) {
    if (count > best_count || (count == best_count && year > best)) {
      best = year;
      best_count = count;
    }
  }
  return best;
}

}  // namespace

std::optional<Fact> ReadMetadata(const std::vector<Page>& pages, const RulesOptions& options,
                                 DocumentContext& context) {
  Found found;
  for (std::size_t i = 0; i < pages.size() && i < 2; ++i) {
    if (found.doc_type.empty() || found.issuer.empty()) ReadHeader(pages[i], found);
  }
  for (auto it = pages.rbegin(); it != pages.rend(); ++it) ReadCaption(*it, found);

  if (found.title.empty() && found.period_text.empty()) {
    const RE2& report = FactPatterns::Get()["metadata.report_period"];
    for (const Page& page : pages) {
      re2::StringPiece title;
      re2::StringPiece input(page.text);
      while (found.period_text.empty() && RE2::FindAndConsume(&input, report, &title)) {
        for (const PeriodMatch& p : FindPeriods(std::string_view(title.data(), title.size()), 0)) {
          if (p.valid && p.kind != PeriodKind::kDay && p.kind != PeriodKind::kRange) {
            found.period_text = std::string(title);
          }
        }
      }
      if (!found.period_text.empty()) break;
    }
  }
  int year = options.document_year;
  if (year == 0) year = YearOf(found.date);
  if (year == 0) year = found.year;
  if (year == 0) {
    for (const std::string* source : {&found.title, &found.period_text}) {
      for (const PeriodMatch& p : FindPeriods(*source, 0)) {
        if (p.valid && year == 0) year = YearOf(p.end);
      }
    }
  }
  if (year == 0) year = MostFrequentYear(pages);
  context.year = year;

  std::string start = options.period_start, end = options.period_end;
  if (start.empty() || end.empty()) ReadPeriod(found, year, &start, &end);
  if ((start.empty() || end.empty()) && year > 0 && found.doc_type == "Kế hoạch") {
    start = IsoDate(year, 1, 1);
    end = IsoDate(year, 12, 31);
  }
  std::string entity = options.entity;
  if (entity.empty() && !found.issuer.empty()) entity = EntityOf(found.issuer);
  if (entity.empty()) {
    const std::string named = MostNamedEntity(pages);
    entity = found.entity.empty() || Fold(named) == Fold(found.entity) ? named : found.entity;
  }
  if (found.issuer.empty() && !found.entity.empty()) found.issuer = "UBND " + entity;
  context.doc_type = found.doc_type;
  context.period_start = start;
  context.period_end = end;
  context.entity = entity;

  if (found.page == 0) return std::nullopt;
  const Page* page = nullptr;
  for (const Page& p : pages) {
    if (p.number == found.page) page = &p;
  }
  if (page == nullptr) return std::nullopt;
  double strength = 0.6;
  if (!found.doc_type.empty()) strength += 0.1;
  if (!found.number.empty()) strength += 0.1;
  if (!start.empty()) strength += 0.1;
  Fact fact = MakeFact("metadata", *page, found.span, "metadata.document", strength);
  fact.fields["issuer"] = StringOrNull(found.issuer);
  fact.fields["number"] = StringOrNull(found.number);
  fact.fields["doc_type"] = StringOrNull(found.doc_type);
  fact.fields["date"] = StringOrNull(found.date);
  fact.fields["place"] = StringOrNull(found.place);
  fact.fields["title"] = StringOrNull(found.title);
  fact.fields["period_start"] = StringOrNull(start);
  fact.fields["period_end"] = StringOrNull(end);
  fact.fields["entity"] = StringOrNull(entity);
  AddReviewReasons(*page, fact);
  return fact;
}

}  // namespace baocao::rules_internal
