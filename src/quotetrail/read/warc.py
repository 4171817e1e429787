"""WARC archives (plain or gzipped per record), streamed with FastWARC.

Only HTML `response` records with a 2xx status become documents; requests, metadata, redirects
and non-HTML payloads are not articles and are passed over silently. The N-th HTML record (from 0)
is `source#N`.

FastWARC does not notice a record whose Content-Length lies: it returns the wrong bytes and then
fails on the next header. So each record is held back until the next header has parsed; if that
fails, the held record is the liar and is skipped, and reading resumes from a fresh, lenient
(`quirks_mode`) pass after it when the file can be reopened.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from ..model import RawDocument, Skipped
from .fields import normalize_date
from .limits import ReadLimits
from .streams import ForwardOnly, human_size, is_fatal


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, ValueError):
        return False

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _State:
    def __init__(self) -> None:
        self.index = 0  # HTML records numbered so far, across passes


def iter_warc(
    open_stream: Callable[[], BinaryIO],
    source: str,
    limits: ReadLimits,
    reopenable: bool,
) -> Iterator[RawDocument | Skipped]:
    state = _State()
    bad_pos = yield from _pass(open_stream(), source, limits, state, lenient=False, resume_after=-1)
    if bad_pos is None:
        return
    if not reopenable:
        yield Skipped(
            source,
            f"WARC stream is damaged at record {state.index - 1}; the rest was not read (a pipe cannot be re-read)",
        )
        return
    resumed = yield from _pass(open_stream(), source, limits, state, lenient=True, resume_after=bad_pos)
    if resumed is not None:
        yield Skipped(source, "WARC file is damaged again further on; the rest of it was not read")


def _pass(
    stream: BinaryIO,
    source: str,
    limits: ReadLimits,
    state: _State,
    lenient: bool,
    resume_after: int,
) -> Iterator[RawDocument | Skipped]:
    """One pass over the archive. Returns the stream position of a lying record, else None."""
    if not _seekable(stream):
        stream = ForwardOnly(stream)
    iterator = iter(
        ArchiveIterator(
            stream,
            record_types=WarcRecordType.any_type,
            parse_http=True,
            auto_decode="all",
            quirks_mode=lenient,
        )
    )
    held: tuple[int, RawDocument | Skipped] | None = None  # (stream_pos, document) awaiting proof
    seen_any = False
    try:
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                if held:
                    yield held[1]
                if not seen_any and not lenient:
                    yield Skipped(source, "no WARC records found (empty or not a WARC file)")
                return None
            except BaseException as exc:  # noqa: BLE001 - FastWARC panics are BaseExceptions
                if is_fatal(exc):
                    raise
                message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                if "header" in message.lower() and held is not None:
                    # The previous record's Content-Length did not end where the next record starts.
                    pos, doc = held
                    yield Skipped(
                        doc.source,
                        "WARC record's Content-Length does not match its content (the next record does "
                        "not start where it says); record skipped",
                    )
                    return pos
                if held:
                    yield held[1]
                if not seen_any:
                    yield Skipped(source, f"not a readable WARC file ({message})")
                else:
                    yield Skipped(source, f"WARC file is corrupt after record {state.index} ({message}); the rest was not read")
                return None
            seen_any = True
            if held:
                yield held[1]
                held = None
            pos = record.stream_pos
            if lenient and pos <= resume_after:
                continue
            doc = _document(record, source, limits, state)
            if doc is not None:
                held = (pos, doc)
    finally:
        stream.close()


def _document(record, source: str, limits: ReadLimits, state: _State) -> RawDocument | Skipped | None:
    if record.record_type != WarcRecordType.response:
        return None
    http = record.http_headers
    status = http.status_code if http is not None else None
    if status is not None and not 200 <= status < 300:
        return None
    content_type = (record.http_content_type or "").lower()
    if content_type and not content_type.startswith(_HTML_TYPES):
        return None  # decided from the header, so an image or PDF payload is never read
    length = record.content_length
    if length > limits.max_record_bytes:
        here = f"{source}#{state.index}"
        state.index += 1
        return Skipped(here, f"WARC record payload is {human_size(length)}, over the {human_size(limits.max_record_bytes)} record limit")
    payload = record.reader.read(limits.max_record_bytes + 1)  # bounded: HTTP decoding can expand it
    if len(payload) > limits.max_record_bytes:
        here = f"{source}#{state.index}"
        state.index += 1
        return Skipped(here, f"WARC record payload is over the {human_size(limits.max_record_bytes)} record limit once decoded")
    if not content_type and payload.lstrip()[:1] != b"<":
        return None
    here = f"{source}#{state.index}"
    state.index += 1
    encoded = http is not None and (http.get("Content-Encoding") or http.get("Transfer-Encoding"))
    if not encoded and len(payload) < length:
        return Skipped(
            here,
            f"truncated WARC record: Content-Length says {length} bytes but only {len(payload)} are there",
        )
    if not payload.strip():
        return Skipped(here, "WARC record has an empty HTML payload")
    headers = record.headers
    meta = {"format": "warc"}
    url = headers.get("WARC-Target-URI")
    if url:
        meta["url"] = url.strip("<> ")
    crawl_date = normalize_date(headers.get("WARC-Date"))
    if crawl_date:
        meta["crawl_date"] = crawl_date
    charset = record.http_charset
    if charset:
        meta["charset"] = charset
    record_id = record.record_id
    if record_id:
        meta["warc_record_id"] = record_id
    return RawDocument(here, "html", payload, meta)
