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

# Distinct attribute rows remembered per tok2vec: 16,384 x 96 floats is 6 MiB, their attribute
# rows (4 or 6 ids of 8 bytes) 0.5-0.75 MiB, their hashes and places 0.25 MiB. When full, it
# starts afresh.
CAPACITY = 16_384
_EMBED_LAYERS = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")
_MIX = numpy.uint64(0x9E3779B97F4A7C15)  # odd, so multiplying by it loses no bit


class EmbeddingMemory:
    """Embeddings by attribute row, found in numpy: each row's 64-bit hash is looked up in a
    sorted array of the remembered rows' hashes, and the row itself compared with the remembered
    one, so a hash shared by two rows never gives one the other's embedding (such a row is
    computed on its own, as a row never seen). A dict keyed by each row's bytes did the same in
    Python, token by token: 0.86 ms per article of a worker's time."""

    def __init__(self, capacity: int = CAPACITY):
        self.capacity = capacity
        self.hashes = numpy.empty(0, dtype=numpy.uint64)  # sorted
        self.places = numpy.empty(0, dtype=numpy.int64)  # the row of `vectors` and `rows` of each hash
        self.rows: numpy.ndarray | None = None  # the attribute rows, in the order remembered
        self.vectors: numpy.ndarray | None = None  # their embeddings
        self.computed = 0  # rows embedded afresh, and rows taken from memory: for measuring
        self.reused = 0
        # spaCy's models may predict from several threads at once; one batch at a time here, so
        # that no batch reads rows another is writing (a lock per batch costs nothing measurable)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.hashes)

    def clear(self) -> None:
        """Forget every embedding (and give back their arrays)."""
        with self._lock:
            self._forget()
            self.rows = self.vectors = None

    def _forget(self) -> None:
        self.hashes = numpy.empty(0, dtype=numpy.uint64)
        self.places = numpy.empty(0, dtype=numpy.int64)

    def embed(self, features: numpy.ndarray, compute: Callable[[numpy.ndarray], numpy.ndarray]) -> numpy.ndarray:
        """The embedding of each row of `features` (tokens x attributes, uint64): remembered rows
        gathered, the others computed by `compute` on those rows alone (each distinct row once, in
        the order they first come), then remembered."""
        with self._lock:
            return self._embed(numpy.ascontiguousarray(features, dtype=numpy.uint64), compute)

    def _embed(self, features: numpy.ndarray, compute: Callable[[numpy.ndarray], numpy.ndarray]) -> numpy.ndarray:
        n = len(features)
        hashes = _row_hashes(features)
        place = numpy.full(n, -1, dtype=numpy.int64)  # each row's place in memory, -1 if not there
        if len(self.hashes):
            at, same = self._look_up(hashes)
            candidate = self.places.take(at)
            same &= (self.rows.take(candidate, axis=0) == features).all(axis=1)
            place = numpy.where(same, candidate, -1)
        missing = numpy.flatnonzero(place < 0)
        if not len(missing):
            self.reused += n
            return self.vectors.take(place, axis=0)
        # the distinct missing rows by hash, each at its first position
        order = numpy.argsort(hashes[missing], kind="stable")
        ordered = hashes[missing][order]
        starts = numpy.ones(len(ordered), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        first = missing[order[starts]]  # a row per distinct hash, the first of its rows
        first_of = numpy.empty(len(missing), dtype=numpy.int64)
        first_of[order] = first[numpy.cumsum(starts) - 1]
        alone = missing[(features[missing] != features[first_of]).any(axis=1)]  # a hash two rows share
        first.sort()  # in the order they first come
        fresh = compute(features[numpy.concatenate([first, alone])] if len(alone) else features[first])
        out = numpy.empty((n, fresh.shape[1]), dtype=fresh.dtype)
        found = numpy.flatnonzero(place >= 0)
        if len(found):
            out[found] = self.vectors.take(place.take(found), axis=0)
        slot_of_first = numpy.empty(n, dtype=numpy.int64)
        slot_of_first[first] = numpy.arange(len(first))
        out[missing] = fresh[slot_of_first[first_of]]
        if len(alone):
            out[alone] = fresh[len(first):]
        self.computed += len(first) + len(alone)
        self.reused += n - len(first) - len(alone)
        self._remember(hashes[first], features[first], fresh[:len(first)])
        return out

    def _look_up(self, hashes: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """For each hash, where in the (non-empty) sorted `self.hashes` it is or would go, and
        whether it is there."""
        at = numpy.minimum(numpy.searchsorted(self.hashes, hashes), len(self.hashes) - 1)
        return at, self.hashes.take(at) == hashes

    def _remember(self, hashes: numpy.ndarray, rows: numpy.ndarray, vectors: numpy.ndarray) -> None:
        """Keep new rows (their hashes not in memory, each once), starting afresh when full."""
        if len(self.hashes):
            new = ~self._look_up(hashes)[1]  # a hash remembered for another row keeps that row
            hashes, rows, vectors = hashes[new], rows[new], vectors[new]
        if len(self.hashes) + len(hashes) > self.capacity:
            self._forget()
            if len(hashes) > self.capacity:  # a batch larger than the memory: not remembered
                return
        start = len(self.hashes)
        self._reserve(start + len(hashes), rows.shape[1], vectors.shape[1], vectors.dtype)
        self.rows[start:start + len(hashes)] = rows
        self.vectors[start:start + len(hashes)] = vectors
        order = numpy.argsort(hashes)
        at = numpy.searchsorted(self.hashes, hashes[order])
        self.hashes = numpy.insert(self.hashes, at, hashes[order])
        self.places = numpy.insert(self.places, at, start + order)

    def _reserve(self, count: int, attributes: int, width: int, dtype: Any) -> None:
        if (self.vectors is None or self.vectors.shape[1] != width or self.vectors.dtype != dtype
                or self.rows.shape[1] != attributes):
            size = min(self.capacity, max(4096, count))
            self.rows = numpy.empty((size, attributes), dtype=numpy.uint64)
            self.vectors = numpy.empty((size, width), dtype=dtype)
        elif count > len(self.vectors):
            size = min(self.capacity, max(count, 2 * len(self.vectors)))
            self.rows = numpy.concatenate([self.rows, numpy.empty((size - len(self.rows), attributes), numpy.uint64)])
            self.vectors = numpy.concatenate([self.vectors, numpy.empty((size - len(self.vectors), width), dtype)])


def _row_hashes(features: numpy.ndarray) -> numpy.ndarray:
    """A 64-bit hash of each row (wrapping arithmetic): rows differ in it all but always."""
    hashes = numpy.zeros(len(features), dtype=numpy.uint64)
    for column in features.T:
        hashes ^= column
        hashes *= _MIX
        hashes ^= hashes >> numpy.uint64(29)
    return hashes


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
