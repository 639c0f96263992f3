#include "baocao/review_cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <memory>

#include "baocao/cli.h"
#include "baocao/review_fields.h"
#include "baocao/review_server.h"
#include "baocao/storage.h"

namespace baocao::cli {
namespace {

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
    fields += (fields.empty() ? "" : "  ") + name + "=" + FieldValueJson(value);
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
  for (const auto& [name, value] : review.fields) {
    const auto old = before.value().fact.fields.find(name);
    out << "; " << name << ": "
        << (old == before.value().fact.fields.end() ? "null" : FieldValueJson(old->second)) << " -> "
        << FieldValueJson(value);
  }
  out << '\n';
  return kExitOk;
}

int Set(Store& store, const ReviewCommandOptions& options, FactReview review, std::ostream& out,
        std::ostream& err) {
  Result<std::int64_t> id = ParseFactId(options.set[0]);
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
  review.fields[field] = std::move(value).value();
  return Decide(store, id.value(), std::move(review), out, err);
}

}  // namespace

int RunReview(const ReviewCommandOptions& options, std::ostream& out, std::ostream& err) {
  const int actions = (options.list ? 1 : 0) + (options.accept > 0 ? 1 : 0) +
                      (options.reject > 0 ? 1 : 0) + (options.set.empty() ? 0 : 1) +
                      (options.log > 0 ? 1 : 0) + (options.undo > 0 ? 1 : 0);
  if (actions > 1) {
    err << "baocao: review takes at most one of --list, --accept ID, --reject ID, "
           "--set ID FIELD=VALUE, --undo ID, --log ID (none: serve the review web page)\n";
    return kExitUsage;
  }
  if (actions == 0) {
    ReviewServerOptions server = options.server;
    server.db = options.db;
    return ServeReview(server, out, err);
  }
  StoreOptions store_options;
  store_options.create_if_missing = false;
  Result<std::unique_ptr<Store>> store = Store::Open(options.db, store_options);
  if (!store.ok()) return Fail(store.status(), err);
  Store& db = *store.value();

  if (options.list) return List(db, options.limit, out, err);
  if (options.log > 0) return ShowLog(db, options.log, out, err);
  if (options.undo > 0) {
    Status undone = db.UndoReview(options.undo, options.at.empty() ? NowUtc() : options.at, -1);
    if (!undone.ok()) return Fail(undone, err);
    Result<StoredFact> now = db.GetFact(options.undo);
    if (!now.ok()) return Fail(now.status(), err);
    out << "fact " << options.undo << ": last decision undone, now " << ReviewStatusName(now.value().review)
        << '\n';
    return kExitOk;
  }
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
  cmd->add_option("--undo", options.undo,
                  "Revert the latest decision on fact ID (logged as a decision of its own)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--log", options.log, "Print the review history of fact ID")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--db", options.db, "The store file")->capture_default_str();
  cmd->add_option("--port", options.server.port,
                  "Without an action: serve the review web page on this port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--host", options.server.host,
                  "Address to serve on; anything but 127.0.0.1/localhost needs --token")
      ->capture_default_str();
  cmd->add_option("--token", options.server.token,
                  "A secret every request must carry (first visit: ?token=...; then a cookie)");
  cmd->add_option("--cache", options.server.cache_dir,
                  "Folder for rendered page images (default: FILE.pages beside the store)");
}

}  // namespace baocao::cli
