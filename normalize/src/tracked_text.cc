#include "tracked_text.h"

#include <numeric>
#include <utility>

namespace baocao::normalize_internal {

TrackedText TrackedText::Identity(std::string_view input) {
  TrackedText t;
  t.text.assign(input);
  t.source.resize(input.size() + 1);
  std::iota(t.source.begin(), t.source.end(), std::size_t{0});
  return t;
}

void TrackedBuilder::CopyUpTo(std::size_t end) {
  if (!changed_) {
    out_.text.reserve(in_->text.size() + 64);
    out_.source.reserve(in_->source.size() + 64);
    changed_ = true;
  }
  if (end <= copied_) return;
  out_.text.append(in_->text, copied_, end - copied_);
  out_.source.insert(out_.source.end(), in_->source.begin() + static_cast<std::ptrdiff_t>(copied_),
                     in_->source.begin() + static_cast<std::ptrdiff_t>(end));
  copied_ = end;
}

void TrackedBuilder::Replace(std::size_t begin, std::size_t end, std::string_view out,
                             double confidence, std::string_view detail, bool record) {
  if (record) Record(begin, end, out, confidence, detail);
  CopyUpTo(begin);
  out_.text.append(out);
  out_.source.insert(out_.source.end(), out.size(), in_->source[begin]);
  copied_ = end;
}

void TrackedBuilder::Record(std::size_t begin, std::size_t end, std::string_view after,
                           double confidence, std::string_view detail) {
  // Filled in place: a legacy text records a change for nearly every word.
  Change& c = changes_->emplace_back();
  c.pass.assign(pass_);
  c.detail.assign(detail);
  c.source = Span{in_->source[begin], in_->source[end]};
  c.before.assign(in_->text, begin, end - begin);
  c.after.assign(after);
  c.confidence = confidence;
}

void TrackedBuilder::Finish() {
  if (!changed_) return;
  CopyUpTo(in_->text.size());
  out_.source.push_back(in_->source.back());
  *in_ = std::move(out_);
  out_ = TrackedText();
  copied_ = 0;
  changed_ = false;
}

}  // namespace baocao::normalize_internal
