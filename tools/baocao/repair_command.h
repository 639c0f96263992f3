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
  bool mark = false;  // bracket repairs below the review threshold
  bool lost_chars = false;     // --lost-chars: every line lost characters
  bool no_lost_chars = false;  // --no-lost-chars
  std::string model;  // --model FILE: a model of `baocao lm build`
  NormalizeOptions normalize;
};

// Registers the `repair` subcommand and its flags on `app`, filling `options`.
void AddRepairCommand(CLI::App& app, RepairCommandOptions& options);

// Reads options.file (or `in`) whole (so the lost-character model can adapt
// to the document's intact lines), repairs it and prints exactly one output
// line per input line: the repaired text, or with --json an object
// {"line", "text", "changes": [{"pass", "detail", "source": [begin, end],
// "before", "after", "confidence", "alternatives", "review"}]} with byte
// offsets into the input line. With --mark, a repair whose confidence is
// below the threshold is printed as "⟦huyện?⟧" (U+27E6, the repaired text, '?',
// U+27E7). Returns kExitFailure if the file or the model cannot be read.
int RunRepair(const RepairCommandOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_REPAIR_COMMAND_H_
