"""The shared knowledge base of co-managed IT (docs/comanaged-kb.md): articles in spaces of a
tenant, every edit a new version, and full-text search (SQLite FTS5: bm25 with the title
weighted above the body, snippets, prefix search ``"back*"``, German and English text).

Thin glue: the C++ core decodes the records, writes and searches; here the answers become
pandas DataFrames. Every method takes ``tenant_scope`` (keyword-only, required: None for all
tenants, else the one tenant the caller may see); reads also take ``may_read(tenant, space)
-> bool``, the caller's access check (None: every space in scope). An article outside either
is never returned and reads exactly as a missing one (NotFoundError).
"""
from __future__ import annotations

import os

from . import _core

SPACE_KEYS = _core.KB_SPACE_FIELDS
ARTICLE_KEYS = _core.KB_ARTICLE_FIELDS
HIT_COLUMNS = ("rank", "score", "tenant", "space", "article", "version", "title", "snippet")
VERSION_COLUMNS = ("tenant", "space", "article", "version", "title", "body", "author", "at")


def _scope(tenant_scope):
    if tenant_scope is not None and not isinstance(tenant_scope, str):
        raise _core.InvalidTypeError(f"tenant_scope must be a tenant (str) or None for all tenants, "
                                     f"not {type(tenant_scope).__name__}")
    return tenant_scope


def _may_read(may_read):
    if may_read is not None and not callable(may_read):
        raise _core.InvalidTypeError(f"may_read must be a function (tenant, space) -> bool or None, "
                                     f"not {type(may_read).__name__}")
    return may_read


def _record(value, what: str):
    if not isinstance(value, dict):
        raise _core.InvalidTypeError(f"{what} must be a dict, not {type(value).__name__}")
    return value


def _frame(columns: dict, order):
    import pandas as pd

    frame = pd.DataFrame({name: columns[name] for name in order})
    if "at" in frame:
        frame["at"] = pd.to_datetime(pd.Series(columns["at"], dtype="int64"), unit="s", utc=True)
    for name in ("version", "rank"):
        if name in frame:
            frame[name] = frame[name].astype("int64")
    if "score" in frame:
        frame["score"] = frame["score"].astype("float64")
    return frame


def _version(columns: dict) -> dict:
    row = {name: columns[name][0] for name in VERSION_COLUMNS}
    import pandas as pd

    row["at"] = pd.Timestamp(row["at"], unit="s", tz="UTC")
    return row


class KnowledgeBase:
    """The knowledge base in one SQLite file; opened (and created or migrated) on construction.
    Use as a context manager or call close()."""

    schema_version: int = _core.KnowledgeBase.schema_version

    def __init__(self, path):
        self._native = _core.KnowledgeBase(os.fspath(path))

    def close(self) -> None:
        self._native.close()

    def __enter__(self) -> "KnowledgeBase":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def add_space(self, space: dict, *, tenant_scope) -> bool:
        """Add a space {"tenant", "space", "title"}; True when added, False when it existed
        with the same title (another title is InvalidStateError)."""
        return self._native.add_space(_scope(tenant_scope), _record(space, "space"))

    def put_article(self, article: dict, *, tenant_scope) -> int:
        """Store a new version of an article {"tenant", "space", "article", "title", "body",
        "author", "at"}; returns its latest version (unchanged when title and body equal it)."""
        versions, _changed = self._native.put_articles(_scope(tenant_scope), [_record(article, "article")])
        return versions[0]

    def put_articles(self, articles, *, tenant_scope):
        """put_article() for each row of a DataFrame or list of dicts, in one transaction (all
        or none). A DataFrame of (tenant, space, article, version, changed)."""
        import pandas as pd

        versions, changed = self._native.put_articles(_scope(tenant_scope), articles)
        keys = pd.DataFrame(articles)[["tenant", "space", "article"]] if len(versions) else \
            pd.DataFrame({"tenant": [], "space": [], "article": []}, dtype=object)
        return keys.reset_index(drop=True).assign(version=pd.Series(versions, dtype="int64"),
                                                  changed=pd.Series(changed, dtype="bool"))

    def spaces(self, *, tenant_scope, may_read=None):
        """The spaces in scope that may_read admits: DataFrame (tenant, space, title)."""
        import pandas as pd

        return pd.DataFrame(self._native.spaces(_scope(tenant_scope), _may_read(may_read)),
                            columns=["tenant", "space", "title"])

    def article(self, tenant: str, space: str, article: str, *, tenant_scope, may_read=None) -> dict:
        """The latest version as a dict (tenant, space, article, version, title, body, author,
        at: a UTC Timestamp)."""
        return _version(self._native.versions(_scope(tenant_scope), tenant, space, article, _may_read(may_read), True))

    def versions(self, tenant: str, space: str, article: str, *, tenant_scope, may_read=None):
        """Every version, oldest first: DataFrame of VERSION_COLUMNS."""
        return _frame(self._native.versions(_scope(tenant_scope), tenant, space, article, _may_read(may_read), False),
                      VERSION_COLUMNS)

    def search(self, query: str, *, tenant_scope, may_read=None, limit: int = 20):
        """The latest versions matching the user's text, best first: DataFrame of HIT_COLUMNS
        (rank 1.., score = -bm25, snippet with each match in [ ]). FTS5 syntax in ``query`` is
        searched as text; a word ending in '*' is a prefix."""
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise _core.InvalidTypeError(f"limit must be an int, not {type(limit).__name__}")
        if not isinstance(query, str):
            raise _core.InvalidTypeError(f"query must be a str, not {type(query).__name__}")
        return _frame(self._native.search(_scope(tenant_scope), query, _may_read(may_read), limit), HIT_COLUMNS)
