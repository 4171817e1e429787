"""The clean stage: from extracted article text to the article's own paragraphs.

The cleaner is a list of named rules (`RULES`), run in that order on the article's paragraphs
(lines). Each rule marks the paragraphs it takes out with its reason (or cuts a stretch off a
paragraph), and every removal is recorded with that reason, so a rule's cost and gain can be
counted (`benchmarks/html_rules.py` does it against annotated pages):

1. `title-line`: the title again before the first paragraph, alone, with the site's name or a
   date after it, or as the headline part of a title that adds the site's name (`title`); the
   title glued to the front of the first line is cut off it;
2. `outlet-cues`: wire datelines ("LONDON (Reuters) —") and publisher disclaimers are read as
   cues for the outlet; a dateline is article text and stays;
3. `lexicon`: generic web-page furniture (`boilerplate:*`, `comments`, `related-links`), legal
   disclaimer blocks under a "Disclaimer" heading, bylines, captions, leaked markup or script
   (`boilerplate:code`), comment signatures ("Posted by … on DATE");
4. `comment-thread`: the lines between the first and last of several comment signatures
   (`comments`);
5. `comment-tail`: from a line opening readers' comments ("Comments are now closed") to the end,
   when enough of the article's prose comes before it (`comments`);
6. `share-tail`: a share bar glued to the end of a line is cut off it (`boilerplate:share`);
7. `link-density` (with the page's HTML): lines from link-dense blocks
   (`related-links:link-density`);
8. `related-lists`: blocks under a list heading, runs of truncated teasers (with the page: only
   where it marks them as links, list items or outside the body), duplicated headline pairs
   (`related-links`);
9. `repeats`: a long sentence-shaped paragraph already seen (`repeat`), runs of them from a
   pasted-twice body (`repeat:body`); short lines (interview questions, labels, bullets) recur
   legitimately and stay;
10. `off-topic` (with the page's HTML): runs of short headline-shaped lines that share no
   vocabulary with the article's long paragraphs *and* that the page marks as links, list items
   or as sitting outside the element holding the body; sentence-shaped teasers there that share
   almost none (`related-links:off-topic`);
11. `closing-credits`: credits and author notes after the last paragraph ("Additional reporting
   by …", "X is a staff writer for …") (`credits`);
12. `edge-dates`: lines that are only a date or time, before the first or after the last
   paragraph of the body (`date`).

When unsure, a line stays: long sentence-shaped paragraphs and lines quoting a person are kept
by every rule except repetition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from rapidfuzz import fuzz

from ..model import Article, Removal
from . import boilerplate
from .cues import strip_dateline, text_cues
from .glued import is_caption
from .links import Block, ElementKeys, body_container, element_keys, inside, line_places, link_blocks, parse_page
from .paragraphs import _clean_line, Para, paragraphs, split_glued
from .shape import (alnum_key, content_words, ends_with_ellipsis, has_quotation, is_body_like,
                    is_title_like, normal_form, words)

__all__ = ["CleanResult", "clean_text", "clean_article"]


@dataclass
class CleanResult:
    text: str
    removed: list[Removal] = field(default_factory=list)
    cues: list[dict] = field(default_factory=list)


@dataclass
class Page:
    """What the rules work on: the article's paragraphs, its title and the page it came from."""

    paras: list[Para]
    title: str | None = None
    html: str | None = None
    cues: list[dict] = field(default_factory=list)
    _tree: object = None
    _keys: ElementKeys | None = None
    _blocks: dict[str, Block] | None = None
    _places: dict[str, Block] | None = None

    @property
    def tree(self):
        """The page's lxml tree, parsed once per article."""
        if self._tree is None and self.html:
            self._tree = parse_page(self.html)
        return self._tree

    @property
    def keys(self) -> ElementKeys:
        """The keys of the tree's elements (`links.element_keys`), for both maps below."""
        if self._keys is None:
            self._keys = element_keys(self.tree) if self.tree is not None else ElementKeys()
        return self._keys

    @property
    def blocks(self) -> dict[str, Block]:
        """The page's block elements by their letters (`links.link_blocks`)."""
        if self._blocks is None:
            self._blocks = link_blocks(self.tree, self.keys) if self.tree is not None else {}
        return self._blocks

    @property
    def places(self) -> dict[str, Block]:
        """Every element and text node of the page by its letters (`links.line_places`)."""
        if self._places is None:
            self._places = line_places(self.tree, self.keys) if self.tree is not None else {}
        return self._places


