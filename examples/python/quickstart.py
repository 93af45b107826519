"""Quick start: read a backlog, score it, order it, rank it, simulate, explain.

Run: python examples/python/quickstart.py [BACKLOG.csv]
"""

from __future__ import annotations

import sys
from pathlib import Path

import prio

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "backlog.csv"

b = prio.read_backlog(path)  # any file prio reads
s = prio.score(b, prio.rice())  # prio.Scores: .values is a read-only NumPy view
g = prio.DependencyGraph(b)
idx = prio.order(g, s)  # greedy by default; prio.inherited(), prio.value_density(...)
print("first in dependency order:", [b.ids[i] for i in idx[:5]])

df = prio.ranking(b, prio.rice(), order="greedy")  # the rows of `prio rank --format json`
print(df.head(10).to_string(index=False))

sim = prio.simulate(b, prio.rice(), draws=10_000, seed=1, top_k=5, progress=False)
print(sim[["p_top_k", "median_rank", "rank_lo", "rank_hi"]].head(8).to_string())

print(prio.explain(b, prio.rice(), "sso"))
print(prio.explain(b, prio.rice(), "sso", "dark-mode"))

# pandas in and out: ids are the index
frame = b.to_pandas()
frame.loc["sso", "reach"] = 5000.0
print("sso after raising its reach:", prio.score(prio.Backlog.from_pandas(frame)).to_pandas()["sso"])

# The parent hierarchy (a `parent` column: an epic for its stories)
frame["parent"] = None
frame.loc["audit-log", "parent"] = "sso"
with_epic = prio.Backlog.from_pandas(frame)
parent: str | None = with_epic.parent("audit-log")
print("audit-log's parent:", parent, "| features with a parent:", sum(p is not None for p in with_epic.parents))
