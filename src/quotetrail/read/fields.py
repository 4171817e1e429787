"""Field-name mapping, date normalisation and outlet-from-url helpers shared by all readers."""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any
from urllib.parse import urlsplit

from ..model import has_surrogates, safe_text

# Common field names found in scraper dumps (news-please, newspaper3k, GDELT exports, CommonCrawl
# derived sets…), in order of preference.
TEXT_FIELDS = ("text", "content", "maintext", "body", "article", "full_text", "fulltext", "article_text")
HTML_FIELDS = ("html", "raw_html", "html_content")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "canonical_url", "uri")
DATE_FIELDS = ("published", "date", "date_publish", "publish_date", "pubdate", "published_at", "date_published")
OUTLET_FIELDS = ("outlet", "source", "source_domain", "site", "sitename", "publisher", "source_name")
AUTHOR_FIELDS = ("author", "authors", "byline")

META_FIELDS = {
    "title": TITLE_FIELDS,
    "url": URL_FIELDS,
    "published": DATE_FIELDS,
    "outlet": OUTLET_FIELDS,
    "author": AUTHOR_FIELDS,
}


def _lower_keys(record: dict[str, Any]) -> dict[str, Any]:
    return {str(k).strip().lower(): v for k, v in record.items()}


def first_value(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    """The first non-empty value among `names` (keys compared case-insensitively)."""
    lowered = _lower_keys(record)
    for name in names:
        value = lowered.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def as_text(value: Any) -> str | None:
    """A record value as a one-line string: lists are joined, dicts give their name/url/text."""
    if value is None:
        return None
    if isinstance(value, dict):
        value = first_value(value, ("name", "title", "text", "url", "href", "value"))
        return as_text(value)
    if isinstance(value, (list, tuple)):
        parts = [p for p in (as_text(v) for v in value) if p]
        return ", ".join(parts) or None
    text = str(value).strip()
    return text or None


def record_meta(record: dict[str, Any]) -> dict[str, Any]:
    """url, outlet, published, title, author from a record or manifest row, normalised."""
    meta: dict[str, Any] = {}
    for key, names in META_FIELDS.items():
        raw = first_value(record, names)
        if key == "published":
            value = normalize_date(raw)
        else:
            value = as_text(raw)
        if value:
            meta[key] = value
    return meta


def record_body(record: dict[str, Any]) -> tuple[str | None, str | None]:
    """(text, html) of a record; either may be None. A list of paragraphs is joined by newlines."""
    text = first_value(record, TEXT_FIELDS)
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        text = "\n".join(text)
    if not isinstance(text, str) or not text.strip():
        text = None
    html = first_value(record, HTML_FIELDS)
    if not isinstance(html, str) or not html.strip():
        html = None
    return text, html


# The article-metadata key that lists the fields whose lone surrogates were replaced by U+FFFD.
SANITISED = "sanitised"


def sanitise_record(record: dict[str, Any]) -> list[str]:
    """Replace lone surrogates (see `model.safe_text`) in every string of `record`, keys and nested
    values included, in place; returns the (top-level) field names that held one, sorted.

    A JSON escape such as "\\ud800" is valid JSON but no text: UTF-8, and so SQLite, cannot hold
    it, and one such string used to stop the whole run. Walked without recursion: a record nests
    as deep as the JSON decoder allowed."""
    changed: set[str] = set()
    for key in list(record):
        value = record[key]
        name = safe_text(key) if isinstance(key, str) else key
        if name is not key:
            del record[key]
            record[name] = value
            changed.add(str(name))
        if isinstance(value, str):
            if has_surrogates(value):
                record[name] = safe_text(value)
                changed.add(str(name))
        elif isinstance(value, (dict, list)) and _scrub_nested(value):
            changed.add(str(name))
    return sorted(changed)


def _scrub_nested(value: dict | list) -> bool:
    found = False
    stack: list[dict | list] = [value]
    while stack:
        container = stack.pop()
        items = list(container.items()) if isinstance(container, dict) else list(enumerate(container))
        for key, item in items:
            if isinstance(container, dict) and isinstance(key, str) and has_surrogates(key):
                del container[key]
                key = safe_text(key)
                container[key] = item
                found = True
            if isinstance(item, str):
                if has_surrogates(item):
                    container[key] = safe_text(item)
                    found = True
            elif isinstance(item, (dict, list)):
                stack.append(item)
    return found


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:$|T)")
_WRITTEN_FORMATS = (
    "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%d %B, %Y",
    "%b. %d, %Y", "%A, %B %d, %Y", "%a, %B %d, %Y", "%Y/%m/%d", "%Y.%m.%d", "%d.%m.%Y",
)


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1800 <= year <= 2200:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: Any) -> str | None:
    """A date in any common form as `YYYY-MM-DD`, or None.

    Fast paths cover ISO timestamps, RFC 2822 and written English dates; dateparser (slow) is only
    the last resort. A timestamp keeps the calendar date as written (its own time zone), since that
    is the date the outlet printed.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # epoch milliseconds are common in dumps
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, dict):  # e.g. {"$date": "..."} from Mongo exports
        return normalize_date(first_value(value, ("$date", "date", "value")))
    text = str(value).strip()
    if not text or len(text) > 100:
        return None
    match = _ISO_DATE.match(text) or _COMPACT_DATE.match(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    if text.isdigit() and len(text) in (10, 13):
        return normalize_date(int(text))
    try:
        parsed = email.utils.parsedate_to_datetime(text)
        if parsed is not None:
            return _valid(parsed.year, parsed.month, parsed.day)
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" ,")
    for fmt in _WRITTEN_FORMATS:
        try:
            parsed = dt.datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        return _valid(parsed.year, parsed.month, parsed.day)
    return _dateparser_fallback(text)


def _dateparser_fallback(text: str) -> str | None:
    import dateparser  # imported lazily: it is slow to import and only needed for odd formats

    parsed = dateparser.parse(
        text,
        settings={
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if parsed is None:
        return None
    return _valid(parsed.year, parsed.month, parsed.day)
