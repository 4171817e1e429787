"""MinHash signatures over word shingles, computed with numpy for whole batches at once.

datasketch's `MinHash.update` hashes one shingle at a time in Python; here every shingle of a batch
of documents is hashed in a handful of vectorised numpy operations and reduced per document with
`np.minimum.reduceat`. The permutations are multiply-shift hashes, `((a*x + b) mod 2**64) >> 32`
(Dietzfelbinger et al.), which numpy computes with one wrapping multiply-add and a shift: about
twice as fast as datasketch's `(a*x + b) mod (2**61 - 1)` and as good for estimating Jaccard.
"""
from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np

NUM_PERM = 128
SHINGLE_WORDS = 5
BANDS, ROWS = 32, 4  # LSH: candidates from about Jaccard 0.42 up ((1/32) ** (1/4))
assert BANDS * ROWS == NUM_PERM

_MAX32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_rng = np.random.RandomState(1)  # fixed seed: signatures must be the same in every process and run
_A = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd
_B = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_WORD = re.compile(r"\w+")
_ROLL = np.uint64(1_000_003)

EMPTY_SIGNATURE = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingle_hashes(text: str | list[str], n: int = SHINGLE_WORDS) -> np.ndarray:
    """32-bit hashes of the word n-grams of `text`, or of `words(text)` when that is what is given
    (one hash for texts shorter than n words)."""
    tokens = words(text) if isinstance(text, str) else text
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    # crc32 is a stable C-speed token hash (Python's hash() differs between processes).
    token_hashes = np.fromiter(map(zlib.crc32, map(str.encode, tokens)), dtype=np.uint64, count=len(tokens))
    width = min(n, len(tokens))
    count = len(tokens) - width + 1
    rolled = np.zeros(count, dtype=np.uint64)
    for k in range(width):  # polynomial combination of the n token hashes; wraps mod 2**64 on purpose
        rolled = rolled * _ROLL + token_hashes[k : k + count]
    return np.unique(rolled & _MAX32)


def signatures(texts: Sequence[str | list[str]], max_shingles: int = 4096) -> np.ndarray:
    """MinHash signatures of many texts (or of their `words`): an array of shape (len(texts),
    NUM_PERM), uint32.

    Texts are hashed in groups of about `max_shingles` shingles: the (shingles x permutations)
    matrix then stays in the CPU cache (4 MiB), which is faster than one big matrix in memory.
    """
    out = np.tile(EMPTY_SIGNATURE, (len(texts), 1))
    group: list[tuple[int, np.ndarray]] = []
    size = 0
    for i, text in enumerate(texts):
        hashes = shingle_hashes(text)
        if not len(hashes):
            continue
        # a long text goes in pieces, its signature the minimum over them: whole, a 4 MB text
        # made a 700 MB matrix
        for piece in range(0, len(hashes), max_shingles):
            part = hashes[piece:piece + max_shingles]
            if group and size + len(part) > max_shingles:
                _fill(out, group)
                group, size = [], 0
            group.append((i, part))
            size += len(part)
    if group:
        _fill(out, group)
    return out


def _fill(out: np.ndarray, group: list[tuple[int, np.ndarray]]) -> None:
    rows = [i for i, _ in group]
    lengths = np.array([len(h) for _, h in group])
    flat = np.concatenate([h for _, h in group])
    # every shingle through every permutation at once; uint64 arithmetic wraps mod 2**64 on purpose.
    # One row per permutation: numpy's reduceat over the other axis (rows of shingles) took three
    # times as long as everything else here.
    with np.errstate(over="ignore"):
        permuted = (_A[:, None] * flat[None, :] + _B[:, None]) >> _SHIFT
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    # minimum with what a row holds already: the pieces of one long text fall in several groups
    np.minimum.at(out, rows, np.minimum.reduceat(permuted, starts, axis=1).T.astype(np.uint32))


def signature(text: str) -> np.ndarray:
    return signatures([text])[0]


def band_keys(signature: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band; equal keys mean the two documents are candidates."""
    keys = []
    for band in range(BANDS):
        chunk = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append(zlib.crc32(chunk) | (band << 32))  # the band number keeps bands apart
    return keys


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM
