"""The same numbers through Python as through the native `prio` tool, bit for bit.

Each test runs the executable (a separate process built from src/cli) on
examples/backlog.csv and compares its JSON with the Python result exactly
(JSON numbers are written in the shortest form that reads back exactly).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable, Dict, List

import pandas as pd
import pytest

import prio


def _records(df: pd.DataFrame) -> List[Dict[str, Any]]:
    out = []
    for rec in df.to_dict("records"):
        out.append({k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in rec.items()})
    return out


STRATEGIES = [
    (["--by", "rice"], lambda: prio.rice()),
    (["--by", "wsjf"], lambda: prio.wsjf()),
    (["--by", "moscow:wsjf"], lambda: prio.moscow(prio.wsjf())),
    (["--by", "moscow"], lambda: prio.moscow()),
]


@pytest.mark.parametrize("order", ["greedy", "inherited", "value-density", "none"])
@pytest.mark.parametrize("args,make", STRATEGIES, ids=[s[0][1] for s in STRATEGIES])
def test_ranking_equals_prio_rank_json(cli: Callable[..., Any], example_path: Path, args: List[str],
                                       make: Callable[[], prio.Strategy], order: str) -> None:
    expected = cli("rank", str(example_path), *args, "--order", order)["ranking"]
    b = prio.read_backlog(example_path)
    got = prio.ranking(b, make(), order=order.replace("-", "_"))
    assert list(got.columns) == ["rank", "id", "title", "score", "moscow", "blocked_by"]
    assert _records(got) == expected


@pytest.mark.parametrize("normalization", ["min_max", "z_score", "vector", "rank"])
def test_weighted_ranking_equals_cli(cli: Callable[..., Any], example_path: Path, weights_path: Path,
                                     normalization: str) -> None:
    expected = cli("rank", str(example_path), "--by", f"weighted:{normalization}", "--weights", str(weights_path))
    b = prio.read_backlog(example_path)
    s = prio.weighted({"retention": 0.5, "revenue": 0.3, "effort": -0.2}, normalization)
    assert s.name == expected["strategy"]
    assert _records(prio.ranking(b, s)) == expected["ranking"]


def test_ranking_top_and_done_equal_cli(cli: Callable[..., Any], example_path: Path) -> None:
    expected = cli("rank", str(example_path), "--by", "rice", "--top", "7", "--done", "sso,usage-billing")["ranking"]
    got = prio.ranking(prio.read_backlog(example_path), prio.rice(), top=7, done=["sso", "usage-billing"])
    assert _records(got) == expected


def test_ice_from_pandas_equals_cli(cli: Callable[..., Any], tmp_path: Path) -> None:
    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "title": ["A", "B", "C", "D"],
                       "impact": [8.0, 5, 9, 5], "confidence": [7.0, 9, 4, 9], "ease": [3.0, 8, 6, 8]})
    path = tmp_path / "ice.csv"
    df.to_csv(path, index=False)
    for by, s in (("ice", prio.ice()), ("ice-average", prio.ice(average=True))):
        expected = cli("rank", str(path), "--by", by, "--percent-columns", "none", "--order", "none")["ranking"]
        assert _records(prio.ranking(prio.Backlog.from_pandas(df), s, order="none")) == expected


@pytest.mark.parametrize("by,make,order", [
    ("rice", prio.rice, "none"),
    ("wsjf", prio.wsjf, "none"),
    ("moscow:rice", lambda: prio.moscow(prio.rice()), "none"),
    ("rice", prio.rice, "greedy"),
])
def test_simulate_equals_prio_simulate_json(cli: Callable[..., Any], example_path: Path, by: str,
                                            make: Callable[[], prio.Strategy], order: str) -> None:
    expected = cli("simulate", str(example_path), "--by", by, "--draws", "3000", "--seed", "7", "--top", "5",
                   "--order", order)
    sim = prio.simulate(prio.read_backlog(example_path), make(), draws=3000, seed=7, top_k=5, order=order,
                        progress=False)
    assert sim.attrs["uncertain"] == expected["uncertain"]
    assert sim.attrs["strategy"] == expected["strategy"]
    rows = _records(sim.reset_index())
    want = [{k: f[k] for k in rows[0]} for f in expected["features"]]
    assert rows == want
    assert 0 < sum(r["p_top_k"] for r in rows) <= 5.0 + 1e-12


def test_explain_text_equals_prio_explain(cli: Callable[..., Any], example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    one = prio.explain(b, prio.rice(), "sso")
    assert str(one) + "\n" == cli("explain", str(example_path), "sso", text=True)
    pair = prio.explain(b, prio.wsjf(), "sso", "scim")
    assert str(pair) + "\n" == cli("explain", str(example_path), "sso", "scim", "--by", "wsjf", text=True)


def test_compare_equals_prio_compare(cli: Callable[..., Any], example_path: Path) -> None:
    expected = cli("compare", str(example_path), "--by", "rice,wsjf,moscow", "--top", "5", "--order", "greedy")
    c = prio.compare(prio.read_backlog(example_path), {"rice": prio.rice(), "wsjf": prio.wsjf(), "moscow": prio.moscow()},
                     top_k=5, order="greedy")
    for s in expected["strategies"]:
        assert list(c.rankings[s["name"]]) == s["ranking"]
    assert _records(c.pairs) == expected["pairs"]
    assert list(c.movers["id"]) == [m["id"] for m in expected["movers"]]
    assert list(c.movers["best"]) == [m["best"] for m in expected["movers"]]


def test_sensitivity_plan_release_equal_cli(cli: Callable[..., Any], example_path: Path, weights_path: Path) -> None:
    b = prio.read_backlog(example_path)
    sens = prio.sensitivity(b, {"retention": 0.5, "revenue": 0.3, "effort": -0.2})
    want = cli("sensitivity", str(example_path), "--weights", str(weights_path))
    assert sens.first == want["first"]
    assert _records(sens.weights.reset_index()) == want["weights"]
    assert _records(sens.rank_reversal) == want["rank_reversal"]

    p = prio.plan(b, 6)
    want = cli("plan", str(example_path), "--capacity", "6")
    assert [list(f) for f in p.sprints["features"]] == [s["features"] for s in want["sprints"]]
    assert list(p.sprints["cumulative_value"]) == [s["cumulative_value"] for s in want["sprints"]]

    r = prio.release(b, 20, strategy=prio.wsjf())
    want = cli("release", str(example_path), "--budget", "20", "--by", "wsjf")
    assert (r.selected, r.value, r.cost, r.optimal) == (want["selected"], want["value"], want["cost"], want["optimal"])


def test_graph_dot_and_ready_equal_cli(cli: Callable[..., Any], example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    g = prio.DependencyGraph(b)
    # to_dot numbers the features by score alone: prio graph --order none.
    assert g.to_dot(prio.score(b, prio.rice())) == cli("graph", str(example_path), "--order", "none", text=True)
    want = cli("ready", str(example_path), "--done", "sso")
    assert sorted(g.ready(["sso"])) == sorted(r["id"] for r in want["ready"])
