"""Time expressions in news prose: finding them in text and resolving one against an anchor date.

Everything is resolved here by rule, explicit calendar dates ("Jan. 20", "20 January", "March 3,
2025", "2025-03-03") included: dateparser put a year-less date always in the past (a careful reader
takes the year nearest the publication date), and it is wrong, or silent, for the relative forms
news writing leans on:

- "on Friday" in an article published on a Friday means that day; dateparser gives the week before.
- "last week" is a week (we return its Monday with week precision); dateparser gives anchor - 7 days.
- "in 2023" is a year; dateparser gives a day (the anchor's month and day in 2023).
- "earlier this month", "in early December", "last weekend": dateparser returns None.
- "this month" / "last month" / "last year" are month/year spans, not the anchor's day shifted.

Precision is one of "day", "week", "month", "year". For a span, the date returned is its first day
(Monday of a week, Saturday of a weekend, the 1st of a month, 1 January of a year).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

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
# "June last year", "Nov. 22 of this year": the year named relative to the anchor's
_REL_YEAR = r"(?:,?\s+(?i:(?:of\s+)?(?:last|this|next)\s+year))"
# Years in words, as spoken: "nineteen ninety-six", "two thousand and one", "twenty twenty-five"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TWO_DIGITS = rf"(?:{_TENS}(?:[-\s]{_UNITS})?|{_TEENS}|(?:oh|o)[-\s]{_UNITS})"
_SPELLED_YEAR = (rf"(?i:(?:eighteen|nineteen)\s+(?:hundred|{_TWO_DIGITS})"
                 rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_TWO_DIGITS}|{_UNITS}))?"
                 rf"|twenty\s+(?:{_TENS}(?:[-\s]{_UNITS})?|{_TEENS}))")

_CORE = rf"""
(?P<iso>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))
|(?P<month_day>(?:{_WEEKDAY},?\s+)?(?:(?i:next|last|this\s+coming|coming)\s+)?{_MONTH}\s+{_DAY_NUM}
    (?:,?\s+{_YEAR}(?![\d,]*\d)|{_REL_YEAR}|(?![\d,]*\d)))
|(?P<day_month>(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY_NUM}\s+(?i:of\s+)?{_MONTH}(?:,?\s+{_YEAR}|{_REL_YEAR})?)
|(?P<day_rel>(?i:the\s+day\s+before\s+yesterday|yesterday|tomorrow|today|tonight
    |(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)|last\s+night))
    (?:\s+{_PART_OF_DAY})?
