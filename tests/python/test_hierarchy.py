"""The parent hierarchy (the ``parent`` column): Backlog.parent / parents /
set_parents, to_pandas / from_pandas, the same ids and bytes as the native
``prio convert``, and the library's errors for a broken hierarchy."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd
import pytest

import prio

ROOT = Path(__file__).resolve().parents[2]
HIERARCHY = ROOT / "tests" / "cli" / "data" / "hierarchy.csv"
GOLDEN = ROOT / "tests" / "cli" / "golden"
BAD = ROOT / "tests" / "data" / "bad"
# Known answer: checkout <- cards <- receipts, checkout <- wallets, search alone.
PARENTS = [None, "checkout", "checkout", "cards", None]


def test_parents_are_the_native_tools(cli: Callable[..., Any]) -> None:
    b = prio.read_backlog(HIERARCHY)
    native = json.loads(cli("convert", str(HIERARCHY), "--to", "json", text=True))["features"]
    assert b.parents == [f["parent"] for f in native] == PARENTS
    assert [b.parent(i) for i in range(len(b))] == PARENTS
    assert b.parent("receipts") == "cards" and b.parent("search") is None
    assert b.parent(np.int64(2)) == "checkout"
    with pytest.raises(IndexError):
        b.parent(5)
    with pytest.raises(IndexError):
        b.parent(-1)
    with pytest.raises(prio.Error) as e:
        b.parent("nope")
    assert e.value.code == "unknown_feature"
    with pytest.raises(TypeError):
        b.parent(1.0)  # type: ignore[arg-type]


def test_writers_round_trip_exactly(cli: Callable[..., Any]) -> None:
    b = prio.read_backlog(HIERARCHY)
    assert b.to_json() == (GOLDEN / "hierarchy_convert_to_json.out").read_text()
    assert b.to_json() == cli("convert", str(HIERARCHY), "--to", "json", text=True)
    assert b.to_csv() == HIERARCHY.read_text()
    assert pickle.loads(pickle.dumps(b)).parents == PARENTS
    again = prio.Backlog.from_pandas(b.to_pandas())
    assert again.to_csv() == HIERARCHY.read_text()
    assert again.to_json() == b.to_json()


def test_to_pandas_has_a_parent_column_only_with_a_hierarchy(example_path: Path) -> None:
    df = prio.read_backlog(HIERARCHY).to_pandas()
    assert list(df.columns)[-1] == "parent"
    assert df["parent"].tolist() == PARENTS
    assert df.loc["receipts", "parent"] == "cards"
    flat = prio.read_backlog(example_path)
    assert "parent" not in flat.to_pandas().columns
    assert flat.parents == [None] * len(flat)


def test_from_pandas_reads_a_parent_column() -> None:
    df = pd.DataFrame({
        "id": ["epic", "story", "task", "other"],
        "effort": [8.0, 3.0, 1.0, 2.0],
        "parent": [None, "epic", "story", np.nan],
    })
    b = prio.Backlog.from_pandas(df)
    assert b.parents == [None, "epic", "story", None]
    assert b.to_csv() == ("id,title,effort,moscow,depends_on,parent\n"
                          "epic,,8,,,\nstory,,3,,,epic\ntask,,1,,,story\nother,,2,,,\n")
    # Integer ids and parents (nullable Int64), as integer ids are read.
    ints = prio.Backlog.from_pandas(pd.DataFrame({"id": [10, 11], "effort": [1.0, 1.0],
                                                  "parent": pd.array([None, 10], dtype="Int64")}))
    assert ints.parents == [None, "10"]
    # No parent at all: no column written.
    none = prio.Backlog.from_pandas(pd.DataFrame({"id": ["a"], "effort": [1.0], "parent": [None]}))
    assert "parent" not in none.to_csv()
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"id": ["a", "b"], "effort": [1.0, 1.0], "parent": [None, 2.5]}))
    assert (e.value.code, e.value.feature, e.value.field) == ("invalid_value", "b", "parent")


def test_set_parents() -> None:
    b = prio.read_backlog(HIERARCHY)
    b.set_parents([None, None, "search", "", "checkout"])
    assert b.parents == [None, None, "search", None, "checkout"]
    assert b.to_pandas()["parent"].tolist() == [None, None, "search", None, "checkout"]
    b.set_parents([None] * 5)
    assert "parent" not in b.to_pandas().columns and "parent" not in b.to_csv()
    with pytest.raises(prio.Error) as e:
        b.set_parents([None] * 4)
    assert (e.value.code, e.value.number, e.value.field) == ("size_mismatch", 108, "parent")
    with pytest.raises(TypeError):
        b.set_parents("checkout")


def test_broken_hierarchies_are_the_librarys_errors() -> None:
    # A file: the CLI's message, every problem, each at its parent cell.
    with pytest.raises(prio.Error) as e:
        prio.read_backlog(BAD / "parent_unknown.csv")
    unknown = e.value
    assert (unknown.code, unknown.number) == ("unknown_feature", 103)
    assert (unknown.feature, unknown.field, unknown.line, unknown.column) == ("refunds", "parent", 4, 19)
    golden = (GOLDEN / "hierarchy_validate_unknown_parent.err").read_text()
    assert str(unknown) == golden.rstrip("\n").replace("tests/data/bad/", str(BAD) + "/")
    assert "feature 'loop', field 'parent': is its own parent" in str(unknown)

    with pytest.raises(prio.Error) as e:
        prio.read_backlog(BAD / "parent_cycle.csv")
    assert (e.value.code, e.value.number, e.value.line, e.value.column) == ("cycle", 203, 2, 11)
    assert str(e.value).endswith("is in a parent cycle (each feature followed by its parent): a -> c -> b -> a")

    # Built in Python: the same rules and texts; the backlog is left unchanged.
    b = prio.read_backlog(HIERARCHY)
    for parents, code, feature, text in [
        ([None, "checkout", "billing", None, None], "unknown_feature", "wallets",
         "the parent 'billing' is not a feature of this backlog"),
        ([None, "cards", None, None, None], "cycle", "cards", "is its own parent"),
        (["receipts", "checkout", None, "cards", None], "cycle", "checkout",
         "is in a parent cycle (each feature followed by its parent): checkout -> receipts -> cards -> checkout"),
    ]:
        with pytest.raises(prio.Error) as e:
            b.set_parents(parents)
        assert (e.value.code, e.value.feature, e.value.field) == (code, feature, "parent")
        assert str(e.value).endswith(text)
        assert b.parents == PARENTS
    with pytest.raises(prio.Error) as e:
        prio.Backlog.from_pandas(pd.DataFrame({"id": ["a", "b"], "effort": [1.0, 1.0], "parent": ["b", "a"]}))
    assert e.value.code == "cycle" and str(e.value).endswith("a -> b -> a")
