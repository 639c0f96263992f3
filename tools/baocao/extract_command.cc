#include "baocao/extract_command.h"

#include <filesystem>
#include <fstream>

#include "baocao/cli.h"
#include "baocao/json_output.h"

namespace baocao::cli {
namespace {

void ReportWarnings(const Document& doc, std::ostream& err) {
  for (const std::string& w : doc.warnings) err << "baocao: warning: " << w << '\n';
  for (const Page& page : doc.pages) {
    for (const std::string& w : page.warnings) err << "baocao: warning: " << w << '\n';
  }
}

std::string Render(const Document& doc, const ExtractCommandOptions& options) {
  return options.json ? DocumentToJson(doc, {options.glyphs}) + "\n" : doc.Text();
}

// Writes `text` to DIR/<file stem>.<ext>; returns the path written or "" on failure.
std::string WriteBeside(const std::string& dir, const std::string& input, const std::string& ext,
                        const std::string& text) {
  std::filesystem::path path = std::filesystem::path(dir) / std::filesystem::path(input).stem();
  path += ext;
  std::ofstream file(path, std::ios::binary);
  file << text;
  return file ? path.string() : std::string();
}

std::size_t CountCodePoints(const std::string& text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

int RunExtract(const ExtractCommandOptions& options, std::ostream& out, std::ostream& err) {
  if (!options.out_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.out_dir, ec);
    if (ec) {
      err << "baocao: cannot create output folder '" << options.out_dir << "': " << ec.message() << '\n';
      return kExitFailure;
    }
  }
  int failures = 0;
  const bool several = options.files.size() > 1;
  // Plain text shows no facts: the rules run for --json only.
  PipelineOptions pipeline = options.pipeline;
  pipeline.facts = options.json;
  GlyphMemoryFile shapes;
  if (!options.glyph_memory.empty()) {
    if (Status opened = shapes.Open(options.glyph_memory); !opened.ok()) {
      err << "baocao: " << opened.message() << '\n';
      return kExitFailure;
    }
    pipeline.extract.glyph_memory = &shapes.memory();
  }
  for (const std::string& file : options.files) {
    Result<Document> doc = ReadDocument(file, pipeline);
    if (!doc.ok()) {
      err << "baocao: " << doc.status().message() << '\n';
      ++failures;
      continue;
    }
    ReportWarnings(doc.value(), err);
    const std::string rendered = Render(doc.value(), options);
    if (!options.out_dir.empty()) {
      const std::string written = WriteBeside(options.out_dir, file, options.json ? ".json" : ".txt", rendered);
      if (written.empty()) {
        err << "baocao: cannot write the output for '" << file << "' into '" << options.out_dir << "'\n";
        ++failures;
        continue;
      }
      err << file << ": " << doc.value().pages.size() << " pages, "
          << CountCodePoints(doc.value().Text()) << " characters -> " << written << '\n';
      continue;
    }
    // Several text outputs are told apart by a header line; JSON is one object per line.
    if (several && !options.json) out << "==> " << file << " <==\n";
    out << rendered;
    if (several && !options.json) out << '\n';
  }
  if (Status saved = shapes.SaveIfChanged(); !saved.ok()) {
    err << "baocao: " << saved.message() << '\n';
    ++failures;
  }
  return failures == 0 ? kExitOk : kExitFailure;
}

}  // namespace baocao::cli
