"""spaCy's named-entity recogniser, decoded for many paragraphs at once in numpy.

The weights, features and decisions are the `ner` component's own: its tok2vec and its
precomputed first layer run as spaCy runs them. Only the greedy decoding loop is ours. spaCy's loop
walks one token of one paragraph at a time in Cython, and at every token tests each of the 74 moves
for validity through calls that take and release the GIL; that loop was about two thirds of the
NER's cost and a third of the whole parse (docs/performance.md). Here each step decides the next
token of every paragraph of the batch together: one gather, one maxout and one matrix product per
step, with the moves' validity rules (spaCy's `ner.pyx`, for documents without preset entities)
as a penalty row per state.

`tests/nlp/test_entities.py` checks that the entities are spaCy's own, token for token.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .layers import largest_piece

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc


BEGIN, INSIDE, LAST, UNIT, OTHER = range(5)
TOK2VEC_DOCS = 64  # spaCy's own batch size for its components


def is_greedy_maxout(component) -> bool:
    """Whether a spaCy transition component (parser, ner) is the model the numpy decoders
    reproduce: greedy (beam width 1), a precomputed maxout first layer, an output layer, no unseen
    classes. Raises AttributeError and the like on a model of another shape."""
    layers = component.model.layers
    return (component.cfg.get("beam_width", 1) == 1 and len(layers) == 3
            and layers[1].name == "precomputable_affine" and layers[1].get_dim("nP") >= 2
            and component.model.attrs.get("has_upper", False) and not component.model.attrs.get("unseen_classes"))


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
    kind: np.ndarray
    label: np.ndarray
    acts: np.ndarray  # the moves that open or close an entity


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
    acts = np.isin(kind, [BEGIN, LAST, UNIT])
    return _Moves(labels, cols["B"], cols["I"], cols["L"], cols["U"], out, kind, label, acts)


class EntityDecoder:
    """Sets `doc.ents` on parsed Docs (sentence starts known), as the model's `ner` would."""

    def __init__(self, ner, moves: _Moves):
        self.ner = ner
        self.moves = moves
        tok2vec, lower, upper = ner.model.layers
        self.tok2vec = tok2vec
        self.lower = lower
        self.upper_WT = np.ascontiguousarray(upper.get_param("W").T)  # (hidden, moves)
        self.upper_b = upper.get_param("b")
        self.penalty = self._penalties(moves)
        self.lower_b = lower.get_param("b")  # (hidden, pieces)
        self.label_ids = np.array([ner.vocab.strings.add(label) for label in moves.labels], dtype=np.uint64)

    @staticmethod
    def _penalties(moves: _Moves) -> np.ndarray:
        """Added to the scores: 0 for the moves valid in a state, -inf for the others, one row per
        state code. With no entity open: 0 (white space: only O), 1 (O or U), 3 (O, U or B). With an
        entity of label k open: 4 + 2k (only L-k), 5 + 2k (L-k or I-k)."""
        n_labels = len(moves.labels)
        allowed = np.zeros((4 + 2 * n_labels, len(moves.kind)), dtype=bool)
        allowed[0:4, moves.out] = True
        allowed[1, moves.unit] = allowed[3, moves.unit] = True
        allowed[3, moves.begin] = True
        for k in range(n_labels):
            allowed[4 + 2 * k, moves.last[k]] = True
            allowed[5 + 2 * k, [moves.last[k], moves.inside[k]]] = True
        return np.where(allowed, np.float32(0), np.float32(-np.inf))

    @classmethod
    def for_pipeline(cls, nlp: spacy.Language) -> EntityDecoder | None:
        """A decoder for `nlp`'s `ner`, or None when it is not the greedy transition model this
        decoder reproduces (then spaCy's own component should run)."""
        if "ner" not in nlp.pipe_names:
            return None
        ner = nlp.get_pipe("ner")
        try:
            if not (is_greedy_maxout(ner) and ner.model.layers[1].get_dim("nF") == 3):
                return None
        except (AttributeError, KeyError, ValueError, IndexError):
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
        space = flags[:, 1] == 1
        has_next = np.ones(len(flags), dtype=bool)
        has_next[offsets + lengths - 1] = False
        next_starts_sentence = np.append(flags[1:, 0] == 1, False) & has_next
        # What a token allows, by the rules for Begin, In and Unit (ner.pyx): an entity may go on
        # past it, or start at it, only if a next token exists in the same sentence; none starts at
        # white space.
        may_go_on = has_next & ~next_starts_sentence
        closed_code = np.where(space, 0, np.where(may_go_on, 3, 1))
        # Longest first, so the paragraphs still running at step s are a prefix.
        order = np.argsort(-lengths, kind="stable")
        lengths, offsets = lengths[order], offsets[order]
        moves = self.moves
        feature0, feature1, feature2 = cached[:, 0], cached[:, 1], cached[:, 2]
        n = len(docs)
        open_code = np.zeros(n, dtype=np.int64)  # 0, or 4 + 2 * label of the open entity
        first_row = np.zeros(n, dtype=np.int64)  # `cached` row of the open entity's first token, or 0
        open_start = [0] * n
        found: list[tuple[int, int, int, int]] = []  # (doc in `order`, start, end, label index)
        for step in range(int(lengths[0])):
            active = int(np.searchsorted(-lengths, -step, side="left"))  # how many have lengths > step
            now = offsets[:active] + step
            codes = open_code[:active]
            is_open = codes > 0
            # features: the token, the entity's first token, the token before (spaCy's "ner" state)
            unmaxed = feature0[now + 1] + feature1[first_row[:active]] + feature2[now * is_open] + self.lower_b
            scores = largest_piece(unmaxed) @ self.upper_WT + self.upper_b
            code = np.where(is_open, codes + may_go_on[now], closed_code[now])
            best = (scores + self.penalty[code]).argmax(axis=1)
            for i in np.flatnonzero(moves.acts[best]):  # B, L or U: rare, most tokens are O
                kind, label = moves.kind[best[i]], int(moves.label[best[i]])
                if kind == BEGIN:
                    open_code[i] = 4 + 2 * label
                    first_row[i] = now[i] + 1
                    open_start[i] = step
                elif kind == LAST:
                    found.append((int(i), open_start[i], step + 1, label))
                    open_code[i] = first_row[i] = 0
                else:
                    found.append((int(i), step, step + 1, label))
        per_doc: list[list[Span]] = [[] for _ in docs]
        for i, start, end, label in found:
            doc = docs[order[i]]
            per_doc[order[i]].append(Span(doc, start, end, label=int(self.label_ids[label])))
        for doc, spans in zip(docs, per_doc):
            spans.sort(key=lambda s: s.start)
            doc.set_ents(spans, default="outside")
