// Hashes of glyph outlines, read with FreeType from the fonts a PDF embeds:
// the key of the glyph-shape memory (baocao/glyph_memory.h). A glyph keeps
// its outline when a font is subset or embedded by another program, so one
// shape hashes alike in every document set in that font.
#ifndef BAOCAO_EXTRACT_GLYPH_SHAPES_H_
#define BAOCAO_EXTRACT_GLYPH_SHAPES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "text_layer.h"

class PDFDoc;

namespace baocao::extract_internal {

class GlyphShapes {
 public:
  explicit GlyphShapes(PDFDoc& doc);
  ~GlyphShapes();
  GlyphShapes(const GlyphShapes&) = delete;
  GlyphShapes& operator=(const GlyphShapes&) = delete;

  // The hash of the outline that `code` draws in the font object `font`,
  // which must be named `name`. Nothing when the font is not embedded, is a
  // kind whose outlines are not read here (Type 3, OpenType CID), names
  // another font, or draws no glyph of its own for the code (.notdef).
  std::optional<std::uint64_t> Hash(FontObject font, const std::string& name, std::uint32_t code);

 private:
  struct Font;
  const Font* Open(FontObject font, const std::string& name);

  PDFDoc& doc_;
  struct Library;
  std::unique_ptr<Library> library_;
  std::map<FontObject, std::unique_ptr<Font>> fonts_;  // null: cannot be read
};

}  // namespace baocao::extract_internal

#endif  // BAOCAO_EXTRACT_GLYPH_SHAPES_H_
