// The "glyph_map" pass: look-alike characters from data/glyph_map.tsv.
#include <unicode/normalizer2.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "embedded.h"
#include "passes.h"
#include "tsv.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

struct GlyphRepair {
  std::string to;
  bool vietnamese_word = false;  // only if the word then is a Vietnamese syllable
};

using GlyphTable = std::unordered_map<char32_t, GlyphRepair>;

Result<GlyphTable> LoadGlyphTable(std::string_view tsv) {
  GlyphTable table;
  for (const TsvRow& row : ParseTsv(tsv)) {
    const auto fail = [&](const std::string& what) {
      return Status(StatusCode::kInternal,
                    "normalize/data/glyph_map.tsv line " + std::to_string(row.line) + ": " + what);
    };
    if (row.fields.size() < 3) return fail("expected from, to, when (TAB-separated)");
    std::string from;
    GlyphRepair repair;
    if (!ParseCharacterCell(row.fields[0], &from) || !ParseCharacterCell(row.fields[1], &repair.to)) {
      return fail("malformed U+XXXX cell");
    }
    char32_t cp = 0;
    if (from.empty() || DecodeUtf8(from, 0, &cp) != from.size()) {
      return fail("`from` must be one character");
    }
    if (row.fields[2] == "vietnamese_word") {
      repair.vietnamese_word = true;
    } else if (row.fields[2] != "always") {
      return fail("`when` must be always or vietnamese_word");
    }
    if (!table.emplace(cp, std::move(repair)).second) return fail("duplicate `from`");
  }
  return table;
}

const Result<GlyphTable>& Table() {
  static const Result<GlyphTable>* const table =
      new Result<GlyphTable>(LoadGlyphTable(EmbeddedGlyphMap()));
  return *table;
}

bool IsCombiningMark(char32_t cp) { return cp >= 0x0300 && cp <= 0x036F; }

bool IsWordChar(const GlyphTable& table, char32_t cp) {
  VietLetter letter;
  return SplitLetter(cp, &letter) || table.count(cp) > 0;
}

// The word around text[begin, end) with every table character replaced.
std::string RepairedWord(const GlyphTable& table, std::string_view text, std::size_t begin,
                         std::size_t end) {
  while (begin > 0) {
    std::size_t start = begin - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    char32_t cp = 0;
    DecodeUtf8(text, start, &cp);
    if (!IsWordChar(table, cp)) break;
    begin = start;
  }
  while (end < text.size()) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, end, &cp);
    if (!IsWordChar(table, cp)) break;
    end += length;
  }
  std::string word;
  for (std::size_t pos = begin; pos < end;) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(text, pos, &cp);
    const auto found = table.find(cp);
    if (found != table.end()) {
      word += found->second.to;
    } else {
      word.append(text, pos, length);
    }
    pos += length;
  }
  return word;
}

}  // namespace

Status GlyphMapPass(TrackedText* text, std::vector<Change>* changes) {
  const Result<GlyphTable>& loaded = Table();
  if (!loaded.ok()) return loaded.status();
  const GlyphTable& table = loaded.value();
  UErrorCode error = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(error);
  if (U_FAILURE(error)) return Status(StatusCode::kInternal, "normalize: ICU has no NFC data");

  TrackedBuilder builder(text, "glyph_map", changes);
  const std::string_view in = text->text;
  for (std::size_t pos = 0; pos < in.size();) {
    if (static_cast<unsigned char>(in[pos]) < 0x80) {
      ++pos;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8(in, pos, &cp);
    const auto found = table.find(cp);
    if (found == table.end()) {
      pos += length;
      continue;
    }
    const GlyphRepair& repair = found->second;
    if (repair.vietnamese_word &&
        !IsVietnameseSyllable(RepairedWord(table, in, pos, pos + length))) {
      pos += length;
      continue;
    }
    // Marks left uncomposed after the broken glyph ("ƣ" U+0301) compose now.
    std::size_t end = pos + length;
    while (end < in.size()) {
      char32_t mark = 0;
      const std::size_t mark_length = DecodeUtf8(in, end, &mark);
      if (!IsCombiningMark(mark)) break;
      end += mark_length;
    }
    std::string out = repair.to;
    if (end > pos + length) {
      out.append(in.substr(pos + length, end - pos - length));
      icu::UnicodeString u = nfc->normalize(icu::UnicodeString::fromUTF8(out), error);
      if (U_SUCCESS(error)) {
        out.clear();
        u.toUTF8String(out);
      }
      error = U_ZERO_ERROR;
    }
    builder.Replace(pos, end, out);
    pos = end;
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
