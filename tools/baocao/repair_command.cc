#include "baocao/repair_command.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "baocao/cli.h"

namespace baocao::cli {
namespace {

std::string ChangesJson(std::size_t line_number, const NormalizedText& repaired) {
  nlohmann::json changes = nlohmann::json::array();
  for (const Change& c : repaired.changes) {
    changes.push_back({{"pass", c.pass},
                       {"detail", c.detail},
                       {"source", {c.source.begin, c.source.end}},
                       {"before", c.before},
                       {"after", c.after},
                       {"confidence", c.confidence}});
  }
  const nlohmann::json line = {
      {"line", line_number}, {"text", repaired.text}, {"changes", std::move(changes)}};
  // `before` of a "utf8" change is the invalid input itself: replace, do not throw.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void AddRepairCommand(CLI::App& app, RepairCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "repair",
      "Repair mangled Vietnamese text (NFC, broken-font glyphs, TCVN3/VNI/VISCII/CP1258 "
      "legacy encodings); one output line per input line");
  cmd->add_option("file", options.file, "Text file to repair ('-' or none: standard input)");
  cmd->add_flag("--json", options.json,
                "Print per line a JSON object with the changes: pass, source span, before, after, "
                "confidence");
}

int RunRepair(const RepairCommandOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err) {
  std::ifstream file;
  std::istream* input = &in;
  if (!options.file.empty() && options.file != "-") {
    file.open(options.file, std::ios::binary);
    if (!file) {
      err << "baocao: cannot read '" << options.file << "'\n";
      return kExitFailure;
    }
    input = &file;
  }
  std::string line;
  std::size_t number = 0;
  while (std::getline(*input, line)) {
    ++number;
    Result<NormalizedText> repaired = Normalize(line, options.normalize);
    if (!repaired.ok()) {
      err << "baocao: " << repaired.status().message() << '\n';
      return kExitFailure;
    }
    if (options.json) {
      out << ChangesJson(number, repaired.value()) << '\n';
    } else {
      out << repaired.value().text << '\n';
    }
  }
  if (input->bad()) {
    err << "baocao: reading '" << (options.file.empty() ? "-" : options.file) << "' failed\n";
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace baocao::cli
