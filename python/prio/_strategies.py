"""Scoring strategies: values that rebuild themselves (so Dask can ship them)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._errors import Error

_MISSING = ("error", "worst", "skip")
NORMALIZATIONS = ("min_max", "z_score", "vector", "rank", "fixed")


@dataclass(frozen=True)
class Criterion:
    """One weighted criterion: an attribute, its weight, cost (lower is
    better) or benefit, and for ``normalization="fixed"`` its range [lo, hi]."""

    attribute: str
    weight: float = 1.0
    cost: bool = False
    lo: float = math.nan
    hi: float = math.nan

    def _tuple(self) -> Tuple[str, float, bool, float, float]:
        return (self.attribute, float(self.weight), bool(self.cost), float(self.lo), float(self.hi))


@dataclass(frozen=True)
class Objective:
    """An objective (or the North Star) of an OKR tree with its key results."""

    name: str
    weight: float
    key_results: Sequence[Criterion] = field(default_factory=tuple)


class Strategy:
    """A scoring strategy (use prio.rice(), prio.wsjf(), prio.weighted(...) ...)."""

    __slots__ = ("_core", "_recipe")

    def __init__(self, recipe: Tuple[str, Dict[str, Any]]) -> None:
        self._recipe = recipe
        self._core = _build(recipe)

    @property
    def name(self) -> str:
        """The strategy's name as prio reports it, e.g. "rice" or "moscow(wsjf)"."""
        return str(self._core.name)

    def __repr__(self) -> str:
        return f"prio.{self._recipe[0]}({', '.join(f'{k}={v!r}' for k, v in self._recipe[1].items())})"

    def __reduce__(self) -> Tuple[Any, Tuple[Tuple[str, Dict[str, Any]]]]:
        return (Strategy, (self._recipe,))

    # The CLI spelling of the strategy (--by, --weights, --missing, --strict),
    # for the reports run through the `prio` command; None when it has none.
    def _cli_args(self) -> Optional[List[str]]:
        kind, kw = self._recipe
        missing = ["--missing", kw.get("missing", "error")]
        strict = ["--strict"] if kw.get("strict") else []
        if kind in ("rice", "wsjf", "ice") and not kw.get("names"):
            by = "ice-average" if kind == "ice" and kw.get("average") else kind
            return ["--by", by, *missing, *strict]
        if kind == "moscow":
            inner = kw["secondary"]._cli_args()
            if inner is None or inner[1].startswith("weighted") or inner[1].startswith("moscow"):
                return None
            return ["--by", "moscow:" + inner[1], *inner[2:]]
        if kind == "weighted" and kw["normalization"] != "fixed":
            parts = []
            for c in kw["criteria"]:
                if not (c.weight >= 0):
                    return None
                parts.append(f"{c.attribute}={-c.weight if c.cost else c.weight!r}")
            return ["--by", "weighted:" + kw["normalization"], "--weights", ",".join(parts), *missing]
        return None

    def _simulation_kind(self) -> str:
        kind, kw = self._recipe
        if kind in ("rice", "wsjf") and not kw.get("names"):
            return kind
        if kind == "ice" and not kw.get("names"):
            return "ice-average" if kw.get("average") else "ice"
        return ""


def _check_missing(missing: str) -> str:
    if missing not in _MISSING:
        raise Error(f"missing must be one of {', '.join(_MISSING)}, not {missing!r}", field="missing")
    return missing


def _build(recipe: Tuple[str, Dict[str, Any]]) -> _core.Strategy:
    kind, kw = recipe
    names = kw.get("names") or {}
    if kind == "rice":
        return _core.rice(kw["missing"], kw["strict"], **names)
    if kind == "ice":
        return _core.ice(kw["missing"], kw["strict"], kw["average"], **names)
    if kind == "wsjf":
        return _core.wsjf(kw["missing"], kw["strict"], **names)
    if kind == "moscow":
        return _core.moscow(kw["secondary"]._core)
    if kind == "weighted":
        return _core.weighted([c._tuple() for c in kw["criteria"]], kw["normalization"], kw["missing"])
    if kind == "okr":
        objectives = [(o.name, float(o.weight), [c._tuple() for c in o.key_results]) for o in kw["objectives"]]
        return _core.okr(objectives, kw["normalization"], kw["missing"])
    if kind == "custom":
        return _core.custom(kw["name"], _custom_adapter(kw["function"]))
    raise Error(f"unknown strategy kind {kind!r}")


