"""prio.score and Backlog.from_pandas at 10^6 features, each beside its baseline
in the same process:
  - prio.score(b, prio.rice()) vs the same C++ call timed inside the extension
    (prio._core.score_seconds: no Python in the loop) -> target within 1.2x;
  - prio.score vs the pandas expression reach * impact * confidence / effort
    -> target at least 3x faster;
  - Backlog.from_pandas(df) vs df.copy() of the same frame -> target within 2x.
Two more baselines say where the floors are: copying the four input columns
with NumPy (np.copyto: what any scoring pass must at least read), and pandas'
own check that the ids are unique (`is_unique` of a fresh copy of the
index, which caches the answer), which from_pandas must make too.
Best of N runs each. Run: python bench/python/bench_score.py [N]
"""

from __future__ import annotations

import sys
import time
from typing import Callable

import numpy as np
import pandas as pd

import prio
from prio import _core

N = 1_000_000


def best(f: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    rng = np.random.default_rng(1)
    df = pd.DataFrame({
        "title": [f"feature {i}" for i in range(N)],
        "reach": np.floor(rng.uniform(10, 100_000, N)),
        "impact": rng.choice([3, 2, 1, 0.5, 0.25], N),
        "confidence": rng.choice([1, 0.8, 0.5], N),
        "effort": rng.uniform(0.5, 12, N),
    }, index=pd.Index([f"f{i}" for i in range(N)], name="id"))
    b = prio.Backlog.from_pandas(df)
    rice = prio.rice()

    t_py = best(lambda: prio.score(b, rice), runs)
    t_cpp = float(_core.score_seconds(b._core, rice._core, runs))
    t_pd = best(lambda: df["reach"] * df["impact"] * df["confidence"] / df["effort"], runs)
    got = prio.score(b, rice).values
    want = (df["reach"] * df["impact"] * df["confidence"] / df["effort"]).to_numpy()
    assert np.allclose(got, want, rtol=1e-15, atol=0)

    t_from = best(lambda: prio.Backlog.from_pandas(df), max(1, runs // 2))
    t_copy = best(lambda: df.copy(), runs)
    cols = [df[c].to_numpy() for c in ("reach", "impact", "confidence", "effort")]
    out = np.empty(N)
    t_read = best(lambda: [np.copyto(out, c) for c in cols], runs)
    fresh = [df.index.copy(deep=True) for _ in range(runs)]
    t_unique = best(lambda: fresh.pop().is_unique, runs)

    print(f"prio.score, {N} features:            {t_py * 1e3:8.2f} ms")
    print(f"  same call in C++ (in the module):   {t_cpp * 1e3:8.2f} ms   Python / C++ = {t_py / t_cpp:.2f}x")
    print(f"  pandas reach*impact*conf/effort:    {t_pd * 1e3:8.2f} ms   pandas / prio = {t_pd / t_py:.2f}x")
    print(f"  NumPy copying the 4 input columns:  {t_read * 1e3:8.2f} ms   (the floor of a pass over them)")
    print(f"Backlog.from_pandas, {N} rows:        {t_from * 1e3:8.2f} ms")
    print(f"  df.copy():                          {t_copy * 1e3:8.2f} ms   from_pandas / copy = {t_from / t_copy:.2f}x")
    print(f"  pandas index.is_unique (fresh):     {t_unique * 1e3:8.2f} ms   from_pandas / is_unique = {t_from / t_unique:.2f}x")


if __name__ == "__main__":
    main()
