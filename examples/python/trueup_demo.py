"""Contract true-up end to end on generated sample data kept in an embedded SQLite database.

Generates contract lines and what the vendor, the identity directory, the RMM and billing
report for a few clients into SQLite, reads them back with pandas, reconciles them, and walks
the proposals through the append-only ledger (proposed -> approved | rejected -> applied).
Run: bash scripts/demo.sh
"""
import argparse
import datetime as dt
import pathlib
import sqlite3
import tempfile
from decimal import Decimal

import numpy as np
import pandas as pd

import mspcore as msp

AS_OF = "2024-07-03T09:00:00Z"
# sku: (unit price per period, billing period, term kind, term end, commitment minimum)
CATALOGUE = {
    "M365-BP": ("22.00", "monthly", "nce_annual", "2025-07-01", 0),
    "M365-E3": ("36.00", "monthly", "flexible", None, 0),
    "EDR": ("6.50", "monthly", "flexible", None, 20),
    "BACKUP-1TB": ("45.00", "quarterly", "fixed", "2025-01-01", 0),
}
CLIENTS = ("Contoso", "Fabrikam", "Northwind")


def generate(db: sqlite3.Connection, seed: int):
    rng = np.random.default_rng(seed)
    lines, observations, units = [], [], []
    for client in CLIENTS:
        people = [f"user{i}@{client.lower()}.example" for i in range(int(rng.integers(25, 60)))]
        for sku, (price, period, kind, end, minimum) in CATALOGUE.items():
            billed = int(rng.integers(max(minimum, 20), 60))
            lines.append(dict(tenant=client, contract_id=f"{client[:3].upper()}-2024", line_id=sku, sku=sku,
                              quantity=billed, unit_price=price, currency="EUR", billing_period=period,
                              term_start="2024-07-01" if kind == "nce_annual" else "2024-01-01", term_end=end,
                              term_kind=kind, commitment_minimum=minimum, tolerance_units=1))
            used = max(0, billed + int(rng.integers(-6, 7)))
            observations += [
                (client, f"{sku} (vendor)", "vendor", used + int(rng.integers(0, 5)), "2024-07-01T00:00:00Z"),
                (client, sku, "billing", billed, "2024-07-01T00:00:00Z"),
            ]
            if sku.startswith("M365"):
                # Per-person detail from the directory and the RMM: some people appear in both,
                # a few are kiosk or self-paid and must not be billed.
                seen = rng.choice(people, size=min(len(people), used), replace=False)
                for source in ("license", "rmm"):
                    observations.append((client, sku, source, None, "2024-07-02T06:00:00Z"))
                    for person in seen if source == "license" else seen[: len(seen) * 2 // 3]:
                        units.append((len(observations) - 1, person, bool(rng.random() < 0.05),
                                      bool(rng.random() < 0.05)))
            else:
                observations.append((client, sku, "rmm", used, "2024-07-02T06:00:00Z"))
    observations.append(("Fabrikam", "Contoso Widget Pro", "rmm", 4, "2024-07-02T06:00:00Z"))
    pd.DataFrame(lines).to_sql("contract_lines", db, index=False)
    pd.DataFrame(observations, columns=["tenant", "sku", "source", "quantity", "as_of"]).to_sql(
        "observations", db, index_label="id")
    pd.DataFrame(units, columns=["observation_id", "identity", "kiosk", "self_paid"]).to_sql("units", db, index=False)


def read_inputs(db: sqlite3.Connection):
    contracts = pd.read_sql("SELECT * FROM contract_lines", db)
    contracts["term_end"] = contracts["term_end"].astype(object).where(contracts["term_end"].notna(), None)
    obs = pd.read_sql("SELECT * FROM observations ORDER BY id", db)
    units = pd.read_sql("SELECT * FROM units", db)
    detail = {oid: [dict(identity=u.identity, kiosk=bool(u.kiosk), self_paid=bool(u.self_paid)) for u in g.itertuples()]
              for oid, g in units.groupby("observation_id")}
    records = [dict(tenant=o.tenant, sku=o.sku, source=o.source, as_of=o.as_of,
                    **({"units": detail.get(o.id, [])} if pd.isna(o.quantity) else {"quantity": int(o.quantity)}))
               for o in obs.itertuples()]
    return contracts, records


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(pathlib.Path(tmp) / "msp.db")
        generate(db, args.seed)
        contracts, observations = read_inputs(db)
        db.close()
        print(f"{len(contracts)} contract lines and {len(observations)} observations read from SQLite")

        sku_map = {f"{sku} (vendor)": sku for sku in CATALOGUE}
        result = msp.reconcile(contracts, observations, AS_OF, sku_map=sku_map)
        print(f"Reconciled as of {AS_OF}: {result}")

        deviations = result.deviations.to_pandas()
        summary = deviations.groupby("kind").agg(cases=("gap", "size"), units=("gap", "sum"),
                                                 annual_value=("annual_value", lambda v: sum(x for x in v if x is not None)))
        print("\nDeviations (annual value at the contract price, EUR):")
        print(summary.to_string())
        for u in result.unmapped:
            print(f"Unmapped: {u['tenant']} reports {u['quantity']} x {u['sku']!r} from {u['source']} (never dropped)")

        proposals = result.proposals.to_pandas()
        print("\nProposals:")
        print(proposals[["tenant", "sku", "action", "delta_quantity", "effective_date", "amount", "rule"]]
              .to_string(index=False))
        for h in result.held:
            print(f"Held: {h['tenant']} {h['sku']} wants {h['wanted_delta']:+d}, but {h['reason']}")

        with msp.TrueUpLedger(pathlib.Path(tmp) / "ledger.db") as ledger:
            start = dt.datetime(2024, 7, 1, tzinfo=dt.timezone.utc)
            ledger.record_changes([(line, line["term_start"]) for line in contracts.to_dict("records")],
                                  actor="import", at=start, reason="contracts imported")
            client = result.proposals[0]["tenant"]
            run = ledger.record_run(result, tenant=client, actor="true-up job", at=AS_OF)
            mine = [p for p in result.proposals if p["tenant"] == client]
            ids = ledger.propose(mine, actor="true-up job", at=AS_OF, run_id=run)
            ledger.decide(ids[0], "approved", actor="account manager", at="2024-07-03T11:00:00Z", reason="agreed")
            ledger.apply(ids[0], actor="billing", at="2024-07-03T12:00:00Z")
            if len(ids) > 1:
                ledger.decide(ids[1], "rejected", actor="account manager", at="2024-07-03T11:05:00Z",
                              reason="client disputes the count")
            p = mine[0]
            before = ledger.quantity_as_of(client, p["contract_id"], p["line_id"], p["effective_date"] - dt.timedelta(days=1))
            after = ledger.quantity_as_of(client, p["contract_id"], p["line_id"], p["effective_date"])
            print(f"\nLedger: {client} {p['sku']} was {before}, is {after} from {p['effective_date']} "
                  f"({p['action']} {p['delta_quantity']}, {p['amount']} {p['currency']})")
            for event in ledger.history(client, p["contract_id"], p["line_id"]):
                print(f"  #{event['sequence']} {event['at']:%Y-%m-%d %H:%M} {event['kind']:<11} by {event['actor']}"
                      f"{' - ' + event['reason'] if event['reason'] else ''}")
    total = sum((p["amount"] for p in result.proposals), Decimal(0))
    print(f"\nNet value of all proposals: EUR {total} (exact, each rounded once)")


if __name__ == "__main__":
    main()