def rice(missing: str = "error", strict: bool = False, **names: str) -> Strategy:
    """RICE: reach x impact x confidence / effort (Intercom). ``names`` maps
    a term to another attribute, e.g. ``reach="users"``; ``strict`` enforces
    Intercom's scales."""
    return Strategy(("rice", {"missing": _check_missing(missing), "strict": strict, "names": names}))


def ice(missing: str = "error", strict: bool = False, average: bool = False, **names: str) -> Strategy:
    """ICE: impact x confidence x ease (or their mean with ``average=True``)."""
    return Strategy(("ice", {"missing": _check_missing(missing), "strict": strict, "average": average, "names": names}))


def wsjf(missing: str = "error", strict: bool = False, **names: str) -> Strategy:
    """WSJF (SAFe): (business value + time criticality + risk reduction) / job size."""
    return Strategy(("wsjf", {"missing": _check_missing(missing), "strict": strict, "names": names}))


def moscow(secondary: Optional[Strategy] = None) -> Strategy:
    """MoSCoW categories first (must, should, could, unset, won't), then the
    secondary strategy (RICE by default) inside each category."""
    return Strategy(("moscow", {"secondary": secondary if secondary is not None else rice()}))


def weighted(
    weights: Union[Mapping[str, float], Sequence[Criterion]],
    normalization: str = "min_max",
    missing: str = "error",
) -> Strategy:
    """Weighted KPI score. ``weights`` is ``{"retention": 0.6, "effort": -0.4}``
    (a negative weight makes a cost criterion) or a list of Criterion.
    normalization: min_max | z_score | vector | rank | fixed (Criterion lo/hi)."""
    if normalization not in NORMALIZATIONS:
        raise Error(f"normalization must be one of {', '.join(NORMALIZATIONS)}, not {normalization!r}",
                    field="normalization")
    if isinstance(weights, Mapping):
        criteria = [Criterion(k, abs(float(w)), float(w) < 0) for k, w in weights.items()]
    else:
        criteria = list(weights)
        for c in criteria:
            if not isinstance(c, Criterion):
                raise TypeError(f"weighted() takes a mapping or a list of prio.Criterion, not {type(c).__name__}")
    return Strategy(("weighted", {"criteria": tuple(criteria), "normalization": normalization,
                                  "missing": _check_missing(missing)}))


def okr(objectives: Sequence[Objective], normalization: str = "min_max", missing: str = "error") -> Strategy:
    """Weighted score over an OKR / North Star tree: each key result weighs
    (objective weight / total) x (its weight / its objective's total)."""
    if normalization not in NORMALIZATIONS:
        raise Error(f"normalization must be one of {', '.join(NORMALIZATIONS)}", field="normalization")
    return Strategy(("okr", {"objectives": tuple(objectives), "normalization": normalization,
                             "missing": _check_missing(missing)}))


def custom(function: Callable[[Any], Any], name: str = "custom") -> Strategy:
    """A strategy from a Python callable taking a prio.Backlog and returning
    one float per feature (a NumPy array, a list or a Series aligned with the
    backlog). A wrong length or type raises prio.Error naming the strategy."""
    if not callable(function):
        raise TypeError("custom() needs a callable")
    return Strategy(("custom", {"function": function, "name": name}))


def _custom_adapter(function: Callable[[Any], Any]) -> Callable[[_core.Backlog], npt.NDArray[np.float64]]:
    from ._backlog import Backlog

    def call(core: _core.Backlog) -> npt.NDArray[np.float64]:
        result = function(Backlog(core))
        if hasattr(result, "to_numpy"):
            result = result.to_numpy()
        try:
            arr = np.ascontiguousarray(np.asarray(result, dtype=np.float64))
        except (TypeError, ValueError) as e:
            raise Error(f"custom strategy must return numbers, got {type(result).__name__}: {e}",
                        code="invalid_value") from None
        if arr.ndim != 1:
            raise Error(f"custom strategy must return a 1-D array, got shape {arr.shape}", code="invalid_value")
        return arr

    return call
