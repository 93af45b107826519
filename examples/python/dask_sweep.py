"""A sweep of many team backlogs x strategies x seeds on a Dask cluster.

Run: python examples/python/dask_sweep.py [SCHEDULER_ADDRESS]
Without an address it starts a LocalCluster of two worker processes.
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from dask.distributed import Client, LocalCluster

import prio


def team_backlog(seed: int, n: int = 40) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    reach = rng.uniform(100, 2000, n).round()
    effort = rng.integers(1, 8, n).astype(float)
    return pd.DataFrame({"title": [f"feature {i}" for i in range(n)], "reach": reach, "reach_lo": reach * 0.6,
                         "reach_hi": reach * 1.4, "impact": rng.choice([0.5, 1.0, 2.0, 3.0], n),
                         "confidence": rng.choice([0.5, 0.8, 1.0], n), "effort": effort,
                         "effort_lo": effort, "effort_hi": effort * 2},
                        index=pd.Index([f"s{seed}-f{i}" for i in range(n)], name="id"))


def main() -> None:
    backlogs = {f"team{k}": team_backlog(k) for k in range(20)}
    strategies = {"rice": prio.rice(), "rice-skip": prio.rice(missing="skip")}
    if len(sys.argv) > 1:
        client = Client(sys.argv[1])  # e.g. "tcp://scheduler.example:8786"
    else:
        client = Client(LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None))
    with client:
        result = prio.sweep(client, backlogs, strategies, seeds=[1, 2, 3], draws=1000, top_k=5)
    stable = result.groupby(["backlog", "strategy"])["p_top_k"].apply(lambda p: float((p > 0.9).sum()))
    print(stable.head(10).to_string())
    print(f"{len(result)} rows from {len(backlogs)} backlogs")


if __name__ == "__main__":
    main()
