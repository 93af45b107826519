"""prio.sweep on a LocalCluster of two worker processes equals the serial loop bit for bit."""

from __future__ import annotations

from typing import Iterator

import numpy as np
import pandas as pd
import pytest

import prio

distributed = pytest.importorskip("distributed")


def _backlogs(count: int, n: int) -> dict[str, pd.DataFrame]:
    out = {}
    for k in range(count):
        rng = np.random.default_rng(k)
        reach = rng.uniform(100, 1000, n).round(1)
        out[f"team{k}"] = pd.DataFrame({"reach": reach, "reach_lo": reach * 0.5, "reach_hi": reach * 1.5,
                                        "impact": 1.0, "confidence": 0.8, "effort": rng.integers(1, 9, n) * 1.0,
                                        "business_value": 5.0, "time_criticality": rng.integers(1, 13, n) * 1.0,
                                        "risk_reduction": 1.0, "job_size": rng.integers(1, 9, n) * 1.0},
                                       index=[f"t{k}-f{i}" for i in range(n)])
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def test_sweep_on_cluster_equals_serial_loop(client: object) -> None:
    backlogs = _backlogs(6, 25)
    strategies = {"rice": prio.rice(), "wsjf": prio.wsjf(),
                  "custom": prio.custom(lambda b: b.column("reach") / b.column("effort"), "reach per effort")}
    kw = dict(seeds=[1, 2], draws=300, top_k=5)
    remote = prio.sweep(client, backlogs, strategies, **kw)  # type: ignore[arg-type]
    serial = prio.sweep(None, backlogs, strategies, **kw)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(remote, serial, check_exact=True)
    assert len(remote) == 6 * 3 * 2 * 25
    assert list(remote.columns[:4]) == ["backlog", "strategy", "seed", "id"]
    # one slice equals a direct prio.simulate call
    one = prio.simulate(backlogs["team3"], prio.wsjf(), draws=300, seed=2, top_k=5, progress=False)
    got = remote[(remote.backlog == "team3") & (remote.strategy == "wsjf") & (remote.seed == 2)]
    assert got["p_top_k"].tolist() == one["p_top_k"].tolist()
    assert got["id"].tolist() == one.index.tolist()


def test_batches_of_any_size_give_the_same_frame(client: object) -> None:
    # One task per backlog, a few backlogs per task, all in one task, and the
    # automatic size (about four tasks per worker thread): the same rows.
    backlogs = _backlogs(7, 10)
    kw = dict(seeds=[3], draws=200, top_k=3)
    serial = prio.sweep(None, backlogs, [prio.rice()], **kw)  # type: ignore[arg-type]
    for batch in (None, 1, 3, 7, 100):
        remote = prio.sweep(client, backlogs, [prio.rice()], batch=batch, **kw)  # type: ignore[arg-type]
        pd.testing.assert_frame_equal(remote, serial, check_exact=True)
    assert serial["backlog"].unique().tolist() == [f"team{k}" for k in range(7)]
    for bad in (0, -2, 1.5, True):
        with pytest.raises(prio.Error) as e:
            prio.sweep(client, backlogs, [prio.rice()], batch=bad, **kw)  # type: ignore[arg-type]
        assert e.value.field == "batch"


def test_closed_client_is_an_error() -> None:
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0")
    c = distributed.Client(cluster)
    c.close()
    cluster.close()
    with pytest.raises(prio.Error) as e:
        prio.sweep(c, _backlogs(1, 3), [prio.rice()])
    assert e.value.field == "client"
    with pytest.raises(TypeError, match="client"):
        prio.sweep("localhost:8786", _backlogs(1, 3), [prio.rice()])
