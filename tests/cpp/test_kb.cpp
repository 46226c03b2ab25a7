// The knowledge base (docs/comanaged-kb.md): bm25 ranking on a small German/English corpus
// worked out by hand, prefix search, umlauts and ß, FTS syntax in the user's text, versions,
// and that no search or read leaves the caller's tenant scope or its read predicate.
#include <mspcore/comanaged/knowledge_base.hpp>

#include "test_support.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>
#include <vector>

using namespace mspcore;
using mspcore::test::error_text_of;
using mspcore::test::TempDir;

namespace {

const Instant kAt = parse_instant("2026-12-01T09:00:00Z");

// The corpus. Token counts per unicode61 (letters and digits; ';' separates), title + body:
// A1 2+7=9, A2 2+9=11, A3 3+11=14, A4 2+9=11, A5 2+8=10, A6 1+7=8, A7 1+3=4, A8 1+3=4;
// 71 tokens in 8 articles, so bm25's average length is 71/8 = 8.875.
struct Doc {
  const char* id;
  const char* title;
  const char* body;
};
const std::vector<Doc> kCorpus = {
    {"A1", "Backup einrichten", "Veeam Backup Job anlegen und täglich prüfen"},
    {"A2", "Druckerwarteschlange leeren", "Spooler neu starten; danach das Backup des Druckservers prüfen"},
    {"A3", "Restore from backup", "Restore a file from the nightly backup to the original folder"},
    {"A4", "Passwort zurücksetzen", "Im Portal der Straße 12 Filiale das Kennwort ändern"},
    {"A5", "Mail flow", "Exchange Online connector for the Müller GmbH tenant"},
    {"A6", "Firewall", "Regeln für die Außenstelle Strasse 7 prüfen"},
    {"A7", "Netzwerk", "Switch ports documented"},
    {"A8", "VPN", "Client install guide"},
};

KbArticle article_of(const char* tenant, const char* space, const Doc& d, Instant at = kAt) {
  return KbArticle{tenant, space, d.id, d.title, d.body, "anna", at};
}

void fill(KnowledgeBase& kb) {
  kb.add_space(TenantScope::all(), {"acme", "howto", "How-tos"});
  for (const Doc& d : kCorpus) kb.put_article(TenantScope::all(), article_of("acme", "howto", d));
}

std::vector<std::string> ids(const std::vector<KbHit>& hits) {
  std::vector<std::string> out;
  for (const auto& h : hits) out.push_back(h.article);
  return out;
}

// FTS5's bm25 for one phrase (sqlite ext/fts5/fts5_aux.c): idf * f (k1 + 1) / (f + k1 (1 - b
// + b D / avgdl)), k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)), where f is the
// weighted number of hits (a title hit counts kKbTitleWeight) and D the article's tokens.
double bm25(double f, double d, double n_hit, double n_rows = 8, double avgdl = 71.0 / 8) {
  const double idf = std::log((n_rows - n_hit + 0.5) / (n_hit + 0.5));
  return idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * d / avgdl));
}

}  // namespace

TEST_CASE("kb: bm25 ranks the title above the body and short articles above long ones") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  // "backup" is in 3 of 8 articles: A1 (title 1, body 1: f = 5 + 1 = 6, D = 9), A3 (title 1,
  // body 1: f = 6, D = 14) and A2 (body 1: f = 1, D = 11). Same f, A1 is shorter: A1, A3, A2.
  // Scores: A1 0.4520 * 13.2 / 7.2127 = 0.8272; A3 0.4520 * 13.2 / 7.7197 = 0.7729;
  // A2 0.4520 * 2.2 / 2.4155 = 0.4117.
  const auto hits = kb.search(TenantScope::all(), "backup");
  REQUIRE(ids(hits) == std::vector<std::string>{"A1", "A3", "A2"});
  CHECK(hits[0].score == Approx(bm25(6, 9, 3)).epsilon(1e-9));
  CHECK(hits[0].score == Approx(0.8272).epsilon(1e-3));
  CHECK(hits[1].score == Approx(bm25(6, 14, 3)).epsilon(1e-9));
  CHECK(hits[2].score == Approx(bm25(1, 11, 3)).epsilon(1e-9));
  CHECK(hits[0].rank == 1);
  CHECK(hits[2].rank == 3);
  CHECK(hits[0].title == "Backup einrichten");
  CHECK(hits[0].version == 1);
  CHECK(hits[0].tenant == "acme");
  CHECK(hits[0].space == "howto");
  // The snippet comes from the best column; each match in brackets.
  CHECK(hits[2].snippet == "Spooler neu starten; danach das [Backup] des Druckservers prüfen");
  CHECK(hits[0].snippet == "[Backup] einrichten");
  // A limit keeps the best.
  CHECK(ids(kb.search(TenantScope::all(), "backup", {}, 2)) == std::vector<std::string>{"A1", "A3"});
}

