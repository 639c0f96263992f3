// Data files compiled into the library by cmake/EmbedFile.cmake.
#ifndef BAOCAO_NORMALIZE_EMBEDDED_H_
#define BAOCAO_NORMALIZE_EMBEDDED_H_

#include <string_view>

namespace baocao::normalize_internal {

std::string_view EmbeddedSyllables();  // built from hunspell-vi + dev corpus, one per line
std::string_view EmbeddedSyllableModel();  // the trigram model, tools/make_lm.cc
std::string_view EmbeddedGlyphMap();   // data/glyph_map.tsv
std::string_view EmbeddedLegacy_tcvn3();
std::string_view EmbeddedLegacy_tcvn3_h();
std::string_view EmbeddedLegacy_vni();
std::string_view EmbeddedLegacy_viscii();
std::string_view EmbeddedLegacy_cp1258();
std::string_view EmbeddedLegacy_tcvn5712_1();

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_EMBEDDED_H_