|(?P<weekday>(?:(?i:last|this|next|this\s+past|this\s+coming|past|coming)\s+)?{_WEEKDAY}(?:'s|’s)?
    (?:\s+{_PART_OF_DAY})?)
|(?P<week>(?i:(?:last|this|next|past|previous|this\s+past|the\s+past|the\s+previous|the\s+following)
    \s+(?:week|weekend)|(?:over\s+)?the\s+weekend))
|(?P<span_rel>(?i:(?:(?:earlier|later)\s+)?this\s+(?:month|year)|(?:last|next)\s+(?:month|year)))
|(?P<ago>(?i:(?:\d{{1,2}}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several)
    \s+(?:day|week|month|year)s?(?:\s+or\s+so)?\s+ago))
|(?P<text_rel>(?i:(?:a|one|two|three|four|five|\d{{1,2}})\s+(?:year|month|week|day)s?\s+(?:earlier|later|before)
    |the\s+(?:following|next|previous|preceding)\s+(?:year|month|week|day)
    |the\s+(?:year|month|week|day)\s+(?:before|after)
    |year[-\s](?:earlier|ago)
    |(?:the\s+)?(?:current|same)\s+(?:fiscal\s+|calendar\s+)?year|this\s+(?:fiscal|calendar)\s+year
    |the\s+(?:(?:full|fiscal|calendar|whole|entire)\s+)?year(?!\s+(?:two|eighteen|nineteen|twenty)\b)
    |the\s+(?:month|week|day)))
|(?P<year_end>(?i:(?:the\s+)?year(?:['’]s\s+|[-\s])end))
|(?P<month>(?:(?i:last|this|next|this\s+past)\s+)?{_MONTH}
    (?:,?\s+{_YEAR}|,?\s+{_SPELLED_YEAR}|{_REL_YEAR}|(?!\s+\d)))
|(?P<year>{_YEAR}|(?i:the\s+year\s+)?{_SPELLED_YEAR}(?![\w-]))
"""
# "earlier in October", "in early December", "since March 4", "on Jan. 20"
_LEAD = r"(?P<lead>(?i:earlier|early|late|later)\s+)?"
_PREPOSITIONS = "on|in|at|during|since|until|till|by|from|before|after|over|through|throughout"
_PREP = rf"(?P<prep>(?i:{_PREPOSITIONS})\s+)?"
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
    r"|[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast|[Pp]revious|[Ff]ollowing|weekend|ago(?!\w)|1[89]\d\d|2[01]\d\d"
    r"|[Ee]ighteen\s|[Nn]ineteen\s|[Tt]wenty\s|[Tt]wo\s+thousand|[Yy]ear(?:['’]s\s+|[-\s])end)")
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


# The forms of "text_rel" that shift another date of the text by a stated amount ("two days
# later", "the following year", "the day before", "the same week"); found in running text only to
# be counted from that date. "The year", "the current fiscal year", "year-earlier" are left out:
# they name a period or qualify a noun more often than they date an event.
_SHIFT = re.compile(
    r"(?<![\w-])(?i:(?:a|one|two|three|four|five|\d{1,2})\s+(?:year|month|week|day)s?\s+(?:earlier|later|before)"
    r"|the\s+(?:following|next|previous|preceding|same)\s+(?:year|month|week|day)"
    r"|the\s+(?:year|month|week|day)\s+(?:before|after))(?![\w-])")
_PREP_BEFORE = re.compile(rf"(?i)\b({_PREPOSITIONS})\s+\Z")


def find_expressions(text: str, start: int = 0, end: int | None = None,
                     shifts: bool = False) -> list[Expression]:
    """Every time expression in text[start:end], as spans into `text`. With `shifts`, also the
    expressions that count from another date of the text ("a year earlier", "the next day"),
    kind "text_rel": resolve them with `resolve_from` against that date."""
    found = []
    for m in _matches(text, start, len(text) if end is None else end):
        kind = m.lastgroup
        if kind is None or kind in ("lead", "prep", "mod"):
            continue
        lead, prep, mod = m.group("lead"), m.group("prep"), m.group("mod")
        if kind == "month" and not (lead or prep or mod or re.search(r"\d", m.group(kind))
                                    or re.match(r"(?i:last|this|next)", m.group(kind))):
            continue  # a bare capitalised "March"/"May" is as often a verb or a name as a month
        if kind == "text_rel":
            continue  # counted from a date of the text, not the anchor: see `shifts` below
        if kind == "year_end":
            continue  # "by year-end", "year-end results": a deadline or a period, not when words were said
        if kind == "year" and re.search(r"[a-z]", m.group(kind)) and not re.match(
                r"(?i)the\s+year|(?:eighteen|nineteen|twenty)\s+(?!hundred)", m.group(kind)):
            continue  # "from two thousand to three thousand", "nineteen hundred people": counts
        if kind == "year" and not (prep and prep.strip().lower() != "on" or mod or lead):
            continue  # a bare four-digit number is a count, a model number, a law's name…
        if kind in ("day_rel", "weekday") and not (lead or prep or mod) and _in_name(text, m.start()):
            continue  # "Carvessa Today", "Good Friday", "Super Tuesday": a name, not a day
        found.append(Expression(m.start(), m.end(), m.group(0), kind,
                                prep.strip().lower() if prep else None))
    if shifts:  # scanned apart: their words ("later", "before") would slow the trigger scan
        starts = [e.start for e in found]  # in text order, none overlapping
        for m in _SHIFT.finditer(text, start, len(text) if end is None else end):
            i = bisect.bisect_left(starts, m.end())  # the expressions starting before the shift ends
            if i and found[i - 1].end > m.start():
                continue  # inside an expression already found ("the day before yesterday")
            prep = _PREP_BEFORE.search(text, max(0, m.start() - 16), m.start())
            found.append(Expression(prep.start() if prep else m.start(), m.end(),
                                    text[prep.start() if prep else m.start():m.end()], "text_rel",
                                    prep.group(1).lower() if prep else None))
        found.sort(key=lambda e: e.start)
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


_SPELLED_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    " sixteen seventeen eighteen nineteen".split())}
_SPELLED_NUMBERS.update({w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)})
_SPELLED_NUMBERS.update({"oh": 0, "o": 0})


def _spelled_year(words: str) -> int | None:
    """A year said in words: "nineteen ninety-six" 1996, "two thousand and one" 2001,
    "nineteen hundred" 1900, "twenty twenty-five" 2025, "nineteen oh five" 1905."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t not in ("the", "year", "and")]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + sum(_SPELLED_NUMBERS.get(t, 0) for t in tokens[2:])
    if not tokens or tokens[0] not in _SPELLED_NUMBERS:
        return None
    century = _SPELLED_NUMBERS[tokens[0]]
    if tokens[1:] == ["hundred"]:
        return century * 100
    rest = tokens[1:]
    if not rest or any(t not in _SPELLED_NUMBERS for t in rest):
        return None
    return century * 100 + sum(_SPELLED_NUMBERS[t] for t in rest)


def _year_of(core: str, anchor: dt.date | None) -> int | None:
    """The year an expression names: digits, words, or relative to the anchor ("last year")."""
    digits = re.search(_YEAR + r"(?!\d)", core)
    if digits:
        return int(digits.group(0))
    spelled = re.search(_SPELLED_YEAR, core)
    if spelled:
        return _spelled_year(spelled.group(0))
    relative = re.search(r"(?i)\b(last|this|next)\s+year\b", core)
    if relative and anchor is not None:
        return anchor.year + {"last": -1, "this": 0, "next": 1}[relative.group(1).lower()]
    return None


# How far ahead a date written without its year is read: "on Nov. 22" in an article of 27
# October is four weeks away, not eleven months ago; "on Jan. 2" in a November one is next year's.
FORWARD_MONTHS = 6


def _months_between(a: dt.date, b: dt.date) -> int:
    return (b.year * 12 + b.month) - (a.year * 12 + a.month)


def _nearest(candidates: list[dt.date], anchor: dt.date, lean: str | None) -> dt.date | None:
    """The candidate a reader takes for a date written without its year: the nearest one to the
    anchor, looking no more than FORWARD_MONTHS ahead; when the words lean one way ("next",
    "since", "earlier"), the nearest on that side."""
    past = [c for c in candidates if c <= anchor]
    future = [c for c in candidates if c > anchor]
    if lean == "past" or (lean is None and future and _months_between(anchor, min(future))
                          > FORWARD_MONTHS):
        future = []
    if lean == "future":
        past = []
    both = past + future
    if not both:
        return None
    return min(both, key=lambda c: (abs((c - anchor).days), c > anchor))


def _explicit(core: str, anchor: dt.date | None, lean: str | None) -> dt.date | None:
    """A calendar date written with its month and day ("Jan. 20", "20 January", "Friday, Oct. 14,
    2016", "2025-03-03"); a weekday written with it is ignored: the explicit date wins."""
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", core)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            return None
    core = re.sub(rf"^{_WEEKDAY},?\s+", "", core)
    month = _month_number(re.search(_MONTH, core).group(0))  # type: ignore[union-attr]
    without_year = re.sub(_YEAR + r"(?!\d)", "", core)
    day = int(re.search(r"\d{1,2}", without_year).group(0))  # type: ignore[union-attr]
    year = _year_of(core, anchor)
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if anchor is None:
        return None
    candidates = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:  # 29 February in a common year
            pass
    return _nearest(candidates, anchor, lean)


def _month_of(core: str, anchor: dt.date | None, lean: str | None) -> dt.date | None:
    """A month with or without its year ("March 2024", "June last year", "this September",
    "last May", "in December")."""
    month = _month_number(re.search(_MONTH, core).group(0))  # type: ignore[union-attr]
    year = _year_of(core, anchor)
    if year is not None:
        return dt.date(year, month, 1)
    if anchor is None:
        return None
    lowered = core.lower()
    if re.match(r"this\s+(?!past)", lowered):  # "this September": the anchor's year's
        return dt.date(anchor.year, month, 1)
    this_month = dt.date(anchor.year, anchor.month, 1)
    candidates = [dt.date(y, month, 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if lowered.startswith("last") or lowered.startswith("this past"):
        return max(c for c in candidates if c < this_month)  # the last one before this month
    if lean == "future":
        return min(c for c in candidates if c > this_month)  # "next December"
    if lean == "past":
        return max(c for c in candidates if c <= this_month)
    # the nearest such month, counted in months (October to April is six either way: the past)
    return min(candidates, key=lambda c: (abs(_months_between(this_month, c)), c > this_month))


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
    # "or so" hedges the count, it does not move the date: "a week or so ago" is a week ago
    m = re.match(r"(\d+|a few|an|a|\w+)\s+(day|week|month|year)s?(?:\s+or\s+so)?\s+ago", phrase.lower())
    assert m is not None
    count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
    unit = m.group(2)
    if unit == "day":
        return anchor - dt.timedelta(days=count), "day"
    if unit == "week":
        return _monday(anchor - dt.timedelta(days=7 * count)), "week"
    if unit == "month":
        return _add_months(anchor, -count), "month"
    if count == 1 and not m.group(1).startswith("a few") and " or so " not in m.group(0):
        return _shift_years(anchor, -1), "day"  # "a year ago": this day last year
    return dt.date(anchor.year - count, 1, 1), "year"


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _text_relative(phrase: str, anchor: dt.date) -> tuple[dt.date, str] | None:
    """Forms that count from another date ("a year earlier", "the following month", "the current
    fiscal year"), counted from `anchor`. The precision is the unit the words name: "a year
    earlier" than a day is that year, not that day (it compares periods, not days)."""
    p = " ".join(phrase.lower().replace("-", " ").split())
    if re.search(r"\b(?:current|same)\b|^this (?:fiscal|calendar) year", p):
        return dt.date(anchor.year, 1, 1), "year"
    m = re.match(r"the (?:(?:full|fiscal|calendar|whole|entire) )?(year|month|week|day)$", p)
    if m:  # "the year", "the full year": the period the anchor is in
        return {"year": (dt.date(anchor.year, 1, 1), "year"),
                "month": (dt.date(anchor.year, anchor.month, 1), "month"),
                "week": (_monday(anchor), "week"), "day": (anchor, "day")}[m.group(1)]
    if p in ("year earlier", "year ago"):  # "the year-earlier quarter"
        return dt.date(anchor.year - 1, 1, 1), "year"
    m = re.match(r"(\d+|an?|one|two|three|four|five) (year|month|week|day)s? (earlier|later|before)$", p)
    if m:
        count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
        sign, unit = 1 if m.group(3) == "later" else -1, m.group(2)
    else:
        m = re.match(r"the (?:(following|next|previous|preceding) (year|month|week|day)"
                     r"|(year|month|week|day) (before|after))$", p)
        if m is None:
            return None
        count, sign = 1, 1 if (m.group(1) or m.group(4)) in ("following", "next", "after") else -1
        unit = m.group(2) or m.group(3)
    shift = sign * count
    if unit == "day":
        return anchor + dt.timedelta(days=shift), "day"
    if unit == "week":
        return _monday(anchor) + dt.timedelta(days=7 * shift), "week"
    if unit == "month":
        return _add_months(anchor, shift), "month"
    return dt.date(anchor.year + shift, 1, 1), "year"


_PRECISIONS = ("day", "week", "month", "year")


def _start_of(day: dt.date, precision: str) -> dt.date:
    if precision == "week":
        return _monday(day)
    if precision == "month":
        return day.replace(day=1)
    if precision == "year":
        return day.replace(month=1, day=1)
    return day


def resolve_from(expression: str, reference: tuple[dt.date, str]) -> tuple[dt.date, str] | None:
    """A form that counts from another date of the text ("a year earlier", "two days later", "the
    following month") against that date, `reference` = (date, precision) as `resolve` gives it.
    The answer is no finer than the reference: "the next day" after "in March" is March."""
    got = resolve(expression, reference[0])
    if got is None:
        return None
    precision = max(got[1], reference[1], key=_PRECISIONS.index)
    return _start_of(got[0], precision), precision


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
    before = normalised[:m.start(kind)].lower()
    # the words before the core may point one way: "next January 20", "since March 4",
    # "earlier in October", "later in November"
    lean = None
    if re.search(r"\b(?:next|coming)\b", before + " " + lowered.split(",")[0]):
        lean = "future"
    elif re.search(r"\b(?:since|earlier)\b", before):
        lean = "past"
    elif re.search(r"\blater\b", before):
        lean = "future"
    if kind in ("iso", "month_day", "day_month"):
        core = re.sub(r"(?i)\b(?:next|last|this\s+coming|coming)\s+(?=[A-Z])", "", core)
        day = _explicit(core.replace("’", "'"), anchor, lean)
        return (day, "day") if day else None
    if kind == "year":
        year = _year_of(core, anchor)
        return (dt.date(year, 1, 1), "year") if year else None
    if kind == "month":
        first = _month_of(core, anchor, lean)
        return (first, "month") if first else None
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
    if kind == "text_rel":
        return _text_relative(core, anchor)
    if kind == "year_end":  # "year-end", "year's end": the end of the year, as the words say it
        return dt.date(anchor.year, 1, 1), "year"
    return None


def parse_iso(value: str | None) -> dt.date | None:
    """A YYYY-MM-DD (or longer ISO timestamp) value as a date; None when absent or malformed."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
