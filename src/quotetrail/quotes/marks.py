"""Quotation marks: paragraphs, and the quoted regions in them.

Hand-written because no maintained library pairs quotation marks across styles (“…”, "…", «…»,
„…“, ‘…’, and two apostrophes ''…'' as typed where only ASCII was at hand, common in wire and
archive text), tells a closing ‘…’ or '…' from an apostrophe (don’t, Ukraine’s, ’90s, the players'
union, rock 'n' roll) and follows a quotation over several paragraphs (an opening mark with no
closing mark, continued by the next paragraph's opening mark).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# typography is often mixed within one quotation (“…" or "…”): either double closer ends it
DOUBLE_OPENERS = {"\u201c": "\u201d\u201c\"", "\u00ab": "\u00bb", "\u201e": "\u201c\u201d", '"': '"\u201d',
                  "\u201f": "\u201d"}
SINGLE_OPEN, SINGLE_CLOSE = "\u2018", "\u2019"
ALL_MARKS = set(DOUBLE_OPENERS) | {"\u201d", "\u00bb", SINGLE_OPEN, SINGLE_CLOSE}
ASCII_DOUBLE = "''"  # two apostrophes standing for one double mark
WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed: a line is a paragraph."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@dataclass
class Segment:
    """One paragraph's part of a quotation: the marks at `start` and (when closed) `end - 1`."""

    start: int
    end: int
    closed: bool
    paragraph: int
    open_len: int = 1  # width of the opening mark (two for two apostrophes)
    close_len: int = 1

    @property
    def content(self) -> tuple[int, int]:
        return (self.start + self.open_len, self.end - self.close_len if self.closed else self.end)

    def mark_offsets(self) -> list[int]:
        """Offsets of the quotation marks themselves."""
        out = list(range(self.start, self.start + self.open_len))
        if self.closed:
            out += range(self.end - self.close_len, self.end)
        return out


@dataclass
class Region:
    """A quotation: one segment, or several when it runs over paragraphs."""

    segments: list[Segment] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0].start

    @property
    def end(self) -> int:
        return self.segments[-1].end

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = []
        for seg in self.segments:
            s, e = seg.content
            while s < e and text[s].isspace():
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
                e -= 1  # the comma before an attribution ("…,” he said) is not part of the words
            if e > s:
                out.append((s, e))
        return out

    def words(self, text: str) -> int:
        return sum(len(WORD.findall(text[s:e])) for s, e in self.spans(text))


def _is_alnum(ch: str) -> bool:
    return ch.isalnum()


# ASCII ' is mostly an apostrophe; it opens a quotation only at a word's start, after a space, the
# paragraph's start or opening punctuation ("said 'it…", "('No…", "—'We…"), and not where a word
# lost its start ('em, 'til, 'cause, rock 'n' roll, 'tis, the '90s, the '08 race)
_ASCII_OPEN_AFTER = " \t([{\u2014\u2013\"\u201c:"
_ELIDED_START = re.compile(r"'(?:em|til|cause|cos|n|tis|twas|bout|round|ol|\d\d?s?)\b", re.IGNORECASE)
_WORD_FOLLOWS = re.compile(r"\s+\w")
_WORD_BEFORE = re.compile(r"[\w']*$")
_MARKUP = re.compile(r"</?[A-Za-z][^<>\n]{0,300}>")  # leftover markup: attribute="…" is no quotation


def _closes_ascii(text: str, i: int, end: int) -> bool:
    """A ' at `i` that could close an ASCII single quotation: at a word's end, then a space,
    punctuation or the paragraph's end."""
    prev = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < end else " "
    return not prev.isspace() and prev != "'" and not _is_alnum(after) and after != "'"


def _ascii_apostrophe(text: str, i: int, end: int) -> bool:
    """The ' at `i`, at a word's end inside an open ASCII quotation, is an apostrophe: a word
    follows, and the word lost its end (rock 'n' roll) or is a possessive or clipped (players',
    Jones', talkin') while a later ' in the paragraph can close the quotation ('We want the
    players' union back,' she said)."""
    if not _WORD_FOLLOWS.match(text, i + 1, end):
        return False
    word = _WORD_BEFORE.search(text, max(0, i - 40), i).group().lower()
    if word == "'n":
        return True
    return word.endswith(("s", "in")) and any(text[j] == "'" and _closes_ascii(text, j, end) for j in range(i + 1, end))


