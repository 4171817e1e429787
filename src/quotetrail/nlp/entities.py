"""spaCy's named-entity recogniser, decoded for many paragraphs at once in numpy.

The weights, features and decisions are the `ner` component's own: its tok2vec and its
precomputed first layer run as spaCy runs them. Only the greedy decoding loop is ours. spaCy's loop
walks one token of one paragraph at a time in Cython, and at every token tests each of the 74 moves
for validity through calls that take and release the GIL; that loop was about 60% of the NER's cost
and a quarter of the whole parse (docs/performance.md). Here each step decides the next token of
every paragraph of the batch together: one gather, one maxout and one matrix product per step,
with the moves' validity rules (spaCy's `ner.pyx`, for documents without preset entities) as
array masks.

`tests/nlp/test_entities.py` checks that the entities are spaCy's own, token for token.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc


BEGIN, INSIDE, LAST, UNIT, OTHER = range(5)
TOK2VEC_DOCS = 64  # spaCy's own batch size for its components


@dataclass
class _Moves:
    """Column numbers of the model's moves: B-, I-, L-, U- per label (in `labels` order) and O; and
    for every column, its kind and label number."""
    labels: list[str]
    begin: np.ndarray
    inside: np.ndarray
    last: np.ndarray
    unit: np.ndarray
    out: int
    n_moves: int
    kind: np.ndarray
    label: np.ndarray


def _moves(names: list[str]) -> _Moves | None:
    labels = [n[2:] for n in names if n.startswith("B-")]
    column = {name: i for i, name in enumerate(names)}
    try:
        cols = {p: np.array([column[f"{p}-{label}"] for label in labels]) for p in "BILU"}
        out = column["O"]
    except KeyError:
        return None
    # Every other move must be one that is never valid without preset entities ("U-": a unit
    # entity with no label, only allowed over a preset one).
    known = {int(c) for a in cols.values() for c in a} | {out}
    if any(i not in known and names[i] != "U-" for i in range(len(names))):
        return None
    kind = np.full(len(names), OTHER)
    label = np.zeros(len(names), dtype=np.int64)
    for k, p in enumerate("BILU"):
        kind[cols[p]] = k
        label[cols[p]] = np.arange(len(labels))
    return _Moves(labels, cols["B"], cols["I"], cols["L"], cols["U"], out, len(names), kind, label)


class EntityDecoder:
    """Sets `doc.ents` on parsed Docs (sentence starts known), as the model's `ner` would."""

    def __init__(self, ner, moves: _Moves):
        self.ner = ner
        self.moves = moves
        tok2vec, lower, upper = ner.model.layers
        self.tok2vec = tok2vec
        self.lower = lower
        self.upper_W = upper.get_param("W")  # (moves, hidden)
        self.upper_b = upper.get_param("b")
        self.lower_b = lower.get_param("b")  # (hidden, pieces)
        self.label_ids = np.array([ner.vocab.strings.add(label) for label in moves.labels], dtype=np.uint64)

    @classmethod
    def for_pipeline(cls, nlp: spacy.Language) -> EntityDecoder | None:
        """A decoder for `nlp`'s `ner`, or None when it is not the greedy transition model this
        decoder reproduces (then spaCy's own component should run)."""
        if "ner" not in nlp.pipe_names:
            return None
        ner = nlp.get_pipe("ner")
        try:
            layers = ner.model.layers
            lower = layers[1]
            greedy = ner.cfg.get("beam_width", 1) == 1
            shape_ok = (len(layers) == 3 and lower.name == "precomputable_affine" and lower.get_dim("nF") == 3
                        and lower.get_dim("nP") >= 2 and ner.model.attrs.get("has_upper", False)
                        and not ner.model.attrs.get("unseen_classes"))
        except (AttributeError, KeyError, ValueError, IndexError):
            return None
        if not (greedy and shape_ok):
            return None
        moves = _moves([ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)])
        return cls(ner, moves) if moves else None

    def __call__(self, docs: Sequence[Doc]) -> None:
        docs = [d for d in docs if len(d)]
        if not docs:
            return
        if any(d.has_annotation("ENT_IOB") for d in docs):  # preset entities: spaCy's rules for them
            for doc in docs:
                self.ner(doc)
            return
        from spacy.attrs import IS_SPACE, SENT_START
        from spacy.tokens import Span

        # (1 + tokens, features, hidden, pieces); row 0 is the padding for "no token". Computed
        # `TOK2VEC_DOCS` at a time: the tok2vec's intermediate arrays take about 15 KiB per token.
        parts = [self.lower.predict(self.tok2vec.predict(docs[i:i + TOK2VEC_DOCS]))
                 for i in range(0, len(docs), TOK2VEC_DOCS)]
        cached = parts[0] if len(parts) == 1 else np.concatenate([parts[0][:1]] + [p[1:] for p in parts])
        del parts
        lengths = np.array([len(d) for d in docs])
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        flags = np.concatenate([d.to_array([SENT_START, IS_SPACE]) for d in docs]).astype(np.int64)
        sent_start = np.append(flags[:, 0] == 1, False)  # one spare: the token after the last
        space = flags[:, 1] == 1
        # Longest first, so the paragraphs still running at step s are a prefix.
        order = np.argsort(-lengths, kind="stable")
        lengths, offsets = lengths[order], offsets[order]
        moves = self.moves
        W, b = self.upper_W, self.upper_b
        feature0, feature1, feature2 = cached[:, 0], cached[:, 1], cached[:, 2]
        n = len(docs)
        is_open = np.zeros(n, dtype=bool)
        open_label = np.zeros(n, dtype=np.int64)
        open_start = np.zeros(n, dtype=np.int64)
        found: list[tuple[int, int, int, int]] = []  # (doc in `order`, start, end, label index)
        for step in range(int(lengths[0])):
            active = int(np.searchsorted(-lengths, -step, side="left"))  # how many have lengths > step
            now = offsets[:active] + step
            opened = is_open[:active]
            # features: the token, the entity's first token, the token before (spaCy's "ner" state)
            first = np.where(opened, offsets[:active] + open_start[:active] + 1, 0)
            before = np.where(opened, now, 0)
            unmaxed = feature0[now + 1] + feature1[first] + feature2[before] + self.lower_b
            scores = unmaxed.max(axis=2) @ W.T + b
            has_next = lengths[:active] > step + 1
            next_starts_sentence = sent_start[now + 1] & has_next
            closed = ~opened
            valid = np.zeros((active, moves.n_moves), dtype=bool)
            valid[:, moves.begin] = (closed & has_next & ~next_starts_sentence & ~space[now])[:, None]
            valid[:, moves.unit] = (closed & ~space[now])[:, None]
            valid[:, moves.out] = closed
            rows = np.flatnonzero(opened)
            labels = open_label[:active][rows]
            valid[rows, moves.inside[labels]] = has_next[rows] & ~next_starts_sentence[rows]
            valid[rows, moves.last[labels]] = True
            best = np.where(valid, scores, -np.inf).argmax(axis=1)
            kind, label = moves.kind[best], moves.label[best]
            starts = np.flatnonzero(kind == BEGIN)
            is_open[starts] = True
            open_label[starts] = label[starts]
            open_start[starts] = step
            ends = np.flatnonzero(kind == LAST)
            found.extend((int(i), int(open_start[i]), step + 1, int(open_label[i])) for i in ends)
            is_open[ends] = False
            found.extend((int(i), step, step + 1, int(label[i])) for i in np.flatnonzero(kind == UNIT))
        per_doc: list[list[Span]] = [[] for _ in docs]
        for i, start, end, label in found:
            doc = docs[order[i]]
            per_doc[order[i]].append(Span(doc, start, end, label=int(self.label_ids[label])))
        for doc, spans in zip(docs, per_doc):
            spans.sort(key=lambda s: s.start)
            doc.set_ents(spans, default="outside")
