"""Turn raw extracted text into paragraphs: unwrap hard-wrapped lines, re-split glued sentences.

Hand-written because the glue we repair (`beforehand.”It may`, `Russia.At a press`) is an
extraction artefact that sentence splitters are not built for: they need the missing space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .glued import split_seams
from .shape import CACHED_TEXTS, ends_sentence, is_title_like

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BULLET = re.compile(r"^\s*(?:[-*•·▪–—]|\d{1,2}[.)])\s+")

# Common English abbreviations that end with a period but do not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr sen rep gov gen lt col capt maj sgt adm cmdr pres supt rev fr
    hon amb atty messrs mt ft no nos vol vols fig figs p pp ed eds inc corp co ltd llc plc bros dept
    est approx vs etc al e.g i.e cf ca jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
    wed thu thur thurs fri sat sun a.m p.m u.s u.k u.n e.u d.c""".split()
)
_CLOSERS = "”’)]»"
_OPENERS = "“‘([«"


@dataclass
class Para:
    text: str
    source: str  # the raw line(s) this paragraph came from, kept for provenance
    block: int  # index of the blank-line separated block of raw text it sits in
    reason: str | None = None
    cut: str | None = None  # a stretch cut off the paragraph (a share bar glued to its end)
    cut_reason: str | None = None
    dateline: str | None = None  # a wire dateline opening the paragraph (kept in `text`)


def _clean_line(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _continues(prev: str, nxt: str) -> bool:
    """A hard wrap: the previous line stops mid-sentence and the next one goes on in lower case."""
    if not prev or not nxt or _BULLET.match(nxt) or _BULLET.match(prev):
        return False
    if ends_sentence(prev) or prev[-1] in ":;|":
        return False
    return nxt[0].islower()


def raw_paragraphs(raw: str) -> list[Para]:
    """Lines of `raw` as paragraphs, hard-wrapped lines joined, blank lines marking blocks."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    paras: list[Para] = []
    block = 0
    previous_blank = False
    for raw_line in text.split("\n"):
        line = _clean_line(raw_line)
        if not line:
            if paras and not previous_blank:
                block += 1
            previous_blank = True
            continue
        if paras and not previous_blank and _continues(paras[-1].text, line):
            last = paras[-1]
            last.text = f"{last.text} {line}"
            last.source = f"{last.source}\n{raw_line.rstrip()}"
        else:
            paras.append(Para(line, raw_line.strip(), block))
        previous_blank = False
    return paras


def _token_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _is_abbreviation(token: str) -> bool:
    core = token.lstrip("\"“‘'([«").rstrip(".!?")
    if not core:
        return True
    if core.casefold() in ABBREVIATIONS:
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", core):  # U.S, e.g, J.K
        return True
    if len(core) == 1 and core.isalpha():  # an initial: "John F.Kennedy"
        return True
    last = core[-1]
    if last.isupper():
        # "NATO.The" is glue; "U.S." and "Ph.D." are handled above.
        return not (len(core) >= 2 and core.isalpha() and core.isupper())
    return not (last.islower() or last.isdigit() or last in "%)]")


_WEB_TOKEN = re.compile(r"://|^[\"“‘'(\[]?www\.|@|\.(?:com|org|net|gov|edu|int|info|io|co|news|uk|de|fr|ru|ua|eu)\b", re.I)


def _web_token(text: str, start: int) -> bool:
    """Whether the whitespace-delimited token around `start` is a URL, domain or e-mail address."""
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return bool(_WEB_TOKEN.search(text[start:end]))


def glue_points(text: str) -> list[int]:
    """Offsets where a new sentence starts with no space after the previous one's end."""
    points: list[int] = []
    if is_title_like(text):
        return points  # a headline: "Launch DIP.Market Following" is a name, not two sentences
    for m in re.finditer(r"[.!?]+", text):
        j = m.end()
        # Closing quotes/brackets stay with the sentence they close.
        while j < len(text):
            ch = text[j]
            if ch in _CLOSERS or ch == "'":
                j += 1
            elif ch == '"' and text.count('"', 0, j) % 2 == 1:
                j += 1
            else:
                break
        if j >= len(text):
            continue
        nxt = text[j]
        if not (nxt.isupper() or nxt in _OPENERS or nxt == '"'):
            continue
        if nxt.isupper() and j + 1 < len(text) and text[j + 1] == ".":
            continue  # "Ph.D.", "Washington.D.C.": initials go on
        if nxt in _OPENERS + '"' and not (j + 1 < len(text) and (text[j + 1].isalnum() or text[j + 1] in "‘'")):
            continue
        if _is_abbreviation(_token_before(text, m.end() - (len(m.group()) - 1))) or _web_token(text, m.start()):
            continue
        points.append(j)
    return points


def split_glued(text: str) -> list[str]:
    """Split at glue points; every character is kept, so joining the pieces gives `text` back."""
    return list(_split_glued(text))


# Cached: most paragraphs are split twice, into paragraphs and, to compare repeats, into sentences
# (`clean._sentences`).
@lru_cache(maxsize=CACHED_TEXTS)
def _split_glued(text: str) -> tuple[str, ...]:
    pieces, start = [], 0
    for point in glue_points(text):
        pieces.append(text[start:point])
        start = point
    pieces.append(text[start:])
    return tuple(p for p in pieces if p)


def paragraphs(raw: str) -> list[Para]:
    out: list[Para] = []
    for para in raw_paragraphs(raw):
        pieces = [q for piece in split_glued(para.text) for q in split_seams(piece)]  # clean/glued.py
        if len(pieces) == 1:
            out.append(para)
        else:
            out.extend(Para(piece.strip(), piece.strip(), para.block) for piece in pieces)
    return out
