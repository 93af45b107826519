"""Sensitivity, sprint plans and releases: the `prio` command's own reports.

These run the command-line tool's code in-process on the backlog (written as
prio's CSV, which reads back exactly), so their numbers are the CLI's by
construction; the JSON it prints becomes pandas objects here.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import pandas as pd

from . import _core
from ._backlog import Backlog, _html_table
from ._errors import Error
from ._strategies import Strategy, rice, weighted


def run_cli(args: Sequence[str]) -> Dict[str, Any]:
    """Runs `prio ARGS... --format json` in-process and returns the parsed JSON.
    A failure raises prio.Error with the tool's message."""
    code, out, err = _core.run_cli(list(args) + ["--format", "json"])
    if code != 0:
        text = err.strip()
        first = text.splitlines()[0] if text else f"prio {args[0]} failed"
        raise Error(first.replace("prio " + args[0] + ": error: ", "", 1), code="invalid_argument",
                    diagnostics=text.splitlines())
    result: Dict[str, Any] = json.loads(out)
    return result


def _with_file(backlog: Backlog, command: str, args: Sequence[str]) -> Dict[str, Any]:
    if not isinstance(backlog, Backlog):
        if isinstance(backlog, pd.DataFrame):
            backlog = Backlog.from_pandas(backlog)
        else:
            raise TypeError(f"backlog must be a prio.Backlog or a DataFrame, not {type(backlog).__name__}")
    with tempfile.TemporaryDirectory(prefix="prio-") as d:
        path = os.path.join(d, "backlog.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(backlog.to_csv())
        # The file holds the backlog's own values: no percent conversion on
        # reading back (`prio release` reads confidence as prio's files do).
        percent = [] if command == "release" else ["--percent-columns", "none"]
        return run_cli([command, path, *percent, *args])


def _cli_strategy(strategy: Optional[Strategy]) -> List[str]:
    s = strategy if strategy is not None else rice()
    if not isinstance(s, Strategy):
        raise TypeError(f"strategy must be a prio strategy, not {type(s).__name__}")
    args = s._cli_args()
    if args is None:
        raise Error(f"{s!r} has no command-line spelling (custom names, fixed normalization, OKR trees or a "
                    "custom callable); plan, release and sensitivity take rice, ice, wsjf, moscow or weighted",
                    field="strategy")
    return args


# ---- sensitivity --------------------------------------------------------------------


@dataclass
class Sensitivity:
    """How far each weight may move before the first feature (or the set of
    the first k) changes; leave-one-criterion-out agreement; rank reversal
    under each normalization when a dominated feature is added."""

    strategy: str
    top_k: int
    first: Optional[str]
    weights: pd.DataFrame
    leave_one_out: pd.DataFrame
    rank_reversal: pd.DataFrame

    def _repr_html_(self) -> str:
        return (_html_table(self.weights, 50, "weight changes that alter the result")
                + _html_table(self.leave_one_out, 50, "leave one criterion out")
                + _html_table(self.rank_reversal, 50, "rank reversal"))


def sensitivity(
    backlog: Union[Backlog, pd.DataFrame],
    weights: Mapping[str, float],
    *,
    normalization: str = "min_max",
    missing: str = "error",
    top_k: int = 3,
) -> Sensitivity:
    """Weight sensitivity of a weighted score (as `prio sensitivity`)."""
    spec = weighted(weights, normalization, missing)._cli_args()
    if spec is None:
        raise Error("sensitivity takes the min_max, z_score, vector or rank normalization", field="normalization")
    d = _with_file(backlog, "sensitivity", ["--weights", spec[3], "--normalization", normalization,
                                            "--missing", missing, "--top", str(int(top_k))])
    return Sensitivity(d["strategy"], d["top_k"], d.get("first"),
                       pd.DataFrame(d["weights"]).set_index("criterion") if d["weights"] else pd.DataFrame(),
                       pd.DataFrame(d["leave_one_out"]).set_index("criterion") if d["leave_one_out"] else pd.DataFrame(),
                       pd.DataFrame(d["rank_reversal"]))


# ---- plan ---------------------------------------------------------------------------


@dataclass
class Plan:
    """Sprints filled in value order within capacity, respecting dependencies."""

    strategy: str
    capacity: List[float]
    #: one row per sprint: capacity, used, free, value, cumulative_value, must_share, could_share, features
    sprints: pd.DataFrame
    #: one row per feature: its sprint (1-based)
    assignments: "pd.Series[int]"
    #: features left out and why (wont, too_large, blocked, no_capacity ...)
    unplanned: pd.DataFrame
    warnings: List[str] = field(default_factory=list)

    def _repr_html_(self) -> str:
        return _html_table(self.sprints.reset_index(), 50, "sprints") + _html_table(self.unplanned, 50, "unplanned")


def plan(
    backlog: Union[Backlog, pd.DataFrame],
    capacity: Union[float, Sequence[float]],
    *,
    strategy: Optional[Strategy] = None,
    sprints: Optional[int] = None,
    order: str = "greedy",
    effort: str = "effort",
    separate_sprints: bool = False,
    plan_wont: bool = False,
) -> Plan:
    """Sprint plan (as `prio plan`): capacity per sprint (one value, or a list whose last repeats)."""
    caps = [capacity] if isinstance(capacity, (int, float)) else list(capacity)
    if not caps:
        raise Error("capacity needs at least one value", field="capacity")
    args = ["--capacity", ",".join(repr(float(c)) for c in caps), "--effort", effort, "--order",
            order.replace("_", "-"), *_cli_strategy(strategy)]
    if sprints is not None:
        args += ["--sprints", str(int(sprints))]
    if separate_sprints:
        args.append("--separate-sprints")
    if plan_wont:
        args.append("--plan-wont")
    d = _with_file(backlog, "plan", args)
    sp = pd.DataFrame(d["sprints"])
    if len(sp):
        sp = sp.set_index("sprint")
    assignments = pd.Series({f: int(s) for s, fs in zip(sp.index, sp["features"]) for f in fs} if len(sp) else {},
                            dtype="int64", name="sprint")
    assignments.index.name = "id"
    un = pd.DataFrame(d["unplanned"], columns=["id", "reason", "blocked_by"])
    return Plan(d["strategy"], [float(c) for c in d["capacity"]], sp, assignments, un, list(d.get("warnings", [])))


# ---- release ------------------------------------------------------------------------


@dataclass
class Release:
    """The features of one release within a budget (the Next Release Problem)."""

    budget: float
    cost: float
    value: float
    selected: List[str]
    satisfied: List[str]
    optimal: bool
    bound: float


def release(
    backlog: Union[Backlog, pd.DataFrame],
    budget: float,
    *,
    strategy: Optional[Strategy] = None,
    bundles: Optional[pd.DataFrame] = None,
    effort: str = "effort",
    value: Optional[str] = None,
    time_limit: float = 10.0,
    seed: int = 1,
) -> Release:
    """Chooses the release (as `prio release`): the most value within the
    budget, prerequisites included; ``bundles`` (columns bundle, value,
    features as a list or an 'a;b' string) only deliver value together."""
    args = ["--budget", repr(float(budget)), "--effort", effort, "--time-limit", repr(float(time_limit)),
            "--seed", str(int(seed)), *_cli_strategy(strategy)]
    if value is not None:
        args += ["--value", value]
    with tempfile.TemporaryDirectory(prefix="prio-") as d:
        if bundles is not None:
            missing = {"bundle", "value", "features"} - set(bundles.columns)
            if missing:
                raise Error(f"bundles needs the columns bundle, value, features (missing {sorted(missing)})",
                            field="bundles")
            lines = ["bundle,value,features"]
            for name, v, feats in zip(bundles["bundle"], bundles["value"], bundles["features"]):
                text = ";".join(feats) if isinstance(feats, (list, tuple)) else str(feats)
                for part, what in ((str(name), "bundle"), (text, "features")):
                    if any(ch in part for ch in ",\r\n"):  # the bundles format has no quoting
                        raise Error(f"a bundle's {what} may not hold a comma or a line break: {part!r}",
                                    field="bundles")
                lines.append(f"{name},{float(v)!r},{text}")
            path = os.path.join(d, "bundles.csv")
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write("\n".join(lines) + "\n")
            args += ["--bundles", path]
        r = _with_file(backlog if isinstance(backlog, Backlog) else Backlog.from_pandas(backlog), "release", args)
    return Release(float(r["budget"]), float(r["cost"]), float(r["value"]), list(r["selected"]),
                   list(r.get("satisfied", [])), bool(r["optimal"]), float(r["bound"]))
