"""Line-shape helpers shared by the cleaning rules: words, sentence endings, title-like lines,
quotations, content words and the normal forms used to compare paragraphs."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends with . ! ? optionally followed by closing quotes/brackets; an ellipsis is a cut, not an end.
_CLOSERS = "\"”’'»)]"
_QUOTE_SPANS = (
    re.compile(r"“([^”]{3,})”"),
    re.compile(r"\"([^\"]{3,})\""),
    re.compile(r"«([^»]{3,})»"),
    re.compile(r"‘([^’]{12,})’(?!\w)"),
)
_QUOTE_CHARS = {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"}


# The cleaning rules ask about the same paragraph again and again (its words about 400 times per
# article, its content words a few dozen): these are cached per process, on the paragraph text.
# The asking happens while one article is cleaned, so a few hundred entries are enough; 4096 held
# about 20 MiB per worker.
CACHED_TEXTS = 256


@lru_cache(maxsize=CACHED_TEXTS)
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


# (string tests, not a pattern searched for at the end: the search tried every character)
def ends_sentence(text: str) -> bool:
    end = text.rstrip().rstrip(_CLOSERS)
    return end[-1:] in (".", "!", "?") and not end[:-1].endswith("..")  # "..." or "..!" trails off


def ends_with_ellipsis(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS).endswith(("…", "..."))


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


def _unify_quotes(text: str) -> str:
    # str.replace, not translate(): that looks every character of a non-ASCII text up in a dict
    for quote, plain in _QUOTE_CHARS.items():
        if quote in text:
            text = text.replace(quote, plain)
    return text


def normal_form(text: str) -> str:
    """Comparison key: NFKC, unified quotes, collapsed whitespace, case-folded."""
    text = _unify_quotes(unicodedata.normalize("NFKC", text))
    return " ".join(text.split()).casefold()


# What `alnum_key` drops: `\W` is "neither `str.isalnum()` nor '_'", so this is "not `isalnum()`".
_NOT_ALNUM = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())


def alnum_key(text: str) -> str:
    """Letters and digits only: survives any difference in spacing, punctuation or bullets.

    The same as keeping the `isalnum()` characters of `normal_form(text)`, several times faster (it
    runs on the text of every element of a page): the quotes that `normal_form` unifies and the
    white space it folds are dropped here anyway, and case folding is per character."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # ASCII spaces and punctuation go first, as bytes (UTF-8 keeps every other character in bytes
    # over 127): the regex, slower per character, then has only the rest of a non-ASCII text to do
    text = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_ALNUM).decode("utf-8", "surrogatepass")
    return text if text.isascii() else _NOT_ALNUM.sub("", text)


def _stem(word: str) -> str:
    """A case-folded word with its quotes unified, without its "'s" or plural "s"."""
    if word.endswith("'s"):
        word = word[:-2]
    # Crude plural folding is enough to match "weeks"/"week" or "guarantees"/"guarantee".
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


@lru_cache(maxsize=CACHED_TEXTS)
def content_words(text: str) -> frozenset[str]:
    out = set()
    # folded in one go, not word by word (no word holds a space, and no character folds into one),
    # and each distinct word stemmed once
    folded = set(_unify_quotes(" ".join(words(text)).casefold()).split(" "))
    for w in folded:
        s = _stem(w)
        if len(s) >= 3 and s not in STOP_WORDS and not s.isdigit():
            out.add(s)
    return frozenset(out)
