// Turns what a person types into an FTS5 query over the page_search index,
// and cuts snippets of the original page text around the matches.
#ifndef BAOCAO_STORAGE_SEARCH_QUERY_H_
#define BAOCAO_STORAGE_SEARCH_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

namespace baocao::storage_internal {

// A query as a list of phrases, each a list of folded words; every phrase
// must match. "ty le" is two one-word phrases; "\"ty le\" 2024" is the phrase
// "ty le" and the word "2024".
struct SearchTerms {
  std::vector<std::vector<std::string>> folded;    // accents removed
  std::vector<std::vector<std::string>> as_typed;  // lowercased, accents kept
  bool empty() const { return folded.empty(); }
};

SearchTerms ParseSearchQuery(std::string_view query);

// The FTS5 query: every phrase in the folded column, or every phrase as
// typed in the text column (so pages matching the accents rank higher).
// Words are quoted, so no FTS5 operator can come from the input.
std::string FtsMatchExpression(const SearchTerms& terms);

// Up to about `width` bytes of `text` around the first match of any folded
// word, on one line, with each matched word in [brackets].
std::string Snippet(std::string_view text, const SearchTerms& terms, std::size_t width = 160);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_SEARCH_QUERY_H_
