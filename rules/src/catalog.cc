// The indicator catalog (rules/data/indicators.tsv, plus analysts' files read
// at run time) and the lookup of a label's code.
#include <fstream>
#include <sstream>

#include "baocao/rules.h"
#include "fact_rules.h"
#include "rule_set.h"
#include "text.h"

namespace baocao {
namespace {

std::vector<std::string> SplitSynonyms(std::string_view cell) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t bar = cell.find('|', start);
    if (bar == std::string_view::npos) bar = cell.size();
    const std::string_view item = rules_internal::Trim(cell.substr(start, bar - start));
    if (!item.empty()) out.emplace_back(item);
    start = bar + 1;
  }
  return out;
}

Result<std::vector<IndicatorDefinition>> ParseCatalog(std::string_view contents,
                                                      const std::string& name) {
  std::vector<IndicatorDefinition> catalog;
  for (const rules_internal::DataLine& row : rules_internal::ReadTable(contents)) {
    if (row.fields.size() < 2 || rules_internal::Trim(row.fields[0]).empty()) {
      return Status(StatusCode::kInvalidArgument,
                    name + ":" + std::to_string(row.number) +
                        ": expected code TAB name [TAB unit [TAB synonyms]]");
    }
    IndicatorDefinition definition;
    definition.code = std::string(rules_internal::Trim(row.fields[0]));
    definition.name = std::string(rules_internal::Trim(row.fields[1]));
    if (row.fields.size() > 2) definition.unit = std::string(rules_internal::Trim(row.fields[2]));
    if (row.fields.size() > 3) definition.synonyms = SplitSynonyms(row.fields[3]);
    catalog.push_back(std::move(definition));
  }
  return catalog;
}

// Whether `needle` occurs in `haystack` between word boundaries (both folded).
bool ContainsWords(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return false;
  std::size_t pos = haystack.find(needle);
  while (pos != std::string_view::npos) {
    const bool left = pos == 0 || haystack[pos - 1] == ' ';
    const std::size_t end = pos + needle.size();
    const bool right = end == haystack.size() || haystack[end] == ' ';
    if (left && right) return true;
    pos = haystack.find(needle, pos + 1);
  }
  return false;
}

// The code of the longest name or synonym of `catalog` found in `folded`.
void BestMatch(const std::vector<IndicatorDefinition>& catalog, std::string_view folded,
               bool win_ties, std::string* code, std::size_t* length) {
  for (const IndicatorDefinition& definition : catalog) {
    const std::string name = rules_internal::Fold(definition.name);
    if (name == folded && name.size() >= *length) {
      *code = definition.code;
      *length = name.size() + 1;  // an exact name beats any synonym
    }
    for (const std::string& synonym : definition.synonyms) {
      const std::string pattern = rules_internal::Fold(synonym);
      const bool longer = win_ties ? pattern.size() >= *length : pattern.size() > *length;
      if (!pattern.empty() && longer && ContainsWords(folded, pattern)) {
        *code = definition.code;
        *length = pattern.size();
      }
    }
  }
}

}  // namespace

const std::vector<IndicatorDefinition>& IndicatorCatalog() {
  static const std::vector<IndicatorDefinition>* catalog = [] {
    Result<std::vector<IndicatorDefinition>> parsed =
        ParseCatalog(rules_internal::DataFile("indicators.tsv"), "indicators.tsv");
    return new std::vector<IndicatorDefinition>(
        parsed.ok() ? std::move(parsed).value() : std::vector<IndicatorDefinition>());
  }();
  return *catalog;
}

Result<std::vector<IndicatorDefinition>> LoadIndicatorCatalog(const std::string& tsv_path) {
  std::ifstream in(tsv_path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, tsv_path + ": cannot open the indicator catalog");
  std::stringstream contents;
  contents << in.rdbuf();
  return ParseCatalog(contents.str(), tsv_path);
}

namespace rules_internal {

std::string CatalogCode(std::string_view label, const RulesOptions& options) {
  const std::string folded = Fold(label);
  if (folded.empty()) return "";
  std::string code;
  std::size_t length = 0;
  // Analysts' entries are looked at last and win ties.
  BestMatch(IndicatorCatalog(), folded, false, &code, &length);
  BestMatch(options.extra_indicators, folded, true, &code, &length);
  return code;
}

}  // namespace rules_internal
}  // namespace baocao
