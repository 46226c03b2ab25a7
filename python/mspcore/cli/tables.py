"""Reading the CLI's input files (CSV, JSON, JSON lines, Parquet) into records for the core,
and naming the file, row and column when something in them is wrong."""
from __future__ import annotations

import json
import pathlib
import re

from .. import _core

_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_BOOLEAN = {"true": True, "false": False}
SUFFIXES = (".csv", ".json", ".jsonl", ".parquet")


class InputError(Exception):
    """A bad input file: the message names the file and, where known, the row and column."""


def _is_identifier(column: str) -> bool:
    # Identifiers stay text even when they look like numbers (PSA company ids, serials).
    return column in ("tenant", "id", "sku", "serial", "source") or column.endswith("_id")


def _typed_column(values: list, column: str) -> list:
    """CSV cells are all text: a column of whole numbers becomes int, true/false becomes bool,
    an empty cell None. Decimals stay text, which is what the core wants for money."""
    present = [v for v in values if v != ""]
    if present and not _is_identifier(column):
        if all(_INTEGER.match(v) for v in present):
            return [int(v) if v != "" else None for v in values]
        if all(v.lower() in _BOOLEAN for v in present):
            return [_BOOLEAN[v.lower()] if v != "" else None for v in values]
    return [v if v != "" else None for v in values]


def _read_csv(path: pathlib.Path) -> list[dict]:
    import csv

    with path.open(newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            return []
        rows = []
        for line, cells in enumerate(reader, start=2):
            if not cells:
                continue
            if len(cells) != len(header):
                raise InputError(f"{path}: line {line}: {len(cells)} cells, the header has {len(header)}")
            rows.append(cells)
    columns = {name: _typed_column([r[i] for r in rows], name) for i, name in enumerate(header)}
    return [{name: columns[name][i] for name in header} for i in range(len(rows))]


def _read_json(path: pathlib.Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        out = []
        for line, row in enumerate(text.splitlines(), start=1):
            if row.strip():
                try:
                    out.append(json.loads(row))
                except json.JSONDecodeError as e:
                    raise InputError(f"{path}: line {line}: malformed JSON ({e.msg}, column {e.colno})") from None
        return out
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"{path}: malformed JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None


def read_records(path) -> list[dict]:
    """The records of a table file: a list of dicts (CSV typed per column, JSON as written)."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".json", ".jsonl"):
        data = _read_json(path)
        if isinstance(data, dict) and len(data) == 1 and isinstance(next(iter(data.values())), list):
            data = next(iter(data.values()))  # {"contracts": [...]}
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise InputError(f"{path}: expected a list of records (JSON objects)")
        return data
    if suffix == ".parquet":
        import pandas as pd

        try:
            return pd.read_parquet(path).to_dict("records")
        except Exception as e:  # pyarrow's errors name no file
            raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    raise InputError(f"{path}: unknown file type {suffix!r} (use {', '.join(SUFFIXES)})")


def read_document(path) -> dict:
    """A JSON document (a policy, risk inputs)."""
    path = pathlib.Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    data = _read_json(path)
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object")
    return data


def locate(error: _core.Error, files: dict) -> InputError:
    """An mspcore error about records as an InputError naming the file and row they came from.
    ``files`` maps the record kind the core's messages start with ("contracts",
    "observations", ...) to its file; record i of a CSV file is on line i + 2 (after the header)."""
    message = str(error)
    for kind, path in files.items():
        if path is not None and message.startswith(kind):
            path = pathlib.Path(path)
            where = str(path)
            row = getattr(error, "row", -1)
            if row is not None and row >= 0:
                where += f": row {row + 1}" + (f" (line {row + 2})" if path.suffix.lower() == ".csv" else "")
            return InputError(f"{where}: {message}")
    return InputError(message)
