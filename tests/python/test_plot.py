"""Plots render with Agg and draw what the data says."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

import prio  # noqa: E402
import prio.plot  # noqa: E402


@pytest.fixture()
def b(example_path: Path) -> prio.Backlog:
    return prio.read_backlog(example_path)


def test_rank_stability_bars_are_p_top_k(b: prio.Backlog) -> None:
    sim = prio.simulate(b, prio.rice(), draws=500, seed=1, top_k=5, progress=False)
    ax = prio.plot.rank_stability(sim, top=10)
    bars = ax.patches
    assert len(bars) == 10
    assert [p.get_width() for p in bars] == sim["p_top_k"].head(10).tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == list(sim.index[:10])
    texts = [t.get_text() for t in ax.texts]
    first = sim.iloc[0]
    assert texts[0] == f"rank {first['rank_lo']:g}-{first['rank_hi']:g} (median {first['median_rank']:g})"
    ax.figure.canvas.draw()
    plt.close(ax.figure)


def test_tornado_bars_are_the_weight_changes(b: prio.Backlog) -> None:
    sens = prio.sensitivity(b, {"retention": 0.5, "revenue": 0.3, "effort": -0.2})
    ax = prio.plot.tornado(sens)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert sorted(labels) == ["effort", "retention", "revenue"]
    bars = ax.patches
    assert len(bars) == 6  # one down and one up bar per criterion
    w = sens.weights
    for k, name in enumerate(labels):
        down, up = bars[2 * k], bars[2 * k + 1]
        if not np.isnan(w.loc[name, "top1_down"]):
            assert down.get_x() == pytest.approx(w.loc[name, "top1_down"])
        if not np.isnan(w.loc[name, "top1_up"]):
            assert up.get_width() == pytest.approx(w.loc[name, "top1_up"])
    ax.figure.canvas.draw()
    plt.close(ax.figure)


def test_roadmap_draws_every_planned_feature(b: prio.Backlog) -> None:
    p = prio.plan(b, 8)
    ax = prio.plot.roadmap(p)
    drawn = [t.get_text() for t in ax.texts]
    assert drawn == [f for fs in p.sprints["features"] for f in fs]
    assert len(ax.patches) == len(drawn)
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"sprint {s}" for s in p.sprints.index]
    ax.figure.canvas.draw()
    plt.close(ax.figure)


def test_dollar_titles_are_not_mathtext() -> None:
    import pandas as pd

    df = pd.DataFrame({"reach": [1.0, 2.0], "impact": 1.0, "confidence": 1.0, "effort": 1.0},
                      index=["$x^2$", "b"])
    sim = prio.simulate(df, prio.rice(), draws=10, top_k=1, progress=False)
    ax = prio.plot.rank_stability(sim)
    ax.figure.canvas.draw()  # would raise or render math if parsed
    assert "$x^2$" in [t.get_text() for t in ax.get_yticklabels()]
    plt.close(ax.figure)
