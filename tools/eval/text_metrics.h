// Text accuracy measures: character error rate against a ground truth.
#ifndef BAOCAO_TOOLS_EVAL_TEXT_METRICS_H_
#define BAOCAO_TOOLS_EVAL_TEXT_METRICS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace baocao::eval {

// The form both sides are compared in: Unicode NFC, every run of white space
// (spaces, tabs, newlines, form feeds) folded to one space, trimmed.
std::string ComparableText(std::string_view utf8);

struct EditCounts {
  std::size_t edits = 0;             // insertions + deletions + substitutions
  std::size_t reference_length = 0;  // code points in the reference

  // edits / reference_length; 0 for two empty texts, 1 for text against nothing.
  double Rate() const;
  EditCounts& operator+=(const EditCounts& other);
};

// Levenshtein distance in code points between `hypothesis` and `reference`,
// both taken as they are (call ComparableText first to compare as people read).
EditCounts CharacterEdits(std::string_view hypothesis, std::string_view reference);

}  // namespace baocao::eval

#endif  // BAOCAO_TOOLS_EVAL_TEXT_METRICS_H_
