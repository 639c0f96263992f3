// Commands that read the store: `baocao search`, `baocao stats`, `baocao export`,
// `baocao series`, `baocao deadlines`.
#ifndef BAOCAO_TOOLS_QUERY_COMMANDS_H_
#define BAOCAO_TOOLS_QUERY_COMMANDS_H_

#include <ostream>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace baocao::cli {

struct SearchCommandOptions {
  std::string db = "baocao.db";
  std::string text;  // what to look for; accents and case are ignored
  int limit = 20;
};

struct StatsCommandOptions {
  std::string db = "baocao.db";
};

struct ExportCommandOptions {
  std::string db = "baocao.db";
  std::string format = "jsonl";  // "jsonl" or "csv"
  std::string kind;              // only facts of this kind; "" for all
};

struct SeriesCommandOptions {
  std::string db = "baocao.db";
  std::string indicator;  // catalog code, name or synonym, or a label; accents ignored
  std::string entity;     // "" for all
  std::string from;       // YYYY-MM-DD or ""
  std::string to;
  std::string format = "table";  // "table", "csv" or "json"
};

struct DeadlinesCommandOptions {
  std::string db = "baocao.db";
  std::string due_before;  // YYYY-MM-DD or ""
  std::string entity;
  std::string format = "table";
};

// Prints the best-matching pages, one per line: "PATH:PAGE: snippet".
int RunSearch(const SearchCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints counts of documents, pages by route, facts by kind and review status.
int RunStats(const StatsCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints every fact (of options.kind) as JSON lines or CSV with a header row.
int RunExport(const ExportCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints the observations of the indicator that best matches
// options.indicator, per entity over time, with their sources and review
// status. When several indicators match, names the one shown and lists the
// others on `err`. kExitFailure when none matches.
int RunSeries(const SeriesCommandOptions& options, std::ostream& out, std::ostream& err);

// Prints tasks and deadlines by due date with modifier, lead, partners and source.
int RunDeadlines(const DeadlinesCommandOptions& options, std::ostream& out, std::ostream& err);

// Adds `series` and `deadlines` and their flags to `app`.
void AddSeriesCommands(CLI::App& app, SeriesCommandOptions& series,
                       DeadlinesCommandOptions& deadlines);

// Adds `search`, `stats` and `export` and their flags to `app`.
void AddQueryCommands(CLI::App& app, SearchCommandOptions& search, StatsCommandOptions& stats,
                      ExportCommandOptions& export_options);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_QUERY_COMMANDS_H_
