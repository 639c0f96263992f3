#include "font_recovery.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "page_image.h"
#include "utf8.h"

namespace baocao::extract_internal {
namespace {

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

// True when the middle of the glyph's box (its advance, from the height of
// capitals to below the baseline) is white on the rendered page. Every
// letter, digit and sign puts ink there; a space does not. Glyphs too narrow
// to tell say false.
bool DrawsNoInk(const PageImage& image, const DrawnGlyph& glyph) {
  const double scale = image.Scale();
  const double size = glyph.box.y1 - glyph.box.y0;
  const double baseline = glyph.box.y1 - 0.2 * size;
  const double inset = 0.2 * (glyph.box.x1 - glyph.box.x0);
  const long x0 = std::lround((glyph.box.x0 + inset) * scale),
             x1 = std::lround((glyph.box.x1 - inset) * scale);
  const long y0 = std::lround((baseline - 0.8 * size) * scale),
             y1 = std::lround((baseline + 0.15 * size) * scale);
  if (x1 - x0 < 2 || y1 - y0 < 2 || x0 < 0 || y0 < 0 || x1 > image.width || y1 > image.height)
    return false;
  return image.DarkPixels(x0, y0, x1, y1, kInkLevel) == 0;
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
      auto it = by_name.find(layer.FontName(glyph));
      if (it == by_name.end()) continue;
      const FontInfo& font = *it->second;
      const bool suspicious =
          std::binary_search(font.suspicious_codes.begin(), font.suspicious_codes.end(), glyph.code);
      if (font.mapping == FontMapping::kUnmapped || (font.mapping == FontMapping::kCollapsed && suspicious)) {
        broken.insert(layer.KeyOf(glyph));
      }
    }
  }
  return {broken.begin(), broken.end()};
}

FontRecovery RecoverFonts(PDFDoc& doc, const std::vector<TextLayerPage>& layers,
                          const std::vector<GlyphKey>& broken_list, OcrEngine* engine,
                          const RecoveryOptions& options, GlyphVotes prior) {
  FontRecovery result;
  if (broken_list.empty()) return result;
  const std::set<GlyphKey> broken(broken_list.begin(), broken_list.end());
  GlyphVotes votes = std::move(prior);
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
    for (const DrawnGlyph& g : layers[i].glyphs) count += broken.count(layers[i].KeyOf(g));
    if (count > 0) order.push_back({count, i});
  }
  std::sort(order.rbegin(), order.rend());

  for (const auto& [count, index] : order) {
    const TextLayerPage& layer = layers[index];
    bool needed = false;
    for (const DrawnGlyph& g : layer.glyphs) {
      if (broken.count(layer.KeyOf(g)) && votes_for(layer.KeyOf(g)) < options.enough_votes) {
        needed = true;
        break;
      }
    }
    if (!needed) continue;
    const int number = layer.page.number;
    if (engine == nullptr) break;  // the caller reads what is left otherwise
    Result<PageImage> image = RenderPage(doc, number, options.dpi, options.max_render_pixels);
    if (!image.ok()) {
      result.warnings.push_back("page " + std::to_string(number) + ": " + image.status().message());
      continue;
    }
    Result<OcrResult> ocr = engine->Recognize(image.value(), options.page_timeout_seconds);
    if (!ocr.ok()) {
      result.warnings.push_back("page " + std::to_string(number) + ": " + ocr.status().message());
      continue;
    }
    result.pages_read.push_back(number);
    const double scale = image.value().Scale();
    // A broken code drawn without ink is a space: OCR never reads it, so it
    // gets its votes from the image.
    for (const DrawnGlyph& g : layer.glyphs) {
      if (broken.count(layer.KeyOf(g)) && DrawsNoInk(image.value(), g))
        ++votes[layer.KeyOf(g)][" "];
    }
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
        const bool b = broken.count(layer.KeyOf(*g)) > 0;
        if (!b && (g->unicode == " " || g->unicode.empty())) continue;  // a real space
        glyphs.push_back(g);
        is_broken.push_back(b);
        any_broken |= b;
      }
      if (!any_broken) continue;
      for (const auto& [glyph, ch] : AlignWord(glyphs, is_broken, word.text)) {
        ++votes[layer.KeyOf(*glyphs[glyph])][ch];
      }
    }
  }

  DecideVotes(broken_list, votes, options, result);
  result.votes = std::move(votes);
  return result;
}

void DecideVotes(const std::vector<GlyphKey>& broken, const GlyphVotes& votes,
                 const RecoveryOptions& options, FontRecovery& recovery) {
  recovery.glyphs.clear();
  recovery.overrides.clear();
  for (const GlyphKey& key : broken) {
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
      recovery.overrides[key] = {r.unicode, r.Agreement()};
    } else {
      r.unicode.clear();
    }
    recovery.glyphs.push_back(std::move(r));
  }
}

