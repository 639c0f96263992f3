// libFuzzer target for the rule set: every public parser over arbitrary
// bytes. Built only with clang (tests/rules/CMakeLists.txt).
//
//   build/tests/rules/rules_fuzzer -max_total_time=60 tests/rules/phrases
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "baocao/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto inside = [&](const baocao::Span& span) {
    return span.begin <= span.end && span.end <= text.size();
  };
  for (const baocao::NumberMatch& n : baocao::FindNumbers(text)) {
    if (!inside(n.span)) std::abort();
  }
  for (const baocao::PeriodMatch& p : baocao::FindPeriods(text, 2024)) {
    if (!inside(p.span) || p.valid == p.start.empty()) std::abort();
  }
  baocao::Page page;
  page.text = text;
  for (const baocao::Fact& fact : baocao::ExtractFacts(page)) {
    if (!inside(fact.span) || fact.quote != text.substr(fact.span.begin, fact.span.size())) {
      std::abort();
    }
  }
  return 0;
}
