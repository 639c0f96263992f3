#include "search_query.h"

#include <unicode/utf8.h>

#include <algorithm>

#include "baocao/storage.h"
#include "fold.h"

namespace baocao::storage_internal {
namespace {

// Splits `text` into words (runs of word characters).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && IsWordCharacter(static_cast<char32_t>(c))) {
      current.append(
          text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

// The as-typed words keep their case: the FTS5 tokenizer lowercases query
// words itself.
void AddPhrase(std::string_view text, SearchTerms& terms) {
  std::vector<std::string> folded = Words(FoldAccents(text));
  if (folded.empty()) return;
  terms.folded.push_back(std::move(folded));
  terms.as_typed.push_back(Words(text));
}

std::string QuotePhrase(const std::vector<std::string>& words) {
  std::string out = "\"";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i];  // word characters only: no quote can appear
  }
  return out + "\"";
}

std::string AllPhrases(const std::vector<std::vector<std::string>>& phrases) {
  std::string out;
  for (const auto& phrase : phrases) {
    if (phrase.empty()) continue;
    if (!out.empty()) out += " AND ";
    out += QuotePhrase(phrase);
  }
  return out;
}

bool IsWordByteAt(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  auto i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT(bytes, i, static_cast<int32_t>(text.size()), c);
  return c >= 0 && IsWordCharacter(static_cast<char32_t>(c));
}

bool IsWordBefore(std::string_view text, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return IsWordByteAt(text, start);
}

struct Match {
  std::size_t begin;  // in folded text
  std::size_t end;
};

// Every whole-word occurrence of any query word in `folded`.
std::vector<Match> FindWords(std::string_view folded, const SearchTerms& terms) {
  std::vector<Match> matches;
  for (const auto& phrase : terms.folded) {
    for (const std::string& word : phrase) {
      for (std::size_t at = folded.find(word); at != std::string_view::npos;
           at = folded.find(word, at + 1)) {
        if (IsWordBefore(folded, at) || IsWordByteAt(folded, at + word.size())) continue;
        matches.push_back({at, at + word.size()});
      }
    }
  }
  std::sort(matches.begin(), matches.end(),
            [](const Match& a, const Match& b) { return a.begin < b.begin; });
  return matches;
}

std::size_t StartOfCharacter(std::string_view text, std::size_t at) {
  while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return std::min(at, text.size());
}

void AppendOneLine(std::string_view text, std::string& out) {
  for (const char c : text) {
    const bool space = c == '\n' || c == '\r' || c == '\t' || c == '\f';
    if (space && !out.empty() && out.back() == ' ') continue;
    out.push_back(space ? ' ' : c);
  }
}

}  // namespace

SearchTerms ParseSearchQuery(std::string_view query) {
  SearchTerms terms;
  bool in_quotes = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= query.size(); ++i) {
    if (i < query.size() && query[i] != '"') continue;
    const std::string_view part = query.substr(start, i - start);
    if (in_quotes) {
      AddPhrase(part, terms);
    } else {
      for (const std::string& word : Words(part)) AddPhrase(word, terms);
    }
    in_quotes = !in_quotes;
    start = i + 1;
  }
  return terms;
}

std::string FtsMatchExpression(const SearchTerms& terms) {
  // The column filters keep each half to its own form of the text.
  std::string expression = "{folded_text} : (" + AllPhrases(terms.folded) + ")";
  const std::string typed = AllPhrases(terms.as_typed);
  if (!typed.empty()) expression += " OR {text} : (" + typed + ")";
  return expression;
}

std::string Snippet(std::string_view text, const SearchTerms& terms, std::size_t width) {
  const FoldedText folded = FoldWithOrigin(text);
  const std::vector<Match> matches = FindWords(folded.text, terms);
  std::size_t center = 0;
  if (!matches.empty()) center = folded.origin[matches.front().begin];
  const std::size_t begin = StartOfCharacter(text, center > width / 3 ? center - width / 3 : 0);
  const std::size_t end = StartOfCharacter(text, std::min(text.size(), begin + width));

  std::string out;
  if (begin > 0) out += "…";
  std::size_t at = begin;
  for (const Match& match : matches) {
    const std::size_t match_begin = folded.origin[match.begin];
    const std::size_t match_end = folded.origin[match.end];
    if (match_begin < at || match_end > end) continue;
    AppendOneLine(text.substr(at, match_begin - at), out);
    out += '[';
    AppendOneLine(text.substr(match_begin, match_end - match_begin), out);
    out += ']';
    at = match_end;
  }
  AppendOneLine(text.substr(at, end - at), out);
  if (end < text.size()) out += "…";
  return out;
}

}  // namespace baocao::storage_internal
