"""prio.sweep over 200 team backlogs: a Dask LocalCluster of 2 worker processes
vs the serial loop in this process (the same tasks; results checked equal).
Target: at least 1.6x faster on a 2-core machine. Beside it, what the machine
gives two processes at all: the same serial loop split in halves over a
multiprocessing pool of 2 (no Dask), so that a virtual machine whose two
vCPUs share one core (two processes each ~1.7x slower) is told apart from
Dask's own overhead. Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536
(distributed.nanny.pre-spawn-environ): glibc then hands each simulate call's
few MB back to the kernel and faults them in again on the next call, ~10%
more CPU per task than in this process (the serial loop run with that
variable set shows the same).
Run: python bench/python/bench_sweep.py
"""

from __future__ import annotations

import multiprocessing
import time

import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster

import prio

BACKLOGS, FEATURES, DRAWS = 200, 200, 1000


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


def main() -> None:
    backlogs = {f"team{k}": prio.Backlog.from_pandas(team(k)) for k in range(BACKLOGS)}
    strategies = {"rice": prio.rice()}
    t = time.perf_counter()
    serial = prio.sweep(None, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10)
    t_serial = time.perf_counter() - t
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.submit(lambda: 0).result()  # workers up before the clock starts
        t = time.perf_counter()
        remote = prio.sweep(client, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10)
        t_dask = time.perf_counter() - t
        t = time.perf_counter()
        one_each = prio.sweep(client, backlogs, strategies, seeds=[1], draws=DRAWS, top_k=10, batch=1)
        t_one_each = time.perf_counter() - t
    pd.testing.assert_frame_equal(serial, one_each, check_exact=True)
    pd.testing.assert_frame_equal(serial, remote, check_exact=True)
    with multiprocessing.Pool(2) as pool:
        pool.map(half, [0, 1])  # warm: imports done before the clock starts
        t = time.perf_counter()
        assert sum(pool.map(half, [0, 1])) == len(serial)
        t_pool = time.perf_counter() - t
    print(f"sweep of {BACKLOGS} backlogs x {FEATURES} features x {DRAWS} draws")
    print(f"  serial loop:              {t_serial:6.2f} s")
    print(f"  Dask, 2 worker processes: {t_dask:6.2f} s   serial / Dask = {t_serial / t_dask:.2f}x"
          "  (batch=None: 8 tasks of 25 backlogs)")
    print(f"  the same, batch=1:        {t_one_each:6.2f} s   serial / Dask = {t_serial / t_one_each:.2f}x"
          "  (200 tasks of one backlog)")
    print(f"  2 plain processes (pool): {t_pool:6.2f} s   serial / pool = {t_serial / t_pool:.2f}x"
          "  (what this machine gives two processes; includes building the backlogs)")


if __name__ == "__main__":
    main()
