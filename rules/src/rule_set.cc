#include "rule_set.h"

#include <algorithm>
#include <utility>

#include "embedded_data.h"
#include "text.h"

namespace baocao::rules_internal {

std::string_view DataFile(std::string_view name) {
  for (std::size_t i = 0; i < kEmbeddedFileCount; ++i) {
    if (name == kEmbeddedFiles[i].name) return kEmbeddedFiles[i].contents;
  }
  return {};
}

std::vector<DataLine> ReadTable(std::string_view contents) {
  std::vector<DataLine> lines;
  int number = 0;
  while (!contents.empty()) {
    ++number;
    std::size_t end = contents.find('\n');
    std::string_view line = contents.substr(0, end);
    contents.remove_prefix(end == std::string_view::npos ? contents.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    DataLine row;
    row.number = number;
    std::size_t start = 0;
    while (true) {
      std::size_t tab = line.find('\t', start);
      row.fields.emplace_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    lines.push_back(std::move(row));
  }
  return lines;
}

namespace {

// Escapes regex syntax in a literal word list entry; spaces stay spaces (they
// become \s+ later).
std::string EscapeLiteral(std::string_view word) {
  static constexpr std::string_view kSpecial = R"(\.+*?()|[]{}^$/-)";
  std::string out;
  for (char ch : word) {
    if (kSpecial.find(ch) != std::string_view::npos) out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

// Alternation of literal words, longest first so that RE2's leftmost-first
// choice takes the longest.
std::string Alternation(std::vector<std::string> words) {
  std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out.push_back('|');
    out += EscapeLiteral(word);
  }
  return out;
}

// A space in a pattern matches any whitespace run (reports wrap anywhere).
std::string TranslateSpaces(const std::string& pattern) {
  std::string out;
  for (char ch : pattern) {
    if (ch == ' ') {
      out += "\\s+";
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

// Replaces {NAME} (NAME in capitals) by its definition; {1,2} and other
// quantifiers and Unicode classes (\\p{Lu}) are left alone.
bool ExpandDefines(const std::string& pattern, const std::map<std::string, std::string>& defines,
                   std::string* out, std::string* unknown) {
  out->clear();
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const bool unicode_class = i >= 2 && pattern[i - 2] == '\\' &&
                               (pattern[i - 1] == 'p' || pattern[i - 1] == 'P');
    if (pattern[i] == '{' && !unicode_class) {
      std::size_t close = pattern.find('}', i);
      if (close != std::string::npos) {
        std::string name = pattern.substr(i + 1, close - i - 1);
        bool is_name = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return (c >= 'A' && c <= 'Z') || c == '_';
        });
        if (is_name) {
          auto it = defines.find(name);
          if (it == defines.end()) {
            *unknown = name;
            return false;
          }
          *out += it->second;
          i = close;
          continue;
        }
      }
    }
    out->push_back(pattern[i]);
  }
  return true;
}

bool HandlerByName(std::string_view name, Handler* handler) {
  static const std::pair<std::string_view, Handler> kHandlers[] = {
      {"value", Handler::kValue},
      {"fraction", Handler::kFraction},
      {"range", Handler::kRange},
      {"at_least", Handler::kAtLeast},
      {"day", Handler::kDay},
      {"month", Handler::kMonth},
      {"quarter", Handler::kQuarter},
      {"first_months", Handler::kFirstMonths},
      {"last_months", Handler::kLastMonths},
      {"half", Handler::kHalf},
      {"year", Handler::kYear},
      {"year_range", Handler::kYearRange},
      {"day_range", Handler::kDayRange},
      {"month_day_range", Handler::kMonthDayRange},
      {"month_range", Handler::kMonthRange},
      {"reference", Handler::kReference},
      {"tail_date", Handler::kTailDate},
      {"tail_issuer", Handler::kTailIssuer},
      {"tail_subject", Handler::kTailSubject},
  };
  for (const auto& [handler_name, value] : kHandlers) {
    if (handler_name == name) {
      *handler = value;
      return true;
    }
  }
  return false;
}

std::unique_ptr<RE2> Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  return std::make_unique<RE2>(pattern, options);
}

}  // namespace

// ---- RuleMatch -----------------------------------------------------------

std::string_view RuleMatch::Group(const std::string& name) const {
  auto it = rule_->groups.find(name);
  if (it == rule_->groups.end()) return {};
  const re2::StringPiece piece = submatches_[static_cast<std::size_t>(it->second)];
  return std::string_view(piece.data(), piece.size());
}

bool RuleMatch::Has(const std::string& name) const {
  auto it = rule_->groups.find(name);
  return it != rule_->groups.end() &&
         submatches_[static_cast<std::size_t>(it->second)].data() != nullptr;
}

Span RuleMatch::GroupSpan(const std::string& name) const {
  auto it = rule_->groups.find(name);
  if (it == rule_->groups.end()) return {};
  return Offsets(submatches_[static_cast<std::size_t>(it->second)]);
}

Span RuleMatch::Offsets(re2::StringPiece piece) const {
  if (piece.data() == nullptr) return {};
  const auto begin = static_cast<std::size_t>(piece.data() - text_.data());
  return Span{begin, begin + piece.size()};
}

bool RuleMatch::FindFrom(std::size_t pos) { return Run(pos, RE2::UNANCHORED); }
bool RuleMatch::MatchAt(std::size_t pos) { return Run(pos, RE2::ANCHOR_START); }

bool RuleMatch::Run(std::size_t pos, RE2::Anchor anchor) {
  if (pos > text_.size()) return false;
  const auto count = static_cast<std::size_t>(rule_->regex->NumberOfCapturingGroups()) + 1;
  submatches_.assign(count, re2::StringPiece());
  return rule_->regex->Match(re2::StringPiece(text_.data(), text_.size()), pos, text_.size(), anchor, submatches_.data(),
                             static_cast<int>(count));
}

// ---- RuleSet -------------------------------------------------------------

const RuleSet& RuleSet::Get() {
  static const RuleSet* const rules = new RuleSet();  // never destroyed: used until exit
  return *rules;
}

RuleSet::RuleSet() { Load(); }

void RuleSet::Load() {
  for (const DataLine& row : ReadTable(DataFile("doc_types.tsv"))) {
    DocType type;
    type.name = row.fields[0];
    type.code = row.fields.size() > 1 ? row.fields[1] : "";
    type.folded = Fold(type.name);
    doc_types_.push_back(std::move(type));
  }
  std::vector<std::string> type_words;
  for (const DocType& type : doc_types_) type_words.push_back(type.name);

  std::vector<std::string> number_words;
  for (const DataLine& row : ReadTable(DataFile("number_words.tsv"))) {
    if (row.fields.size() < 2) continue;
    number_words.push_back(row.fields[0]);
    number_words_[Lower(row.fields[0])] = std::atoi(row.fields[1].c_str());
  }

  std::vector<std::string> units;
  for (const DataLine& row : ReadTable(DataFile("units.tsv"))) {
    units.push_back(row.fields[0]);
    const std::string name = row.fields.size() > 1 && !row.fields[1].empty() ? row.fields[1]
                                                                               : row.fields[0];
    unit_names_[CollapseSpaces(row.fields[0])] = name;
  }
  unit_regex_ = Compile(TranslateSpaces("\\s*(" + Alternation(units) + ")"));

  for (const DataLine& row : ReadTable(DataFile("issuer_abbreviations.tsv"))) {
    if (row.fields.size() >= 2) abbreviations_[row.fields[0]] = row.fields[1];
  }
  for (const DataLine& row : ReadTable(DataFile("clause_stops.tsv"))) {
    if (row.fields.size() < 2) continue;
    if (row.fields[0] == "issuer") issuer_stops_.insert(row.fields[1]);
    if (row.fields[0] == "trim") issuer_trims_.insert(row.fields[1]);
  }

  std::map<std::string, std::string> defines;
  defines["DOCTYPE"] = "(?i:" + Alternation(type_words) + ")";
  defines["NUMBER_WORD"] = Alternation(number_words);
  reference_start_ = Compile(TranslateSpaces(defines["DOCTYPE"] + "(?: số:?)?\\s*\\d"));

  for (const DataLine& row : ReadTable(DataFile("patterns.txt"))) {
    const std::string where = "rules/data/patterns.txt line " + std::to_string(row.number);
    std::string expanded, unknown;
    if (row.fields.size() != 3) {
      status_ = Status(StatusCode::kInternal, where + ": expected 3 TAB-separated fields");
      continue;
    }
    if (!ExpandDefines(row.fields[2], defines, &expanded, &unknown)) {
      status_ = Status(StatusCode::kInternal, where + ": unknown piece {" + unknown + "}");
      continue;
    }
    if (row.fields[0] == "define") {
      defines[row.fields[1]] = expanded;
      continue;
    }
    AddRule(row.fields[0], row.fields[1], TranslateSpaces(expanded), row.number);
  }
}

void RuleSet::AddRule(const std::string& id, const std::string& handler_name,
                      const std::string& pattern, int line) {
  const std::string where = "rules/data/patterns.txt line " + std::to_string(line);
  Rule rule;
  rule.id = id;
  rule.line = line;
  if (!HandlerByName(handler_name, &rule.handler)) {
    status_ = Status(StatusCode::kInternal, where + ": unknown handler '" + handler_name + "'");
    return;
  }
  rule.regex = Compile(pattern);
  if (!rule.regex->ok()) {
    status_ = Status(StatusCode::kInternal,
                     where + ": pattern does not compile: " + rule.regex->error());
    return;
  }
  for (const auto& [name, index] : rule.regex->NamedCapturingGroups()) rule.groups[name] = index;

  std::vector<Rule>* bucket = nullptr;
  if (id.rfind("number.", 0) == 0) bucket = &numbers_;
  if (id.rfind("period.", 0) == 0) bucket = &periods_;
  if (id.rfind("reference.", 0) == 0) bucket = &references_;
  if (id.rfind("tail.", 0) == 0) bucket = &tails_;
  if (bucket == nullptr) {
    status_ = Status(StatusCode::kInternal, where + ": rule id '" + id +
                                                "' must start with number., period., "
                                                "reference. or tail.");
    return;
  }
  bucket->push_back(std::move(rule));
}

std::string RuleSet::DocTypeByWord(std::string_view word) const {
  const std::string folded = Fold(word);
  for (const DocType& type : doc_types_) {
    if (type.folded == folded) return type.name;
  }
  return "";
}

std::string RuleSet::DocTypeByCode(std::string_view code) const {
  if (code.empty()) return "";
  for (const DocType& type : doc_types_) {
    if (type.code == code) return type.name;
  }
  return "";
}

int RuleSet::NumberWord(std::string_view word) const {
  auto it = number_words_.find(CollapseSpaces(Lower(word)));
  return it == number_words_.end() ? 0 : it->second;
}

std::string_view RuleSet::Abbreviation(std::string_view word) const {
  auto it = abbreviations_.find(word);
  return it == abbreviations_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace baocao::rules_internal
