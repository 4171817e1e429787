"""JSON Lines, JSON and CSV containers, streamed record by record."""
from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..model import RawDocument, Skipped
from .decoding import UTF8_CP1252_FALLBACK
from .fields import HTML_FIELDS, SANITISED, TEXT_FIELDS, record_body, record_meta, sanitise_record
from .limits import ReadLimits
from .streams import human_size

# Keys under which JSON files commonly nest their list of articles.
_LIST_KEYS = ("articles", "data", "items", "records", "results", "documents", "docs", "rows", "entries")
_EXPECTED = "/".join(TEXT_FIELDS[:6] + HTML_FIELDS[:1])


def record_document(record: Any, source: str, fmt: str) -> RawDocument | Skipped:
    if not isinstance(record, dict):
        return Skipped(source, f"record is a JSON {type(record).__name__}, not an object with article fields")
    sanitised = sanitise_record(record)  # first: the fields read below must be storable text
    text, html = record_body(record)
    if text is None and html is None:
        return Skipped(source, f"record has no text or html (looked for fields {_EXPECTED})")
    meta = {"format": fmt, **record_meta(record)}
    if sanitised:
        meta[SANITISED] = sanitised
    return RawDocument(source, "record", record, meta)


def _loads(line: bytes) -> Any:
    try:
        return json.loads(line)
    except UnicodeDecodeError:
        # JSON should be UTF-8; legacy exports are often cp1252 or a mix of both.
        return json.loads(line.decode("utf-8", UTF8_CP1252_FALLBACK))


def iter_jsonl(stream: BinaryIO, source: str, limits: ReadLimits, fmt: str = "jsonl") -> Iterator[RawDocument | Skipped]:
    """One document per line; the N-th line (from 0) is `source#N`. Blank lines are ignored."""
    limit = limits.max_record_bytes
    number = -1
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        here = f"{source}#{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            # Drop the rest of the over-long line without ever holding it in memory.
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield Skipped(here, f"line {number + 1} is longer than the {human_size(limit)} record limit")
            continue
        if not line.strip():
            continue
        try:
            record = _loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(here, f"line {number + 1} is not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield record_document(record, here, fmt)


def iter_json(stream: BinaryIO, source: str, limits: ReadLimits) -> Iterator[RawDocument | Skipped]:
    """A JSON array of records (streamed element by element), an object holding such an array
    under a key like "articles", or a single record."""
    reader = _JsonReader(stream, limits)
    first = reader.next_char()
    if first == "":
        yield Skipped(source, "empty JSON file")
        return
    if first == "[":
        yield from _iter_array(reader, source, limits)
        return
    value, error = reader.whole_value(limits.max_file_bytes)
    if error:
        yield Skipped(source, error)
        return
    if isinstance(value, dict):
        for key in _LIST_KEYS:
            if isinstance(value.get(key), list):
                for index, item in enumerate(value[key]):
                    yield record_document(item, f"{source}#{index}", "json")
                return
        yield record_document(value, f"{source}#0", "json")
        return
    yield Skipped(source, f"JSON file holds a {type(value).__name__}, not articles")


def _iter_array(reader: "_JsonReader", source: str, limits: ReadLimits) -> Iterator[RawDocument | Skipped]:
    reader.advance(1)  # past "["
    index = 0
    while True:
        char = reader.next_char(skip=" \t\r\n,")
        if char == "]":
            return
        if char == "":
            yield Skipped(source, f"JSON array ends early after {index} element(s) (truncated file?)")
            return
        value, error = reader.element(limits.max_record_bytes)
        if error:
            yield Skipped(f"{source}#{index}", f"{error}; the rest of the file was not read")
            return
        yield record_document(value, f"{source}#{index}", "json")
        index += 1


class _JsonReader:
    """Incremental JSON value reader over a byte stream.

    The standard library has no streaming JSON parser (and ijson is not a dependency), so this
    decodes chunks and lets `json.JSONDecoder.raw_decode` parse one array element at a time,
    reading more input only when an element is incomplete.
    """

    def __init__(self, stream: BinaryIO, limits: ReadLimits):
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors=UTF8_CP1252_FALLBACK)
        self._json = json.JSONDecoder()
        self._buffer = ""
        self._pos = 0
        self._eof = False

    def _fill(self, size: int = 1 << 20) -> bool:
        if self._eof:
            return False
        chunk = self._stream.read(size)
        if not chunk:
            self._eof = True
            self._buffer = self._buffer[self._pos :] + self._decoder.decode(b"", final=True)
            self._pos = 0
            return False
        self._buffer = self._buffer[self._pos :] + self._decoder.decode(chunk)
        self._pos = 0
        return True

    def next_char(self, skip: str = " \t\r\n") -> str:
        while True:
            while self._pos < len(self._buffer) and self._buffer[self._pos] in skip:
                self._pos += 1
            if self._pos < len(self._buffer):
                return self._buffer[self._pos]
            if not self._fill():
                return ""

    def advance(self, n: int) -> None:
        self._pos += n

    def element(self, limit: int) -> tuple[Any, str | None]:
        while True:
            try:
                value, end = self._json.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if len(self._buffer) - self._pos > limit:
                    return None, f"element is larger than the {human_size(limit)} record limit"
                # Read more (doubling, so a big element costs linear time) unless the input ended.
                if self._fill(max(1 << 20, len(self._buffer) - self._pos)):
                    continue
                return None, f"invalid JSON ({exc.msg})"
            self._pos = end
            return value, None

    def whole_value(self, limit: int) -> tuple[Any, str | None]:
        while self._fill():
            if len(self._buffer) > limit:
                return None, f"JSON file is larger than the {human_size(limit)} limit for a single JSON object (use JSON Lines)"
        try:
            value, end = self._json.raw_decode(self._buffer, self._pos)
        except json.JSONDecodeError as exc:
            return None, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        return value, None


