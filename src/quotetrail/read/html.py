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
    # The page's text read with the other table setting, when that setting changes it: the cleaner
    # takes it when the chosen text turns out to be all furniture (a network's list of sites
    # outside a body laid out in a table).
    alternative: str | None = None


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


# Hover cards and tooltips: a biography or a definition that pops up over a name, written inside
# the paragraph's markup; its text would be glued into the sentence ("backed by Mara LindqvistMara
# Lindqvist is chair of …"). trafilatura prunes what this XPath finds before extracting.
_HOVER_CARDS = (
    "//p//*[@role='tooltip' or contains(concat(' ', normalize-space(@class), ' '), ' hovercard ')"
    " or contains(@class, 'hover-card') or contains(@class, 'tooltiptext') or contains(@class, 'tooltip-content')"
    " or contains(@class, 'popover')]"
)


def _extract(tree, url: str | None):
    """trafilatura's document for the page, and the other table setting's document (None when
    the page has no table)."""
    import trafilatura

    def extract(precision: bool, tables: bool):
        # bare_extraction prunes the tree it is given: each run gets its own copy.
        return trafilatura.bare_extraction(deepcopy(tree), url=url, with_metadata=True, include_comments=False,
                                           favor_precision=precision, include_tables=tables,
                                           prune_xpath=_HOVER_CARDS)

    def best_of(tables: bool):
        precise, default = extract(True, tables), extract(False, tables)
        if precise is None or len(_text(precise)) < _PRECISION_SHARE * len(_text(default)):
            return default
        return precise

    without_tables = best_of(False)
    if tree.find(".//table") is None:
        return without_tables, None  # nothing a table setting could change: two extractions saved
    with_tables = best_of(True)
    prose_without, prose_with = _prose_words(_text(without_tables)), _prose_words(_text(with_tables))
    if prose_with > _TABLE_PROSE_RATIO * prose_without + _TABLE_PROSE_MIN_GAIN or not _has_prose(_text(without_tables)):
        return with_tables, without_tables
    return without_tables, with_tables


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


# --- paragraphs trafilatura left out of the body -------------------------------------------------
# trafilatura takes the article from one container. When a site splits the body over sibling
# containers (an ad or a photo between two <div class="story-text">s) or sets the standfirst outside
# the body's element, the rest of the article is lost. The element that holds the paragraphs
# trafilatura kept, its siblings of the same tag and class, and a standfirst-marked element before
# it are searched for prose paragraphs it did not keep: sentence-shaped, fifteen words or more,
# little link text, not in a caption, comment section, list, navigation or form. They go back in
# document order.
_RESCUE_MIN_WORDS = 15
_RESCUE_MAX_LINK_SHARE = 0.2
_PARAGRAPH_TAGS = {"p", "div", "td", "blockquote", "span", "font", "section", "article", "dd", "center"}
_BLOCK_TAGS = {"p", "div", "td", "table", "tr", "ul", "ol", "li", "blockquote", "section", "article", "h1", "h2",
               "h3", "h4", "h5", "h6", "dl", "dd", "dt", "form", "header", "footer", "nav", "aside", "pre", "center"}
_NOT_ARTICLE = {"li", "nav", "aside", "footer", "header", "form", "select", "option", "button", "label", "menu",
                "figcaption", "script", "style", "noscript", "h1", "h2", "h3", "h4", "h5", "h6", "a"}
_COMMENT_MARK = re.compile(r"(?:^|[-_\s])(?:comments?|replies|respond)(?:$|[-_\s\d])|commentlist|commentbody"
                           r"|caption|credit|photo|image|img|figure|cutline|gallery|thumb|related|promo|teaser", re.I)
_STANDFIRST_MARK = re.compile(r"standfirst|summary|intro|lede|\blead|deck|abstract|strap|sub-?head|description", re.I)


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _own_block(el) -> bool:
    """A paragraph-like element: no block-level element inside it."""
    return el.tag in _PARAGRAPH_TAGS and not any(
        isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el.iterdescendants())


def _excluded(el) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in _NOT_ARTICLE or node.tag == "figure":
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and _COMMENT_MARK.search(marks):
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    return False


def _prose(text: str) -> bool:
    text = " ".join(text.split())
    return line_words(text) >= _RESCUE_MIN_WORDS and bool(_SENTENCE_END.search(text))


def _before(a, b) -> bool:
    """Whether sibling `a` comes before sibling `b`."""
    node = a.getnext()
    while node is not None:
        if node is b:
            return True
        node = node.getnext()
    return False


def rescue_paragraphs(tree, text: str) -> str:
    """`text` with the prose paragraphs of the body's surroundings that trafilatura left out."""
    lines = text.split("\n")
    line_keys = [_key(line) for line in lines]
    known = {k: i for i, k in enumerate(line_keys) if len(k) >= 40}
    if len(known) < 2:
        return text
    elements, anchors = [], []
    for el in tree.iter():
        if not isinstance(el.tag, str) or not _own_block(el):
            continue
        content = el.text_content()
        key = _key(content)
        if not key:
            continue
        elements.append((el, key, content))
        if key in known:
            anchors.append(el)
    if len(anchors) < 2:
        return text
    # the deepest element holding most of what trafilatura kept, then one level up
    counts: dict = {}
    for el in anchors:
        for depth, node in enumerate(reversed([el, *el.iterancestors()])):
            counts[node] = (counts.get(node, (0, depth))[0] + 1, depth)
    held = [node for node, (n, _) in counts.items() if n >= 0.8 * len(anchors)]
    if not held:
        return text
    body = max(held, key=lambda node: counts[node][1])
    if body.tag in ("html", "body"):
        return text
    # Paragraphs inside the body's own element that trafilatura dropped stay dropped: measured on
    # news pages they are mostly comment notices, author notes and disclaimers.
    in_scope: set = set()
    parent = body.getparent()
    if parent is not None:
        for sibling in parent:
            if sibling is body or not isinstance(sibling.tag, str):
                continue
            same_kind = sibling.tag == body.tag and (body.get("class") or "").strip() and sibling.get("class") == body.get("class")
            marks = f"{sibling.get('class') or ''} {sibling.get('id') or ''}"
            standfirst = sibling.getnext() is not None and _STANDFIRST_MARK.search(marks) and _before(sibling, body)
            if same_kind or standfirst:
                in_scope.update(sibling.iter())
    text_key = _key(text)
    inserts: dict[int, list[str]] = {}
    last_line = -1
    for el, key, content in elements:
        if key in known:
            last_line = max(last_line, known[key])
            continue
        if el not in in_scope or key in text_key or not _prose(content) or _excluded(el):
            continue
        links = sum(len(_key(a.text_content())) for a in el.iter("a"))
        if links > _RESCUE_MAX_LINK_SHARE * len(key):
            continue
        inserts.setdefault(last_line, []).append(" ".join(content.split()))
        text_key += key  # once only
    if not inserts:
        return text
    out = list(inserts.get(-1, []))
    for i, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(i, []))
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
    document, other = _extract(tree, url)
    text = _split_layout_rows(_text(document))
    if text:
        text = rescue_paragraphs(tree, text)
    alternative = _split_layout_rows(_text(other))  # a fallback: not worth a second rescue pass
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
        alternative=alternative if alternative != text and _has_prose(alternative) else None,
    )
