#!/usr/bin/env bash
# Sets everything up (Debian packages, .venv, the mspcore Python package with its report
# extras) and runs the demo: a generated MSP of 20 clients in an embedded SQLite database,
# then every client's QBR (model, PowerPoint deck, PDF, HTML, e-mail) and an index.html.
# Options are passed to `mspcore demo` (e.g. --clients 5); the output goes to ./demo-output.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
.venv/bin/python -m pip install -q --no-build-isolation ".[reports]"
out="$root/demo-output"
.venv/bin/mspcore demo --out "$out" "$@"
echo
echo "Open $out/index.html (one row per client, links to each deck, PDF, HTML report and .eml)."
