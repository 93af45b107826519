#!/usr/bin/env bash
# `prio simulate` as a user runs it (the installed tool, default options:
# P(top 10), median rank, 90% rank interval, score quantiles) on the
# bench_simulate backlog (10^4 features with ranges on reach, confidence and
# effort, 10^4 draws), beside the same tool computing P(top 10) only and
# bench/simulate_numpy.py (P(top 10) in NumPy, 1 process) in the same run.
# Wall time and peak memory from /usr/bin/time -v; ratios against NumPy.
#
# Run from the source tree after a release build (Debian's python3-numpy,
# scripts/install-deps.sh --bench):
#   cmake --preset release && cmake --build build/release --target prio_cli bench_simulate
#   bash bench/simulate_cli.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${PRIO_BUILD:-build/release}
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The backlog: written by bench_simulate (when its data is first built, by one short case).
PRIO_BENCH_SIMULATE_INPUT="$work/numpy.csv" PRIO_BENCH_SIMULATE_BACKLOG="$work/backlog.csv" \
  "$build/bench/bench_simulate" --benchmark_filter="prio_simulate_distribution/0/" --benchmark_min_time=0.01 >/dev/null

# measure LABEL CMD...: prints "LABEL seconds MB" (the median wall time over the runs, the largest peak RSS).
measure() {
  local label=$1
  shift
  local times=() peak=0
  for ((r = 0; r < runs; r++)); do
    /usr/bin/time -v -o "$work/time" "$@" >/dev/null
    times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time")")
    local kb
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
    ((kb > peak)) && peak=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "$label $median $((peak / 1024))"
}

numpy=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/simulate_numpy.py "$work/numpy.csv" once)
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
{
  measure numpy_p_top_10 "${numpy[@]}"
  measure prio_simulate_default "$build/src/cli/prio" simulate "$work/backlog.csv" --by rice --draws 10000 --top 10 --seed 7 --format csv
  measure prio_simulate_p_top_10_only "$build/src/cli/prio" simulate "$work/backlog.csv" --by rice --draws 10000 --top 10 --seed 7 --format csv \
    --no-rank-stats --no-score-stats
} | tee "$work/results"
awk 'NR == 1 { base = $2 } { printf "%-30s %7.3f s %6d MB  %5.2fx faster than NumPy\n", $1, $2, $3, base / $2 }' "$work/results"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
