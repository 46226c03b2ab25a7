"""``mspcore import``: files into the SQLite store (the demo database's schema, docs/demo-data.md).

Every record is first decoded by the library (the same decoder as every API), so a bad row is
refused with its file, row and field before anything is written; then all rows of the call go
in one transaction, keyed by the table's identity, so importing the same file twice changes
nothing.
"""
from __future__ import annotations

import datetime as dt
import json
import pathlib
import sqlite3

from .tables import InputError, locate, read_records

# table -> the columns that identify a row (re-importing replaces it)
KEYS = {
    "clients": ("tenant",),
    "contract_lines": ("tenant", "contract_id", "line_id"),
    "observations": ("tenant", "sku", "source", "as_of"),
    "assets": ("tenant", "id"),
    "licences": ("tenant", "sku"),
    "tickets": ("tenant", "id"),
    "initiatives": ("tenant", "id"),
    "alignment_answers": ("tenant", "standard", "question"),
}


def _validate(table: str, records: list, path) -> None:
    """Decode the records with the library; its error names the record and field."""
    import mspcore as msp

    now = dt.datetime.now(dt.timezone.utc)
    try:
        if table == "contract_lines":
            msp.reconcile(records, [], now)
        elif table == "observations":
            msp.reconcile([], records, now)
        elif table == "assets":
            msp.lifecycle(records, as_of=now.date())
        elif table == "licences":
            msp.lifecycle([], records, as_of=now.date())
        elif table == "initiatives":
            msp.budget([dict(r, costs=json.loads(r["costs"]) if isinstance(r.get("costs"), str) else r.get("costs", []))
                        for r in records])
        elif table == "tickets":
            import pandas as pd

            frame = pd.DataFrame(records)
            for column in ("created", "first_response", "resolved"):
                if column in frame.columns:
                    frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
            msp.kpi_frame(frame, group_by=("tenant",))
    except msp.Error as e:
        kind = {"contract_lines": "contracts", "initiatives": "initiatives"}.get(table, table)
        raise locate(e, {kind: path, "": path}) from None


def _plain(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def import_files(db_path, table: str, paths, progress) -> dict:
    """Import ``paths`` into ``table`` of the store at ``db_path`` (created with the schema when
    it does not exist). Returns {"rows": n, "files": [...]}."""
    from ..demo.schema import SCHEMA, USER_VERSION

    if table not in KEYS:
        raise InputError(f"unknown table {table!r} (known: {', '.join(KEYS)})")
    db_path = pathlib.Path(db_path)
    fresh = not db_path.exists()
    db = sqlite3.connect(db_path)
    try:
        if fresh:
            import mspcore as msp

            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version = {USER_VERSION}")
            db.execute("INSERT INTO meta VALUES (0, ?, 'import', 0, 0, ?)",
                       (dt.date.today().isoformat(), msp.os_lifecycle_table_version()))
            db.commit()
        elif db.execute("PRAGMA user_version").fetchone()[0] != USER_VERSION:
            raise InputError(f"{db_path}: not an mspcore store of schema version {USER_VERSION}")
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
        keys = KEYS[table]
        total = 0
        with db:  # one transaction: all files or nothing
            for path in paths:
                records = read_records(path)
                for i, record in enumerate(records):
                    unknown = sorted(set(record) - set(columns) - ({"costs"} if table == "initiatives" else set()))
                    if unknown:
                        raise InputError(f"{path}: row {i + 1}: unknown column {unknown[0]!r} for table {table} "
                                         f"(columns: {', '.join(columns)})")
                    missing = [k for k in keys if record.get(k) in (None, "")]
                    if missing:
                        raise InputError(f"{path}: row {i + 1}: {missing[0]} is missing (it identifies the row)")
                if table not in ("clients", "alignment_answers"):
                    _validate(table, records, path)
                task = progress.add(f"{pathlib.Path(path).name} -> {table}", len(records))
                for i, record in enumerate(records):
                    costs = record.pop("costs", None) if table == "initiatives" else None
                    db.execute(f"DELETE FROM {table} WHERE " + " AND ".join(f"{k} = ?" for k in keys),
                               [_plain(record[k]) for k in keys])
                    names = list(record)
                    try:
                        db.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                                   [_plain(record[n]) for n in names])
                    except sqlite3.IntegrityError as e:
                        raise InputError(f"{path}: row {i + 1}: {e}") from None
                    if costs is not None:
                        db.execute("DELETE FROM initiative_costs WHERE tenant = ? AND initiative = ?",
                                   (record["tenant"], record["id"]))
                        for c in json.loads(costs) if isinstance(costs, str) else costs:
                            cols = list(c)
                            db.execute(f"INSERT INTO initiative_costs (tenant, initiative, {', '.join(cols)}) "
                                       f"VALUES (?, ?, {', '.join('?' * len(cols))})",
                                       [record["tenant"], record["id"], *[_plain(c[k]) for k in cols]])
                    progress.advance(task)
                total += len(records)
    finally:
        db.close()
    return {"table": table, "rows": total, "files": [str(p) for p in paths], "created": fresh}
