#include "glyph_shapes.h"

#include <GfxFont.h>
#include <PDFDoc.h>
#include <XRef.h>
#include <fofi/FoFiTrueType.h>
#include <fofi/FoFiType1C.h>
#include <goo/gmem.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <cmath>
#include <vector>

namespace baocao::extract_internal {
namespace {

// FNV-1a over 32-bit values: stable across runs and machines, as a memory
// file outlives the program that wrote it.
class ShapeHash {
 public:
  void Add(std::int64_t value) {
    auto v = static_cast<std::uint64_t>(value);
    for (int i = 0; i < 4; ++i) {
      hash_ ^= (v >> (8 * i)) & 0xFF;
      hash_ *= 0x100000001B3ULL;
    }
  }
  std::uint64_t value() const { return hash_; }

 private:
  std::uint64_t hash_ = 0xCBF29CE484222325ULL;
};

// Font units in thousandths of an em, so that one outline stored at 1000 or
// 2048 units per em by two embedding programs hashes alike.
std::int64_t PerMille(long units, int units_per_em) {
  return std::lround(static_cast<double>(units) * 1000.0 / units_per_em);
}

}  // namespace

struct GlyphShapes::Library {
  FT_Library library = nullptr;
  Library() {
    if (FT_Init_FreeType(&library) != 0) library = nullptr;
  }
  ~Library() {
    if (library != nullptr) FT_Done_FreeType(library);
  }
};

struct GlyphShapes::Font {
  std::vector<unsigned char> data;  // the face reads from it: keep it alive
  FT_Face face = nullptr;
  std::vector<int> code_to_gid;     // TrueType and CID fonts
  std::vector<std::string> names;   // 8-bit Type 1 and CFF: glyph name per code
  bool identity = false;            // CID fonts without a map: glyph id = CID
  ~Font() {
    if (face != nullptr) FT_Done_Face(face);
  }

  // The glyph id `code` draws; 0 (.notdef) when none.
  unsigned GlyphOf(std::uint32_t code) const {
    if (!names.empty()) {
      if (code >= names.size() || names[code].empty()) return 0;
      std::string name = names[code];
      return FT_Get_Name_Index(face, name.data());
    }
    if (code < code_to_gid.size()) return static_cast<unsigned>(std::max(code_to_gid[code], 0));
    return identity ? code : 0;
  }
};

GlyphShapes::GlyphShapes(PDFDoc& doc) : doc_(doc), library_(std::make_unique<Library>()) {}

GlyphShapes::~GlyphShapes() = default;

const GlyphShapes::Font* GlyphShapes::Open(FontObject object, const std::string& name) {
  auto [it, added] = fonts_.emplace(object, nullptr);
  if (!added) return it->second.get();
  if (library_->library == nullptr || object.first < 0) return nullptr;

  XRef* xref = doc_.getXRef();
  const Ref ref{object.first, object.second};
  Object dict = xref->fetch(ref);
  if (!dict.isDict()) return nullptr;  // a font written inline, not as an object
  std::unique_ptr<GfxFont> gfx = GfxFont::makeFont(xref, "F", ref, dict.getDict());
  if (!gfx || !gfx->isOk() || gfx->getName().value_or("") != name) return nullptr;
  std::optional<std::vector<unsigned char>> data = gfx->readEmbFontFile(xref);
  if (!data || data->empty()) return nullptr;

  auto font = std::make_unique<Font>();
  font->data = std::move(*data);
  const auto* bytes = font->data.data();
  const int size = static_cast<int>(font->data.size());
  if (FT_New_Memory_Face(library_->library, bytes, size, 0, &font->face) != 0) return nullptr;
  switch (gfx->getType()) {
    case fontTrueType:
    case fontTrueTypeOT: {
      std::unique_ptr<FoFiTrueType> truetype = FoFiTrueType::make(bytes, size);
      if (!truetype) return nullptr;
      int* map = static_cast<Gfx8BitFont*>(gfx.get())->getCodeToGIDMap(truetype.get());
      if (map == nullptr) return nullptr;
      font->code_to_gid.assign(map, map + 256);
      gfree(map);
      break;
    }
    case fontType1:
    case fontType1C:
    case fontType1COT: {
      char** encoding = static_cast<Gfx8BitFont*>(gfx.get())->getEncoding();
      for (int code = 0; code < 256; ++code) font->names.emplace_back(encoding[code] ? encoding[code] : "");
      break;
    }
    case fontCIDType2:
    case fontCIDType2OT: {
      const auto* cid = static_cast<GfxCIDFont*>(gfx.get());
      if (cid->getCIDToGID() != nullptr) {
        font->code_to_gid.assign(cid->getCIDToGID(), cid->getCIDToGID() + cid->getCIDToGIDLen());
      } else {
        font->identity = true;
      }
      break;
    }
    case fontCIDType0C: {
      std::unique_ptr<FoFiType1C> cff(FoFiType1C::make(bytes, size));
      if (!cff) return nullptr;
      int count = 0;
      int* map = cff->getCIDToGIDMap(&count);
      if (map == nullptr) return nullptr;
      font->code_to_gid.assign(map, map + count);
      gfree(map);
      break;
    }
    default:  // Type 3 glyphs are content streams; OpenType CID fonts are rare
      return nullptr;
  }
  it->second = std::move(font);
  return it->second.get();
}

std::optional<std::uint64_t> GlyphShapes::Hash(FontObject object, const std::string& name, std::uint32_t code) {
  const Font* font = Open(object, name);
  if (font == nullptr) return std::nullopt;
  const unsigned gid = font->GlyphOf(code);
  if (gid == 0) return std::nullopt;
  constexpr FT_Int32 kAsDrawn = FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_IGNORE_TRANSFORM;
  if (FT_Load_Glyph(font->face, gid, kAsDrawn) != 0) return std::nullopt;
  const FT_GlyphSlot slot = font->face->glyph;
  if (slot->format != FT_GLYPH_FORMAT_OUTLINE) return std::nullopt;
  const int units = font->face->units_per_EM > 0 ? font->face->units_per_EM : 1000;
  const FT_Outline& outline = slot->outline;
  ShapeHash hash;
  hash.Add(PerMille(slot->metrics.horiAdvance, units));
  hash.Add(outline.n_contours);
  for (int c = 0; c < outline.n_contours; ++c) hash.Add(outline.contours[c]);
  for (int p = 0; p < outline.n_points; ++p) {
    hash.Add(PerMille(outline.points[p].x, units));
    hash.Add(PerMille(outline.points[p].y, units));
    hash.Add(FT_CURVE_TAG(outline.tags[p]));
  }
  return hash.value();
}

}  // namespace baocao::extract_internal
