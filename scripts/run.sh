#!/usr/bin/env bash
# Installs what is missing, builds the prio tool (release) and runs the main
# job: ranking the bundled example backlog, dependencies respected.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target prio_cli
./build/release/src/cli/prio rank examples/backlog.csv
