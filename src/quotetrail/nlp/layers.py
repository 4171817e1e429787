"""Finding the model's thinc layers and giving them a prediction path of quotetrail's own, and the
maxout both transition decoders take."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy


def model_layers(nlp) -> Iterator[Any]:
    """Every thinc layer of `nlp`'s components' models, the models themselves included."""
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            yield from model.walk()


def swap_forward(nlp, name: str, theirs: Callable, ours: Callable) -> int:
    """Give every layer called `name` that runs `theirs` the forward `ours`; how many."""
    changed = 0
    for layer in model_layers(nlp):
        if layer.name == name and getattr(layer, "_func", None) is theirs:
            layer._func = ours
            changed += 1
    return changed


def no_backprop(what: str) -> Callable[[Any], Any]:
    """The backward pass of a forward run for prediction: there is none."""

    def backprop(_: Any) -> Any:
        raise RuntimeError(f"{what} was run for prediction, not training")

    return backprop


def largest_piece(unmaxed: Any) -> Any:
    """Maxout over the last axis (rows, units, pieces) taken piece by piece: numpy's `max` over a
    last axis of two or three is slow (6% of the parse in the entity decoder), and the largest of
    the same floats is the same float."""
    best = unmaxed[:, :, 0].copy()
    for piece in range(1, unmaxed.shape[2]):
        numpy.maximum(best, unmaxed[:, :, piece], out=best)
    return best
