// The "lost_chars" pass: finds the lines that lost characters, adapts the
// model to the document's intact lines, and decodes the damaged ones.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "lost_chars.h"
#include "lost_digits.h"
#include "outline_codes.h"
#include "passes.h"
#include "repair_confidence.h"

namespace baocao::normalize_internal {
namespace {

// A text lost characters as a whole when at least this many of its lines
// plainly did, and one in kDamagedShare of its lines with a space.
constexpr std::size_t kMinDamagedLines = 3;
constexpr std::size_t kDamagedShare = 10;

// A number read back from the document's numbers is a guess however often
// the document shows it: its confidence (below 0.75) is lowered further.
constexpr double kNumberConfidencePower = 1.5;

// The confidence reported for a repair, and what it rests on.
std::pair<double, std::string> Reported(const TokenDecision& d, std::u32string_view damaged,
                                        std::u32string_view decoded) {
  switch (d.origin) {
    case TokenDecision::Origin::kDocumentNumber:
      return {std::pow(d.confidence, kNumberConfidencePower), "document number"};
    case TokenDecision::Origin::kOutlineCode:
      return {d.confidence, "outline code"};
    case TokenDecision::Origin::kDecoder:
      break;
  }
  // The decoder's own uses (the cache's sure pieces, the second pass's
  // bound) keep its posterior; users get it weighed with the evidence.
  char posterior[32];
  std::snprintf(posterior, sizeof posterior, "posterior %.6f", d.confidence);
  return {ReportedConfidence(EvidenceOf(damaged, decoded, d)), posterior};
}

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool forced = false;
  bool damaged = false;
};

std::vector<Line> Lines(const TrackedText& text, const std::vector<TextRun>& runs) {
  std::vector<Line> lines;
  for (std::size_t begin = 0, next = 0; begin <= text.text.size(); begin = next) {
    const std::size_t end = LineEnd(text.text, begin, &next);
    if (end > begin) lines.push_back({begin, end});
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

// Adds to *cache the pieces of a decoded line that hold no doubtful repair
// (below `sure`) and no word next to a space left unread.
void AddSurePieces(const DecodedLine& decoded, double sure, DocumentCache* cache) {
  std::u32string text = decoded.text;
  for (const TokenDecision& d : decoded.tokens) {
    if (d.confidence >= sure) continue;
    for (std::size_t k = d.begin; k < d.end; ++k) text[k] = U'\n';
  }
  // A word next to a space left unread may have lost letters there.
  for (std::size_t k = 0; k + 1 < text.size(); ++k) {
    if (decoded.text[k] != U' ' || decoded.text[k + 1] != U' ') continue;
    for (std::size_t j = k; j > 0 && text[j - 1] != U' ' && text[j - 1] != U'\n'; --j) text[j - 1] = U'\n';
    for (std::size_t j = k + 2; j < text.size() && text[j] != U' ' && text[j] != U'\n'; ++j) text[j] = U'\n';
  }
  const std::string utf8 = ToUtf8(text);
  for (std::size_t begin = 0; begin <= utf8.size();) {
    std::size_t end = utf8.find('\n', begin);
    if (end == std::string::npos) end = utf8.size();
    if (end > begin) cache->AddPiece(std::string_view(utf8).substr(begin, end - begin));
    begin = end + 1;
  }
}

// Adds to *decoded the numbers of its line read back from `numbers`.
void RestoreNumbers(const NumberMemory& numbers, std::u32string_view line, DecodedLine* decoded) {
  const DigitSet lost = LostDigits(line);
  std::vector<bool> taken(decoded->text.size(), false);
  for (const TokenDecision& d : decoded->tokens) std::fill(taken.begin() + static_cast<std::ptrdiff_t>(d.begin), taken.begin() + static_cast<std::ptrdiff_t>(d.end), true);
  std::vector<TokenDecision> restored = numbers.Restore(decoded->text, lost, taken);
  if (restored.empty()) return;
  for (TokenDecision& d : restored) {
    std::copy(d.output.begin(), d.output.end(), decoded->text.begin() + static_cast<std::ptrdiff_t>(d.begin));
    decoded->tokens.push_back(std::move(d));
  }
  std::sort(decoded->tokens.begin(), decoded->tokens.end(),
            [](const TokenDecision& a, const TokenDecision& b) { return a.begin < b.begin; });
}

}  // namespace

DamageSign DamagedLines::Sign(const SyllableModel& model, std::string_view line, const std::u32string* wide) {
  const auto it = judged_.find(line);
  if (it != judged_.end()) return it->second;
  const DamageSign sign = wide != nullptr ? LineDamage(model, *wide) : LineDamage(model, ToU32(line));
  judged_.emplace(line, sign);
  return sign;
}

void DamagedLines::Survey(const SyllableModel& model, std::string_view text) {
  std::size_t lines = 0;
  std::size_t damaged = 0;
  for (std::size_t begin = 0, next = 0; begin <= text.size(); begin = next) {
    const std::string_view line = text.substr(begin, LineEnd(text, begin, &next) - begin);
    if (line.find(' ') != std::string_view::npos) {
      ++lines;
      damaged += Sign(model, line, nullptr) == DamageSign::kDamaged;
    }
  }
  text_damaged_ = damaged >= kMinDamagedLines && damaged * kDamagedShare >= lines;
}

bool DamagedLines::Judge(const SyllableModel& model, std::string_view line, const std::u32string* wide) {
  const DamageSign sign = Sign(model, line, wide);
  return sign == DamageSign::kDamaged || (text_damaged_ && sign == DamageSign::kFragment);
}

Status LostCharsPass(TrackedText* text, const std::vector<TextRun>& runs,
                     const NormalizeOptions& options, DamagedLines* damaged_lines, std::vector<Change>* changes) {
  const std::shared_ptr<const SyllableModel> model = ModelOf(options);
  std::vector<Line> lines = Lines(*text, runs);
  std::vector<std::u32string> wide(lines.size());
  bool any = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    const std::string_view bytes(text->text.data() + line.begin, line.end - line.begin);
    if (bytes.find(' ') == std::string_view::npos) continue;
    wide[i] = ToU32(bytes);
    line.damaged = line.forced || options.lost_chars == LostCharacters::kOn || damaged_lines->Judge(*model, bytes, &wide[i]);
    any |= line.damaged;
  }
  if (!any) return Status::Ok();
  DocumentCache cache;
  if (options.self_adapt) {
    for (const Line& line : lines) {
      if (!line.damaged) cache.AddLine(std::string_view(text->text.data() + line.begin, line.end - line.begin));
    }
    cache.LearnWords(*model);
    cache.IndexWords(*model);
  }
  const DecoderOptions decoder_options;
  // First pass: each line with the letters it lacks. Second pass: each
  // block of consecutive damaged lines with the lost sets of their runs,
  // estimated from the first.
  std::vector<DecodedLine> decoded(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].damaged) continue;
    decoded[i] = DecodeLostCharacters(*model, &cache, wide[i], EstimateLostSet(wide[i]), decoder_options);
  }
  // The first pass's sure repairs join the document's own text: pieces of
  // the damaged lines between doubtful words.
  if (options.self_adapt) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].damaged) AddSurePieces(decoded[i], RunEstimateOptions().sure, &cache);
    }
    cache.IndexWords(*model);
  }
  const std::vector<DecodedLine> first_decoding = decoded;
  // How often the first pass surely read a letter its line shows tells how
  // often this document's lines mix font runs that lost different sets.
  RunEstimateOptions run_options;
  run_options.shown_cost = ShownLetterCostOf(wide, decoded, run_options.sure);
  for (std::size_t first = 0; first < lines.size();) {
    if (!lines[first].damaged) {
      ++first;
      continue;
    }
    std::size_t end = first;
    while (end < lines.size() && lines[end].damaged) ++end;
    const std::vector<std::u32string> block(wide.begin() + static_cast<std::ptrdiff_t>(first),
                                            wide.begin() + static_cast<std::ptrdiff_t>(end));
    const std::vector<DecodedLine> first_pass(decoded.begin() + static_cast<std::ptrdiff_t>(first),
                                              decoded.begin() + static_cast<std::ptrdiff_t>(end));
    const std::vector<LostSet> sets = EstimateRunLostSets(block, first_pass, run_options);
    for (std::size_t i = first; i < end; ++i) {
      decoded[i] = DecodeLostCharacters(*model, &cache, wide[i], sets[i - first], decoder_options);
      BoundByFirstPass(first_decoding[i], &decoded[i]);
    }
    first = end;
  }
  // Lines without a space were never widened above.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (wide[i].empty()) wide[i] = ToU32(std::string_view(text->text.data() + lines[i].begin, lines[i].end - lines[i].begin));
  }
  // Outline codes that lost digits, from the codes around them; then other
  // numbers, from the numbers of the intact lines.
  std::vector<OutlineLine> outline(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    outline[i].damaged = lines[i].damaged;
    outline[i].text = lines[i].damaged ? decoded[i].text : wide[i];
    outline[i].shown = wide[i];
    if (lines[i].damaged) outline[i].lost = LostDigits(wide[i]);
  }
  for (auto& [i, code] : RestoreOutlineCodes(outline)) {
    DecodedLine& line = decoded[i];
    std::copy(code.output.begin(), code.output.end(), line.text.begin() + static_cast<std::ptrdiff_t>(code.begin));
    line.tokens.push_back(std::move(code));
    std::sort(line.tokens.begin(), line.tokens.end(),
              [](const TokenDecision& a, const TokenDecision& b) { return a.begin < b.begin; });
  }
  NumberMemory numbers;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].damaged) {
      numbers.AddDamagedLine(wide[i]);
    } else {
      numbers.AddLine(wide[i]);
    }
  }
  for (std::size_t i = 0; i < lines.size() && !numbers.empty(); ++i) {
    if (lines[i].damaged) RestoreNumbers(numbers, wide[i], &decoded[i]);
  }
  TrackedBuilder builder(text, "lost_chars", changes);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!lines[i].damaged || decoded[i].tokens.empty()) continue;
    // Byte offset of every code point of the line.
    std::vector<std::size_t> offsets;
    offsets.reserve(wide[i].size() + 1);
    std::size_t pos = lines[i].begin;
    for (const char32_t cp : wide[i]) {
      offsets.push_back(pos);
      pos += ToUtf8(std::u32string_view(&cp, 1)).size();
    }
    offsets.push_back(pos);
    std::size_t done = 0;  // end of the last repair: each reads spaces no other one read
    for (const TokenDecision& d : decoded[i].tokens) {
      if (d.begin < done) continue;
      done = d.end;
      const auto [confidence, detail] = Reported(d, wide[i], decoded[i].text);
      builder.Replace(offsets[d.begin], offsets[d.end], ToUtf8(d.output), confidence, detail);
      Change& change = changes->back();
      for (const std::u32string& alt : d.alternatives) change.alternatives.push_back(ToUtf8(alt));
      change.review = confidence < options.review_threshold;
    }
  }
  builder.Finish();
  return Status::Ok();
}

}  // namespace baocao::normalize_internal
