"""Speaker resolution: who a quote's speaker-as-written is, within an article and across the corpus.

Per article (worker process): `resolve_article(doc, quotes)` sets `quote.speaker` to the fullest
name in the article and returns a small picklable `ArticlePeople`. Corpus level (main process):
`PeopleIndex.add_article(article_id, quotes, article_people)` merges people across articles and
sets the canonical `speaker` and `speaker_id`; `people()` gives the people.jsonl rows.
"""
from typing import Any

from .index import PeopleIndex
from .mentions import ArticleEntity, ArticlePeople
from .names import PersonName, given_names_compatible, names_compatible, parse_name, translit_key

__all__ = [
    "ArticleEntity",
    "ArticlePeople",
    "PeopleIndex",
    "PersonName",
    "given_names_compatible",
    "names_compatible",
    "parse_name",
    "resolve_article",
    "translit_key",
]


def __getattr__(name: str) -> Any:
    # resolve_article needs spaCy; a run's main process (the corpus index) never calls it
    if name == "resolve_article":
        from .article import resolve_article

        return resolve_article
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
