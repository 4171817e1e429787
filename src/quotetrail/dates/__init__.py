"""Dates: an article's publication date and, for each statement, when it was said.

- `dateline_date(text, published)`: the date written in the article's opening dateline.
- `date_statements(text, quotes, published)`: `said_on`, `said_on_precision`, `date_text` per quote.
- `resolve(expression, anchor)`: one time expression against an anchor date → (date, precision).
- `date_article(article)`: both, for an `Article` whose quotes are already found.
"""
from __future__ import annotations

from ..model import Article
from .attach import date_statements, sentence_bounds
from .dateline import dateline_date
from .expressions import Expression, find_expressions, resolve

__all__ = ["date_article", "date_statements", "dateline_date", "find_expressions", "resolve",
           "Expression", "sentence_bounds"]


def date_article(article: Article, doc=None) -> Article:
    """Take the article's publication date from its dateline when the metadata had none, or only
    the crawl date (a WARC record's date is when it was fetched, not published; a year-less
    dateline takes its year from it; nor the run's `--published` default, "given default"), noted
    as `meta["date_source"] = "dateline"`; then date its statements. Returns the article."""
    if not article.published or article.meta.get("date_source") in ("crawl", "given default"):
        found = dateline_date(article.text, article.published)
        if found:
            article.published = found
            article.meta["date_source"] = "dateline"
    date_statements(article.text, article.quotes, article.published, doc=doc)
    return article
