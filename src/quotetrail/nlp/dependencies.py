"""spaCy's dependency parser, its scores computed for many paragraphs at once in numpy.

spaCy's `parser` (greedy arc-eager) already steps every paragraph of a batch together, but each
step's scores go through a C loop per state: eight blis `saxpy` calls of 128 floats (one per
feature), then a small blis `sgemm` per step. Those calls are tiny and their fixed costs dominate
(under `perf`, over a run that was mostly this loop, about a fifth of the samples were in
`pthread_mutex_lock`/`unlock` and nearly a tenth in the kernel zeroing fresh pages under `sgemm`). Here a step's scores are one
gather, one reduction, one maxout and one `sgemm` for the whole batch. On the 1,942 paragraphs
of the 84 PolNeAR dev texts (all that are not blank), the parser took 0.64-0.72 s of CPU instead of
spaCy's 1.20-1.31 s (same process, the same tagged Docs). Everything else is spaCy's own: the
component's tok2vec (reading `doc.tensor`, as in prediction) and its precomputed first layer, the
states and their features (`set_context_tokens`), the moves' validity, the argmax and the
transitions (`Parser.transition_states`), and the annotations with their projectivity post-process
(`Parser.set_annotations`).

The eight features of a state are summed in spaCy's order starting from zero, the bias added
after, the maxout takes the largest piece, and the output layer's bias is added after its product.
The products, the precomputed first layer's (`precomputed.py`) and the output layer's, are numpy's
(OpenBLAS), not blis's as in spaCy: a third of the output layer's time. They can sum in another
order, so the scores may differ from spaCy's in their last bits; the heads, labels and sentence
starts were the shipped pipeline's over PolNeAR's 1,565,130 tokens (`docs/performance.md`), and
`tests/nlp/test_dependencies.py` checks them against spaCy's token by token.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .layers import largest_piece

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc


class ParseDecoder:
    """Parses tagged Docs (`doc.tensor` set by the pipeline's tok2vec) as `nlp`'s parser would."""

    def __init__(self, parser):
        from spacy.ml.parser_model import ParserStepModel

        self.parser = parser
        self.tok2vec, self.lower, upper = parser.model.layers
        self.n_features = self.lower.get_dim("nF")
        self.hidden = self.lower.get_dim("nO")
        self.pieces = self.lower.get_dim("nP")
        self.lower_b = np.ascontiguousarray(self.lower.get_param("b"), dtype=np.float32)  # (hidden, pieces)
        self.upper_WT = np.ascontiguousarray(upper.get_param("W").T, dtype=np.float32)  # (hidden, moves)
        self.upper_b = np.ascontiguousarray(upper.get_param("b"), dtype=np.float32)
        self.feature_column = np.arange(self.n_features, dtype=np.int64)
        # `get_token_ids` is a plain method reading only `self.state2vec.nF`: the states' feature
        # tokens (offsets into the batch, -1 for none), written in C by `set_context_tokens`.
        self._ids_of = ParserStepModel.get_token_ids
        self._ids_self = SimpleNamespace(state2vec=SimpleNamespace(nF=self.n_features))

    @classmethod
    def for_pipeline(cls, nlp: spacy.Language) -> ParseDecoder | None:
        """A decoder for `nlp`'s `parser`, or None when it is not the greedy model with a maxout
        first layer and an output layer this decoder reproduces (then spaCy's own should run)."""
        if "parser" not in nlp.pipe_names:
            return None
        parser = nlp.get_pipe("parser")
        try:
            from spacy.ml.parser_model import ParserStepModel  # noqa: F401
            from spacy.pipeline import DependencyParser

            from .entities import is_greedy_maxout

            output = parser.model.layers[2]
            ok = (type(parser) is DependencyParser and is_greedy_maxout(parser) and output.name == "linear"
                  and parser.model.ops.device_type == "cpu" and output.get_dim("nO") == parser.moves.n_moves)
        except (AttributeError, KeyError, ValueError, IndexError, ImportError):
            return None
        return cls(parser) if ok else None

    def __call__(self, docs: Sequence[Doc]) -> None:
        """Sets heads, dependency labels and sentence starts on `docs`, as `parser.pipe` would."""
        docs = list(docs)
        if not docs:
            return
        parser = self.parser
        states = parser.moves.init_batch(docs)  # each state's token offsets count from the batch's start
        todo = [s for s in states if not s.is_final()]
        if todo:
            # (1 + tokens) * features rows of hidden * pieces: row f is feature f's padding ("no token").
            cached = self.lower.predict(self.tok2vec.predict(docs))
            rows = np.ascontiguousarray(cached, dtype=np.float32).reshape(-1, self.hidden * self.pieces)
            del cached
            F, column = self.n_features, self.feature_column
            while todo:
                ids = self._ids_of(self._ids_self, todo).astype(np.int64)
                picked = np.take(rows, ((ids + 1) * F + column).ravel(), axis=0)
                summed = np.add.reduce(picked.reshape(len(todo), F, -1), axis=1)
                summed = summed.reshape(len(todo), self.hidden, self.pieces)
                summed += self.lower_b
                scores = largest_piece(summed) @ self.upper_WT
                scores += self.upper_b
                todo = parser.transition_states(todo, scores)
        parser.set_annotations(docs, states)
