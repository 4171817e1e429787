"""Link density of the HTML blocks that trafilatura's text came from.

trafilatura keeps some related-story lists, tag lists and navigation that sit inside the article
container. Such blocks are mostly link text; article paragraphs are mostly not. We parse the page
with lxml, measure each block, and map trafilatura's output lines back to blocks by their letters.
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

from .shape import alnum_key

_BLOCKS = {"p", "li", "div", "td", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "span", "figcaption",
           "section", "aside", "nav", "header", "footer", "ul", "ol", "blockquote", "article", "a"}
_LISTS = {"ul", "ol", "nav", "aside", "div", "section", "footer", "header", "table", "tbody", "tr"}
_DROP = ("script", "style", "noscript", "template", "svg", "iframe")


@dataclass
class Block:
    density: float  # characters inside <a> / all characters (letters and digits only)
    list_density: float  # the same for the nearest enclosing list-like container holding several links
    links: int


def _chars(el) -> int:
    return len(alnum_key(el.text_content()))


def _link_chars(el) -> int:
    if el.tag == "a":
        return _chars(el)
    return sum(_chars(a) for a in el.iter("a"))


def link_blocks(html: str) -> dict[str, Block]:
    """Map alnum text key -> Block for each block element (the innermost one wins)."""
    if not html or not html.strip():
        return {}
    try:
        root = lxml.html.fromstring(html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html)
    except (etree.ParserError, ValueError, TypeError):
        return {}
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    container_density: dict[int, float] = {}
    blocks: dict[str, Block] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        key = alnum_key(el.text_content())
        if not key:
            continue
        total = len(key)
        link = _link_chars(el)
        density = min(1.0, link / total)
        list_density = 0.0
        parent = el.getparent()
        hops = 0
        while parent is not None and hops < 3:
            if parent.tag in _LISTS:
                pid = id(parent)
                if pid not in container_density:
                    n_links = len(parent.xpath(".//a"))
                    ptotal = _chars(parent)
                    container_density[pid] = (_link_chars(parent) / ptotal) if n_links >= 3 and ptotal else 0.0
                list_density = max(list_density, container_density[pid])
            parent = parent.getparent()
            hops += 1
        blocks[key] = Block(density, list_density, len(el.xpath(".//a")) + (el.tag == "a"))
    return blocks
