"""What a worker sends back about the people in one article: small, picklable, and free of spaCy,
so the corpus-level `PeopleIndex` in a run's main process never loads it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ArticleEntity:
    """One person or organisation as found in one article (compact, picklable)."""

    index: int
    kind: str  # "person" | "organisation"
    name: str  # the fullest form in this article, titles removed
    variants: dict[str, int] = field(default_factory=dict)  # every form as written -> count
    descriptions: list[str] = field(default_factory=list)  # titles/roles seen, in order
    gender: str | None = None  # "m" | "f" | None
    full: bool = False  # a given name + surname was seen


@dataclass
class ArticlePeople:
    """Per-article evidence for the corpus index: entities and which quote each one spoke."""

    article: str | None
    entities: list[ArticleEntity] = field(default_factory=list)
    speakers: dict[str, int] = field(default_factory=dict)  # quote id -> entity index

    def speaker_of(self, quote_id: str) -> ArticleEntity | None:
        index = self.speakers.get(quote_id)
        return None if index is None else self.entities[index]
