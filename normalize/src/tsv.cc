#include "tsv.h"

#include <charconv>
#include <string>

#include "utf8.h"

namespace baocao::normalize_internal {

std::vector<TsvRow> ParseTsv(std::string_view text) {
  std::vector<TsvRow> rows;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    TsvRow row;
    row.line = line_number;
    for (;;) {
      const std::size_t tab = line.find('\t');
      row.fields.push_back(line.substr(0, tab));
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

bool ParseCharacterCell(std::string_view cell, std::string* out) {
  out->clear();
  if (cell.substr(0, 2) != "U+") {
    out->assign(cell);
    return true;
  }
  while (!cell.empty()) {
    if (cell.substr(0, 2) != "U+") return false;
    cell.remove_prefix(2);
    const std::size_t end = cell.find(' ');
    const std::string_view hex = cell.substr(0, end);
    std::uint32_t value = 0;
    const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (ec != std::errc() || ptr != hex.data() + hex.size() || value > 0x10FFFF) return false;
    AppendUtf8(static_cast<char32_t>(value), out);
    cell.remove_prefix(end == std::string_view::npos ? cell.size() : end + 1);
  }
  return true;
}

}  // namespace baocao::normalize_internal
