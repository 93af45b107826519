#!/usr/bin/env bash
# Builds the npm package's WebAssembly: prio's C ABI (src/capi, include/prio/c.h)
# and prio::io (src/io), compiled by Debian's Emscripten into
#   js/dist/prio.mjs   an ES module exporting the Emscripten factory
#   js/dist/prio.wasm  the code, fetched beside the module (read from disk in Node)
# Incremental: a generated ninja file tracks each object's header dependencies.
#
# Plain em++ driven by ninja rather than emcmake + the project's CMake: the
# Emscripten toolchain file confines find_package to its own sysroot, where
# Debian's Eigen, Boost, nlohmann_json and fast_float are not, and adding
# /usr/include to the path pulls glibc's headers into the build (see
# ../shared/notes/emscripten.md). Here only those four libraries' folders are
# put on the include path.
#
# Usage: scripts/build-wasm.sh            (PRIO_WASM_JOBS=2 by default)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="${PRIO_WASM_BUILD_DIR:-$root/build/wasm}"
dist="$root/js/dist"
jobs="${PRIO_WASM_JOBS:-2}"

command -v em++ >/dev/null || { echo "build-wasm: em++ not found (bash scripts/install-deps.sh installs emscripten)" >&2; exit 1; }
[[ -f "$root/include/prio/c.h" ]] || { echo "build-wasm: include/prio/c.h is missing" >&2; exit 1; }

mkdir -p "$build/include" "$build/obj" "$dist"
# Header-only dependencies, each alone on the include path.
for lib in boost nlohmann fast_float; do ln -sfn "/usr/include/$lib" "$build/include/$lib"; done
# Emscripten's JS optimizer needs Debian's acorn.
export NODE_PATH=/usr/share/nodejs

# Every function declared in the C header is exported (with its leading '_').
exports=$(sed -n 's/^PRIO_C_API[^(]*[ *]\(prio_[a-z0-9_]*\)(.*/_\1/p' "$root/include/prio/c.h" | sort -u | paste -sd, -)
exports="$exports,_malloc,_free"

cxxflags=(-std=c++20 -O2 -DNDEBUG -fwasm-exceptions -ffp-contract=off -DPRIO_C_BUILDING
          -I"$root/include" -I"$root/src" -I/usr/include/eigen3 -I"$build/include"
          -Wall -Wno-unused-command-line-argument)
# MODULARIZE + EXPORT_ES6: `import createPrioModule from "./prio.mjs"`, one
# instance per call. web,worker: the Node-specific loader of this Emscripten
# version breaks under Node 20, so js/index.js passes the .wasm bytes itself
# there. ABORTING_MALLOC=0: running out of memory makes operator new throw
# std::bad_alloc, which the C ABI turns into an error instead of an abort.
ldflags=(-O2 -fwasm-exceptions
         -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createPrioModule -sENVIRONMENT=web,worker
         -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=2147483648 -sABORTING_MALLOC=0
         -sEXPORTED_FUNCTIONS="$exports"
         -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8,addFunction,removeFunction -sALLOW_TABLE_GROWTH=1
         -sFILESYSTEM=0)

q() { printf '%q ' "$@"; }
{
  echo "ninja_required_version = 1.5"
  echo "rule cxx"
  echo "  command = em++ $(q "${cxxflags[@]}") -MMD -MF \$out.d -c \$in -o \$out"
  echo "  depfile = \$out.d"
  echo "  deps = gcc"
  echo "  description = em++ \$in"
  echo "rule link"
  echo "  command = em++ $(q "${ldflags[@]}") \$in -o \$out"
  echo "  description = link \$out"
  objs=()
  for src in "$root"/src/io/*.cpp "$root"/src/capi/*.cpp; do
    rel=${src#"$root/src/"}
    obj="obj/${rel//\//_}.o"
    objs+=("$obj")
    echo "build $obj: cxx $src"
  done
  echo "build $dist/prio.mjs | $dist/prio.wasm: link ${objs[*]}"
} >"$build/build.ninja.new"
# Rewrite the ninja file only when it changes (keeps ninja's state valid).
if ! cmp -s "$build/build.ninja.new" "$build/build.ninja" 2>/dev/null; then mv "$build/build.ninja.new" "$build/build.ninja"; else rm "$build/build.ninja.new"; fi
ninja -C "$build" -j "$jobs"
