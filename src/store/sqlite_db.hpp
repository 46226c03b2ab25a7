// Private: opening a SQLite file the way every mspcore store does, and the one place where
// SQLite's exceptions become Error(STORAGE_ERROR). Nothing outside src/store includes this.
#pragma once

#include <mspcore/core/error.hpp>
#include <mspcore/store/tenant_scope.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <span>
#include <string>

namespace mspcore::store {

/// What a store file looks like: who owns it (PRAGMA application_id) and how to build it
/// (migrations[i] takes PRAGMA user_version i to i + 1).
struct Schema {
  const char* what;  ///< e.g. "true-up ledger", for messages
  std::int32_t application_id;
  std::span<const char* const> migrations;
  int version() const noexcept { return static_cast<int>(migrations.size()); }
};

/// Opens or creates `path` with WAL, foreign keys on and a busy timeout, and migrates it
/// forward in one transaction. Error(STORAGE_ERROR) naming the path when it cannot be
/// opened, is not SQLite, holds another application's data or has a newer schema.
SQLite::Database open_database(const std::string& path, const Schema& schema);

/// Binds the scope's tenant at `index`, NULL for all tenants, for a query that filters with
/// `(?n IS NULL OR tenant = ?n)`.
inline void bind_scope(SQLite::Statement& q, int index, const TenantScope& scope) {
  if (scope.tenant()) {
    q.bind(index, *scope.tenant());
  } else {
    q.bind(index);
  }
}

/// Runs `body`; a SQLite::Exception becomes Error(STORAGE_ERROR) naming the path.
template <class Body>
auto guard(const std::string& path, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorCode::STORAGE_ERROR, quoted(path) + ": " + e.what());
  }
}

/// Runs `body` in one BEGIN IMMEDIATE transaction: the write lock is taken before anything
/// is read, so a read-check-write cannot race another writer. Commits when `body` returns,
/// rolls back when it throws.
template <class Body>
auto write_transaction(SQLite::Database& db, const std::string& path, Body&& body) -> decltype(body()) {
  return guard(path, [&] {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    auto result = body();
    tx.commit();
    return result;
  });
}

}  // namespace mspcore::store
