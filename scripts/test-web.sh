#!/usr/bin/env bash
# Tests the web page (web/) end to end in Debian's Chromium, driven by
# playwright-core from npm (no browser is ever downloaded): builds the
# WebAssembly when missing or stale, installs the locked dev dependency
# (npm ci), serves the repository with web/serve.mjs on a free port and runs
# node --test web/test/*.test.mjs against it, comparing with the dev build's
# prio tool ($PRIO_CLI, else build/dev/src/cli/prio, built when missing).
# Screenshots go to build/web-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

bash scripts/build-wasm.sh
export PRIO_CLI="${PRIO_CLI:-$root/build/dev/src/cli/prio}"
if [[ ! -x "$PRIO_CLI" ]]; then
  cmake --preset dev >/dev/null
  cmake --build build/dev -j "$(nproc)" --target prio_cli
fi
export PRIO_CHROMIUM="${PRIO_CHROMIUM:-/usr/bin/chromium}"
[[ -x "$PRIO_CHROMIUM" ]] || { echo "test-web: $PRIO_CHROMIUM not found (bash scripts/install-deps.sh installs chromium)" >&2; exit 1; }

(cd web
 # npm ci only when the installed tree does not match the lock file.
 if ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null && \
    ! [[ -f node_modules/.package-lock.json && node_modules/.package-lock.json -nt package-lock.json ]]; then
   npm ci --no-audit --no-fund
 fi)

export PRIO_WEB_ARTIFACTS="$root/build/web-artifacts"
mkdir -p "$PRIO_WEB_ARTIFACTS"
log=$(mktemp)
node web/serve.mjs --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  [[ -s "$log" ]] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
PRIO_WEB_URL=$(head -n1 "$log")
export PRIO_WEB_URL
echo "== prio web page: node --test in Chromium ($PRIO_WEB_URL) =="
node --test --test-reporter=spec --test-concurrency=1 ${PRIO_WEB_TESTS:-web/test/*.test.mjs}
echo "prio web page: all browser tests passed (screenshots in build/web-artifacts/)"
