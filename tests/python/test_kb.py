"""mspcore.KnowledgeBase (docs/comanaged-kb.md): the corpus and hand-worked order of
tests/cpp/test_kb.cpp, through Python; tenant scope and may_read; FTS syntax as text."""
import pytest

import mspcore as msp

AT = "2026-12-01T09:00:00Z"
CORPUS = [
    ("A1", "Backup einrichten", "Veeam Backup Job anlegen und täglich prüfen"),
    ("A2", "Druckerwarteschlange leeren", "Spooler neu starten; danach das Backup des Druckservers prüfen"),
    ("A3", "Restore from backup", "Restore a file from the nightly backup to the original folder"),
    ("A4", "Passwort zurücksetzen", "Im Portal der Straße 12 Filiale das Kennwort ändern"),
    ("A5", "Mail flow", "Exchange Online connector for the Müller GmbH tenant"),
    ("A6", "Firewall", "Regeln für die Außenstelle Strasse 7 prüfen"),
    ("A7", "Netzwerk", "Switch ports documented"),
    ("A8", "VPN", "Client install guide"),
]


@pytest.fixture
def kb(tmp_path):
    with msp.KnowledgeBase(tmp_path / "kb.sqlite") as kb:
        kb.add_space({"tenant": "acme", "space": "howto", "title": "How-tos"}, tenant_scope=None)
        kb.put_articles([{"tenant": "acme", "space": "howto", "article": a, "title": t, "body": b, "author": "anna",
                          "at": AT} for a, t, b in CORPUS], tenant_scope="acme")
        yield kb


def ids(frame):
    return list(frame["article"])


def test_ranking_as_worked_out_by_hand(kb):
    # Same f (title + body hit) for A1 (9 tokens) and A3 (14): the shorter first; A2 has a body hit only.
    hits = kb.search("backup", tenant_scope=None)
    assert ids(hits) == ["A1", "A3", "A2"]
    assert list(hits["rank"]) == [1, 2, 3]
    assert hits["score"][0] == pytest.approx(0.8272, abs=1e-4)
    assert ids(kb.search("prufen", tenant_scope="acme")) == ["A6", "A1", "A2"]
    assert ids(kb.search("Strasse", tenant_scope="acme")) == ["A6", "A4"]
    assert ids(kb.search("druck*", tenant_scope="acme")) == ["A2"]


@pytest.mark.parametrize("query", ["backup OR x", "title:backup", "\"", "NEAR(a b)", "*", "'; DROP TABLE versions; --", ""])
def test_fts_syntax_is_text(kb, query):
    kb.search(query, tenant_scope=None)


def test_scope_and_may_read(kb):
    kb.add_space({"tenant": "globex", "space": "howto"}, tenant_scope="globex")
    kb.put_article({"tenant": "globex", "space": "howto", "article": "G1", "title": "Backup", "body": "",
                    "author": "gus", "at": AT}, tenant_scope=None)
    assert set(kb.search("backup", tenant_scope="acme")["tenant"]) == {"acme"}
    assert ids(kb.search("backup", tenant_scope=None, may_read=lambda t, s: t == "globex")) == ["G1"]
    with pytest.raises(msp.NotFoundError, match="not found in tenant 'acme'"):
        kb.article("globex", "howto", "G1", tenant_scope="acme")
    with pytest.raises(msp.PermissionDeniedError):
        kb.put_article({"tenant": "globex", "space": "howto", "article": "G2", "author": "x", "at": AT},
                       tenant_scope="acme")
    with pytest.raises(msp.InvalidTypeError):
        kb.search("backup", tenant_scope=None, may_read=lambda t, s: 1)


def test_versions_append(kb):
    assert kb.put_article({"tenant": "acme", "space": "howto", "article": "A2", "title": "Drucker",
                           "body": "Spooler", "author": "ben", "at": "2026-12-02T09:00:00Z"}, tenant_scope="acme") == 2
    assert list(kb.versions("acme", "howto", "A2", tenant_scope="acme")["version"]) == [1, 2]
    assert ids(kb.search("backup", tenant_scope="acme")) == ["A1", "A3"]
