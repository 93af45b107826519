"""Scoring, ordering, ranking, explanations, simulations and rank metrics."""

from __future__ import annotations

import html
import math
import time
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _core
from ._backlog import Backlog, _html_table
from ._errors import Error
from ._strategies import Strategy, rice

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Ranked = Union["Scores", "pd.Series[float]", FloatArray, Sequence[float]]


def _backlog(b: object, arg: str = "backlog") -> Backlog:
    if isinstance(b, Backlog):
        return b
    if isinstance(b, pd.DataFrame):
        return Backlog.from_pandas(b)
    raise TypeError(f"{arg} must be a prio.Backlog or a pandas DataFrame, not {type(b).__name__}")


def _strategy(s: object, arg: str = "strategy") -> Strategy:
    if isinstance(s, Strategy):
        return s
    if callable(s):
        from ._strategies import custom

        return custom(s)
    raise TypeError(f"{arg} must be a prio strategy (prio.rice(), prio.wsjf(), ...) or a callable, not {type(s).__name__}")


# ---- Scores ---------------------------------------------------------------------


class Scores:
    """The result of :func:`prio.score`: one value per feature, aligned with the backlog."""

    __slots__ = ("_core", "_backlog")

    def __init__(self, core: _core.Scores, backlog: Backlog) -> None:
        self._core = core
        self._backlog = backlog

    @property
    def values(self) -> FloatArray:
        """The scores as a read-only NumPy view of prio's own vector (no copy)."""
        return self._core.values  # type: ignore[no-any-return]

    @property
    def strategy(self) -> str:
        return str(self._core.strategy)

    @property
    def ids(self) -> List[str]:
        return self._backlog.ids

    def __len__(self) -> int:
        return len(self._core)

    def to_pandas(self) -> "pd.Series[float]":
        """The scores as a Series indexed by feature id (a copy)."""
        return pd.Series(np.array(self.values), index=pd.Index(self.ids, name="id", dtype=object), name=self.strategy)

    def rank(self) -> IntArray:
        """Feature indices best first (the tie-break chain ends with the id)."""
        return _core.rank(self._core)  # type: ignore[no-any-return]

    def top_k(self, k: int) -> IntArray:
        return _core.top_k(self._core, k)  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<prio.Scores {self.strategy}: {len(self)} features>"

    def _repr_html_(self) -> str:
        order = self.rank()
        ids = self.ids
        titles = self._backlog.titles
        df = pd.DataFrame({"rank": np.arange(1, len(order) + 1), "id": [ids[i] for i in order],
                           "title": [titles[i] for i in order], "score": self.values[order]})
        return _html_table(df, limit=20, caption=f"prio.Scores ({self.strategy})")


def score(backlog: Union[Backlog, pd.DataFrame], strategy: Optional[Strategy] = None) -> Scores:
    """Scores every feature (RICE by default). Raises prio.Error naming the
    feature and field of the first problem (prio.validate lists all)."""
    b = _backlog(backlog)
    s = _strategy(strategy if strategy is not None else rice())
    return Scores(_core.score(b._core, s._core), b)


# ---- ordering -------------------------------------------------------------------


@dataclass(frozen=True)
class OrderPolicy:
    """How prio.order turns scores into a dependency-respecting order."""

    name: str
    durations: Optional[Tuple[float, ...]] = None


def greedy() -> OrderPolicy:
    """The highest-ranked ready feature first."""
    return OrderPolicy("greedy")


def inherited() -> OrderPolicy:
    """A blocker ranks at least as high as anything it unblocks."""
    return OrderPolicy("inherited")


def value_density(durations: Union[FloatArray, Sequence[float], "pd.Series[float]"]) -> OrderPolicy:
    """Minimises the total of score x completion time (Sidney decomposition)."""
    return OrderPolicy("value-density", tuple(float(x) for x in np.asarray(durations, dtype=np.float64)))


_POLICY_NAMES = {"greedy": "greedy", "inherited": "inherited", "value_density": "value-density",
                 "value-density": "value-density", "none": "none"}


