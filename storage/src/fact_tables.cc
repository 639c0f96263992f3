#include "fact_tables.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "baocao/storage.h"

namespace baocao::storage_internal {
namespace {

using nlohmann::json;

json ValueToJson(const FieldValue& value) {
  if (const auto* number = std::get_if<double>(&value)) return *number;
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) return *list;
  return nullptr;
}

std::string Dump(const json& value) {
  // Invalid UTF-8 from a damaged text layer must not fail the document.
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

FieldValue ValueFromJson(const json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return std::monostate();
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const json& item : value)
      items.push_back(item.is_string() ? item.get<std::string>() : Dump(item));
    return items;
  }
  return Dump(value);
}

const FieldValue* Find(const Fields& fields, const char* name) {
  auto found = fields.find(name);
  return found == fields.end() ? nullptr : &found->second;
}

// A field as text: strings as they are, numbers written out, lists joined.
std::optional<std::string> Text(const Fields& fields, const char* name) {
  const FieldValue* value = Find(fields, name);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = std::get_if<std::string>(value)) {
    if (text->empty()) return std::nullopt;
    return *text;
  }
  if (const auto* number = std::get_if<double>(value)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", *number);
    return std::string(buffer);
  }
  if (const auto* list = std::get_if<std::vector<std::string>>(value)) {
    std::string joined;
    for (const std::string& item : *list) joined += (joined.empty() ? "" : "; ") + item;
    if (joined.empty()) return std::nullopt;
    return joined;
  }
  return std::nullopt;
}

std::optional<double> Number(const Fields& fields, const char* name) {
  const FieldValue* value = Find(fields, name);
  if (value == nullptr) return std::nullopt;
  if (const auto* number = std::get_if<double>(value)) return *number;
  return std::nullopt;
}

// A list field as a JSON array; a single string becomes a one-element list.
std::string ListJson(const Fields& fields, const char* name) {
  const FieldValue* value = Find(fields, name);
  json list = json::array();
  if (value != nullptr) {
    if (const auto* items = std::get_if<std::vector<std::string>>(value)) list = *items;
    if (const auto* text = std::get_if<std::string>(value)) {
      if (!text->empty()) list.push_back(*text);
    }
  }
  return Dump(list);
}

// The entity named `name`, added when new: "UBND huyện X" and "huyện X"
// are one entity. A level learnt later fills one left unknown.
Result<std::optional<std::int64_t>> EntityId(Connection& db,
                                             const std::optional<std::string>& name) {
  if (!name) return std::optional<std::int64_t>();
  const EntityName entity = ParseEntityName(*name);
  if (entity.key.empty()) return std::optional<std::int64_t>();
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare("INSERT INTO entities (name, level, folded_key, name_key) VALUES (?1, ?2, ?3, ?4)\n"
                 "ON CONFLICT (folded_key) DO UPDATE SET\n"
                 "  level = coalesce(entities.level, excluded.level),\n"
                 "  name_key = coalesce(entities.name_key, excluded.name_key)\n"
                 "RETURNING id"));
  insert->Bind(1, entity.name);
  if (entity.level.empty()) {
    insert->BindNull(2);
  } else {
    insert->Bind(2, entity.level);
  }
  insert->Bind(3, entity.key);
  insert->Bind(4, entity.name_key);
  BAOCAO_ASSIGN_OR_RETURN(const bool row, insert->Step());
  if (!row) return Status(StatusCode::kInternal, "entity '" + *name + "' was not stored");
  const std::int64_t id = insert->Int(0);
  insert->Reset();
  return std::optional<std::int64_t>(id);
}

// Remembers the (code, label) pair so indicator queries can find it.
Status NoteIndicatorLabel(Connection& db, const std::optional<std::string>& code,
                          const std::optional<std::string>& label, const std::string& label_key) {
  if (label_key.empty() && !code) return Status::Ok();
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare("INSERT INTO indicator_labels (code, label_key, label) VALUES (?1, ?2, ?3)\n"
                 "ON CONFLICT DO NOTHING"));
  insert->Bind(1, code.value_or(""));
  insert->Bind(2, label_key);
  insert->Bind(3, label.value_or(""));
  return insert->Run();
}

