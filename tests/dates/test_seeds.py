"""Statement dates on the real seed articles, read at run time from ../shared (skipped without it).

Quotes come from a deliberately simple stand-in for the quote stage (curly-quoted passages
followed by "X said", and "X said … that …" clauses), so these tests exercise the dates stage
alone. Nothing from the seeds is written here; the assertions are about date words and dates.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from quotetrail.dates import date_statements
from quotetrail.model import Quote

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

_CUES = r"said|told|stated|responded|replied|added|noted|reiterated|signaled|insisted|warned"
_DIRECT = re.compile(r"“([^”\n]{20,})”")
_AFTER = re.compile(
    rf"[,.]?\s*(?:(?P<m1>(?:[A-Z][\w’'-]*\s+){{0,3}}[A-Z][\w’'-]*|he|she)\s+(?P<c1>{_CUES})\b"
    rf"|(?P<c2>{_CUES})\s+(?P<m2>(?:[A-Z][\w’'-]*\s*){{1,4}}))")
_REPORTED = re.compile(
    rf"(?P<m>(?:[\w’'-]+\s+){{0,2}}[\w’'-]+)\s+(?P<c>{_CUES})\b[^.“”\n]{{0,40}}?\bthat\s+(?P<content>[^.\n]+)")


def stand_in_quotes(text: str) -> list[Quote]:
    quotes = []
    for m in _DIRECT.finditer(text):
        after = _AFTER.match(text, m.end())
        if after is None:
            continue
        group = "m1" if after.group("m1") else "m2"
        cue = after.group("c1") or after.group("c2")
        quotes.append(Quote(id=str(m.start()), article="seed", kind="direct", text=m.group(1),
                            spans=[m.span(1)], cue=cue, mention=after.group(group).strip(),
                            mention_start=after.start(group), mention_end=after.end(group)))
    for m in _REPORTED.finditer(text):
        quotes.append(Quote(id=str(m.start()), article="seed", kind="indirect", text=m.group("content"),
                            spans=[m.span("content")], cue=m.group("c"), mention=m.group("m"),
                            mention_start=m.start("m"), mention_end=m.end("m")))
    return quotes


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not available")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not available")
    return found[0].read_text(encoding="utf-8")


def dated(prefix: str, published: str | None) -> list[Quote]:
    text = seed(prefix)
    quotes = stand_in_quotes(text)
    assert quotes, "the stand-in found no quotes"
    date_statements(text, quotes, published)
    return quotes


def test_seed_000_without_publication_date_keeps_relative_words_unresolved():
    quotes = dated("000", None)
    on_friday = [q for q in quotes if q.date_text == "on Friday"]
    assert on_friday, [(q.cue, q.date_text) for q in quotes]
    assert all(q.said_on is None and q.said_on_precision is None for q in on_friday)
    for q in quotes:  # nothing is invented: a date needs a year in the words or a publication date
        if q.said_on is not None:
            assert q.date_text and re.search(r"\d{4}", q.date_text)


def test_seed_000_with_publication_date_resolves_friday():
    monday = "2025-01-13"
    quotes = dated("000", monday)
    on_friday = [q for q in quotes if q.date_text == "on Friday"]
    # the direct quote after the press-briefing scene and the reported "reiterated on Friday"
    assert len({q.kind for q in on_friday}) == 2
    assert all((q.said_on, q.said_on_precision) == ("2025-01-10", "day") for q in on_friday)
    month = [q for q in quotes if q.date_text and "October" in q.date_text]
    assert month and all((q.said_on, q.said_on_precision) == ("2024-10-01", "month") for q in month)


def test_seed_003_month_and_distractors():
    quotes = dated("003", "2025-01-15")
    december = [q for q in quotes if q.date_text == "in December"]
    assert december and all((q.said_on, q.said_on_precision) == ("2024-12-01", "month") for q in december)
    # a date in a clause about something else, or inside the quoted words, is never taken
    assert not [q for q in quotes if q.date_text and re.search(r"January|20(14|22)", q.date_text)]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_seed_statement_gets_a_consistent_date(prefix):
    published = "2025-01-17"
    quotes = dated(prefix, published)
    for q in quotes:
        assert q.said_on is not None and q.said_on <= published
        dt.date.fromisoformat(q.said_on)
        if q.date_text is None:
            assert (q.said_on, q.said_on_precision) == (published, "published")
        else:
            assert q.said_on_precision in ("day", "week", "month", "year")
