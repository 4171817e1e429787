"""Markup the templates cannot build on their own: an article's text with its quotes highlighted,
a variant's changed words marked, the timeline chart's layout, and safe links.

Every piece of stored text goes through `markupsafe.escape` before it is joined into markup, and
only markup built here is handed to the templates as `Markup`; the templates autoescape the rest.
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from markupsafe import Markup, escape

from ..statements.topics import normalise_topic

SPEAKER_COLOURS = 8  # .sp0 … .sp7 in app.css
TOPIC_ROWS = 8  # .t0 … .t7 in app.css; the rest share one "other topics" row


def safe_href(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None: stored URLs are untrusted, and a
    `javascript:` or `data:` URL must never become a clickable link."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    return url


# -------------------------------------------------------------------------------- article text

@dataclass
class _Quote:
    id: str
    spans: list[tuple[int, int]]
    colour: str
    speaker: str | None
    speaker_id: str | None
    mention: tuple[int, int] | None
    length: int = field(init=False)

    def __post_init__(self) -> None:
        self.length = sum(e - s for s, e in self.spans)


def speaker_colours(quotes: list[dict[str, Any]]) -> dict[str, str]:
    """A colour class per speaker, in order of first appearance in the article."""
    colours: dict[str, str] = {}
    for q in quotes:
        key = q.get("speaker_id") or q.get("speaker") or ""
        if key and key not in colours:
            colours[key] = f"sp{len(colours) % SPEAKER_COLOURS}"
    return colours


def highlighted_paragraphs(
    text: str,
    quotes: list[dict[str, Any]],
    person_href: Callable[[str], str],
    shared: dict[int, list[str]] | None = None,
) -> list[dict[str, Any]]:
    """The article's paragraphs (split on newlines, as the dedup stage numbers them) as markup:
    each quote's content in a <mark> coloured by speaker, the speaker's mention underlined, and a
    link to the speaker after the quote's last span. Overlapping quotes are shown by the innermost.
    Returns [{index, html, shared}] where `shared` lists other articles carrying the paragraph."""
    colours = speaker_colours(quotes)
    items = []
    for q in quotes:
        spans = [(int(s), int(e)) for s, e in q.get("spans") or [] if 0 <= int(s) < int(e) <= len(text)]
        if not spans:
            continue
        mention = None
        if q.get("mention_start") is not None and q.get("mention_end") is not None:
            ms, me = int(q["mention_start"]), int(q["mention_end"])
            if 0 <= ms < me <= len(text):
                mention = (ms, me)
        key = q.get("speaker_id") or q.get("speaker") or ""
        items.append(_Quote(q["id"], sorted(spans), colours.get(key, "sp-none"), q.get("speaker"),
                            q.get("speaker_id"), mention))
    out = []
    start = 0
    for index, line in enumerate(text.split("\n")):
        end = start + len(line)
        if line.strip():
            out.append({"index": index, "html": _paragraph(text, start, end, items, person_href),
                        "shared": (shared or {}).get(index, [])})
        start = end + 1
    return out


def _paragraph(text: str, start: int, end: int, quotes: list[_Quote],
               person_href: Callable[[str], str]) -> Markup:
    # Hand-written segmentation: the highlight must follow the exported char offsets exactly, and
    # an HTML-building library would only add a layer between those offsets and the escaping.
    cuts = {start, end}
    anchors: dict[int, list[_Quote]] = {}
    tags: dict[int, list[_Quote]] = {}
    for q in quotes:
        for s, e in q.spans:
            if s < end and e > start:
                cuts.update((max(s, start), min(e, end)))
        first, last = q.spans[0][0], q.spans[-1][1]
        if start <= first < end:
            anchors.setdefault(first, []).append(q)
        if start < last <= end:
            tags.setdefault(last, []).append(q)
        if q.mention and q.mention[0] < end and q.mention[1] > start:
            cuts.update((max(q.mention[0], start), min(q.mention[1], end)))
    bounds = sorted(cuts)
    parts: list[Markup] = []
    for a, b in zip(bounds, bounds[1:]):
        for q in anchors.get(a, []):
            parts.append(Markup('<span class="anchor" id="q-{}"></span>').format(q.id))
        piece = escape(text[a:b])
        covering = [q for q in quotes if any(s <= a and b <= e for s, e in q.spans)]
        mentioned = [q for q in quotes if q.mention and q.mention[0] <= a and b <= q.mention[1]]
        if mentioned:
            piece = Markup('<span class="mention {}">{}</span>').format(mentioned[0].colour, piece)
        if covering:
            inner = min(covering, key=lambda q: q.length)
            who = ", ".join(sorted({q.speaker or "unknown speaker" for q in covering}))
            piece = Markup('<mark class="quote {}" title="{}">{}</mark>').format(inner.colour, who, piece)
        parts.append(piece)
        for q in tags.get(b, []):
            label = q.speaker or "unknown speaker"
            if q.speaker_id:
                parts.append(Markup(' <a class="who {}" href="{}">{}</a>').format(
                    q.colour, person_href(q.speaker_id), label))
            else:
                parts.append(Markup(' <span class="who {}">{}</span>').format(q.colour, label))
    return Markup("").join(parts)


# ------------------------------------------------------------------------------ changed words

_WORD = re.compile(r"\w+(?:[’']\w+)?")


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKC", word).replace("’", "'").casefold()


def marked_variant(canonical: str, variant: str) -> Markup:
    """The variant's text with the words that differ from the canonical wording in <ins>, compared
    word by word with case and punctuation ignored (as `statements.differences` compares)."""
    base = [_fold(w) for w in _WORD.findall(canonical)]
    found = list(_WORD.finditer(variant))
    words = [_fold(m.group()) for m in found]
    changed = [False] * len(found)
    for op, _, _, j1, j2 in difflib.SequenceMatcher(a=base, b=words, autojunk=False).get_opcodes():
        if op in {"replace", "insert"}:
            for j in range(j1, j2):
                changed[j] = True
    parts: list[Markup] = []
    pos = 0
    i = 0
    while i < len(found):
        if not changed[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(found) and changed[j + 1]:
            j += 1  # one <ins> for a run of changed words, spaces between them included
        parts.append(escape(variant[pos:found[i].start()]))
        parts.append(Markup("<ins>{}</ins>").format(variant[found[i].start():found[j].end()]))
        pos = found[j].end()
        i = j + 1
    parts.append(escape(variant[pos:]))
    return Markup("").join(parts)


# ---------------------------------------------------------------------------------- wording

_PLURALS = {"story": "stories", "person": "people", "copy": "copies", "quote": "quotes"}


def counted(n: int, word: str, plural: str | None = None) -> str:
    """"1 quote", "2 quotes", "1,204 stories": the number with the word in the right number."""
    if n == 1:
        return f"1 {word}"
    return f"{n:,} {plural or _PLURALS.get(word) or word + 's'}"


def carried_by(variants: Sequence[dict[str, Any]]) -> str:
    """Who carried a statement's versions: "1 outlet", "3 outlets", "2 outlets and 1 article of
    unknown outlet". An article with no outlet is never counted as one of the known outlets."""
    known = {v["outlet"] for v in variants if v.get("outlet")}
    unknown = len({v.get("article") for v in variants if not v.get("outlet")})
    parts = [counted(len(known), "outlet")] if known else []
    if unknown:
        parts.append(counted(unknown, "article") + " of unknown outlet")
    return " and ".join(parts)


