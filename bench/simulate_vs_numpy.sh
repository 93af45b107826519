#!/usr/bin/env bash
# Monte Carlo P(top 10), 10^4 draws x 10^4 features, like against like in one
# run on one input file: prio (bench_simulate's prio_simulate) beside
# bench/simulate_numpy.py, 1 thread against 1 process and 2 threads against a
# pool of 2 processes, and the random-number floor (bench_simulate's rng_bound:
# the same uniforms from the same per-draw streams) on the same thread counts.
# Prints one table; every ratio is between rows of this run.
#
# Run from the source tree after a release build (NumPy from Debian's
# python3-numpy, scripts/install-deps.sh --bench):
#   cmake --preset release && cmake --build build/release --target bench_simulate
#   bash bench/simulate_vs_numpy.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PRIO_BUILD:-build/release}
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# prio and the floor: median wall time of `runs` repetitions, in ms. bench_simulate
# also writes the backlog file NumPy reads next (PRIO_BENCH_SIMULATE_INPUT).
PRIO_BENCH_SIMULATE_INPUT="$work/input.csv" "$build/bench/bench_simulate" \
  --benchmark_filter='^(prio_simulate|rng_bound)/[12]/' --benchmark_repetitions="$runs" \
  --benchmark_report_aggregates_only=true --benchmark_format=csv 2>/dev/null |
  awk -F, '$1 ~ /_median"?$/ { gsub(/"/, "", $1); sub(/\/real_time_median$/, "", $1); print $1, $3 }' >"$work/prio"
# NumPy: median over `runs`, 1 process and 2 processes, on the same file.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/simulate_numpy.py "$work/input.csv" "$runs" |
  sed -n 's/^numpy [^,]*, \([12]\) process(es).*median \([0-9]*\) ms.*/numpy\/\1 \2/p' >"$work/numpy"

cat "$work/prio" "$work/numpy" | awk '
  { t[$1] = $2 }
  END {
    printf "%-22s %10s %10s %12s %14s\n", "threads/processes", "prio ms", "NumPy ms", "NumPy/prio", "prio/floor"
    for (k = 1; k <= 2; k++) {
      p = t["prio_simulate/" k]; n = t["numpy/" k]; f = t["rng_bound/" k]
      if (p == "" || n == "" || f == "") { print "missing results for " k > "/dev/stderr"; exit 1 }
      printf "%-22s %10.0f %10.0f %11.2fx %13.2fx\n", k, p, n, n / p, p / f
    }
  }'
