#!/usr/bin/env bash
# Reading, ranking and planning (capacity 100 per sprint) a 10^6-row backlog
# CSV (bench/rank_end_to_end.py's generator: titles, quoting, ~1.5
# dependencies per feature), and reading the same backlog as JSON (written by
# `prio convert`), with one or more
# builds of the prio tool, beside `wc -l` on the same file (reading the bytes
# and counting lines: the floor) in the same run. Wall and user time and peak
# memory from /usr/bin/time. Compare two builds (e.g. before and after a
# change) by naming both; their rank and plan outputs must be identical.
#   bash bench/read_cli.sh build/release/src/cli/prio [/path/to/other/prio]
set -euo pipefail
cd "$(dirname "$0")/.."
file=build/bench/read_cli_1000000.csv
[[ -f $file ]] || python3 -c "import sys; sys.path.insert(0, 'bench'); import rank_end_to_end as r; r.generate('$file', 1000000)"
json=${file%.csv}.json  # the same backlog as prio writes JSON
[[ -f $json ]] || "$1" convert "$file" -o "$json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); CSV $(stat -L -c %s "$file") bytes, JSON $(stat -L -c %s "$json") bytes"
k=0
for bin in "$@"; do
  k=$((k + 1))
  /usr/bin/time -f "%e s wall %U s user %M KB  wc -l (baseline)" wc -l "$file" >/dev/null
  /usr/bin/time -f "%e s wall %U s user %M KB  [$k] validate --structure-only" "$bin" validate "$file" --structure-only >/dev/null
  /usr/bin/time -f "%e s wall %U s user %M KB  [$k] validate --structure-only (JSON)" "$bin" validate "$json" --structure-only >/dev/null
  /usr/bin/time -f "%e s wall %U s user %M KB  [$k] rank --order greedy --format csv" "$bin" rank "$file" --by rice --order greedy \
    --format csv -o "$work/rank_$k.csv"
  /usr/bin/time -f "%e s wall %U s user %M KB  [$k] plan --capacity 100 --format csv" "$bin" plan "$file" --capacity 100 \
    --format csv -o "$work/plan_$k.csv"
done
for ((j = 2; j <= k; j++)); do
  cmp "$work/rank_1.csv" "$work/rank_$j.csv" && echo "[1] and [$j] rank identically"
  cmp "$work/plan_1.csv" "$work/plan_$j.csv" && echo "[1] and [$j] plan identically"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
