#include "baocao/cli.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <string>

#include "baocao/extract.h"
#include "baocao/extract_command.h"
#include "baocao/ingest_command.h"
#include "baocao/query_commands.h"
#include "baocao/lm_command.h"
#include "baocao/repair_command.h"
#include "baocao/review_cli.h"
#include "baocao/version.h"

namespace baocao::cli {
namespace {

std::string VersionText() {
  return std::string("baocao ") + BAOCAO_VERSION + " (Poppler " + PopplerVersion() + ")";
}

void AddExtractCommand(CLI::App& app, ExtractCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "extract", "Print the text of PDF files page by page (pages separated by form feeds)");
  cmd->add_option("files", options.files, "PDF files to read")->required();
  cmd->add_flag("--json", options.json,
                "Print one JSON object per file: document info, fonts, pages with words and boxes");
  cmd->add_flag("--glyphs", options.glyphs,
                "With --json: list each word's glyphs (character code, mapped Unicode, suspicious)");
  cmd->add_option("--out-dir", options.out_dir,
                  "Write NAME.txt (or NAME.json) per input file into this folder instead of stdout");
  cmd->add_option("--password", options.pipeline.extract.password,
                  "Password for encrypted PDFs (the empty password is always tried first)");
  cmd->add_option("--glyph-memory", options.glyph_memory,
                  "Glyph-shape memory file: broken fonts' glyphs it knows need no OCR; fonts that pass "
                  "triage teach it (created if missing, saved back)");
  cmd->add_option("--max-pages", options.pipeline.extract.max_pages, "Read at most this many pages per file")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("-j,--jobs", options.pipeline.extract.jobs, "Pages recognised in parallel (one Tesseract thread each)")
      ->check(CLI::Range(1, 256));
  cmd->add_flag("!--no-repair", options.pipeline.repair,
                "Print the text layer as the fonts map it, without normalize's repairs");
  cmd->add_flag("!--no-ocr", options.pipeline.extract.ocr, "Never run OCR; keep whatever text layer a page has");
  cmd->add_option("--dpi", options.pipeline.extract.ocr_dpi, "Resolution pages are rendered at for OCR")
      ->check(CLI::Range(50, 1200));
  cmd->add_option("--ocr-timeout", options.pipeline.extract.ocr_page_timeout_seconds,
                  "Seconds one page's OCR may take before it fails (0: no limit)")
      ->check(CLI::NonNegativeNumber);
}

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app("baocao: Vietnamese administrative reports (báo cáo) from PDF to facts", "baocao");
  app.set_version_flag("--version", VersionText());
  app.require_subcommand(0, 1);

  ExtractCommandOptions extract;
  AddExtractCommand(app, extract);
  IngestCommandOptions ingest;
  AddIngestCommand(app, ingest);
  SearchCommandOptions search;
  StatsCommandOptions stats;
  ExportCommandOptions export_options;
  AddQueryCommands(app, search, stats, export_options);
  SeriesCommandOptions series;
  DeadlinesCommandOptions deadlines;
  AddSeriesCommands(app, series, deadlines);
  ReviewCommandOptions review;
  AddReviewCommand(app, review);
  RepairCommandOptions repair;
  AddRepairCommand(app, repair);
  LmCommandOptions lm;
  AddLmCommand(app, lm);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitUsage;
  }
  if (app.got_subcommand("extract")) return RunExtract(extract, out, err);
  if (app.got_subcommand("repair")) return RunRepair(repair, std::cin, out, err);
  if (app.got_subcommand("lm")) return RunLmBuild(lm, out, err);
  if (app.got_subcommand("ingest")) {
    ingest.progress_bar = IsTerminal(err);
    return RunIngest(ingest, out, err);
  }
  if (app.got_subcommand("search")) return RunSearch(search, out, err);
  if (app.got_subcommand("stats")) return RunStats(stats, out, err);
  if (app.got_subcommand("export")) return RunExport(export_options, out, err);
  if (app.got_subcommand("series")) return RunSeries(series, out, err);
  if (app.got_subcommand("deadlines")) return RunDeadlines(deadlines, out, err);
  if (app.got_subcommand("review")) return RunReview(review, out, err);

  out << app.help();
  return kExitOk;
}

}  // namespace baocao::cli