@dataclass(frozen=True)
class Rule:
    name: str
    apply: Callable[[Page], None]
    needs_html: bool = False


def _alive(paras: list[Para]) -> list[int]:
    return [i for i, p in enumerate(paras) if p.reason is None]


# What may follow the title on its line: the site's name or a date, after a separator.
_TITLE_TAIL_MAX_WORDS = 8


def _title_line(page: Page) -> None:
    """The title again in the lines before the body's first paragraph: alone, followed by the
    site's name or a date ("Bridge reopens - Harbour Times", "Bridge reopens | 12 March 2024"), or
    as the headline part of a page title that adds the site's name ("Bridge reopens - Harbour Times"
    as title, "Bridge reopens" as line)."""
    title = page.title
    if not title or not alnum_key(title):
        return
    key = alnum_key(title)
    first = True
    for p in page.paras:
        if p.reason is not None:
            continue
        if _is_title_line(p.text, title, key):
            p.reason = "title"
            break
        if first and len(key) >= 20:
            _cut_glued_title(p, key)
        first = False
        if is_body_like(p.text):
            break


def _cut_glued_title(p: Para, key: str) -> None:
    """The title glued to the front of the first line, once or twice ("Sister of Thai king dies
    Sister of Thai king dies Staff and agencies …"): cut off, the rest of the line stays."""
    rest = p.text
    while alnum_key(rest).startswith(key) and len(words(rest)) > len(words(rest[:_prefix_end(rest, key)])) + 8:
        after = rest[_prefix_end(rest, key):].lstrip(" -|–—:·•,")
        if not after[:1].isupper() and not after[:1].isdigit():
            break  # the title's words going on into a sentence ("… a library is what …")
        rest = after
    if rest != p.text:
        p.cut, p.cut_reason = p.text[:len(p.text) - len(rest)].strip(), "title"
        p.text = rest


def _is_title_line(text: str, title: str, key: str) -> bool:
    line = alnum_key(text)
    if line == key:
        return True
    if not is_title_like(text) or len(line) < 12:
        return False
    if line.startswith(key):
        return _site_or_date(text[_prefix_end(text, key):])
    if key.startswith(line):
        return _site_or_date(title[_prefix_end(title, line):])
    if key.endswith(line):
        head = title[:len(title) - _prefix_end(title[::-1], line[::-1])]
        return _site_or_date(head[::-1])
    return False


def _site_or_date(rest: str) -> bool:
    """A separator, then a few words: the site's name or a date after a headline."""
    return bool(re.match(r"^\s*[-|–—:·•,]", rest)) and 0 < len(words(rest)) <= _TITLE_TAIL_MAX_WORDS


def _prefix_end(text: str, key: str) -> int:
    """The offset in `text` where the letters and digits of `key` end."""
    seen = 0
    for i, ch in enumerate(text):
        if seen >= len(key):
            return i
        seen += len(alnum_key(ch))
    return len(text)


def _outlet_cues(page: Page) -> None:
    """Outlet cues: wire datelines (the text stays, the outlet is metadata), disclaimers, promos."""
    cues = page.cues
    lead = True
    for p in page.paras:
        if p.reason is not None:
            continue
        rest, cue = strip_dateline(p.text, lead)
        if cue is None:
            # The same dateline again (a second copy of the body): no second cue.
            prefix = next((c["text"] for c in cues if c["rule"] == "dateline" and p.text.startswith(c["text"] + " ")), None)
            if prefix is not None:
                rest, cue = p.text[len(prefix):], {"text": prefix, "repeat": True}
        if cue is not None and is_body_like(rest):
            p.dateline = cue["text"]
            if not cue.get("repeat"):
                cues.append(cue)
        if is_body_like(p.text):
            lead = False
        cues.extend(text_cues(p.text))


# A comment section opens after the article: its opener must follow most of the article's prose.
_COMMENT_OPENER_AFTER_SHARE = 0.6
_STRONG_OPENER_AFTER_WORDS = 100


def _comment_tail(page: Page) -> None:
    """From a line that opens readers' comments ("Comments are now closed for this story", "Have
    your say") to the end, when it comes after most of the article's prose: the comment section."""
    paras = page.paras
    prose = [len(words(p.text)) if p.reason is None and _repeatable(p.text) else 0 for p in paras]
    total = sum(prose)
    if not total:
        return
    before = 0
    for i, p in enumerate(paras):
        # readers' comments can outweigh the article: an opener no sentence could be needs only
        # some article before it, a prompt ("Have your say") most of the prose
        needed = _COMMENT_OPENER_AFTER_SHARE * total
        if boilerplate.is_strong_comment_opener(p.text):
            needed = min(needed, _STRONG_OPENER_AFTER_WORDS)
        if (p.reason is None or p.reason == "comments") and boilerplate.is_comment_opener(p.text) \
                and before >= needed and any(q.reason is None for q in paras[i + 1:]):
            for q in paras[i:]:
                if q.reason is None or q is p:
                    q.reason = "comments"
            return
        before += prose[i]


def _comment_thread(page: Page) -> None:
    """Readers' comments signed "Posted by NAME on DATE": with two signatures or more, the lines
    between the first and the last are the comment thread (the signatures go in `lexicon`)."""
    signed = [i for i, p in enumerate(page.paras) if p.reason == "comments" and boilerplate.is_comment_signature(p.text)]
    if len(signed) < 2:
        return
    for p in page.paras[signed[0]:signed[-1]]:
        if p.reason is None:
            p.reason = "comments"


def _share_tail(page: Page) -> None:
    """A share bar glued to the end of a line ("… back deal share facebook x whatsapp email print")
    is cut off; the line before it stays."""
    for p in page.paras:
        if p.reason is not None:
            continue
        cut = boilerplate.share_tail(p.text)
        if cut and p.text[:len(p.text) - len(cut)].strip():
            p.text = p.text[:len(p.text) - len(cut)].rstrip()
            p.cut, p.cut_reason = cut.strip(), "boilerplate:share"


def _lexicon(page: Page) -> None:
    paras = page.paras
    in_disclaimer = False
    for p in paras:
        if p.reason is not None:
            continue
        if boilerplate.is_disclaimer_heading(p.text):
            p.reason = "boilerplate:legal"
            in_disclaimer = True
            continue
        if in_disclaimer and boilerplate.is_legal(p.text, after_heading=True):
            p.reason = "boilerplate:legal"
            continue
        in_disclaimer = False
        p.reason = boilerplate.classify(p.text) or ("caption" if is_caption(p.text) else None)


def _link_density(page: Page) -> None:
    paras, blocks = page.paras, page.blocks
    if not blocks:
        return
    for p in paras:
        if p.reason is not None:
            continue
        block = blocks.get(alnum_key(p.text))
        if block is None or block.density < 0.5:
            continue
        headline_shaped = is_title_like(p.text, max_words=30) or len(words(p.text)) <= 12
        in_link_list = block.list_density >= 0.5
        if (headline_shaped and not has_quotation(p.text)) or in_link_list:
            p.reason = "related-links:link-density"


def _list_item(text: str) -> bool:
    """A line that can sit in a headline list: headline-shaped, a bullet, a teaser cut with '…'."""
    stripped = text.lstrip("-*•·▪–— ").strip()
    return is_title_like(stripped, max_words=40) or ends_with_ellipsis(stripped) or len(words(stripped)) <= 6


def _vocabulary(paras: list[Para]) -> set[str]:
    vocab: set[str] = set()
    for p in paras:
        if p.reason is None and is_body_like(p.text) and len(words(p.text)) >= 12:
            vocab |= content_words(p.text)
    return vocab


def _topical(text: str, vocab: set[str], threshold: float = 0.5) -> bool:
    cw = content_words(text)
    return bool(cw) and len(cw & vocab) / len(cw) >= threshold


_HEADING_WORDS = content_words(
    "most popular read viewed shared similar related recommended suggested featured latest top trending more "
    "other sponsored promoted partner content article articles story stories news posts reading coverage links "
    "topics videos headlines today like also interested enjoy miss picks choice web"
)


