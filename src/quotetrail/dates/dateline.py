"""A date written in an article's opening lines: a wire dateline ("VALMORA, March 3 (CPA) —"),
a dated lead ("March 3, 2025 —") or a label ("Published: 3 March 2025", "Updated Mon 3 Mar 2025").

Hand-written because the shape matters more than the date: htmldate/trafilatura read dates from
HTML metadata and URLs, not from a plain-text body, and running dateparser's search over the
text would also pick up dates that are news, not the article's own.
"""
from __future__ import annotations

import datetime as dt
import re

from .expressions import _DAY_NUM, _MONTH, _YEAR, parse_iso, resolve

_WEEKDAY_ANY = (r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?")
_DATE = (rf"(?P<date>{_YEAR}[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12][0-9]|3[01])"
         rf"|{_MONTH}\s+{_DAY_NUM}(?:,?\s+{_YEAR})?"
         rf"|{_DAY_NUM}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)")
_TIME = r"(?:\s*(?:,|at|[-–—|])?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?"
_DASH = r"[—–-]{1,2}"

_DATELINE = re.compile(
    rf"(?:\([^)\n]{{1,40}}\)\s*)?"  # a glued outlet cue: "(MNW) "
    rf"[A-Z][\w.'’/ -]{{1,40}}?,\s+(?:{_WEEKDAY_ANY},?\s+)?{_DATE}"  # "VALMORA/DRAVNIK, March 5"
    rf"\s*(?:\([^)\n]{{1,40}}\)\s*)?{_DASH}"  # "(CPA) —"
)
_DATED_LEAD = re.compile(rf"(?:{_WEEKDAY_ANY},?\s+)?{_DATE}{_TIME}\s*{_DASH}\s")
_LABELLED = re.compile(
    rf"(?i:published|updated|last\s+updated|first\s+published|posted|date|dated)(?:\s+on)?\s*:?\s*"
    rf"(?:{_WEEKDAY_ANY},?\s+)?{_DATE}{_TIME}")
_DATE_ONLY = re.compile(rf"(?:{_WEEKDAY_ANY},?\s+)?{_DATE}{_TIME}\s*$")

OPENING_LINES = 3  # non-empty lines looked at: a title, maybe a byline, then the dateline
OPENING_CHARS = 600


def dateline_match(text: str) -> re.Match | None:
    """The dateline in the article's first lines, with its date in group "date"; None if none."""
    seen = 0
    pos = 0
    for line in text[:OPENING_CHARS].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            offset = pos + len(line) - len(line.lstrip())
            for pattern in (_DATELINE, _DATED_LEAD, _LABELLED, _DATE_ONLY):
                m = pattern.match(text, offset, pos + len(line.rstrip("\r\n")))
                if m:
                    return m
            seen += 1
            if seen >= OPENING_LINES:
                break
        pos += len(line)
    return None


def dateline_date(text: str, published: str | None) -> str | None:
    """The date of the article's opening dateline as 'YYYY-MM-DD', None when there is none.

    A dateline without a year ("VALMORA, March 3 (CPA) —") takes the year that puts it nearest
    to `published` (a wire dateline may be a day off the page's date, either way, across a new
    year too); without `published` it cannot be resolved and is None.
    """
    m = dateline_match(text)
    if m is None:
        return None
    written = m.group("date")
    numeric = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", written)
    if numeric:  # 2025-03-03, 2025/3/3
        try:
            return dt.date(*(int(x) for x in numeric.groups())).isoformat()
        except ValueError:
            return None
    if re.search(_YEAR, written):
        found = resolve(written, None)
        return found[0].isoformat() if found else None
    anchor = parse_iso(published)
    if anchor is None:
        return None
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        found = resolve(f"{written} {year}", None)
        if found:
            candidates.append(found[0])
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - anchor).days)).isoformat()
