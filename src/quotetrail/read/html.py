"""HTML page → article text and metadata, via trafilatura (which uses htmldate for the date)."""
from __future__ import annotations

import logging
import re
from copy import deepcopy
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
# Scripts written without spaces between words: counting space-separated tokens would make a whole
# Japanese paragraph one "word". A word there is about two characters (Chinese, Japanese) or four
# (Thai, Lao, Khmer, Burmese).
_TWO_CHAR_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_FOUR_CHAR_WORDS = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def line_words(line: str) -> int:
    """Words in a line, for spaced and unspaced scripts alike."""
    two = len(_TWO_CHAR_WORDS.findall(line))
    four = len(_FOUR_CHAR_WORDS.findall(line))
    if not two and not four:
        return len(line.split())
    spaced = len(_FOUR_CHAR_WORDS.sub("", _TWO_CHAR_WORDS.sub(" ", line)).split())
    return spaced + (two + 1) // 2 + (four + 3) // 4


def _has_prose(text: str) -> bool:
    lines = [line_words(line) for line in text.split("\n")]
    return sum(lines) >= _MIN_WORDS and max(lines, default=0) >= _MIN_WORDS_IN_A_LINE


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


# trafilatura's precision mode (`favor_precision`) leaves out more of the related links, teasers and
# widgets around the body; on some layouts it leaves out most of the body too, so when its text is
# much shorter than the default mode's, the default mode's text is taken (the cleaner then removes
# the furniture). Comments are never the article (`include_comments=False`).
_PRECISION_SHARE = 0.3
# Tables: with `include_tables=True` trafilatura also reads layout tables of navigation and teasers
# into the text, so tables are read only when they hold the article: the text with them has several
# times the prose (sentences of a dozen words or more) of the text without them, as when a site lays
# out its whole body in a table.
_TABLE_PROSE_RATIO = 3
_TABLE_PROSE_MIN_GAIN = 30
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")


def _prose_words(text: str) -> int:
    """Words in sentence-shaped stretches of a dozen words or more (table cells judged apart)."""
    total = 0
    for line in text.split("\n"):
        for cell in line.split("|"):  # trafilatura writes a table row as "| cell | cell |"
            n = line_words(cell)
            if n >= 12 and _SENTENCE_END.search(cell.strip()):
                total += n
    return total


def _extract(tree, url: str | None):
    import trafilatura

    def extract(precision: bool, tables: bool):
        # bare_extraction prunes the tree it is given: each run gets its own copy.
        return trafilatura.bare_extraction(deepcopy(tree), url=url, with_metadata=True, include_comments=False,
                                           favor_precision=precision, include_tables=tables)

    def best_of(tables: bool):
        precise, default = extract(True, tables), extract(False, tables)
        if precise is None or len(_text(precise)) < _PRECISION_SHARE * len(_text(default)):
            return default
        return precise

    without_tables, with_tables = best_of(False), best_of(True)
    prose_without, prose_with = _prose_words(_text(without_tables)), _prose_words(_text(with_tables))
    if prose_with > _TABLE_PROSE_RATIO * prose_without + _TABLE_PROSE_MIN_GAIN or not _has_prose(_text(without_tables)):
        return with_tables
    return without_tables


def _text(document) -> str:
    return (document.text or "") if document is not None else ""


_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL_BREAK = re.compile(r"\s*\|\s*|\s{3,}")  # between cells, and the line breaks kept inside one


def _split_layout_rows(text: str) -> str:
    """trafilatura writes a table row as one line, "| cell | cell |", a cell's own lines joined by
    runs of spaces. A row of a layout table that holds prose (the article, a teaser box beside it)
    becomes one line per cell piece, so the cleaner judges the article's paragraphs and the
    furniture next to them apart. Rows of short cells (a data table) stay as they are."""
    out = []
    for line in text.split("\n"):
        if _TABLE_ROW.match(line):
            pieces = [c.strip() for c in _CELL_BREAK.split(line) if c.strip()]
            if any(line_words(c) >= 12 for c in pieces):
                out.extend(pieces)
                continue
        out.append(line)
    return "\n".join(out)


def extract_page(html: str, url: str | None = None) -> PageExtract:
    """Main text (paragraphs separated by newlines) and metadata of one HTML page.

    The page is parsed once with lxml (trafilatura's own loader, which copes with broken and
    truncated markup) and the tree is handed to trafilatura, so nothing is parsed twice.
    """
    from trafilatura.utils import load_html

    tree = load_html(html.replace("\x00", "") if "\x00" in html else html)  # stray NULs stop lxml
    if tree is None:
        raise BadInput("HTML could not be parsed")
    document = _extract(tree, url)
    text = _split_layout_rows(_text(document))
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
