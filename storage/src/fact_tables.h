// Facts as rows: their fields as JSON, and the observation, task or
// reference row derived from a fact of those kinds.
//
// Which fields make a row (by field name, as rules produce them):
//   indicator  -> observations: label, code, value, unit, numerator,
//                 denominator, percent, period_start, period_end, entity
//                 (needs code or label, and value, percent or numerator)
//   deadline, task -> tasks: task, due, modifier, period_text, recurrence,
//                 lead, partners (needs task or due)
//   reference  -> doc_references: doc_type, number, date, issuer
//                 (needs number or doc_type)
#ifndef BAOCAO_STORAGE_FACT_TABLES_H_
#define BAOCAO_STORAGE_FACT_TABLES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "baocao/document.h"
#include "baocao/status.h"
#include "sqlite.h"

namespace baocao::storage_internal {

using Fields = std::map<std::string, FieldValue>;

// A JSON object {"name": value}; numbers, strings, lists of strings, null.
std::string FieldsToJson(const Fields& fields);
// The inverse of FieldsToJson; values of other JSON types become strings.
Fields FieldsFromJson(const std::string& json);
// One value as JSON text.
std::string FieldValueToJson(const FieldValue& value);
// The inverse of FieldValueToJson (null and text that is not JSON give
// monostate); values of other JSON types become their JSON text.
FieldValue FieldValueFromJson(const std::string& json);

// "year", "half", "quarter", "month" or "range" for ISO dates
// (YYYY-MM-DD) start and end; nullopt when they are not both ISO dates.
std::optional<std::string> PeriodKind(const std::string& start, const std::string& end);

// Writes the row derived from fact `fact_id`, if its kind and fields make one.
Status InsertDerivedRows(Connection& db, std::int64_t document_id, std::int64_t fact_id,
                         const std::string& kind, const Fields& fields);
// Removes the rows derived from fact `fact_id`.
Status DeleteDerivedRows(Connection& db, std::int64_t fact_id);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_FACT_TABLES_H_
