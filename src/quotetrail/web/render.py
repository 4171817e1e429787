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


# ---------------------------------------------------------------------------- timeline chart

CHART_WIDTH = 960
CHART_LEFT = 190  # room for the topic labels
CHART_RIGHT = 24
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


def topic_keys_of(topic_lists: Sequence[Sequence[str]]) -> tuple[dict[str, int], dict[str, str], list[list[str]]]:
    """One pass over statements' topics: (topic key → number of statements, topic key → its first
    spelling seen, each statement's own topic keys). Keys merge spellings (`normalise_topic`),
    each spelling normalised once; the per-statement work stays in C (thousands of statements
    for the most quoted people)."""
    key_of: dict[str, str] = {}
    surface_of: dict[str, str] = {}
    for t in dict.fromkeys(chain.from_iterable(topic_lists)):  # in the order first seen
        k = key_of[t] = normalise_topic(t)
        if k:
            surface_of.setdefault(k, t)
    per_statement = [list(dict.fromkeys(map(key_of.__getitem__, topics))) for topics in topic_lists]
    if not all(key_of.values()):  # a spelling with no key ("the", "--") counts for nothing
        per_statement = [[k for k in own if k] for own in per_statement]
    counts = dict(Counter(chain.from_iterable(per_statement)))
    return counts, surface_of, per_statement


def timeline_chart(statements: Sequence[str | None], days: Sequence[str | None],
                   topic_lists: Sequence[Sequence[str]], statement_href: Callable[[str], str],
                   topic_href: Callable[[str], str],
                   bucket_href: Callable[[str | None, str, str], str] | None = None,
                   keyed: tuple[dict[str, int], dict[str, str], list[list[str]]] | None = None
                   ) -> dict[str, Any] | None:
    """Layout of the timeline chart of statements given column by column (ids, the day each was
    said, their topics): one row per frequent topic (the rest share a last row), a dot per dated
    statement at its day, in the row of its most frequent topic. Past MAX_DOTS statements,
    statements of the same row and a few days share one dot, sized by their number and linking to
    `bucket_href(topic, first_day, last_day)`, so the page stays small and fast for the most
    quoted people. `keyed`: `topic_keys_of(topic_lists)`, if at hand.
    Returns the numbers the template draws as inline SVG, or None when no statement has a date."""
    counts, surface_of, every_keys = keyed or topic_keys_of(topic_lists)
    # Each statement goes to the row of its most frequent topic; the rows are the topics that
    # gather most statements that way, so no row is drawn empty.
    count_of = counts.__getitem__
    chosen = [(own[0] if len(own) == 1 else max(own, key=count_of)) if own else None for own in every_keys]
    # counted per (topic, day) first: a heavy person has thousands of statements on fewer days
    cells = Counter(zip(chosen, days))
    day_of = {raw: _day(raw) for raw in {raw for _, raw in cells}}
    per_topic: Counter = Counter()
    dated = 0
    for (key, raw), n in cells.items():
        if day_of[raw] is not None:
            dated += n
            if key:
                per_topic[key] += n
    if not dated:
        return None
    top = [k for k, _ in per_topic.most_common(TOPIC_ROWS)]
    row_of = {k: i for i, k in enumerate(top)}
    labels = [surface_of[k] for k in top]
    # then per (row, day): all but the top topics share the last row
    by_row: Counter = Counter()
    for (key, raw), n in cells.items():
        if day_of[raw] is not None:
            by_row[(row_of.get(key, len(top)), day_of[raw])] += n
    dated_cells = list(by_row.items())
    first = min(d for (_, d), _ in dated_cells)
    last = max(d for (_, d), _ in dated_cells)
    if first == last:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    span = (last - first).days
    plot = CHART_WIDTH - CHART_LEFT - CHART_RIGHT
    rows = len(top) + 1
    height = CHART_TOP + rows * ROW_HEIGHT + AXIS_HEIGHT

    def x_of(d: date) -> float:
        return CHART_LEFT + round(plot * (d - first).days / span, 1)

    def y_mid(row: int) -> float:
        return CHART_TOP + row * ROW_HEIGHT + ROW_HEIGHT / 2

    def cls(row: int) -> str:
        return f"t{row}" if row < len(top) else "tother"

    grouped = dated > MAX_DOTS and bucket_href is not None
    dots = []
    if not grouped:
        crowd: Counter = Counter()
        for sid, raw, key, topics in zip(statements, days, chosen, topic_lists):
            d = day_of[raw]
            if d is None:
                continue
            row = row_of.get(key, len(top))
            x = x_of(d)
            slot = crowd[(row, round(x / 6))]  # statements on about the same day stack up and down
            crowd[(row, round(x / 6))] += 1
            offset = ((slot + 1) // 2) * (1 if slot % 2 else -1) * 5
            dots.append({"x": x, "y": y_mid(row) + max(-12, min(12, offset)), "r": 5, "cls": cls(row),
                         "href": statement_href(sid) if sid else None,
                         "title": f"{raw}: {', '.join(topics) or 'no topic'}"})
    else:
        # one dot per topic row and BUCKET_PX-wide column of days
        buckets: dict[tuple[int, int], list[tuple[date, int]]] = {}
        for (row, d), n in dated_cells:
            buckets.setdefault((row, int((x_of(d) - CHART_LEFT) // BUCKET_PX)), []).append((d, n))
        for (row, _), cell_days in sorted(buckets.items()):
            n = sum(k for _, k in cell_days)
            lo, hi = min(d for d, _ in cell_days), max(d for d, _ in cell_days)
            label = labels[row] if row < len(top) else None
            when = lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"
            dots.append({"x": x_of(lo + (hi - lo) / 2), "y": y_mid(row),
                         "r": round(min(11.0, 3.5 + 1.6 * math.log2(n)), 1), "cls": cls(row),
                         "href": bucket_href(label, lo.isoformat(), hi.isoformat()),
                         "title": f"{when}: {n} statement{'s' if n != 1 else ''}" + (f" on {label}" if label else "")})
    row_list = [{"label": label, "y": y_mid(i), "href": topic_href(label), "cls": cls(i),
                 "band": CHART_TOP + i * ROW_HEIGHT} for i, label in enumerate(labels)]
    row_list.append({"label": "other topics" if top else "statements", "y": y_mid(len(top)), "href": None,
                     "cls": "tother", "band": CHART_TOP + len(top) * ROW_HEIGHT})
    axis_y = CHART_TOP + rows * ROW_HEIGHT
    ticks = [{"x": x_of(d), "label": d.strftime("%b %Y") if span > 90 else d.strftime("%-d %b")}
             for d in _ticks(first, last)]
    return {"width": CHART_WIDTH, "height": height, "left": CHART_LEFT, "right": CHART_WIDTH - CHART_RIGHT,
            "row_height": ROW_HEIGHT, "axis_y": axis_y, "rows": row_list, "dots": dots, "ticks": ticks,
            "dots_svg": _dots_svg(dots),
            "grouped": grouped, "undated": len(days) - dated, "first": first.isoformat(), "last": last.isoformat()}
