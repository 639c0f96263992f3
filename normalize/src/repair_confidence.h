// The confidence reported for a lost-character repair. The decoder's
// posterior alone is surer than right where a line kept few of its letters:
// what the line still shows around the repair, and whether a first letter's
// case had to be guessed, say how far to trust it.
#ifndef BAOCAO_NORMALIZE_REPAIR_CONFIDENCE_H_
#define BAOCAO_NORMALIZE_REPAIR_CONFIDENCE_H_

#include <cstddef>
#include <string_view>

#include "lost_chars.h"

namespace baocao::normalize_internal {

struct RepairEvidence {
  double posterior = 0;        // the decoder's, of this reading of the span
  double shown = 0;            // share of the span's characters the line shows
  double window_restored = 0;  // restored characters per letter within 20 code points of the span
  bool first_restored = false;         // the first letter was lost
  bool first_capital_guessed = false;  // ... and read as a capital of a word in small letters
  std::size_t length = 0;              // code points of the span
  bool in_capitals = false;            // a word of two or more capitals
};

// The evidence for `token` of a line, damaged and as decoded.
RepairEvidence EvidenceOf(std::u32string_view damaged, std::u32string_view decoded, const TokenDecision& token);

// A probability that the repair is right, fitted on held-out dev
// (tools/bench/fit_repair_confidence.py).
double ReportedConfidence(const RepairEvidence& evidence);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_REPAIR_CONFIDENCE_H_
