"""Quote extraction: direct, interrupted, multi-paragraph, mixed quotes and reported speech.

`extract(doc)` works on a parsed spaCy `Doc`; `may_hold_statement(paragraph)` is the cheap
prefilter that tells the pipeline which paragraphs are worth parsing at all, and `curly_singles`
what the parser should read of one (paired ASCII single marks as ‘…’, the same offsets).
"""
from __future__ import annotations

from typing import Any

from .extract import extract
from .lexicon import PREFILTER
from .marks import ALL_MARKS, ASCII_DOUBLE, curly_singles, find_quotations, paragraphs

__all__ = ["extract", "may_hold_statement", "curly_singles", "find_quotations", "paragraphs"]


def may_hold_statement(paragraph: str) -> bool:
    """True when the paragraph has a quotation mark or a reporting verb/phrase."""
    if any(ch in ALL_MARKS for ch in paragraph) or ASCII_DOUBLE in paragraph:
        return True
    return PREFILTER.search(paragraph) is not None


def __getattr__(name: str) -> Any:
    # the "quotetrail" spaCy component imports spaCy: only when asked for, so this package stays
    # cheap to import (a run's main process uses the prefilter, marks and lexicon, and never
    # parses). spaCy itself finds the component by its entry point (pyproject.toml).
    if name == "component":
        import importlib

        return importlib.import_module(f"{__name__}.component")  # `from . import` would ask here again
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
