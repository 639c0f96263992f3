// UTF-8 helpers for the rules: code points around a position, word
// boundaries, accent folding. Invalid UTF-8 decodes to U+FFFD, one byte at a
// time, so every function is safe on any byte string.
#ifndef BAOCAO_RULES_TEXT_H_
#define BAOCAO_RULES_TEXT_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::rules_internal {

inline constexpr char32_t kNoCodePoint = 0;  // before the start / past the end

// The code point starting at byte `pos`; kNoCodePoint at the end. Sets *length
// to its byte length (1 for an invalid byte) when length is not null.
char32_t CodePointAt(std::string_view text, std::size_t pos, std::size_t* length = nullptr);
// The code point ending just before byte `pos`; kNoCodePoint at the start.
char32_t CodePointBefore(std::string_view text, std::size_t pos);

// A letter, a decimal digit or a combining mark: something a word is made of.
// Superscript digits (footnote markers) are not word characters.
bool IsWordChar(char32_t c);
bool IsDigit(char32_t c);
bool IsUpper(char32_t c);
bool IsSuperscriptDigit(char32_t c);
bool IsSpace(char32_t c);

// Runs of whitespace become one space; leading and trailing space is removed.
std::string CollapseSpaces(std::string_view text);
// Lowercase, accents removed ("Đ" -> "d", "ƣ" -> "u"), whitespace collapsed:
// the form in which two spellings of a name are compared.
std::string Fold(std::string_view text);
// ASCII-only lowercase plus the Vietnamese letters' lowercase (via ICU).
std::string Lower(std::string_view text);

}  // namespace baocao::rules_internal

#endif  // BAOCAO_RULES_TEXT_H_
