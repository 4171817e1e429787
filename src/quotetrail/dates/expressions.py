"""Time expressions in news prose: finding them in text and resolving one against an anchor date.

dateparser is right for explicit calendar dates ("Jan. 20", "20 January", "March 3, 2025",
"2025-03-03") and is used for those. It is wrong, or silent, for the relative forms news writing
leans on, so those are resolved here by rule:

- "on Friday" in an article published on a Friday means that day; dateparser gives the week before.
- "last week" is a week (we return its Monday with week precision); dateparser gives anchor - 7 days.
- "in 2023" is a year; dateparser gives a day (the anchor's month and day in 2023).
- "earlier this month", "in early December", "last weekend": dateparser returns None.
- "this month" / "last month" / "last year" are month/year spans, not the anchor's day shifted.

Precision is one of "day", "week", "month", "year". For a span, the date returned is its first day
(Monday of a week, Saturday of a weekend, the 1st of a month, 1 January of a year).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
               "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "a few": 3, "several": 3}

# Month and weekday names must be capitalised in the text ("march" and "may" are also verbs);
# the words around them may have any case, hence the scoped (?i:…) groups.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
_DAY_NUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|2[01][0-9]{2})"

_CORE = rf"""
(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))
|(?P<month_day>(?:(?i:next|last|this\s+coming|coming)\s+)?{_MONTH}\s+{_DAY_NUM}(?:,?\s+{_YEAR})?(?![\d,]*\d))
|(?P<day_month>{_DAY_NUM}\s+(?i:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)
|(?P<day_rel>(?i:the\s+day\s+before\s+yesterday|yesterday|tomorrow|today|tonight
    |(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)|last\s+night))
    (?:\s+{_PART_OF_DAY})?
|(?P<weekday>(?:(?i:last|this|next|this\s+past|this\s+coming|past|coming)\s+)?{_WEEKDAY}(?:'s|’s)?
    (?:\s+{_PART_OF_DAY})?)
|(?P<week>(?i:(?:last|this|next|past|previous|this\s+past|the\s+past|the\s+previous|the\s+following)
    \s+(?:week|weekend)|(?:over\s+)?the\s+weekend))
|(?P<span_rel>(?i:(?:(?:earlier|later)\s+)?this\s+(?:month|year)|(?:last|next)\s+(?:month|year)))
|(?P<ago>(?i:(?:\d{{1,2}}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)
    \s+(?:day|week|month|year)s?\s+ago))
|(?P<month>(?:(?i:last|this|next|this\s+past)\s+)?{_MONTH}(?:,?\s+{_YEAR}|(?!\s+\d)))
|(?P<year>{_YEAR})
"""
# "earlier in October", "in early December", "since March 4", "on Jan. 20"
_LEAD = r"(?P<lead>(?i:earlier|early|late|later)\s+)?"
_PREP = (r"(?P<prep>(?i:on|in|at|during|since|until|till|by|from|before|after|over|through"
         r"|throughout)\s+)?")
_MOD = r"(?P<mod>(?i:early|earlier|late|later|mid-|mid|the\s+(?:end|start|beginning|middle)\s+of)\s*)?"

EXPRESSION = re.compile(rf"(?<![\w-]){_LEAD}{_PREP}{_MOD}(?:{_CORE})(?![\w-])", re.VERBOSE)

# Prepositions that make a date a bound of a span ("since March 4", "until Friday"), not a point.
SPAN_BOUNDS = frozenset({"since", "until", "till", "by", "from", "before", "after", "through",
                         "throughout"})


@dataclass(frozen=True)
class Expression:
    start: int
    end: int
    text: str
    kind: str  # the name of the core group that matched
    prep: str | None  # the preposition, lower-cased, or None

    @property
    def is_span_bound(self) -> bool:
        return self.prep in SPAN_BOUNDS


# Words every expression contains. Scanning for these first and matching the full pattern only
# around them is several times faster than running the full pattern at every position.
_TRIGGER = re.compile(
    r"(?<!\w)(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
    r"|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Tt]his\s+(?:morning|afternoon|evening)"
    r"|[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Ff]ollowing|weekend|ago(?!\w)|1[89]\d\d|2[01]\d\d)")
_BEFORE_TRIGGER = 48  # longest lead + preposition + modifier: "earlier throughout the beginning of "
_AFTER_TRIGGER = 48


def _matches(text: str, start: int, end: int):
    """EXPRESSION matches in text[start:end], looking only around trigger words."""
    last_end = start
    for t in _TRIGGER.finditer(text, start, end):
        if t.start() < last_end:
            continue  # inside the expression just found
        window_end = min(end, t.end() + _AFTER_TRIGGER)
        for m in EXPRESSION.finditer(text, max(last_end, t.start() - _BEFORE_TRIGGER), window_end):
            if m.end() <= t.start():
                continue
            if m.start() > t.start():
                break
            if m.end() >= window_end and window_end < end:  # may be cut short: match it whole
                m = EXPRESSION.match(text, m.start(), end) or m
            yield m
            last_end = m.end()
            break


def find_expressions(text: str, start: int = 0, end: int | None = None) -> list[Expression]:
    """Every time expression in text[start:end], as spans into `text`."""
    found = []
    for m in _matches(text, start, len(text) if end is None else end):
        kind = m.lastgroup
        if kind is None or kind in ("lead", "prep", "mod"):
            continue
        lead, prep, mod = m.group("lead"), m.group("prep"), m.group("mod")
        if kind == "month" and not (lead or prep or mod or re.search(r"\d", m.group(kind))
                                    or re.match(r"(?i:last|this|next)", m.group(kind))):
            continue  # a bare capitalised "March"/"May" is as often a verb or a name as a month
        if kind == "year" and not (prep and prep.strip().lower() != "on" or mod or lead):
            continue  # a bare four-digit number is a count, a model number, a law's name…
        if kind in ("day_rel", "weekday") and not (lead or prep or mod) and _in_name(text, m.start()):
            continue  # "Carvessa Today", "Good Friday", "Super Tuesday": a name, not a day
        found.append(Expression(m.start(), m.end(), m.group(0), kind,
                                prep.strip().lower() if prep else None))
    return found


_PREVIOUS_WORD = re.compile(r"(?:^|(?P<boundary>[.!?:;\n\"“”‘’(—–-])|\s)\s*(?P<word>[\w'’]+)\s+$")


def _in_name(text: str, start: int) -> bool:
    """True when the capitalised word at `start` follows a capitalised word in mid-sentence."""
    if not text[start:start + 1].isupper():
        return False
    m = _PREVIOUS_WORD.search(text, max(0, start - 60), start)
    if m is None:
        return False
    before = text[max(0, m.start("word") - 3):m.start("word")]
    sentence_start = m.start("word") == 0 or re.search(r"(?:[.!?\n][\"”’)]?\s*|[\"“‘(]\s*)$", before)
    return m.group("word")[:1].isupper() and not sentence_start


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR[word]


@lru_cache(maxsize=4096)
def _explicit(core: str, anchor: dt.date | None, future: bool) -> dt.date | None:
    """An explicit calendar date by dateparser, year-less ones against `anchor`."""
    has_year = re.search(_YEAR + r"\b", core) is not None
    if not has_year and anchor is None:
        return None
    settings = {"PREFER_DATES_FROM": "future" if future else "past",
                "REQUIRE_PARTS": ["day", "month"]}
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime(anchor.year, anchor.month, anchor.day)
    parsed = dateparser.parse(core, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


def _weekday_date(phrase: str, anchor: dt.date) -> dt.date:
    words = phrase.lower().replace("’", "'").split()
    name = next(w for w in words if w.split("'")[0] in WEEKDAYS).split("'")[0]
    target = WEEKDAYS.index(name)
    back = (anchor.weekday() - target) % 7
    if words[0] in ("next", "coming") or words[:2] == ["this", "coming"]:
        return anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    if words[0] == "this" and words[1] != "past":
        return _monday(anchor) + dt.timedelta(days=target)
    if words[0] == "last" and back == 0:
        return anchor - dt.timedelta(days=7)  # "last Friday" said on a Friday: a week ago
    return anchor - dt.timedelta(days=back)  # the last such day on or before the anchor


def _week(phrase: str, anchor: dt.date) -> dt.date:
    p = " ".join(phrase.lower().split())
    saturday_back = (anchor.weekday() - 5) % 7  # days since the latest Saturday (0 on a Saturday)
    if "weekend" in p:
        latest = anchor - dt.timedelta(days=saturday_back)  # the weekend on or before the anchor
        if p.startswith(("next", "the following")) or (p.startswith("this") and "past" not in p
                                                        and anchor.weekday() < 5):
            return latest + dt.timedelta(days=7)
        if p.startswith(("last", "previous", "the previous")) and anchor.weekday() >= 5:
            return latest - dt.timedelta(days=7)  # said on a weekend, "last weekend" is the one before
        return latest
    if p.startswith(("next", "the following")):
        return _monday(anchor) + dt.timedelta(days=7)
    if p in ("this week",):
        return _monday(anchor)
    if p in ("past week", "the past week", "this past week"):
        return anchor - dt.timedelta(days=6)  # the seven days ending on the anchor
    return _monday(anchor) - dt.timedelta(days=7)  # last / previous week


def _ago(phrase: str, anchor: dt.date) -> tuple[dt.date, str]:
    m = re.match(r"(\d+|a few|an|a|\w+)\s+(day|week|month|year)s?\s+ago", phrase.lower())
    assert m is not None
    count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
    unit = m.group(2)
    if unit == "day":
        return anchor - dt.timedelta(days=count), "day"
    if unit == "week":
        return _monday(anchor - dt.timedelta(days=7 * count)), "week"
    if unit == "month":
        return _add_months(anchor, -count), "month"
    return dt.date(anchor.year - count, 1, 1), "year"


_CORE_ONLY = re.compile(rf"^(?:{_CORE})$", re.VERBOSE)


def resolve(expression: str, anchor: dt.date | None) -> tuple[dt.date, str] | None:
    """One time expression against `anchor` (usually the publication date) → (date, precision).

    Year-less and relative expressions need an anchor; with `anchor=None` only expressions that
    carry their year ("March 3, 2025", "in 2023", "2025-03-03") resolve. Dates in the future of
    the anchor are returned when the words say so ("next week", "next Friday", "tomorrow").
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    normalised = " ".join(expression.split())
    m = EXPRESSION.search(normalised)
    if m is None:
        return None
    kind = m.lastgroup
    core = m.group(kind)
    lowered = core.lower()
    # "next January 20", "this coming Friday": the words before the core may point forward
    future = re.search(r"(?i)\b(?:next|coming)\b", normalised[:m.end()]) is not None
    if kind in ("iso", "month_day", "day_month"):
        core = re.sub(r"(?i)^(?:next|last|this\s+coming|coming)\s+", "", core)
        day = _explicit(core.replace("’", "'"), anchor, future)
        return (day, "day") if day else None
    if kind == "year":
        return dt.date(int(core), 1, 1), "year"
    if kind == "month":
        month = _month_number(re.search(_MONTH, core).group(0))  # type: ignore[union-attr]
        year = re.search(_YEAR, core)
        if year:
            return dt.date(int(year.group(0)), month, 1), "month"
        if anchor is None:
            return None
        if future:  # "next December": the first December after the anchor's month
            years_ahead = 0 if month > anchor.month else 1
            return dt.date(anchor.year + years_ahead, month, 1), "month"
        if lowered.startswith("last") and month == anchor.month:
            return dt.date(anchor.year - 1, month, 1), "month"
        # the last such month on or before the anchor: "in December" from January is last year's
        return dt.date(anchor.year if month <= anchor.month else anchor.year - 1, month, 1), "month"
    if anchor is None:
        return None
    if kind == "day_rel":
        p = " ".join(lowered.split())
        if p.startswith("the day before yesterday"):
            return anchor - dt.timedelta(days=2), "day"
        if p.startswith(("yesterday", "last night")):
            return anchor - dt.timedelta(days=1), "day"
        if p.startswith("tomorrow"):
            return anchor + dt.timedelta(days=1), "day"
        return anchor, "day"
    if kind == "weekday":
        return _weekday_date(core, anchor), "day"
    if kind == "week":
        return _week(core, anchor), "week"
    if kind == "span_rel":
        p = " ".join(lowered.split())
        if p.endswith("month"):
            shift = -1 if p.startswith("last") else 1 if p.startswith("next") else 0
            return _add_months(anchor, shift), "month"
        shift = -1 if p.startswith("last") else 1 if p.startswith("next") else 0
        return dt.date(anchor.year + shift, 1, 1), "year"
    if kind == "ago":
        return _ago(core, anchor)
    return None


def parse_iso(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD (or longer ISO timestamp) value as a date; None when absent or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