TEST_CASE("kb: umlauts fold, ß matches ss, prefixes, several words are ANDed") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  // "prüfen": body only (f = 1) in A6 (D = 8), A1 (D = 9), A2 (D = 11): the shortest first.
  const std::vector<std::string> pruefen{"A6", "A1", "A2"};
  CHECK(ids(kb.search(TenantScope::all(), "prüfen")) == pruefen);
  CHECK(ids(kb.search(TenantScope::all(), "prufen")) == pruefen);  // remove_diacritics: ü -> u
  CHECK(ids(kb.search(TenantScope::all(), "PRÜFEN")) == pruefen);
  CHECK(kb.search(TenantScope::all(), "pruefen").empty());  // no transliteration ue -> ü
  CHECK(ids(kb.search(TenantScope::all(), "muller")) == std::vector<std::string>{"A5"});
  // ß and ss: "Straße" in A4 (D = 11) and "Strasse" in A6 (D = 8), each in the body once.
  CHECK(ids(kb.search(TenantScope::all(), "straße")) == std::vector<std::string>{"A6", "A4"});
  CHECK(ids(kb.search(TenantScope::all(), "Strasse")) == std::vector<std::string>{"A6", "A4"});
  CHECK(ids(kb.search(TenantScope::all(), "aussenstelle")) == std::vector<std::string>{"A6"});
  // Prefixes: "druck*" is A2's title and body words; "back*" is "backup".
  CHECK(ids(kb.search(TenantScope::all(), "druck*")) == std::vector<std::string>{"A2"});
  CHECK(ids(kb.search(TenantScope::all(), "back*")) == ids(kb.search(TenantScope::all(), "backup")));
  CHECK(kb.search(TenantScope::all(), "back").empty());  // a word is a whole token
  // AND: only A3 has both.
  CHECK(ids(kb.search(TenantScope::all(), "restore backup")) == std::vector<std::string>{"A3"});
  CHECK(ids(kb.search(TenantScope::all(), "täglich prüfen")) == std::vector<std::string>{"A1"});
}

TEST_CASE("kb: FTS syntax in the user's text is plain text, never an error or an injection") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  const std::vector<std::string> backup{"A1", "A3", "A2"};
  // Punctuation around a word is dropped by the tokenizer, as it is in the articles.
  for (const char* q : {"backup\"", "(backup)", "\"backup", "backup;", "^backup", "-backup", "+backup"}) {
    INFO(q);
    CHECK(ids(kb.search(TenantScope::all(), q)) == backup);
  }
  // Operators are words: "OR" is searched for (and no article has it), so nothing is found.
  for (const char* q : {"backup OR drucker", "backup NOT restore", "NEAR(backup restore)", "title:backup",
                        "backup AND", "\"", "*", "()", "\"\"\"", "'; DROP TABLE versions; --", "{title}: x",
                        "backup)", "a:b:c", "\xe2\x82\xac", ""}) {
    INFO(q);
    CHECK(error_text_of([&] { (void)kb.search(TenantScope::all(), q); }) == "no error");
  }
  CHECK(kb.search(TenantScope::all(), "backup OR drucker").empty());
  CHECK(kb.search(TenantScope::all(), "   ").empty());
  CHECK(kb.versions(TenantScope::all(), "acme", "howto", "A1").size() == 1);  // nothing was dropped
  // The query text itself.
  CHECK(kb_fts_query("backup OR x*") == "\"backup\" AND \"OR\" AND \"x\"*");
  CHECK(kb_fts_query("say \"hi\"") == "\"say\" AND \"\"\"hi\"\"\"");
  CHECK(kb_fts_query("Straße") == "(\"Straße\" OR \"Strasse\")");
  CHECK(kb_fts_query("Pass*") == "(\"Pass\"* OR \"Paß\"*)");
  CHECK(kb_fts_query("* - ;") == "");
}

