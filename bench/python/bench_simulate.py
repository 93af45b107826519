"""prio.simulate, 10^4 draws x 10^4 features (the scenario of bench/simulate.cpp
and bench/simulate_numpy.py), beside two baselines in the same process:
  - the same C++ call timed inside the extension (prio._core.simulate_seconds)
    -> target within 1.1x;
  - bench/simulate_numpy.py's vectorized NumPy version -> target at least 5x slower.
P(top 10) only (rank_stats and score_stats off, as the NumPy script computes).
Run: python bench/python/bench_simulate.py [RUNS]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

import prio
from prio import _core

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import simulate_numpy  # noqa: E402  (bench/simulate_numpy.py)

FEATURES, DRAWS, TOP = simulate_numpy.FEATURES, simulate_numpy.DRAWS, simulate_numpy.TOP


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    # The backlog of bench/simulate.cpp's kind (seeded): reach 10..10^5, impact and
    # confidence from their scales, effort 0.5..12; ranges as bench/simulate_numpy.py draws them.
    rng = np.random.default_rng(1)
    reach = np.floor(rng.uniform(10, 100_000, FEATURES))
    impact = rng.choice([3.0, 2.0, 1.0, 0.5, 0.25], FEATURES)
    confidence = rng.choice([1.0, 0.8, 0.5], FEATURES)
    effort = rng.uniform(0.5, 12, FEATURES)
    df = pd.DataFrame({"reach": reach, "reach_lo": reach * 0.5, "reach_hi": reach * 2, "impact": impact,
                       "confidence": confidence, "confidence_lo": confidence * 0.5, "confidence_hi": confidence,
                       "effort": effort, "effort_lo": effort * 0.5, "effort_hi": effort * 3},
                      index=[f"f{i}" for i in range(FEATURES)])
    b = prio.Backlog.from_pandas(df)
    t_py, t_cpp, t_np = [], [], []
    for _ in range(runs):
        t = time.perf_counter()
        sim = prio.simulate(b, prio.rice(), draws=DRAWS, seed=1, top_k=TOP, progress=False, rank_stats=False,
                            score_stats=False)
        t_py.append(time.perf_counter() - t)
        t_cpp.append(float(_core.simulate_seconds(b._core, DRAWS, TOP, False)))
    for _ in range(max(1, runs - 1)):
        t = time.perf_counter()
        p = simulate_numpy.simulate((reach, impact, confidence, effort), None, 1)
        t_np.append(time.perf_counter() - t)
    assert abs(sim["p_top_k"].sum() - TOP) < 1e-9 and abs(p.sum() - TOP) < 1e-9
    py, cpp, npy = min(t_py), min(t_cpp), min(t_np)
    print(f"prio.simulate {DRAWS} draws x {FEATURES} features: {py:7.2f} s")
    print(f"  same call in C++ (in the module):            {cpp:7.2f} s   Python / C++ = {py / cpp:.3f}x")
    print(f"  bench/simulate_numpy.py (NumPy):             {npy:7.2f} s   NumPy / prio = {npy / py:.2f}x")


if __name__ == "__main__":
    main()
