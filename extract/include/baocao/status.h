// Status and Result<T>: errors as values across module boundaries.
//
//   Result<Document> doc = ExtractPdf(path, options);
//   if (!doc.ok()) { std::cerr << doc.status().ToString(); return 1; }
//   Use(doc.value());
//
// Inside functions that themselves return Status or Result, the helper macros
// keep the happy path reading straight down:
//
//   BAOCAO_RETURN_IF_ERROR(CheckHeader(file));
//   BAOCAO_ASSIGN_OR_RETURN(Page page, ReadPage(doc, n));
#ifndef BAOCAO_STATUS_H_
#define BAOCAO_STATUS_H_

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace baocao {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller asked for something impossible
  kNotFound,         // a file or record does not exist
  kPermissionDenied, // a file exists but cannot be read
  kNotPdf,           // input is not a PDF at all
  kEncrypted,        // the PDF needs a password we do not have
  kCorrupt,          // the input is damaged beyond what we can repair
  kTooLarge,         // the input exceeds a configured bound
  kTimeout,          // a configured time limit was reached
  kIoError,          // reading or writing failed
  kConflict,         // a record changed since the caller read it
  kInternal,         // a bug or an unexpected library failure
};

// Returns a short stable name ("not_pdf") for logs and JSON.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  Status(StatusCode code, std::string message)
      : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // A sentence for a person: names the file, the page and what was expected.
  const std::string& message() const { return message_; }
  // "not_pdf: 'a.pdf' is not a PDF ..." or "ok".
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design
  // REQUIRES: !status.ok().
  Result(Status status) : state_(std::move(status)) {  // NOLINT
    if (std::get<Status>(state_).ok()) {
      state_ = Status(StatusCode::kInternal, "Result built from an OK status");
    }
  }

  bool ok() const { return std::holds_alternative<T>(state_); }
  // OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  // REQUIRES: ok().
  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace baocao

#define BAOCAO_CONCAT_INNER_(a, b) a##b
#define BAOCAO_CONCAT_(a, b) BAOCAO_CONCAT_INNER_(a, b)

#define BAOCAO_RETURN_IF_ERROR(expr)              \
  do {                                            \
    ::baocao::Status baocao_status_ = (expr);     \
    if (!baocao_status_.ok()) return baocao_status_; \
  } while (false)

#define BAOCAO_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return tmp.status();                 \
  lhs = std::move(tmp).value()

#define BAOCAO_ASSIGN_OR_RETURN(lhs, expr) \
  BAOCAO_ASSIGN_OR_RETURN_IMPL_(BAOCAO_CONCAT_(baocao_result_, __LINE__), lhs, expr)

#endif  // BAOCAO_STATUS_H_
