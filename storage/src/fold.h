// Accent folding for search and entity keys, with a map back to the
// original text so snippets can show the text as written.
#ifndef BAOCAO_STORAGE_FOLD_H_
#define BAOCAO_STORAGE_FOLD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace baocao::storage_internal {

struct FoldedText {
  std::string text;
  // origin[i] is the byte offset in the original of the character that
  // produced byte i of `text`; origin[text.size()] is the original's size.
  std::vector<std::size_t> origin;
};

// Folds each character on its own: canonical decomposition, nonspacing marks
// dropped, đ/Đ -> d, simple lowercase. Invalid UTF-8 bytes are dropped.
FoldedText FoldWithOrigin(std::string_view text);

// Whether the code point at the start of a folded word part is a word
// character (letter, digit or mark) as the search tokenizer sees it.
bool IsWordCharacter(char32_t c);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_FOLD_H_
