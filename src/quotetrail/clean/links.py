"""Where the lines of trafilatura's text sat in the page: link density and layout of their blocks.

trafilatura keeps some related-story lists, tag lists and navigation that sit inside the article
container. Such blocks are mostly link text; article paragraphs are mostly not. We parse the page
with lxml, measure each block, and map trafilatura's output lines back to blocks by their letters.
The same map tells the cleaning rules whether a line sat in list markup or inside a link, and
which element holds the article's paragraphs, so that a rule can ask for evidence from the page.
"""
from __future__ import annotations

from dataclasses import dataclass

import lxml.html
from lxml import etree

from .shape import alnum_key

_BLOCKS = {"p", "li", "div", "td", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "span", "figcaption",
           "section", "aside", "nav", "header", "footer", "ul", "ol", "blockquote", "article", "a"}
_LISTS = {"ul", "ol", "nav", "aside", "div", "section", "footer", "header", "table", "tbody", "tr"}
_LIST_MARKUP = {"li", "ul", "ol", "dl", "dd", "dt", "nav", "aside", "menu"}
_UTF8_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_DROP = ("script", "style", "noscript", "template", "svg", "iframe")


@dataclass
class Block:
    density: float  # characters inside <a> / all characters (letters and digits only)
    list_density: float  # the same for the nearest enclosing list-like container holding several links
    links: int
    element: object = None  # the innermost lxml element whose text is this block's
    in_list: bool = False  # inside <li>/<ul>/<ol>/<dl>/<nav>/<aside> (within three levels)
    in_link: bool = False  # inside an <a>, or holding one that covers most of its text


def _chars(el) -> int:
    return len(alnum_key(el.text_content()))


def _link_chars(el) -> int:
    if el.tag == "a":
        return _chars(el)
    return sum(_chars(a) for a in el.iter("a"))


def parse_page(html: str):
    """The page's lxml tree without scripts and styles, or None."""
    if not html or not html.strip():
        return None
    # Bytes with the encoding named: lxml reads undeclared bytes as Latin-1, which turned every
    # curly quote into mojibake and kept such lines from matching their blocks.
    data = html.replace("\x00", "").encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    try:
        root = lxml.html.fromstring(data, parser=_UTF8_PARSER if isinstance(html, str) else None)
    except (etree.ParserError, ValueError, TypeError):
        return None
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    return root


def link_blocks(html: str | object) -> dict[str, Block]:
    """Map alnum text key -> Block for each block element (the innermost one wins); `html` is the
    page or its tree from `parse_page`."""
    root = parse_page(html) if isinstance(html, (str, bytes)) else html
    if root is None:
        return {}
    # Keyed by the element itself, not id(): lxml makes element proxies on the fly and Python reuses
    # the id of a freed one, so an id could hand one container's density to another. A dict key
    # keeps its proxy alive, and lxml returns the live proxy for the same node.
    container_density: dict[object, float] = {}
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
        in_list = el.tag in _LIST_MARKUP
        in_link = el.tag == "a" or density >= 0.5
        parent = el.getparent()
        hops = 0
        while parent is not None and hops < 3:
            in_list = in_list or parent.tag in _LIST_MARKUP
            in_link = in_link or parent.tag == "a"
            if parent.tag in _LISTS:
                if parent not in container_density:
                    n_links = len(parent.xpath(".//a"))
                    ptotal = _chars(parent)
                    container_density[parent] = (_link_chars(parent) / ptotal) if n_links >= 3 and ptotal else 0.0
                list_density = max(list_density, container_density[parent])
            parent = parent.getparent()
            hops += 1
        blocks[key] = Block(density, list_density, len(el.xpath(".//a")) + (el.tag == "a"), el, in_list, in_link)
    return blocks


def line_places(root) -> dict[str, Block]:
    """Map alnum text key -> Block for every element and every text node of the page (the
    innermost wins): where a line of the extracted text sat, whatever the markup around it, for
    the layout evidence of `clean._off_topic` (a table cell's text in a <font>, a tail after <br>)."""
    places: dict[str, Block] = {}
    if root is None:
        return places

    def place(el, key: str) -> None:
        chain = [el, *el.iterancestors()]
        in_link = any(a.tag == "a" for a in chain)
        in_list = any(a.tag in _LIST_MARKUP for a in chain[:4])
        places[key] = Block(1.0 if in_link else 0.0, 0.0, int(in_link), el, in_list, in_link)

    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "head", "body"):
            continue
        key = alnum_key(el.text_content())
        if key:
            place(el, key)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            key = alnum_key(text or "")
            if key and owner is not None and isinstance(owner.tag, str) and key not in places:
                place(owner, key)
    return places


def body_container(elements: list, share: float = 0.8, weights: list[float] | None = None) -> object | None:
    """The innermost element that holds most (`share`) of `elements`, the article's long paragraphs
    (by count, or by `weights`, their words): a pull quote or a stray paragraph elsewhere in the
    page does not widen it to the whole page."""
    if not elements:
        return None
    weights = weights or [1.0] * len(elements)
    counts: dict[object, float] = {}
    depth: dict[object, int] = {}
    for el, weight in zip(elements, weights):
        chain = [el, *el.iterancestors()]
        for d, node in enumerate(reversed(chain)):
            counts[node] = counts.get(node, 0) + weight
            depth[node] = d
    need = share * sum(weights)
    held = [node for node, n in counts.items() if n >= need]
    return max(held, key=lambda node: depth[node]) if held else None


def inside(element, container) -> bool:
    return element is container or any(a is container for a in element.iterancestors())
