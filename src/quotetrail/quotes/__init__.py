"""Quote extraction: direct, interrupted, multi-paragraph, mixed quotes and reported speech.

`extract(doc)` works on a parsed spaCy `Doc`; `may_hold_statement(paragraph)` is the cheap
prefilter that tells the pipeline which paragraphs are worth parsing at all.
"""
from __future__ import annotations

from .extract import extract
from .lexicon import PREFILTER
from .marks import ALL_MARKS, ASCII_DOUBLE, find_quotations, paragraphs

__all__ = ["extract", "may_hold_statement", "find_quotations", "paragraphs"]


def may_hold_statement(paragraph: str) -> bool:
    """True when the paragraph has a quotation mark or a reporting verb/phrase."""
    if any(ch in ALL_MARKS for ch in paragraph) or ASCII_DOUBLE in paragraph:
        return True
    return PREFILTER.search(paragraph) is not None

from . import component as _component  # noqa: E402,F401  registers the "quotetrail" spaCy factory
