"""The parser's and the entity recognizer's first layer, multiplied by numpy in prediction.

spaCy's `PrecomputableAffine` multiplies every token's vector by the weights of each feature
slot once per batch, for the transition decoders to add up per step. Its product goes through
thinc's `blis` wheel, which reached about 95 GFLOP/s on one core of this machine where numpy's
OpenBLAS, with kernels for the CPU at hand, reached about 145 (`maxout.py` says more): this layer
was 5.6% of the parse, and takes 2.4-2.8x less time on numpy. The two can sum in different orders
(they did for a batch of one token), so the values may differ from spaCy's in their last bits; the
parses and entities were checked to be the shipped pipeline's over PolNeAR's 1,565,130 tokens
(`docs/performance.md`). Training runs spaCy's own forward.
"""
from __future__ import annotations

from typing import Any, Callable

from spacy.ml import _precomputable_affine as spacy_affine

from .layers import no_backprop, swap_forward


def _predict_or_train(model: Any, X: Any, is_train: bool) -> tuple[Any, Callable]:
    if is_train:
        return spacy_affine.forward(model, X, is_train)
    xp = model.ops.xp
    nF, nO, nP, nI = (model.get_dim(d) for d in ("nF", "nO", "nP", "nI"))
    Yf = xp.empty((X.shape[0] + 1, nF * nO * nP), dtype="float32")
    xp.matmul(X, model.get_param("W").reshape((nF * nO * nP, nI)).T, out=Yf[1:])
    Yf = Yf.reshape((Yf.shape[0], nF, nO, nP))
    Yf[0] = xp.squeeze(model.get_param("pad"), 0)  # row 0: the padding, for "no token"
    return Yf, no_backprop("precomputable_affine")


def speed_up(nlp) -> int:
    """Give every precomputable affine layer of `nlp`'s components the prediction path; how many."""
    return swap_forward(nlp, "precomputable_affine", spacy_affine.forward, _predict_or_train)
