"""Executors for the per-article stages. Stages never know which engine runs them."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    def prepare(self) -> None:
        """Get ready for a run of more than one batch (start workers, load the model) while the
        caller finishes its own start-up; `map` works without it."""
        ...

    def map(self, fn: Callable[[list[T]], list[R]], batches: Iterable[list[T]],
            ahead: Callable[[list[T]], list[T]] | None = None) -> Iterator[list[R]]:
        """`fn`'s result for every batch, in input order, with bounded work in flight. `fn` gives
        one result per item, in order, so an engine may hand a batch to its workers in parts and
        join their results (the local engine does, to keep its workers evenly loaded). `ahead`
        does a first part of `fn`'s work on a batch, and `fn` takes its output as it takes its
        input: an engine may run it in the caller's process while its workers start (the local
        engine does, while they load the model), or never."""
        ...


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity: a container's or `taskset`'s limit,
    not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def get_engine(name: str = "local", *, workers: int | None = None, address: str | None = None) -> Engine:
    """The engine `name` with `workers` processes (None: one per available core for the local
    engine, Ray's own choice for Ray)."""
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(workers=available_cores() if workers is None else workers)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(address=address, workers=workers if workers and workers > 1 else None)
    raise ValueError(f"unknown engine {name!r} (choose: local, ray)")
