#!/usr/bin/env python3
"""The bench_simulate scenario in NumPy, for the ratio in the README.

10^4 draws of a 10^4-feature RICE backlog whose reach, confidence and effort
carry triangular ranges (lo = 0.5 x, hi = 2 x for reach; 0.5 x .. x for
confidence; 0.5 x .. 3 x for effort); P(top 10) for every feature. Vectorized
the idiomatic way: blocks of draws x features, Generator.triangular,
argpartition for the top 10, bincount to count. Single-threaded, as NumPy is
for these operations.

Run (Debian's python3-numpy; the OPENBLAS_* variables of this machine must be
unset for NumPy to start):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/simulate_numpy.py
"""
import sys
import time

import numpy as np

FEATURES, DRAWS, TOP, BLOCK = 10_000, 10_000, 10, 100


def backlog(rng):
    reach = np.floor(rng.uniform(10, 100_000, FEATURES))
    impact = rng.choice([3, 2, 1, 0.5, 0.25], FEATURES)
    confidence = rng.choice([1, 0.8, 0.5], FEATURES)
    effort = rng.uniform(0.5, 12, FEATURES)
    return reach, impact, confidence, effort


def simulate(reach, impact, confidence, effort, seed=7):
    rng = np.random.default_rng(seed)
    count = np.zeros(FEATURES, dtype=np.int64)
    shape = (BLOCK, FEATURES)
    for _ in range(DRAWS // BLOCK):
        r = rng.triangular(reach * 0.5, reach, reach * 2, shape)
        c = rng.triangular(confidence * 0.5, confidence, confidence + 1e-12, shape)
        e = rng.triangular(effort * 0.5, effort, effort * 3, shape)
        score = r * impact * c / e
        top = np.argpartition(-score, TOP, axis=1)[:, :TOP]
        count += np.bincount(top.ravel(), minlength=FEATURES)
    return count / DRAWS


def main():
    reach, impact, confidence, effort = backlog(np.random.default_rng(1))
    times = []
    for _ in range(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        start = time.perf_counter()
        p = simulate(reach, impact, confidence, effort)
        times.append(time.perf_counter() - start)
        assert abs(p.sum() - TOP) < 1e-9
    times.sort()
    print(f"numpy {np.__version__}: {DRAWS} draws x {FEATURES} features, P(top {TOP}): "
          f"median {times[len(times) // 2] * 1000:.0f} ms over {len(times)} runs "
          f"(min {times[0] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