def _scan_paragraph(text: str, start: int, end: int, index: int) -> list[Segment]:
    segments: list[Segment] = []
    opened_at = -1
    open_len = 1
    closers = ""
    single = False
    nested = 0  # “…” pairs inside a quotation opened with " ("He read: “…” aloud")
    skip = {m.start(): m.end() for m in _MARKUP.finditer(text, start, end)}
    i = start
    while i < end:
        if i in skip:
            i = skip[i]
            continue
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch == "'":
            run = 1
            while i + run < end and text[i + run] == "'":
                run += 1
            after = text[i + run] if i + run < end else " "
            if run >= 2 and opened_at < 0 and not _is_alnum(prev) and not after.isspace():
                opened_at, open_len, closers, single = i, 2, ASCII_DOUBLE, False  # three open a nested one too
            elif run >= 2 and closers == ASCII_DOUBLE and not prev.isspace() and not _is_alnum(after):
                # three apostrophes close a nested single and the double: the last two are the mark
                segments.append(Segment(opened_at, i + run, True, index, open_len, 2))
                opened_at, open_len, closers = -1, 1, ""
            elif run == 1 and opened_at < 0 and prev in _ASCII_OPEN_AFTER and after.isalnum() \
                    and not _ELIDED_START.match(text, i):
                opened_at, closers, single = i, "'", True  # one apostrophe as a single mark, as ‘ is
            elif run == 1 and closers == "'" and _closes_ascii(text, i, end) and not _ascii_apostrophe(text, i, end):
                segments.append(Segment(opened_at, i + 1, True, index, open_len, 1))
                opened_at, open_len, closers = -1, 1, ""
            i += run
            continue
        if opened_at < 0:
            if ch in DOUBLE_OPENERS:
                opened_at, closers, single = i, DOUBLE_OPENERS[ch], False
            elif ch == "\u201d" and not _is_alnum(prev) and _is_alnum(nxt):
                # sloppy typography: a closing mark used to open
                opened_at, closers, single = i, "\u201d", False
            elif ch == SINGLE_OPEN and not _is_alnum(prev) and not nxt.isspace():
                opened_at, closers, single = i, SINGLE_CLOSE, True
        elif not single and text[opened_at] == '"' and ch == "\u201c" and not _is_alnum(prev) and _is_alnum(nxt):
            nested += 1  # a quotation inside the quotation, in the other style of marks
        elif nested and ch == "\u201d" and text[i + 1:end].strip():
            nested -= 1  # (at the paragraph's end it closes the outer quotation too, as typed)
        elif ch in closers:
            if single:
                # ’ inside a word (don’t, Ukraine’s) is an apostrophe, not a closing mark
                ok = not _is_alnum(nxt) and not prev.isspace()
            elif (ch == "\u201c" and "\u201d" in closers) or (ch == '"' and closers[0] != '"'):
                # “ or " closes a “ quotation only when used as a sloppy closing mark
                ok = not _is_alnum(nxt) and not prev.isspace()
            else:
                ok = True
            if ok:
                segments.append(Segment(opened_at, i + 1, True, index, open_len, 1))
                opened_at, open_len, nested = -1, 1, 0
        i += 1
    if opened_at >= 0 and not single:
        # an unclosed ‘ is far more often an apostrophe than a quotation: only doubles run on
        segments.append(Segment(opened_at, end, False, index, open_len, 1))
    return segments


def curly_singles(paragraph: str) -> str:
    """`paragraph` with its ASCII single quotation marks as ‘ and ’ (the same offsets): the parser
    reads a bare ' as an apostrophe ('s, a possessive) and parses the sentence around it wrong."""
    if "'" not in paragraph:
        return paragraph
    chars = None
    for region in find_quotations(paragraph):
        for seg in region.segments:
            if seg.open_len == 1 and seg.closed and paragraph[seg.start] == "'" and paragraph[seg.end - 1] == "'":
                chars = chars or list(paragraph)
                chars[seg.start], chars[seg.end - 1] = SINGLE_OPEN, SINGLE_CLOSE
    return paragraph if chars is None else "".join(chars)


def opens_with_mark(text: str, offset: int) -> bool:
    """A double opening mark at `offset`: a quotation continued from the paragraph before."""
    return text[offset:offset + 1] in DOUBLE_OPENERS or text.startswith(ASCII_DOUBLE, offset)


def find_quotations(text: str, paras: list[tuple[int, int]] | None = None) -> list[Region]:
    """Every quotation in `text`, in order. Never raises on odd or unbalanced marks."""
    if paras is None:
        paras = paragraphs(text)
    regions: list[Region] = []
    pending: Region | None = None  # a quotation left open at the end of the previous paragraph
    for index, (s, e) in enumerate(paras):
        segs = _scan_paragraph(text, s, e, index)
        if pending is not None:
            if segs and segs[0].start == s and opens_with_mark(text, s):
                pending.segments.append(segs.pop(0))
                if pending.segments[-1].closed:
                    regions.append(pending)
                    pending = None
            else:
                regions.append(pending)  # capped at its own paragraph
                pending = None
        for seg in segs:
            if pending is not None:  # cannot happen: only the last segment can be open
                regions.append(pending)
                pending = None
            region = Region([seg])
            if seg.closed:
                regions.append(region)
            else:
                pending = region
    if pending is not None:
        regions.append(pending)
    return regions
