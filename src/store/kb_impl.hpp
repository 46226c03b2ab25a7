// Private to the knowledge base: what one KnowledgeBase object holds, and the lookups its
// write (kb_store.cpp) and read (kb_reads.cpp) files share.
#pragma once

#include <mspcore/comanaged/knowledge_base.hpp>
#include <mspcore/core/error.hpp>

#include "store/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace mspcore {
inline namespace v1 {

struct KnowledgeBase::Impl {
  Impl(std::string p, SQLite::Database d) : path(std::move(p)), db(std::move(d)) {}

  std::string path;
  SQLite::Database db;

  template <class Body>
  auto write(Body&& body) {
    return store::write_transaction(db, path, std::forward<Body>(body));
  }
  template <class Body>
  auto read(Body&& body) {
    return store::guard(path, std::forward<Body>(body));
  }
};

}  // namespace v1
}  // namespace mspcore

namespace mspcore::store::kb {

/// "space 'howto' of tenant 'acme'", "article 'A-1' in space 'howto' of tenant 'acme'".
std::string describe_space(std::string_view tenant, std::string_view space);
std::string describe_article(std::string_view tenant, std::string_view space, std::string_view article);

/// The id of the space, or nullopt.
std::optional<std::int64_t> space_id(SQLite::Database& db, std::string_view tenant, std::string_view space);

/// Whether `may_read` (null: everything) admits the space.
inline bool admits(const KbMayRead& may_read, std::string_view tenant, std::string_view space) {
  return !may_read || may_read(tenant, space);
}

}  // namespace mspcore::store::kb
