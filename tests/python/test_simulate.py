"""prio.simulate: seeds, threads, Ctrl-C and progress."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path
from typing import List, Tuple

import numpy as np
import pandas as pd
import pytest

import prio


def _uncertain_backlog(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    reach = rng.uniform(100, 1000, n)
    effort = rng.uniform(1, 10, n)
    return pd.DataFrame({"reach": reach, "reach_lo": reach * 0.5, "reach_hi": reach * 1.5, "impact": 1.0,
                         "confidence": 0.8, "effort": effort, "effort_lo": effort * 0.8, "effort_hi": effort * 2},
                        index=[f"f{i}" for i in range(n)])


def test_same_seed_same_numbers_whatever_threads(example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    one = prio.simulate(b, prio.rice(), draws=2000, seed=5, top_k=5, threads=1, progress=False)
    two = prio.simulate(b, prio.rice(), draws=2000, seed=5, top_k=5, threads=2, progress=False)
    pd.testing.assert_frame_equal(one, two, check_exact=True)
    other = prio.simulate(b, prio.rice(), draws=2000, seed=6, top_k=5, progress=False)
    assert not one["p_top_k"].equals(other["p_top_k"])
    assert one.index.name == "id" and one.attrs["uncertain"] == ["reach", "effort"]
    assert one["p_top_k"].sum() == pytest.approx(5.0)  # five places filled in every draw


def test_certain_backlog_gives_certain_ranks() -> None:
    df = _uncertain_backlog(5)[["reach", "impact", "confidence", "effort"]]
    sim = prio.simulate(df, prio.rice(), draws=100, top_k=2, progress=False)
    assert sim["p_top_k"].tolist() == [1.0, 1.0, 0.0, 0.0, 0.0]
    assert (sim["median_rank"] == sim["rank"]).all() and (sim["rank_lo"] == sim["rank_hi"]).all()


def test_progress_callback_reaches_total() -> None:
    seen: List[Tuple[int, int]] = []
    prio.simulate(_uncertain_backlog(200), prio.rice(), draws=20_000, seed=1, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1] == (20_000, 20_000)
    assert all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))


def test_ctrl_c_stops_a_long_simulation_within_a_second() -> None:
    df = _uncertain_backlog(2000)
    # Python's own Ctrl-C handler (a library loaded by another test, such as
    # dask.distributed, may have replaced it).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    # About a minute of work on this machine if it were not stopped.
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            prio.simulate(df, prio.rice(), draws=1_000_000, seed=1, progress=False, rank_stats=False,
                          score_stats=False)
    finally:
        timer.join()
        signal.signal(signal.SIGINT, previous)
    stopped = time.monotonic() - start
    assert stopped < 0.5 + 1.0, stopped


def test_bad_arguments() -> None:
    df = _uncertain_backlog(3)
    with pytest.raises(prio.Error, match="distribution"):
        prio.simulate(df, prio.rice(), distribution="normal", progress=False)
    with pytest.raises(prio.Error):
        prio.simulate(df, prio.rice(), draws=0, progress=False)
    with pytest.raises(TypeError, match="draws"):
        prio.simulate(df, prio.rice(), draws=1.5, progress=False)  # type: ignore[arg-type]
    with pytest.raises(prio.Error, match="order"):
        prio.simulate(df, prio.rice(), order="sideways", progress=False)
    with pytest.raises(prio.Error, match="memory_limit"):  # exact: 12 bytes x 10^6 draws x 2000 features
        prio.simulate(_uncertain_backlog(2000), prio.rice(), draws=1_000_000, exact_stats=True, progress=False)


def test_custom_strategy_in_simulation_is_deterministic() -> None:
    df = _uncertain_backlog(30)
    s = prio.custom(lambda b: b.column("reach") / b.column("effort"), name="reach per effort")
    a = prio.simulate(df, s, draws=300, seed=2, threads=2, progress=False)
    c = prio.simulate(df, s, draws=300, seed=2, threads=1, progress=False)
    pd.testing.assert_frame_equal(a, c, check_exact=True)
    assert a.attrs["strategy"] == "reach per effort"
