// Text that remembers, for every byte, the input byte it came from; and a
// builder that lets a pass rewrite pieces of it while the map stays exact.
#ifndef BAOCAO_NORMALIZE_TRACKED_TEXT_H_
#define BAOCAO_NORMALIZE_TRACKED_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/normalize.h"

namespace baocao::normalize_internal {

struct TrackedText {
  std::string text;
  // source[i]: input byte of text[i]; size text.size() + 1, the last is the
  // input size. Non-decreasing.
  std::vector<std::size_t> source;

  // Identity map over `input`.
  static TrackedText Identity(std::string_view input);
};

// Rewrites a TrackedText piece by piece, appending a Change (with its source
// span; the output span is filled in when every pass has run) per piece. Pieces must be replaced in order;
// what lies between them is copied. If nothing is replaced, Finish() returns
// the input unchanged without copying the map.
class TrackedBuilder {
 public:
  TrackedBuilder(TrackedText* in, std::string_view pass, std::vector<Change>* changes)
      : in_(in), pass_(pass), changes_(changes) {}

  // Replaces in_->text[begin, end) by `out`; every byte of `out` maps to the
  // source of `begin`. Records a Change unless `record` is false (for pieces
  // of a larger change recorded with Record()). REQUIRES: begin >= end of the
  // previous replacement.
  void Replace(std::size_t begin, std::size_t end, std::string_view out, double confidence = 1.0,
               std::string_view detail = {}, bool record = true);

  // Records a change of in_->text[begin, end) into `after` made by several
  // Replace(..., record=false) calls.
  void Record(std::size_t begin, std::size_t end, std::string_view after, double confidence,
              std::string_view detail);

  bool changed() const { return changed_; }

  // Replaces *in_ by the rewritten text (a no-op if nothing was replaced).
  void Finish();

 private:
  void CopyUpTo(std::size_t end);

  TrackedText* in_;
  std::string_view pass_;
  std::vector<Change>* changes_;
  TrackedText out_;
  std::size_t copied_ = 0;
  bool changed_ = false;
};

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_TRACKED_TEXT_H_
