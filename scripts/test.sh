#!/usr/bin/env bash
# Builds and runs prio's whole test suite: C++ in the dev preset (warnings as
# errors; with the C API's C programs and the benchmarks' smoke runs) and the
# asan preset (address + undefined-behaviour sanitizers), then the npm package
# (WebAssembly, node --test, tsc) and the Python package (fresh venv, pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# ccache, keyed on paths relative to this checkout, so that a second run (or
# another clone on the same machine) recompiles only what changed.
if command -v ccache >/dev/null 2>&1; then
  export CMAKE_CXX_COMPILER_LAUNCHER="${CMAKE_CXX_COMPILER_LAUNCHER:-ccache}"
  export CMAKE_C_COMPILER_LAUNCHER="${CMAKE_C_COMPILER_LAUNCHER:-ccache}"
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
fi
jobs=$(nproc)
for preset in dev asan; do
  echo "== prio: $preset =="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
bash scripts/test-js.sh  # the npm package (WebAssembly): node --test against the dev build's prio tool, tsc
bash scripts/test-web.sh  # the web page: end-to-end tests in Debian's Chromium (playwright-core), against the prio tool
bash scripts/test-python.sh  # the Python package: fresh venv, pip install ., pytest, mypy
