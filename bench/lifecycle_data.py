"""The data of bench_lifecycle.py: a fleet of assets and its service tickets from a fixed seed."""
import numpy as np
import pandas as pd

AS_OF = "2026-03-31"
TYPES = ("workstation", "laptop", "server", "network", "storage", "printer", "mobile", "other")
TYPE_SHARE = (0.33, 0.36, 0.08, 0.08, 0.03, 0.05, 0.06, 0.01)
MAKES = ("Dell", "HP", "Lenovo", "Apple", "Cisco", "Fortinet", "Synology", "Brother")

# (os, os_version, os_edition) as an RMM reports them; None: no OS. Shares per group of types.
CLIENT_OS = (  # workstations and laptops
    (("Windows 10", "22H2", "Pro"), 0.22),          # past its end (2025-10-14)
    (("Windows 10", "22H2", ""), 0.03),             # every edition ends the same day: still decided
    (("Windows 11", "23H2", "Pro"), 0.15),          # 2025-11-11: ended
    (("Windows 11", "24H2", "Pro"), 0.25),
    (("Windows 11", "24H2", "Enterprise"), 0.12),
    (("Microsoft Windows 11", "25H2", "Pro"), 0.06),  # an alias
    (("Windows 11", "24H2", ""), 0.02),             # editions end on different days: unknown
    (("macOS", "14.7.4", ""), 0.04),                # no end date known (dotted version trimmed)
    (("macOS", "13", ""), 0.02),
    (("ChromeOS", "120", ""), 0.02),                # not in the table
    (("Windows 11", "26H1", "Pro"), 0.01),          # a version not in the table
    (None, 0.06),                                   # none given: os_missing
)
SERVER_OS = (
    (("Windows Server", "2012 R2", ""), 0.10),
    (("Windows Server", "2016", ""), 0.15),
    (("Windows Server", "2019", ""), 0.25),
    (("Windows Server", "2022", ""), 0.25),
    (("Ubuntu", "22.04.4", ""), 0.10),
    (("VMware ESXi", "7.0", ""), 0.05),
    (("RHEL", "8", ""), 0.05),
    (None, 0.05),
)
OTHER_OS = (  # network, storage, printer, mobile, other: mostly no OS (no check)
    ((None), 0.85),
    (("FortiOS", "7.2", ""), 0.10),
    (("Ubuntu", "24.04", ""), 0.05),
)


def _pick(rng, n, choices):
    values = [c for c, _ in choices]
    p = np.array([s for _, s in choices], dtype=float)
    return rng.choice(len(values), size=n, p=p / p.sum()), values


def generate(n: int, seed: int = 20260331, tickets: int = 300_000, text_dates: bool = False):
    """(assets, service) DataFrames. Dates as datetime64[s] (what pandas reads from a file or a
    database), or as 'YYYY-MM-DD' text with ``text_dates``."""
    rng = np.random.default_rng(seed)
    as_of = np.datetime64(AS_OF, "D").astype(np.int64)
    type_idx = rng.choice(len(TYPES), size=n, p=TYPE_SHARE)
    tenants = np.array([f"T{t:05d}" for t in range(5000)], dtype=object)
    tenant = tenants[np.sort(rng.integers(0, 5000, n))]  # an export sorted by tenant
    ids = np.array([f"A{i:07d}" for i in range(n)], dtype=object)

    first = np.datetime64("2015-01-01", "D").astype(np.int64)
    purchase = rng.integers(first, as_of + 1, n)
    life = np.array([3, 3, 5, 5, 5, 3, 2, 3])[type_idx]  # vendor warranties, years
    extended = rng.random(n) < 0.15
    warranty = purchase + (life + extended * 2) * 365 + rng.integers(-3, 4, n)
    no_warranty = rng.random(n) < 0.20
    no_purchase = rng.random(n) < 0.02

    os_, version, edition = (np.full(n, None, dtype=object) for _ in range(3))
    for group, choices in ((np.isin(type_idx, (0, 1)), CLIENT_OS), (type_idx == 2, SERVER_OS),
                           (type_idx >= 3, OTHER_OS)):
        rows = np.flatnonzero(group)
        pick, values = _pick(rng, len(rows), choices)
        for k, v in enumerate(values):
            if v is None:
                continue
            at = rows[pick == k]
            os_[at], version[at] = v[0], v[1]
            if v[2]:
                edition[at] = v[2]

    def dates(days, missing):
        d = np.where(missing, np.iinfo(np.int64).min, days).astype("datetime64[D]").astype("datetime64[s]")
        if not text_dates:
            return d
        text = np.datetime_as_string(d.astype("datetime64[D]")).astype(object)
        text[missing] = None
        return text

    make_idx = rng.integers(0, len(MAKES), n)
    assets = pd.DataFrame({
        "id": ids,
        "tenant": tenant,
        "type": np.array(TYPES, dtype=object)[type_idx],
        "make": np.array(MAKES, dtype=object)[make_idx],
        "model": np.array([f"{m} {k}" for m in MAKES for k in range(10)], dtype=object)[
            make_idx * 10 + rng.integers(0, 10, n)],
        "purchase_date": dates(purchase, no_purchase),
        "warranty_end": dates(warranty, no_warranty | (warranty < purchase)),
        "os": os_,
        "os_version": version,
        "os_edition": edition,
    })

    # Tickets: most on a few problem devices (enough to pull them), the rest spread thin; dated
    # in the 15 months up to a week past as_of (some outside the 12-month window either side).
    heavy = rng.choice(n, size=max(1, n // 40), replace=False)
    who = np.where(rng.random(tickets) < 0.7, heavy[rng.integers(0, len(heavy), tickets)],
                   rng.integers(0, n, tickets))
    day = as_of - rng.integers(-7, 456, tickets)
    kind = np.where(rng.random(tickets) < 0.8, "ticket", "time_entry").astype(object)
    minutes = rng.choice(np.array([0, 15, 30, 45, 60, 90, 120, 240]), size=tickets)
    service = pd.DataFrame({
        "tenant": tenant[who],
        "asset_id": ids[who],
        "date": dates(day, np.zeros(tickets, dtype=bool)),
        "kind": kind,
        "minutes": minutes,
        "reactive": rng.random(tickets) < 0.9,
    })
    return assets, service
