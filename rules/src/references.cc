// Document references: "Kế hoạch số 83-KH/HU ngày 02/12/2021 của Ban Chấp
// hành Đảng bộ huyện Thọ Xuân về ...". The number is found by a pattern; the
// date, issuer and subject that follow are read one after another.
#include <algorithm>
#include <optional>

#include "parsers.h"
#include "text.h"

namespace baocao::rules_internal {
namespace {

constexpr std::size_t kMaxIssuerWords = 16;
constexpr std::size_t kMaxSubjectBytes = 600;

bool IsSpaceByte(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

std::string WithoutSpaces(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (!IsSpaceByte(ch)) out.push_back(ch);
  }
  return out;
}

// Punctuation that ends a word of an issuer (and the issuer with it).
bool EndsIssuerWord(char32_t c) {
  switch (c) {
    case U',': case U';': case U'.': case U':': case U'(': case U')': case U'[': case U']':
    case U'"': case U'\u201C': case U'\u201D': case U'?': case U'!':
      return true;
    default:
      return IsSuperscriptDigit(c);
  }
}

struct Tail {
  std::size_t end = 0;  // bytes read so far
  std::string text;
};

// The body after "của": words up to a stop word, punctuation or the start of
// another reference; trailing conjunctions are dropped.
Tail ReadIssuer(const RuleSet& rules, std::string_view text, std::size_t from, std::size_t limit) {
  std::vector<Span> words;
  std::size_t cur = from;
  while (words.size() < kMaxIssuerWords) {
    while (cur < limit && IsSpaceByte(text[cur])) ++cur;
    if (cur >= limit) break;
    const RE2* start = rules.reference_start();
    if (start != nullptr && start->Match(re2::StringPiece(text.data(), text.size()), cur, limit,
                                        RE2::ANCHOR_START, nullptr, 0)) break;
    std::size_t token_end = cur;
    while (token_end < limit && !IsSpaceByte(text[token_end])) ++token_end;
    std::size_t cut = cur;
    while (cut < token_end) {
      std::size_t length = 0;
      const char32_t c = CodePointAt(text, cut, &length);
      if (EndsIssuerWord(c) || length == 0) break;
      cut += length;
    }
    cut = std::min(cut, token_end);
    const std::string_view word = text.substr(cur, cut - cur);
    if (word.empty() || IsDigit(CodePointAt(text, cur)) || rules.IsIssuerStop(word)) break;
    words.push_back({cur, cut});
    if (cut < token_end) break;
    cur = token_end;
  }
  while (!words.empty() && (rules.IsIssuerTrim(text.substr(words.back().begin, words.back().size())) ||
                            text.substr(words.back().begin, words.back().size()) == "-")) {
    words.pop_back();
  }
  if (words.empty()) return {from, ""};
  const Span all{words.front().begin, words.back().end};
  return {all.end, CollapseSpaces(text.substr(all.begin, all.size()))};
}

// A footnote line starts with its number and a capital: "\n7 Kế hoạch ...".
bool FootnoteLineAt(std::string_view text, std::size_t pos, std::size_t limit) {
  while (pos < limit && IsSpaceByte(text[pos])) ++pos;
  const std::size_t digits = pos;
  while (pos < limit && IsDigit(static_cast<unsigned char>(text[pos]))) ++pos;
  if (pos == digits || pos >= limit || text[pos] != ' ') return false;
  while (pos < limit && text[pos] == ' ') ++pos;
  return IsUpper(CodePointAt(text, pos));
}

// What the document is about: up to the clause end (";", a full stop, a comma
// before a capital, a footnote marker or line, the next reference).
Tail ReadSubject(std::string_view text, std::size_t from, std::size_t limit) {
  limit = std::min(limit, from + kMaxSubjectBytes);
  std::size_t i = from;
  while (i < limit) {
    const char ch = text[i];
    if (ch == ';' || ch == '(' || ch == ':') break;
    if (ch == '.' && (i + 1 >= text.size() || IsSpaceByte(text[i + 1]))) break;
    if (ch == ',') {
      std::size_t next = i + 1;
      while (next < text.size() && IsSpaceByte(text[next])) ++next;
      if (IsUpper(CodePointAt(text, next))) break;
    }
    if (ch == '\n' && FootnoteLineAt(text, i + 1, limit)) break;
    std::size_t length = 0;
    const char32_t c = CodePointAt(text, i, &length);
    if (IsSuperscriptDigit(c)) break;
    i += std::max<std::size_t>(length, 1);
  }
  std::size_t end = std::min(i, limit);
  if (end == from + kMaxSubjectBytes) {
    // Cut at a word boundary rather than inside a word.
    while (end > from && !IsSpaceByte(text[end - 1])) --end;
  }
  while (end > from && (IsSpaceByte(text[end - 1]) || text[end - 1] == ',' ||
                        text[end - 1] == '-')) {
    --end;
  }
  return {end, CollapseSpaces(text.substr(from, end - from))};
}

struct Core {
  ReferenceMatch reference;
  int year = 0;           // year of the number itself (legal form)
  bool has_type = false;  // a type word precedes the number
  bool has_so = false;    // "số" precedes the number
};

std::optional<Core> ReadCore(const RuleSet& rules, std::string_view text, const RuleMatch& match) {
  const Span span = match.span();
  const char32_t before = CodePointBefore(text, span.begin);
  if (IsWordChar(before) || before == U'/' || before == U'-' || before == U'.') return std::nullopt;
  if (IsWordChar(CodePointAt(text, span.end))) return std::nullopt;

  Core core;
  ReferenceMatch& ref = core.reference;
  ref.rule = match.rule().id;
  const std::string num(match.Group("num"));
  const std::string symbol = WithoutSpaces(match.Group("sym"));
  std::string code;
  if (ref.rule == "reference.legal") {
    const std::string year(match.Group("year"));
    ref.number = num + "/" + year + "/" + symbol;
    core.year = SmallNumber(year);
    code = symbol.substr(0, symbol.find('-'));
  } else if (ref.rule == "reference.party") {
    ref.number = num + "-" + symbol;
    code = symbol.substr(0, symbol.find('/'));
  } else {
    ref.number = num + "/" + symbol;
    code = symbol.substr(0, symbol.find('-'));
  }
  std::string_view type_word = match.Has("type2") ? match.Group("type2") : match.Group("type");
  core.has_type = !type_word.empty();
  core.has_so = match.Has("so");
  ref.doc_type = core.has_type ? rules.DocTypeByWord(type_word) : rules.DocTypeByCode(code);
  ref.span = span;
  return core;
}

double Confidence(const Core& core, bool has_date, bool has_issuer) {
  double confidence = core.reference.rule == "reference.legal" ? 0.7 : 0.6;
  if (core.has_type) {
    confidence += 0.15;
  } else if (core.has_so) {
    confidence += 0.1;
  }
  if (has_date) confidence += 0.15;
  if (has_issuer) confidence += 0.05;
  return std::min(confidence, 0.99);
}

// The first tail rule of `handler` that matches right at `pos`.
std::optional<RuleMatch> MatchTail(const RuleSet& rules, std::string_view text, Handler handler,
                                   std::size_t pos, std::size_t limit) {
  for (const Rule& rule : rules.tails()) {
    if (rule.handler != handler) continue;
    RuleMatch tail(rule, text);
    if (tail.MatchAt(pos) && tail.span().end <= limit) return tail;
  }
  return std::nullopt;
}

// Reads date, issuer and subject after the number (date and issuer in either
// order, the subject last); returns the end of the number and its date: the
// part other parsers must not read again.
std::size_t ReadTails(const RuleSet& rules, std::string_view text, std::size_t limit, Core* core) {
  ReferenceMatch& ref = core->reference;
  std::size_t pos = ref.span.end;
  std::size_t core_end = pos;
  bool has_date = false;
  int date_year = 0;
  while (true) {
    if (!has_date) {
      if (auto tail = MatchTail(rules, text, Handler::kTailDate, pos, limit)) {
        const int year = SmallNumber(tail->Group("y"));
        const int month = SmallNumber(tail->Group("m"));
        const int day = SmallNumber(tail->Group("d"));
        if (IsValidDate(year, month, day)) ref.date = IsoDate(year, month, day);
        has_date = true;
        date_year = year;
        pos = core_end = tail->span().end;
        continue;
      }
    }
    if (ref.issuer.empty()) {
      if (auto tail = MatchTail(rules, text, Handler::kTailIssuer, pos, limit)) {
        Tail issuer = ReadIssuer(rules, text, tail->span().end, limit);
        if (!issuer.text.empty()) {
          ref.issuer = std::move(issuer.text);
          pos = issuer.end;
          continue;
        }
      }
    }
    if (auto tail = MatchTail(rules, text, Handler::kTailSubject, pos, limit)) {
      Tail subject = ReadSubject(text, tail->span().end, limit);
      if (!subject.text.empty()) {
        ref.subject = std::move(subject.text);
        pos = subject.end;
      }
    }
    break;
  }
  ref.span.end = std::max(ref.span.end, pos);
  ref.confidence = Confidence(*core, !ref.date.empty(), !ref.issuer.empty());
  const int year = date_year > 0 ? date_year : core->year;
  ref.key = ReferenceKey(ref.number, ref.issuer, year);
  return core_end;
}

}  // namespace

std::vector<ReferenceMatch> ParseReferences(const RuleSet& rules, std::string_view text,
                                            std::vector<Span>* cores) {
  std::vector<Candidate<Core>> candidates;
  int priority = 0;
  for (const Rule& rule : rules.references()) {
    RuleMatch match(rule, text);
    std::size_t pos = 0;
    while (match.FindFrom(pos)) {
      const Span span = match.span();
      pos = span.end > span.begin ? span.end : span.begin + 1;
      if (auto core = ReadCore(rules, text, match)) {
        candidates.push_back({span, priority, std::move(*core)});
      }
    }
    ++priority;
  }
  std::vector<Core> found = ResolveOverlaps(std::move(candidates), {});
  std::vector<ReferenceMatch> references;
  references.reserve(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const std::size_t limit = i + 1 < found.size() ? found[i + 1].reference.span.begin : text.size();
    const std::size_t core_end = ReadTails(rules, text, limit, &found[i]);
    if (cores != nullptr) cores->push_back({found[i].reference.span.begin, core_end});
    ReferenceMatch& ref = found[i].reference;
    ref.text = std::string(text.substr(ref.span.begin, ref.span.size()));
    references.push_back(std::move(ref));
  }
  return references;
}

}  // namespace baocao::rules_internal
