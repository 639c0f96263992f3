// Reading the TAB-separated data files: LF-separated lines ('\r' before LF
// ignored), '#' comments, TAB-separated fields. Never splits on other line
// separators: a legacy-table cell may hold U+001E or U+0085.
#ifndef BAOCAO_NORMALIZE_TSV_H_
#define BAOCAO_NORMALIZE_TSV_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace baocao::normalize_internal {

struct TsvRow {
  std::size_t line = 0;  // 1-based
  std::vector<std::string_view> fields;
};

// The data rows of `text`: blank lines and lines starting with '#' skipped.
std::vector<TsvRow> ParseTsv(std::string_view text);

// Parses "U+0111" or "U+0041 U+0301" into *out (UTF-8); any other cell is
// taken as literal text. Returns false for a malformed U+ cell.
bool ParseCharacterCell(std::string_view cell, std::string* out);

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_TSV_H_
