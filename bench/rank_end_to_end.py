#!/usr/bin/python3
"""End-to-end ranking of a 10^6-feature backlog: `prio rank` against pandas + networkx.

Both sides read the same CSV (id,title,reach,impact,confidence,effort,moscow,depends_on),
score it with RICE (reach x impact x confidence / effort), order it so that every
feature comes after its prerequisites, highest score first among the ready ones
(networkx.lexicographical_topological_sort keyed by rank position = prio's
`--order greedy`), and write the full ranking as CSV. Each side runs in its own
process under /usr/bin/time -v for wall time and peak memory.

Usage (Debian's python3-pandas and python3-networkx, so /usr/bin/python3):
  /usr/bin/python3 bench/rank_end_to_end.py --prio build/release/src/cli/prio [--rows 1000000] [--repeat 3]
The CSV is generated (seeded, deterministic) into build/bench/ unless it exists.
"""
import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile


def generate(path, rows, seed=20261126):
    """A synthetic backlog: Intercom scales, ~1.5 prerequisites per feature among earlier ones."""
    rng = random.Random(seed)
    impacts = ["3", "2", "1", "0.5", "0.25"]
    confidences = ["100%", "80%", "50%", "0.8", "80"]
    moscow = ["must", "should", "could", "won't", ""]
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write("id,title,reach,impact,confidence,effort,moscow,depends_on\n")
        for i in range(rows):
            deps = ""
            if i > 0:
                k = rng.choice((0, 0, 1, 2, 3, 3))
                deps = ";".join(sorted({"F%07d" % rng.randrange(max(0, i - 5000), i) for _ in range(k)}))
            title = "Feature %d" % i if i % 10 else '"Feature %d, with a comma"' % i
            f.write("F%07d,%s,%d,%s,%s,%g,%s,%s\n" % (
                i, title, rng.randrange(10, 100000), rng.choice(impacts), rng.choice(confidences),
                rng.choice((0.5, 1, 2, 3, 5, 8, 13)), rng.choice(moscow), deps))
    os.replace(tmp, path)


def python_rank(csv_path, out_path):
    """The pandas + networkx pipeline (runs in a child process)."""
    import networkx as nx
    import pandas as pd

    df = pd.read_csv(csv_path, dtype={"id": str, "title": str, "moscow": str, "depends_on": str},
                     keep_default_na=False, na_values={"reach": [""], "impact": [""], "effort": [""]})
    conf = df["confidence"].astype(str).str.rstrip("%").astype(float)
    conf = conf.where(conf <= 1, conf / 100)  # 0.8, 80 and 80% all mean 0.8, as in prio
    df["score"] = df["reach"] * df["impact"] * conf / df["effort"]
    # Rank: score descending, id ascending on ties (prio's tie-break).
    df = df.sort_values(["score", "id"], ascending=[False, True], kind="mergesort")
    position = {fid: p for p, fid in enumerate(df["id"])}
    g = nx.DiGraph()
    g.add_nodes_from(df["id"])
    for fid, deps in zip(df["id"], df["depends_on"]):
        if deps:
            for d in deps.split(";"):
                g.add_edge(d, fid)
    order = list(nx.lexicographical_topological_sort(g, key=position.__getitem__))
    by_id = df.set_index("id")
    out = by_id.loc[order, ["title", "score", "moscow"]].reset_index()
    out.insert(0, "rank", range(1, len(out) + 1))
    out.to_csv(out_path, index=False)


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak MB)."""
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stderr[-2000:]))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    seconds = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return seconds, rss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prio", default="build/release/src/cli/prio")
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--csv", default=None, help="default: build/bench/backlog_<rows>.csv")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--python-only", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.python_only:
        python_rank(*a.python_only)
        return
    csv_path = a.csv or os.path.join("build", "bench", "backlog_%d.csv" % a.rows)
    if not os.path.exists(csv_path):
        print("generating %s (%d rows)..." % (csv_path, a.rows), flush=True)
        generate(csv_path, a.rows)
    size_mb = os.path.getsize(csv_path) / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        prio_out, py_out = os.path.join(tmp, "prio.csv"), os.path.join(tmp, "python.csv")
        prio_cmd = [a.prio, "rank", csv_path, "--order", "greedy", "--format", "csv", "-o", prio_out]
        py_cmd = [sys.executable, os.path.abspath(__file__), "--python-only", csv_path, py_out]
        runs = {"prio": [], "python": []}
        for _ in range(a.repeat):
            runs["prio"].append(timed(prio_cmd))
            runs["python"].append(timed(py_cmd))
        # Same order on both sides?
        with open(prio_out) as f1, open(py_out) as f2:
            ids1 = [line.split(",", 2)[1] for line in f1.readlines()[1:]]
            ids2 = [line.split(",", 2)[1] for line in f2.readlines()[1:]]
        same = ids1 == ids2
    med = {k: (statistics.median(t for t, _ in v), max(m for _, m in v)) for k, v in runs.items()}
    print("input: %s, %d features, %.1f MB" % (csv_path, a.rows, size_mb))
    print("%-32s %10s %12s" % ("", "wall (s)", "peak RSS (MB)"))
    print("%-32s %10.2f %12.0f" % ("prio rank (C++)", *med["prio"]))
    print("%-32s %10.2f %12.0f" % ("pandas + networkx (Python)", *med["python"]))
    print("prio is %.1fx faster end to end, using %.1fx less memory (median of %d runs); same order: %s" % (
        med["python"][0] / med["prio"][0], med["python"][1] / med["prio"][1], a.repeat, "yes" if same else "NO"))


if __name__ == "__main__":
    main()
