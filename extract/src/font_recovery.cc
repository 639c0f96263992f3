#include "font_recovery.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <set>

#include "page_image.h"
#include "utf8.h"

namespace baocao::extract_internal {
namespace {

using GlyphKey = std::pair<std::string, std::uint32_t>;

// One aligned symbol: a code point of a trusted glyph, or a broken glyph.
struct Token {
  std::size_t glyph = 0;
  bool broken = false;
  uint32_t cp = 0;  // trusted only
};

std::vector<uint32_t> NfcCodePoints(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  std::string normalized = utf8;
  if (U_SUCCESS(status)) {
    icu::UnicodeString s = nfc->normalize(icu::UnicodeString::fromUTF8(utf8), status);
    if (U_SUCCESS(status)) {
      normalized.clear();
      s.toUTF8String(normalized);
    }
  }
  std::vector<uint32_t> out;
  for (std::size_t pos = 0; pos < normalized.size();) out.push_back(NextCodePoint(normalized, pos));
  return out;
}

bool Contains(const Box& box, double x, double y, double slack) {
  return x >= box.x0 - slack && x <= box.x1 + slack && y >= box.y0 - slack && y <= box.y1 + slack;
}

}  // namespace

std::vector<std::pair<std::size_t, std::string>> AlignWord(const std::vector<const DrawnGlyph*>& glyphs,
                                                           const std::vector<bool>& broken,
                                                           const std::string& ocr_word) {
  std::vector<Token> g;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    if (broken[i]) {
      g.push_back({i, true, 0});
      continue;
    }
    for (uint32_t cp : NfcCodePoints(glyphs[i]->unicode)) g.push_back({i, false, cp});
  }
  const std::vector<uint32_t> o = NfcCodePoints(ocr_word);
  const std::size_t n = g.size(), m = o.size();
  if (n == 0 || m == 0 || n > 64 || m > 64) return {};
  // cost[i][j]: aligning the first i tokens with the first j OCR code points.
  std::vector<std::vector<int>> cost(n + 1, std::vector<int>(m + 1, 0));
  for (std::size_t i = 0; i <= n; ++i) cost[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= m; ++j) cost[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      const int sub = g[i - 1].broken || g[i - 1].cp == o[j - 1] ? 0 : 1;
      cost[i][j] = std::min({cost[i - 1][j - 1] + sub, cost[i - 1][j] + 1, cost[i][j - 1] + 1});
    }
  }
  if (cost[n][m] > 1) return {};
  std::vector<std::pair<std::size_t, std::string>> votes;
  std::size_t i = n, j = m;
  while (i > 0 && j > 0) {
    const int sub = g[i - 1].broken || g[i - 1].cp == o[j - 1] ? 0 : 1;
    if (cost[i][j] == cost[i - 1][j - 1] + sub) {
      if (g[i - 1].broken) {
        std::string ch;
        AppendUtf8(ch, o[j - 1]);
        votes.push_back({g[i - 1].glyph, ch});
      }
      --i, --j;
    } else if (cost[i][j] == cost[i - 1][j] + 1) {
      if (g[i - 1].broken) return {};  // a broken glyph left unexplained
      --i;
    } else {
      --j;
    }
  }
  while (i > 0) {
    if (g[i - 1].broken) return {};
    --i;
  }
  return votes;
}

std::vector<GlyphKey> BrokenGlyphs(const std::vector<TextLayerPage>& layers, const std::vector<FontInfo>& fonts) {
  std::set<GlyphKey> broken;
  std::map<std::string, const FontInfo*> by_name;
  for (const FontInfo& f : fonts) by_name[f.name] = &f;
  for (const TextLayerPage& layer : layers) {
    for (const DrawnGlyph& glyph : layer.glyphs) {
      auto it = by_name.find(glyph.font);
      if (it == by_name.end()) continue;
      const FontInfo& font = *it->second;
      const bool suspicious =
          std::binary_search(font.suspicious_codes.begin(), font.suspicious_codes.end(), glyph.code);
      if (font.mapping == FontMapping::kUnmapped || (font.mapping == FontMapping::kCollapsed && suspicious)) {
        broken.insert({glyph.font, glyph.code});
      }
    }
  }
  return {broken.begin(), broken.end()};
}

