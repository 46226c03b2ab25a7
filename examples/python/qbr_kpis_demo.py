"""QBR KPIs end to end on generated sample data kept in an embedded SQLite database.

Generates a year and a half of PSA tickets and an asset inventory for a few clients into
SQLite, reads them back with pandas, and prints what a Quarterly Business Review shows: ticket
KPIs per client and quarter in the client's time zone (with business hours and SLA attainment
from an SLA policy), their trends with unusual changes flagged, and asset KPIs as of the
quarter end. Run: bash scripts/demo.sh
"""
import argparse
import pathlib
import sqlite3
import tempfile

import numpy as np
import pandas as pd

import mspcore as msp

CLIENTS = {"Contoso": 220, "Fabrikam": 90, "Northwind": 45}  # endpoints under management
POLICY = {
    "calendar": {"tz": "Europe/Berlin", "holiday_rules": ["DE-NW"],
                 "week": {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}},
    "targets": {"response_minutes": 60, "resolution_minutes": 960},
    "priorities": {"P1": {"targets": {"response_minutes": 15, "resolution_minutes": 240},
                          "calendar": {"tz": "Europe/Berlin", "24x7": True}}},
}
END = pd.Timestamp("2025-06-30T22:00Z")  # the end of 2025-Q2 in Berlin
CATEGORIES = ["Microsoft 365", "Network", "Printing", "Hardware", "Security", "Onboarding"]


def generate(db: sqlite3.Connection, seed: int):
    rng = np.random.default_rng(seed)
    tickets, assets = [], []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for client, endpoints in CLIENTS.items():
        n = int(endpoints * 4.5)
        # Mostly on weekdays during office hours (06:00-16:00 UTC), as tickets arrive.
        days = rng.integers(0, 547, n)
        days = days - (start + pd.to_timedelta(days, unit="D")).day_of_week.isin([5, 6]) * 2
        seconds = np.sort(days * 86400 + rng.integers(6 * 3600, 16 * 3600, n))
        if client == "Northwind":  # a malware outbreak in February 2025: a burst of tickets
            seconds = np.sort(np.concatenate([seconds, 400 * 86400 + rng.integers(0, 20 * 86400, 60)]))
            n = len(seconds)
        created = start + pd.to_timedelta(seconds, unit="s")
        hours = rng.lognormal(1.5, 1.2, n) * (1.6 if client == "Northwind" else 1.0)
        for i in range(n):
            c = created[i]
            resolved = c + pd.Timedelta(hours=float(hours[i])) if rng.random() < 0.93 else None
            if resolved is not None and resolved >= END:
                resolved = None  # still open at the end of the data
            tickets.append((client, rng.choice(["P1", "P2", "P3"], p=[0.05, 0.25, 0.7]), str(rng.choice(CATEGORIES)),
                            c.isoformat(), (c + pd.Timedelta(minutes=float(rng.exponential(35)))).isoformat(),
                            resolved.isoformat() if resolved is not None else None,
                            int(rng.random() < 0.06), int(rng.random() < 0.45),
                            (int(rng.random() < 0.88) if rng.random() < 0.3 else None),
                            (int(rng.integers(5, 11)) if rng.random() < 0.15 else None), float(rng.exponential(1.2))))
        for i in range(endpoints):
            bought = pd.Timestamp("2018-01-01") + pd.Timedelta(days=int(rng.integers(0, 2600)))
            assets.append((client, rng.choice(["laptop", "desktop", "server"], p=[0.6, 0.3, 0.1]),
                           int(rng.random() < 0.95), bought.date().isoformat(),
                           (bought + pd.DateOffset(years=int(rng.choice([3, 5])))).date().isoformat(),
                           str(rng.choice(["2023-10-10", "2025-10-14", "2026-11-10", "2029-10-09"]))))
    db.execute("CREATE TABLE tickets (tenant TEXT, priority TEXT, category TEXT, created TEXT, first_response TEXT,"
               " resolved TEXT, reopened INTEGER, first_contact INTEGER, csat INTEGER, nps INTEGER, work_hours REAL)")
    db.execute("CREATE TABLE assets (tenant TEXT, asset_type TEXT, managed INTEGER, purchased TEXT,"
               " warranty_end TEXT, os_eol TEXT)")
    db.executemany("INSERT INTO tickets VALUES (?,?,?,?,?,?,?,?,?,?,?)", tickets)
    db.executemany("INSERT INTO assets VALUES (?,?,?,?,?,?)", assets)
    db.commit()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(pathlib.Path(tmp) / "psa.db")
        generate(db, args.seed)
        tickets = pd.read_sql("SELECT * FROM tickets", db)
        assets = pd.read_sql("SELECT * FROM assets", db)
        db.close()
    for column in ("created", "first_response", "resolved"):
        tickets[column] = pd.to_datetime(tickets[column], utc=True, format="ISO8601")
    print(f"QBR KPIs: {len(tickets):,} tickets and {len(assets):,} assets of {len(CLIENTS)} clients from SQLite\n")

    frame = msp.kpi_frame(tickets, period="quarter", tz="Europe/Berlin", group_by=["tenant"],
                          policy=msp.SlaPolicy.from_json(POLICY), endpoints=CLIENTS)
    show = ["tenant", "period", "created", "closed", "backlog", "first_response_business_hours_median",
            "resolution_business_hours_p90", "sla_resolution_attainment_pct", "csat_positive_pct", "rhem"]
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.float_format", "{:.2f}".format):
        print(frame[show].to_string(index=False))
        trends = msp.kpi_trends(frame, kpis=["created", "sla_resolution_attainment_pct"], window=4)
        flagged = trends[trends["created_unusual"].fillna(False) | trends["sla_resolution_attainment_pct_unusual"]
                         .fillna(False)]
        print("\nquarters with an unusual change (XmR signal):")
        print(flagged[["tenant", "period", "created", "created_delta", "sla_resolution_attainment_pct",
                       "sla_resolution_attainment_pct_delta"]].to_string(index=False) if len(flagged) else "  none")
        print("\nassets as of 2025-06-30:")
        inventory = msp.asset_kpi_frame(assets, as_of="2025-06-30", group_by=["tenant"])
        print(inventory[["tenant", "assets", "managed_pct", "age_years_median", "age_over_5y_pct",
                         "warranty_expired_pct", "warranty_expiring_90d_pct", "os_past_eol"]].to_string(index=False))
    print(f"\nKPI dictionary: {len(msp.kpi_dictionary())} definitions (docs/kpi-dictionary.md)")


if __name__ == "__main__":
    main()
