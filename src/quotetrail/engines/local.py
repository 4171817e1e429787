"""The local engine: in-process for one worker, a process pool for more."""
from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.context
import sys
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

    def map(self, fn: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[R]:
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
        batches = itertools.chain((first, second), batches)
        # Pool.imap would read the whole input ahead of the workers; a bounded queue of pending
        # results keeps memory flat however large the corpus is.
        # forkserver, not fork: the parent has threads (progress bar) and an open database.
        self.prepare()  # the forkserver, if `prepare` has not started it already
        pool = _QuietForkServer().Pool(self.workers)
        with pool:
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.apply_async(fn, (batch,)))
                if len(pending) >= self.in_flight:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()



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
