#!/usr/bin/env bash
# Builds and runs prio's whole test suite: the dev preset (warnings as errors)
# and the asan preset (address + undefined-behaviour sanitizers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc)
for preset in dev asan; do
  echo "== prio: $preset =="
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
bash scripts/test-js.sh  # the npm package (WebAssembly): node --test against the dev build's prio tool, tsc
bash scripts/test-python.sh  # the Python package: fresh venv, pip install ., pytest, mypy
