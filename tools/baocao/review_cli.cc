#include "baocao/review_cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "baocao/cli.h"
#include "baocao/storage.h"

namespace baocao::cli {
namespace {

using nlohmann::json;

// The fields a person may set, by fact kind (the names rules use).
const std::map<std::string, std::set<std::string>>& FieldsByKind() {
  static const std::map<std::string, std::set<std::string>> fields = {
      {"indicator",
       {"label", "code", "value", "unit", "numerator", "denominator", "percent", "period_start",
        "period_end", "entity"}},
      {"target",
       {"label", "code", "value", "unit", "numerator", "denominator", "percent", "period_start",
        "period_end", "entity"}},
      {"deadline", {"task", "due", "modifier", "period_text", "recurrence", "lead", "partners"}},
      {"task", {"task", "due", "modifier", "period_text", "recurrence", "lead", "partners"}},
      {"metadata",
       {"issuer", "number", "doc_type", "date", "place", "title", "period_start", "period_end",
        "entity"}},
      {"reference", {"doc_type", "number", "date", "issuer", "subject", "key"}},
  };
  return fields;
}

bool IsNumberField(const std::string& field) {
  return field == "value" || field == "numerator" || field == "denominator" || field == "percent";
}

bool IsDateField(const std::string& field) {
  return field == "due" || field == "date" || field == "period_start" || field == "period_end";
}

bool IsListField(const std::string& field) { return field == "partners"; }

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

std::string Trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::string NowUtc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::string ValueText(const FieldValue& value) {
  json j = nullptr;
  if (const auto* number = std::get_if<double>(&value)) j = *number;
  if (const auto* text = std::get_if<std::string>(&value)) j = *text;
  if (const auto* list = std::get_if<std::vector<std::string>>(&value)) j = *list;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::int64_t> ParseId(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return Status(StatusCode::kInvalidArgument, "'" + text + "' is not a fact id");
  }
  return id;
}

// FIELD=VALUE checked against the fact's kind: the value as the fact holds it.
Result<FieldValue> ParseFieldValue(const StoredFact& stored, const std::string& field,
                                   const std::string& text) {
  const auto kind = FieldsByKind().find(stored.fact.kind);
  const bool known = (kind != FieldsByKind().end() && kind->second.count(field) > 0) ||
                     stored.fact.fields.count(field) > 0;
  if (!known) {
    std::string allowed;
    if (kind != FieldsByKind().end()) {
      for (const std::string& name : kind->second) allowed += (allowed.empty() ? "" : ", ") + name;
    }
    return Status(StatusCode::kInvalidArgument,
                  "a " + stored.fact.kind + " fact has no field '" + field + "'" +
                      (allowed.empty() ? "" : " (fields: " + allowed + ")"));
  }
  if (text.empty()) return FieldValue();
  const auto existing = stored.fact.fields.find(field);
  const bool numeric = IsNumberField(field) || (existing != stored.fact.fields.end() &&
                                                std::holds_alternative<double>(existing->second));
  if (numeric) {
    const std::optional<double> number = ParseNumber(text);
    if (!number) {
      return Status(StatusCode::kInvalidArgument,
                    field + " must be a number written like 8803 or 99.69 (no thousands "
                            "separators, a point for decimals), not '" + text + "'");
    }
    return FieldValue(*number);
  }
  if (IsDateField(field) && !IsCalendarDate(text)) {
    return Status(StatusCode::kInvalidArgument,
                  field + " must be a date written YYYY-MM-DD, not '" + text + "'");
  }
  if (IsListField(field)) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find(';', start), text.size());
      const std::string item = Trimmed(text.substr(start, end - start));
      if (!item.empty()) items.push_back(item);
      start = end + 1;
    }
    return FieldValue(std::move(items));
  }
  return FieldValue(text);
}

void PrintFact(const StoredFact& stored, std::ostream& out) {
  char confidence[16];
  std::snprintf(confidence, sizeof confidence, "%.2f", stored.fact.confidence);
  out << "fact " << stored.id << "  " << stored.fact.kind << "  confidence " << confidence << "  "
      << ReviewStatusName(stored.review) << "  " << stored.document_path << " page "
      << stored.fact.page << '\n';
  std::string quote = stored.fact.quote;  // on one line
  std::replace(quote.begin(), quote.end(), '\n', ' ');
  out << "    quote: " << quote << '\n';
  std::string fields;
  for (const auto& [name, value] : stored.fact.fields) {
    if (std::holds_alternative<std::monostate>(value)) continue;
    fields += (fields.empty() ? "" : "  ") + name + "=" + ValueText(value);
  }
  out << "    " << fields << '\n';
}

