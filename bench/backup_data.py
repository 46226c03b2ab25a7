"""The data of bench_backup.py (fixed seed): devices of 2,000 clients and their backup results."""
import numpy as np
import pandas as pd

AS_OF = pd.Timestamp("2025-03-10T12:00:00Z")
OUTCOMES = ["success", "success_with_exceptions", "warning", "failed", "missed", "not_expected"]
CLASSES = ["server", "workstation", "network", "cloud", "other"]


def generate(n_results: int, n_devices: int, n_clients: int, seed: int):
    """(results, devices) DataFrames. Text columns are pandas Categoricals (what a 10M-row
    frame of repeated names is held as); instants tz-aware UTC."""
    rng = np.random.default_rng(seed)
    as_of = AS_OF.value // 10**9
    tenants = np.array([f"client-{i:04d}" for i in range(n_clients)], dtype=object)
    dev_tenant = rng.integers(0, n_clients, n_devices)
    dev_ids = np.array([f"dev-{i:06d}" for i in range(n_devices)], dtype=object)
    cls = rng.choice(5, n_devices, p=[0.15, 0.72, 0.03, 0.05, 0.05])
    offline = (cls == 1) & (rng.random(n_devices) < 0.2)
    last_seen = np.where(offline, as_of - rng.integers(3600, 14 * 86400, n_devices), as_of - 300)
    devices = pd.DataFrame({
        "tenant": pd.Categorical(tenants[dev_tenant]),
        "source": pd.Categorical(np.array(["cove", "datto_bcdr"], dtype=object)[rng.integers(0, 2, n_devices)]),
        "id": dev_ids,
        "device_class": pd.Categorical(np.array(CLASSES, dtype=object)[cls]),
        "last_seen": pd.to_datetime(last_seen, unit="s", utc=True),
        "online": ~offline,
        "backup_expected": rng.random(n_devices) >= 0.03,
        "retired": rng.random(n_devices) < 0.02,
    })
    # 1 % of the devices get no results; some stop a few days before as_of (warning, overdue).
    with_results = np.flatnonzero(rng.random(n_devices) >= 0.01)
    device = with_results[rng.integers(0, len(with_results), n_results)]
    stop = np.where(rng.random(n_devices) < 0.3, rng.integers(0, 5 * 86400, n_devices), 0)
    at = as_of - stop[device] - rng.integers(0, 60 * 86400, n_results)
    outcome = rng.choice(6, n_results, p=[0.85, 0.05, 0.02, 0.04, 0.03, 0.01])
    never = rng.random(n_devices) < 0.005  # devices whose every session fails
    outcome = np.where(never[device], 3, outcome)
    results = pd.DataFrame({
        "tenant": pd.Categorical.from_codes(dev_tenant[device], categories=tenants),
        "device_id": pd.Categorical.from_codes(device, categories=dev_ids),
        "source": pd.Categorical.from_codes(rng.integers(0, 2, n_results), categories=["cove", "datto_bcdr"]),
        "at": pd.to_datetime(at, unit="s", utc=True),
        "outcome": pd.Categorical.from_codes(outcome, categories=OUTCOMES),
        "copy": pd.Categorical.from_codes((rng.random(n_results) < 0.4).astype(np.int8), categories=["local", "offsite"]),
        "verification": pd.Categorical.from_codes(rng.choice(3, n_results, p=[0.89, 0.1, 0.01]),
                                                  categories=["none", "passed", "failed"]),
        "errors": rng.integers(0, 3, n_results),
    })
    return results, devices
