#!/usr/bin/env bash
# Installs the Debian packages prio needs to build, test and benchmark.
# Idempotent: when everything is present it prints nothing and touches nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache
  libeigen3-dev libboost-graph-dev
  catch2 libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfast-float-dev
  clang libclang-rt-14-dev
  python3-clang-14  # scripts/api-list.py reads the public headers (a test)
  graphviz
  librsvg2-bin  # rsvg-convert: the pictures test renders every SVG to PNG
  emscripten
  chromium  # the web page's end-to-end tests (scripts/test-web.sh, driven by playwright-core)
  python3-dev python3-venv  # the Python package (scripts/test-python.sh)
)
# Benchmarks compare against Python baselines; installed with --bench.
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(python3-numpy python3-pandas python3-networkx hyperfine time)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
((${#missing[@]} == 0)) && exit 0

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "prio: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
