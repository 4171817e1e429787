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


def content_hash(text: str | list[str]) -> str:
    """The exact-duplicate key of a text, or of its words (`minhash.words`)."""
    tokens = minhash.words(text) if isinstance(text, str) else text
    return hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()


def paragraph_hashes(text: str | list[list[str]]) -> list[tuple[int, int]]:
    """Hashes of a text's long paragraphs (its lines), from the text or its lines' words."""
    lines = [minhash.words(paragraph) for paragraph in text.split("\n")] if isinstance(text, str) else text
    out = []
    for index, tokens in enumerate(lines):
        if len(tokens) >= MIN_PARAGRAPH_WORDS:
            out.append((index, _hash63(tokens)))
    return out


def fingerprints(texts: list[str]) -> list[Fingerprint]:
    # Each text's words are found once, line by line, for its three hashes: no word spans two
    # lines, and lower-casing stops at a line break, so a text's words are its lines' words.
    lines = [[minhash.words(paragraph) for paragraph in t.split("\n")] for t in texts]
    tokens = [[w for line in text_lines for w in line] for text_lines in lines]
    sigs = minhash.signatures(tokens)
    return [
        Fingerprint(content_hash(tokens[i]), sigs[i].tobytes(), paragraph_hashes(lines[i])) for i in range(len(texts))
    ]