def same_line(line: str, title: str) -> bool:
    """Whether a line of text is the title again (case, spacing and end punctuation aside)."""
    def norm(text: str) -> str:
        return " ".join(_fold(text).split()).strip(" .:;!?-–—")
    return bool(norm(title)) and norm(line) == norm(title)


def wordings(variants: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """A statement's versions grouped by wording (case, punctuation and spacing aside), the
    canonical wording first, then the most carried: [{text, marked, changes, canonical, carriers
    (the versions, earliest reported first), summary ("3 outlets, same wording")}]."""
    from ..statements import normalise

    groups: dict[str, dict[str, Any]] = {}
    for v in variants:
        key = normalise(v["text"])
        group = groups.get(key)
        if group is None:
            group = groups[key] = {"text": v["text"], "marked": v.get("marked"), "changes": v.get("changes") or [],
                                   "canonical": key == normalise(v.get("canonical") or ""), "carriers": []}
        group["carriers"].append(v)
    out = sorted(groups.values(), key=lambda g: (not g["canonical"], -len(g["carriers"])))
    for g in out:
        who = carried_by(g["carriers"])
        same = len(g["carriers"]) > 1
        g["summary"] = (f"{who}, same wording" if same else who) if who else ""
    return out


# -------------------------------------------------------------------------- search highlight

def _plain(word: str) -> str:
    """A word as the full-text index compares it: accents dropped, case folded."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", _fold(word)) if not unicodedata.combining(ch))


def highlighted(text: str, query: str | None) -> Markup:
    """`text` escaped, with the words of `query` in <mark class="hit"> (whole words, case and
    accents ignored, as the full-text search matches them)."""
    wanted = {_plain(w) for w in _WORD.findall(query or "")}
    if not wanted:
        return Markup(escape(text))
    parts: list[Markup] = []
    pos = 0
    for m in _WORD.finditer(text):
        if _plain(m.group()) in wanted:
            parts.append(escape(text[pos:m.start()]))
            parts.append(Markup('<mark class="hit">{}</mark>').format(m.group()))
            pos = m.end()
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


# ---------------------------------------------------------------------------- coverage chart

COVERAGE_DAY = 26  # px per day
COVERAGE_ROW = 36  # px per outlet: its name above, its dots below, so the chart is no wider than its days
COVERAGE_MIN_WIDTH = 320


def coverage_chart(articles: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """A story's coverage: one row per outlet (first to report first), one column per day from its
    first dated article to its last, a dot per outlet and day sized by its number of articles.
    Returns the layout the template draws as SVG (scaled down to a phone's width; outlet names sit
    above their dots so no label column widens it), or None when no article has a date. Undated
    articles are counted apart, never placed on a day."""
    dated = [(a, _day(a.get("published"))) for a in articles]
    days = [d for _, d in dated if d]
    if not days:
        return None
    first, last = min(days), max(days)
    span = (last - first).days + 1
    per: dict[str, Counter] = {}
    order: dict[str, date] = {}
    for a, d in dated:
        if d is None:
            continue
        outlet = a.get("outlet") or "unknown outlet"
        per.setdefault(outlet, Counter())[d] += 1
        order[outlet] = min(order.get(outlet, d), d)
    outlets = sorted(per, key=lambda o: (order[o], o.casefold()))
    width = max(COVERAGE_MIN_WIDTH, span * COVERAGE_DAY)
    day_px = width / span
    axis_y = len(outlets) * COVERAGE_ROW
    rows, dots = [], []
    for i, outlet in enumerate(outlets):
        band = i * COVERAGE_ROW
        rows.append({"label": outlet, "label_y": band + 13, "y": band + 25, "band": band, "odd": i % 2 == 0})
        for d, n in sorted(per[outlet].items()):
            dots.append({"x": round(((d - first).days + 0.5) * day_px, 1), "y": band + 25, "r": min(9, 4 + 2 * (n - 1)),
                         "title": f"{outlet}, {d.isoformat()}: {counted(n, 'article')}"})
    step = max(1, -(-span // 6))
    ticks = []
    for k in range(0, span, step):
        x = round((k + 0.5) * day_px, 1)
        anchor = "start" if x < 24 else "end" if x > width - 24 else "middle"  # the edge labels stay inside
        ticks.append({"x": max(2.0, x - 6) if anchor == "start" else x, "anchor": anchor,
                      "label": (first + timedelta(days=k)).strftime("%-d %b")})
    return {"width": width, "height": axis_y + 24, "axis_y": axis_y, "rows": rows, "row_height": COVERAGE_ROW,
            "dots": dots, "ticks": ticks, "undated": len(articles) - len(days), "first": first.isoformat(),
            "last": last.isoformat()}


# ---------------------------------------------------------------------------- timeline chart

CHART_WIDTH = 960
CHART_LEFT = 190  # room for the topic labels
CHART_RIGHT = 24
NARROW_CHART_WIDTH = 380  # a phone's width: drawn at about its own size, so the labels stay readable
NARROW_CHART_LEFT = 104
ROW_HEIGHT = 34
CHART_TOP = 12
AXIS_HEIGHT = 34
MAX_DOTS = 600  # past this many statements, one dot per topic row and BUCKET_PX of days
BUCKET_PX = 10


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        try:
            return date.fromisoformat(value[:7] + "-01")
        except ValueError:
            return None


def _dots_svg(dots: list[dict[str, Any]]) -> Markup:
    """The chart's dots as SVG: built here rather than in the template, where hundreds of dots with
    six attributes each were a third of the most quoted people's page time. Links and titles are
    escaped; the rest are numbers and class names made here."""
    parts = []
    for d in dots:
        circle = (f'<circle class="dot {d["cls"]}" cx="{d["x"]}" cy="{d["y"]}" r="{d["r"]}">'
                  f'<title>{escape(d["title"])}</title></circle>')
        parts.append(f'<a href="{escape(d["href"])}">{circle}</a>' if d["href"] else circle)
    return Markup("\n".join(parts))


def _ticks(first: date, last: date) -> list[date]:
    span = (last - first).days
    if span > 90:  # month starts, thinned to at most ~10
        months = []
        d = date(first.year, first.month, 1)
        while d <= last:
            if d >= first:
                months.append(d)
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        step = max(1, -(-len(months) // 10))
        return months[::step]
    step = max(1, -(-span // 8))
    return [first + timedelta(days=k) for k in range(0, span + 1, step)]


@dataclass(frozen=True)
class TopicTable:
    """Statements' topics with spellings merged by key (`normalise_topic`): `keys` (in the order
    first seen), `surface_of` (key → its first spelling seen), `counts` (statements per key, by
    index into `keys`) and `chosen` (per statement: the index of its most frequent key, ties to the
    one it lists first; -1 when it has none)."""
    keys: list[str]
    surface_of: dict[str, str]
    counts: np.ndarray
    chosen: np.ndarray

    def topic_counts(self) -> list[tuple[str, int]]:
        """(spelling, statements) of every topic, most common first."""
        return sorted(((self.surface_of[k], int(n)) for k, n in zip(self.keys, self.counts)),
                      key=lambda x: (-x[1], x[0].casefold()))


def topic_table(topic_lists: Sequence[Sequence[str]]) -> TopicTable:
    """The `TopicTable` of statements' topic lists. Each spelling is normalised once; the rest is
    numpy over the flat (statement, key) pairs, since the most quoted people have thousands of
    statements and per-statement Python was most of their page's time."""
    n = len(topic_lists)
    surface_at = {t: i for i, t in enumerate(dict.fromkeys(chain.from_iterable(topic_lists)))}  # first seen first
    key_index: dict[str, int] = {}
    surface_of: dict[str, str] = {}
    surface_key = np.empty(len(surface_at), dtype=np.int64)
    for surface, i in surface_at.items():
        key = normalise_topic(surface)
        if not key:  # a spelling with no key ("the", "--") counts for nothing
            surface_key[i] = -1
            continue
        j = key_index.get(key)
        if j is None:
            j = key_index[key] = len(key_index)
            surface_of[key] = surface
        surface_key[i] = j
    lengths = np.fromiter(map(len, topic_lists), dtype=np.int64, count=n)
    flat = surface_key[np.fromiter(map(surface_at.__getitem__, chain.from_iterable(topic_lists)), dtype=np.int64,
                                   count=int(lengths.sum()))]
    statement = np.repeat(np.arange(n, dtype=np.int64), lengths)
    named = flat >= 0
    flat, statement = flat[named], statement[named]
    # each key once per statement, where the statement first lists it
    _, first = np.unique(statement * max(1, len(key_index)) + flat, return_index=True)
    first.sort()
    flat, statement = flat[first], statement[first]
    counts = np.bincount(flat, minlength=len(key_index))
    # per statement, its pairs by count (most first), then as listed: the first is its chosen key
    order = np.lexsort((np.arange(len(flat)), -counts[flat], statement))
    flat, statement = flat[order], statement[order]
    heads = np.flatnonzero(np.r_[True, statement[1:] != statement[:-1]]) if len(flat) else np.empty(0, np.int64)
    chosen = np.full(n, -1, dtype=np.int64)
    chosen[statement[heads]] = flat[heads]
    return TopicTable(list(key_index), surface_of, counts, chosen)


