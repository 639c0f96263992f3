// Optical character recognition behind a small interface, so that tests can
// use a fake and the extractor never sees Tesseract's types.
#ifndef BAOCAO_EXTRACT_OCR_ENGINE_H_
#define BAOCAO_EXTRACT_OCR_ENGINE_H_

#include <memory>
#include <string>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"
#include "page_image.h"

namespace baocao::extract_internal {

struct OcrWord {
  std::string text;
  Box box;                 // pixels of the image it was read from
  double confidence = 0;   // 0..1
  bool starts_line = false;
  bool starts_paragraph = false;
};

struct OcrResult {
  std::vector<OcrWord> words;  // in reading order
};

// One engine serves one thread at a time; make one per worker.
class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  // Recognises `image`, giving up after `timeout_seconds` (0: no limit) with
  // kTimeout.
  virtual Result<OcrResult> Recognize(const PageImage& image, double timeout_seconds) = 0;
  // Recognises `image` as a single line of text, without looking for blocks
  // or columns: a strip cut from a page around a few words.
  virtual Result<OcrResult> RecognizeLine(const PageImage& image, double timeout_seconds) = 0;
  // Recognises `image` as one uniform block of text: a table cell cut from a
  // page. (Tesseract's single-line mode drops the first digit of some
  // numbers read alone, "348" as "48".)
  virtual Result<OcrResult> RecognizeBlock(const PageImage& image, double timeout_seconds) = 0;
};

// A Tesseract engine for `languages` ("vie", "vie+Vietnamese"), using the
// LSTM models installed with the system's tessdata.
Result<std::unique_ptr<OcrEngine>> MakeTesseractEngine(const std::string& languages);

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_OCR_ENGINE_H_
