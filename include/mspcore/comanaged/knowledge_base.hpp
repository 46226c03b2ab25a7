/// @file knowledge_base.hpp
/// @brief The shared knowledge base of co-managed IT: articles in spaces of a tenant, every
/// edit kept as a new version, full-text search with SQLite FTS5 (bm25, snippets, prefix
/// search) that never returns an article outside the caller's tenant scope or refused by its
/// read predicate (docs/comanaged-kb.md). A store: it needs SQLite with FTS5 (SQLiteCpp),
/// linked into the library; its SQL lives in src/store/kb_*.cpp.
#pragma once

#include <mspcore/store/tenant_scope.hpp>
#include <mspcore/time/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mspcore {
inline namespace v1 {

/// A space of a tenant: a shelf of articles with one visibility (who may read it is the
/// access model's answer for (tenant, space)).
struct KbSpace {
  std::string tenant;  ///< not empty
  std::string space;   ///< the space's id within the tenant, not empty
  std::string title;   ///< may be empty
};

/// A new version of an article, as put_article() takes it.
struct KbArticle {
  std::string tenant;   ///< not empty
  std::string space;    ///< a space of the tenant added before
  std::string article;  ///< the article's id within the space, not empty
  std::string title;    ///< searched with a higher weight than the body
  std::string body;
  std::string author;   ///< who wrote this version, not empty
  Instant at{};         ///< explicit: the store never reads the clock; not before the previous version
};

/// One stored version of an article.
struct KbArticleVersion {
  std::string tenant;
  std::string space;
  std::string article;
  std::int64_t version = 0;  ///< 1 for the first, then +1 per edit
  std::string title;
  std::string body;
  std::string author;
  Instant at{};
};

/// What put_article() did.
struct KbPutResult {
  std::int64_t version = 0;  ///< the article's latest version after the call
  bool changed = false;      ///< false when title and body equal the latest version's (nothing written)
};

/// One search hit: an article's latest version.
struct KbHit {
  std::int64_t rank = 0;  ///< 1 for the best hit, then 2, 3, ...
  double score = 0;       ///< -bm25 (title weight kKbTitleWeight, body 1): higher is better
  std::string tenant;
  std::string space;
  std::string article;
  std::int64_t version = 0;
  std::string title;
  std::string snippet;  ///< up to kKbSnippetTokens tokens around the matches, each match in [ ]
};

/// bm25's column weights: a word in the title counts as much as this many in the body.
inline constexpr double kKbTitleWeight = 5.0;
/// The length of a snippet in tokens.
inline constexpr int kKbSnippetTokens = 16;
/// The most hits one search returns.
inline constexpr std::size_t kKbMaxLimit = 1000;

/// Whether the principal may read the articles of space `space` of tenant `tenant`: the
/// coordinator wires it to the access model. A null function admits every space in scope.
using KbMayRead = std::function<bool(std::string_view tenant, std::string_view space)>;

/// The user's search text as an FTS5 query: each whitespace-separated word becomes a quoted
/// phrase (so FTS5 operators, column filters, quotes and brackets in the input are plain text,
/// never syntax), a word ending in '*' a prefix phrase, a word with "ß" or "ss" also matches
/// its other spelling; the words are ANDed. "" when the text has no word with a letter or digit.
std::string kb_fts_query(std::string_view text);

/// The knowledge base in one SQLite file (WAL, foreign keys on, schema version in PRAGMA
/// user_version). Versions are append-only (triggers refuse updates and deletes); the FTS5
/// index holds each article's latest version. Every call takes the caller's TenantScope: a
/// write for a tenant outside it is Error(PERMISSION_DENIED); a read outside it, or refused
/// by `may_read`, is Error(NOT_FOUND) with the message of an article that does not exist.
/// One object per thread; several processes may share the file.
class KnowledgeBase {
 public:
  /// Opens or creates the knowledge base at `path`. Error(STORAGE_ERROR) naming the path when
  /// it cannot be opened, holds something else, has a newer schema, or when the SQLite that
  /// mspcore links has no FTS5.
  explicit KnowledgeBase(const std::string& path);
  ~KnowledgeBase();
  KnowledgeBase(KnowledgeBase&&) noexcept;
  KnowledgeBase& operator=(KnowledgeBase&&) noexcept;
  KnowledgeBase(const KnowledgeBase&) = delete;
  KnowledgeBase& operator=(const KnowledgeBase&) = delete;

  /// The schema version this library writes.
  static int schema_version() noexcept;

  /// Adds a space; true when added, false when it exists with the same title.
  /// Error(INVALID_STATE) when it exists with another title.
  bool add_space(const TenantScope& scope, const KbSpace& space);
  /// The spaces inside `scope` that `may_read` admits, by tenant and space.
  std::vector<KbSpace> spaces(const TenantScope& scope, const KbMayRead& may_read = {}) const;

  /// Stores a new version of an article (the first one creates it), in one transaction.
  /// Error(NOT_FOUND) for a space that does not exist (or is outside the scope),
  /// Error(INVALID_TIMELINE) for an `at` before the latest version's.
  KbPutResult put_article(const TenantScope& scope, const KbArticle& article);
  /// put_article() for each, in order, all in one transaction: all or none (an error names
  /// the article's index, as its row). A later article may edit an earlier one.
  std::vector<KbPutResult> put_articles(const TenantScope& scope, const std::vector<KbArticle>& articles);

  /// The latest version of an article; Error(NOT_FOUND) when unknown, outside `scope` or refused.
  KbArticleVersion article(const TenantScope& scope, std::string_view tenant, std::string_view space,
                           std::string_view article, const KbMayRead& may_read = {}) const;
  /// Every version of an article, oldest first; Error(NOT_FOUND) as article().
  std::vector<KbArticleVersion> versions(const TenantScope& scope, std::string_view tenant, std::string_view space,
                                         std::string_view article, const KbMayRead& may_read = {}) const;

  /// The latest versions matching `query` (user text, see kb_fts_query()), best first, at
  /// most `limit` (1 .. kKbMaxLimit, else Error(OUT_OF_RANGE)), only inside `scope` and only
  /// in spaces `may_read` admits (asked once per space among the matches). Ties in score go
  /// to the lower tenant, space, article. A query without a word finds nothing.
  std::vector<KbHit> search(const TenantScope& scope, std::string_view query, const KbMayRead& may_read = {},
                            std::size_t limit = 20) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace v1
}  // namespace mspcore
