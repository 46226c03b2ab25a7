#!/usr/bin/env bash
# Builds the Release benchmarks and the Python package, then runs every benchmark in bench/.
# Comparison packages (pandas is already there; cvss, duckdb) are benchmark-only extras.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q -r bench/requirements.txt
cmake --preset release >/dev/null
cmake --build --preset release -j "${MSP_JOBS:-2}"
.venv/bin/python -m pip install -q --no-build-isolation .
for b in bench/bench_*.py; do
  if [[ $# -eq 0 || " $* " == *" $(basename "$b" .py) "* ]]; then
    echo; echo "==== $b"; .venv/bin/python "$b"
  fi
done
