"""numpy's BLAS on one thread per parsing process.

The tok2vecs' maxout layers multiply with numpy (`maxout.py`), which runs OpenBLAS with kernels
picked for the CPU at hand: for their shapes (thousands of tokens by 288 or 384 inputs by 288
outputs) the `blis` wheel thinc uses reached about 95 GFLOP/s on one core of this machine where
OpenBLAS reached about 145 (`docs/performance.md`). OpenBLAS starts a thread per core for a large
product; a run already parses in one process per core, so those threads would only contend for
the same cores. (The model's smaller products, in its linear and precomputed layers, were measured
on numpy too and gained nothing within noise, so they stay on blis.)
"""
from __future__ import annotations


def one_thread() -> None:
    """Run numpy's BLAS on this process's own thread (for every library numpy may have loaded)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
