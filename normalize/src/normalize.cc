// Normalize(): the passes in order over one TrackedText.
#include <algorithm>
#include <utility>

#include "baocao/normalize.h"
#include "passes.h"
#include "tracked_text.h"

namespace baocao {
namespace {

// The first output byte, at or after `from`, whose source is not before
// `source`; if an earlier byte's is not, the first of all. Changes come in
// order within a pass, so a search forward from the last change's output
// stays near it: a binary search over the whole map for each of a legacy
// text's thousands of changes took a tenth of its normalizing time.
std::size_t FirstAtOrAfter(const std::vector<std::size_t>& map, std::size_t from, std::size_t source) {
  const std::size_t last = map.size() - 1;  // the end sentinel
  if (from > last || (from > 0 && map[from - 1] >= source)) from = 0;
  // Every byte before `low` has its source before `source`.
  std::size_t low = from;
  std::size_t high = from;
  for (std::size_t step = 1; high < last && map[high] < source; step *= 2) {
    low = high + 1;
    high = std::min(last, high + step);
  }
  return static_cast<std::size_t>(std::lower_bound(map.begin() + static_cast<std::ptrdiff_t>(low),
                                                   map.begin() + static_cast<std::ptrdiff_t>(high), source) -
                                  map.begin());
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
  if (options.lost_chars == LostCharacters::kAuto) {
    damaged.Survey(*ModelOf(options), tracked.text);
  }
  if (options.split_syllables) BAOCAO_RETURN_IF_ERROR(SplitSyllablesPass(&tracked, options, &damaged, &changes));
  if (options.ocr_spaces) BAOCAO_RETURN_IF_ERROR(OcrSpacesPass(&tracked, runs, options, &changes));
  if (options.ocr_tones) BAOCAO_RETURN_IF_ERROR(OcrTonesPass(&tracked, runs, options, &changes));
  if (options.lost_chars != LostCharacters::kOff) {
    BAOCAO_RETURN_IF_ERROR(LostCharsPass(&tracked, runs, options, &damaged, &changes));
  }

  NormalizedText result;
  result.text = std::move(tracked.text);
  result.source_offset = std::move(tracked.source);
  // The output bytes whose source lies in each change's source span.
  std::size_t near = 0;
  for (Change& change : changes) {
    const std::size_t begin = FirstAtOrAfter(result.source_offset, near, change.source.begin);
    change.output = Span{begin, FirstAtOrAfter(result.source_offset, begin, change.source.end)};
    near = begin;
  }
  result.changes = std::move(changes);
  return result;
}

}  // namespace baocao
