// A memory of glyph shapes: the outline of a glyph, hashed, and the character
// fonts with a trustworthy mapping drew it for. Most of an archive is set in a
// few fonts, so a glyph whose font maps it wrongly (the Tuần Giáo defect) is
// often a shape the memory has seen in another document; recalling it is far
// cheaper than reading it by OCR.
//
//   baocao::GlyphMemory memory;
//   memory.Load("archive.glyphs");          // a missing file is an empty memory
//   options.glyph_memory = &memory;         // ExtractPdf consults and teaches it
//   ... ExtractPdf(...) ...
//   memory.Save("archive.glyphs");
//
// Safe to share between threads.
#ifndef BAOCAO_GLYPH_MEMORY_H_
#define BAOCAO_GLYPH_MEMORY_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "baocao/status.h"

namespace baocao {

class GlyphMemory {
 public:
  // What the memory says of one shape.
  struct Recall {
    std::string unicode;   // the character most often seen for the shape (UTF-8)
    int sightings = 0;     // fonts-and-documents that drew the shape as it
    double agreement = 0;  // its share of every sighting of the shape
  };

  // Adds the shapes of a memory file to this one. A missing file is an empty
  // memory; a file that cannot be read or is malformed fails, naming the line.
  Status Load(const std::string& path);
  // Writes the memory to `path` whole or not at all (a temporary file renamed).
  Status Save(const std::string& path) const;

  // One font of one document drew `shape` for `unicode`.
  void Learn(std::uint64_t shape, const std::string& unicode);
  std::optional<Recall> Find(std::uint64_t shape) const;

  std::size_t size() const;  // distinct shapes
  bool changed() const;      // learned anything new since loading

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, std::map<std::string, int>> shapes_;
  bool changed_ = false;
};

}  // namespace baocao

#endif  // BAOCAO_GLYPH_MEMORY_H_
