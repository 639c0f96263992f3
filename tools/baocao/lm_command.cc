#include "baocao/lm_command.h"

#include <CLI/CLI.hpp>

#include <fstream>
#include <iterator>

#include "baocao/cli.h"
#include "baocao/normalize.h"

namespace baocao::cli {

void AddLmCommand(CLI::App& app, LmCommandOptions& options) {
  CLI::App* lm = app.add_subcommand("lm", "Syllable language models for `repair --model`");
  CLI::App* build = lm->add_subcommand(
      "build", "Train a syllable trigram model (modified Kneser-Ney) from clean text files");
  build->add_option("--from", options.from, "Clean UTF-8 text files (HTML tags are stripped)")
      ->required();
  build->add_option("--out", options.out, "Model file to write")->required();
  lm->require_subcommand(1);
}

int RunLmBuild(const LmCommandOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<std::string> texts;
  for (const std::string& path : options.from) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      err << "baocao: cannot read '" << path << "'\n";
      return kExitFailure;
    }
    texts.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  Result<std::string> model = TrainSyllableModel(texts);
  if (!model.ok()) {
    err << "baocao: " << model.status().message() << '\n';
    return kExitFailure;
  }
  std::ofstream file(options.out, std::ios::binary);
  file << model.value();
  if (!file) {
    err << "baocao: cannot write '" << options.out << "'\n";
    return kExitFailure;
  }
  out << "wrote " << options.out << " (" << model.value().size() << " bytes)\n";
  return kExitOk;
}

}  // namespace baocao::cli
