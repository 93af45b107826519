"""prio.sweep over 200 team backlogs: a Dask LocalCluster of 2 worker processes
vs the serial loop in this process (the same tasks; results checked equal).
Target: at least 1.6x faster on a 2-core machine. Beside it, what the machine
gives two processes at all: the same serial loop split in halves over a
multiprocessing pool of 2 (no Dask), so that a virtual machine whose two
vCPUs share one core (two processes each ~1.7x slower) is told apart from
Dask's own overhead. Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536
(distributed.nanny.pre-spawn-environ), under which glibc hands freed memory
straight back to the kernel; prio.simulate keeps its buffers in a small pool
between calls, so the workers do not fault them in again on every call (that
cost ~13% per task before).
Run: python bench/python/bench_sweep.py
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from typing import Callable, Dict, List, TypeVar

import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster

import prio

BACKLOGS, FEATURES, DRAWS = 200, 200, 1000
T = TypeVar("T")


def team(k: int) -> pd.DataFrame:
    rng = np.random.default_rng(k)
    reach = rng.uniform(100, 5000, FEATURES).round()
    effort = rng.integers(1, 9, FEATURES).astype(float)
    return pd.DataFrame({"reach": reach, "reach_lo": reach * 0.6, "reach_hi": reach * 1.5, "impact": 1.0,
                         "confidence": 0.8, "effort": effort, "effort_lo": effort, "effort_hi": effort * 2},
                        index=[f"t{k}-{i}" for i in range(FEATURES)])


def half(part: int) -> int:
    """One half of the serial sweep, in a pool process (rebuilds its backlogs)."""
    keys = range(part, BACKLOGS, 2)
    backlogs = {f"team{k}": prio.Backlog.from_pandas(team(k)) for k in keys}
    return len(prio.sweep(None, backlogs, {"rice": prio.rice()}, seeds=[1], draws=DRAWS, top_k=10))


def main(rounds: int = 3) -> None:
    backlogs = {f"team{k}": prio.Backlog.from_pandas(team(k)) for k in range(BACKLOGS)}
    strategies = {"rice": prio.rice()}
    times: Dict[str, List[float]] = {"serial": [], "dask": [], "batch1": [], "pool": []}

    def timed(key: str, f: Callable[[], T]) -> T:
        t = time.perf_counter()
        out = f()
        times[key].append(time.perf_counter() - t)
        return out

    # Rounds alternate the serial loop and the cluster in one window, so a
    # noisy spell of the machine hits both; medians and each round are printed.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.submit(lambda: 0).result()  # workers up before the clock starts
        for _ in range(rounds):
            serial = timed("serial", lambda: prio.sweep(None, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10))
            remote = timed("dask", lambda: prio.sweep(client, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10))
            one_each = timed("batch1", lambda: prio.sweep(client, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10,
                                                          batch=1))
            pd.testing.assert_frame_equal(serial, one_each, check_exact=True)
            pd.testing.assert_frame_equal(serial, remote, check_exact=True)
    with multiprocessing.Pool(2) as pool:
        pool.map(half, [0, 1])  # warm: imports done before the clock starts
        for _ in range(rounds):
            assert sum(timed("pool", lambda: pool.map(half, [0, 1]))) == len(serial)

    def row(label: str, key: str, note: str) -> None:
        t = times[key]
        ratios = [s / x for s, x in zip(times["serial"], t)]
        each = ", ".join(f"{r:.2f}x" for r in ratios)
        print(f"  {label:<26}{statistics.median(t):6.2f} s   serial / this = {statistics.median(ratios):.2f}x"
              f" (rounds: {each})  {note}")

    print(f"sweep of {BACKLOGS} backlogs x {FEATURES} features x {DRAWS} draws, median of {rounds} rounds")
    print(f"  {'serial loop:':<26}{statistics.median(times['serial']):6.2f} s")
    row("Dask, 2 worker processes:", "dask", "(batch=None: 8 tasks of 25 backlogs)")
    row("the same, batch=1:", "batch1", "(200 tasks of one backlog)")
    row("2 plain processes (pool):", "pool",
        "(what this machine gives two processes; includes building the backlogs)")


if __name__ == "__main__":
    main()