TEST_CASE("kb: an edit appends a version; search sees only the latest") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  const TenantScope acme = TenantScope::only("acme");
  KbArticle edit{"acme", "howto", "A2", "Druckerwarteschlange leeren", "Spooler neu starten", "ben",
                 parse_instant("2026-12-02T10:00:00Z")};
  const KbPutResult put = kb.put_article(acme, edit);
  CHECK(put.version == 2);
  CHECK(put.changed);
  CHECK(ids(kb.search(acme, "backup")) == std::vector<std::string>{"A1", "A3"});
  CHECK(ids(kb.search(acme, "spooler")) == std::vector<std::string>{"A2"});
  CHECK(kb.search(acme, "spooler").front().version == 2);
  const auto versions = kb.versions(acme, "acme", "howto", "A2");
  REQUIRE(versions.size() == 2);
  CHECK(versions[0].version == 1);
  CHECK(versions[0].body == kCorpus[1].body);
  CHECK(versions[0].author == "anna");
  CHECK(versions[1].body == "Spooler neu starten");
  CHECK(versions[1].author == "ben");
  CHECK(versions[1].at == parse_instant("2026-12-02T10:00:00Z"));
  CHECK(kb.article(acme, "acme", "howto", "A2").version == 2);
  // The same text again is no new version.
  edit.at = parse_instant("2026-12-03T10:00:00Z");
  CHECK(kb.put_article(acme, edit).version == 2);
  CHECK_FALSE(kb.put_article(acme, edit).changed);
  // An edit dated before the latest version is refused, naming both.
  edit.body = "anders";
  edit.at = parse_instant("2026-12-01T10:00:00Z");
  CHECK(error_text_of([&] { kb.put_article(acme, edit); }) ==
        "INVALID_TIMELINE: article 'A2' in space 'howto' of tenant 'acme': at 2026-12-01T10:00:00Z is before "
        "version 2 at 2026-12-02T10:00:00Z");
  // The file refuses to rewrite history even outside the library.
  SQLite::Database raw(dir.file("kb.sqlite"), SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE versions SET body = 'x'"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM versions"), Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM articles"), Catch::Contains("append-only"));
}

