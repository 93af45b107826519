"""A full experiment: read, score three ways, compare, simulate, plot.

Run: python examples/python/experiment.py [OUTPUT_DIR]
Writes rank_stability.png, tornado.png and roadmap.png to OUTPUT_DIR
(default: the current directory).
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import prio  # noqa: E402
import prio.plot  # noqa: E402

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".")
out.mkdir(parents=True, exist_ok=True)
backlog = prio.read_backlog(Path(__file__).resolve().parents[1] / "backlog.csv")

# 1. Score three ways.
weights = {"retention": 0.5, "revenue": 0.3, "effort": -0.2}
strategies = {"rice": prio.rice(), "wsjf": prio.wsjf(), "weighted": prio.weighted(weights, "min_max")}
scores = {name: prio.score(backlog, s) for name, s in strategies.items()}
for name, sc in scores.items():
    top = sc.to_pandas().sort_values(ascending=False).head(3)
    print(f"{name:9s} top 3: {', '.join(str(i) for i in top.index)}")

# 2. Compare the rankings.
comparison = prio.compare(backlog, strategies, top_k=5)
print(comparison.pairs.to_string(index=False))
print("moved most:", ", ".join(comparison.movers["id"].head(3)))
print(f"rice vs wsjf: kendall tau {prio.kendall_tau(scores['rice'], scores['wsjf']):.3f}, "
      f"rbo {prio.rbo(scores['rice'], scores['wsjf']):.3f}")

# 3. How sure is the RICE ranking under the uncertain estimates?
sim = prio.simulate(backlog, prio.rice(), draws=5000, seed=7, top_k=5, progress=False)
print(sim[["score", "p_top_k", "rank_lo", "rank_hi"]].head(6).to_string())

# 4. Weight sensitivity and a sprint plan.
sens = prio.sensitivity(backlog, weights)
plan = prio.plan(backlog, 8, strategy=prio.wsjf())
print(f"{len(plan.sprints)} sprints; first: {', '.join(plan.sprints['features'].iloc[0])}")

# 5. Plots.
for name, ax in (("rank_stability", prio.plot.rank_stability(sim)),
                 ("tornado", prio.plot.tornado(sens)),
                 ("roadmap", prio.plot.roadmap(plan))):
    ax.figure.savefig(out / f"{name}.png", dpi=80, bbox_inches="tight")
    print("wrote", out / f"{name}.png")
