"""The tok2vecs' maxout layers, predicting without the arg-max that only training reads.

thinc's `Maxout` forward multiplies, then takes the largest of each unit's pieces with
`ops.maxout`, which also works out which piece won, for the backward pass. In prediction:
- Nothing reads which piece won. That C loop took 1.19 ms for one layer of a 64-paragraph batch
  (2,300 tokens x 96 units x 3 pieces) where numpy's `maximum` over the pieces takes 0.34 ms.
- The weights are laid out piece by piece (all units' first pieces, then their second, ...), so
  the largest piece is a `maximum` over contiguous column blocks, not over every third float:
  2.9 against 4.7 ms for that layer with its product. The columns are the same dot products.
- The product is numpy's. Its OpenBLAS picks kernels for the CPU at hand: on one core of this
  machine it reached about 145 GFLOP/s for these shapes where the `blis` wheel thinc multiplies
  with reached about 95 (a run's processes keep OpenBLAS to one thread: `engines/threads.py`).
  The two sum in different orders, so the vectors differ from spaCy's in their last bits; over
  822,499 PolNeAR tokens the tags, lemmas, heads, labels, sentence starts and entities were all
  the shipped pipeline's (`docs/performance.md`).
A tok2vec runs five maxout layers per batch and the pipeline has two tok2vecs (the shared one and
the NER's own). Training is left as it was: `is_train` runs thinc's own forward
(`tests/nlp/test_maxout.py`).
"""
from __future__ import annotations

from typing import Any, Callable

from thinc.layers import maxout as thinc_maxout

from .layers import no_backprop, swap_forward


def _predict_or_train(model: Any, X: Any, is_train: bool) -> tuple[Any, Callable]:
    if is_train:
        return thinc_maxout.forward(model, X, is_train)
    xp = model.ops.xp
    nO, nP, nI = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    # Piece-major copies of W (nO, nP, nI) and b (nO, nP): 330 KB, against a product of
    # thousands of rows, and made afresh each call so that a model trained since is read as it is.
    W = xp.ascontiguousarray(model.get_param("W").reshape(nO, nP, nI).transpose(1, 0, 2)).reshape(nP * nO, nI)
    b = xp.ascontiguousarray(model.get_param("b").reshape(nO, nP).T).reshape(nP * nO)
    Y = xp.matmul(X, W.T)
    Y += b
    best = xp.maximum(Y[:, :nO], Y[:, nO:2 * nO]) if nP > 1 else Y[:, :nO].copy()
    for piece in range(2, nP):
        xp.maximum(best, Y[:, piece * nO:(piece + 1) * nO], out=best)

    return best, no_backprop("maxout")


def speed_up(nlp) -> int:
    """Give every thinc maxout layer of `nlp`'s components the prediction path; how many."""
    return swap_forward(nlp, "maxout", thinc_maxout.forward, _predict_or_train)
