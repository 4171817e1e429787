"""The corpus-level stories stage: link each new article to earlier ones and merge their stories."""
from __future__ import annotations

from ..store.sqlite import Store
from . import POSTINGS_PER_TERM, cosine, days_apart, index_terms, linked


class StoryLinker:
    def __init__(self, store: Store):
        self.store = store

    def add(self, article_id: str, vector: dict[str, float], published: str | None,
            copies: list[str]) -> str:
        """Store the article's vector, link it, and return its story id (merging stories it bridges)."""
        store = self.store
        terms = index_terms(vector)
        store.add_story_vector(article_id, vector, terms)
        links = set(copies) | set(store.shared_statement_articles(article_id))
        candidates = [c for c in store.story_candidates(terms, article_id, POSTINGS_PER_TERM) if c not in links]
        if candidates:
            vectors = store.story_vectors(candidates)
            dates = {a: published_on for a, (published_on, _) in store.arrival(candidates).items()}
            for other, other_vector in vectors.items():
                gap = days_apart(published, dates.get(other) if dates.get(other) != "9999-99-99" else None)
                if linked(cosine(vector, other_vector), gap):
                    links.add(other)
        stories = {s for s in store.stories_of(sorted(links)).values() if s}
        if not stories:
            story = "st" + article_id
        else:
            # the biggest story absorbs the others, so merging costs the fewest updates
            story = max(sorted(stories), key=store.story_size)
            store.merge_stories(story, stories - {story})
        store.set_story(article_id, story)
        return story
