// Private to the knowledge base: its file's schema (kb_schema.cpp).
#pragma once

#include "store/sqlite_db.hpp"

namespace mspcore::store::kb {

const Schema& kb_schema() noexcept;

/// Error(STORAGE_ERROR) naming `path` when the SQLite mspcore links has no FTS5: the
/// knowledge base cannot search without it, and must not pretend to.
void require_fts5(const std::string& path);

}  // namespace mspcore::store::kb
