// The review web page: a queue of facts needing review with the page image
// and the repaired text around each one, keyboard-driven decisions, document
// pages and indicator series charts, served from one store.
//
//   ReviewServerOptions options;
//   options.db = "baocao.db";
//   options.port = 0;  // any free port
//   Result<std::unique_ptr<ReviewServer>> server = ReviewServer::Start(options);
//   std::cout << server.value()->Url() << '\n';
//   ...
//   server.value()->Stop();
//
// Security: serves on 127.0.0.1 unless told otherwise, and then only with a
// token every request must carry. Every state-changing request must carry
// the page's CSRF token in an X-CSRF-Token header; the Host header must name
// the server (no DNS rebinding). Pages and images are addressed by document
// id and page number only. Request bodies are limited in size.
#ifndef BAOCAO_TOOLS_REVIEW_SERVER_H_
#define BAOCAO_TOOLS_REVIEW_SERVER_H_

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>

#include "baocao/status.h"

namespace baocao::cli {

struct ReviewServerOptions {
  std::string db = "baocao.db";
  std::string host = "127.0.0.1";
  int port = 8080;            // 0: any free port
  std::string token;          // required when host is not loopback
  std::string cache_dir;      // rendered page images; "" for DB.pages beside the store
  int page_dpi = 110;         // page images' resolution
  std::size_t max_request_bytes = 64 * 1024;
};

class ReviewServer {
 public:
  // Opens the store (it must exist), binds, and serves on background
  // threads. kInvalidArgument for a non-loopback host without a token,
  // kIoError when the address cannot be bound.
  static Result<std::unique_ptr<ReviewServer>> Start(const ReviewServerOptions& options);

  virtual ~ReviewServer() = default;
  virtual int Port() const = 0;
  // "http://127.0.0.1:8080/"
  virtual std::string Url() const = 0;
  // The token state-changing requests carry in X-CSRF-Token (the pages
  // embed it); random per server start.
  virtual std::string CsrfToken() const = 0;
  // Stops accepting requests and waits for those under way. Idempotent.
  virtual void Stop() = 0;
};

// Serves until SIGINT or SIGTERM; prints the address to `out`.
int ServeReview(const ReviewServerOptions& options, std::ostream& out, std::ostream& err);

}  // namespace baocao::cli

#endif  // BAOCAO_TOOLS_REVIEW_SERVER_H_
