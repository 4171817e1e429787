"""Stories: articles that report the same event, grouped incrementally.

Each article gets a compact vector of its most distinctive words, weighted by how rare a word is in
general English (wordfreq's background frequencies: inside a corpus about one event, the event's own
words are in every article, so corpus IDF would call them common). Two articles are linked when
  - one copies the other, or they carry the same statement (a quote both report), or
  - their vectors are very alike (cosine >= STRONG), or
  - they are moderately alike (>= NEAR) and published within WINDOW_DAYS of each other.
Linked articles share a story (linking two stories merges them). Candidates come from an inverted
index on each article's top terms, so a new article is compared with a bounded few, not the corpus.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from ..stop_words import STOP_WORDS
from wordfreq import zipf_frequency

TERMS = 40  # distinctive words kept per article
INDEX_TERMS = 10  # of which this many are looked up to find candidates
POSTINGS_PER_TERM = 300  # most recent articles read per looked-up term
RARITY_CAP = 4.0  # zipf 3 and rarer (names, places, jargon) all count the same
STRONG = 0.6
NEAR = 0.3
WINDOW_DAYS = 10

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    return min(max(0.0, 7.0 - zipf_frequency(word, "en")), RARITY_CAP) ** 2


def story_vector(title: str | None, text: str) -> dict[str, float]:
    """Unit-length weights of the article's most distinctive words."""
    counts: Counter[str] = Counter()
    for token in _WORD.findall(f"{title or ''}\n{text}"):
        word = token.lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) > 2 and word not in STOP_WORDS:
            counts[word] += 1
    weights = {w: (1 + math.log(n)) * rarity(w) for w, n in counts.items()}
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 4) for w, v in top if v > 0}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def representative_title(articles: list[dict], vectors: dict[str, dict[str, float]]) -> str | None:
    """The title of the article closest to the story's centre (the sum of its articles' vectors)."""
    centroid: dict[str, float] = {}
    for vector in vectors.values():
        for word, weight in vector.items():
            centroid[word] = centroid.get(word, 0.0) + weight
    titled = [a for a in articles if a.get("title")]
    best = max(titled, key=lambda a: cosine(vectors.get(a["id"], {}), centroid), default=None)
    return best["title"] if best else None


def index_terms(vector: dict[str, float]) -> list[str]:
    return list(vector)[:INDEX_TERMS]  # story_vector returns terms heaviest first


def days_apart(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)
    except ValueError:
        return None


def linked(similarity: float, gap_days: int | None) -> bool:
    if similarity >= STRONG:
        return True
    return similarity >= NEAR and gap_days is not None and gap_days <= WINDOW_DAYS
