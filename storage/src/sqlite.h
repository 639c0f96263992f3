// A thin RAII layer over the SQLite C API: a connection, prepared statements
// cached by their SQL text, and transactions. SQL text is always a string
// literal of this module; values from outside are bound, never spliced in.
#ifndef BAOCAO_STORAGE_SQLITE_H_
#define BAOCAO_STORAGE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "baocao/status.h"

namespace baocao::storage_internal {

// A prepared statement. Parameters are numbered from 1, columns from 0.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string label);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Makes the statement ready to be bound and run again.
  void Reset();

  void Bind(int index, std::int64_t value);
  void Bind(int index, int value) { Bind(index, static_cast<std::int64_t>(value)); }
  void Bind(int index, double value);
  void Bind(int index, std::string_view text);
  void Bind(int index, const char* text) { Bind(index, std::string_view(text)); }
  void Bind(int index, const std::string& text) { Bind(index, std::string_view(text)); }
  void BindNull(int index);
  template <typename T>
  void Bind(int index, const std::optional<T>& value) {
    if (value) {
      Bind(index, *value);
    } else {
      BindNull(index);
    }
  }

  // Steps once: true with a row to read, false when done.
  Result<bool> Step();
  // Steps to the end, ignoring rows; then resets.
  Status Run();

  bool IsNull(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;

 private:
  Status Error() const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string label_;  // for messages
  int bind_error_ = SQLITE_OK;
};

class Connection {
 public:
  // Opens `path` with sqlite3_open_v2 `flags`; `label` names the store in messages.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int flags);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs static SQL (one or more statements) from this module.
  Status Exec(const char* sql);
  // The cached statement for `sql`, reset and ready to bind. `sql` must be a
  // string literal: the cache is keyed by its address.
  Result<Statement*> Prepare(const char* sql);

  // A Status for the connection's last error, naming the store.
  Status Error(std::string_view what) const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

 private:
  Connection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements_;
};

// The StatusCode for an SQLite result code: constraint failures are the
// caller's (kInvalidArgument), damaged files kCorrupt, the rest kIoError.
StatusCode CodeForSqlite(int sqlite_code);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& db) : db_(db) {}
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  Status Begin();
  Status Commit();

 private:
  Connection& db_;
  bool open_ = false;
};

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_SQLITE_H_
