import multiprocessing
import os

import pytest

from quotetrail.engines import get_engine
from quotetrail.engines.local import TAIL_BATCHES
from quotetrail.engines.threads import SINGLE_THREAD_ENV
from quotetrail.model import RawDocument
from quotetrail.pipeline import Processed, process_batch


def doc(i):
    body = f"Story number {i} about the harbour.\nThe mayor said the port would reopen on day {i} of the month."
    return RawDocument(source=f"doc{i}.txt", kind="text", data=body.encode())


def texts(results):
    return [r.article.source for batch in results for r in batch if isinstance(r, Processed)]


def test_single_worker_runs_in_process_in_order():
    results = list(get_engine("local").map(process_batch, [[doc(1), doc(2)], [doc(3)]]))
    assert texts(results) == ["doc1.txt", "doc2.txt", "doc3.txt"]


def test_pool_gives_the_same_results_in_order_reading_input_lazily():
    batches = [[doc(i)] for i in range(12)]
    consumed = []

    def lazy():
        for b in batches:
            consumed.append(b)
            yield b

    engine = get_engine("local", workers=2)
    results = engine.map(process_batch, lazy())
    first = next(results)
    assert multiprocessing.active_children()  # the work runs in worker processes
    # input is read as work completes, not all at once: what is in flight, and the batches read
    # ahead to know which are the input's last
    assert len(consumed) <= engine.in_flight + TAIL_BATCHES
    pooled = [first] + list(results)
    assert texts(pooled) == [f"doc{i}.txt" for i in range(12)]
    single = list(get_engine("local").map(process_batch, batches))
    assert [r.article.text for b in pooled for r in b] == [r.article.text for b in single for r in b]


def test_a_runs_main_process_never_loads_spacy():
    """The main process of a run only merges what workers send (people, statements, copies,
    stories, the store): importing what it runs must not import spaCy (~70 MiB and a second
    per process). The forkserver's preload is what loads the model, for the workers."""
    import subprocess
    import sys

    code = ("import sys, quotetrail.pipeline, quotetrail.cli, quotetrail.engines.local;"
            "from quotetrail import people, quotes, stories, clean, dates, statements;"
            "print(sorted(m for m in sys.modules if m == 'spacy' or m.startswith('spacy.')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"




def threads_in_process(_batch):
    import numpy

    numpy.ones((400, 400)) @ numpy.ones((400, 400))  # big enough for OpenBLAS to use its threads, if any
    status = open("/proc/self/status").read()
    return [int(status.split("Threads:")[1].split()[0])]


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="counts threads through Linux's /proc")
def test_workers_are_single_threaded_and_the_callers_environment_is_left_alone(monkeypatch):
    """No BLAS thread pool in a worker (engines/threads.py says why), without touching the
    caller's own environment or overriding a user's explicit setting."""
    import multiprocessing.forkserver

    for name in SINGLE_THREAD_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")
    # a forkserver an earlier test started keeps the environment it started with
    multiprocessing.forkserver._forkserver._stop()
    assert list(get_engine("local", workers=2).map(threads_in_process, [[1], [2], [3]])) == [[1], [1], [1]]
    assert "OPENBLAS_NUM_THREADS" not in os.environ and os.environ["MKL_NUM_THREADS"] == "3"


def forkserver_pid_and_article_seconds(_batch):
    return [(os.getppid(), os.environ.get("QUOTETRAIL_ARTICLE_SECONDS"))]


def test_prepare_starts_the_forkserver_that_the_pool_then_forks_from(monkeypatch):
    """`prepare` starts the workers' forkserver (which loads the model) before the first batch is
    read; `map` forks its workers from that same server, and they see the environment the caller
    had set before `prepare` (the per-article time limit reaches workers this way)."""
    import multiprocessing.forkserver

    server = multiprocessing.forkserver._forkserver
    server._stop()  # an earlier test's forkserver would be reused
    get_engine("local", workers=1).prepare()
    assert server._forkserver_pid is None  # one worker runs in this process: nothing to start
    monkeypatch.setenv("QUOTETRAIL_ARTICLE_SECONDS", "7.5")
    engine = get_engine("local", workers=2)
    engine.prepare()
    started = server._forkserver_pid
    assert started is not None and os.path.exists(f"/proc/{started}")
    monkeypatch.setenv("QUOTETRAIL_ARTICLE_SECONDS", "99")  # too late: workers inherit the server's
    assert list(engine.map(forkserver_pid_and_article_seconds, [[1], [2], [3]])) == [[(started, "7.5")]] * 3
    assert server._forkserver_pid == started
    server._stop()


