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


def _run_counting_prepares(monkeypatch, tmp_path, files: int, *args: str) -> int:
    """`quotetrail run` over `files` small text files, the pipeline itself left out: how many times
    the engine was asked to prepare its workers."""
    from typer.testing import CliRunner

    from quotetrail import cli, pipeline

    calls = []
    monkeypatch.setattr(LocalEngine, "prepare", lambda self: calls.append(self.workers))
    monkeypatch.setattr(pipeline, "run", lambda *a, **k: (_ for _ in ()).throw(SystemExit(0)))
    for i in range(files):
        (tmp_path / f"a{i}.txt").write_text(f"Title {i}\n\nThe mayor said so on day {i}.\n")
    CliRunner().invoke(cli.app, ["run", str(tmp_path), "--db", str(tmp_path / "s.db"), "--workers", "2", *args])
    return len(calls)


def test_a_run_of_more_than_one_batch_starts_its_workers_before_importing_the_stages(monkeypatch, tmp_path):
    assert _run_counting_prepares(monkeypatch, tmp_path, 5, "--batch-size", "4") == 1


def test_a_run_of_one_batch_starts_no_workers(monkeypatch, tmp_path):
    assert _run_counting_prepares(monkeypatch, tmp_path, 4, "--batch-size", "4") == 0


def test_a_pooled_run_stores_what_a_one_worker_run_stores(tmp_path):
    """Batches cut into units, the first ones read and cleaned in the main process while the
    workers load the model: the store holds the same articles, quotes and speakers as a run in
    one process."""
    from quotetrail import pipeline
    from quotetrail.store.sqlite import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(9):
        (folder / f"a{i}.txt").write_text(
            f"Harbour report {i}\n\nMayor Helen Marsh said on Tuesday that berth {i} would reopen.\n\n"
            f"“We are ready for ship number {i},” the harbour master, Ivo Brandt, told reporters.\n",
            encoding="utf-8")

    def stored(workers):
        store = Store(tmp_path / f"s{workers}.db")
        summary = pipeline.run([str(folder)], store, engine=LocalEngine(workers=workers), batch_size=2)
        rows = sorted((r["source"].rsplit("/", 1)[-1], r["text"], r["speaker"]) for r in store.iter_quotes())
        store.close()
        return summary.stored, rows

    one, pooled = stored(1), stored(2)
    assert pooled == one and one[0] == 9 and len(one[1]) >= 18
