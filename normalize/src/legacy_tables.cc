#include "legacy_tables.h"

#include <algorithm>
#include <charconv>

#include "embedded.h"
#include "tsv.h"
#include "utf8.h"
#include "vietnamese.h"

namespace baocao::normalize_internal {
namespace {

// Windows-1252 bytes 80..9F; 0 where the byte is undefined.
constexpr std::array<char32_t, 32> kWin1252High = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

bool ParseBytes(std::string_view cell, std::string* bytes) {
  bytes->clear();
  while (!cell.empty()) {
    const std::size_t space = cell.find(' ');
    const std::string_view hex = cell.substr(0, space);
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (ec != std::errc() || ptr != hex.data() + hex.size() || value > 0xFF) return false;
    bytes->push_back(static_cast<char>(value));
    cell.remove_prefix(space == std::string_view::npos ? cell.size() : space + 1);
  }
  return !bytes->empty();
}

std::string_view TableText(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3: return EmbeddedLegacy_tcvn3();
    case LegacyEncoding::kTcvn3Capitals: return EmbeddedLegacy_tcvn3_h();
    case LegacyEncoding::kVni: return EmbeddedLegacy_vni();
    case LegacyEncoding::kViscii: return EmbeddedLegacy_viscii();
    case LegacyEncoding::kCp1258: return EmbeddedLegacy_cp1258();
    case LegacyEncoding::kVn1: return EmbeddedLegacy_tcvn5712_1();
  }
  return {};
}

Result<std::vector<LegacyDecoder>> LoadAll() {
  std::vector<LegacyDecoder> decoders;
  for (std::size_t i = 0; i < kLegacyEncodingCount; ++i) {
    const auto encoding = static_cast<LegacyEncoding>(i);
    Result<LegacyDecoder> decoder = LegacyDecoder::FromTable(encoding, TableText(encoding));
    if (!decoder.ok()) return decoder.status();
    decoders.push_back(std::move(decoder).value());
  }
  return decoders;
}

}  // namespace

std::string_view LegacyEncodingName(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::kTcvn3: return "tcvn3";
    case LegacyEncoding::kTcvn3Capitals: return "tcvn3_h";
    case LegacyEncoding::kVni: return "vni";
    case LegacyEncoding::kViscii: return "viscii";
    case LegacyEncoding::kCp1258: return "cp1258";
    case LegacyEncoding::kVn1: return "tcvn5712_1";
  }
  return "unknown";
}

bool WinAnsiByte(char32_t cp, unsigned char* byte) {
  if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF)) {
    *byte = static_cast<unsigned char>(cp);
    return true;
  }
  if (cp < 0xA0) {  // a C1 control: stands for an undefined byte
    *byte = static_cast<unsigned char>(cp);
    return kWin1252High[cp - 0x80] == 0;
  }
  for (std::size_t i = 0; i < kWin1252High.size(); ++i) {
    if (kWin1252High[i] == cp) {
      *byte = static_cast<unsigned char>(0x80 + i);
      return true;
    }
  }
  return false;
}

char32_t WinAnsiChar(unsigned char byte) {
  if (byte >= 0x80 && byte < 0xA0 && kWin1252High[byte - 0x80u] != 0) {
    return kWin1252High[byte - 0x80u];
  }
  return byte;
}

Result<LegacyDecoder> LegacyDecoder::FromTable(LegacyEncoding encoding, std::string_view tsv) {
  LegacyDecoder decoder;
  decoder.encoding_ = encoding;
  const std::string file = "normalize/data/legacy/" + std::string(LegacyEncodingName(encoding)) + ".tsv";
  const bool combining_tones = encoding == LegacyEncoding::kCp1258;
  std::size_t rows = 0;
  for (const TsvRow& row : ParseTsv(tsv)) {
    const auto fail = [&](const std::string& what) {
      return Status(StatusCode::kInternal, file + " line " + std::to_string(row.line) + ": " + what);
    };
    if (row.fields.size() < 3) return fail("expected unicode, bytes, winansi (TAB-separated)");
    Sequence sequence;
    sequence.text = std::string(row.fields[0]);
    char32_t letter = 0;
    if (sequence.text.empty() || DecodeUtf8(sequence.text, 0, &letter) != sequence.text.size()) {
      return fail("`unicode` must be one code point");
    }
    if (!ParseBytes(row.fields[1], &sequence.bytes)) return fail("malformed `bytes`");
    ++rows;
    if (combining_tones && sequence.bytes.size() == 2) {
      // base + tone byte: remember which tone the byte adds.
      VietLetter split;
      if (!SplitLetter(letter, &split) || split.tone == kNoTone) {
        return fail("a two-byte Windows-1258 row must be a toned vowel");
      }
      decoder.tone_of_byte_[static_cast<unsigned char>(sequence.bytes[1])] = split.tone;
      continue;
    }
    auto& bucket = decoder.by_first_byte_[static_cast<unsigned char>(sequence.bytes[0])];
    for (const Sequence& other : bucket) {
      if (other.bytes == sequence.bytes) return fail("byte sequence listed twice");
    }
    bucket.push_back(std::move(sequence));
  }
  if (rows == 0) return Status(StatusCode::kInternal, file + ": no rows");
  for (auto& bucket : decoder.by_first_byte_) {
    std::stable_sort(bucket.begin(), bucket.end(), [](const Sequence& a, const Sequence& b) {
      return a.bytes.size() > b.bytes.size();
    });
  }
  return decoder;
}

void LegacyDecoder::Decode(std::string_view bytes, std::vector<LegacyPiece>* pieces) const {
  pieces->clear();
  pieces->reserve(bytes.size());
  for (std::size_t pos = 0; pos < bytes.size();) {
    const unsigned char byte = static_cast<unsigned char>(bytes[pos]);
    const int tone = tone_of_byte_[byte];
    if (tone != kNoTone && !pieces->empty()) {
      LegacyPiece& previous = pieces->back();
      char32_t base = 0;
      std::string_view prev_text = previous.text;
      if (!previous.decoded && previous.end - previous.begin == 1) {
        base = WinAnsiChar(static_cast<unsigned char>(bytes[previous.begin]));
      } else if (previous.decoded) {
        DecodeUtf8(prev_text, 0, &base);
      }
      VietLetter split;
      if (SplitLetter(base, &split) && split.vowel && split.tone == kNoTone) {
        previous.text.clear();
        AppendUtf8(ComposeLetter(split.base, tone, split.upper), &previous.text);
        previous.decoded = true;
        previous.end = pos + 1;
        ++pos;
        continue;
      }
    }
    const Sequence* match = nullptr;
    for (const Sequence& s : by_first_byte_[byte]) {
      if (bytes.substr(pos, s.bytes.size()) == s.bytes) {
        match = &s;
        break;
      }
    }
    if (match != nullptr) {
      pieces->push_back({pos, pos + match->bytes.size(), true, match->text});
      pos += match->bytes.size();
    } else {
      pieces->push_back({pos, pos + 1, false, {}});
      ++pos;
    }
  }
}

const Result<std::vector<LegacyDecoder>>& LegacyDecoders() {
  static const auto* const decoders = new Result<std::vector<LegacyDecoder>>(LoadAll());
  return *decoders;
}

}  // namespace baocao::normalize_internal
