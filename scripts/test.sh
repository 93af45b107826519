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
  # The precompiled headers (PRIO_PRECOMPILE_HEADERS) are cached too.
  export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-pch_defines,time_macros,include_file_mtime,include_file_ctime}"
fi
# Wall time of each step, printed at the end (and on failure) to show where CI's time goes.
timings=()
step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%5d s  %s' $((SECONDS - start)) "$name")")
}
report() { printf 'test.sh: wall time per step\n'; printf '  %s\n' "${timings[@]}"; printf '  %5d s  total\n' "$SECONDS"; }
trap report EXIT
jobs=$(nproc)
for preset in dev asan; do
  echo "== prio: $preset =="
  cmake --preset "$preset" >/dev/null
  step "$preset build" cmake --build --preset "$preset" -j "$jobs"
  step "$preset tests" ctest --preset "$preset" -j "$jobs"
done
step "JavaScript" bash scripts/test-js.sh  # the npm package (WebAssembly): node --test against the dev build's prio tool, tsc
step "web page" bash scripts/test-web.sh  # the web page: end-to-end tests in Debian's Chromium (playwright-core), against the prio tool
step "Python" bash scripts/test-python.sh  # the Python package: fresh venv, pip install ., pytest, mypy