// Reading again by OCR the words that keep unresolved glyphs.

namespace {

// Geometry of runs and strips, in font sizes of the line.
// A glyph this close to a word is part of it (a space is about 0.25).
constexpr double kTouch = 0.1;
// Baselines this close are one line.
constexpr double kSameBaseline = 0.2;
// A glyph touching no word joins the nearest word of its line this close.
constexpr double kAnchorReach = 3.0;
// A strip reaches this far above the baseline (stacked accents of capitals)
// and this far below it (descenders and dots below, not the accents of the
// next line, 1.2 below).
constexpr double kStripAbove = 1.0;
constexpr double kStripBelow = 0.24;
// Margin left and right of the words of a strip.
constexpr double kStripPad = 0.3;
// Points kept clear of a table cell's rules, which OCR would read as letters.
constexpr double kCellInset = 1.0;
// White pixels around a strip given to OCR.
constexpr int kStripMargin = 12;

// True when two laid words are on one line of one table cell (or outside tables).
bool SameLine(const LaidWord& a, const LaidWord& b) {
  return a.line == b.line && a.table == b.table &&
         (a.table < 0 || (a.row == b.row && a.column == b.column));
}

// A run of words on one line holding (or touching) glyphs of unresolved codes.
struct UnresolvedRun {
  std::vector<std::size_t> words;  // indexes into the layout, ascending
  std::size_t anchor = 0;  // a word of the run's line; the first of `words` when it has some
  double x0 = 0, x1 = 0;   // extent in points, glyphs and words
  double size = 0;         // font size of the line
  double baseline = 0;
};

std::vector<UnresolvedRun> FindRuns(const TextLayerPage& layer,
                                    const std::set<GlyphKey>& unresolved) {
  const std::vector<LaidWord>& layout = layer.layout;
  std::vector<UnresolvedRun> found;
  for (const DrawnGlyph& g : layer.glyphs) {
    if (unresolved.count(layer.KeyOf(g)) == 0) continue;
    const double size = g.box.y1 - g.box.y0;
    if (size <= 0) continue;
    const double baseline = g.box.y1 - 0.2 * size;
    UnresolvedRun run;
    run.x0 = g.box.x0;
    run.x1 = g.box.x1;
    double nearest = kAnchorReach * size;
    bool anchored = false;
    for (std::size_t w = 0; w < layout.size(); ++w) {
      const Word& word = layout[w].word;
      if (std::fabs(word.baseline - baseline) > kSameBaseline * std::max(size, word.font_size))
        continue;
      const double gap =
          std::max(word.box.x0 - g.box.x1, g.box.x0 - word.box.x1);  // < 0: overlapping
      if (gap <= kTouch * size) {
        run.words.push_back(w);
        run.x0 = std::min(run.x0, word.box.x0);
        run.x1 = std::max(run.x1, word.box.x1);
      } else if (gap < nearest) {
        nearest = gap;
        run.anchor = w;
        anchored = true;
      }
    }
    if (!run.words.empty()) {
      run.anchor = run.words.front();
    } else if (!anchored) {
      continue;  // no line to put it on
    }
    const Word& anchor = layout[run.anchor].word;
    run.size = anchor.font_size > 0 ? anchor.font_size : size;
    run.baseline = anchor.baseline;
    found.push_back(std::move(run));
  }
  // One run per stretch of a line: runs of one line that overlap or touch merge.
  std::sort(found.begin(), found.end(), [&](const UnresolvedRun& a, const UnresolvedRun& b) {
    const LaidWord& la = layout[a.anchor];
    const LaidWord& lb = layout[b.anchor];
    if (la.line != lb.line) return la.line < lb.line;
    if (la.table != lb.table) return la.table < lb.table;
    if (la.row != lb.row) return la.row < lb.row;
    if (la.column != lb.column) return la.column < lb.column;
    if (a.baseline != b.baseline) return a.baseline < b.baseline;
    return a.x0 < b.x0;
  });
  std::vector<UnresolvedRun> runs;
  for (UnresolvedRun& run : found) {
    if (!runs.empty()) {
      UnresolvedRun& last = runs.back();
      const bool same_line =
          SameLine(layout[last.anchor], layout[run.anchor]) &&
          std::fabs(last.baseline - run.baseline) <= kSameBaseline * std::max(last.size, run.size);
      if (same_line && run.x0 <= last.x1 + kTouch * last.size) {
        last.words.insert(last.words.end(), run.words.begin(), run.words.end());
        last.x0 = std::min(last.x0, run.x0);
        last.x1 = std::max(last.x1, run.x1);
        continue;
      }
    }
    runs.push_back(std::move(run));
  }
  for (UnresolvedRun& run : runs) {
    std::sort(run.words.begin(), run.words.end());
    run.words.erase(std::unique(run.words.begin(), run.words.end()), run.words.end());
    if (!run.words.empty()) run.anchor = run.words.front();
  }
  return runs;
}

bool InRun(const UnresolvedRun& run, std::size_t word) {
  return std::binary_search(run.words.begin(), run.words.end(), word);
}

// The strip of the run's line to read: the run with the nearest word on each
// side for context, clipped to its table cell.
OcrRegion RegionOf(const TextLayerPage& layer, const UnresolvedRun& run) {
  const std::vector<LaidWord>& layout = layer.layout;
  const LaidWord& anchor = layout[run.anchor];
  double x0 = run.x0, x1 = run.x1;
  const LaidWord* left = nullptr;
  const LaidWord* right = nullptr;
  OcrRegion region;
  for (std::size_t w = 0; w < layout.size(); ++w) {
    const LaidWord& laid = layout[w];
    if (InRun(run, w) || !SameLine(laid, anchor)) continue;
    if (std::fabs(laid.word.baseline - run.baseline) >
        kSameBaseline * std::max(run.size, laid.word.font_size)) {
      region.blank.push_back(laid.word.box);
      continue;
    }
    if (laid.word.box.x1 <= run.x0 + kTouch * run.size &&
        (!left || laid.word.box.x1 > left->word.box.x1))
      left = &laid;
    if (laid.word.box.x0 >= run.x1 - kTouch * run.size &&
        (!right || laid.word.box.x0 < right->word.box.x0))
      right = &laid;
  }
  if (left) x0 = std::min(x0, left->word.box.x0);
  if (right) x1 = std::max(x1, right->word.box.x1);
  Box box{x0 - kStripPad * run.size, run.baseline - kStripAbove * run.size,
          x1 + kStripPad * run.size, run.baseline + kStripBelow * run.size};
  if (anchor.table >= 0) {
    const TableRow& row = layer.tables[static_cast<std::size_t>(anchor.table)]
                              .rows[static_cast<std::size_t>(anchor.row)];
    const auto column = static_cast<std::size_t>(anchor.column);
    box.x0 = std::max(box.x0, row.column_edges[column] + kCellInset);
    box.x1 = std::min(box.x1, row.column_edges[column + 1] - kCellInset);
    box.y0 = std::max(box.y0, row.y0 + kCellInset);
    box.y1 = std::min(box.y1, row.y1 - kCellInset);
  }
  region.box = box;
  return region;
}

// The OCR words not yet `used` whose centre lies on the run, by x.
std::vector<std::size_t> WordsOnRun(const UnresolvedRun& run, const std::vector<OcrWord>& ocr,
                                    const std::vector<bool>& used) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < ocr.size(); ++k) {
    if (used[k]) continue;
    const double cx = (ocr[k].box.x0 + ocr[k].box.x1) / 2;
    const double cy = (ocr[k].box.y0 + ocr[k].box.y1) / 2;
    if (cx < run.x0 - kTouch * run.size || cx > run.x1 + kTouch * run.size) continue;
    if (cy < run.baseline - kStripAbove * run.size || cy > run.baseline + kStripBelow * run.size)
      continue;
    out.push_back(k);
  }
  std::sort(out.begin(), out.end(),
            [&](std::size_t a, std::size_t b) { return ocr[a].box.x0 < ocr[b].box.x0; });
  return out;
}

}  // namespace

