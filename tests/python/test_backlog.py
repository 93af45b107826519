"""Backlogs in and out: files, pandas, zero-copy views, and bad input."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import prio


def test_read_backlog_and_to_pandas(example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    df = b.to_pandas()
    assert df.index.name == "id" and df.index[0] == "sso"
    assert df.loc["sso", "title"] == "Single sign-on (SAML/OIDC)"
    assert df.loc["sso", "confidence"] == 0.8  # 80% read as a fraction
    assert df.loc["audit-log", "depends_on"] == ["sso"]
    assert df.loc["sso", "moscow"] == "must"
    assert math.isnan(df.loc["audit-log", "reach_lo"])  # missing stays NaN, never 0
    assert len(b) == len(df) == len(example_path.read_text().splitlines()) - 1


def test_from_pandas_round_trip_is_exact(example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    df = b.to_pandas()
    again = prio.Backlog.from_pandas(df)
    pd.testing.assert_frame_equal(again.to_pandas(), df, check_exact=True)
    assert again.to_csv() == b.to_csv()
    # an "id" column works as well as the index
    again2 = prio.Backlog.from_pandas(df.reset_index())
    assert again2.to_csv() == b.to_csv()


def test_column_is_a_read_only_view_without_copy(example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    reach = b.column("reach")
    assert reach.dtype == np.float64 and not reach.flags.writeable
    assert np.shares_memory(reach, b.column("reach"))  # the backlog's own storage
    with pytest.raises(ValueError):
        reach[0] = 1.0
    del b
    assert reach[0] == 1200.0  # the view keeps the backlog alive


def test_pickle_round_trip(example_path: Path) -> None:
    import pickle

    b = prio.read_backlog(example_path)
    assert pickle.loads(pickle.dumps(b)).to_csv() == b.to_csv()


def test_file_error_has_file_line_column(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("id,title,reach\na,A,10\nb,B,ten\n")
    with pytest.raises(prio.Error) as e:
        prio.read_backlog(p)
    err = e.value
    assert isinstance(err, ValueError)
    assert (err.file, err.line, err.column) == (str(p), 3, 5)
    assert err.feature == "b" and err.field == "reach"
    assert err.code == "invalid_value" and err.number == 106


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(prio.Error) as e:
        prio.read_backlog(tmp_path / "nope.csv")
    assert e.value.code == "io_error"


def test_strings_in_a_numeric_column_name_column_and_feature() -> None:
    df = pd.DataFrame({"reach": [1.0, 2.0], "impact": [1, "high"]}, index=["a", "b"])
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(df)
    assert e.value.field == "impact" and e.value.feature == "b"
    df2 = pd.DataFrame({"reach": ["1", "2"]}, index=["a", "b"])
    with pytest.raises(prio.Error, match="reach"):
        prio.Backlog.from_pandas(df2)


def test_nan_ids_and_duplicate_index_are_errors() -> None:
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"reach": [1.0, 2.0]}, index=["a", np.nan]))
    assert e.value.field == "id" and e.value.code == "empty_id"
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"reach": [1.0, 2.0]}, index=["a", "a"]))
    assert e.value.code == "duplicate_id" and e.value.feature == "a"


def test_infinite_value_names_feature_and_field() -> None:
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"reach": [1.0, np.inf]}, index=["a", "b"]))
    assert (e.value.feature, e.value.field, e.value.code) == ("b", "reach", "non_finite_value")


def test_not_a_dataframe_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="DataFrame"):
        prio.Backlog.from_pandas({"reach": [1]})  # type: ignore[arg-type]


def test_nullable_dtypes_and_integer_ids() -> None:
    df = pd.DataFrame({"reach": pd.array([1, None, 3], dtype="Int64"), "moscow": ["must", None, "won't"],
                       "depends_on": [None, "1", ["1", "3"]]}, index=[1, 2, 3])
    b = prio.Backlog.from_pandas(df)
    out = b.to_pandas()
    assert list(out.index) == ["1", "2", "3"]
    assert out["reach"].isna().tolist() == [False, True, False]
    assert out["moscow"].tolist() == ["must", None, "wont"]
    assert out["depends_on"].tolist() == [[], ["1"], ["1", "3"]]


def test_bad_moscow_names_feature() -> None:
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"moscow": ["must", "maybe"]}, index=["a", "b"]))
    assert (e.value.feature, e.value.field) == ("b", "moscow")


def test_repr_html_escapes_titles() -> None:
    df = pd.DataFrame({"title": ["<script>alert(1)</script>", "a & b"], "reach": [1.0, 2.0]},
                      index=["x<y", "z"])
    h = prio.Backlog.from_pandas(df)._repr_html_()
    assert "<script>" not in h and "&lt;script&gt;" in h
    assert "x&lt;y" in h and "a &amp; b" in h


def test_to_csv_writes_atomically(tmp_path: Path, example_path: Path) -> None:
    b = prio.read_backlog(example_path)
    out = tmp_path / "copy.csv"
    b.to_csv(out)
    assert prio.read_backlog(out).to_csv() == b.to_csv()
    assert [p.name for p in tmp_path.iterdir()] == ["copy.csv"]  # no temporary left behind


def test_string_columns_of_every_layout_read_alike() -> None:
    """ids and titles arrive as NumPy object arrays (read in place), strided
    views, lists and tuples (read as sequences): the same backlog each way,
    and a non-str names its row."""
    ids = np.array([f"f{i}" for i in range(9)], dtype=object)
    titles = np.array([f"title {i}, with a comma" for i in range(9)], dtype=object)
    want = prio._core.Backlog.from_ids(ids)
    want.set_titles(titles)
    strided_ids = np.array([f"f{i // 2}" if i % 2 == 0 else None for i in range(18)], dtype=object)[::2]
    assert not strided_ids.flags.c_contiguous
    for id_seq, title_seq in [(list(ids), tuple(titles)), (strided_ids, list(titles)), (tuple(ids), titles[:])]:
        got = prio._core.Backlog.from_ids(id_seq)
        got.set_titles(title_seq)
        assert got.ids() == want.ids() and got.titles() == want.titles()
    bad = ids.copy()
    bad[4] = 7
    with pytest.raises(TypeError, match="row 4 is <class 'int'>"):
        prio._core.Backlog.from_ids(bad)
    with pytest.raises(TypeError, match="row 0"):
        prio._core.Backlog.from_ids(np.array([["a", "b"]], dtype=object))  # 2-D: a sequence of rows, not of str
    with pytest.raises(TypeError, match="sequence of str"):
        prio._core.Backlog.from_ids(5)
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"title": titles}, index=pd.Index(np.array(["a", "b", "c", "d", "a", "e", "f", "g", "h"], dtype=object))))
    assert e.value.code == "duplicate_id" and e.value.feature == "a"
