// `baocao ingest`: reads PDFs into the store, several files at a time.
#ifndef BAOCAO_TOOLS_INGEST_COMMAND_H_
#define BAOCAO_TOOLS_INGEST_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "baocao/pipeline.h"
#include "baocao/storage.h"

namespace CLI {
class App;
}  // namespace CLI

namespace baocao::cli {

struct IngestCommandOptions {
  std::vector<std::string> paths;  // files and folders (searched recursively)
  std::string db = "baocao.db";
  int jobs = 0;               // files read at once; 0: one per processor
  bool force = false;         // read again files already in the store
  bool progress_bar = false;  // a one-line bar on `err` instead of log lines
  // The glyph-shape memory file, used and taught by every document read;
  // "" puts it beside the store (DB.glyphs).
  std::string glyph_memory;
  bool use_glyph_memory = true;
  PipelineOptions pipeline;  // extract -> normalize (-> rules) for each file
  PutOptions put;
};

// The indicator catalog of the rules stage, as the store takes it.
std::vector<IndicatorRecord> IndicatorCatalogRecords();

// Ingests every PDF under options.paths (by extension and %PDF- header; other
// files are skipped with a note). Each document is stored in its own
// transaction, so an interrupted batch is finished by running it again. One
// bad file never stops the batch: it is reported and recorded as failed.
// The store's indicator catalog is refreshed from the rules' first.
// Prints a summary on `out`. Returns kExitFailure only when nothing could be
// ingested or the store itself failed.
int RunIngest(const IngestCommandOptions& options, std::ostream& out, std::ostream& err);

// Adds `ingest` and its flags to `app`, filling `options` when parsed.
void AddIngestCommand(CLI::App& app, IngestCommandOptions& options);

// Whether `stream` is std::cout or std::cerr writing to a terminal.
bool IsTerminal(const std::ostream& stream);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_INGEST_COMMAND_H_