bool IsIsoDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Status InsertObservation(Connection& db, std::int64_t document_id, std::int64_t fact_id,
                         const Fields& fields) {
  const std::optional<std::string> code = Text(fields, "code");
  const std::optional<std::string> label = Text(fields, "label");
  const std::optional<double> value = Number(fields, "value");
  const std::optional<double> percent = Number(fields, "percent");
  const std::optional<double> numerator = Number(fields, "numerator");
  if ((!code && !label) || (!value && !percent && !numerator)) return Status::Ok();
  BAOCAO_ASSIGN_OR_RETURN(const std::optional<std::int64_t> entity,
                          EntityId(db, Text(fields, "entity")));
  const std::optional<std::string> start = Text(fields, "period_start");
  const std::optional<std::string> end = Text(fields, "period_end");
  std::optional<std::string> kind;
  if (start && end) kind = PeriodKind(*start, *end);
  const std::string label_key = label ? MatchKey(*label) : std::string();
  BAOCAO_RETURN_IF_ERROR(NoteIndicatorLabel(db, code, label, label_key));
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare(
          "INSERT INTO observations (fact_id, document_id, entity_id, indicator_code, label,\n"
          "  period_start, period_end, period_kind, value, unit, numerator, denominator, percent,\n"
          "  label_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
  insert->Bind(1, fact_id);
  insert->Bind(2, document_id);
  insert->Bind(3, entity);
  insert->Bind(4, code);
  insert->Bind(5, label);
  insert->Bind(6, start);
  insert->Bind(7, end);
  insert->Bind(8, kind);
  insert->Bind(9, value);
  insert->Bind(10, Text(fields, "unit"));
  insert->Bind(11, numerator);
  insert->Bind(12, Number(fields, "denominator"));
  insert->Bind(13, percent);
  if (label_key.empty()) {
    insert->BindNull(14);
  } else {
    insert->Bind(14, label_key);
  }
  return insert->Run();
}

Status InsertTask(Connection& db, std::int64_t document_id, std::int64_t fact_id,
                  const Fields& fields) {
  const std::optional<std::string> task = Text(fields, "task");
  const std::optional<std::string> due = Text(fields, "due");
  if (!task && !due) return Status::Ok();
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare(
          "INSERT INTO tasks (fact_id, document_id, task, due, modifier, period_text, recurrence,\n"
          "  lead, partners) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  insert->Bind(1, fact_id);
  insert->Bind(2, document_id);
  insert->Bind(3, task);
  insert->Bind(4, due);
  insert->Bind(5, Text(fields, "modifier"));
  insert->Bind(6, Text(fields, "period_text"));
  insert->Bind(7, Text(fields, "recurrence"));
  insert->Bind(8, Text(fields, "lead"));
  insert->Bind(9, ListJson(fields, "partners"));
  return insert->Run();
}

Status InsertReference(Connection& db, std::int64_t document_id, std::int64_t fact_id,
                       const Fields& fields) {
  const std::optional<std::string> number = Text(fields, "number");
  const std::optional<std::string> doc_type = Text(fields, "doc_type");
  if (!number && !doc_type) return Status::Ok();
  BAOCAO_ASSIGN_OR_RETURN(
      Statement * insert,
      db.Prepare(
          "INSERT INTO doc_references (fact_id, document_id, doc_type, number, date, issuer)\n"
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  insert->Bind(1, fact_id);
  insert->Bind(2, document_id);
  insert->Bind(3, doc_type);
  insert->Bind(4, number);
  insert->Bind(5, Text(fields, "date"));
  insert->Bind(6, Text(fields, "issuer"));
  return insert->Run();
}

}  // namespace

std::string FieldValueToJson(const FieldValue& value) { return Dump(ValueToJson(value)); }

std::string FieldsToJson(const Fields& fields) {
  json out = json::object();
  for (const auto& [name, value] : fields) out[name] = ValueToJson(value);
  return Dump(out);
}

Fields FieldsFromJson(const std::string& text) {
  Fields fields;
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return fields;
  for (const auto& [name, value] : parsed.items()) fields[name] = ValueFromJson(value);
  return fields;
}

FieldValue FieldValueFromJson(const std::string& text) {
  const json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? FieldValue() : ValueFromJson(parsed);
}

std::optional<std::string> PeriodKind(const std::string& start, const std::string& end) {
  if (!IsIsoDate(start) || !IsIsoDate(end)) return std::nullopt;
  const int y1 = std::stoi(start.substr(0, 4));
  const int m1 = std::stoi(start.substr(5, 2));
  const int d1 = std::stoi(start.substr(8, 2));
  const int y2 = std::stoi(end.substr(0, 4));
  const int m2 = std::stoi(end.substr(5, 2));
  const int d2 = std::stoi(end.substr(8, 2));
  const bool whole_months = d1 == 1 && m2 >= 1 && m2 <= 12 && d2 == DaysInMonth(y2, m2);
  if (y1 != y2 || !whole_months || m2 < m1) return std::string("range");
  const int months = m2 - m1 + 1;
  if (months == 12) return std::string("year");
  if (months == 6 && (m1 == 1 || m1 == 7)) return std::string("half");
  if (months == 3 && (m1 - 1) % 3 == 0) return std::string("quarter");
  if (months == 1) return std::string("month");
  return std::string("range");
}

Status InsertDerivedRows(Connection& db, std::int64_t document_id, std::int64_t fact_id,
                         const std::string& kind, const Fields& fields) {
  if (kind == "indicator") return InsertObservation(db, document_id, fact_id, fields);
  if (kind == "deadline" || kind == "task") return InsertTask(db, document_id, fact_id, fields);
  if (kind == "reference") return InsertReference(db, document_id, fact_id, fields);
  return Status::Ok();
}

Status DeleteDerivedRows(Connection& db, std::int64_t fact_id) {
  for (const char* sql :
       {"DELETE FROM observations WHERE fact_id = ?1", "DELETE FROM tasks WHERE fact_id = ?1",
        "DELETE FROM doc_references WHERE fact_id = ?1"}) {
    BAOCAO_ASSIGN_OR_RETURN(Statement * statement, db.Prepare(sql));
    statement->Bind(1, fact_id);
    BAOCAO_RETURN_IF_ERROR(statement->Run());
  }
  return Status::Ok();
}

}  // namespace baocao::storage_internal
