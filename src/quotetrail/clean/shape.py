"""Line-shape helpers shared by the cleaning rules: words, sentence endings, title-like lines,
quotations, content words and the normal forms used to compare paragraphs."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends with . ! ? optionally followed by closing quotes/brackets; an ellipsis is a cut, not an end.
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"”’'»)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:…|\.\.\.)[\"”’'»)\]]*$")
_QUOTE_SPANS = (
    re.compile(r"“([^”]{3,})”"),
    re.compile(r"\"([^\"]{3,})\""),
    re.compile(r"«([^»]{3,})»"),
    re.compile(r"‘([^’]{12,})’(?!\w)"),
)
_QUOTE_CHARS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"})


# The cleaning rules ask about the same paragraph again and again (its words about 400 times per
# article, its content words a few dozen): these are cached per process, on the paragraph text.
# The asking happens while one article is cleaned, so a few hundred entries are enough; 4096 held
# about 20 MiB per worker.
CACHED_TEXTS = 256


@lru_cache(maxsize=CACHED_TEXTS)
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(_SENTENCE_END.search(text)) and not _ELLIPSIS_END.search(text)


def ends_with_ellipsis(text: str) -> bool:
    return bool(_ELLIPSIS_END.search(text.rstrip()))


def is_title_like(text: str, max_words: int = 25) -> bool:
    """Headline / heading / label shape: short and not closed by sentence punctuation.

    A long line ending with ':' introduces a list inside the article, so it is not title-like.
    """
    n = len(words(text))
    if n == 0 or n > max_words:
        return False
    if text.rstrip().endswith(":"):
        return n <= 6
    return not ends_sentence(text)


def is_body_like(text: str) -> bool:
    return bool(words(text)) and not is_title_like(text)


def has_quotation(text: str) -> bool:
    """A quoted stretch of at least three words: someone's words are reported here."""
    for pattern in _QUOTE_SPANS:
        for m in pattern.finditer(text):
            if len(words(m.group(1))) >= 3:
                return True
    return False


def normal_form(text: str) -> str:
    """Comparison key: NFKC, unified quotes, collapsed whitespace, case-folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTE_CHARS)
    return " ".join(text.split()).casefold()


def alnum_key(text: str) -> str:
    """Letters and digits only: survives any difference in spacing, punctuation or bullets."""
    return "".join(ch for ch in normal_form(text) if ch.isalnum())


def _stem(word: str) -> str:
    word = word.casefold().translate(_QUOTE_CHARS)
    if word.endswith("'s"):
        word = word[:-2]
    # Crude plural folding is enough to match "weeks"/"week" or "guarantees"/"guarantee".
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@lru_cache(maxsize=CACHED_TEXTS)
def content_words(text: str) -> frozenset[str]:
    out = set()
    for w in words(text):
        s = _stem(w)
        if len(s) >= 3 and s not in STOP_WORDS and not s.isdigit():
            out.add(s)
    return frozenset(out)
