#!/usr/bin/env bash
# Sets everything up (Debian packages, .venv, the mspcore Python package) and runs the
# end-to-end example on generated sample data.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q --no-build-isolation .
.venv/bin/python examples/python/quickstart.py "$@"
echo
.venv/bin/python examples/python/trueup_demo.py
echo
.venv/bin/python examples/python/qbr_kpis_demo.py
