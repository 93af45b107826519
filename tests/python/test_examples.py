"""The examples in examples/python run as they are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


def _run(script: str, *args: str) -> str:
    env = dict(os.environ, MPLBACKEND="Agg")
    r = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True, env=env,
                       timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_quickstart() -> None:
    out = _run("quickstart.py")
    assert "score 480" in out and "sso outranks" in out or "dark-mode outranks sso" in out


def test_full_experiment(tmp_path: Path) -> None:
    out = _run("experiment.py", str(tmp_path))
    assert "kendall tau" in out
    for name in ("rank_stability", "tornado", "roadmap"):
        png = tmp_path / f"{name}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


@pytest.mark.skipif(os.environ.get("PRIO_SKIP_DASK_EXAMPLE") == "1", reason="PRIO_SKIP_DASK_EXAMPLE=1")
def test_dask_sweep_example() -> None:
    out = _run("dask_sweep.py")
    assert "rows from 20 backlogs" in out
