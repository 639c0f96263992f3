// Reads a PDF into a Document: pages, words with boxes and fonts, page text in
// reading order.
//
//   baocao::ExtractOptions options;
//   baocao::Result<baocao::Document> doc = baocao::ExtractPdf("report.pdf", options);
//
// Safe to call from several threads at once on different files.
#ifndef BAOCAO_EXTRACT_H_
#define BAOCAO_EXTRACT_H_

#include <string>
#include <string_view>

#include "baocao/document.h"
#include "baocao/glyph_memory.h"
#include "baocao/status.h"

namespace baocao {

// Judges how Vietnamese a text reads. The normalize stage has one built on a
// syllable inventory; extract takes it from the caller so that it needs no
// language data of its own.
class TextJudge {
 public:
  virtual ~TextJudge() = default;
  // The share (0..1) of the word tokens of `text` made of letters that are
  // valid Vietnamese syllables; -1 when `text` has too few such tokens to tell.
  virtual double SyllableShare(std::string_view text) const = 0;
};

struct ExtractOptions {
  // Tried when the PDF is encrypted; the empty password is always tried first.
  std::string password;
  // Pages beyond this many are not read (a warning says so). 0: no limit.
  int max_pages = 0;

  // Pages without a usable text layer are recognised with Tesseract.
  bool ocr = true;
  std::string ocr_languages = "vie";
  int ocr_dpi = 300;
  // A page's OCR gives up after this long (the page then fails). 0: no limit.
  double ocr_page_timeout_seconds = 120;
  // Rendered pages are kept under this many pixels by lowering the resolution.
  long long max_render_pixels = 60'000'000;
  // Pages are recognised on this many threads, one Tesseract thread each.
  int jobs = 1;

  // Optional; without it triage does without the syllable signal.
  const TextJudge* judge = nullptr;

  // Broken glyphs take the character of the same outline drawn by a sound
  // font: one of the document's own, or one `glyph_memory` has seen. Off,
  // broken fonts are recovered by OCR voting alone.
  bool glyph_shapes = true;
  // Optional. Broken glyphs whose outline the memory knows take its character
  // before any OCR; fonts whose mapping passes triage teach it their glyphs.
  GlyphMemory* glyph_memory = nullptr;
};

// Extracts the text layer of every page of the PDF at `path`.
//
// Fails with kNotFound, kPermissionDenied, kNotPdf, kEncrypted or kCorrupt
// when the file cannot be opened as a PDF at all; the message names the file.
// A page that fails on its own does not fail the document: it gets route
// kFailed and a warning naming the page, and the other pages are extracted.
// Word::confidence is Tesseract's for OCR words; for words with recovered
// characters (TextSource::kRecovered) it is the lowest share of OCR votes
// that agreed on one of their recovered glyphs; 1 for the text layer.
Result<Document> ExtractPdf(const std::string& path, const ExtractOptions& options);

// The Poppler version this program was built against, e.g. "22.12.0".
std::string PopplerVersion();

// Tesseract's OpenMP runtime reads OMP_THREAD_LIMIT once, before main() runs,
// and its own threads cost several times the CPU for the same page on few
// cores; baocao runs pages in parallel instead (ExtractOptions::jobs). When
// the variable is unset, this runs the program `argv` names again with it set
// to 1; a user's own setting is kept. Call it first thing in main(). Returns
// when nothing needed doing, or when the program could not be run again.
void RestartWithOneOcrThreadPerPage(char** argv);

}  // namespace baocao

#endif  // BAOCAO_EXTRACT_H_
