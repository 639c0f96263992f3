// `baocao extract`: prints the text of PDFs, or a JSON description of them.
#ifndef BAOCAO_TOOLS_EXTRACT_COMMAND_H_
#define BAOCAO_TOOLS_EXTRACT_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "baocao/pipeline.h"

namespace baocao::cli {

struct ExtractCommandOptions {
  std::vector<std::string> files;
  bool json = false;         // one JSON object per file instead of text
  bool glyphs = false;       // with json: every word's glyphs
  std::string out_dir;       // write NAME.txt / NAME.json here instead of stdout
  std::string glyph_memory;  // a glyph-shape memory file to use and teach; "" for none
  PipelineOptions pipeline;
};

// Extracts every file in turn; a file that fails is reported on `err` and
// the others still run. Returns kExitOk when every file was read.
int RunExtract(const ExtractCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_EXTRACT_COMMAND_H_
