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
  Change c;
  c.pass = std::string(pass_);
  c.detail = std::string(detail);
  c.source = Span{in_->source[begin], in_->source[end]};
  c.before = in_->text.substr(begin, end - begin);
  c.after = std::string(after);
  c.confidence = confidence;
  changes_->push_back(std::move(c));
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
