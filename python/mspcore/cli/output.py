"""Writing CLI results: tables as CSV, JSON or Parquet by the file's suffix; short summaries."""
from __future__ import annotations

import decimal
import json
import pathlib


def _plain(value):
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def write_table(records, path) -> pathlib.Path:
    """Write records (dicts, or an object with to_pandas()) to ``path``: .csv, .json or .parquet."""
    import pandas as pd

    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [{k: _plain(v) for k, v in r.items()} for r in records]
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    elif suffix == ".parquet":
        pd.DataFrame(rows).astype(str).to_parquet(path)
    else:
        pd.DataFrame(rows).to_csv(path, index=False)
    return path


def say(args, text: str) -> None:
    """A line for people (not with --json or --quiet)."""
    if not (args.json or args.quiet):
        print(text)
