"""JSON Lines, JSON and CSV containers, streamed record by record."""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import sys
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


# Python refuses to turn a string of more than this many digits into an int (a denial-of-service
# guard, `sys.set_int_max_str_digits`); json then raises a ValueError that is no JSONDecodeError,
# and one such number in a record used to cost the rest of the file. Such a number is read as a
# marker instead, and the record holding it is skipped alone, with the reason.
_MAX_DIGITS = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 0
TOO_LONG_NUMBER = f"holds a number over {_MAX_DIGITS} digits long"
NESTED_TOO_DEEPLY = "nested too deeply"


class _TooLongNumber:
    """Stands in a decoded value for a number too long to be an int."""


_TOO_LONG = _TooLongNumber()


def _parse_int(digits: str) -> Any:
    if _MAX_DIGITS and len(digits) - digits.startswith("-") > _MAX_DIGITS:
        return _TOO_LONG
    return int(digits)


_DECODER = json.JSONDecoder(parse_int=_parse_int)


def has_too_long_number(value: Any) -> bool:
    """True when a decoded value holds a number too long to read (walked without recursion)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is _TOO_LONG:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def _loads(line: bytes) -> Any:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        # JSON should be UTF-8; legacy exports are often cp1252 or a mix of both.
        text = line.decode("utf-8", UTF8_CP1252_FALLBACK)
    text = text.removeprefix("\ufeff")
    value, end = _DECODER.raw_decode(text, len(text) - len(text.lstrip()))
    if text[end:].strip():
        raise json.JSONDecodeError("Extra data", text, end)
    return value


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
        except RecursionError:  # "[[[[…": the decoder's depth guard; the next line is fine
            yield Skipped(here, f"line {number + 1} is not valid JSON ({NESTED_TOO_DEEPLY})")
            continue
        except ValueError as exc:  # any other refusal of the decoder costs this line only
            yield Skipped(here, f"line {number + 1} is not valid JSON ({exc})")
            continue
        if has_too_long_number(record):
            yield Skipped(here, f"line {number + 1} {TOO_LONG_NUMBER}")
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
                    yield _element_document(item, f"{source}#{index}", "record")
                return
        yield _element_document(value, f"{source}#0", "record")
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
        value, error, resumable = reader.element(limits.max_record_bytes)
        if error and not resumable:
            yield Skipped(f"{source}#{index}", f"{error}; the rest of the file was not read")
            return
        if error:
            yield Skipped(f"{source}#{index}", error)
        else:
            yield _element_document(value, f"{source}#{index}", "element")
        index += 1


def _element_document(value: Any, source: str, what: str) -> RawDocument | Skipped:
    if has_too_long_number(value):
        return Skipped(source, f"{what} {TOO_LONG_NUMBER}")
    return record_document(value, source, "json")


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # a string (skipped whole) or a bracket


class _JsonReader:
    """Incremental JSON value reader over a byte stream.

    The standard library has no streaming JSON parser (and ijson is not a dependency), so this
    decodes chunks and lets `json.JSONDecoder.raw_decode` parse one array element at a time,
    reading more input only when an element is incomplete.
    """

    def __init__(self, stream: BinaryIO, limits: ReadLimits):
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")(errors=UTF8_CP1252_FALLBACK)
        self._json = _DECODER
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

    def element(self, limit: int) -> tuple[Any, str | None, bool]:
        """(value, error, whether reading can go on after the error: the element's end is known)."""
        while True:
            try:
                value, end = self._json.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as exc:
                if len(self._buffer) - self._pos > limit:
                    return None, f"element is larger than the {human_size(limit)} record limit", False
                # Read more (doubling, so a big element costs linear time) unless the input ended.
                if self._fill(max(1 << 20, len(self._buffer) - self._pos)):
                    continue
                return None, f"invalid JSON ({exc.msg})", False
            except RecursionError:
                # Too deep for the decoder, but its brackets can still be counted: skip just it.
                end = self._bracket_end(limit)
                if end is None:
                    return None, f"element is {NESTED_TOO_DEEPLY}", False
                self._pos = end
                return None, f"element is {NESTED_TOO_DEEPLY}", True
            except ValueError as exc:
                return None, f"invalid JSON ({exc})", False
            self._pos = end
            return value, None, False

    def _bracket_end(self, limit: int) -> int | None:
        """Where the array or object starting here ends (strings skipped), reading more as needed;
        None when it is over `limit` or the input ends first."""
        while True:
            depth = 0
            for match in _JSON_TOKENS.finditer(self._buffer, self._pos):
                token = match.group()
                if token in "[{":
                    depth += 1
                elif token in "]}":
                    depth -= 1
                    if depth == 0:
                        return match.end()
            if len(self._buffer) - self._pos > limit or not self._fill(max(1 << 20, len(self._buffer) - self._pos)):
                return None

    def whole_value(self, limit: int) -> tuple[Any, str | None]:
        while self._fill():
            if len(self._buffer) > limit:
                return None, f"JSON file is larger than the {human_size(limit)} limit for a single JSON object (use JSON Lines)"
        try:
            value, end = self._json.raw_decode(self._buffer, self._pos)
        except json.JSONDecodeError as exc:
            return None, f"invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        except RecursionError:
            return None, f"invalid JSON ({NESTED_TOO_DEEPLY})"
        except ValueError as exc:
            return None, f"invalid JSON ({exc})"
        return value, None


class _OverLongLine(Exception):
    pass


class _BoundedLines:
    """Text lines for csv.reader that bound each row at `limit` characters without losing track
    of where rows end.

    A row over the limit (one huge line, or a quoted cell running over many lines) cannot simply
    be cut off: csv.reader would then take the rest of the cell's lines for rows of their own
    (dozens of junk articles) and lose the row after. So once the current row is over the limit
    (`over`), its lines are still fed to the reader, but shrunk to what decides where fields and
    rows end: each run of characters other than quotes, the delimiter and line ends becomes one
    "x" (the reader's state after a run of such characters is the same as after one). The reader
    thus ends that row exactly where it would have; the caller skips it and calls `start_row` for
    the next. Only the header line (read before the delimiter is known) raises _OverLongLine.
    """

    def __init__(self, text: io.TextIOBase, limit: int):
        self._text = text
        self._limit = limit
        self._shrink: re.Pattern[str] | None = None  # set with the delimiter, after the header
        self._row = 0  # characters of the current row so far
        self.over = False

    def set_delimiter(self, delimiter: str) -> None:
        self._shrink = re.compile(f'[^"\\r\\n{re.escape(delimiter)}]+')

    def start_row(self) -> None:
        self._row = 0
        self.over = False

    def __iter__(self) -> "_BoundedLines":
        return self

    def __next__(self) -> str:
        line = self._text.readline(self._limit + 1)
        if not line:
            raise StopIteration
        too_long = len(line) > self._limit and not line.endswith(("\n", "\r"))
        if self._shrink is None:
            if too_long:
                self._skip_rest_of_line()
                raise _OverLongLine
            return line
        self._row += len(line)
        if not (self.over or too_long or self._row > self._limit):
            return line
        self.over = True
        parts = [self._shrink.sub("x", line)]
        while too_long:  # the rest of this line, a piece at a time, never held whole
            rest = self._text.readline(1 << 20)
            if not rest:
                break
            parts.append(self._shrink.sub("x", rest))
            too_long = not rest.endswith(("\n", "\r"))
        return self._shrink.sub("x", "".join(parts))

    def _skip_rest_of_line(self) -> None:
        while True:
            rest = self._text.readline(1 << 20)
            if not rest or rest.endswith(("\n", "\r")):
                break


def iter_csv(stream: BinaryIO, source: str, limits: ReadLimits, delimiter: str | None = None) -> Iterator[RawDocument | Skipped]:
    """One document per row after the header row; the N-th data row (from 0) is `source#N`."""
    limit = limits.max_record_bytes
    # Rows are bounded by `_BoundedLines`, which keeps the reader in step; csv's own field limit
    # (process-wide) must not stop a field first (its error would put the reader out of step):
    # a field is at most a row's limit plus one line, and then grows by one "x" a line at most.
    csv.field_size_limit(max(4 * limit, 1 << 20))
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
    except (StopIteration, csv.Error, _OverLongLine):
        yield Skipped(source, "CSV file has no readable header row")
        return
    header = [h.strip() for h in header]
    lines.set_delimiter(delimiter)
    number = -1
    while True:
        number += 1
        here = f"{source}#{number}"
        lines.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Skipped(here, f"row {number + 1} is not valid CSV ({exc})")
            continue
        if lines.over:
            yield Skipped(here, f"row {number + 1} is longer than the {human_size(limit)} record limit")
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