def _related_lists(page: Page) -> None:
    """Blocks under a list heading, runs of cut-off teasers and duplicated headline pairs."""
    paras = page.paras
    vocab = _vocabulary(paras)
    alive = _alive(paras)
    k = 0
    while k < len(alive):
        i = alive[k]
        p = paras[i]
        if boilerplate.is_list_heading(p.text):
            items = []
            j = k + 1
            while j < len(alive) and _list_item(paras[alive[j]].text) and not boilerplate.is_list_heading(paras[alive[j]].text):
                items.append(alive[j])
                j += 1
            if items and j < len(alive) and _headline(paras[items[-1]].text) and _topical(paras[items[-1]].text, vocab):
                items.pop()  # the article's sub-heading over the paragraph the list stopped at
            own_words = content_words(p.text) - _HEADING_WORDS
            if items or not (own_words & vocab):
                p.reason = "related-links"
                for m in items:
                    paras[m].reason = "related-links"
            k = j
            continue
        k += 1
    # Teasers cut off with "…" come in runs; a single one may be a quote trailing off. Notes that
    # end in "..." are also a style of the article's own (sports round-ups): with the page at hand,
    # a run goes only where the page marks it as links, list items or outside the body.
    evidence = _layout_evidence(page) if page.places else (lambda p: True)
    alive = _alive(paras)
    run: list[int] = []
    for i in alive + [-1]:
        if i >= 0 and ends_with_ellipsis(paras[i].text) and len(words(paras[i].text)) <= 40:
            run.append(i)
            continue
        if len(run) >= 2:
            for m in run:
                if evidence(paras[m]):
                    paras[m].reason = "related-links"
        run = []
    # The same headline twice in a row (image alt text + link text) is a headline list.
    alive = _alive(paras)
    for a, b in zip(alive, alive[1:]):
        pa, pb = paras[a], paras[b]
        if is_title_like(pa.text) and normal_form(pa.text) == normal_form(pb.text) and not has_quotation(pa.text):
            pa.reason = pb.reason = "related-links"


def _sentences(text: str) -> list[str]:
    out = []
    for piece in split_glued(text):
        # After glue repair, an ordinary sentence split on ". " suffices for the comparison.
        for s in piece.replace("! ", "!\n").replace("? ", "?\n").replace(". ", ".\n").split("\n"):
            if s.strip():
                out.append(normal_form(s))
    return out


# Repetition is judged on long sentence-shaped paragraphs only: short lines (interview questions,
# section labels, list bullets, "Q:" and "A:") legitimately recur inside one article.
_REPEAT_MIN_WORDS = 12


def _repeatable(text: str) -> bool:
    return is_body_like(text) and len(words(text)) >= _REPEAT_MIN_WORDS


def _repeats(page: Page) -> None:
    paras = page.paras
    seen: set[str] = set()
    seen_sentences: set[str] = set()
    seen_long: list[str] = []
    for p in paras:
        if p.reason == "title":
            seen.add(normal_form(p.text))
    flagged: list[int] = []
    near: list[int] = []
    for i, p in enumerate(paras):
        if p.reason is not None or not _repeatable(p.text):
            continue
        # A copy of the body may carry the wire dateline once: it is compared without it.
        text = p.text[len(p.dateline):].strip() if p.dateline else p.text
        key = normal_form(text)
        sentences = _sentences(text)
        repeated = key in seen
        if not repeated and sentences and all(s in seen_sentences for s in sentences):
            repeated = True  # the same sentences, paragraphed differently
        if repeated:
            flagged.append(i)
            continue
        if len(key) >= 80 and any(abs(len(o) - len(key)) < 0.05 * len(key) and fuzz.ratio(o, key) >= 97 for o in seen_long):
            near.append(i)
        seen.add(key)
        seen_sentences.update(sentences)
        if len(key) >= 80:
            seen_long.append(key)
    # A near copy (a typo fixed, a word added) is a repeat only inside a pasted-again block: on its
    # own, two close paragraphs can be a live blog's update, and the changed word may matter.
    not_junk = [i for i, p in enumerate(paras) if p.reason is None]
    exact = set(flagged)
    for i in near:
        pos = not_junk.index(i)
        neighbours = not_junk[max(0, pos - 1):pos] + not_junk[pos + 1:pos + 2]
        if any(n in exact for n in neighbours):
            flagged.append(i)
    flagged_set = set(flagged)
    alive_or_flagged = [i for i, p in enumerate(paras) if p.reason is None or i in flagged_set]
    # Consecutive repeats (ignoring removed junk) are a pasted-again body; a lone one is a repeat.
    for pos, i in enumerate(alive_or_flagged):
        if i not in flagged_set:
            continue
        prev_flag = pos > 0 and alive_or_flagged[pos - 1] in flagged_set
        next_flag = pos + 1 < len(alive_or_flagged) and alive_or_flagged[pos + 1] in flagged_set
        paras[i].reason = "repeat:body" if (prev_flag or next_flag) else "repeat"


