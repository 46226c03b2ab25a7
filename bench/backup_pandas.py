"""A straightforward pandas implementation of backup compliance's rules
(docs/rmm-backup-compliance.md, default policy): a join to the devices, groupby per device."""
import numpy as np
import pandas as pd

RPO_HOURS = {"server": 12, "workstation": 24, "network": 168, "cloud": 24, "other": 24}
GOOD = ["success", "success_with_exceptions"]
STATUSES = ["compliant", "warning", "overdue", "never", "unknown", "out_of_scope"]


def backup_compliance(results: pd.DataFrame, devices: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    now = as_of.value // 10**9
    dev = devices.reset_index(drop=True)
    keys = pd.DataFrame({"tenant": dev["tenant"].astype(str), "device_id": dev["id"].astype(str),
                         "dev": np.arange(len(dev))})
    r = results[["tenant", "device_id", "at", "outcome", "copy", "verification"]].copy()
    r["tenant"] = r["tenant"].astype(str)
    r["device_id"] = r["device_id"].astype(str)
    r = r.merge(keys, on=["tenant", "device_id"], how="inner")
    r["t"] = r["at"].astype("int64") // 10**9 if r["at"].dtype.unit == "ns" else r["at"].dt.as_unit("s").astype("int64")
    r = r[r["t"] <= now]
    outcome = r["outcome"].astype(str)
    good = outcome.isin(GOOD)
    n = len(dev)

    def newest(mask):
        return r.loc[mask].groupby("dev")["t"].max().reindex(range(n))

    last_result = newest(slice(None))
    evidence = newest(~outcome.isin(["missed", "not_expected"]))
    last_good = newest(good)
    cls = dev["device_class"].astype(str)
    rpo = cls.map(RPO_HOURS).to_numpy() * 3600
    seen_at = dev["last_seen"].dt.as_unit("s").astype("int64").to_numpy() if dev["last_seen"].notna().all() else None
    offline = (cls == "workstation").to_numpy() & (seen_at < now) & ~dev["online"].to_numpy()
    seen = np.fmax(seen_at, evidence.fillna(np.iinfo(np.int64).min).to_numpy())
    judged = np.where(offline & (seen < now), seen, now)
    window = r["t"] > now - 30 * 86400
    counted = window & ~outcome.isin(["not_expected", "missed"])
    attempts = r.loc[counted].groupby("dev").size().reindex(range(n), fill_value=0).to_numpy()
    goods = r.loc[counted & good].groupby("dev").size().reindex(range(n), fill_value=0).to_numpy()
    missed = r.loc[window & (outcome == "missed"), ["dev", "t"]]
    missed = missed[missed["t"].to_numpy() <= judged[missed["dev"].to_numpy()]]
    attempts = attempts + missed.groupby("dev").size().reindex(range(n), fill_value=0).to_numpy()
    age = judged - last_good.to_numpy()
    status = np.select(
        [dev["retired"].to_numpy(), ~dev["backup_expected"].to_numpy(), last_result.isna().to_numpy(),
         last_good.isna().to_numpy(), age <= rpo, age * 100 <= rpo * 150],
        ["out_of_scope", "out_of_scope", "unknown", "never", "compliant", "warning"], "overdue")
    return pd.DataFrame({"tenant": dev["tenant"].astype(str), "id": dev["id"], "status": status,
                         "age_seconds": pd.array(np.where(last_good.isna(), None, age), dtype="Int64"),
                         "attempts": attempts, "good": goods})


def clients(frame: pd.DataFrame) -> pd.DataFrame:
    counts = frame.groupby(["tenant", "status"]).size().unstack(fill_value=0).reindex(columns=STATUSES, fill_value=0)
    counts["in_scope"] = counts.sum(axis=1) - counts["out_of_scope"]
    return counts
