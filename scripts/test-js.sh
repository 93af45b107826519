#!/usr/bin/env bash
# Tests the npm package (js/): builds the WebAssembly when missing or stale,
# installs the locked dev dependencies (npm ci), runs node's test runner
# against the native tool's JSON, and type-checks the typed example with tsc.
# The native tool is $PRIO_CLI, else build/dev/src/cli/prio (built here when
# missing, with the dev preset as scripts/test.sh uses).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/build-wasm.sh
export PRIO_CLI="${PRIO_CLI:-$root/build/dev/src/cli/prio}"
if [[ ! -x "$PRIO_CLI" ]]; then
  cmake --preset dev >/dev/null
  cmake --build build/dev -j "$(nproc)" --target prio_cli
fi

cd js
# npm ci only when the installed tree does not match the lock file.
if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null && \
   ! [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
echo "== prio-wasm: node --test =="
node --test --test-reporter=spec test/
echo "== prio-wasm: tsc --noEmit (examples/typed.ts) =="
node_modules/.bin/tsc --noEmit -p examples
echo "prio-wasm: all JavaScript tests passed"
