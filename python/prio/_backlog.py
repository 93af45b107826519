"""prio.Backlog: a backlog held by the C++ library, from and to pandas."""

from __future__ import annotations

import html
import math
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._errors import Error

PathLike = Union[str, "os.PathLike[str]"]

#: Columns with a meaning of their own; every other column is a numeric attribute.
SPECIAL_COLUMNS = ("id", "title", "moscow", "depends_on", "parent")


class Backlog:
    """A product backlog: ids, titles, numeric attributes, MoSCoW, dependencies
    and an optional parent per feature (epics and their stories).

    Build one with :func:`prio.read_backlog` or :meth:`Backlog.from_pandas`;
    :meth:`to_pandas` gives a DataFrame indexed by id. Attribute columns are
    available without a copy as read-only NumPy views (:meth:`column`).
    """

    __slots__ = ("_core",)

    def __init__(self, core: Optional[_core.Backlog] = None) -> None:
        self._core = core if core is not None else _core.Backlog()

    # ---- pandas ---------------------------------------------------------------
    @classmethod
    def from_pandas(cls, df: pd.DataFrame) -> "Backlog":
        """A backlog from a DataFrame: ids from an ``id`` column or else the
        index; ``title``, ``moscow``, ``depends_on`` (a list of ids or a
        ``;``-separated string) and ``parent`` (the parent's id; None/NaN =
        none) are optional; every other column must be numeric (NaN =
        missing). Raises prio.Error naming the column or feature (an unknown
        parent or a parent cycle as the file readers report it), TypeError
        for something that is not a DataFrame."""
        if not isinstance(df, pd.DataFrame):
            raise TypeError(f"Backlog.from_pandas needs a pandas DataFrame, not {type(df).__name__}")
        if df.columns.has_duplicates:
            dup = df.columns[df.columns.duplicated()][0]
            raise Error(f"column '{dup}' appears twice", code="invalid_argument", field=str(dup))
        ids_obj = df["id"] if "id" in df.columns else df.index
        ids = _id_array(ids_obj)
        try:
            core = _core.Backlog.from_ids(ids)  # checks every id is a str, in C++
        except TypeError:
            _raise_bad_id(ids)
            raise
        for name in df.columns:
            if not isinstance(name, str):
                raise TypeError(f"column names must be str; got {name!r}")
            if name in SPECIAL_COLUMNS:
                continue
            core.set_column(name, _numeric_column(df[name], name, ids))
        if "title" in df.columns:
            try:
                core.set_titles(df["title"].to_numpy(dtype=object))  # all str: no Python loop
            except TypeError:
                core.set_titles(_text_column(df["title"], "title", ids))
        if "moscow" in df.columns:
            core.set_moscow(_text_column(df["moscow"], "moscow", ids))
        if "depends_on" in df.columns:
            core.set_depends_on(_depends_column(df["depends_on"], ids))
        if "parent" in df.columns:
            core.set_parents(_text_column(df["parent"], "parent", ids, integers=True))
        return cls(core)

    def to_pandas(self) -> pd.DataFrame:
        """The backlog as a DataFrame indexed by id: title, the attributes
        (float64, NaN = missing), moscow (None when unset), depends_on and,
        only when some feature has a parent, parent (None for none), as
        prio's CSV and JSON writers add it."""
        data: Dict[str, Any] = {"title": self._core.titles()}
        for name in self._core.attributes():
            data[name] = np.array(self._core.column(name), dtype=np.float64)
        index = pd.Index(self._core.ids(), name="id", dtype=object)
        data["moscow"] = pd.Series([m or None for m in self._core.moscow()], dtype=object, index=index)
        data["depends_on"] = self._core.depends_on()
        if self._core.has_parents():
            data["parent"] = pd.Series(self.parents, dtype=object, index=index)
        return pd.DataFrame(data, index=index)

    # ---- access ---------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._core)

    @property
    def ids(self) -> List[str]:
        return self._core.ids()

    @property
    def titles(self) -> List[str]:
        return self._core.titles()

    @property
    def parents(self) -> List[Optional[str]]:
        """Each feature's parent id, None for a feature without one."""
        return [p or None for p in self._core.parents()]

    def parent(self, feature: Union[int, str]) -> Optional[str]:
        """The parent id of a feature (by index, or by id), None when it has
        none. IndexError for an index out of range, prio.Error for an
        unknown id."""
        if isinstance(feature, str):
            i = self._core.index_of(feature)
        elif isinstance(feature, (int, np.integer)) and not isinstance(feature, bool):
            i = int(feature)
            if not 0 <= i < len(self):
                raise IndexError(f"feature index {i} is out of range (the backlog has {len(self)} features)")
        else:
            raise TypeError(f"Backlog.parent takes an index or an id, not {type(feature).__name__}")
        return self._core.parent(i) or None

    def set_parents(self, parents: Sequence[Optional[str]]) -> None:
        """Sets every feature's parent (ids aligned with :attr:`ids`; None or
        "" = none). Checked as the file readers check it: prio.Error for a
        parent that is not a feature (unknown_feature) or a feature that is
        its own ancestor (cycle); the backlog is unchanged then."""
        if isinstance(parents, (str, bytes)):
            raise TypeError("set_parents takes a sequence of ids, not a single string")
        values = list(parents)
        if len(values) != len(self):
            raise Error(f"set_parents: {len(values)} parents for {len(self)} features", code="size_mismatch",
                        number=108, field="parent")
        self._core.set_parents(_text_column(pd.Series(values, dtype=object), "parent", self.ids, integers=True))

    @property
    def attributes(self) -> List[str]:
        return self._core.attributes()

    def column(self, name: str) -> npt.NDArray[np.float64]:
        """The attribute as a read-only NumPy view of the backlog's storage (no copy)."""
        return self._core.column(name)  # type: ignore[no-any-return]

    def copy(self) -> "Backlog":
        return Backlog(self._core.copy())

    def to_csv(self, path: Optional[PathLike] = None) -> str:
        """The backlog as prio's CSV (exact round trip); written to path when given."""
        text: str = self._core.to_csv()
        if path is not None:
            _write_atomically(path, text)
        return text

    def to_json(self, path: Optional[PathLike] = None) -> str:
        text: str = self._core.to_json()
        if path is not None:
            _write_atomically(path, text)
        return text

    def __repr__(self) -> str:
        return f"<prio.Backlog: {len(self)} features, attributes {', '.join(self.attributes) or '(none)'}>"

    def _repr_html_(self) -> str:
        # Titles and ids are data: escaped, never markup.
        return _html_table(self.to_pandas().reset_index(), limit=20, caption=f"prio.Backlog: {len(self)} features")

    # Pickling (Dask sends backlogs to workers): prio's CSV reads back exactly.
    def __reduce__(self) -> Tuple[Any, Tuple[str]]:
        return (_backlog_from_csv, (self.to_csv(),))


