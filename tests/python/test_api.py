"""Scores, orders, graphs, explanations, strategies, metrics and raters."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import prio


@pytest.fixture()
def b(example_path: Path) -> prio.Backlog:
    return prio.read_backlog(example_path)


def test_rice_known_answer_and_zero_copy(b: prio.Backlog) -> None:
    s = prio.score(b, prio.rice())
    # Intercom's formula on the first row: 1200 x 2 x 0.8 / 4.
    assert s.to_pandas()["sso"] == 1200 * 2 * 0.8 / 4
    v = s.values
    assert not v.flags.writeable and np.shares_memory(v, s.values)
    assert s.to_pandas().index.tolist() == b.ids
    assert s.strategy == "rice"
    del s
    assert v[0] == 480.0  # the view keeps the scores alive


def test_scores_repr_html_escapes() -> None:
    df = pd.DataFrame({"title": ["<b>bold</b>"], "reach": [1.0], "impact": [1.0], "confidence": [1.0],
                       "effort": [1.0]}, index=["<i>"])
    h = prio.score(df)._repr_html_()
    assert "<b>bold" not in h and "&lt;b&gt;bold" in h and "&lt;i&gt;" in h


def test_order_respects_every_dependency(b: prio.Backlog) -> None:
    g = prio.DependencyGraph(b)
    s = prio.score(b, prio.rice())
    deps = b.to_pandas()["depends_on"]
    for policy in (None, prio.inherited(), prio.value_density(b.column("effort")), "greedy"):
        idx = prio.order(g, s, policy)
        assert sorted(idx.tolist()) == list(range(len(b)))
        place = {b.ids[i]: p for p, i in enumerate(idx)}
        for fid, ds in deps.items():
            for d in ds:
                assert place[d] < place[fid]


def test_greedy_order_is_the_ranking_without_dependencies() -> None:
    df = pd.DataFrame({"reach": [1.0, 3, 2], "impact": [1.0] * 3, "confidence": [1.0] * 3, "effort": [1.0] * 3},
                      index=["a", "b", "c"])
    bk = prio.Backlog.from_pandas(df)
    s = prio.score(bk)
    assert prio.order(prio.DependencyGraph(bk), s).tolist() == [1, 2, 0] == s.rank().tolist()


def test_cycle_error_lists_cycles_or_bundles() -> None:
    df = pd.DataFrame({"reach": [1.0, 2.0, 3.0], "depends_on": ["b", "a", ""]}, index=["a", "b", "c"])
    with pytest.raises(prio.Error) as e:
        prio.DependencyGraph(df)
    assert e.value.code == "cycle" and e.value.cycles and set(e.value.cycles[0]) == {"a", "b"}
    assert prio.DependencyGraph(df, bundle_cycles=True).bundles() == [["a", "b"]]


def test_graph_queries(b: prio.Backlog) -> None:
    g = prio.DependencyGraph(b)
    assert "sso" in g.prerequisites("audit-log")
    assert "audit-log" in g.dependents("sso")
    u = g.unblocks("sso", prio.score(b))
    assert "audit-log" in u["features"] and u["count"] == len(u["features"])
    path, length = g.critical_path()
    eff = b.to_pandas()["effort"]
    assert length == sum(eff[p] for p in path)
    for x, y in itertools.pairwise(path):
        assert x in g.prerequisites(y)
    assert "sso" not in g.ready() or not g.prerequisites("sso")
    dot = g.to_dot()
    assert dot.startswith("digraph")


def test_dot_escapes_titles() -> None:
    df = pd.DataFrame({"title": ['say "hi"\\ <x>'], "reach": [1.0], "impact": [1.0], "confidence": [1.0],
                       "effort": [1.0]}, index=["a"])
    dot = prio.DependencyGraph(df).to_dot()
    assert 'say \\"hi\\"\\\\' in dot


def test_explain_terms_and_html(b: prio.Backlog) -> None:
    e = prio.explain(b, prio.rice(), "sso")
    assert isinstance(e, prio.Explanation)
    assert [t.name for t in e.terms] == ["reach", "impact", "confidence", "effort"]
    assert e.score == 480.0 and e.terms[3].role == "divisor"
    assert "480" in str(e) and "<table>" in e._repr_html_()
    pair = prio.explain(b, prio.rice(), "sso", "dark-mode")
    assert isinstance(pair, prio.PairExplanation)
    assert abs(pair.differences["share"]).sum() == pytest.approx(1.0)
    assert "outranks" in pair.reason


def test_explain_html_escapes_title() -> None:
    df = pd.DataFrame({"title": ["<img src=x onerror=alert(1)>"], "reach": [1.0], "impact": [1.0],
                       "confidence": [1.0], "effort": [1.0]}, index=["a"])
    h = prio.explain(df, prio.rice(), "a")._repr_html_()
    assert "<img" not in h and "&lt;img" in h


def test_weighted_normalizations_and_okr(b: prio.Backlog) -> None:
    w = {"retention": 0.5, "revenue": 0.3, "effort": -0.2}
    for n in ("min_max", "z_score", "vector", "rank"):
        s = prio.score(b, prio.weighted(w, n))
        assert s.strategy == f"weighted({n})" and np.isfinite(s.values).all()
    fixed = prio.weighted([prio.Criterion("retention", 1, lo=0, hi=10)], "fixed")
    # fixed scale: (x - lo) / (hi - lo), so adding a feature cannot reorder others
    assert prio.score(b, fixed).values.tolist() == (b.to_pandas()["retention"] / 10).tolist()
    okr = prio.okr([prio.Objective("retain", 0.5, [prio.Criterion("retention", 1)]),
                    prio.Objective("grow", 0.3, [prio.Criterion("revenue", 1)]),
                    prio.Objective("cost", 0.2, [prio.Criterion("effort", 1, cost=True)])])
    assert prio.score(b, okr).values.tolist() == prio.score(b, prio.weighted(w)).values.tolist()
    with pytest.raises(prio.Error):
        prio.weighted(w, "bogus")


def test_custom_callable_strategy(b: prio.Backlog) -> None:
    s = prio.custom(lambda bk: bk.column("reach") * 2, name="double reach")
    got = prio.score(b, s)
    assert got.strategy == "double reach"
    assert got.values.tolist() == (b.to_pandas()["reach"] * 2).tolist()
    # a plain callable is accepted too, and ranks like its scores
    r = prio.ranking(b, lambda bk: bk.column("reach"), order="none")  # type: ignore[arg-type]
    assert r["id"].iloc[0] == b.to_pandas()["reach"].idxmax()


def test_custom_callable_wrong_length_or_type(b: prio.Backlog) -> None:
    with pytest.raises(prio.Error) as e:
        prio.score(b, prio.custom(lambda bk: np.ones(3), name="short"))
    assert e.value.code == "size_mismatch" and "short" in str(e.value)
    with pytest.raises(prio.Error):
        prio.score(b, prio.custom(lambda bk: ["x"] * len(bk)))
    with pytest.raises(ZeroDivisionError):
        prio.score(b, prio.custom(lambda bk: 1 / 0))


def test_missing_value_error_names_feature_and_field() -> None:
    df = pd.DataFrame({"reach": [1.0, np.nan], "impact": [1.0, 1.0], "confidence": [1.0, 1.0], "effort": [1.0, 1.0]},
                      index=["a", "b"])
    with pytest.raises(prio.Error) as e:
        prio.score(df, prio.rice())
    assert (e.value.feature, e.value.field, e.value.code) == ("b", "reach", "missing_value")
    assert np.isnan(prio.score(df, prio.rice(missing="worst")).values[1]) or prio.score(
        df, prio.rice(missing="worst")).values[1] <= 0
    diags = prio.validate(df, prio.rice())
    assert any(d.feature == "b" and d.field == "reach" for d in diags)


def test_validate_lists_every_problem() -> None:
    df = pd.DataFrame({"reach": [1.0, 2.0], "depends_on": ["ghost", "b"]}, index=["a", "b"])
    diags = prio.validate(df)
    codes = {d.code for d in diags}
    assert {"unknown_dependency", "self_dependency"} <= codes


def test_rank_metrics_known_answers() -> None:
    a = [4.0, 3.0, 2.0, 1.0]
    assert prio.kendall_tau(a, a) == 1.0 and prio.kendall_tau(a, a[::-1]) == -1.0
    assert prio.spearman(a, a[::-1]) == -1.0
    assert prio.top_k_overlap(a, [4.0, 3.0, 1.0, 2.0], 2) == 1.0
    assert prio.top_k_overlap(a, a[::-1], 2) == 0.0
    assert prio.rbo(a, a) == pytest.approx(1.0)
    # Kendall tau-b for one swapped adjacent pair of 4: (5 - 1) / 6
    assert prio.kendall_tau(a, [4.0, 3.0, 1.0, 2.0]) == pytest.approx(4 / 6)
    s1 = pd.Series([1.0, 2.0, 3.0], index=["x", "y", "z"])
    s2 = pd.Series([3.0, 1.0, 2.0], index=["z", "x", "y"])  # same scores, other order: aligned by id
    assert prio.kendall_tau(s1, s2) == 1.0
    with pytest.raises(prio.Error):
        prio.kendall_tau([1.0, 2.0], [1.0])


def test_raters_borda_known_answer() -> None:
    # Two raters, three items; Borda points: A 2+1, B 1+2, C 0+0 -> means 1.5, 1.5, 0.
    ratings = pd.DataFrame([[3.0, 2.0, 1.0], [2.0, 3.0, 1.0]], columns=["A", "B", "C"], index=["ann", "bob"])
    r = prio.raters(ratings, method="borda")
    assert r.scores.tolist() == [1.5, 1.5, 0.0]
    assert r.ranking == ["A", "B", "C"]
    m = prio.raters(ratings, weights=[3, 1])
    assert m.scores["A"] == pytest.approx((3 * 3 + 2) / 4)
    # Kendall W: rank sums 3, 3, 6 around 4 -> S = 6, W = 12 S / (m^2 (n^3 - n)) = 72 / 96
    assert r.kendall_w == pytest.approx(0.75)
    with pytest.raises(prio.Error):
        prio.raters(ratings, method="vote")


def test_ranking_and_to_pandas_leave_the_garbage_collector_as_they_found_it(b: prio.Backlog) -> None:
    # Both build a list per feature with Python's cyclic collector paused.
    import gc

    assert gc.isenabled()
    rows = prio.ranking(b, prio.rice(), done=["sso"])
    frame = b.to_pandas()
    assert gc.isenabled()
    gc.disable()
    try:
        assert prio.ranking(b, prio.rice()).equals(prio.ranking(b, prio.rice()))
        assert b.to_pandas().equals(frame)
        assert not gc.isenabled()
    finally:
        gc.enable()
    # The rows themselves: blocked_by lists prerequisites not done, once each.
    by_id = rows.set_index("id")
    assert all(isinstance(v, list) for v in rows["blocked_by"])
    assert "sso" not in itertools.chain.from_iterable(rows["blocked_by"])
    assert by_id.loc["audit-log", "blocked_by"] == []  # it depends on sso only, which is done
    assert list(frame["depends_on"]) == [list(d) for d in b._core.depends_on()]
