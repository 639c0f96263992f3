#include "baocao/json_output.h"

#include <nlohmann/json.hpp>

namespace baocao::cli {
namespace {

using nlohmann::json;

json BoxToJson(const Box& box) { return json::array({box.x0, box.y0, box.x1, box.y1}); }


json RecoveredToJson(const std::vector<RecoveredCode>& codes) {
  json out = json::array();
  for (const RecoveredCode& c : codes) {
    out.push_back({{"code", c.code}, {"unicode", c.unicode}, {"votes", c.votes}, {"total_votes", c.total_votes},
                    {"from_memory", c.from_memory}});
  }
  return out;
}

json WordToJson(const Word& word, bool glyphs) {
  json out = {{"text", word.text},
              {"box", BoxToJson(word.box)},
              {"baseline", word.baseline},
              {"font", word.font},
              {"font_size", word.font_size},
              {"source", TextSourceName(word.source)},
              {"confidence", word.confidence},
              {"span", json::array({word.span.begin, word.span.end})}};
  if (word.superscript) out["superscript"] = true;
  if (glyphs && !word.glyphs.empty()) {
    json list = json::array();
    for (const Glyph& g : word.glyphs) {
      json entry = {{"code", g.code}, {"unicode", g.unicode}};
      if (g.suspicious) entry["suspicious"] = true;
      list.push_back(std::move(entry));
    }
    out["glyphs"] = std::move(list);
  }
  return out;
}

json PageToJson(const Page& page, bool glyphs) {
  json words = json::array();
  for (const Word& word : page.words) words.push_back(WordToJson(word, glyphs));
  json repairs = json::array();
  for (const TextRepair& r : page.repairs) {
    repairs.push_back({{"pass", r.pass},
                       {"detail", r.detail},
                       {"span", json::array({r.span.begin, r.span.end})},
                       {"before", r.before},
                       {"confidence", r.confidence},
                       {"alternatives", r.alternatives}});
  }
  return {{"number", page.number},
          {"width", page.width},
          {"height", page.height},
          {"route", PageRouteName(page.route)},
          {"triage", page.triage},
          {"quality", page.quality},
          {"text", page.text},
          {"words", std::move(words)},
          {"repairs", std::move(repairs)},
          {"warnings", page.warnings}};
}

json FactToJson(const Fact& fact) {
  json out = {{"kind", fact.kind}};
  for (const auto& [name, value] : fact.fields) out[name] = FieldToJson(value);
  out["confidence"] = fact.confidence;
  out["page"] = fact.page;
  out["span"] = json::array({fact.span.begin, fact.span.end});
  out["quote"] = fact.quote;
  out["rule"] = fact.rule;
  out["review_reasons"] = fact.review_reasons;
  return out;
}

}  // namespace

json FieldToJson(const FieldValue& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
  return nullptr;
}

std::string DumpJson(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string DocumentToJson(const Document& doc, const JsonOptions& options) {
  json fonts = json::array();
  for (const FontInfo& font : doc.fonts) {
    fonts.push_back({{"name", font.name},
                     {"type", font.type},
                     {"embedded", font.embedded},
                     {"has_to_unicode", font.has_to_unicode},
                     {"mapping", FontMappingName(font.mapping)},
                     {"glyphs_drawn", font.glyphs_drawn},
                     {"suspicious_codes", font.suspicious_codes},
                     {"recovered", RecoveredToJson(font.recovered)},
                     {"unresolved_codes", font.unresolved_codes}});
  }
  json pages = json::array();
  for (const Page& page : doc.pages) pages.push_back(PageToJson(page, options.glyphs));
  json facts = json::array();
  for (const Fact& fact : doc.facts) facts.push_back(FactToJson(fact));
  const json out = {{"path", doc.path},
                    {"file_size", doc.file_size},
                    {"page_count", doc.pages.size()},
                    {"producer", doc.producer},
                    {"creator", doc.creator},
                    {"title", doc.title},
                    {"fonts", std::move(fonts)},
                    {"warnings", doc.warnings},
                    {"pages", std::move(pages)},
                    {"facts", std::move(facts)}};
  // Invalid UTF-8 from a damaged text layer must not abort the output.
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace baocao::cli