class _OverLongLine(Exception):
    pass


class _BoundedLines:
    """Text lines for csv.reader, raising _OverLongLine (once) instead of buffering a huge line."""

    def __init__(self, text: io.TextIOBase, limit: int):
        self._text = text
        self._limit = limit

    def __iter__(self) -> "_BoundedLines":
        return self

    def __next__(self) -> str:
        line = self._text.readline(self._limit + 1)
        if not line:
            raise StopIteration
        if len(line) > self._limit and not line.endswith(("\n", "\r")):
            while True:
                rest = self._text.readline(1 << 20)
                if not rest or rest.endswith(("\n", "\r")):
                    break
            raise _OverLongLine
        return line


def iter_csv(stream: BinaryIO, source: str, limits: ReadLimits, delimiter: str | None = None) -> Iterator[RawDocument | Skipped]:
    """One document per row after the header row; the N-th data row (from 0) is `source#N`."""
    limit = limits.max_record_bytes
    # csv's field limit is process-wide; it bounds a quoted multi-line field the line guard misses.
    csv.field_size_limit(max(limit, 1024))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors=UTF8_CP1252_FALLBACK, newline="")
    lines = _BoundedLines(text, limit)
    try:
        first_line = next(lines)
    except StopIteration:
        yield Skipped(source, "empty CSV file")
        return
    except _OverLongLine:
        yield Skipped(source, f"the CSV header is longer than the {human_size(limit)} record limit")
        return
    if delimiter is None:
        # The header row decides: column names hardly ever contain these characters.
        counts = {d: first_line.count(d) for d in (",", ";", "\t", "|")}
        delimiter = max(counts, key=counts.get) if max(counts.values()) else ","
    reader = csv.reader(_Chain([first_line], lines), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield Skipped(source, "CSV file has no readable header row")
        return
    header = [h.strip() for h in header]
    number = -1
    while True:
        number += 1
        here = f"{source}#{number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except _OverLongLine:
            yield Skipped(here, f"row {number + 1} is longer than the {human_size(limit)} record limit")
            continue
        except csv.Error as exc:
            yield Skipped(here, f"row {number + 1} is not valid CSV ({exc})")
            continue
        if not any(cell.strip() for cell in row):
            number -= 1
            continue
        record = {key: value for key, value in zip(header, row) if key}
        yield record_document(record, here, "csv")


class _Chain:
    """Iterate the sniffed sample lines, then the rest; keeps raising through to the caller."""

    def __init__(self, first: list[str], rest: _BoundedLines):
        self._first = iter(first)
        self._rest = rest

    def __iter__(self) -> "_Chain":
        return self

    def __next__(self) -> str:
        for line in self._first:
            return line
        return next(self._rest)
