"""Small inputs written by the tests themselves: HTML pages, WARC archives, helpers."""
from __future__ import annotations

import gzip
import io
import uuid

from quotetrail.model import RawDocument, Skipped
from quotetrail.read import iter_documents

PARAGRAPHS = [
    "The harbour authority said on Tuesday that the new ferry route would open in the spring, "
    "after two years of delays caused by funding disputes and a shortage of qualified crews.",
    "\u201cWe have waited long enough for this,\u201d said Mara Lindqvist, who chairs the island council. "
    "\u201cPeople here need a reliable connection to the mainland, not another promise.\u201d",
    "Officials expect the service to carry about four hundred passengers a day in its first season, "
    "rising as a second vessel joins the fleet next year, according to the authority's estimates.",
    "Critics argue that the fares announced so far are too high for commuters, and several local "
    "groups have asked the regional government to subsidise monthly passes for residents.",
]


def article_html(
    title: str = "Ferry route to open in spring",
    *,
    paragraphs: list[str] | None = None,
    author: str | None = "Jonas Berg",
    published: str | None = "2025-03-04T08:15:00+01:00",
    canonical: str | None = "https://www.harbourtimes.example/news/ferry-route",
    sitename: str | None = "Harbour Times",
    charset: str | None = "utf-8",
) -> str:
    head = [f"<title>{title} | {sitename or 'News'}</title>"]
    if charset:
        head.insert(0, f'<meta charset="{charset}">')
    if author:
        head.append(f'<meta name="author" content="{author}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    if sitename:
        head.append(f'<meta property="og:site_name" content="{sitename}">')
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or PARAGRAPHS))
    return (
        "<!DOCTYPE html><html><head>" + "".join(head) + "</head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer><p>Contact us | Privacy policy</p></footer></body></html>"
    )


def warc_record(
    uri: str,
    payload: bytes,
    *,
    warc_type: str = "response",
    date: str = "2025-03-09T12:00:00Z",
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    length_error: int = 0,
    extra_http: str = "",
) -> bytes:
    """One WARC/1.0 record; `length_error` makes its Content-Length lie by that many bytes."""
    if warc_type == "response":
        block = (
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_http}"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode() + payload
        block_type = "application/http; msgtype=response"
    elif warc_type == "request":
        block = f"GET / HTTP/1.1\r\nHost: example\r\n\r\n".encode()
        block_type = "application/http; msgtype=request"
    else:
        block = payload
        block_type = content_type
    header = (
        f"WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri + warc_type)}>\r\n"
        f"Content-Type: {block_type}\r\nContent-Length: {len(block) + length_error}\r\n\r\n"
    ).encode()
    return header + block + b"\r\n\r\n"


def build_warc(records: list[bytes], compress: bool = True) -> bytes:
    """Records joined as a WARC file; gzipped one member per record, as crawlers write them."""
    return b"".join(gzip.compress(r) for r in records) if compress else b"".join(records)


def read_all(inputs, **kwargs) -> tuple[list[RawDocument], list[Skipped]]:
    docs, skipped = [], []
    for item in iter_documents([str(i) for i in inputs], **kwargs):
        (skipped if isinstance(item, Skipped) else docs).append(item)
    return docs, skipped


def skipped_by_source(skipped: list[Skipped]) -> dict[str, str]:
    return {s.source: s.reason for s in skipped}


class CountingStream(io.RawIOBase):
    """A stdin stand-in that counts how many bytes the reader pulled."""

    def __init__(self, data: bytes):
        self._inner = io.BytesIO(data)
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        self.consumed += len(data)
        return len(data)
