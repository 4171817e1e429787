"""Finding the model's thinc layers and giving them a prediction path of quotetrail's own."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any


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