std::size_t CountUnresolvedWords(const TextLayerPage& layer, const std::set<GlyphKey>& unresolved) {
  std::size_t count = 0;
  for (const UnresolvedRun& run : FindRuns(layer, unresolved))
    count += std::max<std::size_t>(run.words.size(), 1);
  return count;
}

std::vector<OcrRegion> UnresolvedRegions(const TextLayerPage& layer,
                                         const std::set<GlyphKey>& unresolved) {
  std::vector<OcrRegion> regions;
  for (const UnresolvedRun& run : FindRuns(layer, unresolved)) {
    OcrRegion region = RegionOf(layer, run);
    if (region.box.x1 <= region.box.x0 || region.box.y1 <= region.box.y0) continue;
    // Neighbouring runs share their context words: read them as one strip.
    if (!regions.empty()) {
      Box& last = regions.back().box;
      const bool overlap = region.box.x0 < last.x1 && last.x0 < region.box.x1 &&
                           region.box.y0 < last.y1 && last.y0 < region.box.y1;
      const double middle = (region.box.y0 + region.box.y1) / 2;
      if (overlap && middle > last.y0 && middle < last.y1) {
        last = {std::min(last.x0, region.box.x0), std::min(last.y0, region.box.y0),
                std::max(last.x1, region.box.x1), std::max(last.y1, region.box.y1)};
        for (const Box& b : region.blank) regions.back().blank.push_back(b);
        continue;
      }
    }
    regions.push_back(std::move(region));
  }
  return regions;
}

