// `baocao review`: review facts from the command line, one decision per run,
// for scripts and people without the web view.
//
//   baocao review --list --limit 20        facts needing review, lowest confidence first
//   baocao review --accept 12
//   baocao review --reject 13
//   baocao review --set 14 value=8803      corrects one field (the fact becomes "corrected")
//   baocao review --undo 14                reverts the latest decision on the fact
//   baocao review --log 14                 the fact's review history
//   baocao review --db FILE --port 8080    serves the review web page (review_server.h)
//
// Every decision is appended to the store's review log with its time and the
// value before and after, and series and exports show it at once.
#ifndef BAOCAO_TOOLS_REVIEW_CLI_H_
#define BAOCAO_TOOLS_REVIEW_CLI_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "baocao/review_server.h"

namespace CLI {
class App;
}  // namespace CLI

namespace baocao::cli {

struct ReviewCommandOptions {
  std::string db = "baocao.db";
  bool list = false;
  int limit = 20;
  std::int64_t accept = 0;       // a fact id, 0 for none
  std::int64_t reject = 0;
  std::vector<std::string> set;  // {ID, "FIELD=VALUE"}
  std::int64_t log = 0;
  std::int64_t undo = 0;
  std::string at;  // the decision's time (ISO 8601 UTC); "" for now
  ReviewServerOptions server;  // with no action: serve the web page
};

// Runs the one action options ask for, or serves the web page when none is. Dates must be YYYY-MM-DD and numbers
// plain decimals (8803, 99.69); an empty VALUE removes the field; partners
// are separated by ';'. kExitUsage for a malformed request, kExitFailure
// when the store fails or has no such fact.
int RunReview(const ReviewCommandOptions& options, std::ostream& out, std::ostream& err);

// Adds `review` and its flags to `app`.
void AddReviewCommand(CLI::App& app, ReviewCommandOptions& options);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_REVIEW_CLI_H_
