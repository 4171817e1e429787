"""The Ray engine: per-article stages as Ray tasks, on a local Ray instance or a cluster.

Only the batches travel to the workers and only compact results come back; the corpus-level stages
stay in the driver, so the results equal the local engine's.
"""
from __future__ import annotations

import inspect
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any


def _call(fn: Callable[[list], Any], batch: list) -> Any:
    return fn(batch)


class RayEngine:
    def __init__(self, address: str | None = None, workers: int | None = None, in_flight_per_worker: int = 2):
        try:
            import ray
        except ImportError as exc:  # optional dependency: say how to get it
            raise ValueError("the Ray engine needs Ray: pip install 'quotetrail[ray]'") from exc
        self.ray = ray
        if not ray.is_initialized():
            # A local instance when no address is given; "auto" or "ray://host:10001" joins a cluster.
            ray.init(address=address, num_cpus=workers if address is None else None,
                     include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.in_flight = max(1, cpus * in_flight_per_worker)
        self._remote_cache: dict[Callable, Any] = {}

    def prepare(self) -> None:
        """Nothing to do ahead: Ray starts (or joins) its cluster when `map` is first called."""

    def _remote(self, fn: Callable) -> Any:
        if fn not in self._remote_cache:
            self._remote_cache[fn] = self.ray.remote(fn)
        return self._remote_cache[fn]

    def map(self, fn: Callable[[list], Any], batches: Iterable[list],
            ahead: Callable[[list], list] | None = None) -> Iterator[Any]:
        del ahead  # the workers do all of `fn`: Ray's start is not spent waiting here
        # ray.remote takes plain functions only; anything else (a functools.partial with the
        # stage's settings) travels with each task through a plain one
        plain = inspect.isfunction(fn)
        task, leading = (self._remote(fn), ()) if plain else (self._remote(_call), (fn,))
        pending: deque = deque()
        for batch in batches:
            pending.append(task.remote(*leading, batch))
            if len(pending) >= self.in_flight:  # bounded: the input is read as results come back
                yield self.ray.get(pending.popleft())
        while pending:
            yield self.ray.get(pending.popleft())

    def shutdown(self) -> None:
        self.ray.shutdown()