def _backlog_from_csv(text: str) -> Backlog:
    core, _ = _core.read_backlog("<pickle>", text=text, format="csv", percent_columns=[])
    return Backlog(core)


def read_backlog(
    path: PathLike,
    *,
    columns: Optional[Mapping[str, str]] = None,
    ignore: Sequence[str] = (),
    percent_columns: Sequence[str] = ("confidence",),
) -> Backlog:
    """Reads a backlog file (CSV, or JSON when the name ends in .json).

    ``columns`` maps prio names to the file's columns (``{"reach": "Users"}``);
    ``ignore`` leaves columns out; ``percent_columns`` are read as fractions
    (80 and 80% mean 0.8). Raises prio.Error with file, line and column of
    the first problem (``.diagnostics`` lists all)."""
    core, warnings = _core.read_backlog(
        os.fspath(path),
        column_map=list((columns or {}).items()),
        ignore=list(ignore),
        percent_columns=list(percent_columns),
    )
    del warnings  # notes and warnings only; errors raised above
    return Backlog(core)


# ---- helpers --------------------------------------------------------------------


def _id_array(ids: Union[pd.Index, pd.Series]) -> Any:
    values = ids.to_numpy()
    if values.dtype.kind in "iu":
        return values.astype(str).astype(object)
    if values.dtype.kind == "f" or values.dtype.kind == "b":
        raise Error(f"ids must be str (or integers), not {values.dtype}", code="invalid_value", field="id")
    if values.dtype != object:
        values = values.astype(object)
    return values