FontRecovery RecoverFonts(PDFDoc& doc, const std::vector<TextLayerPage>& layers,
                          const std::vector<FontInfo>& fonts, OcrEngine& engine,
                          const RecoveryOptions& options) {
  FontRecovery result;
  const std::vector<GlyphKey> broken_list = BrokenGlyphs(layers, fonts);
  if (broken_list.empty()) return result;
  const std::set<GlyphKey> broken(broken_list.begin(), broken_list.end());
  std::map<GlyphKey, std::map<std::string, int>> votes;
  auto votes_for = [&](const GlyphKey& key) {
    int total = 0;
    if (auto it = votes.find(key); it != votes.end()) {
      for (const auto& [ch, n] : it->second) total += n;
    }
    return total;
  };

  // Pages with the most broken glyphs first: they settle the most codes.
  std::vector<std::pair<std::size_t, std::size_t>> order;  // (broken glyphs, layer index)
  for (std::size_t i = 0; i < layers.size(); ++i) {
    std::size_t count = 0;
    for (const DrawnGlyph& g : layers[i].glyphs) count += broken.count({g.font, g.code});
    if (count > 0) order.push_back({count, i});
  }
  std::sort(order.rbegin(), order.rend());

  for (const auto& [count, index] : order) {
    const TextLayerPage& layer = layers[index];
    bool needed = false;
    for (const DrawnGlyph& g : layer.glyphs) {
      if (broken.count({g.font, g.code}) && votes_for({g.font, g.code}) < options.enough_votes) {
        needed = true;
        break;
      }
    }
    if (!needed) continue;
    const int number = layer.page.number;
    Result<PageImage> image = RenderPage(doc, number, options.dpi, options.max_render_pixels);
    if (!image.ok()) {
      result.warnings.push_back("page " + std::to_string(number) + ": " + image.status().message());
      continue;
    }
    Result<OcrResult> ocr = engine.Recognize(image.value(), options.page_timeout_seconds);
    if (!ocr.ok()) {
      result.warnings.push_back("page " + std::to_string(number) + ": " + ocr.status().message());
      continue;
    }
    result.pages_read.push_back(number);
    const double scale = image.value().Scale();
    for (const OcrWord& word : ocr.value().words) {
      const Box box{word.box.x0 / scale, word.box.y0 / scale, word.box.x1 / scale, word.box.y1 / scale};
      std::vector<const DrawnGlyph*> under;
      for (const DrawnGlyph& g : layer.glyphs) {
        const double cx = (g.box.x0 + g.box.x1) / 2;
        const double baseline = g.box.y1 - 0.2 * (g.box.y1 - g.box.y0);
        if (Contains(box, cx, baseline, 1.0)) under.push_back(&g);
      }
      std::sort(under.begin(), under.end(), [](const DrawnGlyph* a, const DrawnGlyph* b) { return a->box.x0 < b->box.x0; });
      std::vector<const DrawnGlyph*> glyphs;
      std::vector<bool> is_broken;
      bool any_broken = false;
      for (const DrawnGlyph* g : under) {
        const bool b = broken.count({g->font, g->code}) > 0;
        if (!b && (g->unicode == " " || g->unicode.empty())) continue;  // a real space
        glyphs.push_back(g);
        is_broken.push_back(b);
        any_broken |= b;
      }
      if (!any_broken) continue;
      for (const auto& [glyph, ch] : AlignWord(glyphs, is_broken, word.text)) {
        ++votes[{glyphs[glyph]->font, glyphs[glyph]->code}][ch];
      }
    }
  }

  for (const GlyphKey& key : broken_list) {
    RecoveredGlyph r;
    r.font = key.first;
    r.code = key.second;
    if (auto it = votes.find(key); it != votes.end()) {
      for (const auto& [ch, n] : it->second) {
        r.total_votes += n;
        if (n > r.votes) {
          r.votes = n;
          r.unicode = ch;
        }
      }
    }
    if (r.votes >= options.min_votes && r.Agreement() >= options.min_agreement) {
      result.overrides[key] = {r.unicode, r.Agreement()};
    } else {
      r.unicode.clear();
    }
    result.glyphs.push_back(std::move(r));
  }
  return result;
}

}  // namespace baocao::extract_internal
