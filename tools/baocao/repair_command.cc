#include "baocao/repair_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "baocao/cli.h"

namespace baocao::cli {
namespace {

struct Line {
  std::size_t in_begin = 0, in_end = 0;    // input bytes
  std::size_t out_begin = 0, out_end = 0;  // output bytes
};

// Lines of the input and the output; Normalize keeps every '\n'.
std::vector<Line> Lines(std::string_view input, std::string_view output) {
  std::vector<Line> lines;
  std::size_t in = 0, out = 0;
  while (in < input.size()) {
    std::size_t in_eol = input.find('\n', in);
    std::size_t out_eol = output.find('\n', out);
    if (in_eol == std::string_view::npos) in_eol = input.size();
    if (out_eol == std::string_view::npos) out_eol = output.size();
    lines.push_back({in, in_eol, out, out_eol});
    in = in_eol + 1;
    out = out_eol + 1;
  }
  return lines;
}

std::string LineJson(std::size_t number, const Line& line, std::string_view text,
                     const std::vector<const Change*>& changes) {
  nlohmann::json list = nlohmann::json::array();
  for (const Change* c : changes) {
    list.push_back({{"pass", c->pass},
                    {"detail", c->detail},
                    {"source", {c->source.begin - line.in_begin, c->source.end - line.in_begin}},
                    {"before", c->before},
                    {"after", c->after},
                    {"confidence", c->confidence},
                    {"alternatives", c->alternatives},
                    {"review", c->review}});
  }
  const nlohmann::json object = {{"line", number}, {"text", text}, {"changes", std::move(list)}};
  // `before` of a "utf8" change is the invalid input itself: replace, do not throw.
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The line's text with every repair under review bracketed: ⟦huyện?⟧.
std::string Marked(std::string_view text, const Line& line, const std::vector<const Change*>& changes) {
  std::string out;
  std::size_t pos = line.out_begin;
  for (const Change* c : changes) {
    if (!c->review || c->output.begin < pos || c->output.end > line.out_end) continue;
    out.append(text.substr(pos, c->output.begin - pos));
    out += "\u27E6";
    out.append(text.substr(c->output.begin, c->output.end - c->output.begin));
    out += "?\u27E7";
    pos = c->output.end;
  }
  out.append(text.substr(pos, line.out_end - pos));
  return out;
}

}  // namespace

void AddRepairCommand(CLI::App& app, RepairCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "repair",
      "Repair mangled Vietnamese text (NFC, broken-font glyphs, TCVN3/VNI/VISCII/CP1258 "
      "legacy encodings, split syllables, characters lost as spaces); one output line per "
      "input line");
  cmd->add_option("file", options.file, "Text file to repair ('-' or none: standard input)");
  cmd->add_flag("--json", options.json,
                "Print per line a JSON object with the changes: pass, source span, before, after, "
                "confidence, alternatives, review");
  cmd->add_flag("--mark", options.mark,
                "Bracket repairs below the confidence threshold as \u27E6text?\u27E7");
  cmd->add_option("--threshold", options.normalize.review_threshold,
                  "Confidence below which a repair is marked for review")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--lost-chars", options.lost_chars,
                "Every line lost characters (default: detect the damaged lines)");
  cmd->add_flag("--no-lost-chars", options.no_lost_chars, "Never restore lost characters");
  cmd->add_option("--model", options.model,
                  "Syllable model file from `baocao lm build` (default: the built-in model)");
}

int RunRepair(const RepairCommandOptions& options, std::istream& in, std::ostream& out,
              std::ostream& err) {
  std::ifstream file;
  std::istream* input = &in;
  const std::string name = options.file.empty() ? "-" : options.file;
  if (!options.file.empty() && options.file != "-") {
    file.open(options.file, std::ios::binary);
    if (!file) {
      err << "baocao: cannot read '" << options.file << "'\n";
      return kExitFailure;
    }
    input = &file;
  }
  const std::string text((std::istreambuf_iterator<char>(*input)), std::istreambuf_iterator<char>());
  if (input->bad()) {
    err << "baocao: reading '" << name << "' failed\n";
    return kExitFailure;
  }
  NormalizeOptions normalize = options.normalize;
  if (options.lost_chars) normalize.lost_chars = LostCharacters::kOn;
  if (options.no_lost_chars) normalize.lost_chars = LostCharacters::kOff;
  if (!options.model.empty()) {
    std::ifstream model_file(options.model, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(model_file)), std::istreambuf_iterator<char>());
    if (!model_file && !model_file.eof()) {
      err << "baocao: cannot read model '" << options.model << "'\n";
      return kExitFailure;
    }
    Result<std::shared_ptr<const SyllableModel>> model = LoadSyllableModel(bytes);
    if (!model.ok()) {
      err << "baocao: '" << options.model << "': " << model.status().message() << '\n';
      return kExitFailure;
    }
    normalize.model = model.value();
  }
  Result<NormalizedText> repaired = Normalize(text, normalize);
  if (!repaired.ok()) {
    err << "baocao: " << repaired.status().message() << '\n';
    return kExitFailure;
  }
  const NormalizedText& result = repaired.value();
  const std::vector<Line> lines = Lines(text, result.text);
  std::vector<std::vector<const Change*>> per_line(lines.size());
  std::vector<const Change*> sorted;
  for (const Change& c : result.changes) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Change* a, const Change* b) { return a->source.begin < b->source.begin; });
  std::size_t l = 0;
  for (const Change* c : sorted) {
    while (l + 1 < lines.size() && c->source.begin > lines[l].in_end) ++l;
    if (l < lines.size()) per_line[l].push_back(c);
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    const std::string_view line_text(result.text.data() + line.out_begin, line.out_end - line.out_begin);
    if (options.json) {
      out << LineJson(i + 1, line, line_text, per_line[i]) << '\n';
    } else if (options.mark) {
      out << Marked(result.text, line, per_line[i]) << '\n';
    } else {
      out << line_text << '\n';
    }
  }
  return kExitOk;
}

}  // namespace baocao::cli
