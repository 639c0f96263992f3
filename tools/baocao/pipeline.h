// The stages every command that reads PDFs runs, in order:
// extract (text layer, triage, OCR) -> normalize (repair of the text).
// Fact extraction and storage follow in the commands that need them.
#ifndef BAOCAO_TOOLS_PIPELINE_H_
#define BAOCAO_TOOLS_PIPELINE_H_

#include <string>

#include "baocao/document.h"
#include "baocao/extract.h"
#include "baocao/normalize.h"
#include "baocao/status.h"

namespace baocao::cli {

struct PipelineOptions {
  ExtractOptions extract;
  // Lost characters in a PDF are recovered from the glyphs by extract; the
  // language-model guesser is for text that comes without its PDF (repair).
  NormalizeOptions normalize = [] {
    NormalizeOptions o;
    o.lost_chars = LostCharacters::kOff;
    return o;
  }();
  bool repair = true;  // run normalize over every page's text
  bool facts = true;   // run the rules (Document::facts)
};

// A judge of Vietnamese text built on normalize's syllable inventory, for
// extract's triage.
const TextJudge& SyllableJudge();

// Reads `path` through extract and normalize. Each page's text is repaired
// in place; words keep spans into the repaired text, and a text-layer word
// whose text changed is marked TextSource::kRepaired (OCR and recovered
// words keep their source). Every repair but Unicode composition ("nfc") is
// kept in page.repairs, its span in the repaired text, ordered by position.
// Then the rules fill doc.facts (ExtractDocumentFacts).
Result<Document> ReadDocument(const std::string& path, const PipelineOptions& options);

// A glyph-shape memory file for the length of one command: loaded when
// opened (a missing file is an empty memory), saved back when it learned
// anything. Commands point ExtractOptions::glyph_memory at memory().
class GlyphMemoryFile {
 public:
  Status Open(const std::string& path);
  Status SaveIfChanged() const;
  GlyphMemory& memory() { return memory_; }

 private:
  std::string path_;
  GlyphMemory memory_;
};

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_PIPELINE_H_
