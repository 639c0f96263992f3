// `baocao lm build`: trains a syllable language model for `repair --model`.
#ifndef BAOCAO_TOOLS_LM_COMMAND_H_
#define BAOCAO_TOOLS_LM_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace baocao::cli {

struct LmCommandOptions {
  std::vector<std::string> from;  // clean UTF-8 text files
  std::string out;                // the model file to write
};

// Registers `lm` with its subcommand `build` on `app`.
void AddLmCommand(CLI::App& app, LmCommandOptions& options);

// Trains a trigram model (modified Kneser-Ney) on options.from and writes
// it to options.out. Returns kExitFailure, naming the file, if a text cannot
// be read, holds too little text, or the model cannot be written.
int RunLmBuild(const LmCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_LM_COMMAND_H_
