"""Plots with matplotlib (the optional extra ``prio-backlog[plot]``).

Each function draws on the given Axes (or a new figure) and returns the
Axes; ids and titles are drawn as plain text (matplotlib's mathtext is
switched off for them, so a '$' in a title is not markup).
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np
import pandas as pd

from ._reports import Plan, Sensitivity


def _axes(ax: Optional[Any], height: float) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(8, max(2.5, height)))
    return ax


def _labels(ax: Any, labels: Any) -> None:
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels([str(x) for x in labels])
    for t in ax.get_yticklabels():
        t.set_usetex(False)
        t.set_parse_math(False)


def rank_stability(simulation: pd.DataFrame, *, top: int = 20, ax: Optional[Any] = None) -> Any:
    """P(top k) per feature as bars (best first) with each feature's rank
    interval written beside its bar, from the DataFrame of prio.simulate."""
    df = simulation.head(top)
    ax = _axes(ax, 0.3 * len(df) + 1)
    y = np.arange(len(df))
    ax.barh(y, df["p_top_k"].to_numpy(), color="#4477aa", label="P(top k)")
    for yi, (lo, med, hi) in zip(y, df[["rank_lo", "median_rank", "rank_hi"]].to_numpy()):
        ax.text(1.01, yi, f"rank {lo:g}-{hi:g} (median {med:g})", va="center", fontsize=8, parse_math=False,
                transform=ax.get_yaxis_transform())
    _labels(ax, df.index)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    k = simulation.attrs.get("top_k", "k")
    ax.set_xlabel(f"P(top {k}) over {simulation.attrs.get('draws', '?')} draws")
    ax.set_title(f"Rank stability ({simulation.attrs.get('strategy', '')})")
    return ax


def tornado(result: Sensitivity, *, ax: Optional[Any] = None, top_k: bool = False) -> Any:
    """Sensitivity tornado: for each criterion, how far its weight may fall
    (left) or rise (right, relative change) before the first feature
    changes (or with ``top_k=True`` the set of the first k). A criterion no
    change of which alters the result spans the whole side (drawn hatched)."""
    w = result.weights
    lo_col, hi_col = ("top_k_down", "top_k_up") if top_k else ("top1_down", "top1_up")
    down = pd.to_numeric(w[lo_col], errors="coerce").to_numpy(dtype=float)
    up = pd.to_numeric(w[hi_col], errors="coerce").to_numpy(dtype=float)
    span = np.where(np.isnan(down), -1.0, down), np.where(np.isnan(up), np.nanmax(np.append(up, 1.0)), up)
    order = np.argsort(span[1] - span[0])  # narrowest (most sensitive) on top after inversion
    ax = _axes(ax, 0.4 * len(w) + 1)
    y = np.arange(len(w))
    for yi, i in zip(y, order):
        ax.barh(yi, -span[0][i], left=span[0][i], color="#cc6677", hatch="//" if np.isnan(down[i]) else None)
        ax.barh(yi, span[1][i], left=0, color="#117733", hatch="//" if np.isnan(up[i]) else None)
    _labels(ax, [w.index[i] for i in order])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("relative weight change that alters the " + ("top k" if top_k else "first feature"))
    ax.set_title(f"Weight sensitivity ({result.strategy})")
    return ax


def roadmap(p: Plan, *, ax: Optional[Any] = None) -> Any:
    """The plan as a roadmap: one row per sprint, a bar per feature sized by
    its share of the sprint's capacity, labelled with its id."""
    ax = _axes(ax, 0.5 * len(p.sprints) + 1)
    for row, (sprint, rec) in enumerate(p.sprints.iterrows()):
        feats = list(rec["features"])
        n = max(len(feats), 1)
        for j, f in enumerate(feats):
            ax.barh(row, 1.0 / n, left=j / n, color=f"C{j % 10}", edgecolor="white")
            ax.text((j + 0.5) / n, row, str(f), ha="center", va="center", fontsize=7, parse_math=False)
    _labels(ax, [f"sprint {s}" for s in p.sprints.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xticks([])
    ax.set_title(f"Roadmap ({p.strategy})")
    return ax
