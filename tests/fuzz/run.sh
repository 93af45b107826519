#!/usr/bin/env bash
# Builds and runs one libFuzzer target of prio's readers.
#   run.sh SOURCE_DIR WORK_DIR csv|json|capi SECONDS
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
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
cmake -S "$src/tests/fuzz/project" -B "$work/build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRIO_SOURCE_DIR="$src" >/dev/null
cmake --build "$work/build" --target "fuzz_$target" >/dev/null
# Seeds: every test input of the right kind; new inputs go to corpus_<target>.
seeds="$work/seeds_$target"
corpus="$work/corpus_$target"
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$work/artifacts"
if [[ $target == capi ]]; then
  cp "$src"/tests/data/bad/*.csv "$src"/tests/cli/data/*.csv "$src"/examples/backlog.csv "$src"/tests/cli/data/*.json "$seeds"/
elif [[ $target == csv ]]; then
  cp "$src"/tests/data/bad/*.csv "$src"/tests/cli/data/*.csv "$src"/examples/backlog.csv "$seeds"/
else
  cp "$src"/tests/data/bad/*.json "$src"/tests/cli/data/*.json "$seeds"/
fi
cp "$src"/tests/fuzz/seeds/*."$target" "$seeds"/ 2>/dev/null || true
"$work/build/fuzz_$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/$target-" "$corpus" "$seeds" 2>&1 | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+==|SUMMARY|INFO: (Seed|Loaded))" || true
# libFuzzer exits non-zero on a crash; the pipe hides it, so check the artifacts.
if compgen -G "$work/artifacts/$target-*" >/dev/null; then
  echo "crash: inputs saved in $work/artifacts/"
  exit 1
fi
