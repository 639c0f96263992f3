// The `baocao` command line: subcommands, their flags, and exit codes.
#ifndef BAOCAO_TOOLS_CLI_H_
#define BAOCAO_TOOLS_CLI_H_

#include <ostream>

namespace baocao::cli {

// Exit codes shared by all subcommands.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,  // some input could not be processed
  kExitUsage = 2,    // the command line itself was wrong
};

// Runs the program as `argv` asks, writing results to `out` and messages to
// `err`. Returns the process exit code. Never calls exit().
int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_CLI_H_