_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+[\[(“\"‘]?[A-Z]")


def _headline(text: str) -> bool:
    """Headline-shaped: short, unpunctuated, one phrase. A line that introduces what follows
    (ends with ':'), quotes someone, or holds a full stop inside is the article's prose."""
    return (is_title_like(text) and not text.rstrip().endswith(":") and not has_quotation(text)
            and not _INNER_SENTENCE_END.search(text))


def _layout_evidence(page: Page) -> Callable[[Para], bool]:
    """Whether the page itself marks a line as outside the article: a link, a list item, or a
    block outside the element that holds the article's long paragraphs."""
    blocks = page.places
    long_paras = [blocks.get(alnum_key(p.text)) for p in page.paras
                  if p.reason is None and _repeatable(p.text)]
    elements = [b.element for b in long_paras if b is not None and b.element is not None]
    container = body_container(elements) if len(elements) >= 3 else None
    if container is not None and container in elements:
        container = container.getparent()

    def evidence(p: Para) -> bool:
        block = blocks.get(alnum_key(p.text))
        if block is None:
            return False
        if block.in_link or block.in_list:
            return True
        return container is not None and block.element is not None and not inside(block.element, container)

    return evidence


def _off_topic(page: Page) -> None:
    """Runs of headline-shaped lines that have nothing to do with the article and that the page
    marks as links, list items or as sitting outside the body's element. Without that evidence a
    short off-topic-looking line is as often a tour date, a product spec or an instruction."""
    paras = page.paras
    vocab = _vocabulary(paras)
    if not vocab or not page.places:
        return
    evidence = _layout_evidence(page)
    alive = _alive(paras)
    runs: list[list[int]] = []
    for pos, i in enumerate(alive):
        if _headline(paras[i].text):
            if runs and runs[-1][-1] == alive[pos - 1] and pos > 0:
                runs[-1].append(i)
            else:
                runs.append([i])
    for run in runs:
        first_pos = alive.index(run[0])
        prev = paras[alive[first_pos - 1]].text if first_pos > 0 else ""
        if prev.rstrip().endswith(":"):
            continue  # the article's own list
        overlaps = []
        for i in run:
            cw = content_words(paras[i].text)
            overlaps.append((len(cw & vocab) / len(cw)) if cw else 1.0)
        if len(run) == 1:
            cw = content_words(paras[run[0]].text)
            off = [run[0]] if len(cw) >= 4 and overlaps[0] == 0.0 else []
        else:
            off = [i for i, o in zip(run, overlaps) if o < 0.34]
            after_body = any(is_body_like(paras[j].text) for j in alive[:first_pos])
            if len(off) * 2 > len(run) and len(run) >= 3 and after_body:
                off = run  # a headline list that happens to hold a topical headline or two
        for i in off:
            if evidence(paras[i]):
                paras[i].reason = "related-links:off-topic"
    _off_topic_prose(page)


# A paragraph outside the body's element sharing under this share of its content words with the
# article's other long paragraphs is another story's teaser.
_OFF_TOPIC_PROSE_OVERLAP = 0.2
_BODY_WORD_SHARE = 2 / 3


def _off_topic_prose(page: Page) -> None:
    """Sentence-shaped paragraphs that the page sets outside the element holding the article, or in
    a list or a link, and that share almost no vocabulary with it: teasers of other stories."""
    paras = page.paras
    places = page.places
    long_paras = [i for i, p in enumerate(paras) if p.reason is None and _repeatable(p.text)]
    elements = {i: places[alnum_key(paras[i].text)].element for i in long_paras
                if alnum_key(paras[i].text) in places}
    if len(elements) < 3:
        return
    # by words: a box of two teasers beside a short article must not widen the body to the page
    container = body_container(list(elements.values()), share=_BODY_WORD_SHARE,
                               weights=[len(words(paras[i].text)) for i in elements])
    if container is None:
        return
    if container in elements.values():
        container = container.getparent()
    for i, element in elements.items():
        place = places[alnum_key(paras[i].text)]
        marked = place.in_list or place.in_link or not inside(element, container)
        if element is None or not marked or has_quotation(paras[i].text):
            continue
        others: set[str] = set()
        for j in long_paras:
            if j != i:
                others |= content_words(paras[j].text)
        cw = content_words(paras[i].text)
        if cw and len(cw & others) / len(cw) < _OFF_TOPIC_PROSE_OVERLAP:
            paras[i].reason = "related-links:off-topic"


_DATE_WORDS = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?"
    r"|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?|today|yesterday|[ap]\.?m\.?|gmt|utc|bst|[ecmp][sd]t|et|pt|updated|posted|published"
    r"|last|modified|created|date|on|at|of|the|\d{1,4}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)


# A month or weekday name, a numeric date or a clock time: what makes the digits a date.
_DATE_SHAPE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b"
    r"|\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)


def is_date_line(text: str) -> bool:
    """A line that is only a date or a time stamp ("Wednesday, January 09, 2008",
    "Updated: 10:42 AM Jan 9, 2008", "2024-03-12 08:15")."""
    if len(words(text)) > 12 or not any(ch.isdigit() for ch in text):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return not re.search(r"[^\W\d_]", rest) and bool(_DATE_SHAPE.search(text))


def _closing_credits(page: Page) -> None:
    """Credits and author notes after the article's last paragraph ("Additional reporting by …",
    "X is a staff writer for …"): about the story, not the story."""
    for i in reversed(_alive(page.paras)):
        p = page.paras[i]
        if boilerplate.is_credit(p.text) and not has_quotation(p.text):
            p.reason = "credits"
            continue
        if is_body_like(p.text):
            break


def _edge_dates(page: Page) -> None:
    """Date-only lines before the article's first paragraph or after its last: the page's date
    stamp, which is metadata (the published field), not article text."""
    alive = _alive(page.paras)
    for order in (alive, alive[::-1]):
        for i in order:
            p = page.paras[i]
            if is_date_line(p.text):
                p.reason = "date"
                continue
            if is_body_like(p.text):
                break


RULES: tuple[Rule, ...] = (
    Rule("title-line", _title_line),
    Rule("outlet-cues", _outlet_cues),
    Rule("lexicon", _lexicon),
    Rule("comment-thread", _comment_thread),
    Rule("comment-tail", _comment_tail),
    Rule("share-tail", _share_tail),
    Rule("link-density", _link_density, needs_html=True),
    Rule("related-lists", _related_lists),
    Rule("repeats", _repeats),
    Rule("off-topic", _off_topic, needs_html=True),
    Rule("closing-credits", _closing_credits),
    Rule("edge-dates", _edge_dates),
)


def _relocate_orphan_headings(paras: list[Para]) -> list[Para]:
    """A sub-heading whose section was dropped as a repeat moves before that section's first copy.

    A body pasted twice with its sub-headings only in the second copy would otherwise leave the
    headings dangling at the end, away from the paragraphs they head.
    """
    order = list(range(len(paras)))
    firsts: dict[str, int] = {}
    for i, p in enumerate(paras):
        if p.reason is None:
            firsts.setdefault(normal_form(p.text), i)
    for i, p in enumerate(paras):
        if p.reason is not None or not is_title_like(p.text):
            continue
        following = [j for j in range(i + 1, len(paras)) if paras[j].reason in (None, "repeat", "repeat:body")]
        body_after = next((j for j in following if paras[j].reason is None), None)
        if body_after is not None and not is_title_like(paras[body_after].text):
            continue
        first_repeat = next((j for j in following if paras[j].reason is not None), None)
        if first_repeat is None:
            continue
        target = firsts.get(normal_form(paras[first_repeat].text))
        if target is None or target >= i:  # == i: the heading is itself that first copy (fuzz find)
            continue
        before = [j for j in order[: order.index(target)] if paras[j].reason is None]
        if before and is_title_like(paras[before[-1]].text):
            continue  # that section already has a heading
        order.remove(i)
        order.insert(order.index(target), i)
    return [paras[i] for i in order]


def clean_text(raw: str, title: str | None = None, html: str | None = None,
               rules: tuple[Rule, ...] = RULES) -> CleanResult:
    """Clean one article's extracted text; `html` (the page it came from) enables the rules that
    look at the page (link density, layout evidence for off-topic lines)."""
    page = Page(paragraphs(raw or ""), title, html)
    for rule in rules:
        if rule.needs_html and not html:
            continue
        rule.apply(page)
    paras = page.paras
    removed: list[Removal] = []
    for p in paras:
        if p.reason is not None:
            removed.append(Removal(p.source, p.reason))
        elif p.cut is not None:
            removed.append(Removal(p.cut, p.cut_reason or "cut"))
    kept = [p for p in _relocate_orphan_headings(paras) if p.reason is None and p.text]
    return CleanResult(_assemble(raw or "", paras, kept), removed, page.cues)


def _assemble(raw: str, paras: list[Para], kept: list[Para]) -> str:
    """The kept paragraphs as the article wrote them: a paragraph whose only change was white space
    is taken verbatim from `raw`, and two that were neighbours keep the separator they had. So an
    article with nothing to clean comes out byte for byte as it came in, and offsets into the clean
    text line up with the original. Elsewhere (a removal between, a split glued paragraph, a cut
    dateline, a moved heading) paragraphs are joined by one newline."""
    spans: dict[int, tuple[int, int]] = {}
    cursor = 0
    for p in paras:  # raw order
        start = raw.find(p.source, cursor) if p.source else -1
        if start >= 0:
            spans[id(p)] = (start, start + len(p.source))
            cursor = start + len(p.source)
    out: list[str] = []
    previous: tuple[int, int] | None = None
    for p in kept:
        span = spans.get(id(p))
        verbatim = span is not None and p.cut is None and "\n" not in p.source and _clean_line(p.source) == p.text
        if out:
            gap = raw[previous[1]:span[0]] if previous and verbatim and previous[1] <= span[0] else ""
            if gap.strip():
                # something removed in between: keep the separator the paragraph had after it, so
                # copies of one article carrying different junk come out the same text
                gap = _gap_after(raw, previous[1])
            out.append(gap if "\n" in gap and not gap.strip() else "\n")
        out.append(p.source if verbatim else p.text)
        previous = span if verbatim else None
    if previous is not None:
        tail = raw[len(raw.rstrip()):] if raw[previous[1]:].strip() else raw[previous[1]:]
        out.append(tail)  # the trailing newline of a file, say, even when junk came last
    return "".join(out)


def _gap_after(raw: str, end: int) -> str:
    """The white space that follows a paragraph ending at `end` in `raw`."""
    rest = raw[end:]
    return rest[:len(rest) - len(rest.lstrip())]


def clean_article(article: Article) -> Article:
    # A title read off the text's own first line is not a duplicate of it: that line stays.
    title = None if article.meta.get("title_source") == "first-line" else article.title
    html = article.meta.pop("html", None)
    alternative = article.meta.pop("alternative_text", None)
    result = clean_text(article.raw, title, html)
    if alternative and not result.text.strip():
        # The text the reader chose was all furniture: its other reading of the page is taken.
        fallback = clean_text(alternative, title, html)
        if fallback.text.strip():
            article.raw, result = alternative, fallback
            article.meta["extraction"] = "other table setting"
    article.text = result.text
    article.removed = result.removed
    article.meta["cues"] = result.cues
    if not article.author:
        article.author = next((c["value"] for c in result.cues if c["kind"] == "author"), None)
    if not article.outlet:
        for kind in ("outlet", "site"):
            cue = next((c for c in result.cues if c["kind"] == kind), None)
            if cue is not None:
                article.outlet = cue["value"]
                break
    return article
