"""mspcore end to end on generated sample data kept in an embedded SQLite database.

Generates a quarter of tickets for three clients into SQLite, reads them back with pandas,
evaluates every SLA in one C++ pass, reports attainment by client and priority, explains
one breach, and splits a monthly fee exactly. Run: bash scripts/demo.sh
"""
import argparse
import datetime as dt
import pathlib
import sqlite3
import tempfile

import numpy as np
import pandas as pd

import mspcore as msp

POLICY = {
    "calendar": {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
                 "week": {d: [["08:00", "12:00"], ["13:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}},
    "targets": {"response_minutes": 60, "resolution_minutes": 480},
    "priorities": {
        "P1": {"targets": {"response_minutes": 15, "resolution_minutes": 240},
               "calendar": {"tz": "Europe/Berlin", "24x7": True}},
        "P2": {"targets": {"response_minutes": 30, "resolution_minutes": 480}},
    },
    "pause_statuses": ["waiting_customer"],
    "at_risk_threshold": 0.75,
}


def generate(db: sqlite3.Connection, n: int, seed: int):
    rng = np.random.default_rng(seed)
    start = int(dt.datetime(2024, 4, 1, tzinfo=dt.timezone.utc).timestamp())
    created = start + rng.integers(0, 91 * 86400, n)
    response = created + rng.gamma(2.0, 1500, n).astype(np.int64)
    resolved = created + rng.gamma(2.0, 6 * 3600, n).astype(np.int64)
    open_now = rng.random(n) < 0.05
    iso = lambda secs: [dt.datetime.fromtimestamp(int(s), dt.timezone.utc).isoformat() for s in secs]
    tickets = pd.DataFrame({
        "id": np.arange(1, n + 1),
        "tenant": rng.choice(["Contoso", "Fabrikam", "Northwind"], n, p=[0.5, 0.3, 0.2]),
        "priority": rng.choice(["P1", "P2", "P3"], n, p=[0.05, 0.25, 0.7]),
        "created": iso(created),
        "first_response": iso(response),
        "resolved": [None if o else r for o, r in zip(open_now, iso(resolved))],
    })
    tickets.to_sql("tickets", db, index=False)
    waiting = rng.random(n) < 0.3
    pause_start = created[waiting] + rng.integers(600, 7200, waiting.sum())
    pauses = pd.DataFrame({"ticket": tickets["id"][waiting].to_numpy(), "start": iso(pause_start),
                           "end": iso(pause_start + rng.integers(900, 4 * 3600, waiting.sum()))})
    pauses.to_sql("pauses", db, index=False)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tickets", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    print(f"mspcore {msp.__version__}\n")

    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(pathlib.Path(tmp) / "msp.db")
        generate(db, args.tickets, args.seed)
        tickets = pd.read_sql("SELECT * FROM tickets", db, index_col="id",
                              parse_dates={c: {"utc": True} for c in ("created", "first_response", "resolved")})
        pauses = pd.read_sql("SELECT * FROM pauses", db, parse_dates={c: {"utc": True} for c in ("start", "end")})
        db.close()
    print(f"{len(tickets):,} tickets and {len(pauses):,} customer waits read from SQLite")

    policy = msp.SlaPolicy.from_json(POLICY)
    now = pd.Timestamp("2024-07-01", tz="UTC")
    results = msp.evaluate_sla_frame(tickets, policy, now=now, pauses=pauses)

    print("\nResolution SLA attainment by client (business hours, NRW holidays; P1 around the clock):")
    table = msp.sla_attainment(results["resolution_status"], by=tickets["tenant"])
    print(table[["met", "breached", "attainment_pct", "open", "excluded"]].to_string())
    print("\nResponse SLA attainment by priority:")
    print(msp.sla_attainment(results["response_status"], by=tickets["priority"])[["met", "breached", "attainment_pct"]]
          .to_string())

    # A resolved business-hours ticket that breached shows the clock at work.
    breached = results.index[(results["resolution_status"] == "breached") & tickets["resolved"].notna()
                             & (tickets["priority"] == "P3")]
    if len(breached):
        tid = breached[0]
        row = tickets.loc[tid]
        ticket = {"created": row.created, "first_response": row.first_response,
                  "resolved": None if pd.isna(row.resolved) else row.resolved, "priority": row.priority,
                  "status_history": [entry for p in pauses[pauses.ticket == tid].itertuples()
                                     for entry in ([p.start, "waiting_customer"], [p.end, "open"])]}
        detail = msp.evaluate_sla(ticket, policy, now=now, explain=True)["resolution"]
        print(f"\nWhy ticket {tid} ({row.priority}, {row.tenant}) breached resolution: "
              f"{detail['elapsed_minutes']} business minutes against a target of {detail['target_minutes']:.0f}")
        for seg in detail["explanation"][:10]:
            print(f"  {seg['start']:%a %d %b %H:%M} - {seg['end']:%a %d %b %H:%M} UTC  {seg['kind']}")

    fee = msp.Money("2500.00", "EUR")
    counts = tickets["tenant"].value_counts().sort_index()
    print(f"\nShared NOC fee {fee} split by ticket volume {({k: int(v) for k, v in counts.items()})}:")
    parts = fee.allocate(counts.tolist())
    for tenant, part in zip(counts.index, parts):
        print(f"  {tenant:<10} {part}")
    print(f"  total      {sum(parts)} (exact: {sum(parts) == fee})")


if __name__ == "__main__":
    main()
