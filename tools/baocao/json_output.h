// JSON form of the data model, as `baocao extract --json` prints it.
#ifndef BAOCAO_TOOLS_JSON_OUTPUT_H_
#define BAOCAO_TOOLS_JSON_OUTPUT_H_

#include <nlohmann/json.hpp>
#include <string>

#include "baocao/document.h"

namespace baocao::cli {

struct JsonOptions {
  bool glyphs = false;  // each text-layer word's glyphs: code, mapped Unicode, suspicious
};

// A fact field's value: null, a number, a string or a list of strings.
nlohmann::json FieldToJson(const FieldValue& value);

// `value` as compact JSON text; invalid UTF-8 from a damaged page becomes
// U+FFFD instead of failing.
std::string DumpJson(const nlohmann::json& value);

// One JSON object: document info, fonts, and per page its number, size,
// route, quality, text, words (text, box, source, confidence) and warnings.
std::string DocumentToJson(const Document& doc, const JsonOptions& options = {});

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_JSON_OUTPUT_H_
