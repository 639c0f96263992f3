#include "sqlite.h"

namespace baocao::storage_internal {

StatusCode CodeForSqlite(int sqlite_code) {
  switch (sqlite_code & 0xFF) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      return StatusCode::kInvalidArgument;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kCorrupt;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return StatusCode::kPermissionDenied;
    case SQLITE_NOMEM:
    case SQLITE_INTERNAL:
    case SQLITE_MISUSE:
    case SQLITE_ERROR:
      return StatusCode::kInternal;
    default:
      return StatusCode::kIoError;  // IOERR, FULL, CANTOPEN, READONLY, BUSY, LOCKED...
  }
}

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::string label)
    : db_(db), stmt_(stmt), label_(std::move(label)) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = SQLITE_OK;
}

void Statement::Bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void Statement::Bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void Statement::Bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

void Statement::BindNull(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK && bind_error_ == SQLITE_OK) bind_error_ = rc;
}

Status Statement::Error() const {
  return Status(
      CodeForSqlite(sqlite3_extended_errcode(db_)),
      "store '" +
          std::string(sqlite3_db_filename(db_, "main") ? sqlite3_db_filename(db_, "main") : "") +
          "': " + label_ + ": " + sqlite3_errmsg(db_));
}

Result<bool> Statement::Step() {
  if (bind_error_ != SQLITE_OK) {
    return Status(CodeForSqlite(bind_error_),
                  label_ + ": cannot bind a value: " + sqlite3_errstr(bind_error_));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = Error();
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::Run() {
  while (true) {
    BAOCAO_ASSIGN_OR_RETURN(const bool row, Step());
    if (!row) break;
  }
  Reset();
  return Status::Ok();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status error(CodeForSqlite(rc), "cannot open the store '" + path +
                                        "': " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
    sqlite3_close(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(new Connection(db, path));
}

Connection::~Connection() {
  statements_.clear();  // finalize before closing
  sqlite3_close(db_);
}

Status Connection::Exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return Status::Ok();
  Status error(CodeForSqlite(rc),
               "store '" + path_ + "': " + (message ? message : sqlite3_errstr(rc)));
  sqlite3_free(message);
  return error;
}

Result<Statement*> Connection::Prepare(const char* sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    found->second->Reset();
    return found->second.get();
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error("cannot prepare a statement");
  // The first line of the SQL names the statement in messages.
  std::string label(sql);
  label = label.substr(0, label.find('\n'));
  auto inserted =
      statements_.emplace(sql, std::make_unique<Statement>(db_, stmt, std::move(label)));
  return inserted.first->second.get();
}

Status Connection::Error(std::string_view what) const {
  return Status(CodeForSqlite(sqlite3_extended_errcode(db_)),
                "store '" + path_ + "': " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

Transaction::~Transaction() {
  if (open_) (void)db_.Exec("ROLLBACK");
}

Status Transaction::Begin() {
  BAOCAO_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE"));
  open_ = true;
  return Status::Ok();
}

Status Transaction::Commit() {
  BAOCAO_RETURN_IF_ERROR(db_.Exec("COMMIT"));
  open_ = false;
  return Status::Ok();
}

}  // namespace baocao::storage_internal
