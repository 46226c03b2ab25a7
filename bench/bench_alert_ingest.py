"""Alert dedup benchmark (issue #5 part 4): mspcore.AlertPipeline against a plain-Python dict dedup.

Target: ingest 100,000 alerts with dedup and correlation in under 2 seconds, with the dedup
state's size on disk and the peak memory reported.

The data (fixed seed): 100,000 alert payloads as JSON text from three sources, built on the
samples in /work/shared/data/alerts and the documented Barracuda XDR shape: 45 % Barracuda XDR
alarms, 35 % RocketCyber incidents, 20 % SentinelOne threats (the full ~3.8 kB REST v2.1
object). 70 % are fresh (a new tenant + asset + threat), 15 % correlate with an earlier alert
(new id, same tenant + asset + threat, minutes later) and 15 % are exact re-deliveries of an
earlier payload. Tenants are drawn from 500, all alerts lie within 10 hours.

Timed (wall clock, best of --repeats; each repeat on a fresh state file):
- mspcore: ``AlertPipeline(path).ingest(items, now)``: normalisation of every payload, the
  ITIL priority of every alert, dedup, correlation and the ticket requests, committed in one
  SQLite transaction (WAL);
- Python: what a user would otherwise write: ``json.loads`` each payload, pick the id, tenant,
  asset, threat and first-seen time per source, dedup with a dict on (source, id), correlate
  with a dict on (tenant, asset, threat) within 24 h, and build one request dict per new
  incident. It keeps its state in memory only (a restart loses it), validates nothing and
  computes no priority: a lower bar than mspcore's.
Both sides must give the same number of create requests, else the script exits with status 1.

Each side runs in its own subprocess, so the peak resident set (VmHWM, reset after the data
is generated) is its own; it includes the input payloads. The state size is the SQLite file
plus its WAL after the ingest.

Run: python bench/bench_alert_ingest.py [--alerts N] [--repeats N]
"""
import argparse
import datetime as dt
import json
import os
import pathlib
import random
import subprocess
import sys
import tempfile
import time

DATA = pathlib.Path(os.environ.get("MSP_SHARED_DATA_DIR",
                                   pathlib.Path(__file__).resolve().parents[2] / "shared" / "data")) / "alerts"
BASE = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
NOW = "2025-06-02T00:00:00Z"
WINDOW = dt.timedelta(hours=24)


def _iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def generate(n: int, seed: int = 20250601):
    """[(source, payload text)], deterministic."""
    rng = random.Random(seed)
    rocket = json.loads((DATA / "rocketcyber_incident.synthetic.json").read_text())["GET /v3/incidents"]["data"][0]
    s1 = json.loads((DATA / "sentinelone_threat_v2_1_sample.json").read_text())["data"][0]
    keys, items = [], []

    def payload(source, k, alert_id, t):
        tenant, asset, threat = k
        if source == "barracuda_xdr":
            return json.dumps({"alarm_id": f"X-{alert_id}", "account_id": f"T{tenant}", "account_name": f"Tenant {tenant}",
                               "hostname": f"HOST-{asset}", "alarm_name": f"Threat {threat}", "severity": "High",
                               "status": "Open", "created_at": _iso(t)})
        if source == "rocketcyber":
            p = dict(rocket, id=alert_id, accountId=1000 + tenant, accountName=f"Tenant {tenant}",
                     affectedDevices=[f"DESKTOP-{asset}"], title=f"Threat {threat}", createdAt=_iso(t), updatedAt=_iso(t))
            return json.dumps(p)
        p = dict(s1, id=str(alert_id))
        p["agentRealtimeInfo"] = dict(s1["agentRealtimeInfo"], accountId=str(9000 + tenant), agentId=f"agent-{asset}",
                                      agentComputerName=f"PC-{asset}")
        p["threatInfo"] = dict(s1["threatInfo"], threatId=str(alert_id), sha1=f"{threat:040x}", identifiedAt=_iso(t),
                               createdAt=_iso(t), updatedAt=_iso(t))
        return json.dumps(p)

    for i in range(n):
        r = rng.random()
        if items and r < 0.15:
            items.append(items[rng.randrange(len(items))])  # exact re-delivery
            continue
        if keys and r < 0.30:
            source, k, t = keys[rng.randrange(len(keys))]
            t = t + dt.timedelta(minutes=rng.randrange(1, 60))
        else:
            s = rng.random()
            source = "barracuda_xdr" if s < 0.45 else "rocketcyber" if s < 0.80 else "sentinelone"
            k = (rng.randrange(500), len(keys), len(keys))
            t = BASE + dt.timedelta(minutes=rng.randrange(600))
            keys.append((source, k, t))
        items.append((source, payload(source, k, 1_000_000 + i, t)))
    return items


def _peak_rss() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------
# The plain-Python baseline

