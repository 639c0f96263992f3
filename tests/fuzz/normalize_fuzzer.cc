// libFuzzer target for the repair: Normalize over arbitrary bytes, with the
// lost-character passes on every line. Built only with clang
// (tests/normalize/CMakeLists.txt).
//
//   build/tests/normalize/normalize_fuzzer -max_len=2048 -max_total_time=60 corpus/source
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "baocao/normalize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // a few lines: the decoder's cost grows with the line
  const std::string text(reinterpret_cast<const char*>(data), size);
  baocao::NormalizeOptions options;
  options.lost_chars = baocao::LostCharacters::kOn;
  const baocao::Result<baocao::NormalizedText> r = baocao::Normalize(text, options);
  if (!r.ok()) return 0;
  const baocao::NormalizedText& n = r.value();
  if (n.source_offset.size() != n.text.size() + 1 || n.source_offset.back() != text.size()) std::abort();
  for (std::size_t i = 1; i < n.source_offset.size(); ++i) {
    if (n.source_offset[i - 1] > n.source_offset[i]) std::abort();
  }
  std::size_t input_lines = 0, output_lines = 0;
  for (const char c : text) input_lines += c == '\n';
  for (const char c : n.text) output_lines += c == '\n';
  if (input_lines != output_lines) std::abort();
  for (const baocao::Change& c : n.changes) {
    if (c.source.begin > c.source.end || c.source.end > text.size() || c.output.end > n.text.size()) std::abort();
    if (!(c.confidence >= 0 && c.confidence <= 1)) std::abort();
  }
  return 0;
}
