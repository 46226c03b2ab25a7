"""Read a demo database (docs/demo-data.md) back as the inputs of mspcore's APIs.

Every method that takes ``tenant`` filters in SQL (``WHERE tenant = ?``): the rows of one
client never reach a caller that asked for another. Record lists come back as dicts with the
record's field names, ready for ``reconcile``, ``lifecycle``, ``budget``, ``risk_score``;
tickets as a DataFrame for ``kpi_frame`` and ``evaluate_sla_frame``.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3

from .schema import USER_VERSION

_WEIGHT_NAMES = {5: "high", 3: "medium", 1: "low"}
_RISK_ANSWERS = {"aligned": "aligned", "partial": "partial", "misaligned": "not_aligned",
                 "not_applicable": "not_applicable"}


def open_demo(path) -> "Demo":
    """Open a demo database read-only (generate one with mspcore.demo.generate)."""
    return Demo(path)


class Demo:
    """A demo database opened read-only; the methods return the inputs of mspcore's APIs."""

    def __init__(self, path):
        import mspcore

        path = os.fspath(path)
        if not os.path.isfile(path):
            raise mspcore.NotFoundError(f"demo database {path!r} does not exist (create it with mspcore.demo.generate)")
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        self._db.row_factory = sqlite3.Row
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != USER_VERSION:
            self._db.close()
            raise mspcore.InvalidArgumentError(
                f"demo database {path!r} has schema version {version}, this mspcore reads version {USER_VERSION}")
        self.path = path
        meta = self.meta()
        self.as_of = dt.date.fromisoformat(meta["as_of"])
        self.seed = meta["seed"]

    def close(self) -> None:
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- plumbing -------------------------------------------------------------------------
    def _rows(self, table: str, tenant=None, where: str = "", args=(), columns: str = "*") -> list:
        clauses, params = [], []
        if tenant is not None:
            clauses.append("tenant = ?")
            params.append(tenant)
        if where:
            clauses.append(where)
            params += list(args)
        sql = f"SELECT {columns} FROM {table}" + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY rowid"
        return [dict(r) for r in self._db.execute(sql, params)]

    def _frame(self, sql: str, params=()):
        import pandas as pd

        return pd.read_sql_query(sql, self._db, params=list(params))

    def _one(self, table: str, tenant: str, where: str = "", args=()) -> dict:
        import mspcore

        rows = self._rows(table, tenant, where, args)
        if not rows:
            raise mspcore.NotFoundError(f"no {table} row for tenant {tenant!r} in the demo database")
        return rows[0]

    # ---- clients ---------------------------------------------------------------------------
    def meta(self) -> dict:
        return dict(self._db.execute("SELECT * FROM meta").fetchone())

    def tenants(self) -> list:
        return [r[0] for r in self._db.execute("SELECT tenant FROM clients ORDER BY rowid")]

    def clients(self) -> list:
        """tenant, name, industry, country, holiday_rule, time_zone, currency, tier, users, client_since."""
        return self._rows("clients")

    def client(self, tenant: str) -> dict:
        return self._one("clients", tenant)

    def calendar_spec(self, tenant: str, name: str = "business") -> dict:
        return json.loads(self._one("calendars", tenant, "name = ?", (name,))["spec"])

    def calendar(self, tenant: str, name: str = "business"):
        """The client's mspcore.Calendar: "business" (office hours, holidays) or "24x7"."""
        import mspcore

        return mspcore.Calendar.from_json(self.calendar_spec(tenant, name))

    def sla_policy_spec(self, tenant: str) -> dict:
        return json.loads(self._one("sla_policies", tenant)["spec"])

    def sla_policy(self, tenant: str):
        """The mspcore.SlaPolicy of the client's tier, on the client's calendars."""
        import mspcore

        return mspcore.SlaPolicy.from_json(self.sla_policy_spec(tenant))

    # ---- contracts -------------------------------------------------------------------------
    def contract_lines(self, tenant=None) -> list:
        """Contract lines for mspcore.reconcile (and budget(contracts=...))."""
        return self._rows("contract_lines", tenant)

    def observations(self, tenant=None) -> list:
        """Usage observations for mspcore.reconcile; ``units`` parsed from JSON."""
        out = []
        for r in self._rows("observations", tenant):
            r["units"] = None if r["units"] is None else json.loads(r["units"])
            if r["quantity"] is None:
                del r["quantity"]
            out.append(r)
        return out

    def sku_map(self) -> dict:
        return {r["name"]: r["sku"] for r in self._rows("sku_map")}

    def reconcile_inputs(self, tenant=None) -> dict:
        """Keyword arguments of mspcore.reconcile: contracts, observations, as_of, sku_map."""
        return {"contracts": self.contract_lines(tenant), "observations": self.observations(tenant),
                "as_of": self.as_of, "sku_map": self.sku_map()}

    # ---- assets and licences ---------------------------------------------------------------
    def assets(self, tenant=None) -> list:
        """Assets for mspcore.lifecycle (replacement_value as decimal text)."""
        return self._rows("assets", tenant)

    def asset_inventory(self, tenant=None) -> list:
        """hostname, managed (RMM agent reports it), assigned_user per asset."""
        return self._rows("asset_inventory", tenant)

    def asset_kpi_inputs(self, tenant=None):
        """A DataFrame for mspcore.asset_kpi_frame: tenant, asset_type, managed, purchased,
        warranty_end, os_eol (the OS table's support end, missing when unknown)."""
        import mspcore

        ends = {(r["os"], r["version"], r["edition"]): r["support_end"] for r in mspcore.os_lifecycle_table()}
        where = "WHERE a.tenant = ?" if tenant is not None else ""
        df = self._frame("SELECT a.tenant, a.id, a.type AS asset_type, i.managed, a.purchase_date AS purchased, "
                         "a.warranty_end, a.os, a.os_version, a.os_edition FROM assets a JOIN asset_inventory i "
                         f"ON i.tenant = a.tenant AND i.id = a.id {where} ORDER BY a.rowid",
                         () if tenant is None else (tenant,))
        df["os_eol"] = [None if o is None else (ends.get((o, v, e or "")) or ends.get((o, v, "")))
                        for o, v, e in zip(df["os"], df["os_version"], df["os_edition"])]
        return df.drop(columns=["os", "os_version", "os_edition"])

    def licences(self, tenant=None) -> list:
        """Licences for mspcore.lifecycle(licences=...): auto_renew as bool."""
        rows = self._rows("licences", tenant)
        for r in rows:
            r["auto_renew"] = bool(r["auto_renew"])
        return rows

    def lifecycle(self, tenant=None, policy=None):
        """mspcore.lifecycle of the assets and licences as of the demo's as_of."""
        import mspcore

        return mspcore.lifecycle(self.assets(tenant), self.licences(tenant), self.as_of, policy)

    # ---- tickets ---------------------------------------------------------------------------
    def tickets(self, tenant=None):
        """Tickets as a DataFrame indexed by ticket id (index name "ticket") for mspcore.kpi_frame
        and evaluate_sla_frame: tenant, id, created, first_response, resolved (tz-aware UTC, NaT
        while none), priority, category, reopened, first_contact, csat (1/0, NaN no answer), nps,
        work_hours, reactive, device_id."""
        import pandas as pd

        sql = "SELECT * FROM tickets" + (" WHERE tenant = ?" if tenant is not None else "") + " ORDER BY rowid"
        df = self._frame(sql, () if tenant is None else (tenant,))
        for col in ("created", "first_response", "resolved"):
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601").astype("datetime64[s, UTC]")
        df.index = pd.Index(df["id"], name="ticket")
        return df

    def ticket_status(self, tenant=None) -> list:
        return self._rows("ticket_status", tenant)

    def ticket_pauses(self, tenant=None):
        """Pauses (waiting_customer spans) for evaluate_sla_frame: ticket, start, end (NaT while paused)."""
        import pandas as pd

        rows, open_pause = [], {}
        for r in self._rows("ticket_status", tenant):
            t = r["ticket"]
            if t in open_pause:
                rows.append((t, open_pause.pop(t), r["at"]))
            if r["status"] == "waiting_customer":
                open_pause[t] = r["at"]
        rows += [(t, start, None) for t, start in open_pause.items()]
        df = pd.DataFrame(rows, columns=["ticket", "start", "end"])
        for col in ("start", "end"):
            df[col] = pd.to_datetime(df[col], utc=True, format="ISO8601").astype("datetime64[s, UTC]")
        return df

    def sla_tickets(self, tenant=None) -> dict:
        """{ticket id: ticket dict for mspcore.evaluate_sla} with status_history and reopened."""
        history = {}
        for r in self._rows("ticket_status", tenant):
            history.setdefault(r["ticket"], []).append([r["at"], r["status"]])
        out = {}
        for r in self._rows("tickets", tenant, columns="id, created, first_response, resolved, priority"):
            events = history.get(r["id"], [])
            reopened = [at for (_, prev), (at, status) in zip(events, events[1:])
                        if prev == "resolved" and status != "resolved"]
            out[r.pop("id")] = {**r, "status_history": events, "reopened": reopened}
        return out

    # ---- security --------------------------------------------------------------------------
    def vendor_accounts(self, tenant=None) -> list:
        """Which vendor account (and site) is which client: the map from alerts to tenants."""
        return self._rows("vendor_accounts", tenant)

    def alerts(self, tenant=None) -> list:
        """tenant, source, source_id, first_seen and payload (the vendor's JSON object as a dict)."""
        rows = self._rows("alerts", tenant)
        for r in rows:
            r["payload"] = json.loads(r["payload"])
        return rows

    def alert_batch(self, tenant=None) -> tuple:
        """(sources, payloads) for mspcore.normalize_alerts(sources, payloads)."""
        rows = self.alerts(tenant)
        return [r["source"] for r in rows], [r["payload"] for r in rows]

    def vulnerabilities(self, tenant=None) -> list:
        return self._rows("vulnerabilities", tenant)

    def patch_compliance(self, tenant=None) -> list:
        """Per month: devices and compliant devices (percent = 100 * compliant / devices)."""
        return self._rows("patch_compliance", tenant)

    def risk_register(self, tenant=None) -> list:
        return self._rows("risk_register", tenant)

    # ---- RMM and backup: the normalised records, flags as bool -----------------------------
    def rmm_devices(self, tenant=None) -> list:
        """Devices (the device record fields) for backup_compliance, patch_compliance, availability."""
        return _flags(self._rows("rmm_devices", tenant), ("online", "reboot_required", "backup_expected", "retired"))

    def backup_results(self, tenant=None) -> list:
        """Backup job results (the backup result fields) for mspcore.backup_compliance."""
        return self._rows("backup_results", tenant)

    def patches(self, tenant=None) -> list:
        """Patch records (the patch fields) for mspcore.patch_compliance."""
        return _flags(self._rows("patches", tenant), ("reboot_required",))

    def monitoring_events(self, tenant=None) -> list:
        """Monitoring events (the event fields) for mspcore.availability."""
        return _flags(self._rows("monitoring_events", tenant), ("outage",))

    def risk_inputs(self, tenant: str) -> dict:
        """Inputs of mspcore.risk_score for one client as of the demo's as_of: open security
        tickets as incidents, unmitigated open alerts, open vulnerabilities, lifecycle counts,
        backup and patch compliance (the client's roll-ups of mspcore.backup_compliance and
        patch_compliance as of the end of as_of, the day the RMM data runs through), the alignment answers as controls and the
        risk register."""
        import mspcore

        self.client(tenant)  # NotFoundError for an unknown tenant
        now = dt.datetime(self.as_of.year, self.as_of.month, self.as_of.day, tzinfo=dt.timezone.utc)
        incidents = []
        for r in self._rows("tickets", tenant, "category = 'Security' AND resolved IS NULL", (),
                            "id, created, priority"):
            age = (now - dt.datetime.fromisoformat(r["created"].replace("Z", "+00:00"))).total_seconds() / 86400
            incidents.append({"id": r["id"], "priority": r["priority"], "age_days": round(age, 2)})
        threats = 0
        for result in mspcore.normalize_alerts(*self.alert_batch(tenant)):
            a = result["alert"]
            if (result["ok"] and a["status"]["value"] != "resolved" and a["verdict"]["value"] != "false_positive"
                    and a["mitigation"]["value"] in ("not_mitigated", "partially", "in_progress")):
                threats += 1
        assets = self.lifecycle(tenant).assets
        inputs = {"incidents": incidents, "unmitigated_threats": threats,
                  "vulnerabilities": [{"id": v["id"], "cvss": v["cvss"], "epss": v["epss"], "kev": bool(v["kev"])}
                                      for v in self.vulnerabilities(tenant)]}
        if len(assets):
            inputs["lifecycle"] = {"assets": len(assets),
                                   "past_warranty": sum(a["warranty_status"] == "overdue" for a in assets),
                                   "os_past_eol": sum(a["os_status"] == "overdue" for a in assets)}
        devices = self.rmm_devices(tenant)
        if devices:  # judged as the QBR model judges them: as of the end of as_of
            end = now + dt.timedelta(days=1)
            for key, (_, clients) in (("backup_compliance", mspcore.backup_compliance(self.backup_results(tenant), devices, end)),
                                      ("patch_compliance", mspcore.patch_compliance(self.patches(tenant), devices, end))):
                percent = clients["compliance_percent"].iloc[0] if len(clients) else None
                if percent is not None and percent == percent:
                    inputs[key] = float(percent)
        weights = {(q["standard"], q["id"]): q["weight"] for q in self._rows("standard_questions")}
        inputs["controls"] = [{"id": a["question"], "weight": _WEIGHT_NAMES.get(weights[(a["standard"], a["question"])], "medium"),
                               "answer": _RISK_ANSWERS[a["answer"]]} for a in self.alignment_answers(tenant)]
        inputs["risk_register"] = [{k: r[k] for k in ("id", "title", "likelihood", "impact")}
                                   for r in self.risk_register(tenant)]
        return inputs

    # ---- vCIO ------------------------------------------------------------------------------
    def roadmap(self, tenant=None) -> list:
        """Initiatives with their cost lines nested (``costs``), for mspcore.budget."""
        costs = {}
        for c in self._rows("initiative_costs", tenant):
            key = (c.pop("tenant"), c.pop("initiative"))
            costs.setdefault(key, []).append({k: v for k, v in c.items() if v is not None})
        out = []
        for r in self._rows("initiatives", tenant):
            r["costs"] = costs.get((r["tenant"], r["id"]), [])
            out.append({k: v for k, v in r.items() if v is not None})
        return out

    def alignment_standard(self, standard: str = "msp-baseline") -> dict:
        """The standard with its sections and questions: {id, name, version, sections: [{id,
        title, weight, questions: [{id, text, weight}]}]}."""
        import mspcore

        head = self._rows("standards", where="id = ?", args=(standard,))
        if not head:
            raise mspcore.NotFoundError(f"no standard {standard!r} in the demo database")
        sections = self._rows("standard_sections", where="standard = ?", args=(standard,), columns="id, title, weight")
        questions = self._rows("standard_questions", where="standard = ?", args=(standard,),
                               columns="id, section, text, weight")
        for s in sections:
            s["questions"] = [{k: q[k] for k in ("id", "text", "weight")} for q in questions if q["section"] == s["id"]]
        return {**head[0], "sections": sections}

    def alignment_answers(self, tenant=None, standard=None) -> list:
        """tenant, standard, question, answer (aligned | partial | misaligned | not_applicable), answered, note."""
        if standard is None:
            return self._rows("alignment_answers", tenant)
        return self._rows("alignment_answers", tenant, "standard = ?", (standard,))


def _flags(rows: list, names) -> list:
    """SQLite's INTEGER 0/1 flags as bool (NULL stays None): the decoders read flags, not numbers."""
    for r in rows:
        for n in names:
            if r[n] is not None:
                r[n] = bool(r[n])
    return rows
