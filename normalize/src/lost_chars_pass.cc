// The "lost_chars" pass: finds the lines that lost characters, adapts the
// model to the document's intact lines, and decodes the damaged ones.
#include <algorithm>

#include "lost_chars.h"
#include "passes.h"

namespace baocao::normalize_internal {
namespace {

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool forced = false;
  bool damaged = false;
};

std::vector<Line> Lines(const TrackedText& text, const std::vector<TextRun>& runs) {
  std::vector<Line> lines;
  for (std::size_t begin = 0; begin <= text.text.size();) {
    std::size_t eol = text.text.find('\n', begin);
    if (eol == std::string::npos) eol = text.text.size();
    if (eol > begin) lines.push_back({begin, eol});
    begin = eol + 1;
  }
  for (const TextRun& run : runs) {
    if (!run.lost_characters) continue;
    const auto first = std::lower_bound(text.source.begin(), text.source.end() - 1, run.span.begin);
    const auto last = std::lower_bound(text.source.begin(), text.source.end() - 1, run.span.end);
    const auto b = static_cast<std::size_t>(first - text.source.begin());
    const auto e = static_cast<std::size_t>(last - text.source.begin());
    for (Line& line : lines) line.forced |= line.begin < e && b < line.end;
  }
  return lines;
}

}  // namespace

Status LostCharsPass(TrackedText* text, const std::vector<TextRun>& runs,
                     const NormalizeOptions& options, std::vector<Change>* changes) {
  const std::shared_ptr<const SyllableModel> model =
      options.model ? options.model : BuiltInSyllableModel();
  std::vector<Line> lines = Lines(*text, runs);
  std::vector<std::u32string> wide(lines.size());
  bool any = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    const std::string_view bytes(text->text.data() + line.begin, line.end - line.begin);
    if (bytes.find(' ') == std::string_view::npos) continue;
    wide[i] = ToU32(bytes);
    line.damaged = line.forced || options.lost_chars == LostCharacters::kOn ||
                   LooksDamaged(*model, wide[i]);
    any |= line.damaged;
  }
  if (!any) return Status::Ok();
  DocumentCache cache;
  if (options.self_adapt) {
    for (const Line& line : lines) {
      if (!line.damaged) cache.AddLine(std::string_view(text->text.data() + line.begin, line.end - line.begin));
    }
  }
  const DecoderOptions decoder_options;
  TrackedBuilder builder(text, "lost_chars", changes);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].damaged) continue;
    const DecodedLine decoded =
        DecodeLostCharacters(*model, &cache, wide[i], EstimateLostSet(wide[i]), decoder_options);
    if (decoded.tokens.empty()) continue;
    // Byte offset of every code point of the line.
    std::vector<std::size_t> offsets;
    offsets.reserve(wide[i].size() + 1);
    std::size_t pos = lines[i].begin;
    for (const char32_t cp : wide[i]) {
      offsets.push_back(pos);
      pos += ToUtf8(std::u32string_view(&cp, 1)).size();
    }
    offsets.push_back(pos);
    for (const TokenDecision& d : decoded.tokens) {
      builder.Replace(offsets[d.begin], offsets[d.end], ToUtf8(d.output), d.confidence);
      Change& change = changes->back();
      for (const std::u32string& alt : d.alternatives) change.alternatives.push_back(ToUtf8(alt));
      change.review = d.confidence < options.review_threshold;
    }
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
