"""The tok2vecs' maxout layers, predicting without the arg-max that only training reads.

thinc's `Maxout` forward takes the largest of each unit's pieces with `ops.maxout`, which also
works out which piece won, for the backward pass. In prediction nothing reads that, and its C loop
took 1.19 ms for one layer of a 64-paragraph batch (2,300 tokens x 96 units x 3 pieces) where
numpy's `maximum` over the pieces takes 0.34 ms. A tok2vec runs five maxout layers per batch and
the pipeline has two tok2vecs (the shared one and the NER's own). Training is left as it was:
`is_train` runs thinc's own forward. The largest of the same floats is the same float, so the
vectors are spaCy's to the bit (`tests/nlp/test_maxout.py`).
"""
from __future__ import annotations

from typing import Any, Callable

from thinc.layers import maxout as thinc_maxout


def _predict_or_train(model: Any, X: Any, is_train: bool) -> tuple[Any, Callable]:
    if is_train:
        return thinc_maxout.forward(model, X, is_train)
    nO, nP, nI = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
    W = model.ops.reshape2f(model.get_param("W"), nO * nP, nI)
    Y = model.ops.gemm(X, W, trans2=True)  # as thinc's forward: the same call, so the same floats
    Y += model.ops.reshape1f(model.get_param("b"), nO * nP)
    Z = model.ops.reshape3f(Y, Y.shape[0], nO, nP)
    best = Z[:, :, 0].copy()
    for piece in range(1, nP):
        model.ops.xp.maximum(best, Z[:, :, piece], out=best)

    def backprop(_: Any) -> Any:  # never called: prediction has no backward pass
        raise RuntimeError("maxout was run for prediction, not training")

    return best, backprop


def speed_up(nlp) -> int:
    """Give every thinc maxout layer of `nlp`'s components the prediction path; how many."""
    changed = 0
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if layer.name == "maxout" and getattr(layer, "_func", None) is thinc_maxout.forward:
                layer._func = _predict_or_train
                changed += 1
    return changed
