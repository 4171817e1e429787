"""The local engine's defaults: as many workers as this process may use cores, and no pool for a
run that has only one batch."""
from __future__ import annotations

import os

from quotetrail.engines import available_cores, get_engine
from quotetrail.engines.local import LocalEngine


def test_default_workers_are_the_cores_this_process_may_use():
    assert available_cores() == len(os.sched_getaffinity(0))
    assert get_engine("local").workers == available_cores()
    assert get_engine("local", workers=1).workers == 1


def _pid(batch):
    return [os.getpid() for _ in batch]


def test_a_single_batch_runs_in_this_process():
    assert list(LocalEngine(workers=2).map(_pid, [[1, 2]])) == [[os.getpid()] * 2]
    assert list(LocalEngine(workers=2).map(_pid, [])) == []


def test_two_batches_go_to_the_pool_in_order():
    results = list(LocalEngine(workers=2).map(_pid, [[1], [2], [3]]))
    assert len(results) == 3
    assert all(r[0] != os.getpid() for r in results)
