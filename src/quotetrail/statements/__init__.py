"""Statements: the same quote carried by several articles is one statement.

A new quote joins a statement of the same speaker when their wording matches closely: verbatim,
re-punctuated, trimmed (one is most of the other), or translated slightly differently (a few words
changed). Matching is per speaker, so the candidates are few; rapidfuzz does the comparing.
"""
from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

_WORD = re.compile(r"\w+(?:[’']\w+)?")

SAME_WORDING = 78  # rapidfuzz ratio of normalised wordings: a few words changed still match
TRIMMED = 85  # partial ratio (best-aligned window) when one wording is a trimmed part of the other
MIN_TRIMMED_WORDS = 5  # below this, a shared fragment ("we are ready") is not the same statement


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).replace("’", "'").casefold()
    return _WORD.findall(folded)


def normalise(text: str) -> str:
    return " ".join(words(text))


def speaker_key(speaker_id: str | None, speaker: str | None) -> str:
    """Statements are matched within one speaker: a resolved person, else the speaker as written."""
    if speaker_id:
        return speaker_id
    return "?" + normalise(speaker or "")


def statement_id(key: str, text: str) -> str:
    return "s" + hashlib.blake2b(f"{key}\0{normalise(text)}".encode(), digest_size=6).hexdigest()


def match_score(a: str, b: str, **_: object) -> float:
    """How alike two normalised wordings are (0–100), allowing for trimming."""
    score = fuzz.ratio(a, b)
    if min(a.count(" "), b.count(" ")) + 1 >= MIN_TRIMMED_WORDS:
        trimmed = fuzz.partial_ratio(a, b)
        if trimmed >= TRIMMED:
            score = max(score, trimmed)
    return score


def best_match(text: str, candidates: dict[str, str], *, normalised: bool = False) -> tuple[str, float] | None:
    """The candidate (id → wording, as `normalise` gives it) that `text` repeats, if any: the
    first of the highest `match_score`, when it reaches SAME_WORDING. `normalised`: `text` is
    normalised already.

    The same as `process.extractOne(normalise(text), candidates, scorer=match_score,
    score_cutoff=SAME_WORDING)`, but both rapidfuzz scores are taken for all candidates at once
    (`process.cdist`, in C) instead of calling a Python scorer per candidate: a speaker quoted
    thousands of times has that many candidates for every new quote."""
    if not candidates:
        return None
    norm = text if normalised else normalise(text)
    ids, texts = list(candidates), list(candidates.values())
    found = _best_index(norm, texts)
    return (ids[found[0]], found[1]) if found else None


def _best_index(norm: str, texts: list[str], sizes: np.ndarray | None = None,
                lengths: np.ndarray | None = None) -> tuple[int, float] | None:
    """`best_match` over a list of normalised wordings: (index of the first best, score).
    `sizes` and `lengths`: the word count and the length of each wording, when the caller keeps them."""
    if not texts:
        return None
    # below their cut-offs neither score can decide a match, so rapidfuzz may give up early (0)
    scores = process.cdist([norm], texts, scorer=fuzz.ratio, score_cutoff=SAME_WORDING, dtype=np.float64)[0]
    if norm.count(" ") + 1 >= MIN_TRIMMED_WORDS:
        if sizes is None:
            sizes = np.fromiter((t.count(" ") + 1 for t in texts), dtype=np.int64, count=len(texts))
        if lengths is None:
            lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        # partial_ratio was most of a heavily quoted speaker's matching. It scores the shorter
        # wording (m characters) against windows of the longer, and a window shares at most L
        # characters in order with it, L the two wordings' longest common subsequence: the score
        # is at most 200·L/(m + L). L is cheap (bit-parallel), and on real speakers' wordings this
        # bound leaves about one pair in seven to score. Every wording is scored in C and masked,
        # cheaper than a Python loop when a speaker has thousands of wordings.
        common = process.cdist([norm], texts, scorer=LCSseq.similarity, dtype=np.int64)[0]
        shorter = np.minimum(len(norm), lengths)
        maybe = np.flatnonzero((sizes >= MIN_TRIMMED_WORDS) & ((200 - TRIMMED) * common >= TRIMMED * shorter))
        if maybe.size:
            trimmed = process.cdist([norm], [texts[i] for i in maybe], scorer=fuzz.partial_ratio,
                                    score_cutoff=TRIMMED, dtype=np.float64)[0]
            scores[maybe] = np.maximum(scores[maybe], trimmed)
    best = int(np.argmax(scores))  # the first of the best, as extractOne keeps
    if scores[best] < SAME_WORDING:
        return None
    return best, float(scores[best])


class StatementMatcher:
    """Gives each new quote its statement, keeping every speaker's wordings in memory once read.

    A run is the only writer of its store (the run lock), so what it read and added stays true for
    the run: the store is read once per speaker per run, not once per article, and a speaker quoted
    thousands of times costs one C comparison over their wordings per new quote, nothing that grows
    in Python. `read(speaker_key)` gives the stored wording → statement map of a speaker."""

    def __init__(self, read: Callable[[str], dict[str, str]]):
        self._read = read
        self._statements: dict[str, dict[str, str]] = {}  # speaker key -> wording -> statement
        self._wordings: dict[str, list[str]] = {}  # speaker key -> wordings, in the order first seen
        self._sizes: dict[str, list[int]] = {}  # speaker key -> words in each wording
        self._lengths: dict[str, list[int]] = {}  # speaker key -> characters in each wording

    def assign(self, quotes: list) -> list[str]:
        """Set `statement` on each quote: that of the same speaker's earlier wording it repeats
        (the same words, or `best_match`), else a new one. Returns the speaker keys."""
        keys = []
        for quote in quotes:
            key = speaker_key(quote.speaker_id, quote.speaker)
            if key not in self._statements:
                self._statements[key] = self._read(key)
                self._wordings[key] = list(self._statements[key])
                self._sizes[key] = [w.count(" ") + 1 for w in self._wordings[key]]
                self._lengths[key] = [len(w) for w in self._wordings[key]]
            statements, wordings = self._statements[key], self._wordings[key]
            sizes, lengths = self._sizes[key], self._lengths[key]
            wording = normalise(quote.text)
            statement = statements.get(wording)
            if statement is None:
                found = _best_index(wording, wordings, np.array(sizes, dtype=np.int64),
                                    np.array(lengths, dtype=np.int64))
                statement = statements[wordings[found[0]]] if found else statement_id(key, quote.text + quote.id)
                statements[wording] = statement
                wordings.append(wording)
                sizes.append(wording.count(" ") + 1)
                lengths.append(len(wording))
            quote.statement = statement
            keys.append(key)
        return keys


@dataclass
class Change:
    op: str  # "replace" | "insert" | "delete"
    canonical: str
    variant: str


def differences(canonical: str, variant: str) -> list[dict[str, str]]:
    """Word-level differences of a variant from the canonical wording (case and punctuation ignored)."""
    a, b = words(canonical), words(variant)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            out.append({"op": op, "canonical": " ".join(a[i1:i2]), "variant": " ".join(b[j1:j2])})
    return out


def canonical_wording(variants: list[dict]) -> str:
    """The wording most outlets carried; on a tie, the one reported first."""
    counts: dict[str, int] = {}
    for v in variants:
        counts[normalise(v["text"])] = counts.get(normalise(v["text"]), 0) + 1
    best = max(counts.values())
    for v in variants:  # variants come in reporting order
        if counts[normalise(v["text"])] == best:
            return v["text"]
    return variants[0]["text"]
