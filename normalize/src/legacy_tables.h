// The legacy Vietnamese encodings and their decoders, built from the tables
// in data/legacy/*.tsv (see the README there).
#ifndef BAOCAO_NORMALIZE_LEGACY_TABLES_H_
#define BAOCAO_NORMALIZE_LEGACY_TABLES_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "baocao/status.h"

namespace baocao::normalize_internal {

enum class LegacyEncoding : int {
  kTcvn3 = 0,     // TCVN3 (ABC, VN3): .VnTime ...
  kTcvn3Capitals, // TCVN3 in the capital-only .VnTimeH ... fonts
  kVni,           // VNI Windows: VNI-Times ...
  kViscii,        // VISCII
  kCp1258,        // Windows-1258 (tone marks as separate bytes)
  kVn1,           // TCVN 5712:1993 VN1 (glibc TCVN5712-1)
};
inline constexpr std::size_t kLegacyEncodingCount = 6;

// "tcvn3", "tcvn3_h", "vni", "viscii", "cp1258", "tcvn5712_1": also the
// table's file name without ".tsv".
std::string_view LegacyEncodingName(LegacyEncoding encoding);

// The byte a WinAnsi (Windows-1252) text layer shows as `cp`: ASCII and C0
// controls, U+00A0..U+00FF, the Windows-1252 specials of 80..9F ("€" = 80)
// and the C1 controls that stand for the bytes Windows-1252 leaves
// undefined. Returns false if no byte shows as `cp`.
bool WinAnsiByte(char32_t cp, unsigned char* byte);

// The Windows-1252 view of `byte` (inverse of WinAnsiByte).
char32_t WinAnsiChar(unsigned char byte);

// A decoded piece of a legacy byte string.
struct LegacyPiece {
  std::size_t begin = 0;  // byte range [begin, end) of the legacy bytes
  std::size_t end = 0;
  bool decoded = false;   // false: no row covers the byte, keep it as it is
  std::string text;       // UTF-8 letter when decoded
};

class LegacyDecoder {
 public:
  // Builds the decoder from one table file; `name` is used in errors.
  static Result<LegacyDecoder> FromTable(LegacyEncoding encoding, std::string_view tsv);

  LegacyEncoding encoding() const { return encoding_; }

  // Decodes `bytes` greedily, longest byte sequence first. For Windows-1258
  // a tone byte after a vowel adds that tone to it (precomposed or not).
  void Decode(std::string_view bytes, std::vector<LegacyPiece>* pieces) const;

 private:
  struct Sequence {
    std::string bytes;
    std::string text;
  };
  LegacyEncoding encoding_ = LegacyEncoding::kTcvn3;
  std::array<std::vector<Sequence>, 256> by_first_byte_;  // longest first
  std::array<int, 256> tone_of_byte_{};                    // Windows-1258 tone bytes
};

// The decoders of all encodings, indexed by LegacyEncoding; an error names
// the table and line if the compiled-in data is broken.
const Result<std::vector<LegacyDecoder>>& LegacyDecoders();

}  // namespace baocao::normalize_internal

#endif  // BAOCAO_NORMALIZE_LEGACY_TABLES_H_
