"""Worker processes with a single thread: no BLAS thread pools.

Parallelism comes from worker processes, one per core. The model's matrix products are tiny (a
paragraph's tokens by 96 columns), so numpy's OpenBLAS threads never help. Worse, once a process
has a second thread, every lock costs an atomic operation, and spaCy's NER takes and releases the
GIL for each of its 74 moves at each token: its parse cost 13% more CPU with the threads there,
and a two-worker run took 11% longer (docs/performance.md, run 7). BLAS libraries start their
threads when numpy is imported, so the only cure is the environment a process starts with;
lowering the limit later (threadpoolctl) leaves the threads in place and measured no gain.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

SINGLE_THREAD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def prefer_single_thread() -> None:
    """For this process and those it starts, unless the user set them: call before numpy is imported."""
    for name, value in SINGLE_THREAD_ENV.items():
        os.environ.setdefault(name, value)


@contextmanager
def single_thread_children() -> Iterator[None]:
    """Processes started inside the block (a pool's forkserver) get `SINGLE_THREAD_ENV`, unless the
    user set those variables; this process's environment is restored on exit."""
    saved = {name: os.environ.get(name) for name in SINGLE_THREAD_ENV}
    prefer_single_thread()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