def _parse_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _fields(source: str, p: dict):
    """(id, tenant, asset, threat, first_seen) as mspcore's normalisation picks them for this data."""
    if source == "barracuda_xdr":
        return (str(p["alarm_id"]), str(p.get("account_id") or p.get("account_name")),
                str(p.get("device_id") or p.get("hostname") or ""),
                "sha256:" + p["sha256"].lower() if p.get("sha256") else "name:" + p["alarm_name"],
                _parse_time(p["created_at"]))
    if source == "rocketcyber":
        devices = p.get("affectedDevices") or [""]
        return (str(p["id"]), str(p.get("accountId") or p.get("accountName")), devices[0], "name:" + p["title"],
                _parse_time(p["createdAt"]))
    info, rt = p["threatInfo"], p["agentRealtimeInfo"]
    threat = next((f"{h}:{info[h].lower()}" for h in ("sha256", "sha1", "md5") if info.get(h)), "name:" + info["threatName"])
    return (str(p["id"]), str(rt.get("accountId") or rt.get("accountName")), rt.get("agentId") or "", threat,
            _parse_time(info.get("identifiedAt") or info["createdAt"]))


def python_ingest(items):
    seen, incidents, requests = {}, {}, []
    for source, text in items:
        p = json.loads(text)
        alert_id, tenant, asset, threat, first = _fields(source, p)
        fingerprint = hash(text)
        known = seen.get((source, alert_id))
        if known is not None:
            if known == fingerprint:
                continue
        seen[(source, alert_id)] = fingerprint
        key = (tenant, asset, threat)
        inc = incidents.get(key)
        if inc is not None and first <= inc["last_seen"] + WINDOW:
            inc["last_seen"] = max(inc["last_seen"], first)
            inc["alerts"].append(f"{source}:{alert_id}")
            continue
        inc = {"id": len(requests) + 1, "first_seen": first, "last_seen": first, "alerts": [f"{source}:{alert_id}"]}
        incidents[key] = inc
        requests.append({"action": "create", "tenant": tenant, "asset": asset, "threat": threat,
                         "title": f"{threat} on {asset} ({tenant})", "queue": "security",
                         "dedup_key": f"{tenant}|{asset}|{threat}|{inc['id']}", "alert_ids": inc["alerts"]})
    return requests


# ---------------------------------------------------------------------------------------------
# Sides (each in its own process)

def run_side(side: str, n: int, repeats: int) -> dict:
    items = generate(n)
    _reset_peak()
    best, best_cpu, creates, size = None, None, None, 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            if side == "mspcore":
                import mspcore as msp
                path = pathlib.Path(tmp) / "state.db"
                start, cpu0 = time.perf_counter(), time.process_time()
                with msp.AlertPipeline(path) as p:
                    requests = p.ingest(items, now=NOW)
                    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
                    errors = len(p.last_errors)
                    size = sum(f.stat().st_size for f in pathlib.Path(tmp).iterdir())
                if errors:
                    raise SystemExit(f"mspcore reported {errors} errors")
                creates = sum(r["action"] == "create" for r in requests)
            else:
                start, cpu0 = time.perf_counter(), time.process_time()
                requests = python_ingest(items)
                elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu0
                creates = len(requests)
            if best is None or elapsed < best:
                best, best_cpu = elapsed, cpu
            del requests
    return {"seconds": best, "cpu": best_cpu, "creates": creates, "state_bytes": size, "peak_rss": _peak_rss(),
            "json_mb": sum(len(t) for _, t in items) / 1e6, "distinct": len(set(items))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--alerts", type=int, default=100_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--side", choices=("mspcore", "python"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        print(json.dumps(run_side(args.side, args.alerts, args.repeats)))
        return 0

    results = {}
    for side in ("mspcore", "python"):
        out = subprocess.run([sys.executable, __file__, "--side", side, "--alerts", str(args.alerts),
                              "--repeats", str(args.repeats)], check=True, capture_output=True, text=True)
        results[side] = json.loads(out.stdout)
    for side, r in results.items():
        line = (f"{side:8s} {r['seconds']:.3f} s (CPU {r['cpu']:.3f} s)  {args.alerts / r['seconds']:,.0f} alerts/s  "
                f"{r['creates']:,} create requests  peak RSS {r['peak_rss'] / 2**20:.0f} MiB")
        if side == "mspcore":
            line += f"  state on disk {r['state_bytes'] / 2**20:.1f} MiB (db + wal)"
        print(line)
    r = results["mspcore"]
    print(f"data: {args.alerts:,} alerts, {r['json_mb']:.1f} MB of JSON, {r['distinct']:,} distinct payloads")
    ratio = results["python"]["seconds"] / results["mspcore"]["seconds"]
    cpu_ratio = results["python"]["cpu"] / results["mspcore"]["cpu"]
    print(f"ratio python / mspcore: {ratio:.2f}x wall, {cpu_ratio:.2f}x CPU")
    ok = results["mspcore"]["creates"] == results["python"]["creates"]
    target = results["mspcore"]["seconds"] < 2.0
    print(f"same create requests: {'yes' if ok else 'NO'}; target < 2 s: {'met' if target else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
