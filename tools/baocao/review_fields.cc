#include "baocao/review_fields.h"

#include "baocao/json_output.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>

namespace baocao::cli {
namespace {

bool IsNumberField(const std::string& field) {
  return field == "value" || field == "numerator" || field == "denominator" || field == "percent";
}

bool IsDateField(const std::string& field) {
  return field == "due" || field == "date" || field == "period_start" || field == "period_end";
}

bool IsListField(const std::string& field) { return field == "partners"; }

// A plain decimal: optional minus, digits, optional point and digits.
// Commas are refused: "8.803" and "8,803" mean different things to different readers.
std::optional<double> ParseNumber(const std::string& text) {
  std::size_t i = text.empty() || text[0] != '-' ? 0 : 1;
  const std::size_t digits_start = i;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  if (i == digits_start) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction = ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

const std::set<std::string>& EditableFields(const std::string& kind) {
  static const std::map<std::string, std::set<std::string>> fields = {
      {"indicator",
       {"label", "code", "value", "unit", "numerator", "denominator", "percent", "period_start",
        "period_end", "entity"}},
      {"target",
       {"label", "code", "comparator", "value", "unit", "numerator", "denominator", "percent",
        "period_start", "period_end", "entity"}},
      {"deadline", {"task", "due", "modifier", "period_text", "recurrence", "lead", "partners"}},
      {"task", {"task", "due", "modifier", "period_text", "recurrence", "lead", "partners"}},
      {"metadata",
       {"issuer", "number", "doc_type", "date", "place", "title", "period_start", "period_end",
        "entity"}},
      {"reference", {"doc_type", "number", "date", "issuer", "subject", "key"}},
  };
  static const std::set<std::string> none;
  const auto found = fields.find(kind);
  return found == fields.end() ? none : found->second;
}

std::string FieldType(const StoredFact& fact, const std::string& field) {
  const auto existing = fact.fact.fields.find(field);
  if (IsNumberField(field) ||
      (existing != fact.fact.fields.end() && std::holds_alternative<double>(existing->second))) {
    return "number";
  }
  if (IsDateField(field)) return "date";
  if (IsListField(field)) return "list";
  return "text";
}

bool IsCalendarDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (const std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  const int year = std::stoi(date.substr(0, 4));
  const int month = std::stoi(date.substr(5, 2));
  const int day = std::stoi(date.substr(8, 2));
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= (month == 2 && leap ? 29 : kDays[month - 1]);
}

std::string Trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(';', start), text.size());
    std::string item = Trimmed(text.substr(start, end - start));
    if (!item.empty()) items.push_back(std::move(item));
    start = end + 1;
  }
  return items;
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string FieldValueJson(const FieldValue& value) { return DumpJson(FieldToJson(value)); }

std::string FieldValueInput(const FieldValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) {
    std::string joined;
    for (const std::string& item : *list) joined += (joined.empty() ? "" : "; ") + item;
    return joined;
  }
  if (const auto* number = std::get_if<double>(&value)) {
    char buffer[32];  // "2", "98.2": as a person writes it, not "2.0"
    std::snprintf(buffer, sizeof buffer, "%.15g", *number);
    return buffer;
  }
  return "";
}

Result<std::int64_t> ParseFactId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status(StatusCode::kInvalidArgument, "'" + text + "' is not a fact id");
  }
  return id;
}

Result<FieldValue> ParseFieldValue(const StoredFact& stored, const std::string& field,
                                   const std::string& text) {
  const std::set<std::string>& editable = EditableFields(stored.fact.kind);
  const bool known = editable.count(field) > 0 || stored.fact.fields.count(field) > 0;
  if (!known) {
    std::string allowed;
    for (const std::string& name : editable) allowed += (allowed.empty() ? "" : ", ") + name;
    return Status(StatusCode::kInvalidArgument,
                  "a " + stored.fact.kind + " fact has no field '" + field + "'" +
                      (allowed.empty() ? "" : " (fields: " + allowed + ")"));
  }
  if (text.empty()) return FieldValue();
  const std::string type = FieldType(stored, field);
  if (type == "number") {
    const std::optional<double> number = ParseNumber(text);
    if (!number) {
      return Status(StatusCode::kInvalidArgument,
                    field + " must be a number written like 8803 or 99.69 (no thousands "
                            "separators, a point for decimals), not '" + text + "'");
    }
    return FieldValue(*number);
  }
  if (type == "date" && !IsCalendarDate(text)) {
    return Status(StatusCode::kInvalidArgument,
                  field + " must be a date written YYYY-MM-DD that exists, not '" + text + "'");
  }
  if (type == "list") return FieldValue(SplitList(text));
  return FieldValue(text);
}

}  // namespace baocao::cli
