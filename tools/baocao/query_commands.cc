#include "baocao/query_commands.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <vector>

#include "baocao/cli.h"
#include "baocao/json_output.h"
#include "baocao/series_format.h"
#include "baocao/storage.h"

namespace baocao::cli {
namespace {

using nlohmann::json;

// Query commands never create a store: a mistyped --db is an error.
Result<std::unique_ptr<Store>> OpenExisting(const std::string& db) {
  StoreOptions options;
  options.create_if_missing = false;
  return Store::Open(db, options);
}


json FactToJson(const StoredFact& stored) {
  json fields = json::object();
  for (const auto& [name, value] : stored.fact.fields) fields[name] = FieldToJson(value);
  return {{"id", stored.id},
          {"document", stored.document_path},
          {"kind", stored.fact.kind},
          {"fields", std::move(fields)},
          {"confidence", stored.fact.confidence},
          {"page", stored.fact.page},
          {"span", json::array({stored.fact.span.begin, stored.fact.span.end})},
          {"quote", stored.fact.quote},
          {"rule", stored.fact.rule},
          {"review_status", ReviewStatusName(stored.review)}};
}

// RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvRow(const StoredFact& stored) {
  const json row = FactToJson(stored);
  const std::string cells[] = {std::to_string(stored.id),
                               stored.document_path,
                               stored.fact.kind,
                               std::to_string(stored.fact.page),
                               std::to_string(stored.fact.span.begin),
                               std::to_string(stored.fact.span.end),
                               DumpJson(row["confidence"]),
                               stored.fact.rule,
                               std::string(ReviewStatusName(stored.review)),
                               stored.fact.quote,
                               DumpJson(row["fields"])};
  std::string line;
  for (const std::string& cell : cells) line += (line.empty() ? "" : ",") + CsvField(cell);
  return line + "\r\n";
}

void PrintCounts(const char* title, const std::map<std::string, std::int64_t>& counts,
                 std::ostream& out) {
  out << title << ":\n";
  if (counts.empty()) out << "  none\n";
  for (const auto& [name, count] : counts) out << "  " << name << ": " << count << '\n';
}

// ---- series and deadlines -------------------------------------------------

std::string OptionalNumber(const std::optional<double>& value) {
  return value ? Number(*value) : std::string();
}

json OptionalJson(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

// Characters, not bytes, so Vietnamese text lines up.
std::size_t DisplayWidth(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

void PrintTable(const std::vector<std::vector<std::string>>& rows, std::ostream& out) {
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i)
      widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - DisplayWidth(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + CsvField(cells[i]);
  return line + "\r\n";
}

const char* SourceName(IndicatorCandidate::Source source) {
  switch (source) {
    case IndicatorCandidate::Source::kCatalog:
      return "catalog";
    case IndicatorCandidate::Source::kCode:
      return "code";
    case IndicatorCandidate::Source::kLabel:
      return "label";
  }
  return "label";
}

std::string Describe(const IndicatorCandidate& c) {
  std::string text = c.code.empty() ? "label \"" + c.name + "\"" : c.code + " " + c.name;
  if (!c.unit.empty()) text += " (" + c.unit + ")";
  return text;
}

json CandidateJson(const IndicatorCandidate& c) {
  return {{"source", SourceName(c.source)}, {"code", c.code.empty() ? json(nullptr) : json(c.code)},
          {"name", c.name}, {"unit", c.unit}, {"matched", c.matched}};
}

json PointJson(const SeriesPoint& p) {
  return {{"fact_id", p.fact_id},
          {"entity", p.entity},
          {"entity_level", p.entity_level},
          {"label", p.label},
          {"code", p.code},
          {"period_start", p.period_start},
          {"period_end", p.period_end},
          {"period_kind", p.period_kind},
          {"value", OptionalJson(p.value)},
          {"percent", OptionalJson(p.percent)},
          {"numerator", OptionalJson(p.numerator)},
          {"denominator", OptionalJson(p.denominator)},
          {"unit", p.unit},
          {"document", p.document_path},
          {"page", p.page},
          {"review_status", ReviewStatusName(p.review)}};
}

void PrintSeries(const IndicatorCandidate& indicator, const std::vector<SeriesPoint>& points,
                 const std::string& format, std::ostream& out) {
  if (format == "json") {
    json observations = json::array();
    for (const SeriesPoint& p : points) observations.push_back(PointJson(p));
    out << DumpJson({{"indicator", CandidateJson(indicator)}, {"observations", observations}}) << '\n';
    return;
  }
  if (format == "csv") {
    out << CsvLine({"entity", "period_start", "period_end", "period_kind", "value", "percent",
                    "numerator", "denominator", "unit", "label", "document", "page",
                    "review_status", "fact_id"});
    for (const SeriesPoint& p : points) {
      out << CsvLine({p.entity, p.period_start, p.period_end, p.period_kind,
                      OptionalNumber(p.value), OptionalNumber(p.percent),
                      OptionalNumber(p.numerator), OptionalNumber(p.denominator), p.unit, p.label,
                      p.document_path, std::to_string(p.page),
                      std::string(ReviewStatusName(p.review)), std::to_string(p.fact_id)});
    }
    return;
  }
  out << Describe(indicator) << '\n';
  std::vector<std::vector<std::string>> rows{
      {"entity", "period", "value", "unit", "document", "page", "review", "fact"}};
  for (const SeriesPoint& p : points) {
    rows.push_back({p.entity.empty() ? "-" : p.entity, ShownPeriod(p), ShownValue(p), ShownUnit(p),
                    p.document_path, std::to_string(p.page),
                    std::string(ReviewStatusName(p.review)), std::to_string(p.fact_id)});
  }
  PrintTable(rows, out);
}

std::string Joined(const std::vector<std::string>& items, const char* separator) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : separator) + item;
  return text;
}

void PrintDeadlines(const std::vector<DeadlineRow>& rows, const std::string& format,
                    std::ostream& out) {
  if (format == "json") {
    json all = json::array();
    for (const DeadlineRow& r : rows) {
      all.push_back({{"fact_id", r.fact_id}, {"kind", r.kind}, {"task", r.task},
                     {"due", r.due}, {"modifier", r.modifier}, {"period_text", r.period_text},
                     {"recurrence", r.recurrence}, {"lead", r.lead}, {"partners", r.partners},
                     {"document", r.document_path}, {"page", r.page},
                     {"review_status", ReviewStatusName(r.review)}});
    }
    out << DumpJson(all) << '\n';
    return;
  }
  if (format == "csv") {
    out << CsvLine({"due", "modifier", "task", "period_text", "recurrence", "lead", "partners",
                    "document", "page", "review_status", "fact_id", "kind"});
    for (const DeadlineRow& r : rows) {
      out << CsvLine({r.due, r.modifier, r.task, r.period_text, r.recurrence, r.lead,
                      Joined(r.partners, "; "), r.document_path, std::to_string(r.page),
                      std::string(ReviewStatusName(r.review)), std::to_string(r.fact_id), r.kind});
    }
    return;
  }
  for (const DeadlineRow& r : rows) {
    const std::string due = r.due.empty() ? (r.period_text.empty() ? "-" : r.period_text) : r.due;
    out << due << (r.modifier.empty() ? "" : " (" + r.modifier + ")") << "  "
        << (r.task.empty() ? "-" : r.task) << '\n';
    std::vector<std::string> details;
    if (!r.lead.empty()) details.push_back("lead: " + r.lead);
    if (!r.partners.empty()) details.push_back("partners: " + Joined(r.partners, ", "));
    if (!r.recurrence.empty()) details.push_back("recurrence: " + r.recurrence);
    if (!details.empty()) out << "    " << Joined(details, "; ") << '\n';
    out << "    source: " << r.document_path << " page " << r.page << " (fact " << r.fact_id
        << ", " << ReviewStatusName(r.review) << ")\n";
  }
}

}  // namespace

