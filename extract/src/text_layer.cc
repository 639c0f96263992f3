#include "text_layer.h"

#include <PDFDoc.h>
#include <TextOutputDev.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "utf8.h"

namespace baocao::extract_internal {
namespace {

// A footnote marker is set smaller than its line and raised above its baseline.
constexpr double kSuperscriptMaxSizeRatio = 0.8;
constexpr double kSuperscriptMinRaiseRatio = 0.15;

struct TextPageDeleter {
  void operator()(TextPage* page) const { page->decRefCnt(); }
};
using TextPagePtr = std::unique_ptr<TextPage, TextPageDeleter>;

// Superscript digits, so a footnote marker stays visibly apart in plain text.
uint32_t ToSuperscript(uint32_t cp) {
  static constexpr uint32_t kDigits[] = {0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074,
                                         0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
  if (cp >= '0' && cp <= '9') return kDigits[cp - '0'];
  return cp;
}

std::string WordText(const TextWord& word, bool superscript) {
  std::string out;
  for (int i = 0; i < word.getLength(); ++i) {
    const uint32_t cp = *word.getChar(i);
    AppendUtf8(out, superscript ? ToSuperscript(cp) : cp);
  }
  return out;
}

// The size and baseline of the line's body text: those of its largest word.
void LineBody(const TextLine& line, double* size, double* baseline) {
  *size = 0;
  *baseline = 0;
  for (const TextWord* w = line.getWords(); w != nullptr; w = w->getNext()) {
    if (w->getFontSize() > *size) {
      *size = w->getFontSize();
      *baseline = w->getBaseline();
    }
  }
}

bool IsSuperscript(const TextWord& word, double line_size, double line_baseline) {
  if (line_size <= 0) return false;
  const bool smaller = word.getFontSize() < kSuperscriptMaxSizeRatio * line_size;
  // y grows downwards: a raised word has a smaller baseline y.
  const bool raised = line_baseline - word.getBaseline() > kSuperscriptMinRaiseRatio * line_size;
  return smaller && raised;
}

void AppendLine(const TextLine& line, Page& page) {
  double line_size = 0;
  double line_baseline = 0;
  LineBody(line, &line_size, &line_baseline);

  bool space_pending = false;
  for (const TextWord* w = line.getWords(); w != nullptr; w = w->getNext()) {
    Word word;
    word.superscript = IsSuperscript(*w, line_size, line_baseline);
    word.text = WordText(*w, word.superscript);
    w->getBBox(&word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
    word.baseline = w->getBaseline();
    word.font_size = w->getFontSize();
    if (const GooString* name = w->getFontName(0)) word.font = name->toStr();
    word.source = TextSource::kTextLayer;
    word.confidence = 1.0;

    if (space_pending) page.text += ' ';
    word.span.begin = page.text.size();
    page.text += word.text;
    word.span.end = page.text.size();
    page.words.push_back(std::move(word));
    space_pending = w->getSpaceAfter();
  }
  page.text += '\n';
}

}  // namespace

Page ReadTextLayer(PDFDoc& doc, int page_number) {
  Page page;
  page.number = page_number;
  page.width = doc.getPageCropWidth(page_number);
  page.height = doc.getPageCropHeight(page_number);
  page.route = PageRoute::kText;

  TextOutputDev dev(nullptr, /*physLayoutA=*/false, /*fixedPitchA=*/0, /*rawOrderA=*/false,
                    /*append=*/false);
  if (!dev.isOk()) {
    page.route = PageRoute::kFailed;
    page.quality = 0;
    page.warnings.push_back("page " + std::to_string(page_number) + ": text analysis could not start");
    return page;
  }
  doc.displayPage(&dev, page_number, 72, 72, /*rotate=*/0, /*useMediaBox=*/false,
                  /*crop=*/true, /*printing=*/false);
  TextPagePtr text(dev.takeText());
  if (!text) return page;

  for (const TextFlow* flow = text->getFlows(); flow != nullptr; flow = flow->getNext()) {
    for (const TextBlock* block = flow->getBlocks(); block != nullptr; block = block->getNext()) {
      for (const TextLine* line = block->getLines(); line != nullptr; line = line->getNext()) {
        AppendLine(*line, page);
      }
      page.text += '\n';  // a blank line between blocks
    }
  }
  if (page.words.empty()) page.quality = 0;
  return page;
}

}  // namespace baocao::extract_internal
