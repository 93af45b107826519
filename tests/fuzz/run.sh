#!/usr/bin/env bash
# Builds and runs one libFuzzer target: prio's readers, its command line or its C API.
#   run.sh SOURCE_DIR WORK_DIR csv|json|cli|capi SECONDS
# Exit 77 (ctest: skipped) when clang++ or libFuzzer is not available.
set -euo pipefail
src=$1 work=$2 target=$3 seconds=${PRIO_FUZZ_SECONDS:-$4}
cxx=${PRIO_FUZZ_CXX:-clang++}
mkdir -p "$work"
if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "skipped: $cxx not found (install clang and libclang-rt-14-dev to fuzz)"
  exit 77
fi
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' >"$work/probe.cpp"
if ! "$cxx" -fsanitize=fuzzer,address,undefined "$work/probe.cpp" -o "$work/probe" >/dev/null 2>&1; then
  echo "skipped: $cxx cannot link -fsanitize=fuzzer (install libclang-rt-14-dev)"
  exit 77
fi
# Line tables only: sanitizer reports keep FILE:LINE. A short run (CI's smoke
# run of the seeds) builds at -O0, in half the time; a long run builds at -O1,
# which runs more inputs per second. Each has its own build directory.
opt=-O1
((seconds < 60)) && opt=-O0
build="$work/build$opt"
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
cmake -S "$src/tests/fuzz/project" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$opt -gline-tables-only -DNDEBUG" \
  -DPRIO_SOURCE_DIR="$src" >/dev/null
cmake --build "$build" --target "fuzz_$target" >/dev/null
# Seeds: every test input of the right kind; new inputs go to corpus_<target>.
seeds="$work/seeds_$target"
corpus="$work/corpus_$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$work/artifacts"
if [[ $target == cli ]]; then
  # One command line per line of cli.txt, its words separated by NUL bytes.
  n=0
  while IFS= read -r line; do
    [[ -z $line || $line == \#* ]] && continue
    printf '%s' "$line" | tr ' ' '\0' >"$seeds/line-$n"
    n=$((n + 1))
  done <"$src/tests/fuzz/seeds/cli.txt"
elif [[ $target == capi ]]; then
  cp "$src"/tests/data/bad/*.csv "$src"/tests/cli/data/*.csv "$src"/examples/backlog.csv "$src"/tests/cli/data/*.json "$seeds"/
elif [[ $target == import ]]; then
  # The first byte picks the reader (see fuzz_import.cpp).
  seed() { { printf "\\$(printf '%03o' "$1")"; cat "$2"; } >"$seeds/$1-$(basename "$2")"; }
  for f in "$src"/tests/data/import/jira*.csv "$src"/tests/data/bad_import/jira*.csv "$src"/tests/cli/data/jira_export.csv; do seed 0 "$f"; done
  for f in "$src"/tests/data/import/linear.csv "$src"/tests/data/bad_import/linear*.csv; do seed 1 "$f"; done
  for f in "$src"/tests/data/import/trello.json "$src"/tests/data/bad_import/trello*.json; do seed 2 "$f"; done
  for f in "$src"/tests/data/import/notion.csv "$src"/tests/data/bad_import/notion*.csv; do seed 3 "$f"; done
  for f in "$src"/tests/data/import/kano.csv "$src"/tests/data/bad_import/kano*.csv; do seed 4 "$f"; done
  for f in "$src"/tests/data/import/metrics_*.csv "$src"/tests/data/bad_import/metrics*.csv; do seed 5 "$f"; done
  for f in "$src"/tests/cli/data/tiny.nrp; do seed 6 "$f"; done
  for f in "$src"/examples/calibration.json; do seed 7 "$f"; done
  printf '\010weighted:reach=0.5,effort=-0.2' >"$seeds/8-weighted"
  printf '\010moscow:rice' >"$seeds/8-moscow"
  printf '\010reach=unique_users:mean' >"$seeds/8-metric"
  printf '\01015/Feb/26 4:37 PM' >"$seeds/8-date"
elif [[ $target == csv ]]; then
  cp "$src"/tests/data/bad/*.csv "$src"/tests/cli/data/*.csv "$src"/examples/backlog.csv "$seeds"/
else
  cp "$src"/tests/data/bad/*.json "$src"/tests/cli/data/*.json "$seeds"/
fi
cp "$src"/tests/fuzz/seeds/*."$target" "$seeds"/ 2>/dev/null || true
"$build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/$target-" "$corpus" "$seeds" 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|INFO: (Seed|Loaded))" || true
# libFuzzer exits non-zero on a crash; the pipe hides it, so check the artifacts.
if compgen -G "$work/artifacts/$target-*" >/dev/null; then
  echo "crash: inputs saved in $work/artifacts/"
  exit 1
fi