def unit_sizes(unit):
    return [(len(unit), item) for item in unit]


def test_batches_go_to_the_workers_in_units_and_come_back_whole_in_order():
    """A batch is the caller's unit (one store transaction); the workers take it in parts, the
    input's last batches in finer ones, and each batch's results come back joined, in input order."""
    batches = [list(range(n * 100, n * 100 + size)) for n, size in enumerate([32, 32, 32, 32, 20])]
    results = list(get_engine("local", workers=2).map(unit_sizes, batches))
    assert [[item for _, item in batch] for batch in results] == batches
    assert [sorted({size for size, _ in batch}) for batch in results] == [[16], [16], [16], [8], [5]]


def test_work_units_cut_a_batch_for_the_workers_never_below_the_minimum_until_the_end():
    from quotetrail.engines.local import MIN_UNIT, work_units

    batch = list(range(32))
    assert [len(u) for u in work_units(batch, 2, last=False)] == [16, 16]
    assert [len(u) for u in work_units(batch, 2, last=True)] == [8, 8, 8, 8]
    assert [len(u) for u in work_units(batch, 16, last=False)] == [MIN_UNIT] * (32 // MIN_UNIT)
    assert [len(u) for u in work_units(list(range(5)), 2, last=False)] == [5]
    assert [len(u) for u in work_units(list(range(5)), 2, last=True)] == [2, 2, 1]
    assert sum(work_units(batch, 3, last=False), []) == batch


def mark_ahead(batch):
    return [(item, os.getpid()) for item in batch]


def who_prepared(batch):
    return [(item[0], item[1]) if isinstance(item, tuple) else (item, None) for item in batch]


def slow_pool_start(monkeypatch, seconds):
    from quotetrail.engines import local

    real = local._QuietForkServer.Pool

    def slow(self, *args, **kwargs):
        import time

        time.sleep(seconds)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(local._QuietForkServer, "Pool", slow)


def test_while_the_pool_starts_the_first_batches_are_prepared_here_then_workers_take_them(monkeypatch):
    """`ahead` runs in the caller's process on the first batches while the workers start, at most
    as many as may be in flight; the workers take those as prepared, and every other batch whole."""
    slow_pool_start(monkeypatch, 1.0)
    engine = get_engine("local", workers=2)
    batches = [[n * 10 + i for i in range(4)] for n in range(12)]
    results = list(engine.map(who_prepared, batches, ahead=mark_ahead))
    assert [[item for item, _ in batch] for batch in results] == batches
    prepared = [all(by == os.getpid() for _, by in batch) for batch in results]
    assert prepared[0] and sum(prepared) <= engine.in_flight
    assert prepared == sorted(prepared, reverse=True)  # the first batches, then none
    assert not any(by for batch in results[engine.in_flight:] for _, by in batch)


def test_without_ahead_or_with_one_worker_nothing_is_prepared_in_the_caller(monkeypatch):
    slow_pool_start(monkeypatch, 0.3)
    batches = [[1, 2], [3, 4], [5, 6]]
    assert list(get_engine("local", workers=2).map(who_prepared, batches)) == [
        [(1, None), (2, None)], [(3, None), (4, None)], [(5, None), (6, None)]]
    assert list(get_engine("local", workers=1).map(who_prepared, batches, ahead=mark_ahead)) == [
        [(1, None), (2, None)], [(3, None), (4, None)], [(5, None), (6, None)]]


def test_a_failure_while_preparing_ends_the_pool_it_was_starting(monkeypatch):
    slow_pool_start(monkeypatch, 0.3)
    before = set(multiprocessing.active_children())

    def broken(batch):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        list(get_engine("local", workers=2).map(who_prepared, [[1], [2], [3]], ahead=broken))
    import time

    time.sleep(0.5)
    assert set(multiprocessing.active_children()) <= before


def test_prepared_articles_give_what_raw_documents_give():
    from quotetrail.pipeline import prepare_batch

    docs = [doc(i) for i in range(3)]
    direct, prepared = process_batch(docs), process_batch(prepare_batch(docs))
    assert [(r.article.text, [q.text for q in r.article.quotes], r.fingerprint, r.story_vector) for r in direct] == [
        (r.article.text, [q.text for q in r.article.quotes], r.fingerprint, r.story_vector) for r in prepared]
    assert any(r.article.quotes for r in direct)
