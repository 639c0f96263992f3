// `baocao repair`: repairs mangled Vietnamese text line by line (normalize).
#ifndef BAOCAO_TOOLS_REPAIR_COMMAND_H_
#define BAOCAO_TOOLS_REPAIR_COMMAND_H_

#include <istream>
#include <ostream>
#include <string>

#include "baocao/normalize.h"

namespace CLI {
class App;
}  // namespace CLI

namespace baocao::cli {

struct RepairCommandOptions {
  std::string file;   // "" or "-": standard input
  bool json = false;  // per line, the changes as one JSON object
  NormalizeOptions normalize;
};

// Registers the `repair` subcommand and its flags on `app`, filling `options`.
void AddRepairCommand(CLI::App& app, RepairCommandOptions& options);

// Reads options.file (or `in`), repairs each line and prints exactly one
// output line per input line: the repaired text, or with --json an object
// {"line", "text", "changes": [{"pass", "detail", "source": [begin, end],
// "before", "after", "confidence"}]} with byte offsets into the input line.
// Returns kExitFailure if the file cannot be read.
int RunRepair(const RepairCommandOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_REPAIR_COMMAND_H_
