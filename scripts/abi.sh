#!/usr/bin/env bash
# The C ABI's baseline: the exported msp_* functions of libmspcore.so and every type they reach,
# as declared in include/mspcore.h, dumped by libabigail (Debian abigail-tools).
#   bash scripts/abi.sh check LIB   compare LIB with tests/abi/libmspcore.abi; any difference fails
#   bash scripts/abi.sh update LIB  rewrite the baseline (an intended ABI change, in its own commit)
# LIB is an -O2 build with hidden visibility (the dev preset's build/dev/libmspcore.so): other
# flags change what the debug information says and make the comparison meaningless.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode="${1:?check or update}"
lib="${2:?path to libmspcore.so}"
baseline="$root/tests/abi/libmspcore.abi"

dump() {
  # Run beside the library with the headers as the debug information names them: relative to
  # the build directory when ccache's CCACHE_BASEDIR rewrote the paths, absolute otherwise.
  local dir rel
  dir="$(cd "$(dirname "$lib")" && pwd)"
  rel="$(realpath --relative-to="$dir" "$root/include")"
  (cd "$dir" && abidw --exported-interfaces-only --drop-private-types --no-corpus-path --no-show-locs \
    --header-file "$rel/mspcore.h" --header-file "$rel/mspcore/version.h" \
    --header-file "$root/include/mspcore.h" --header-file "$root/include/mspcore/version.h" \
    "$(basename "$lib")")
}

case "$mode" in
  update)
    dump > "$baseline"
    echo "abi: baseline written: $(grep -c '<function-decl' "$baseline") functions"
    ;;
  check)
    current="$(mktemp)"
    trap 'rm -f "$current"' EXIT
    dump > "$current"
    if ! abidiff --no-show-locs "$baseline" "$current"; then
      echo "abi: libmspcore.so differs from tests/abi/libmspcore.abi (above)." >&2
      echo "abi: if the change is intended, bump the version and run: bash scripts/abi.sh update $lib (docs/c-abi.md)" >&2
      exit 1
    fi
    echo "abi: matches the baseline ($(grep -c '<function-decl' "$baseline") functions)"
    ;;
  *)
    echo "usage: $0 check|update LIB" >&2
    exit 2
    ;;
esac
