"""The local engine: in-process for one worker, a process pool for more."""
from __future__ import annotations

import multiprocessing
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

    def map(self, fn: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[R]:
        if self.workers == 1:
            for batch in batches:
                yield fn(batch)
            return
        # Pool.imap would read the whole input ahead of the workers; a bounded queue of pending
        # results keeps memory flat however large the corpus is.
        # forkserver, not fork: the parent has threads (progress bar) and an open database.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(self.preload)
        with single_thread_children():  # the forkserver starts here; workers inherit its environment
            pool = context.Pool(self.workers)
        with pool:
            pending: deque = deque()
            for batch in batches:
                pending.append(pool.apply_async(fn, (batch,)))
                if len(pending) >= self.in_flight:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
