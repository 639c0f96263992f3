// Normalize(): the passes in order over one TrackedText.
#include <algorithm>
#include <utility>

#include "baocao/normalize.h"
#include "passes.h"
#include "tracked_text.h"

namespace baocao {
namespace {

// The output bytes whose source lies in `source`.
Span OutputSpan(const std::vector<std::size_t>& map, Span source) {
  const auto last = map.end() - 1;  // the end sentinel
  const auto begin = std::lower_bound(map.begin(), last, source.begin);
  const auto end = std::lower_bound(begin, last, source.end);
  return Span{static_cast<std::size_t>(begin - map.begin()),
              static_cast<std::size_t>(end - map.begin())};
}

}  // namespace

Span NormalizedText::ToSource(Span output) const {
  if (source_offset.empty()) return Span{};
  const std::size_t last = source_offset.size() - 1;
  const std::size_t end = std::min(output.end, last);
  const std::size_t begin = std::min(output.begin, end);
  return Span{source_offset[begin], source_offset[end]};
}

Result<NormalizedText> Normalize(std::string_view text, const NormalizeOptions& options,
                                 const std::vector<TextRun>& runs) {
  using namespace normalize_internal;
  TrackedText tracked = TrackedText::Identity(text);
  std::vector<Change> changes;
  Utf8Pass(&tracked, &changes);
  if (options.nfc) BAOCAO_RETURN_IF_ERROR(NfcPass(&tracked, &changes));
  if (options.glyph_map) BAOCAO_RETURN_IF_ERROR(GlyphMapPass(&tracked, &changes));
  if (options.legacy) BAOCAO_RETURN_IF_ERROR(LegacyPass(&tracked, runs, &changes));
  DamagedLines damaged;
  if (options.split_syllables) BAOCAO_RETURN_IF_ERROR(SplitSyllablesPass(&tracked, options, &damaged, &changes));
  if (options.ocr_spaces) BAOCAO_RETURN_IF_ERROR(OcrSpacesPass(&tracked, runs, options, &changes));
  if (options.ocr_tones) BAOCAO_RETURN_IF_ERROR(OcrTonesPass(&tracked, runs, options, &changes));
  if (options.lost_chars != LostCharacters::kOff) {
    BAOCAO_RETURN_IF_ERROR(LostCharsPass(&tracked, runs, options, &damaged, &changes));
  }

  NormalizedText result;
  result.text = std::move(tracked.text);
  result.source_offset = std::move(tracked.source);
  for (Change& change : changes) change.output = OutputSpan(result.source_offset, change.source);
  result.changes = std::move(changes);
  return result;
}

}  // namespace baocao
