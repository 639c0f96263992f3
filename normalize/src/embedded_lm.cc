// The built-in syllable language model, generated at build time
// (tools/make_lm.cc) and included byte for byte by the assembler: a multi-MB
// array initializer would cost far more compile time.
#include <cstddef>
#include <string_view>

#include "embedded.h"

#ifndef BAOCAO_LM_FILE
#error "BAOCAO_LM_FILE must name the generated model (normalize/CMakeLists.txt)"
#endif

asm(".pushsection .rodata\n"
    ".balign 16\n"
    "baocao_embedded_lm_begin:\n"
    ".incbin \"" BAOCAO_LM_FILE "\"\n"
    "baocao_embedded_lm_end:\n"
    ".popsection\n");

extern "C" const char baocao_embedded_lm_begin[];
extern "C" const char baocao_embedded_lm_end[];

namespace baocao::normalize_internal {

std::string_view EmbeddedSyllableModel() {
  return std::string_view(baocao_embedded_lm_begin,
                          static_cast<std::size_t>(baocao_embedded_lm_end - baocao_embedded_lm_begin));
}

}  // namespace baocao::normalize_internal
