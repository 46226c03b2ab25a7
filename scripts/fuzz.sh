#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang + ASan + UBSan) and runs each for a bounded
# time: bash scripts/fuzz.sh [seconds per harness, default 30] [harness ...]
# Seeds: tests/fuzz/corpus/<name>, plus the reference samples in ../shared/data when present
# (read in place, never copied into the repo). A crash, leak, timeout or sanitizer report stops
# with the failing input in build/fuzz/artifacts/; turn it into a regression test, then fix it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-30}"
shift || true
export CCACHE_BASEDIR="$root"
shared="${MSP_SHARED_DATA_DIR:-$root/../shared/data}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "${MSP_JOBS:-2}"

harnesses=("$@")
if ((${#harnesses[@]} == 0)); then
  for f in tests/fuzz/fuzz_*.cpp; do harnesses+=("$(basename "$f" .cpp)"); done
fi

# Extra seeds made at run time from the reference data: one CVSS vector a file, alert samples
# with their source byte in front (fuzz_alert picks the source from the first byte).
seeds="build/fuzz/seeds"
rm -rf "$seeds" && mkdir -p "$seeds"/{cvss,alert}
if [[ -d "$shared/cvss" ]]; then
  cat "$shared"/cvss/vectors_*.txt | grep -o 'CVSS:[^ ,"]*' | sort -u | sed -n '1,400p' | split -l 1 - "$seeds/cvss/v"
  for f in "$seeds"/cvss/v*; do printf '%s' "$(cat "$f")" > "$f"; done
fi
if [[ -d "$shared/alerts" ]] && command -v python3 >/dev/null; then
  python3 - "$shared/alerts" "$seeds/alert" <<'PY'
import json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
def records(doc):
    doc = doc.get("GET /v3/incidents", doc)  # RocketCyber's sample holds the response under its request
    data = doc.get("data", doc) if isinstance(doc, dict) else doc
    if isinstance(data, dict) and "alerts" in data:
        return [e.get("node", e) for e in data["alerts"].get("edges", [])]
    return data if isinstance(data, list) else [data]
sources = {"sentinelone_threat": 0, "sentinelone_uam": 1, "rocketcyber": 2, "barracuda": 3}
for f in sorted(src.glob("*.json")):
    byte = next((v for k, v in sources.items() if f.name.startswith(k)), None)
    if byte is None:
        continue
    for i, r in enumerate(records(json.loads(f.read_text()))[:20]):
        (out / f"{f.stem}-{i}").write_bytes(bytes([byte]) + json.dumps(r).encode())
PY
fi

# The RMM samples with their vendor byte in front (fuzz_rmm_import picks the vendor from it).
mkdir -p "$seeds/rmm_import"
for pair in datto_rmm:0 datto_bcdr:1 cove:2; do
  f=("$shared"/rmm/"${pair%%:*}"_*.json)
  if [[ -f "${f[0]}" ]]; then
    { printf "\\$(printf '%03o' "${pair##*:}")"; cat "${f[0]}"; } > "$seeds/rmm_import/${pair%%:*}"
  fi
done

mkdir -p build/fuzz/artifacts build/fuzz/work
printf '\n%-18s %10s %12s %8s\n' harness seconds executions corpus
status=0
for h in "${harnesses[@]}"; do
  name="${h#fuzz_}"
  work="build/fuzz/work/$name"
  mkdir -p "$work"
  dirs=("$work" "tests/fuzz/corpus/$name")
  [[ -d "$seeds/$name" ]] && dirs+=("$seeds/$name")
  log="build/fuzz/$name.log"
  if ! "build/fuzz/tests/fuzz/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="build/fuzz/artifacts/$name-" "${dirs[@]}" >"$log" 2>&1; then
    echo "fuzz: $h FAILED; the end of its log ($log):"
    tail -40 "$log"
    status=1
    continue
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  printf '%-18s %10s %12s %8s\n' "$h" "$seconds" "$execs" "$(ls "$work" | wc -l)"
done
exit $status