class DependencyGraph:
    """The backlog's dependency graph (``a`` depends on ``b``: b comes first).

    Raises prio.Error for unknown ids, self-dependencies and cycles (the
    error's ``.cycles`` lists each one) unless ``bundle_cycles=True`` folds
    every cycle into a bundle that ships together."""

    __slots__ = ("_core", "_backlog")

    def __init__(self, backlog: Union[Backlog, pd.DataFrame], bundle_cycles: bool = False) -> None:
        self._backlog = _backlog(backlog)
        self._core = _core.DependencyGraph(self._backlog._core, bundle_cycles)

    def __len__(self) -> int:
        return len(self._core)

    @property
    def edge_count(self) -> int:
        return int(self._core.edge_count)

    def prerequisites(self, feature: str) -> List[str]:
        ids = self._backlog.ids
        return [ids[i] for i in self._core.prerequisites(self._backlog._core.index_of(feature))]

    def dependents(self, feature: str) -> List[str]:
        ids = self._backlog.ids
        return [ids[i] for i in self._core.dependents(self._backlog._core.index_of(feature))]

    def bundles(self) -> List[List[str]]:
        ids = self._backlog.ids
        return [[ids[i] for i in b] for b in self._core.bundles()]

    def ready(self, done: Sequence[str] = ()) -> List[str]:
        """Features not done whose prerequisites are all done, as ids."""
        ids = self._backlog.ids
        return [ids[i] for i in _core.ready(self._core, [self._backlog._core.index_of(d) for d in done])]

    def unblocks(self, feature: str, scores: Scores) -> Dict[str, Any]:
        """What finishing the feature unblocks (transitively): ids, count, total score."""
        ids = self._backlog.ids
        feats, count, total = _core.unblocks(self._core, self._backlog._core.index_of(feature), scores._core)
        return {"features": [ids[i] for i in feats], "count": int(count), "total_score": float(total)}

    def critical_path(self, durations: Optional[Union[FloatArray, Sequence[float]]] = None) -> Tuple[List[str], float]:
        """The chain of dependencies with the largest total duration (the
        ``effort`` column by default): (ids first prerequisite first, length)."""
        d = self._backlog.column("effort") if durations is None else np.asarray(durations, dtype=np.float64)
        ids = self._backlog.ids
        feats, length = _core.critical_path(self._core, d)
        return [ids[i] for i in feats], float(length)

    def to_dot(self, scores: Optional[Scores] = None) -> str:
        """Graphviz DOT (ids and titles escaped), nodes labelled with scores."""
        s = scores if scores is not None else score(self._backlog)
        return str(_core.to_dot(self._core, self._backlog._core, s._core))


def order(graph: DependencyGraph, scores: Scores, policy: Optional[Union[OrderPolicy, str]] = None) -> IntArray:
    """Feature indices in an order where every feature comes after what it
    depends on: greedy (default), prio.inherited() or prio.value_density(d)."""
    if not isinstance(graph, DependencyGraph):
        raise TypeError(f"graph must be a prio.DependencyGraph, not {type(graph).__name__}")
    if not isinstance(scores, Scores):
        raise TypeError(f"scores must be prio.Scores, not {type(scores).__name__}")
    p = greedy() if policy is None else (OrderPolicy(_policy_name(policy)) if isinstance(policy, str) else policy)
    durations = None if p.durations is None else np.asarray(p.durations, dtype=np.float64)
    return _core.order(graph._core, scores._core, p.name, durations)  # type: ignore[no-any-return]


def _policy_name(order: str) -> str:
    try:
        return _POLICY_NAMES[order]
    except KeyError:
        raise Error(f"order must be one of greedy, inherited, value_density, none; not {order!r}",
                    field="order") from None


def ranking(
    backlog: Union[Backlog, pd.DataFrame],
    strategy: Optional[Strategy] = None,
    order: str = "greedy",
    top: int = 0,
    done: Sequence[str] = (),
) -> pd.DataFrame:
    """The ranking as `prio rank --format json` lists it: one row per
    feature with rank, id, title, score, moscow (None when unset) and
    blocked_by (prerequisites not in ``done``). ``order``: greedy | inherited
    | value_density | none."""
    b = _backlog(backlog)
    s = _strategy(strategy if strategy is not None else rice())
    if top < 0:
        raise Error("top must be >= 0", field="top")
    core_scores, idx, ids, titles, moscow, blocked = _core.ranking(b._core, s._core, _policy_name(order), top,
                                                                   list(done))
    return pd.DataFrame({
        "rank": np.arange(1, len(idx) + 1, dtype=np.int64),
        "id": ids,
        "title": titles,
        "score": core_scores.values[idx].astype(np.float64),
        "moscow": pd.Series(moscow, dtype=object),
        "blocked_by": blocked,
    })


