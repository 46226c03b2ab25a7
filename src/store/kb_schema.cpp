// The knowledge base's file: version 1 of its schema. A later version appends a migration and
// never edits this one. spaces, articles and versions are append-only (triggers refuse
// updates and deletes); kb_fts is the search index of each article's latest version (rowid =
// articles.id), the one table that is rewritten: an edit replaces the article's row in it.
#include "store/kb_schema.hpp"

#include <mspcore/core/error.hpp>

#include <array>
#include <string>

namespace mspcore::store::kb {

namespace {

// unicode61 with remove_diacritics 2 folds case and strips diacritics (ü -> u, é -> e), also
// from letters whose code point has several; "ß" stays "ß" (kb_fts_query() searches both
// spellings). No stemmer: Porter is English only and would mangle German words. The prefix
// indexes make "back*" a lookup instead of a scan over the terms.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE spaces (
  id INTEGER PRIMARY KEY,
  tenant TEXT NOT NULL CHECK (tenant <> ''),
  space TEXT NOT NULL CHECK (space <> ''),
  title TEXT NOT NULL,
  UNIQUE (tenant, space)
);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  space_id INTEGER NOT NULL REFERENCES spaces (id),
  article TEXT NOT NULL CHECK (article <> ''),
  UNIQUE (space_id, article)
);
CREATE TABLE versions (
  article_id INTEGER NOT NULL REFERENCES articles (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  author TEXT NOT NULL CHECK (author <> ''),
  at INTEGER NOT NULL,
  PRIMARY KEY (article_id, version)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
CREATE TRIGGER spaces_no_update BEFORE UPDATE ON spaces BEGIN SELECT RAISE(ABORT, 'append-only: spaces cannot be updated'); END;
CREATE TRIGGER spaces_no_delete BEFORE DELETE ON spaces BEGIN SELECT RAISE(ABORT, 'append-only: spaces cannot be deleted'); END;
CREATE TRIGGER articles_no_update BEFORE UPDATE ON articles
  BEGIN SELECT RAISE(ABORT, 'append-only: articles cannot be updated'); END;
CREATE TRIGGER articles_no_delete BEFORE DELETE ON articles
  BEGIN SELECT RAISE(ABORT, 'append-only: articles cannot be deleted'); END;
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
  BEGIN SELECT RAISE(ABORT, 'append-only: versions cannot be updated'); END;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
  BEGIN SELECT RAISE(ABORT, 'append-only: versions cannot be deleted'); END;
)sql";

constexpr std::array<const char*, 1> kMigrations{kSchemaV1};
constexpr Schema kSchema{"knowledge base", 0x4d53504b /* "MSPK" */, kMigrations};

}  // namespace

const Schema& kb_schema() noexcept { return kSchema; }

void require_fts5(const std::string& path) {
  try {
    SQLite::Database probe(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    probe.exec("CREATE VIRTUAL TABLE probe USING fts5(x)");
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorCode::STORAGE_ERROR, quoted(path) + ": the SQLite library mspcore is linked with (" +
                                              SQLite::getLibVersion() + ") has no FTS5 (" + e.what() +
                                              "); the knowledge base needs it");
  }
}

}  // namespace mspcore::store::kb
