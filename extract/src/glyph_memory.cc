#include "baocao/glyph_memory.h"

#include <algorithm>
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "utf8.h"

namespace baocao {
namespace {

// One line a shape and character: "<hash, 16 hex digits>\t<code points, hex,
// space-separated>\t<sightings>". Characters are written as code points so
// that a space, a tab or an invisible mark survives every editor.
constexpr const char* kHeader = "# baocao glyph shapes v1: shape hash, code points (hex), sightings";

std::string CodePointsOf(const std::string& utf8) {
  std::string out;
  for (std::size_t pos = 0; pos < utf8.size();) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%04X", extract_internal::NextCodePoint(utf8, pos));
    if (!out.empty()) out += ' ';
    out += hex;
  }
  return out;
}

std::optional<std::string> Utf8Of(const std::string& code_points) {
  std::istringstream in(code_points);
  std::string hex;
  std::string out;
  while (in >> hex) {
    char* end = nullptr;
    const unsigned long cp = std::strtoul(hex.c_str(), &end, 16);
    if (*end != '\0' || cp == 0 || cp > 0x10FFFF) return std::nullopt;
    extract_internal::AppendUtf8(out, static_cast<std::uint32_t>(cp));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

Status GlyphMemory::Load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::Ok();
  std::ifstream in(path);
  if (!in) {
    return Status(StatusCode::kIoError, "'" + path + "': cannot be read (" + std::strerror(errno) + ")");
  }
  std::unordered_map<std::uint64_t, std::map<std::string, int>> read;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t tab1 = line.find('\t');
    const std::size_t tab2 = tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
    std::optional<std::string> unicode;
    char* end = nullptr;
    std::uint64_t shape = 0;
    long sightings = 0;
    if (tab2 != std::string::npos) {
      const std::string hash = line.substr(0, tab1);
      shape = std::strtoull(hash.c_str(), &end, 16);
      const bool hash_ok = !hash.empty() && *end == '\0';
      unicode = Utf8Of(line.substr(tab1 + 1, tab2 - tab1 - 1));
      sightings = std::strtol(line.c_str() + tab2 + 1, &end, 10);
      if (!hash_ok || *end != '\0' || sightings <= 0) unicode.reset();
    }
    if (!unicode) {
      return Status(StatusCode::kInvalidArgument,
                    "'" + path + "' line " + std::to_string(number) +
                        ": not a glyph shape line (hash <tab> code points <tab> sightings)");
    }
    read[shape][*unicode] += static_cast<int>(sightings);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& [shape, seen] : read) {
    for (const auto& [unicode, count] : seen) shapes_[shape][unicode] += count;
  }
  return Status::Ok();
}

Status GlyphMemory::Save(const std::string& path) const {
  std::vector<std::pair<std::uint64_t, const std::map<std::string, int>*>> sorted;
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [shape, seen] : shapes_) sorted.push_back({shape, &seen});
  std::sort(sorted.begin(), sorted.end());  // the same memory, the same file
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    if (!out) {
      return Status(StatusCode::kIoError,
                    "'" + temporary + "': cannot be written (" + std::strerror(errno) + ")");
    }
    out << kHeader << '\n';
    for (const auto& [shape, seen] : sorted) {
      char hex[24];
      std::snprintf(hex, sizeof hex, "%016" PRIx64, shape);
      for (const auto& [unicode, count] : *seen) {
        out << hex << '\t' << CodePointsOf(unicode) << '\t' << count << '\n';
      }
    }
    out.flush();
    if (!out) return Status(StatusCode::kIoError, "'" + temporary + "': writing failed (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return Status(StatusCode::kIoError, "'" + path + "': cannot be replaced (" + ec.message() + ")");
  return Status::Ok();
}

void GlyphMemory::Learn(std::uint64_t shape, const std::string& unicode) {
  if (unicode.empty()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  ++shapes_[shape][unicode];
  changed_ = true;
}

std::optional<GlyphMemory::Recall> GlyphMemory::Find(std::uint64_t shape) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = shapes_.find(shape);
  if (it == shapes_.end()) return std::nullopt;
  Recall best;
  int total = 0;
  for (const auto& [unicode, count] : it->second) {
    total += count;
    if (count > best.sightings) best = {unicode, count, 0};
  }
  best.agreement = static_cast<double>(best.sightings) / total;
  return best;
}

std::size_t GlyphMemory::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return shapes_.size();
}

bool GlyphMemory::changed() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return changed_;
}

}  // namespace baocao
