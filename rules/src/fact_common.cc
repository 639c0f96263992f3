// What the fact rules share: the compiled fact patterns, text confidence,
// lines and table cells, headings, numbers.
#include <algorithm>
#include <cmath>

#include "fact_rules.h"
#include "rule_set.h"
#include "text.h"

namespace baocao::rules_internal {

FactPatterns::FactPatterns() {
  RE2::Options options;
  options.set_log_errors(false);
  never_ = std::make_unique<RE2>("[^\\x00-\\x{10FFFF}]", options);
  for (const DataLine& row : ReadTable(DataFile("fact_patterns.tsv"))) {
    if (row.fields.size() < 2) {
      status_ = Status(StatusCode::kInternal,
                       "fact_patterns.tsv:" + std::to_string(row.number) + ": expected id TAB pattern");
      continue;
    }
    auto regex = std::make_unique<RE2>(row.fields[1], options);
    if (!regex->ok()) {
      status_ = Status(StatusCode::kInternal, "fact_patterns.tsv:" + std::to_string(row.number) +
                                                  ": " + regex->error());
      continue;
    }
    patterns_[row.fields[0]] = std::move(regex);
  }
}

const FactPatterns& FactPatterns::Get() {
  static const FactPatterns* patterns = new FactPatterns();
  return *patterns;
}

const RE2& FactPatterns::operator[](std::string_view id) const {
  auto it = patterns_.find(id);
  return it == patterns_.end() ? *never_ : *it->second;
}

bool FindNext(const RE2& regex, std::string_view text, std::size_t* pos, re2::StringPiece* match) {
  if (*pos > text.size()) return false;
  if (!regex.Match(re2::StringPiece(text.data(), text.size()), *pos, text.size(), RE2::UNANCHORED, match, 1)) {
    return false;
  }
  const std::size_t end = static_cast<std::size_t>(match->data() - text.data()) + match->size();
  *pos = match->empty() ? end + 1 : end;
  return true;
}

double TextConfidence(const Page& page, Span span) {
  double confidence = std::clamp(page.quality, 0.0, 1.0);
  for (const Word& word : page.words) {
    if (word.span.end <= span.begin || word.span.begin >= span.end) continue;
    double source = 1.0;
    switch (word.source) {
      case TextSource::kTextLayer: source = 1.0; break;
      case TextSource::kRepaired: source = 0.9; break;
      case TextSource::kRecovered: source = 0.85; break;
      case TextSource::kOcr: source = 0.8; break;
    }
    confidence = std::min(confidence, std::clamp(word.confidence, 0.0, 1.0) * source);
  }
  return confidence;
}

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back({text.substr(start, end - start), start});
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> SplitCells(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      cells.push_back(line.substr(start));
      return cells;
    }
    cells.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

std::string_view Trim(std::string_view text, std::string_view strip) {
  while (!text.empty() && strip.find(text.front()) != std::string_view::npos) text.remove_prefix(1);
  while (!text.empty() && strip.find(text.back()) != std::string_view::npos) text.remove_suffix(1);
  return text;
}

SectionKind ClassifyHeading(std::string_view title) {
  const std::string folded = Fold(title);
  if (folded.rfind("phu luc", 0) == 0) return SectionKind::kAppendix;
  if (folded.find("noi dung") != std::string::npos && folded.find("nhiem vu") != std::string::npos) {
    return SectionKind::kContents;
  }
  for (const char* word : {"phuong huong", "nhiem vu", "muc tieu", "to chuc thuc hien", "giai phap",
                           "de xuat", "kien nghi"}) {
    if (folded.find(word) != std::string::npos) return SectionKind::kPlan;
  }
  for (const char* word : {"ket qua", "tinh hinh", "chi dao", "danh gia", "thuc trang"}) {
    if (folded.find(word) != std::string::npos) return SectionKind::kResults;
  }
  return SectionKind::kUnknown;
}

std::optional<double> ParseNumber(std::string_view text) {
  // "8803", "8.803", "1.544,4", "99,69", "01": dots group thousands, a comma
  // starts the decimals.
  text = Trim(text);
  if (text.empty() || text.size() > 24) return std::nullopt;
  const std::size_t comma = text.find(',');
  const std::string_view whole = text.substr(0, comma);
  const std::string_view decimals =
      comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  if (whole.empty() || (comma != std::string_view::npos && decimals.empty())) return std::nullopt;
  double value = 0;
  std::size_t group = 0;
  bool dotted = false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const char c = whole[i];
    if (c == '.') {
      if (group == 0 || (dotted && group != 3) || (!dotted && group > 3)) return std::nullopt;
      dotted = true;
      group = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    ++group;
  }
  if (dotted && group != 3) return std::nullopt;
  double scale = 0.1;
  for (char c : decimals) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value;
}

Fact MakeFact(std::string kind, const Page& page, Span span, std::string rule, double strength) {
  Fact fact;
  fact.kind = std::move(kind);
  fact.page = page.number;
  span.end = std::min(span.end, page.text.size());
  span.begin = std::min(span.begin, span.end);
  fact.span = span;
  fact.quote = page.text.substr(span.begin, span.size());
  fact.rule = std::move(rule);
  fact.confidence = std::clamp(strength * TextConfidence(page, span), 0.0, 1.0);
  return fact;
}

FieldValue StringOrNull(std::string_view value) {
  if (value.empty()) return std::monostate{};
  return std::string(value);
}

FieldValue NumberOrNull(std::optional<double> value) {
  if (!value) return std::monostate{};
  return *value;
}

}  // namespace baocao::rules_internal
