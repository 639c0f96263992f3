// What a person may change on a fact, and how their input is checked: shared
// by `baocao review` on the command line and the review web page, so that
// both accept and refuse exactly the same corrections.
#ifndef BAOCAO_TOOLS_REVIEW_FIELDS_H_
#define BAOCAO_TOOLS_REVIEW_FIELDS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "baocao/document.h"
#include "baocao/status.h"
#include "baocao/storage.h"

namespace baocao::cli {

// The fields a person may set on a fact of `kind` (the names rules use);
// empty for an unknown kind.
const std::set<std::string>& EditableFields(const std::string& kind);

// What an input box for `field` holds: "number", "date", "list" or "text".
std::string FieldType(const StoredFact& fact, const std::string& field);

// `text` (already trimmed) as the value `field` of `fact` takes: numbers are
// plain decimals (8803, 99.69: no thousands separators, a point for
// decimals), dates YYYY-MM-DD and real calendar dates, lists separated by
// ';'. Empty text removes the field. kInvalidArgument with a message a
// reviewer understands otherwise.
Result<FieldValue> ParseFieldValue(const StoredFact& fact, const std::string& field,
                                   const std::string& text);

// `value` as JSON text: null, a number, a string or a list of strings.
std::string FieldValueJson(const FieldValue& value);

// `value` as a person types it back into an input box ("" for null, lists
// joined with "; ").
std::string FieldValueInput(const FieldValue& value);

// True for YYYY-MM-DD naming a day that exists.
bool IsCalendarDate(const std::string& date);

// A fact id written in decimal; kInvalidArgument otherwise.
Result<std::int64_t> ParseFactId(const std::string& text);

// The items of "a; b;; c" as people type lists: split at ';', trimmed,
// empty ones dropped.
std::vector<std::string> SplitList(const std::string& text);

// The current time, ISO 8601 UTC to the second.
std::string NowUtc();

// `text` without leading and trailing spaces and tabs.
std::string Trimmed(const std::string& text);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_REVIEW_FIELDS_H_
