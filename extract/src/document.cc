#include "baocao/document.h"

namespace baocao {

std::string_view TextSourceName(TextSource source) {
  switch (source) {
    case TextSource::kTextLayer: return "text_layer";
    case TextSource::kOcr: return "ocr";
    case TextSource::kRecovered: return "recovered";
    case TextSource::kRepaired: return "repaired";
  }
  return "unknown";
}

std::string_view PageRouteName(PageRoute route) {
  switch (route) {
    case PageRoute::kText: return "text";
    case PageRoute::kRepaired: return "repaired";
    case PageRoute::kRecovered: return "recovered";
    case PageRoute::kOcr: return "ocr";
    case PageRoute::kMixed: return "mixed";
    case PageRoute::kFailed: return "failed";
  }
  return "unknown";
}

std::string_view FontMappingName(FontMapping mapping) {
  switch (mapping) {
    case FontMapping::kOk: return "ok";
    case FontMapping::kCollapsed: return "collapsed";
    case FontMapping::kUnmapped: return "unmapped";
    case FontMapping::kLegacy: return "legacy";
    case FontMapping::kUnused: return "unused";
  }
  return "unknown";
}

std::string Document::Text() const {
  std::string out;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0) out += '\f';
    out += pages[i].text;
  }
  return out;
}

}  // namespace baocao
