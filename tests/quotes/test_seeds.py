"""Runs on the five real seed articles in ../shared/seeds (read at run time, never copied)."""
import re
from pathlib import Path

import pytest

from quotetrail.quotes import find_quotations

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"
WORD = re.compile(r"\w+")
# the test's own short list of speech verbs: a term is a short quoted span with none of them around
SPEECH = re.compile(r"(?i)\b(said|says|say|told|tells|stated|added|according to|responded|noted|"
                    r"insisted|argued|warned|reiterated|claimed|quoted|saying|accusing|accused|"
                    r"rejects|rejected|denies|denied)\b")  # a noun-phrase content is speech too

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not available")


def seed_texts():
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def sentence_around(text, start, end):
    """The words of the quotation's sentence outside the quotation (glued paragraphs included)."""
    stops = ".!?\n“”"
    left = max(text.rfind(c, 0, start) for c in stops)
    right = min([i for i in (text.find(c, end) for c in stops) if i >= 0] or [len(text)])
    if text[start:end].rstrip("”\"’' ")[-1:] in (".", "!", "?"):
        right = end  # the quotation closes its sentence (“…willing.”Moscow has…)
    return text[left + 1:start] + " " + text[end:right]


def is_term(text, region):
    """A quoted span of at most four words with no reporting verb in its sentence."""
    spans = region.spans(text)
    words = sum(len(WORD.findall(text[s:e])) for s, e in spans)
    return words <= 4 and not SPEECH.search(sentence_around(text, region.start, region.end))


@pytest.fixture(scope="module")
def extracted(quotes_of):
    return [(text, quotes_of(text, f"seed{i}")) for i, text in enumerate(seed_texts())]


def covered(quotes, s, e):
    return any(qs <= s and e <= qe for q in quotes for qs, qe in q.spans)


def test_every_quotation_is_a_statement(extracted):
    checked = 0
    for text, quotes in extracted:
        for region in find_quotations(text):
            if is_term(text, region):
                continue
            for s, e in region.spans(text):
                assert covered(quotes, s, e), f"quotation not extracted: {text[s:e][:60]!r}"
                checked += 1
    assert checked >= 20


def test_no_scare_quote_is_a_statement(extracted):
    terms = 0
    for text, quotes in extracted:
        for region in find_quotations(text):
            if not is_term(text, region):
                continue
            terms += 1
            rs, re_ = region.start, region.end
            for q in quotes:
                if any(s < re_ and rs < e for s, e in q.spans):
                    # only as part of a longer reported clause (a mixed quote), never on its own
                    assert len(WORD.findall(q.text)) > 4, f"term taken as a quote: {q.text!r}"
    assert terms >= 3


def test_quotes_have_speakers_and_cues(extracted):
    direct = [q for _, quotes in extracted for q in quotes if q.kind == "direct"]
    assert len(direct) >= 10
    assert all(q.mention for q in direct)
    assert sum(q.cue is not None for q in direct) >= len(direct) - 3
    vias = {q.via for _, quotes in extracted for q in quotes if q.via}
    assert len(vias) >= 3
