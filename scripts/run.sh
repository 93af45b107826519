#!/usr/bin/env bash
# Installs what is missing, builds prio (release) and runs the main job:
# ranking the bundled example backlog.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target rank_backlog
./build/release/examples/rank_backlog