def _raise_bad_id(values: Any) -> None:
    """Names the first id that is not a str (NaN / None: a missing id)."""
    for row, bad in enumerate(values):
        if type(bad) is str:
            continue
        if bad is None or (isinstance(bad, float) and math.isnan(bad)) or bad is pd.NA:
            raise Error(f"the id of row {row} is missing (NaN/None)", code="empty_id", field="id")
        raise Error(f"the id of row {row} is {type(bad).__name__} {bad!r}, not str", code="invalid_value", field="id")


def _numeric_column(col: pd.Series, name: str, ids: Any) -> npt.NDArray[np.float64]:
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype) or not (
        pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype)
    ):
        if pd.api.types.is_bool_dtype(dtype):
            raise Error(f"column '{name}' is boolean; attributes are numbers", code="invalid_value", field=name)
        # Name the first feature whose value is not a number.
        for i, v in enumerate(col.to_numpy()):
            if not isinstance(v, (int, float, np.integer, np.floating)) or isinstance(v, bool):
                if v is None or v is pd.NA:
                    continue
                raise Error(
                    f"column '{name}' holds {type(v).__name__} {v!r}, not a number (dtype {dtype})",
                    code="invalid_value",
                    feature=str(ids[i]),
                    field=name,
                )
        # Only numbers and missing values in an object column.
    values = col.to_numpy(dtype=np.float64, na_value=np.nan)
    return np.ascontiguousarray(values)


def _text_column(col: pd.Series, name: str, ids: Any, integers: bool = False) -> List[str]:
    """Text per row, None/NaN = "". With integers, ints are taken as text too
    (ids: integer ids are read the same way)."""
    out: List[str] = []
    for i, v in enumerate(col.tolist()):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            out.append("")
        elif isinstance(v, str):
            out.append(v)
        elif integers and isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            out.append(str(v))
        else:
            what = "an id (str or int)" if integers else "text"
            raise Error(f"column '{name}' holds {type(v).__name__} {v!r}, not {what}", code="invalid_value",
                        feature=str(ids[i]), field=name)
    return out


def _depends_column(col: pd.Series, ids: Any) -> List[List[str]]:
    out: List[List[str]] = []
    for i, v in enumerate(col.tolist()):
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            out.append([])
        elif isinstance(v, str):
            out.append([d.strip() for d in v.split(";") if d.strip()])
        elif isinstance(v, (list, tuple, np.ndarray)) and all(isinstance(d, str) for d in v):
            out.append([str(d) for d in v])
        else:
            raise Error(f"depends_on must be a list of ids or an 'a;b' string, not {v!r}", code="invalid_value",
                        feature=str(ids[i]), field="depends_on")
    return out


def _write_atomically(path: PathLike, text: str) -> None:
    """Writes through a temporary file renamed over the target: never a partial file."""
    import tempfile

    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".prio-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _html_table(df: pd.DataFrame, limit: int, caption: str) -> str:
    """An HTML table; every cell and header escaped (user text is data)."""
    shown = df.head(limit)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
    rows = []
    for rec in shown.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(_cell(v))}</td>" for v in rec)
        rows.append(f"<tr>{cells}</tr>")
    more = f"<p>... {len(df) - limit} more</p>" if len(df) > limit else ""
    return (f"<table><caption>{html.escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>{more}")


def _cell(v: object) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.6g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(str(x) for x in v)
    if v is None:
        return ""
    return str(v)


def _iter_ids(b: Backlog, ids: Iterable[str]) -> List[int]:
    return [b._core.index_of(i) for i in ids]
