#include "schema.h"

#include <string>

namespace baocao::storage_internal {
namespace {

// PRAGMA application_id of a baocao store ("BaoC"): tells it from other SQLite files.
constexpr std::int64_t kApplicationId = 0x42616F43;

Result<std::int64_t> ReadInteger(Connection& db, const char* sql) {
  BAOCAO_ASSIGN_OR_RETURN(Statement * stmt, db.Prepare(sql));
  BAOCAO_ASSIGN_OR_RETURN(const bool row, stmt->Step());
  const std::int64_t value = row ? stmt->Int(0) : 0;
  stmt->Reset();
  return value;
}

// PRAGMAs take no bound parameters; the version is an integer of ours, never input.
Status SetPragmas(Connection& db, int version) {
  const std::string sql = "PRAGMA user_version = " + std::to_string(version) +
                          "; PRAGMA application_id = " + std::to_string(kApplicationId) + ";";
  return db.Exec(sql.c_str());
}

}  // namespace

Result<int> SchemaVersionOf(Connection& db) {
  BAOCAO_ASSIGN_OR_RETURN(const std::int64_t version, ReadInteger(db, "PRAGMA user_version"));
  return static_cast<int>(version);
}

Status Migrate(Connection& db, int target) {
  BAOCAO_ASSIGN_OR_RETURN(const int version, SchemaVersionOf(db));
  const int latest = LatestSchemaVersion();
  if (version > latest) {
    return Status(StatusCode::kInvalidArgument,
                  "the store '" + db.path() + "' has schema version " + std::to_string(version) +
                      ", newer than version " + std::to_string(latest) +
                      " that this baocao knows: use a newer baocao");
  }
  if (version >= target) return Status::Ok();

  Transaction transaction(db);
  BAOCAO_RETURN_IF_ERROR(transaction.Begin());
  BAOCAO_ASSIGN_OR_RETURN(const std::int64_t application_id,
                          ReadInteger(db, "PRAGMA application_id"));
  BAOCAO_ASSIGN_OR_RETURN(const std::int64_t objects,
                          ReadInteger(db, "SELECT count(*) FROM sqlite_schema"));
  const bool foreign = version == 0 ? objects > 0 : application_id != kApplicationId;
  if (foreign) {
    return Status(StatusCode::kCorrupt, "'" + db.path() +
                                            "' is an SQLite file but not a baocao store: "
                                            "it has tables of another program");
  }
  for (int next = version + 1; next <= target; ++next) {
    const Migration& migration = Migrations()[static_cast<std::size_t>(next - 1)];
    const std::string sql(migration.sql);
    Status applied = db.Exec(sql.c_str());
    if (!applied.ok()) {
      return Status(applied.code(), "cannot bring the store '" + db.path() +
                                        "' to schema version " + std::to_string(next) + " (" +
                                        std::string(migration.name) + "): " + applied.message());
    }
  }
  BAOCAO_RETURN_IF_ERROR(SetPragmas(db, target));
  return transaction.Commit();
}

}  // namespace baocao::storage_internal
