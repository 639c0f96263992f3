// Schema versions and migrations. Migration N (storage/schema/000N_*.sql)
// brings a store from version N-1 to N; the version is PRAGMA user_version.
#ifndef BAOCAO_STORAGE_SCHEMA_H_
#define BAOCAO_STORAGE_SCHEMA_H_

#include <span>
#include <string_view>

#include "baocao/status.h"
#include "sqlite.h"

namespace baocao::storage_internal {

struct Migration {
  std::string_view name;  // file name, e.g. "0001_core.sql"
  std::string_view sql;
};

// Every migration, in order (generated from storage/schema/ at build time).
std::span<const Migration> Migrations();

// The version a fully migrated store has.
inline int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

// Brings the store on `db` to `target` version (LatestSchemaVersion() by
// default) in one transaction. Refuses a store whose version is newer than
// this program knows, and an SQLite file that is not an empty file or a
// baocao store.
Status Migrate(Connection& db, int target);
inline Status Migrate(Connection& db) { return Migrate(db, LatestSchemaVersion()); }

// The store's schema version (0 for a new, empty file).
Result<int> SchemaVersionOf(Connection& db);

}  // namespace baocao::storage_internal

#endif  // BAOCAO_STORAGE_SCHEMA_H_
