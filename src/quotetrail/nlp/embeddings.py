"""The tok2vecs' token embeddings, remembered per distinct token instead of computed per token.

A tok2vec first embeds each token on its own, from a few of its attributes (NORM, PREFIX, SUFFIX,
SHAPE, and for the shared tok2vec SPACY and IS_SPACE): four or six hash-embedding tables, mixed by
a maxout layer and normalised. Only after that do tokens see their neighbours (the window
encoder). So a token's embedding is a function of its attribute ids alone, and news repeats its
words: in a 64-paragraph batch most tokens are words seen before. Here each tok2vec keeps the
embeddings of up to `CAPACITY` distinct attribute rows, computes the rows it has not seen (by the
same layers, on those rows alone) and gathers the rest. The embedding layers are a third of a
tok2vec's time (on PolNeAR texts 3.6 of 9.6 ms per article for the shared one, 2.6 of 8.5 for
the NER's).

Each row of these layers is computed from that row alone (a gather, a matrix product row and a
row normalisation), so a remembered embedding is the one the same row gets in any batch; the
parses were compared with the shipped pipeline's token by token (`docs/performance.md`,
`tests/nlp/test_embeddings.py`). Training runs thinc's own forward and forgets what was
remembered, since the weights change.
"""
from __future__ import annotations

import threading
from functools import partial
from typing import Any, Callable

import numpy

from .layers import model_layers, no_backprop

# Distinct attribute rows remembered per tok2vec: 16,384 x 96 floats is 6 MiB, and their keys
# (48 or 32 bytes each, in a dict) about 2 MiB more. When full, it starts afresh.
CAPACITY = 16_384
_EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")


class EmbeddingMemory:
    """Embeddings by attribute row (the row's bytes as the key), in one growing float32 array."""

    def __init__(self, capacity: int = CAPACITY):
        self.capacity = capacity
        self.row_of: dict[bytes, int] = {}
        self.vectors: numpy.ndarray | None = None
        self.computed = 0  # rows embedded afresh, and rows taken from memory: for measuring
        self.reused = 0
        # spaCy's models may predict from several threads at once; one batch at a time here, so
        # that no batch reads rows another is writing (a lock per batch costs nothing measurable)
        self._lock = threading.Lock()

    def clear(self) -> None:
        """Forget every embedding (and give back their array)."""
        with self._lock:
            self.row_of.clear()
            self.vectors = None

    def embed(self, features: numpy.ndarray, compute: Callable[[numpy.ndarray], numpy.ndarray]) -> numpy.ndarray:
        """The embedding of each row of `features` (tokens x attributes, uint64): remembered rows
        gathered, the others computed by `compute` on those rows alone, then remembered."""
        with self._lock:
            return self._embed(features, compute)

    def _embed(self, features: numpy.ndarray, compute: Callable[[numpy.ndarray], numpy.ndarray]) -> numpy.ndarray:
        features = numpy.ascontiguousarray(features)
        keys = features.view(numpy.dtype((numpy.void, features.shape[1] * features.itemsize))).ravel().tolist()
        row_of = self.row_of
        first = _first_positions(keys)
        new = {key: position for key, position in first.items() if key not in row_of}
        if new:
            if len(row_of) + len(new) > self.capacity:  # full: start afresh with this batch's rows
                row_of.clear()
                new = first
                if len(new) > self.capacity:  # a batch larger than the memory: computed whole
                    self.computed += len(keys)
                    return compute(features)
            fresh = compute(features[list(new.values())])
            start = len(row_of)
            self._reserve(start + len(new), fresh.shape[1], fresh.dtype)
            self.vectors[start:start + len(new)] = fresh
            row_of.update(zip(new, range(start, start + len(new))))
        self.computed += len(new)
        self.reused += len(keys) - len(new)
        return self.vectors[[row_of[key] for key in keys]]

    def _reserve(self, rows: int, width: int, dtype: Any) -> None:
        if self.vectors is None or self.vectors.shape[1] != width or self.vectors.dtype != dtype:
            self.vectors = numpy.empty((min(self.capacity, max(4096, rows)), width), dtype=dtype)
        elif rows > len(self.vectors):
            grown = numpy.empty((min(self.capacity, max(rows, 2 * len(self.vectors))), width), dtype=dtype)
            grown[:len(self.vectors)] = self.vectors
            self.vectors = grown


def _first_positions(keys: list[bytes]) -> dict[bytes, int]:
    """Each distinct key with the position it first comes at."""
    first: dict[bytes, int] = {}
    for position, key in enumerate(keys):
        first.setdefault(key, position)
    return first


def _remembering_forward(model: Any, docs: Any, is_train: bool, *, original: Callable, memory: EmbeddingMemory):
    if is_train:
        memory.clear()  # the weights are about to change
        return original(model, docs, is_train)
    extract, _, hashed, mixed, _ = model.layers
    features = extract.predict(docs)
    lengths = [len(f) for f in features]
    if not sum(lengths):  # no tokens at all: nothing to remember
        return original(model, docs, is_train)
    vectors = memory.embed(model.ops.xp.concatenate(features), lambda rows: mixed.predict(hashed.predict(rows)))
    per_doc = numpy.split(vectors, numpy.cumsum(lengths)[:-1]) if len(lengths) > 1 else [vectors]
    return per_doc, no_backprop("the embedding")


def memory_of(layer: Any) -> EmbeddingMemory | None:
    """The memory `speed_up` gave an embedding layer, else None."""
    func = getattr(layer, "_func", None)
    if isinstance(func, partial) and func.func is _remembering_forward:
        return func.keywords["memory"]
    return None


def speed_up(nlp, capacity: int = CAPACITY) -> int:
    """Give every tok2vec embedding chain of `nlp`'s components a memory; how many."""
    changed = 0
    for layer in model_layers(nlp):
        names = tuple(sub.name.split("(")[0] for sub in layer.layers)
        if (layer.name.startswith("extract_features>>") and names == _EMBED_LAYERS
                and memory_of(layer) is None and layer.ops.device_type == "cpu"):
            layer._func = partial(_remembering_forward, original=layer._func, memory=EmbeddingMemory(capacity))
            changed += 1
    return changed
