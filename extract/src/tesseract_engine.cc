#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <memory>

#include "ocr_engine.h"

namespace baocao::extract_internal {
namespace {

class TesseractEngine : public OcrEngine {
 public:
  Status Init(const std::string& languages) {
    // Tesseract writes its debug chatter to stderr unless told otherwise.
    api_.SetVariable("debug_file", "/dev/null");
    if (api_.Init(nullptr, languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
      return Status(StatusCode::kNotFound,
                    "Tesseract could not load the '" + languages +
                        "' model (is tesseract-ocr-vie installed?)");
    }
    api_.SetPageSegMode(tesseract::PSM_AUTO);
    return Status::Ok();
  }

  ~TesseractEngine() override { api_.End(); }

  Result<OcrResult> Recognize(const PageImage& image, double timeout_seconds) override {
    return RecognizeAs(tesseract::PSM_AUTO, image, timeout_seconds);
  }

  Result<OcrResult> RecognizeLine(const PageImage& image, double timeout_seconds) override {
    return RecognizeAs(tesseract::PSM_SINGLE_LINE, image, timeout_seconds);
  }

  Result<OcrResult> RecognizeBlock(const PageImage& image, double timeout_seconds) override {
    return RecognizeAs(tesseract::PSM_SINGLE_BLOCK, image, timeout_seconds);
  }

 private:
  Result<OcrResult> RecognizeAs(tesseract::PageSegMode mode, const PageImage& image,
                                double timeout_seconds) {
    api_.SetPageSegMode(mode);
    api_.SetImage(image.pixels.data(), image.width, image.height, /*bytes_per_pixel=*/1,
                  /*bytes_per_line=*/image.width);
    api_.SetSourceResolution(image.dpi);
    tesseract::ETEXT_DESC monitor;
    if (timeout_seconds > 0) monitor.set_deadline_msecs(static_cast<int32_t>(timeout_seconds * 1000));
    const int rc = api_.Recognize(&monitor);
    if (monitor.deadline_exceeded()) {
      api_.Clear();
      return Status(StatusCode::kTimeout,
                    "OCR gave up after " + std::to_string(timeout_seconds) + " s");
    }
    if (rc != 0) {
      api_.Clear();
      return Status(StatusCode::kInternal, "Tesseract failed to recognise the page");
    }
    OcrResult result = CollectWords();
    api_.Clear();
    return result;
  }

  OcrResult CollectWords() {
    OcrResult result;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    if (!it) return result;
    constexpr auto kWord = tesseract::RIL_WORD;
    do {
      if (it->Empty(kWord)) continue;
      std::unique_ptr<char[]> text(it->GetUTF8Text(kWord));
      if (!text || text[0] == '\0') continue;
      OcrWord word;
      word.text = text.get();
      int left = 0, top = 0, right = 0, bottom = 0;
      it->BoundingBox(kWord, &left, &top, &right, &bottom);
      word.box = {static_cast<double>(left), static_cast<double>(top), static_cast<double>(right),
                  static_cast<double>(bottom)};
      word.confidence = static_cast<double>(it->Confidence(kWord)) / 100.0;
      word.starts_line = it->IsAtBeginningOf(tesseract::RIL_TEXTLINE);
      word.starts_paragraph = it->IsAtBeginningOf(tesseract::RIL_PARA);
      result.words.push_back(std::move(word));
    } while (it->Next(kWord));
    return result;
  }

  tesseract::TessBaseAPI api_;
};

}  // namespace

Result<std::unique_ptr<OcrEngine>> MakeTesseractEngine(const std::string& languages) {
  auto engine = std::make_unique<TesseractEngine>();
  BAOCAO_RETURN_IF_ERROR(engine->Init(languages));
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace baocao::extract_internal
