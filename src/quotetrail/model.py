"""The small data model that flows through every stage.

An `Article` is created by `read`, filled in by the per-article stages (`clean`, `nlp`, `quotes`,
`dates`) and then by the corpus-level stages (`dedup`, `stories`, `statements`). Character offsets
into `Article.text` (the clean body) are the single source of truth for where things are.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RawDocument:
    """One article's raw input as found by `read.iter_documents`, before any parsing.

    Cheap to make and to send to a worker process: parsing (HTML extraction, decoding) happens in
    `read.parse`, which is a per-article stage.
    """

    source: str  # the input path or URL as given; "path#N" for the N-th record of a container
    kind: str  # "html" | "text" | "record"
    data: bytes | str | dict
    meta: dict[str, Any] = field(default_factory=dict)  # url, outlet, published, title… known up front


@dataclass
class Skipped:
    """An input that could not become an article, with a one-line reason a user can act on."""

    source: str
    reason: str


@dataclass
class Removal:
    text: str
    reason: str  # e.g. "boilerplate:cookie", "repeat", "related-links"


@dataclass
class Quote:
    """One statement found in an article. Offsets are into the article's clean `text`."""

    id: str
    article: str
    kind: str  # "direct" | "mixed" | "indirect"
    text: str
    spans: list[tuple[int, int]]
    cue: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    via: str | None = None
    said_on: str | None = None
    said_on_precision: str | None = None
    date_text: str | None = None
    statement: str | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class Article:
    source: str
    raw: str = ""  # the text as read (after HTML extraction), kept for provenance
    text: str = ""  # clean body
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    removed: list[Removal] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)  # format, site name, outlet cues, date source…
    id: str = ""
    duplicate_of: str | None = None
    similar: list[dict[str, Any]] = field(default_factory=list)
    story: str | None = None
    quotes: list[Quote] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.url, self.source, self.raw)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_id(url: str | None, source: str, raw: str) -> str:
    """Stable id: the same input read twice gets the same id, so re-runs store nothing twice."""
    key = url or os.path.normpath(source)
    digest = hashlib.blake2b(f"{key}\0{raw}".encode("utf-8", "surrogatepass"), digest_size=8)
    return digest.hexdigest()