def timeline_chart(statements: Sequence[str | None], days: Sequence[str | None],
                   topic_lists: Sequence[Sequence[str]], statement_href: Callable[[str], str],
                   topic_href: Callable[[str], str],
                   bucket_href: Callable[[str | None, str, str], str] | None = None,
                   table: TopicTable | None = None, width: int = CHART_WIDTH,
                   left: int = CHART_LEFT) -> dict[str, Any] | None:
    """Layout of the timeline chart of statements given column by column (ids, the day each was
    said, their topics): one row per frequent topic (the rest share a last row), a dot per dated
    statement at its day, in the row of its most frequent topic. Past MAX_DOTS statements,
    statements of the same row and a few days share one dot, sized by their number and linking to
    `bucket_href(topic, first_day, last_day)`, so the page stays small and fast for the most
    quoted people. `table`: `topic_table(topic_lists)`, if at hand. `width` and `left` (the room
    for topic labels): a narrow chart for phones, whose text stays readable at their width.
    Returns the numbers the template draws as inline SVG, or None when no statement has a date."""
    table = table or topic_table(topic_lists)
    n = len(days)
    distinct_days = list(dict.fromkeys(days))  # a heavy person has thousands of statements on fewer days
    day_at = {raw: i for i, raw in enumerate(distinct_days)}
    parsed = [_day(raw) for raw in distinct_days]
    day_index = np.fromiter(map(day_at.__getitem__, days), dtype=np.int64, count=n)
    dated = np.array([d is not None for d in parsed], dtype=bool)[day_index]
    dated_count = int(dated.sum())
    if not dated_count:
        return None
    # Each statement goes to the row of its most frequent topic; the rows are the topics that
    # gather most statements that way, so no row is drawn empty.
    keys = len(table.keys)
    chosen = np.where(table.chosen >= 0, table.chosen, keys)  # index `keys`: no topic
    per_topic = np.bincount(chosen[dated], minlength=keys + 1)[:keys]
    top = [int(k) for k in np.argsort(-per_topic, kind="stable")[:TOPIC_ROWS] if per_topic[k]]
    row_of_key = np.full(keys + 1, len(top), dtype=np.int64)
    row_of_key[top] = np.arange(len(top))
    rows_of = row_of_key[chosen]
    labels = [table.surface_of[table.keys[k]] for k in top]
    valid = [d for d in parsed if d is not None]
    first, last = min(valid), max(valid)
    if first == last:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    span = (last - first).days
    plot = width - left - CHART_RIGHT
    rows = len(top) + 1
    height = CHART_TOP + rows * ROW_HEIGHT + AXIS_HEIGHT

    def x_of(d: date) -> float:
        return left + round(plot * (d - first).days / span, 1)

    def y_mid(row: int) -> float:
        return CHART_TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2

    def cls(row: int) -> str:
        return f"t{row}" if row < len(top) else "tother"

    grouped = dated_count > MAX_DOTS and bucket_href is not None
    dots = []
    if not grouped:
        crowd: Counter = Counter()
        for i in np.flatnonzero(dated).tolist():
            d, row = parsed[day_index[i]], int(rows_of[i])
            x = x_of(d)
            slot = crowd[(row, round(x / 6))]  # statements on about the same day stack up and down
            crowd[(row, round(x / 6))] += 1
            offset = ((slot + 1) // 2) * (1 if slot % 2 else -1) * 5
            dots.append({"x": x, "y": y_mid(row) + max(-12, min(12, offset)), "r": 5, "cls": cls(row),
                         "href": statement_href(statements[i]) if statements[i] else None,
                         "title": f"{days[i]}: {', '.join(topic_lists[i]) or 'no topic'}"})
    else:
        # one dot per topic row and BUCKET_PX-wide column of days: statements counted per (row,
        # day), then the days of a row gathered into columns
        per_cell = np.bincount(rows_of[dated] * len(parsed) + day_index[dated], minlength=rows * len(parsed))
        column_of_day = [int((x_of(d) - left) // BUCKET_PX) if d else -1 for d in parsed]
        buckets: dict[tuple[int, int], list] = {}
        for cell in np.flatnonzero(per_cell).tolist():
            row, day = divmod(cell, len(parsed))
            d, count = parsed[day], int(per_cell[cell])
            bucket = buckets.get((row, column_of_day[day]))
            if bucket is None:
                buckets[(row, column_of_day[day])] = [count, d, d]
            else:
                bucket[0] += count
                bucket[1], bucket[2] = min(bucket[1], d), max(bucket[2], d)
        for (row, _), (count, lo, hi) in sorted(buckets.items()):
            label = labels[row] if row < len(top) else None
            when = lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
            dots.append({"x": x_of(lo + (hi - lo) / 2), "y": y_mid(row),
                         "r": round(min(11.0, 3.5 + 1.6 * math.log2(count)), 1), "cls": cls(row),
                         "href": bucket_href(label, lo.isoformat(), hi.isoformat()),
                         "title": f"{when}: {count} statement{'s' if count != 1 else ''}"
                                  + (f" on {label}" if label else "")})
    row_list = [{"label": label, "y": y_mid(i), "href": topic_href(label), "cls": cls(i),
                 "band": CHART_TOP + i * ROW_HEIGHT} for i, label in enumerate(labels)]
    row_list.append({"label": "other topics" if top else "statements", "y": y_mid(len(top)), "href": None,
                     "cls": "tother", "band": CHART_TOP + len(top) * ROW_HEIGHT})
    axis_y = CHART_TOP + rows * ROW_HEIGHT
    ticks = [{"x": x_of(d), "label": d.strftime("%b %Y") if span > 90 else d.strftime("%-d %b")}
             for d in _ticks(first, last)][::1 if width >= 600 else 2]
    return {"width": width, "height": height, "left": left, "right": width - CHART_RIGHT,
            "row_height": ROW_HEIGHT, "axis_y": axis_y, "rows": row_list, "dots": dots, "ticks": ticks,
            "dots_svg": _dots_svg(dots),
            "grouped": grouped, "undated": n - dated_count, "first": first.isoformat(), "last": last.isoformat()}
