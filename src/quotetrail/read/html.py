"""HTML page → article text and metadata, via trafilatura (which uses htmldate for the date)."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .limits import BadInput

# trafilatura logs every discarded page at WARNING/ERROR; the pipeline reports skips itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass
class PageExtract:
    text: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    sitename: str | None
    hostname: str | None
    language: str | None


# trafilatura's fallbacks return whatever text a page has, navigation included. A page whose
# "article" has no line of a few words (a menu, a cookie banner) has no article text.
_MIN_WORDS_IN_A_LINE = 5
_MIN_WORDS = 8


def _has_prose(text: str) -> bool:
    lines = [len(line.split()) for line in text.split("\n")]
    return sum(lines) >= _MIN_WORDS and max(lines, default=0) >= _MIN_WORDS_IN_A_LINE


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def extract_page(html: str, url: str | None = None) -> PageExtract:
    """Main text (paragraphs separated by newlines) and metadata of one HTML page.

    The page is parsed once with lxml (trafilatura's own loader, which copes with broken and
    truncated markup) and the tree is handed to trafilatura, so nothing is parsed twice.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        raise BadInput("HTML could not be parsed")
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    text = (document.text or "") if document is not None else ""
    if not _has_prose(text):
        raise BadInput("HTML page has no extractable article text")
    title = (document.title or "").strip() or None
    lines = text.split("\n")
    # trafilatura keeps the page's <h1> as the first line; the title is a field of its own.
    if title and lines and _norm(lines[0]) == _norm(title):
        text = "\n".join(lines[1:]).strip("\n")
        if not _has_prose(text):
            raise BadInput("HTML page has no extractable article text (only a headline)")
    return PageExtract(
        text=text,
        title=title,
        author=(document.author or "").strip() or None,
        published=document.date or None,
        url=document.url or None,
        sitename=(document.sitename or "").strip() or None,
        hostname=document.hostname or None,
        language=document.language or None,
    )