TEST_CASE("kb: no read or search leaves the tenant scope or the read predicate") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  kb.add_space(TenantScope::only("acme"), {"acme", "intern", "MSP only"});
  kb.add_space(TenantScope::only("globex"), {"globex", "howto", ""});
  kb.put_article(TenantScope::all(), {"acme", "intern", "I1", "Backup Kennwörter", "Tresor", "anna", kAt});
  kb.put_article(TenantScope::all(), {"globex", "howto", "G1", "Backup", "Globex backup", "gus", kAt});
  const TenantScope acme = TenantScope::only("acme");
  std::set<std::string> tenants;
  for (const auto& h : kb.search(acme, "backup", {}, 1000)) tenants.insert(h.tenant);
  CHECK(tenants == std::set<std::string>{"acme"});
  CHECK(kb.search(TenantScope::only("globex"), "backup").size() == 1);
  CHECK(kb.search(TenantScope::all(), "backup").size() == 5);
  CHECK(kb.search(TenantScope::only("initech"), "backup").empty());
  // may_read: client IT may read acme's how-tos but not the MSP's internal space.
  int asked = 0;
  const KbMayRead client_it = [&](std::string_view tenant, std::string_view space) {
    ++asked;
    return tenant == "acme" && space == "howto";
  };
  CHECK(ids(kb.search(TenantScope::all(), "backup", client_it)) == std::vector<std::string>{"A1", "A3", "A2"});
  CHECK(asked == 3);  // once per space among the matches (acme/howto, acme/intern, globex/howto)
  // "Kennwörter" in I1's title (f = 5, D = 3) beats "Kennwort" in A4's body (f = 1, D = 11).
  CHECK(ids(kb.search(acme, "kennwort*")) == std::vector<std::string>{"I1", "A4"});
  CHECK(ids(kb.search(acme, "kennwort*", client_it)) == std::vector<std::string>{"A4"});
  CHECK(kb.spaces(TenantScope::all(), client_it).size() == 1);
  CHECK(kb.spaces(acme).size() == 2);
  // Outside the scope or refused reads exactly as missing.
  CHECK(error_text_of([&] { kb.article(acme, "globex", "howto", "G1"); }) ==
        "NOT_FOUND: article 'G1' in space 'howto' of tenant 'globex' not found in tenant 'acme'");
  CHECK(error_text_of([&] { kb.article(acme, "globex", "howto", "G9"); }) ==
        "NOT_FOUND: article 'G9' in space 'howto' of tenant 'globex' not found in tenant 'acme'");
  CHECK(error_text_of([&] { kb.versions(TenantScope::all(), "acme", "intern", "I1", client_it); }) ==
        "NOT_FOUND: article 'I1' in space 'intern' of tenant 'acme' not found in all tenants");
  // Writes for another tenant are refused outright.
  CHECK(error_text_of([&] { kb.put_article(acme, {"globex", "howto", "G2", "x", "y", "anna", kAt}); }) ==
        "PERMISSION_DENIED: an article of tenant 'globex' is outside the caller's scope (tenant 'acme')");
  CHECK(error_text_of([&] { kb.add_space(acme, {"globex", "x", ""}); }) ==
        "PERMISSION_DENIED: a space of tenant 'globex' is outside the caller's scope (tenant 'acme')");
}

TEST_CASE("kb: bad input is named") {
  TempDir dir;
  KnowledgeBase kb(dir.file("kb.sqlite"));
  fill(kb);
  const TenantScope all = TenantScope::all();
  CHECK(error_text_of([&] { kb.put_article(all, {"acme", "nope", "X", "t", "b", "anna", kAt}); }) ==
        "NOT_FOUND: article 'X' in space 'nope' of tenant 'acme': space 'nope' of tenant 'acme' not found");
  CHECK(error_text_of([&] { kb.put_article(all, {"acme", "howto", "X", "t", "b", "", kAt}); }) ==
        "INVALID_ARGUMENT: article 'X' in space 'howto' of tenant 'acme': author must not be empty");
  CHECK(error_text_of([&] { kb.add_space(all, {"acme", "howto", "Other"}); }) ==
        "INVALID_STATE: space 'howto' of tenant 'acme' exists with title 'How-tos', not 'Other' (spaces are not "
        "renamed)");
  CHECK_FALSE(kb.add_space(all, {"acme", "howto", "How-tos"}));
  CHECK(error_text_of([&] { kb.add_space(all, {"acme", "", ""}); }) ==
        "INVALID_ARGUMENT: space (tenant 'acme'): space must not be empty");
  CHECK(error_text_of([&] { (void)kb.search(all, "backup", {}, 0); }) ==
        "OUT_OF_RANGE: search: limit 0 is outside 1 .. 1000");
  CHECK(error_text_of([&] { kb.article(all, "acme", "howto", "A9"); }) ==
        "NOT_FOUND: article 'A9' in space 'howto' of tenant 'acme' not found in all tenants");
  // Another store's file is refused.
  CHECK(error_text_of([&] { KnowledgeBase other(dir.file("kb.sqlite")); }) == "no error");
  {
    SQLite::Database raw(dir.file("other.sqlite"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE t (x)");
  }
  CHECK_THAT(error_text_of([&] { KnowledgeBase other(dir.file("other.sqlite")); }),
             Catch::StartsWith("STORAGE_ERROR: ") && Catch::Contains("is not an mspcore knowledge base"));
  CHECK(KnowledgeBase::schema_version() == 1);
}
