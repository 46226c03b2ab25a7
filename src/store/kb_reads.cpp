// The knowledge base's reads (docs/comanaged-kb.md): spaces, an article's versions, and the
// search. Each read filters by the caller's tenant scope in SQL and by its read predicate per
// space; an article outside either reads exactly as one that does not exist.
#include <mspcore/comanaged/knowledge_base.hpp>

#include "store/kb_impl.hpp"

#include <string>
#include <unordered_map>

namespace mspcore {
inline namespace v1 {

namespace {

using store::kb::admits;
using store::kb::describe_article;

KbArticleVersion version_of(SQLite::Statement& q, std::string_view tenant, std::string_view space,
                            std::string_view article) {
  KbArticleVersion v;
  v.tenant = std::string(tenant);
  v.space = std::string(space);
  v.article = std::string(article);
  v.version = q.getColumn(0).getInt64();
  v.title = q.getColumn(1).getString();
  v.body = q.getColumn(2).getString();
  v.author = q.getColumn(3).getString();
  v.at = from_unix_seconds(q.getColumn(4).getInt64());
  return v;
}

// The article's versions, newest first when `latest_only`; NOT_FOUND, one message for an
// unknown article, one outside the scope and one in a space the caller may not read.
std::vector<KbArticleVersion> read_versions(SQLite::Database& db, const TenantScope& scope, std::string_view tenant,
                                            std::string_view space, std::string_view article,
                                            const KbMayRead& may_read, bool latest_only) {
  const std::string missing = describe_article(tenant, space, article) + " not found in " + scope.to_string();
  if (!scope.admits(tenant) || !admits(may_read, tenant, space)) throw Error(ErrorCode::NOT_FOUND, missing);
  SQLite::Statement q(db, std::string("SELECT v.version, v.title, v.body, v.author, v.at FROM versions v "
                                      "JOIN articles a ON a.id = v.article_id JOIN spaces s ON s.id = a.space_id "
                                      "WHERE s.tenant = ?1 AND s.space = ?2 AND a.article = ?3 ORDER BY v.version ") +
                              (latest_only ? "DESC LIMIT 1" : "ASC"));
  q.bind(1, std::string(tenant));
  q.bind(2, std::string(space));
  q.bind(3, std::string(article));
  std::vector<KbArticleVersion> out;
  while (q.executeStep()) out.push_back(version_of(q, tenant, space, article));
  if (out.empty()) throw Error(ErrorCode::NOT_FOUND, missing);
  return out;
}

}  // namespace

std::vector<KbSpace> KnowledgeBase::spaces(const TenantScope& scope, const KbMayRead& may_read) const {
  return impl_->read([&] {
    SQLite::Statement q(impl_->db,
                        "SELECT tenant, space, title FROM spaces WHERE (?1 IS NULL OR tenant = ?1) ORDER BY tenant, space");
    store::bind_scope(q, 1, scope);
    std::vector<KbSpace> out;
    while (q.executeStep()) {
      KbSpace s{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getString()};
      if (admits(may_read, s.tenant, s.space)) out.push_back(std::move(s));
    }
    return out;
  });
}

KbArticleVersion KnowledgeBase::article(const TenantScope& scope, std::string_view tenant, std::string_view space,
                                        std::string_view article, const KbMayRead& may_read) const {
  return impl_->read([&] { return read_versions(impl_->db, scope, tenant, space, article, may_read, true).front(); });
}

std::vector<KbArticleVersion> KnowledgeBase::versions(const TenantScope& scope, std::string_view tenant,
                                                      std::string_view space, std::string_view article,
                                                      const KbMayRead& may_read) const {
  return impl_->read([&] { return read_versions(impl_->db, scope, tenant, space, article, may_read, false); });
}

std::vector<KbHit> KnowledgeBase::search(const TenantScope& scope, std::string_view query, const KbMayRead& may_read,
                                         std::size_t limit) const {
  if (limit < 1 || limit > kKbMaxLimit) {
    throw Error(ErrorCode::OUT_OF_RANGE,
                "search: limit " + std::to_string(limit) + " is outside 1 .. " + std::to_string(kKbMaxLimit));
  }
  const std::string fts = kb_fts_query(query);
  if (fts.empty()) return {};
  return impl_->read([&] {
    SQLite::Database& db = impl_->db;
    // Ranked first, without snippets: SQLite computes every selected column of every match
    // before it sorts, and a snippet costs far more than a score.
    SQLite::Statement ranked(db,
                             "SELECT kb_fts.rowid, s.id, s.tenant, s.space, a.article, -bm25(kb_fts, " +
                                 std::to_string(kKbTitleWeight) +
                                 ", 1.0) AS score FROM kb_fts JOIN articles a ON a.id = kb_fts.rowid "
                                 "JOIN spaces s ON s.id = a.space_id WHERE kb_fts MATCH ?1 "
                                 "AND (?2 IS NULL OR s.tenant = ?2) ORDER BY score DESC, s.tenant, s.space, a.article");
    ranked.bind(1, fts);
    store::bind_scope(ranked, 2, scope);
    std::unordered_map<std::int64_t, bool> readable;  // space id -> may_read's answer, asked once
    std::vector<KbHit> hits;
    std::vector<std::int64_t> rows;
    while (hits.size() < limit && ranked.executeStep()) {
      const std::int64_t space = ranked.getColumn(1).getInt64();
      auto known = readable.find(space);
      if (known == readable.end()) {
        known = readable.emplace(space, admits(may_read, ranked.getColumn(2).getText(), ranked.getColumn(3).getText()))
                    .first;
      }
      if (!known->second) continue;
      KbHit hit;
      hit.rank = static_cast<std::int64_t>(hits.size()) + 1;
      hit.tenant = ranked.getColumn(2).getString();
      hit.space = ranked.getColumn(3).getString();
      hit.article = ranked.getColumn(4).getString();
      hit.score = ranked.getColumn(5).getDouble();
      rows.push_back(ranked.getColumn(0).getInt64());
      hits.push_back(std::move(hit));
    }
    SQLite::Statement detail(db,
                             "SELECT snippet(kb_fts, -1, '[', ']', '\xe2\x80\xa6', " + std::to_string(kKbSnippetTokens) +
                                 "), title, (SELECT max(version) FROM versions WHERE article_id = ?2) "
                                 "FROM kb_fts WHERE kb_fts MATCH ?1 AND rowid = ?2");
    for (std::size_t i = 0; i < hits.size(); ++i) {
      detail.reset();
      detail.bind(1, fts);
      detail.bind(2, rows[i]);
      if (!detail.executeStep()) throw Error(ErrorCode::INTERNAL, "search: a ranked hit vanished from the index");
      hits[i].snippet = detail.getColumn(0).getString();
      hits[i].title = detail.getColumn(1).getString();
      hits[i].version = detail.getColumn(2).getInt64();
    }
    return hits;
  });
}

}  // namespace v1
}  // namespace mspcore
