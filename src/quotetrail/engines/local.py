"""The local engine: in-process for one worker, a process pool for more."""
from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.context
import multiprocessing.pool
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from .threads import single_thread_children

T = TypeVar("T")
R = TypeVar("R")


# Imported once in the forkserver, so workers fork with them in place: the stage code, and the
# spaCy model (nlp.warm), whose memory the workers then share instead of each loading a copy.
PRELOAD = ("quotetrail.pipeline", "quotetrail.nlp.warm", "quotetrail.engines.frozen")


class LocalEngine:
    def __init__(self, workers: int = 1, in_flight_per_worker: int = 2, preload: Sequence[str] = PRELOAD):
        self.workers = max(1, workers)
        self.in_flight = self.workers * in_flight_per_worker
        self.preload = list(preload)

    def prepare(self) -> None:
        """Start the workers' forkserver now, for a caller that expects more than one batch: it
        imports the stages and loads the model (about 1.2 s) on another core while the caller
        finishes its own start-up, instead of after it. The pool `map` makes later forks from it.
        If the run turns out to be one batch after all, it stays unused and ends with this process."""
        if self.workers == 1:
            return
        from multiprocessing import forkserver

        forkserver.set_forkserver_preload(self.preload)
        _quiet_resource_tracker()
        with single_thread_children():  # workers inherit the forkserver's environment
            forkserver.ensure_running()

    def map(self, fn: Callable[[list[T]], list[R]], batches: Iterable[list[T]],
            ahead: Callable[[list[T]], list[T]] | None = None) -> Iterator[list[R]]:
        if self.workers == 1:
            for batch in batches:
                yield fn(batch)
            return
        # A run of one batch (a few files, one web upload) is done in this process: starting a
        # pool and loading the model in it would cost more than the batch.
        batches = iter(batches)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None)
        if second is None:
            yield fn(first)
            return
        # Pool.imap would read the whole input ahead of the workers; a bounded queue of pending
        # results keeps memory flat however large the corpus is.
        # forkserver, not fork: the parent has threads (progress bar) and an open database.
        self.prepare()  # the forkserver, if `prepare` has not started it already
        starting = _PoolStart(self.workers)
        unit_batches = (work_units(batch, self.workers, last)
                        for batch, last in _flag_last(itertools.chain((first, second), batches), TAIL_BATCHES))
        try:
            early = _head_start(unit_batches, ahead, starting.ready, self.in_flight)
            pool = starting.pool()
        except BaseException:
            starting.abandon()
            raise
        with pool:
            pending: deque[list] = deque()  # per batch, its units' results
            for units in itertools.chain(early, unit_batches):
                pending.append([pool.apply_async(fn, (unit,)) for unit in units])
                if len(pending) >= self.in_flight:
                    yield _joined(pending.popleft())
            while pending:
                yield _joined(pending.popleft())


class _PoolStart:
    """The worker pool, started in a thread: making it waits until the forkserver has loaded the
    model (about a second), and the caller has better things to do meanwhile."""

    def __init__(self, workers: int):
        self.ready = threading.Event()
        self._made: dict = {}
        threading.Thread(target=self._make, args=(workers,), name="quotetrail-pool-start", daemon=True).start()

    def _make(self, workers: int) -> None:
        try:
            self._made["pool"] = _QuietForkServer().Pool(workers)
        except BaseException as exc:  # handed to the caller, in its thread
            self._made["error"] = exc
        finally:
            self.ready.set()

    def pool(self) -> multiprocessing.pool.Pool:
        self.ready.wait()
        if "error" in self._made:
            raise self._made["error"]
        return self._made["pool"]

    def abandon(self) -> None:
        """The caller is failing before using the pool: end it once made, workers and all."""
        self.ready.wait()
        if "pool" in self._made:
            self._made["pool"].terminate()


def _head_start(unit_batches: Iterator[list[list[T]]], ahead: Callable[[list[T]], list[T]] | None,
                ready: threading.Event, most: int) -> list[list[list[T]]]:
    """While the pool starts, the first batches' units with `ahead` done to them in this process
    (the stages that need no model: reading, cleaning, fingerprints), unit by unit, up to `most`
    batches. The workers take those units as they take the others, their first part done."""
    early: list[list[list[T]]] = []
    if ahead is None:
        return early
    for units in unit_batches:
        early.append([unit if ready.is_set() else ahead(unit) for unit in units])
        if ready.is_set() or len(early) >= most:
            break
    return early


# A unit of work is at least this many items while more input follows: fewer parse less
# efficiently (the parser batches and sorts a unit's paragraphs by length), and each unit opens
# the store once to look for stored analyses.
MIN_UNIT = 8


# The input's last batches, cut finer: the workers end within a small unit of each other.
TAIL_BATCHES = 2


def work_units(batch: list[T], workers: int, last: bool) -> list[list[T]]:
    """`batch` cut into the units the workers take one at a time, in order. A batch is the
    caller's unit (one store transaction); the workers take it as units of about 1/`workers` of
    it (no fewer than MIN_UNIT items), and the input's `last` batches as units of about
    1/(2·`workers`), which fill the gap while the longest of the full units ends. Articles'
    lengths vary, so whole batches (or one batch of the end in parts) left one worker parsing
    alone at the end of a run: on 168 texts in batches of 32, one worker had 96 of them and the
    other 72."""
    if last:
        size = max(1, -(-len(batch) // (2 * workers)))
    else:
        size = max(MIN_UNIT, -(-len(batch) // workers))
    return [batch[i:i + size] for i in range(0, len(batch), size)]


def _flag_last(items: Iterator[T], tail: int) -> Iterator[tuple[T, bool]]:
    """Each item with whether it is one of the last `tail`, reading up to `tail` items ahead."""
    ahead: deque[T] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) > tail:
            yield ahead.popleft(), False
    for item in ahead:
        yield item, True


def _joined(results: list) -> list:
    """One batch's result: its units' results, in order (`fn` gives one result per item)."""
    return [item for result in results for item in result.get()]



class _QuietWorker(multiprocessing.context.ForkServerProcess):
    """A pool worker that ends without a word when the run it works for is gone. A killed run's
    workers finish their batch, then fail to hand it back: each printed a BrokenPipeError
    traceback into the user's terminal after the run had ended."""

    def run(self) -> None:
        try:
            super().run()
        except (BrokenPipeError, ConnectionResetError, EOFError):
            pass  # nobody is left to report to


class _QuietForkServer(multiprocessing.context.ForkServerContext):
    Process = _QuietWorker


def _quiet_resource_tracker() -> None:
    """When a run is killed, multiprocessing's resource tracker frees the pool's semaphores and
    warns that they "appear to be leaked": expected then, and only noise to the user who stopped
    the run. The tracker is a separate process that takes its warning filters from ours."""
    option = "ignore::UserWarning:multiprocessing.resource_tracker"
    if option not in sys.warnoptions:
        sys.warnoptions.append(option)
