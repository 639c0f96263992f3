#include "triage.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "utf8.h"

namespace baocao::extract_internal {
namespace {

// Per font: for every code, what it mapped to and how often.
struct FontUsage {
  std::unordered_map<std::uint32_t, std::map<std::string, std::size_t>> by_code;
  std::size_t glyphs = 0;
  std::size_t unmapped = 0;
};

bool IsUnmapped(const std::string& unicode) {
  if (unicode.empty()) return true;
  std::size_t pos = 0;
  while (pos < unicode.size()) {
    const uint32_t cp = NextCodePoint(unicode, pos);
    const bool bad = cp == 0xFFFD || (cp < 0x20 && cp != '\t') || (cp >= 0xE000 && cp <= 0xF8FF);
    if (!bad) return false;
  }
  return true;
}

bool IsSpace(const std::string& unicode) { return unicode == " " || unicode == "\u00A0"; }

// Legacy Vietnamese fonts name themselves: ".VnTime", ".VnTimeH", "VNI-Times", "VPS Times".
bool IsLegacyFontName(const std::string& name) {
  std::string base = name;
  // A subset prefix is six capitals and a plus: "ABCDEF+.VnTime".
  if (base.size() > 7 && base[6] == '+') base = base.substr(7);
  std::string lower;
  for (char c : base) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* prefix : {".vn", "vni-", "vni_", "vni ", "vps "}) {
    if (lower.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// Latin-1 letters and signs Vietnamese never uses inside a word, but text in
// TCVN3 or VNI shows when read as WinAnsi ("Céng hoµ x· héi", "Vieät Nam").
bool IsLegacySignature(uint32_t cp) {
  if (cp >= 0xA1 && cp <= 0xBF) return true;
  switch (cp) {
    case 0xC4: case 0xC5: case 0xC6: case 0xC7: case 0xCB: case 0xCE: case 0xCF: case 0xD1:
    case 0xD6: case 0xD7: case 0xD8: case 0xDB: case 0xDC: case 0xDE: case 0xDF: case 0xE4:
    case 0xE5: case 0xE6: case 0xE7: case 0xEB: case 0xEE: case 0xEF: case 0xF1: case 0xF6:
    case 0xF7: case 0xF8: case 0xFB: case 0xFC: case 0xFE: case 0xFF:
      return true;
    default:
      return false;
  }
}

// The codes of one font whose mapping looks wrong: several distinct codes that
// map to one character. The most used code of such a group keeps the
// character; a real space may legitimately have two codes (32 and 160).
std::vector<std::uint32_t> SuspiciousCodes(const FontUsage& usage) {
  std::map<std::string, std::vector<std::pair<std::size_t, std::uint32_t>>> codes_of;
  for (const auto& [code, targets] : usage.by_code) {
    for (const auto& [unicode, count] : targets) {
      if (!IsUnmapped(unicode)) codes_of[unicode].push_back({count, code});
    }
  }
  std::vector<std::uint32_t> out;
  for (auto& [unicode, codes] : codes_of) {
    if (codes.size() < 2) continue;
    std::sort(codes.rbegin(), codes.rend());
    for (std::size_t i = 1; i < codes.size(); ++i) {
      const std::uint32_t code = codes[i].second;
      if (IsSpace(unicode) && (code == 32 || code == 160) && codes.size() == 2) continue;
      out.push_back(code);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void DiagnoseFonts(std::vector<TextLayerPage>& pages, std::vector<FontInfo>& fonts) {
  std::map<std::string, FontUsage> usage;
  for (const TextLayerPage& page : pages) {
    // A page's fonts are looked up by name once, not once a glyph.
    std::vector<FontUsage*> page_usage;
    for (const FontInfo& font : page.fonts) page_usage.push_back(&usage[font.name]);
    for (const DrawnGlyph& glyph : page.glyphs) {
      FontUsage& u = *page_usage[glyph.font];
      ++u.by_code[glyph.code][glyph.unicode];
      ++u.glyphs;
      if (IsUnmapped(glyph.unicode)) ++u.unmapped;
    }
  }
  std::map<std::string, std::set<std::uint32_t>> suspicious_by_font;
  for (FontInfo& font : fonts) {
    auto it = usage.find(font.name);
    if (it == usage.end()) continue;
    const FontUsage& u = it->second;
    font.glyphs_drawn = u.glyphs;
    font.suspicious_codes = SuspiciousCodes(u);
    std::size_t suspicious_glyphs = 0;
    for (std::uint32_t code : font.suspicious_codes) {
      for (const auto& [unicode, count] : u.by_code.at(code)) suspicious_glyphs += count;
    }
    if (IsLegacyFontName(font.name)) {
      font.mapping = FontMapping::kLegacy;
    } else if (u.unmapped * 10 >= u.glyphs) {
      font.mapping = FontMapping::kUnmapped;
    } else if (suspicious_glyphs >= 3) {
      font.mapping = FontMapping::kCollapsed;
    } else {
      font.mapping = FontMapping::kOk;
    }
    if (font.mapping == FontMapping::kCollapsed) {
      suspicious_by_font[font.name].insert(font.suspicious_codes.begin(), font.suspicious_codes.end());
    }
  }
  // Words do not name their glyphs' fonts one by one; a code is marked when
  // any collapsed font drawing on the page had it as suspicious.
  if (suspicious_by_font.empty()) return;
  std::set<std::uint32_t> any;
  for (const auto& [name, codes] : suspicious_by_font) any.insert(codes.begin(), codes.end());
  for (TextLayerPage& page : pages) {
    std::set<std::string> fonts_here;
    for (const FontInfo& font : page.fonts) fonts_here.insert(font.name);
    for (Word& word : page.page.words) {
      if (fonts_here.count(word.font) == 0 || suspicious_by_font.count(word.font) == 0) continue;
      const std::set<std::uint32_t>& codes = suspicious_by_font[word.font];
      for (Glyph& glyph : word.glyphs) glyph.suspicious = codes.count(glyph.code) > 0;
    }
  }
}

PageSignals MeasurePage(const TextLayerPage& page, const std::map<std::string, const FontInfo*>& fonts,
                        const TextJudge* judge) {
  PageSignals s;
  std::size_t broken = 0;
  std::size_t suspicious = 0;
  // A page's fonts are looked up by name once, not once a glyph.
  std::vector<const FontInfo*> page_fonts;
  for (const FontInfo& info : page.fonts) {
    auto it = fonts.find(info.name);
    page_fonts.push_back(it != fonts.end() ? it->second : nullptr);
  }
  for (const DrawnGlyph& glyph : page.glyphs) {
    const FontInfo* font = page_fonts[glyph.font];
    const bool is_suspicious =
        font && std::binary_search(font->suspicious_codes.begin(), font->suspicious_codes.end(), glyph.code);
    if (IsSpace(glyph.unicode) && !is_suspicious) continue;
    ++s.glyphs;
    if (font && (font->mapping == FontMapping::kCollapsed || font->mapping == FontMapping::kUnmapped)) ++broken;
    if (is_suspicious) ++suspicious;
    if (font && font->mapping == FontMapping::kLegacy) s.legacy_font = true;
  }
  if (s.glyphs > 0) {
    s.broken_font_glyphs = broken;
    s.broken_font_share = static_cast<double>(broken) / static_cast<double>(s.glyphs);
    s.suspicious_glyph_share = static_cast<double>(suspicious) / static_cast<double>(s.glyphs);
  }

  std::size_t chars = 0, bad = 0, legacy = 0, combining = 0;
  const std::string& text = page.page.text;
  uint32_t previous = ' ';
  for (std::size_t pos = 0; pos < text.size();) {
    const uint32_t cp = NextCodePoint(text, pos);
    if (u_isUWhiteSpace(static_cast<UChar32>(cp))) {
      previous = cp;
      continue;
    }
    ++chars;
    const auto type = u_charType(static_cast<UChar32>(cp));
    if (cp == 0xFFFD || type == U_CONTROL_CHAR || type == U_PRIVATE_USE_CHAR) ++bad;
    if (type == U_NON_SPACING_MARK) ++combining;
    if (cp == 0x01A3 || cp == 0x01A2) ++s.uhorn;
    if (u_isalpha(static_cast<UChar32>(cp)) || IsLegacySignature(cp)) {
      ++s.letters;
      // Inside a word only: a lone "§" or "°" is ordinary punctuation.
      if (IsLegacySignature(cp) && u_isalpha(static_cast<UChar32>(previous))) ++legacy;
    }
    previous = cp;
  }
  if (chars > 0) s.bad_char_share = static_cast<double>(bad) / static_cast<double>(chars);
  if (s.letters > 0) {
    s.legacy_char_share = static_cast<double>(legacy) / static_cast<double>(s.letters);
    s.combining_share = static_cast<double>(combining) / static_cast<double>(s.letters);
  }
  if (judge != nullptr) s.syllable_share = judge->SyllableShare(text);
  return s;
}

Triage DecideRoute(const PageSignals& s, const TriageThresholds& t) {
  if (s.glyphs < t.min_glyphs) return Triage::kOcr;  // the caller tells kOcr from kEmpty by ink
  if (s.broken_font_glyphs > t.max_broken_font_glyphs || s.suspicious_glyph_share > t.max_suspicious_share) {
    return Triage::kRecover;
  }
  if (s.bad_char_share > t.max_bad_char_share) return Triage::kOcr;
  if (s.legacy_font || s.legacy_char_share >= t.min_legacy_char_share) return Triage::kRepair;
  if (s.uhorn > 0 || s.combining_share >= t.min_combining_share) return Triage::kRepair;
  if (s.syllable_share >= 0 && s.syllable_share < t.min_syllable_share) return Triage::kOcr;
  return Triage::kUse;
}

std::string Explain(const PageSignals& s, Triage triage) {
  char buffer[256];
  auto percent = [](double share) { return 100.0 * share; };
  switch (triage) {
    case Triage::kUse:
      return "text layer used as it is";
    case Triage::kEmpty:
      return "blank page";
    case Triage::kRecover:
      std::snprintf(buffer, sizeof buffer,
                    "fonts with broken mappings drew %.1f%% of the glyphs (%.1f%% of glyphs share a "
                    "character with another code)",
                    percent(s.broken_font_share), percent(s.suspicious_glyph_share));
      return buffer;
    case Triage::kRepair:
      std::snprintf(buffer, sizeof buffer,
                    "text needs repair: legacy font %s, legacy letters %.1f%%, 'ƣ' x%zu, combining marks %.1f%%",
                    s.legacy_font ? "yes" : "no", percent(s.legacy_char_share), s.uhorn,
                    percent(s.combining_share));
      return buffer;
    case Triage::kOcr:
      if (s.glyphs == 0) return "no text layer";
      std::snprintf(buffer, sizeof buffer,
                    "text layer unusable: %zu glyphs, %.1f%% bad characters, %.0f%% Vietnamese syllables",
                    s.glyphs, percent(s.bad_char_share), s.syllable_share < 0 ? -1.0 : percent(s.syllable_share));
      return buffer;
  }
  return "";
}

}  // namespace baocao::extract_internal
