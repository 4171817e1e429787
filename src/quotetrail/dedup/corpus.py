"""Corpus-level dedup: exact and near-duplicate articles, incrementally, over compact fingerprints.

Candidates come from LSH buckets (an indexed lookup per band), so each new article is compared with
a handful of others, never with the whole corpus. Scores are MinHash estimates of the Jaccard
similarity of 5-word shingles; exact copies (same words) score 1.0.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from ..store.sqlite import Store
from . import minhash
from .fingerprints import Fingerprint

NEAR_DUPLICATE = 0.5  # a lightly edited copy keeps most 5-word shingles (~0.7); a rewrite keeps few (~0.05)
SIMILAR = 0.4  # pairs scoring this much are listed in `similar` (LSH finds them from ~0.42 up)


@dataclass
class DedupResult:
    exact: int = 0  # copies found by this batch that are word-for-word the same as their original
    near: int = 0  # copies found by this batch that are edited
    similar_pairs: int = 0
    changed: set[str] = field(default_factory=set)  # the copies this batch found


class Deduplicator:
    """Feed it each new article's fingerprint with `add`, then `resolve`, inside the batch's transaction."""

    def __init__(self, store: Store):
        self.store = store
        self.touched: set[str] = set()

    def add(self, article_id: str, fp: Fingerprint) -> int:
        signature = fp.signature()
        exact = self.store.same_content(fp.content_hash, exclude=article_id)
        pairs = [(article_id, other, 1.0) for other in exact]
        keys = minhash.band_keys(signature)
        candidates = set(self.store.lsh_candidates(keys, exclude=article_id)) - set(exact)
        for other, blob in self.store.minhashes(sorted(candidates)).items():
            score = minhash.estimate_jaccard(signature, np.frombuffer(blob, dtype=np.uint32))
            if score >= SIMILAR:
                pairs.append((article_id, other, score))
        self.store.add_similar(pairs)
        self.store.add_lsh(article_id, keys)
        self.touched.add(article_id)
        return len(pairs)

    def resolve(self) -> DedupResult:
        """Point every copy at the earliest article of its near-duplicate group."""
        result = DedupResult()
        seen: set[str] = set()
        updates: list[tuple[str | None, str]] = []
        for start in sorted(self.touched):
            if start in seen:
                continue
            group = self._group(start)
            seen |= group
            if len(group) == 1:
                updates.append((None, start))
                continue
            order = self.store.arrival(sorted(group))
            earliest = min(group, key=lambda a: order[a])
            for member in sorted(group):
                updates.append((None if member == earliest else earliest, member))
        self.store.set_duplicate_of(updates)
        groups: dict[str, set[str]] = {}
        for original, member in updates:
            groups.setdefault(original or member, set()).add(member)
        for root, group in groups.items():
            for member in sorted(group - {root}):
                # a copy this batch found: a new article, or an old one whose original just arrived
                if member not in self.touched and root not in self.touched:
                    continue
                result.changed.add(member)
                score = next((s["score"] for s in self.store.similar_to(member) if s["id"] == root), 0.0)
                if score >= 1.0:
                    result.exact += 1
                else:
                    result.near += 1
        self.touched.clear()
        return result

    def _group(self, start: str) -> set[str]:
        group, queue = {start}, deque([start])
        while queue:
            for link in self.store.similar_to(queue.popleft(), min_score=NEAR_DUPLICATE):
                if link["id"] not in group:
                    group.add(link["id"])
                    queue.append(link["id"])
        return group