# ---- explain ----------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term of a score: its value in the backlog (raw), the value the
    formula used (normalized), its weight and its contribution."""

    name: str
    attribute: str
    role: str
    raw: float
    normalized: float
    weight: float
    contribution: float
    note: str


class Explanation:
    """A feature's score term by term (str() for a terminal, HTML in notebooks)."""

    def __init__(self, d: Mapping[str, Any]) -> None:
        self.id: str = d["id"]
        self.title: str = d["title"]
        self.strategy: str = d["strategy"]
        self.formula: str = d["formula"]
        self.score: float = float(d["score"])
        self.category: str = d["category"]
        self.notes: List[str] = list(d["notes"])
        self.terms: List[Term] = [Term(**t) for t in d["terms"]]
        self._text: str = d["text"]

    def to_pandas(self) -> pd.DataFrame:
        return pd.DataFrame([t.__dict__ for t in self.terms]).set_index("name")

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"<prio.Explanation {self.id}: {self.strategy} score {self.score:.6g}>"

    def _repr_html_(self) -> str:
        head = (f"<p><b>{html.escape(self.id)}</b> {html.escape(self.title)}<br>"
                f"{html.escape(self.strategy)}: score = {html.escape(self.formula)} = {self.score:.6g}</p>")
        return head + _html_table(self.to_pandas().reset_index(), limit=100, caption="terms")


class PairExplanation:
    """Why feature a outranks feature b (or not): both explanations, the
    reason and each term's signed share of the difference."""

    def __init__(self, d: Mapping[str, Any]) -> None:
        self.a = Explanation(d["a"])
        self.b = Explanation(d["b"])
        self.a_first: bool = bool(d["a_first"])
        self.reason: str = d["reason"]
        self.differences = pd.DataFrame(d["differences"], columns=["term", "a", "b", "share"])
        self._text: str = d["text"]

    @property
    def terms(self) -> List[Term]:
        return self.a.terms

    def __str__(self) -> str:
        return self._text

    def _repr_html_(self) -> str:
        return (f"<p>{html.escape(self.reason)}</p>"
                + _html_table(self.differences, limit=100, caption="share of the difference")
                + self.a._repr_html_() + self.b._repr_html_())


def explain(
    backlog: Union[Backlog, pd.DataFrame], strategy: Optional[Strategy], feature: str, other: Optional[str] = None
) -> Union[Explanation, PairExplanation]:
    """The score of one feature term by term, or with ``other`` why one
    outranks the other."""
    b = _backlog(backlog)
    s = _strategy(strategy if strategy is not None else rice())
    if other is None:
        return Explanation(_core.explain(b._core, s._core, feature))
    return PairExplanation(_core.explain_pair(b._core, s._core, feature, other))


# ---- validate ------------------------------------------------------------------------


@dataclass(frozen=True)
class Diagnostic:
    severity: str
    code: str
    number: int
    feature: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"feature '{self.feature}'" if self.feature else ""
        if self.field:
            where += (", " if where else "") + f"field '{self.field}'"
        return f"{self.severity}: {where + ': ' if where else ''}{self.message}"


def validate(backlog: Union[Backlog, pd.DataFrame], strategy: Optional[Strategy] = None) -> List[Diagnostic]:
    """Every problem at once, without raising: unknown or repeated
    dependencies, cycles, bad ranges, and with a strategy every value it
    would reject."""
    b = _backlog(backlog)
    s = None if strategy is None else _strategy(strategy)._core
    return [Diagnostic(*d) for d in _core.validate(b._core, s)]


# ---- simulate --------------------------------------------------------------------------


