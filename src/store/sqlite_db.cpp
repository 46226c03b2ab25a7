#include "store/sqlite_db.hpp"

#include <sqlite3.h>

#include <string>

namespace mspcore::store {

namespace {

constexpr int kBusyTimeoutMs = 5000;

struct Header {
  std::int64_t application_id = 0;
  int user_version = 0;
  std::int64_t objects = 0;  // tables, indexes, triggers already in the file
};

Header read_header(SQLite::Database& db) {
  Header h;
  h.application_id = db.execAndGet("PRAGMA application_id").getInt64();
  h.user_version = db.execAndGet("PRAGMA user_version").getInt();
  h.objects = db.execAndGet("SELECT count(*) FROM sqlite_master").getInt64();
  return h;
}

// Refuses files this library must not touch; true when the file is already current.
bool check_header(const Header& h, const std::string& path, const Schema& schema) {
  const bool fresh = h.application_id == 0 && h.user_version == 0 && h.objects == 0;
  if (!fresh && h.application_id != schema.application_id) {
    throw Error(ErrorCode::STORAGE_ERROR,
                quoted(path) + " is not an mspcore " + schema.what + ": it already holds other data");
  }
  if (h.user_version > schema.version()) {
    throw Error(ErrorCode::STORAGE_ERROR, quoted(path) + ": schema version " + std::to_string(h.user_version) +
                                              " is newer than version " + std::to_string(schema.version()) +
                                              " that this mspcore knows; use a newer mspcore");
  }
  return h.user_version == schema.version() && !fresh;
}

void migrate(SQLite::Database& db, const std::string& path, const Schema& schema) {
  write_transaction(db, path, [&] {
    // Checked again under the write lock: another process may have migrated meanwhile.
    const Header h = read_header(db);
    if (check_header(h, path, schema)) return 0;
    for (int v = h.user_version; v < schema.version(); ++v) db.exec(schema.migrations[static_cast<std::size_t>(v)]);
    // PRAGMA takes no parameters; both values are integers of ours, not user text.
    db.exec("PRAGMA application_id = " + std::to_string(schema.application_id));
    db.exec("PRAGMA user_version = " + std::to_string(schema.version()));
    return 0;
  });
}

}  // namespace

SQLite::Database open_database(const std::string& path, const Schema& schema) {
  return guard(path, [&] {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs);
    // SQLite silently falls back to read-only when it may not write; a store must write.
    if (sqlite3_db_readonly(db.getHandle(), "main") == 1) {
      throw Error(ErrorCode::STORAGE_ERROR, quoted(path) + " is read-only: a store needs write access to the "
                                                           "file and its directory (for the -wal and -shm files)");
    }
    Header h;
    try {
      h = read_header(db);
    } catch (const SQLite::Exception& e) {
      throw Error(ErrorCode::STORAGE_ERROR, quoted(path) + " is not a SQLite database (" + e.what() + ")");
    }
    const bool current = check_header(h, path, schema);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA foreign_keys = ON");
    if (!current) migrate(db, path, schema);
    return db;
  });
}

}  // namespace mspcore::store
