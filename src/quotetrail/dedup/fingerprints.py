"""Compact per-article fingerprints for the corpus-level dedup stage.

Computed in the per-article stage (in a worker) so the corpus-level stage only handles a few
hundred bytes per article, never the text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np

from . import minhash

MIN_PARAGRAPH_WORDS = 12  # shorter lines ("Read more", sub-headings) repeat by chance, not by copying


@dataclass
class Fingerprint:
    content_hash: str  # exact-duplicate key: the text's words, case and punctuation folded
    minhash: bytes  # NUM_PERM uint32 values
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # (paragraph index, 63-bit hash)

    def signature(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype=np.uint32)


def _hash63(words: list[str]) -> int:
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1  # fits SQLite's signed 64-bit INTEGER


def content_hash(text: str) -> str:
    return hashlib.blake2b(" ".join(minhash.words(text)).encode(), digest_size=12).hexdigest()


def paragraph_hashes(text: str) -> list[tuple[int, int]]:
    out = []
    for index, paragraph in enumerate(text.split("\n")):
        tokens = minhash.words(paragraph)
        if len(tokens) >= MIN_PARAGRAPH_WORDS:
            out.append((index, _hash63(tokens)))
    return out


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    sigs = minhash.signatures(texts)
    return [
        Fingerprint(content_hash(t), sigs[i].tobytes(), paragraph_hashes(t)) for i, t in enumerate(texts)
    ]