int RunSearch(const SearchCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<Store>> store = OpenExisting(options.db);
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  SearchOptions search;
  search.limit = options.limit;
  Result<std::vector<SearchHit>> hits = store.value()->Search(options.text, search);
  if (!hits.ok()) {
    err << "baocao: " << hits.status().message() << '\n';
    return hits.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  for (const SearchHit& hit : hits.value())
    out << hit.path << ':' << hit.page << ": " << hit.snippet << '\n';
  if (hits.value().empty()) err << "baocao: no page matches '" << options.text << "'\n";
  return kExitOk;
}

int RunStats(const StatsCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<Store>> store = OpenExisting(options.db);
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  Result<StoreStats> stats = store.value()->Stats();
  if (!stats.ok()) {
    err << "baocao: " << stats.status().message() << '\n';
    return kExitFailure;
  }
  const StoreStats& s = stats.value();
  out << "documents: " << s.documents << " (and " << s.failed_documents << " files that failed)\n";
  out << "pages: " << s.pages << '\n';
  PrintCounts("pages by route", s.pages_by_route, out);
  out << "facts: " << s.facts << '\n';
  PrintCounts("facts by kind", s.facts_by_kind, out);
  PrintCounts("facts by review status", s.facts_by_review, out);
  return kExitOk;
}

int RunExport(const ExportCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<Store>> store = OpenExisting(options.db);
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  const bool csv = options.format == "csv";
  if (csv) {
    out << "id,document,kind,page,span_begin,span_end,confidence,rule,review_status,quote,"
           "fields\r\n";
  }
  FactFilter filter;
  filter.kind = options.kind;
  Status visited = store.value()->ForEachFact(filter, [&](const StoredFact& fact) {
    out << (csv ? CsvRow(fact) : DumpJson(FactToJson(fact)) + "\n");
  });
  if (!visited.ok()) {
    err << "baocao: " << visited.message() << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

int RunSeries(const SeriesCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<Store>> store = OpenExisting(options.db);
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  Result<std::vector<IndicatorCandidate>> candidates =
      store.value()->FindIndicators(options.indicator);
  if (!candidates.ok()) {
    err << "baocao: " << candidates.status().message() << '\n';
    return candidates.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (candidates.value().empty()) {
    err << "baocao: no indicator matches '" << options.indicator
        << "' (by catalog code, name or synonym, or observation label)\n";
    return kExitFailure;
  }
  const IndicatorCandidate& chosen = candidates.value().front();
  if (candidates.value().size() > 1) {
    err << "baocao: " << candidates.value().size() << " indicators match '" << options.indicator
        << "'; showing " << Describe(chosen) << " (matched \"" << chosen.matched
        << "\"). The others:\n";
    constexpr std::size_t kListed = 10;
    for (std::size_t i = 1; i < candidates.value().size() && i <= kListed; ++i)
      err << "  " << Describe(candidates.value()[i]) << '\n';
    if (candidates.value().size() > kListed + 1)
      err << "  ... and " << candidates.value().size() - kListed - 1 << " more\n";
  }
  SeriesQuery query;
  query.indicator = chosen;
  query.entity = options.entity;
  query.from = options.from;
  query.to = options.to;
  Result<std::vector<SeriesPoint>> points = store.value()->Series(query);
  if (!points.ok()) {
    err << "baocao: " << points.status().message() << '\n';
    return points.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  PrintSeries(chosen, points.value(), options.format, out);
  if (points.value().empty()) err << "baocao: no observations of this indicator match\n";
  return kExitOk;
}

int RunDeadlines(const DeadlinesCommandOptions& options, std::ostream& out, std::ostream& err) {
  Result<std::unique_ptr<Store>> store = OpenExisting(options.db);
  if (!store.ok()) {
    err << "baocao: " << store.status().message() << '\n';
    return kExitFailure;
  }
  DeadlineQuery query;
  query.due_before = options.due_before;
  query.entity = options.entity;
  Result<std::vector<DeadlineRow>> rows = store.value()->Deadlines(query);
  if (!rows.ok()) {
    err << "baocao: " << rows.status().message() << '\n';
    return rows.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  PrintDeadlines(rows.value(), options.format, out);
  if (rows.value().empty()) err << "baocao: no task or deadline matches\n";
  return kExitOk;
}

void AddSeriesCommands(CLI::App& app, SeriesCommandOptions& series,
                       DeadlinesCommandOptions& deadlines) {
  CLI::App* series_cmd = app.add_subcommand(
      "series", "An indicator's values over time per entity, with sources and review status");
  series_cmd
      ->add_option("indicator", series.indicator,
                   "Catalog code, name or synonym, or a label; accents ignored "
                   "(\"ty le ho so dung han\")")
      ->required();
  series_cmd->add_option("--entity", series.entity,
                         "Only this entity: \"huyện Thọ Xuân\", \"UBND huyen Tho Xuan\", \"Tho Xuan\"");
  series_cmd->add_option("--from", series.from, "Only periods ending on or after YYYY-MM-DD");
  series_cmd->add_option("--to", series.to, "Only periods starting on or before YYYY-MM-DD");
  series_cmd->add_option("--format", series.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  series_cmd->add_option("--db", series.db, "The store file")->capture_default_str();

  CLI::App* deadlines_cmd = app.add_subcommand(
      "deadlines", "Tasks and deadlines by due date, with modifier, lead, partners and source");
  deadlines_cmd->add_option("--due-before", deadlines.due_before,
                            "Only tasks due before YYYY-MM-DD");
  deadlines_cmd->add_option("--entity", deadlines.entity,
                            "Only tasks whose lead, partners or document name this entity");
  deadlines_cmd->add_option("--format", deadlines.format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  deadlines_cmd->add_option("--db", deadlines.db, "The store file")->capture_default_str();
}

void AddQueryCommands(CLI::App& app, SearchCommandOptions& search, StatsCommandOptions& stats,
                      ExportCommandOptions& export_options) {
  CLI::App* search_cmd = app.add_subcommand(
      "search", "Find pages by their text, ignoring accents: \"ty le\" finds \"tỷ lệ\"");
  search_cmd->add_option("text", search.text, "Words to find; \"quoted words\" as a phrase")
      ->required();
  search_cmd->add_option("--db", search.db, "The store file")->capture_default_str();
  search_cmd->add_option("--limit", search.limit, "Print at most this many pages")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();

  CLI::App* stats_cmd = app.add_subcommand(
      "stats", "Count documents, pages by route, facts by kind and review status");
  stats_cmd->add_option("--db", stats.db, "The store file")->capture_default_str();

  CLI::App* export_cmd = app.add_subcommand("export", "Print the stored facts");
  export_cmd->add_option("--format", export_options.format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  export_cmd->add_option("--kind", export_options.kind, "Only facts of this kind");
  export_cmd->add_option("--db", export_options.db, "The store file")->capture_default_str();
}

}  // namespace baocao::cli
