#!/usr/bin/env bash
# The Python package: a fresh virtual environment under build/, the pinned test
# requirements, `pip install .` (the extension built once in Release by
# scikit-build-core; its build directory and ccache are reused between runs),
# then pytest and `mypy --strict` on the examples. The tests compare with the
# dev build's native `prio` tool (see below).
set -euo pipefail
cd "$(dirname "$0")/.."
export CMAKE_CXX_COMPILER_LAUNCHER="${CMAKE_CXX_COMPILER_LAUNCHER:-$(command -v ccache || true)}"

venv=build/python-venv
rm -rf "$venv"
python3 -m venv "$venv"
py="$venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check -r python/requirements-test.txt

# The dev build's tool, as the JavaScript and web tests use (test.sh has just
# built it; a release build left by scripts/run.sh may be older than the
# sources). Built here when missing.
if [[ -z "${PRIO_CLI:-}" ]]; then
  PRIO_CLI="$PWD/build/dev/src/cli/prio"
  if [[ ! -x "$PRIO_CLI" ]]; then
    cmake --preset dev >/dev/null
    cmake --build --preset dev --target prio_cli
  fi
fi
export PRIO_CLI

# Without build isolation: nanobind and scikit-build-core come from the venv
# (pinned above, the same versions as pyproject.toml), at the same path every
# run, so the persistent build directory and ccache skip the recompilation.
"$py" -m pip install -q --disable-pip-version-check --no-build-isolation .
# Run from tests/python so that `import prio` is the installed package.
(cd tests/python && "../../$py" -m pytest -q -p no:cacheprovider .)
"$py" -m mypy --strict --no-incremental examples/python
echo "python: mypy --strict passed on examples/python"
