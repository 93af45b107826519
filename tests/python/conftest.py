"""Shared fixtures: the example backlog and the native `prio` tool to compare with."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable, List

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "backlog.csv"
WEIGHTS = ROOT / "examples" / "weights"


def _find_cli() -> str:
    env = os.environ.get("PRIO_CLI")
    if env:
        return env
    for preset in ("release", "dev", "asan"):
        p = ROOT / "build" / preset / "src" / "cli" / "prio"
        if p.exists():
            return str(p)
    return shutil.which("prio") or ""


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def weights_path() -> Path:
    return WEIGHTS


@pytest.fixture(scope="session")
def cli() -> Callable[..., Any]:
    """Runs the native `prio` executable (a separate process, not the
    extension) and returns its parsed JSON, or its text with text=True."""
    exe = _find_cli()
    if not exe:
        pytest.skip("the native prio tool is not built (scripts/test-python.sh builds it; or set PRIO_CLI)")

    def run(*args: str, text: bool = False) -> Any:
        argv: List[str] = [exe, *args] + ([] if text else ["--format", "json"])
        r = subprocess.run(argv, capture_output=True, text=True, check=False)
        assert r.returncode == 0, r.stderr
        return r.stdout if text else json.loads(r.stdout)

    return run
