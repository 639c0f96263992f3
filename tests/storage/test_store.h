// Helpers shared by the storage tests: temporary store files, sample
// documents, and direct SQL to check what the store wrote.
#ifndef BAOCAO_TESTS_STORAGE_TEST_STORE_H_
#define BAOCAO_TESTS_STORAGE_TEST_STORE_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "baocao/document.h"
#include "baocao/storage.h"
#include "temp_dir.h"

namespace baocao::testing {


inline Page MakePage(int number, std::string text) {
  Page page;
  page.number = number;
  page.text = std::move(text);
  return page;
}

inline Fact MakeFact(std::string kind, int page, std::size_t begin,
                     std::map<std::string, FieldValue> fields, double confidence = 0.9) {
  Fact fact;
  fact.kind = std::move(kind);
  fact.page = page;
  fact.span = {begin, begin + 5};
  fact.quote = "quote";
  fact.rule = "test_rule";
  fact.confidence = confidence;
  fact.fields = std::move(fields);
  return fact;
}

inline DocumentRecord RecordFor(const std::string& content) {
  return {Sha256Hex(content), "test", "2024-05-01T08:00:00Z"};
}

// Runs one SQL query returning a single integer.
inline long long QueryInt(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  long long value = -1;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      value = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return value;
}

// Runs SQL for its effect; returns SQLite's error message, or "" on success.
inline std::string ExecSql(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string error;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return "cannot open";
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    error = message ? message : "error";
  }
  sqlite3_free(message);
  sqlite3_close(db);
  return error;
}

}  // namespace baocao::testing

#endif  // BAOCAO_TESTS_STORAGE_TEST_STORE_H_
