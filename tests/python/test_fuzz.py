"""Random DataFrames through from_pandas, score and ranking: an answer or a
prio.Error/TypeError naming what is wrong, never a crash or a silent wrong number."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prio

ids = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=6)
cells = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10, 10), st.none(),
                  st.text(max_size=3))


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 8))
    index = draw(st.lists(st.one_of(ids, st.just(np.nan), st.integers(0, 5)), min_size=n, max_size=n))
    cols = draw(st.lists(st.sampled_from(["reach", "impact", "confidence", "effort", "title", "moscow", "x"]),
                         unique=True, max_size=6))
    data = {}
    for c in cols:
        if draw(st.booleans()):
            data[c] = draw(st.lists(st.floats(0.1, 100), min_size=n, max_size=n))
        else:
            data[c] = draw(st.lists(cells, min_size=n, max_size=n))
    return pd.DataFrame(data, index=pd.Index(index, dtype=object))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames())
def test_random_frames_score_or_raise_clearly(df: pd.DataFrame) -> None:
    try:
        b = prio.Backlog.from_pandas(df)
    except (prio.Error, TypeError) as e:
        assert str(e)
        return
    assert len(b) == len(df)
    for strategy in (prio.rice(), prio.rice(missing="skip"), prio.weighted({"reach": 1.0}, missing="worst")):
        try:
            s = prio.score(b, strategy)
            r = prio.ranking(b, strategy, order="none")
        except prio.Error as e:
            assert e.code and str(e)
            continue
        assert sorted(r["id"]) == sorted(b.ids)
        # the ranking is the scores sorted best first (NaN last, ties by id)
        series = s.to_pandas()
        keys = sorted(b.ids, key=lambda i: (math.isnan(series[i]), -series[i] if not math.isnan(series[i]) else 0,
                                            i.encode()))
        assert r["id"].tolist() == keys
