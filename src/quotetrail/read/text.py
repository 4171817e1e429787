"""Plain-text articles: `---` front matter and the first-line title heuristic.

Front matter is parsed by hand (simple `key: value` lines and `- item` lists) because the project
does not depend on a YAML library and needs nothing more.
"""
from __future__ import annotations

import re
from typing import Any

_FRONT_MATTER = re.compile(r"\A[ \t]*---[ \t]*\n(.*?)(?:\n|\A)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w .-]{0,40}?)\s*:\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s+-\s+(.*)$|^-\s+(.*)$")
_MAX_FRONT_MATTER_LINES = 60

_OPENING_QUOTES = "\"'“”‘’«»„‚‹›「『"
_SENTENCE_END = ".,;:…"


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """({key: value}, body) when the text starts with a `---` block of `key: value` lines."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    lines = match.group(1).split("\n")
    if len(lines) > _MAX_FRONT_MATTER_LINES:
        return {}, text
    fields: dict[str, Any] = {}
    last_key: str | None = None
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and last_key is not None:
            value = _unquote(item.group(1) or item.group(2) or "")
            current = fields.get(last_key)
            fields[last_key] = (current if isinstance(current, list) else []) + [value]
            continue
        pair = _KEY_VALUE.match(line)
        if not pair:
            return {}, text  # not a metadata block after all: keep the text untouched
        last_key = pair.group(1).strip().lower()
        value = _unquote(pair.group(2))
        fields[last_key] = value if value else []
    if not fields:
        return {}, text
    return fields, text[match.end() :]


def looks_like_title(line: str) -> bool:
    """Short, no sentence-final punctuation, not a quotation, has letters."""
    line = line.strip()
    if not line or len(line) > 200 or len(line.split()) > 25:
        return False
    if line[-1] in _SENTENCE_END or line[0] in _OPENING_QUOTES:
        return False
    return any(c.isalpha() for c in line)


def take_title(body: str) -> tuple[str | None, str]:
    """(title, rest) when the first non-empty line looks like a title and text follows it."""
    stripped = body.lstrip("\n\r\t ")
    first, _, rest = stripped.partition("\n")
    if rest.strip() and looks_like_title(first):
        return first.strip(), rest.strip("\n")
    return None, body.strip("\n")