std::vector<OcrWord> ReadRegions(const PageImage& image, const std::vector<OcrRegion>& regions,
                                 OcrEngine& engine, double timeout_seconds,
                                 std::vector<std::string>& warnings) {
  std::vector<OcrWord> words;
  const double scale = image.Scale();
  auto pixel = [&](double points, int limit) {
    return std::clamp(static_cast<int>(std::lround(points * scale)), 0, limit);
  };
  for (const OcrRegion& region : regions) {
    const int px0 = pixel(region.box.x0, image.width), px1 = pixel(region.box.x1, image.width);
    const int py0 = pixel(region.box.y0, image.height), py1 = pixel(region.box.y1, image.height);
    if (px1 - px0 < 4 || py1 - py0 < 4) continue;
    PageImage strip;
    strip.dpi = image.dpi;
    strip.width = px1 - px0 + 2 * kStripMargin;
    strip.height = py1 - py0 + 2 * kStripMargin;
    strip.pixels.assign(
        static_cast<std::size_t>(strip.width) * static_cast<std::size_t>(strip.height), 255);
    auto at = [](const PageImage& im, int x, int y) {
      return static_cast<std::size_t>(y) * static_cast<std::size_t>(im.width) +
             static_cast<std::size_t>(x);
    };
    for (int y = py0; y < py1; ++y) {
      std::copy_n(image.pixels.begin() + static_cast<std::ptrdiff_t>(at(image, px0, y)), px1 - px0,
                  strip.pixels.begin() +
                      static_cast<std::ptrdiff_t>(at(strip, kStripMargin, y - py0 + kStripMargin)));
    }
    for (const Box& b : region.blank) {
      const int bx0 = std::clamp(pixel(b.x0, image.width) - px0, 0, px1 - px0);
      const int bx1 = std::clamp(pixel(b.x1, image.width) - px0, 0, px1 - px0);
      const int by0 = std::clamp(pixel(b.y0, image.height) - py0, 0, py1 - py0);
      const int by1 = std::clamp(pixel(b.y1, image.height) - py0, 0, py1 - py0);
      for (int y = by0; y < by1; ++y) {
        std::fill_n(strip.pixels.begin() + static_cast<std::ptrdiff_t>(
                                               at(strip, bx0 + kStripMargin, y + kStripMargin)),
                    bx1 - bx0, std::uint8_t{255});
      }
    }
    Result<OcrResult> ocr = engine.RecognizeLine(strip, timeout_seconds);
    if (!ocr.ok()) {
      warnings.push_back(ocr.status().message());
      continue;
    }
    for (OcrWord& word : ocr.value().words) {
      bool blank = true;
      for (char c : word.text) blank &= c == ' ';
      if (blank) continue;
      const Box b = word.box;
      word.box = {(b.x0 - kStripMargin + px0) / scale, (b.y0 - kStripMargin + py0) / scale,
                  (b.x1 - kStripMargin + px0) / scale, (b.y1 - kStripMargin + py0) / scale};
      words.push_back(std::move(word));
    }
  }
  return words;
}

void VoteFromWords(const TextLayerPage& layer, const std::set<GlyphKey>& unresolved,
                   const std::vector<OcrWord>& ocr, GlyphVotes& votes) {
  const std::vector<bool> none(ocr.size(), false);
  for (const UnresolvedRun& run : FindRuns(layer, unresolved)) {
    const std::vector<std::size_t> mine = WordsOnRun(run, ocr, none);
    if (mine.empty()) continue;
    std::string text;
    for (std::size_t k : mine) text += ocr[k].text;
    std::vector<const DrawnGlyph*> under;
    for (const DrawnGlyph& g : layer.glyphs) {
      const double size = g.box.y1 - g.box.y0;
      const double cx = (g.box.x0 + g.box.x1) / 2;
      if (cx < run.x0 || cx > run.x1) continue;
      if (std::fabs(g.box.y1 - 0.2 * size - run.baseline) >
          kSameBaseline * std::max(size, run.size))
        continue;
      under.push_back(&g);
    }
    std::sort(under.begin(), under.end(),
              [](const DrawnGlyph* a, const DrawnGlyph* b) { return a->box.x0 < b->box.x0; });
    std::vector<const DrawnGlyph*> glyphs;
    std::vector<bool> is_broken;
    for (const DrawnGlyph* g : under) {
      const bool b = unresolved.count(layer.KeyOf(*g)) > 0;
      if (!b && (g->unicode == " " || g->unicode.empty())) continue;  // a real space
      glyphs.push_back(g);
      is_broken.push_back(b);
    }
    for (const auto& [glyph, ch] : AlignWord(glyphs, is_broken, text)) {
      ++votes[layer.KeyOf(*glyphs[glyph])][ch];
    }
  }
}

