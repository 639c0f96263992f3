#include "baocao/query_commands.h"

#include <CLI/CLI.hpp>
#include <memory>
#include <nlohmann/json.hpp>

#include "baocao/cli.h"
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

json FieldToJson(const FieldValue& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
  return nullptr;
}

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
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
                               Dump(row["confidence"]),
                               stored.fact.rule,
                               std::string(ReviewStatusName(stored.review)),
                               stored.fact.quote,
                               Dump(row["fields"])};
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
    out << (csv ? CsvRow(fact) : Dump(FactToJson(fact)) + "\n");
  });
  if (!visited.ok()) {
    err << "baocao: " << visited.message() << '\n';
    return kExitFailure;
  }
  return kExitOk;
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
