"""The corpus-level stories stage: place each new article in a story (see `quotetrail.stories`).

The linker keeps a `StoryIndex` in memory, rebuilt once per run from the store (vectors as weighted
on arrival, word counts for document frequencies), so placing an article costs the same however
big the store is, and a run adding a batch to a store gives the stories a single run would.
"""
from __future__ import annotations

import os

from ..store.sqlite import Store
from . import STATEMENTS_TO_LINK, StoryIndex

# The index a finished run left, for the next run on the same store in this process (a web server
# ingesting one upload after another): rebuilding it reads and decodes every stored vector, about
# 20 s at 50,000 articles. Kept only while the store holds exactly what it was built from.
_KEPT: dict[str, tuple[tuple, StoryIndex]] = {}


def _state(store: Store) -> tuple:
    """What the index is built from: the stored vectors and the stories they are in. Articles are
    only ever added, and stories change only when they are, so counts and the last article say it."""
    return tuple(store.db.execute(
        "SELECT (SELECT COUNT(*) FROM story_vectors), (SELECT MAX(seq) FROM articles WHERE story IS NOT NULL),"
        " (SELECT COUNT(DISTINCT story) FROM articles)").fetchone())


class StoryLinker:
    def __init__(self, store: Store):
        self.store = store
        self._key = os.path.realpath(store.path)
        self._index: StoryIndex | None = None

    @property
    def index(self) -> StoryIndex:
        """Built when first needed: a run that brings nothing new (a folder read again, every
        file already done) does not read back the whole store for it."""
        if self._index is None:
            kept = _KEPT.pop(self._key, None)  # taken out: a run that fails half-way leaves none behind
            if kept is not None and kept[0] == _state(self.store):
                self._index = kept[1]
            else:
                self._index = StoryIndex()
                for article, vector, counts, published, story in self.store.iter_story_index():
                    self._index.restore(article, vector, counts if counts is not None else vector, published, story)
        return self._index

    def keep(self) -> None:
        """Leave the index for the next run on this store in this process (call when the run's
        last batch is committed). One store is kept: the index is large. A linker that never
        needed its index leaves what was kept as it was."""
        if self._index is None:
            return
        _KEPT.clear()
        _KEPT[self._key] = (_state(self.store), self._index)

    def add(self, article_id: str, counts: dict[str, float], published: str | None,
            copies: list[str]) -> str:
        """Weigh the article, store its vector, place it in a story (merging stories whose average
        link it shows to be close) and return the story id."""
        return self.add_batch([(article_id, counts, published, copies)])[0]

    def add_batch(self, items: list[tuple[str, dict[str, float], str | None, list[str]]]) -> list[str]:
        """`add` for each (article id, counts, published, copies) in order; the store is written
        once for the batch (vectors and stories with one `executemany` each)."""
        if not items:
            return []
        index, store = self.index, self.store
        placed, vectors = [], []
        for article_id, counts, published, copies in items:
            vector = index.weigh(counts)
            vectors.append((article_id, vector, counts))
            evidence: dict[str, set[str]] = {}
            for other in copies:
                if other in index.story_of:
                    evidence.setdefault(index.story_of[other], set()).add("copy")
            shared: dict[str, int] = {}
            for other, n in store.shared_statement_articles(article_id).items():
                if other in index.story_of:
                    story = index.story_of[other]
                    shared[story] = max(shared.get(story, 0), n)
            for story, n in shared.items():
                if n >= STATEMENTS_TO_LINK:  # one routine police line is no evidence of the same event
                    evidence.setdefault(story, set()).add("statements")
            story, merged = index.place(article_id, vector, published, evidence)
            if merged:  # the stored articles now; this batch's get their final story below
                store.merge_stories(story, merged)
            placed.append(article_id)
        store.add_story_vectors(vectors)
        stories = [index.story_of[a] for a in placed]  # after every merge of the batch
        store.set_stories(list(zip(placed, stories)))
        return stories
