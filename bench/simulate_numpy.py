#!/usr/bin/env python3
"""The bench_simulate scenario in NumPy, for the ratio in the README.

10^4 draws of a 10^4-feature RICE backlog whose reach, confidence and effort
carry triangular ranges (lo = 0.5 x, hi = 2 x for reach; 0.5 x .. x for
confidence; 0.5 x .. 3 x for effort); P(top 10) for every feature. Vectorized
the idiomatic way: blocks of draws x features, Generator.triangular,
argpartition for the top 10, bincount to count. NumPy runs these operations
on one thread; the two-process run splits the draws over a multiprocessing
pool of 2 (independent streams from one SeedSequence), to compare with
bench_simulate's 2 threads.

The backlog is the one bench_simulate uses, read from the file it writes:
  PRIO_BENCH_SIMULATE_INPUT=/tmp/sim.csv build/release/bench/bench_simulate
  ... bench/simulate_numpy.py /tmp/sim.csv [runs]
  ... bench/simulate_numpy.py /tmp/sim.csv once   (one run, for bench/simulate_cli.sh)

Run (Debian's python3-numpy; the OPENBLAS_* variables of this machine must be
unset for NumPy to start):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/simulate_numpy.py /tmp/sim.csv
"""
import multiprocessing
import sys
import time

import numpy as np

FEATURES, DRAWS, TOP, BLOCK = 10_000, 10_000, 10, 100


def backlog(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    assert data.shape == (FEATURES, 4), data.shape
    return tuple(data[:, k].copy() for k in range(4))


def count_top(args):
    reach, impact, confidence, effort, seed, draws = args
    rng = np.random.default_rng(seed)
    count = np.zeros(FEATURES, dtype=np.int64)
    shape = (BLOCK, FEATURES)
    for _ in range(draws // BLOCK):
        r = rng.triangular(reach * 0.5, reach, reach * 2, shape)
        c = rng.triangular(confidence * 0.5, confidence, confidence + 1e-12, shape)
        e = rng.triangular(effort * 0.5, effort, effort * 3, shape)
        score = r * impact * c / e
        top = np.argpartition(-score, TOP, axis=1)[:, :TOP]
        count += np.bincount(top.ravel(), minlength=FEATURES)
    return count


def simulate(columns, pool, processes):
    seeds = np.random.SeedSequence(7).spawn(processes)
    jobs = [(*columns, seeds[k], DRAWS // processes) for k in range(processes)]
    counts = pool.map(count_top, jobs) if pool else [count_top(jobs[0])]
    return sum(counts) / DRAWS


def main():
    columns = backlog(sys.argv[1])
    if len(sys.argv) > 2 and sys.argv[2] == "once":  # one run on one process, timed from outside (bench/simulate_cli.sh)
        p = simulate(columns, None, 1)
        assert abs(p.sum() - TOP) < 1e-9
        return
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with multiprocessing.Pool(2) as pool:
        for processes in (1, 2):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                p = simulate(columns, pool if processes > 1 else None, processes)
                times.append(time.perf_counter() - start)
                assert abs(p.sum() - TOP) < 1e-9
            times.sort()
            print(f"numpy {np.__version__}, {processes} process(es): {DRAWS} draws x {FEATURES} features, P(top {TOP}): "
                  f"median {times[len(times) // 2] * 1000:.0f} ms over {len(times)} runs "
                  f"(min {times[0] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
