// The knowledge base's file and writes (docs/comanaged-kb.md): spaces, and each edit of an
// article as a new version plus its row in the search index, in one transaction.
#include <mspcore/comanaged/knowledge_base.hpp>

#include "store/kb_impl.hpp"
#include "store/kb_schema.hpp"

#include <string>

namespace mspcore::store::kb {

std::string describe_space(std::string_view tenant, std::string_view space) {
  return "space " + quoted(space) + " of tenant " + quoted(tenant);
}

std::string describe_article(std::string_view tenant, std::string_view space, std::string_view article) {
  return "article " + quoted(article) + " in " + describe_space(tenant, space);
}

std::optional<std::int64_t> space_id(SQLite::Database& db, std::string_view tenant, std::string_view space) {
  SQLite::Statement q(db, "SELECT id FROM spaces WHERE tenant = ?1 AND space = ?2");
  q.bind(1, std::string(tenant));
  q.bind(2, std::string(space));
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

}  // namespace mspcore::store::kb

namespace mspcore {
inline namespace v1 {

namespace {

using store::kb::describe_article;
using store::kb::describe_space;

void require(bool ok, const std::string& what, const char* field) {
  if (!ok) throw Error(ErrorCode::INVALID_ARGUMENT, what + ": " + field + " must not be empty");
}

// A write names its tenant; one outside the caller's scope is refused outright (the caller
// named it, so the refusal tells nothing about what is stored).
void check_scope(const TenantScope& scope, const std::string& tenant, const char* what) {
  if (!scope.admits(tenant)) {
    throw Error(ErrorCode::PERMISSION_DENIED, std::string(what) + " of tenant " + quoted(tenant) +
                                                  " is outside the caller's scope (" + scope.to_string() + ")");
  }
}

}  // namespace

KnowledgeBase::KnowledgeBase(const std::string& path) {
  store::kb::require_fts5(path);
  impl_ = std::make_unique<Impl>(path, store::open_database(path, store::kb::kb_schema()));
}
KnowledgeBase::~KnowledgeBase() = default;
KnowledgeBase::KnowledgeBase(KnowledgeBase&&) noexcept = default;
KnowledgeBase& KnowledgeBase::operator=(KnowledgeBase&&) noexcept = default;

int KnowledgeBase::schema_version() noexcept { return store::kb::kb_schema().version(); }

bool KnowledgeBase::add_space(const TenantScope& scope, const KbSpace& space) {
  require(!space.tenant.empty(), "space", "tenant");
  require(!space.space.empty(), "space (tenant " + quoted(space.tenant) + ")", "space");
  check_scope(scope, space.tenant, "a space");
  return impl_->write([&] {
    SQLite::Statement q(impl_->db, "SELECT title FROM spaces WHERE tenant = ?1 AND space = ?2");
    q.bind(1, space.tenant);
    q.bind(2, space.space);
    if (q.executeStep()) {
      const std::string title = q.getColumn(0).getString();
      if (title == space.title) return false;
      throw Error(ErrorCode::INVALID_STATE, describe_space(space.tenant, space.space) + " exists with title " +
                                                quoted(title) + ", not " + quoted(space.title) +
                                                " (spaces are not renamed)");
    }
    SQLite::Statement insert(impl_->db, "INSERT INTO spaces (tenant, space, title) VALUES (?1, ?2, ?3)");
    insert.bind(1, space.tenant);
    insert.bind(2, space.space);
    insert.bind(3, space.title);
    insert.exec();
    return true;
  });
}

namespace {

void check_article(const TenantScope& scope, const KbArticle& a) {
  const std::string what = describe_article(a.tenant, a.space, a.article);
  require(!a.tenant.empty(), what, "tenant");
  require(!a.space.empty(), what, "space");
  require(!a.article.empty(), what, "article");
  require(!a.author.empty(), what, "author");
  check_instant_range(a.at, what + ": at");
  check_scope(scope, a.tenant, "an article");
}

// One version, inside the caller's transaction.
KbPutResult write_article(SQLite::Database& db, const KbArticle& a) {
  const std::string what = describe_article(a.tenant, a.space, a.article);
  const auto space = store::kb::space_id(db, a.tenant, a.space);
  if (!space) throw Error(ErrorCode::NOT_FOUND, what + ": " + describe_space(a.tenant, a.space) + " not found");
  SQLite::Statement find(db, "SELECT id FROM articles WHERE space_id = ?1 AND article = ?2");
  find.bind(1, *space);
  find.bind(2, a.article);
  std::int64_t id = 0;
  std::int64_t latest = 0;
  if (find.executeStep()) {
    id = find.getColumn(0).getInt64();
    SQLite::Statement last(db,
                           "SELECT version, title, body, at FROM versions WHERE article_id = ?1 "
                           "ORDER BY version DESC LIMIT 1");
    last.bind(1, id);
    if (last.executeStep()) {
      latest = last.getColumn(0).getInt64();
      // A save without an edit is no new version: re-importing a space changes nothing.
      if (last.getColumn(1).getString() == a.title && last.getColumn(2).getString() == a.body) {
        return KbPutResult{latest, false};
      }
      const Instant before = from_unix_seconds(last.getColumn(3).getInt64());
      if (a.at < before) {
        throw Error(ErrorCode::INVALID_TIMELINE, what + ": at " + format_instant(a.at) + " is before version " +
                                                     std::to_string(latest) + " at " + format_instant(before));
      }
    }
  } else {
    SQLite::Statement insert(db, "INSERT INTO articles (space_id, article) VALUES (?1, ?2)");
    insert.bind(1, *space);
    insert.bind(2, a.article);
    insert.exec();
    id = db.getLastInsertRowid();
  }
  SQLite::Statement version(db,
                            "INSERT INTO versions (article_id, version, title, body, author, at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  version.bind(1, id);
  version.bind(2, latest + 1);
  version.bind(3, a.title);
  version.bind(4, a.body);
  version.bind(5, a.author);
  version.bind(6, unix_seconds(a.at));
  version.exec();
  // The index holds the latest version only: search never finds an edited-away text.
  if (latest > 0) {
    SQLite::Statement drop(db, "DELETE FROM kb_fts WHERE rowid = ?1");
    drop.bind(1, id);
    drop.exec();
  }
  SQLite::Statement index(db, "INSERT INTO kb_fts (rowid, title, body) VALUES (?1, ?2, ?3)");
  index.bind(1, id);
  index.bind(2, a.title);
  index.bind(3, a.body);
  index.exec();
  return KbPutResult{latest + 1, true};
}

// The error of article `i` of a batch, with its index in front and as its row.
Error at_index(const Error& e, std::size_t i) {
  return Error(e.code(), "articles[" + std::to_string(i) + "] " + e.what(), static_cast<std::int64_t>(i));
}

}  // namespace

KbPutResult KnowledgeBase::put_article(const TenantScope& scope, const KbArticle& a) {
  check_article(scope, a);
  return impl_->write([&] { return write_article(impl_->db, a); });
}

std::vector<KbPutResult> KnowledgeBase::put_articles(const TenantScope& scope, const std::vector<KbArticle>& articles) {
  for (std::size_t i = 0; i < articles.size(); ++i) {
    try {
      check_article(scope, articles[i]);
    } catch (const Error& e) {
      throw at_index(e, i);
    }
  }
  return impl_->write([&] {
    std::vector<KbPutResult> out;
    out.reserve(articles.size());
    for (std::size_t i = 0; i < articles.size(); ++i) {
      try {
        out.push_back(write_article(impl_->db, articles[i]));
      } catch (const Error& e) {
        throw at_index(e, i);
      }
    }
    return out;
  });
}

}  // namespace v1
}  // namespace mspcore
