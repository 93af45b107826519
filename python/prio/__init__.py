"""prio: dependency-aware backlog prioritization for NumPy and pandas.

    import prio
    b = prio.read_backlog("examples/backlog.csv")
    df = prio.ranking(b, prio.rice())                  # the rows of `prio rank --format json`
    sim = prio.simulate(b, prio.rice(), draws=10_000, seed=1, top_k=5)

Every number comes from prio's C++ library, the same as the `prio` tool's.
"""

from ._core import __version__
from ._errors import Error
from ._backlog import Backlog, read_backlog
from ._strategies import Criterion, Objective, Strategy, custom, ice, moscow, okr, rice, weighted, wsjf
from ._api import (
    Comparison,
    DependencyGraph,
    Diagnostic,
    Explanation,
    OrderPolicy,
    PairExplanation,
    Raters,
    Scores,
    Term,
    compare,
    explain,
    footrule,
    greedy,
    inherited,
    kendall_tau,
    order,
    ranking,
    raters,
    rbo,
    score,
    simulate,
    spearman,
    top_k_overlap,
    validate,
    value_density,
)
from ._reports import Plan, Release, Sensitivity, plan, release, run_cli, sensitivity
from ._sweep import sweep

__all__ = [
    "__version__", "Error", "Backlog", "read_backlog",
    "Criterion", "Objective", "Strategy", "custom", "ice", "moscow", "okr", "rice", "weighted", "wsjf",
    "Comparison", "DependencyGraph", "Diagnostic", "Explanation", "OrderPolicy", "PairExplanation", "Raters",
    "Scores", "Term", "compare", "explain", "footrule", "greedy", "inherited", "kendall_tau", "order", "ranking",
    "raters", "rbo", "score", "simulate", "spearman", "top_k_overlap", "validate", "value_density",
    "Plan", "Release", "Sensitivity", "plan", "release", "run_cli", "sensitivity", "sweep",
]
