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


class ElementKeys(dict):
    """`alnum_key` of each element's text, computed once per page (`element_keys`): every block
    holds the text of the blocks inside it, each link is counted for every block around it, and
    `link_blocks` and `line_places` key the same elements. Keyed by the element, not id(), for the
    reason given in `link_blocks`; an element not met yet is keyed when asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}

    def __missing__(self, el) -> str:
        key = self[el] = alnum_key(el.text_content())
        return key

    def text(self, text: str) -> str:
        """The key of a text node, remembered by its text: most of a page's text nodes are the
        same few runs of white space, and both maps key them all."""
        key = self.texts.get(text)
        if key is None:
            key = self.texts[text] = alnum_key(text)
        return key


def element_keys(root) -> ElementKeys:
    """The key of every element under `root`, each built from the keys of the elements inside it.

    An element's text is its own text, then each child's text and tail; its key is the keys of
    those pieces joined, where each piece after the first starts with an ASCII character (no
    Unicode normalisation joins one to what comes before it). Elsewhere (a piece opening with a
    combining accent, say) the element's whole text is keyed. Pages nest their text ten or twenty
    elements deep: keying each element's whole text went over it again at every level.
    """
    keys = ElementKeys()
    first: dict[object, str] = {}  # the first character of each element's text, "" for none
    for el in reversed(list(root.iter())):  # each element after the ones inside it
        if not isinstance(el.tag, str):
            continue
        start = (el.text or "")[:1]  # the first character of the text so far
        parts = [keys.text(el.text)] if start else []
        joinable = True
        for child in el:
            if isinstance(child.tag, str) and first[child]:  # (a comment adds only its tail)
                joinable = joinable and (not start or first[child].isascii())
                start = start or first[child]
                parts.append(keys[child])
            if child.tail:
                joinable = joinable and (not start or child.tail[0].isascii())
                start = start or child.tail[0]
                parts.append(keys.text(child.tail))
        keys[el] = "".join(parts) if joinable else alnum_key(el.text_content())
        first[el] = start
    return keys


def _chars(el, keys: ElementKeys) -> int:
    return len(keys[el])


def _link_chars(el, anchors: list, keys: ElementKeys) -> int:
    """The characters of link text in `el`, whose <a> elements are `anchors`."""
    if el.tag == "a":
        return _chars(el, keys)
    return sum(_chars(a, keys) for a in anchors)


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


def link_blocks(html: str | object, keys: ElementKeys | None = None) -> dict[str, Block]:
    """Map alnum text key -> Block for each block element (the innermost one wins); `html` is the
    page or its tree from `parse_page` (and `keys` its elements' keys, shared with `line_places`)."""
    root = parse_page(html) if isinstance(html, (str, bytes)) else html
    if root is None:
        return {}
    keys = element_keys(root) if keys is None else keys
    # Keyed by the element itself, not id(): lxml makes element proxies on the fly and Python reuses
    # the id of a freed one, so an id could hand one container's density to another. A dict key
    # keeps its proxy alive, and lxml returns the live proxy for the same node.
    container_density: dict[object, float] = {}
    blocks: dict[str, Block] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        key = keys[el]
        if not key:
            continue
        total = len(key)
        # its links, itself first when it is one (an xpath ".//a" per element cost as much again)
        anchors = list(el.iter("a"))
        link = _link_chars(el, anchors, keys)
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
                    held = list(parent.iter("a"))  # (no list container is itself a link)
                    ptotal = _chars(parent, keys)
                    container_density[parent] = (_link_chars(parent, held, keys) / ptotal) if len(held) >= 3 and ptotal else 0.0
                list_density = max(list_density, container_density[parent])
            parent = parent.getparent()
            hops += 1
        blocks[key] = Block(density, list_density, len(anchors), el, in_list, in_link)
    return blocks


def line_places(root, keys: ElementKeys | None = None) -> dict[str, Block]:
    """Map alnum text key -> Block for every element and every text node of the page (the
    innermost wins): where a line of the extracted text sat, whatever the markup around it, for
    the layout evidence of `clean._off_topic` (a table cell's text in a <font>, a tail after <br>)."""
    places: dict[str, Block] = {}
    if root is None:
        return places
    keys = element_keys(root) if keys is None else keys

    # For each element: whether it or an ancestor is an <a>, and how many levels up (0 to 4, 4 for
    # "further or none") its nearest list markup is. Worked out from its parent's, which the walks
    # below in document order have met first, not by going up all its ancestors again.
    layout: dict[object, tuple[bool, int]] = {}

    def flags(el) -> tuple[bool, int]:
        chain = []  # el and its ancestors up to the first one known
        while el is not None and el not in layout:
            chain.append(el)
            el = el.getparent()
        in_link, gap = layout[el] if el is not None else (False, 4)
        for node in reversed(chain):
            in_link = in_link or node.tag == "a"
            gap = 0 if node.tag in _LIST_MARKUP else min(gap + 1, 4)
            layout[node] = (in_link, gap)
        return in_link, gap

    def place(el, key: str) -> None:
        in_link, gap = flags(el)
        in_list = gap < 4  # it or one of its three nearest ancestors
        places[key] = Block(1.0 if in_link else 0.0, 0.0, int(in_link), el, in_list, in_link)

    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "head", "body"):
            continue
        key = keys[el]
        if key:
            place(el, key)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for text, owner in ((el.text, el), (el.tail, el.getparent())):
            if not text:
                continue
            key = keys.text(text)
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