int Fail(const Status& status, std::ostream& err) {
  err << "baocao: " << status.message() << '\n';
  return status.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int List(Store& store, int limit, std::ostream& out, std::ostream& err) {
  Result<std::vector<StoredFact>> facts = store.FactsToReview(limit);
  if (!facts.ok()) return Fail(facts.status(), err);
  for (const StoredFact& fact : facts.value()) PrintFact(fact, out);
  if (facts.value().empty()) out << "no facts need review\n";
  return kExitOk;
}

int ShowLog(Store& store, std::int64_t fact_id, std::ostream& out, std::ostream& err) {
  Result<std::vector<ReviewLogEntry>> log = store.ReviewLog(fact_id);
  if (!log.ok()) return Fail(log.status(), err);
  for (const ReviewLogEntry& entry : log.value()) {
    out << entry.at << "  fact " << entry.fact_id << "  " << entry.field << ": " << entry.before
        << " -> " << entry.after << '\n';
  }
  if (log.value().empty()) out << "fact " << fact_id << " has no review decisions\n";
  return kExitOk;
}

int Decide(Store& store, std::int64_t fact_id, FactReview review, std::ostream& out,
           std::ostream& err) {
  Result<StoredFact> before = store.GetFact(fact_id);
  if (!before.ok()) return Fail(before.status(), err);
  Status reviewed = store.ReviewFact(fact_id, review);
  if (!reviewed.ok()) return Fail(reviewed, err);
  out << "fact " << fact_id << ": " << ReviewStatusName(review.status) << " (was "
      << ReviewStatusName(before.value().review) << ")";
  if (!review.field.empty()) {
    const auto old = before.value().fact.fields.find(review.field);
    out << "; " << review.field << ": "
        << (old == before.value().fact.fields.end() ? "null" : ValueText(old->second)) << " -> "
        << ValueText(review.value);
  }
  out << '\n';
  return kExitOk;
}

int Set(Store& store, const ReviewCommandOptions& options, FactReview review, std::ostream& out,
        std::ostream& err) {
  Result<std::int64_t> id = ParseId(options.set[0]);
  if (!id.ok()) return Fail(id.status(), err);
  const std::string& assignment = options.set[1];
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    return Fail(Status(StatusCode::kInvalidArgument,
                       "--set needs FIELD=VALUE after the fact id, got '" + assignment + "'"),
                err);
  }
  Result<StoredFact> stored = store.GetFact(id.value());
  if (!stored.ok()) return Fail(stored.status(), err);
  const std::string field = Trimmed(assignment.substr(0, equals));
  Result<FieldValue> value =
      ParseFieldValue(stored.value(), field, Trimmed(assignment.substr(equals + 1)));
  if (!value.ok()) return Fail(value.status(), err);
  review.status = ReviewStatus::kCorrected;
  review.field = field;
  review.value = std::move(value).value();
  return Decide(store, id.value(), std::move(review), out, err);
}

}  // namespace

int RunReview(const ReviewCommandOptions& options, std::ostream& out, std::ostream& err) {
  const int actions = (options.list ? 1 : 0) + (options.accept > 0 ? 1 : 0) +
                      (options.reject > 0 ? 1 : 0) + (options.set.empty() ? 0 : 1) +
                      (options.log > 0 ? 1 : 0);
  if (actions != 1) {
    err << "baocao: review takes exactly one of --list, --accept ID, --reject ID, "
           "--set ID FIELD=VALUE, --log ID\n";
    return kExitUsage;
  }
  StoreOptions store_options;
  store_options.create_if_missing = false;
  Result<std::unique_ptr<Store>> store = Store::Open(options.db, store_options);
  if (!store.ok()) return Fail(store.status(), err);
  Store& db = *store.value();

  if (options.list) return List(db, options.limit, out, err);
  if (options.log > 0) return ShowLog(db, options.log, out, err);
  FactReview review;
  review.at = options.at.empty() ? NowUtc() : options.at;
  if (!options.set.empty()) return Set(db, options, std::move(review), out, err);
  review.status = options.accept > 0 ? ReviewStatus::kAccepted : ReviewStatus::kRejected;
  return Decide(db, options.accept > 0 ? options.accept : options.reject, std::move(review), out,
                err);
}

void AddReviewCommand(CLI::App& app, ReviewCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "review", "Review facts: list those needing it, accept, reject or correct one");
  cmd->add_flag("--list", options.list, "List facts needing review, lowest confidence first");
  cmd->add_option("--limit", options.limit, "With --list: at most this many facts")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--accept", options.accept, "Accept fact ID as extracted")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--reject", options.reject, "Reject fact ID: it leaves series and deadlines")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--set", options.set,
                  "Correct fact ID: FIELD=VALUE (dates YYYY-MM-DD, numbers 99.69; empty VALUE "
                  "removes the field)")
      ->expected(2)
      ->type_name("ID FIELD=VALUE");
  cmd->add_option("--log", options.log, "Print the review history of fact ID")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--db", options.db, "The store file")->capture_default_str();
}

}  // namespace baocao::cli
