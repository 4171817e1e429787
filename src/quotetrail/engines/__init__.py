"""Executors for the per-article stages. Stages never know which engine runs them."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    def map(self, fn: Callable[[list[T]], R], batches: Iterable[list[T]]) -> Iterator[R]:
        """Apply `fn` to every batch, yielding results in input order, with bounded work in flight."""
        ...


def get_engine(name: str = "local", *, workers: int = 1, address: str | None = None) -> Engine:
    if name == "local":
        from .local import LocalEngine

        return LocalEngine(workers=workers)
    if name == "ray":
        from .ray import RayEngine

        return RayEngine(address=address, workers=workers if workers > 1 else None)
    raise ValueError(f"unknown engine {name!r} (choose: local, ray)")
