#!/usr/bin/env bash
# Installs everything mspcore needs, and nothing else: Debian packages for the C++ build
# (clang for the libFuzzer harnesses, abigail-tools for the ABI check) and the PDF report
# (Pango, HarfBuzz, fonts), and a Python virtual environment (.venv) for the bindings, tests and
# benchmarks. With --tests (scripts/test.sh) also what only the tests need: LibreOffice Impress
# (the deck converts to PDF), poppler (pdfinfo, pdftotext, pdftoppm, pdffonts), headless
# Chromium (the HTML opens) and openssl (the SMTP test's certificate); the demo needs none.
# Idempotent: when everything is there it only checks, in a few seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  build-essential cmake ninja-build pkg-config ccache
  libboost-dev libhowardhinnant-date-dev libsqlitecpp-dev libsqlite3-dev nlohmann-json3-dev
  catch2 doxygen tzdata python3-venv
  clang-14 libclang-rt-14-dev abigail-tools
  # The PDF report (mspcore[reports]: WeasyPrint): Pango, HarfBuzz font subsetting, a font.
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
)
if [[ "${1:-}" == "--tests" ]]; then
  apt_packages+=(libreoffice-impress poppler-utils fonts-liberation2 chromium openssl)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Python: runtime and test requirements in .venv; benchmark comparison packages are extras.
venv="$root/.venv"
[[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
stamp="$venv/.mspcore-requirements"
reqs="$root/scripts/requirements-dev.txt"
if ! cmp -s "$reqs" "$stamp"; then
  echo "bootstrap: installing Python packages into .venv"
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -r "$reqs"
  cp "$reqs" "$stamp"
fi
echo "bootstrap: ready (Debian packages and .venv)"
