#include "page_json.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>

namespace baocao::storage_internal {
namespace {

using nlohmann::json;

std::string Dump(const json& value) {
  // Invalid UTF-8 from a damaged text layer must not fail the document.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

double Round(double value, double scale) { return std::round(value * scale) / scale; }

// Points to 0.01: finer than any renderer places text, and short to write.
double Points(double value) { return Round(value, 100.0); }
double Confidence(double value) { return Round(value, 1000.0); }

TextSource TextSourceFromName(const std::string& name) {
  for (const TextSource source :
       {TextSource::kTextLayer, TextSource::kOcr, TextSource::kRecovered, TextSource::kRepaired}) {
    if (TextSourceName(source) == name) return source;
  }
  return TextSource::kTextLayer;
}

std::vector<std::string> StringsOf(const json& list) {
  std::vector<std::string> items;
  if (!list.is_array()) return items;
  for (const json& item : list) {
    if (item.is_string()) items.push_back(item.get<std::string>());
  }
  return items;
}

bool IsOffset(const json& value) { return value.is_number_unsigned(); }

// A span [b, e] of byte offsets; nullopt unless it is two offsets in order.
std::optional<Span> SpanFrom(const json& begin, const json& end) {
  if (!IsOffset(begin) || !IsOffset(end)) return std::nullopt;
  const Span span{begin.get<std::size_t>(), end.get<std::size_t>()};
  if (span.end < span.begin) return std::nullopt;
  return span;
}

std::optional<StoredWord> WordFrom(const json& entry) {
  if (!entry.is_array() || entry.size() != 8) return std::nullopt;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 7u}) {
    if (!entry[i].is_number()) return std::nullopt;
  }
  const std::optional<Span> span = SpanFrom(entry[4], entry[5]);
  if (!span || !entry[6].is_string()) return std::nullopt;
  StoredWord word;
  word.box = {entry[0].get<double>(), entry[1].get<double>(), entry[2].get<double>(),
              entry[3].get<double>()};
  word.span = *span;
  word.source = TextSourceFromName(entry[6].get<std::string>());
  word.confidence = entry[7].get<double>();
  return word;
}

std::string StringOf(const json& object, const char* name) {
  auto found = object.find(name);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::optional<TextRepair> RepairFrom(const json& entry) {
  if (!entry.is_object()) return std::nullopt;
  auto span = entry.find("span");
  if (span == entry.end() || !span->is_array() || span->size() != 2) return std::nullopt;
  const std::optional<Span> where = SpanFrom((*span)[0], (*span)[1]);
  if (!where) return std::nullopt;
  TextRepair repair;
  repair.pass = StringOf(entry, "pass");
  repair.detail = StringOf(entry, "detail");
  repair.span = *where;
  repair.before = StringOf(entry, "before");
  auto confidence = entry.find("confidence");
  if (confidence != entry.end() && confidence->is_number())
    repair.confidence = confidence->get<double>();
  auto alternatives = entry.find("alternatives");
  if (alternatives != entry.end()) repair.alternatives = StringsOf(*alternatives);
  return repair;
}

}  // namespace

std::string WordsToJson(const std::vector<Word>& words, const std::vector<Span>& keep) {
  json out = json::array();
  for (const Word& word : words) {
    const bool wanted = std::any_of(keep.begin(), keep.end(), [&](const Span& s) {
      return word.span.begin < s.end && s.begin < word.span.end;
    });
    if (!wanted) continue;
    out.push_back({Points(word.box.x0), Points(word.box.y0), Points(word.box.x1),
                   Points(word.box.y1), word.span.begin, word.span.end,
                   std::string(TextSourceName(word.source)), Confidence(word.confidence)});
  }
  return Dump(out);
}

std::vector<StoredWord> WordsFromJson(const std::string& text) {
  std::vector<StoredWord> words;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return words;
  words.reserve(parsed.size());
  for (const json& entry : parsed) {
    if (std::optional<StoredWord> word = WordFrom(entry)) words.push_back(*word);
  }
  return words;
}

std::string RepairsToJson(const std::vector<TextRepair>& repairs) {
  json out = json::array();
  for (const TextRepair& repair : repairs) {
    out.push_back({{"pass", repair.pass},
                   {"detail", repair.detail},
                   {"span", {repair.span.begin, repair.span.end}},
                   {"before", repair.before},
                   {"confidence", Confidence(repair.confidence)},
                   {"alternatives", repair.alternatives}});
  }
  return Dump(out);
}

std::vector<TextRepair> RepairsFromJson(const std::string& text) {
  std::vector<TextRepair> repairs;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return repairs;
  for (const json& entry : parsed) {
    if (std::optional<TextRepair> repair = RepairFrom(entry)) repairs.push_back(std::move(*repair));
  }
  return repairs;
}

std::vector<std::string> StringsFromJson(const std::string& text) {
  return StringsOf(json::parse(text, nullptr, /*allow_exceptions=*/false));
}

}  // namespace baocao::storage_internal
