// A page's words and text repairs as the compact JSON the pages table keeps
// (see schema/0004_review.sql). Words keep their box, span, source and
// confidence, not their text or glyphs: the text is the page's at the span,
// and dropping the rest keeps a page's row a few times its text, not tens.
#ifndef BAOCAO_STORAGE_PAGE_JSON_H_
#define BAOCAO_STORAGE_PAGE_JSON_H_

#include <string>
#include <vector>

#include "baocao/document.h"
#include "baocao/storage.h"

namespace baocao::storage_internal {

// [[x0, y0, x1, y1, span_begin, span_end, "source", confidence], ...] of the
// words overlapping one of the `keep` spans; the box rounded to 0.01 pt, the
// confidence to 3 digits.
std::string WordsToJson(const std::vector<Word>& words, const std::vector<Span>& keep);
// The inverse of WordsToJson; entries it cannot read are skipped.
std::vector<StoredWord> WordsFromJson(const std::string& json);

// [{"pass", "detail", "span": [b, e], "before", "confidence", "alternatives"}, ...]
std::string RepairsToJson(const std::vector<TextRepair>& repairs);
// The inverse of RepairsToJson; entries it cannot read are skipped.
std::vector<TextRepair> RepairsFromJson(const std::string& json);

// A JSON list of strings; other items are skipped, other JSON is an empty list.
std::vector<std::string> StringsFromJson(const std::string& json);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_PAGE_JSON_H_