def simulate(
    backlog: Union[Backlog, pd.DataFrame],
    strategy: Optional[Strategy] = None,
    *,
    draws: int = 10_000,
    seed: int = 0,
    top_k: int = 10,
    distribution: str = "triangular",
    interval: float = 0.9,
    order: str = "none",
    threads: int = 0,
    progress: Union[None, bool, Callable[[int, int], None]] = None,
    rank_stats: bool = True,
    score_stats: bool = True,
    exact_stats: bool = False,
) -> pd.DataFrame:
    """Monte Carlo rank stability: draws every uncertain attribute (``x``
    with ``x_lo`` and ``x_hi`` columns), scores and ranks each draw.

    Returns a DataFrame indexed by id in the order of the point estimates:
    rank, score, p_top_k, median_rank, rank_lo, rank_hi, score_lo,
    score_median, score_hi (``.attrs`` holds draws, seed, uncertain ...).
    The same seed gives the same numbers as `prio simulate`, whatever
    ``threads``. Ctrl-C stops it within a fraction of a second; ``progress``
    (default: a tqdm bar when tqdm is installed and the run takes over a
    second) may be False or a callable(done, total). ``rank_stats=False``
    and ``score_stats=False`` skip the rank and score intervals (NaN).
    Runs whose draws fit in 64 MiB keep every draw (exact quantiles); larger
    ones estimate the quantiles in bounded memory with a stated error, as
    `prio simulate` does; ``exact_stats=True`` keeps every draw (12 bytes per
    draw and feature, refused above the memory limit)."""
    b = _backlog(backlog)
    s = _strategy(strategy if strategy is not None else rice())
    for name, v in (("draws", draws), ("top_k", top_k), ("threads", threads), ("seed", seed)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise TypeError(f"{name} must be an int, not {type(v).__name__}")
        if v < 0:
            raise Error(f"{name} must be >= 0", field=name)
    kw = s._recipe[1]
    callback = _progress_callback(progress)
    try:
        d = _core.simulate(b._core, s._core, s._simulation_kind(), kw.get("missing", "error"), bool(kw.get("strict")),
                           int(draws), int(seed), int(top_k), distribution, float(interval), _policy_name(order),
                           int(threads), bool(rank_stats), bool(score_stats), bool(exact_stats), callback)
    finally:
        close = getattr(callback, "close", None)
        if close is not None:
            close()
    point = _core.score(b._core, s._core).values
    idx = d["ranking"]
    ids = b.ids
    df = pd.DataFrame(
        {
            "rank": np.arange(1, len(idx) + 1, dtype=np.int64),
            "score": point[idx].astype(np.float64),
            "p_top_k": d["p_top_k"][idx],
            "median_rank": d["median_rank"][idx],
            "rank_lo": d["rank_lo"][idx],
            "rank_hi": d["rank_hi"][idx],
            "score_lo": d["score_lo"][idx],
            "score_median": d["score_median"][idx],
            "score_hi": d["score_hi"][idx],
        },
        index=pd.Index([ids[i] for i in idx], name="id", dtype=object),
    )
    df.attrs.update({k: d[k] for k in ("strategy", "uncertain", "distribution", "draws", "seed", "top_k", "interval")})
    df.attrs["order"] = _policy_name(order)
    return df


class _TqdmProgress:
    """A tqdm bar that appears only once a run has taken a second."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < 1.0 or done >= total:
                return
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, desc="simulate", unit="draw")
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress_callback(progress: Union[None, bool, Callable[[int, int], None]]) -> Optional[Callable[[int, int], None]]:
    if progress is False:
        return None
    if progress is None or progress is True:
        try:
            import tqdm  # noqa: F401
        except ImportError:
            return None
        return _TqdmProgress()
    if not callable(progress):
        raise TypeError("progress must be None, a bool or a callable(done, total)")
    return progress


# ---- rank metrics --------------------------------------------------------------------------


def _vectors(a: Ranked, b: Ranked) -> Tuple[FloatArray, FloatArray]:
    """Two score vectors (higher = better) aligned by feature."""
    if isinstance(a, Scores):
        if isinstance(b, Scores) and a.ids != b.ids:
            b = b.to_pandas()
        a = a.to_pandas() if isinstance(b, pd.Series) else a.values
    if isinstance(b, Scores):
        b = b.to_pandas() if isinstance(a, pd.Series) else b.values
    if isinstance(a, pd.Series) and isinstance(b, pd.Series):
        if set(a.index) != set(b.index) or a.index.has_duplicates:
            raise Error("the two score series must hold the same feature ids once each", field="index")
        b = b.reindex(a.index)
    x = np.ascontiguousarray(np.asarray(a, dtype=np.float64))
    y = np.ascontiguousarray(np.asarray(b, dtype=np.float64))
    if x.ndim != 1 or x.shape != y.shape:
        raise Error(f"the two rankings must have the same length ({x.shape} vs {y.shape})", code="size_mismatch")
    return x, y


def kendall_tau(a: Ranked, b: Ranked) -> float:
    """Kendall tau-b between two score vectors (Scores, Series by id or arrays)."""
    return float(_core.kendall_tau(*_vectors(a, b)))


def spearman(a: Ranked, b: Ranked) -> float:
    """Spearman's rho (average ranks for ties)."""
    return float(_core.spearman(*_vectors(a, b)))


def footrule(a: Ranked, b: Ranked) -> float:
    """Spearman's footrule distance, normalized to [0, 1]."""
    return float(_core.footrule(*_vectors(a, b)))


def rbo(a: Ranked, b: Ranked, p: float = 0.9) -> float:
    """Rank-biased overlap with persistence p (Webber et al. 2010)."""
    return float(_core.rbo(*_vectors(a, b), float(p)))


def top_k_overlap(a: Ranked, b: Ranked, k: int = 10) -> float:
    """Share of the first k features the two rankings have in common."""
    return float(_core.top_k_overlap(*_vectors(a, b), int(k)))


# ---- compare ----------------------------------------------------------------------------------


class Comparison:
    """Rankings of several strategies and their pairwise agreement."""

    def __init__(self, d: Mapping[str, Any], backlog: Backlog) -> None:
        ids = backlog.ids
        self.names: List[str] = list(d["names"])
        #: one column per strategy: the feature id at each place (1-based index)
        self.rankings = pd.DataFrame({n: [ids[i] for i in r] for n, r in zip(self.names, d["rankings"])},
                                     index=pd.RangeIndex(1, len(ids) + 1, name="place"))
        #: one row per pair of strategies: kendall_tau, spearman, rbo, top_k_overlap, footrule
        self.pairs = pd.DataFrame(d["pairs"], columns=["a", "b", "kendall_tau", "spearman", "rbo", "top_k_overlap",
                                                       "footrule"])
        #: features whose place differs most (places 1-based)
        self.movers = pd.DataFrame(
            [(ids[f], best + 1, worst + 1, spread) for f, best, worst, spread in d["movers"]],
            columns=["id", "best", "worst", "spread"])
        self.matrices: Dict[str, pd.DataFrame] = {
            k: pd.DataFrame(np.asarray(d[k]), index=self.names, columns=self.names)
            for k in ("kendall_tau", "spearman", "rbo", "top_k_overlap", "footrule")}
        self.rbo_p = float(d["rbo_p"])
        self.top_k = int(d["top_k"])

    def _repr_html_(self) -> str:
        return _html_table(self.pairs, 50, "agreement") + _html_table(self.movers, 20, "movers")


def compare(
    backlog: Union[Backlog, pd.DataFrame],
    strategies: Union[Mapping[str, Strategy], Sequence[Strategy]],
    *,
    order: str = "none",
    top_k: int = 10,
    rbo_p: float = 0.9,
    movers: int = 10,
) -> Comparison:
    """Ranks the backlog with every strategy and compares each pair
    (Kendall tau-b, Spearman, RBO, top-k overlap, footrule) as `prio compare` does."""
    b = _backlog(backlog)
    named = dict(strategies) if isinstance(strategies, Mapping) else {s.name: s for s in strategies}
    if not named:
        raise Error("compare needs at least one strategy", field="strategies")
    pairs = [(n, _strategy(s, f"strategies[{n!r}]")._core) for n, s in named.items()]
    return Comparison(_core.compare(b._core, pairs, _policy_name(order), int(top_k), float(rbo_p), int(movers)), b)


# ---- raters -------------------------------------------------------------------------------


@dataclass
class Raters:
    """Several raters' ratings combined: the scores by item, the ranking,
    Kendall's W (agreement, NaN with missing ratings) and each rater's tau
    with the aggregate."""

    method: str
    scores: "pd.Series[float]"
    ranking: List[Any]
    kendall_w: float
    rater_tau: "pd.Series[float]"


def raters(
    ratings: Union[pd.DataFrame, FloatArray],
    weights: Optional[Union[Sequence[float], FloatArray, "pd.Series[float]"]] = None,
    method: str = "weighted_mean",
) -> Raters:
    """Aggregates ratings (rows: raters, columns: items; NaN = not rated) by
    weighted_mean, median or borda."""
    df = ratings if isinstance(ratings, pd.DataFrame) else pd.DataFrame(np.asarray(ratings, dtype=np.float64))
    for c in df.columns:
        if not (pd.api.types.is_float_dtype(df[c].dtype) or pd.api.types.is_integer_dtype(df[c].dtype)):
            raise Error(f"ratings of item '{c}' are not numbers (dtype {df[c].dtype})", code="invalid_value",
                        feature=str(c))
    m = np.asfortranarray(df.to_numpy(dtype=np.float64, na_value=np.nan))
    w = np.ones(m.shape[0]) if weights is None else np.ascontiguousarray(np.asarray(weights, dtype=np.float64))
    scores, ranking_, kw, tau = _core.aggregate_raters(m, w, method)
    items = list(df.columns)
    return Raters(method, pd.Series(scores, index=df.columns, name=method), [items[i] for i in ranking_], float(kw),
                  pd.Series(tau, index=df.index, name="kendall_tau"))


def _finite(x: float) -> Optional[float]:
    return x if math.isfinite(x) else None
