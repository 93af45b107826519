#!/usr/bin/env python3
"""Compile cost of each public header: a translation unit that includes only
that header, compiled with the dev flags (g++ -std=c++20 -O0 -c), CPU time
(user+sys) as the median of REPEATS runs, beside a baseline compiled in the
same run: a unit including <string>, <vector> and <iostream> (what any
program pays). Prints a Markdown table sorted by cost.

    python3 bench/header_cost.py [REPEATS]
"""
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include"
CXX = os.environ.get("CXX", "g++")
FLAGS = ["-std=c++20", "-O0", "-I", str(INCLUDE), "-isystem", "/usr/include/eigen3", "-c", "-o", os.devnull]


def cpu_seconds(source: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as f:
        f.write(source)
        path = f.name
    try:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([CXX, *FLAGS, path], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finally:
        os.unlink(path)


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    baseline_src = "#include <string>\n#include <vector>\n#include <iostream>\n"
    headers = sorted(p.relative_to(INCLUDE).as_posix() for p in (INCLUDE / "prio").rglob("*.hpp")
                     if "detail" not in p.parts)
    base = statistics.median(cpu_seconds(baseline_src) for _ in range(repeats))
    rows = []
    for h in headers:
        t = statistics.median(cpu_seconds(f'#include "{h}"\n') for _ in range(repeats))
        rows.append((t, h))
    print(f"load average {os.getloadavg()[0]:.1f}; baseline (<string>, <vector>, <iostream>): {base:.2f} s CPU\n")
    print("| header | CPU s | x baseline |")
    print("|---|---:|---:|")
    for t, h in sorted(rows, reverse=True):
        print(f"| `{h}` | {t:.2f} | {t / base:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