WordSplice SpliceOcrWords(const std::set<GlyphKey>& unresolved, const std::vector<OcrWord>& ocr,
                          TextLayerPage& layer) {
  WordSplice result;
  std::vector<LaidWord>& layout = layer.layout;
  const std::vector<UnresolvedRun> runs = FindRuns(layer, unresolved);
  result.runs = runs.size();
  std::vector<bool> used(ocr.size(), false);
  std::vector<bool> removed(layout.size(), false);
  std::map<std::size_t, std::vector<LaidWord>> before;  // OCR words to put before a layout word
  std::map<std::size_t, std::vector<LaidWord>> after;   // ... or after it
  for (const UnresolvedRun& run : runs) {
    const std::vector<std::size_t> mine = WordsOnRun(run, ocr, used);
    if (mine.empty()) continue;
    const double ox0 = ocr[mine.front()].box.x0;
    double ox1 = ocr[mine.front()].box.x1;
    for (std::size_t k : mine) ox1 = std::max(ox1, ocr[k].box.x1);
    // A word beside the run that OCR read into one of the run's words goes too.
    std::vector<std::size_t> out = run.words;
    for (std::size_t w = 0; w < layout.size(); ++w) {
      const Box& b = layout[w].word.box;
      if (InRun(run, w) || !SameLine(layout[w], layout[run.anchor])) continue;
      if (std::fabs(layout[w].word.baseline - run.baseline) > kSameBaseline * run.size) continue;
      if (std::min(b.x1, ox1) - std::max(b.x0, ox0) > 0.5 * (b.x1 - b.x0)) out.push_back(w);
    }
    std::sort(out.begin(), out.end());
    const LaidWord& model = layout[out.empty() ? run.anchor : out.front()];
    bool space_after = true;
    double rightmost = -1e300;
    for (std::size_t w : out) {
      if (layout[w].word.box.x1 > rightmost) {
        rightmost = layout[w].word.box.x1;
        space_after = layout[w].space_after;
      }
    }
    std::vector<LaidWord> added;
    for (std::size_t k : mine) {
      used[k] = true;
      LaidWord laid = model;
      laid.space_after = true;
      Word& word = laid.word;
      word.text = model.word.superscript ? SuperscriptDigits(ocr[k].text) : ocr[k].text;
      word.box = {ocr[k].box.x0, model.word.box.y0, ocr[k].box.x1, model.word.box.y1};
      word.font.clear();
      word.source = TextSource::kOcr;
      word.confidence = ocr[k].confidence;
      word.glyphs.clear();
      added.push_back(std::move(laid));
    }
    added.back().space_after = space_after;
    result.words_added += added.size();
    ++result.runs_replaced;
    if (!out.empty()) {
      for (std::size_t w : out) {
        if (!removed[w]) ++result.words_removed;
        removed[w] = true;
      }
      std::vector<LaidWord>& slot = before[out.front()];
      slot.insert(slot.end(), added.begin(), added.end());
    } else if (layout[run.anchor].word.box.x1 <= run.x0) {
      std::vector<LaidWord>& slot = after[run.anchor];
      slot.insert(slot.end(), added.begin(), added.end());
    } else {
      std::vector<LaidWord>& slot = before[run.anchor];
      slot.insert(slot.end(), added.begin(), added.end());
    }
  }
  if (result.runs_replaced == 0) return result;
  std::vector<LaidWord> spliced;
  for (std::size_t w = 0; w < layout.size(); ++w) {
    if (auto it = before.find(w); it != before.end())
      spliced.insert(spliced.end(), it->second.begin(), it->second.end());
    if (!removed[w]) spliced.push_back(std::move(layout[w]));
    if (auto it = after.find(w); it != after.end())
      spliced.insert(spliced.end(), it->second.begin(), it->second.end());
  }
  layout = std::move(spliced);
  RecomposePage(layer);
  return result;
}

}  // namespace baocao::extract_internal
