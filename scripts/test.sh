#!/usr/bin/env bash
# Sets everything up and runs every test: C++ and C (ctest, warnings as errors, the C ABI
# compared with its baseline), the same under AddressSanitizer + UndefinedBehaviorSanitizer
# and the threaded paths' tests under ThreadSanitizer, every libFuzzer harness for a bounded time (MSP_FUZZ_SECONDS,
# default 10 each), Doxygen (warnings as errors), the installed package consumed from C
# (pkg-config) and C++ (find_package), and the Python package built by pip and tested with pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jobs="${MSP_JOBS:-2}"
# ccache hashes absolute paths when debug info is on: relative to the checkout, a fresh clone
# elsewhere (as CI makes) still hits the cache.
export CCACHE_BASEDIR="$root"
# The pip build below compiles the same sources with the same flags as the dev build, in
# another directory of the same depth: without the directory in the hash (debug info then
# names the dev build's) and with one compiler name, it is served from the cache.
export CCACHE_NOHASHDIR=1 CC=cc CXX=c++
step() { printf '\n==== %s (%d s so far)\n' "$*" "$SECONDS"; }

step "bootstrap"
bash scripts/bootstrap.sh --tests

step "C++ and C: build (-Werror) and ctest"
# The extension too, so that pip's build of it below hits the cache.
cmake --preset dev -DMSP_BUILD_PYTHON=ON -DPython_EXECUTABLE="$root/.venv/bin/python" \
  -Dpybind11_DIR="$(.venv/bin/python -m pybind11 --cmakedir)" >/dev/null
cmake --build --preset dev -j "$jobs"
ctest --preset dev -j "$jobs"

step "sanitizers: ASan + UBSan"
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$jobs"
ctest --preset asan -j "$jobs"

step "sanitizers: ThreadSanitizer over the tests of the threaded paths"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -j "$jobs"

step "fuzzing: every libFuzzer harness for ${MSP_FUZZ_SECONDS:-10} s"
bash scripts/fuzz.sh "${MSP_FUZZ_SECONDS:-10}"

step "docs: Doxygen over the C and C++ headers, warnings as errors"
cmake --build --preset dev --target docs

step "install, then consume it: examples/c (pkg-config) and examples/cpp (find_package)"
prefix="$root/_install"
rm -rf "$prefix" build/example-c build/example-cpp
cmake --install build/dev --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
cmake -S examples/c -B build/example-c -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build/example-c
LD_LIBRARY_PATH="$prefix/lib" build/example-c/money_c
cmake -S examples/cpp -B build/example-cpp -G Ninja -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build build/example-cpp
build/example-cpp/money_example

step "Python: pip install . and pytest"
# The dev build's type and flags (a user's `pip install .` builds Release with LTO).
.venv/bin/python -m pip install -q --no-build-isolation --config-settings=cmake.build-type=RelWithDebInfo \
  --config-settings=cmake.define.MSP_WERROR=ON --config-settings=cmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache \
  --config-settings=cmake.define.CMAKE_C_COMPILER_LAUNCHER=ccache .
.venv/bin/python -m pytest -q tests/python
