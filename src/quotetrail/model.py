"""The small data model that flows through every stage.

An `Article` is created by `read`, filled in by the per-article stages (`clean`, `nlp`, `quotes`,
`dates`) and then by the corpus-level stages (`dedup`, `stories`, `statements`). Character offsets
into `Article.text` (the clean body) are the single source of truth for where things are.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class RawDocument:
    """One article's raw input as found by `read.iter_documents`, before any parsing.

    Cheap to make and to send to a worker process: parsing (HTML extraction, decoding) happens in
    `read.parse`, which is a per-article stage.
    """

    source: str  # the input path or URL as given (shown, stored); "path#N" for the N-th record of a container
    kind: str  # "html" | "text" | "record"
    data: bytes | str | dict
    meta: dict[str, Any] = field(default_factory=dict)  # url, outlet, published, title… known up front
    # Set by `read.iter_documents` for what it read from a regular file, and only then (None for
    # stdin and for documents handed to the pipeline, e.g. posted to the web API): `file` is the
    # file's resolved path as the OS takes it (stat'ed for resume marks, never stored or shown),
    # `origin` the stable key of this document, `file_key(file)` plus "#N" for a record. A file
    # given by a relative or absolute path, from any working directory or through a symlink, has
    # one origin, so one article id and one resume mark.
    file: str | None = None
    origin: str | None = None

    def __post_init__(self) -> None:
        self.source = safe_text(self.source)


@dataclass
class Skipped:
    """An input that could not become an article, with a one-line reason a user can act on."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        # shown, summed up and stored: a lone surrogate (from a record, a path) would stop the run
        self.source, self.reason = safe_text(self.source), safe_text(self.reason)


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
    origin: str | None = None  # `RawDocument.origin`: the key of the file read (not stored)
    file: str | None = None  # `RawDocument.file`: the path to stat for the resume mark (not stored)

    def __post_init__(self) -> None:
        self.source = safe_text(self.source)
        if not self.id:
            self.id = article_id(self.url, self.origin or self.source, self.raw)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def article_id(url: str | None, source: str, raw: str) -> str:
    """Stable id: the same input read twice gets the same id, so re-runs store nothing twice.
    `source` is the document's origin when it was read from a file (its resolved path: one file,
    one id, whatever name it was given by), else the source as given."""
    key = url or os.path.normpath(source)
    digest = hashlib.blake2b(f"{key}\0{raw}".encode("utf-8", "surrogatepass"), digest_size=8)
    return digest.hexdigest()


# A code point in the surrogate range, in a Python str, is always a lone surrogate (a valid pair is
# one astral character); JSON escapes ("\\ud800") and undecodable file names (os.fsdecode's
# surrogateescape) make them. UTF-8 cannot encode them, so SQLite, the terminal and JSON output
# all refuse them.
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def safe_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (a pair split in two code points, e.g.
    from "\\ud83d\\ude00" read piecewise, is joined back into its character)."""
    if not isinstance(text, str) or _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def file_key(path: str) -> str:
    """How a file is keyed (article ids, resume marks): its resolved path (symlinks and "..",
    relative to the current folder), as a storable string. A name that is not valid UTF-8 keeps its
    bytes visible as \\xNN (`display_path`), so such names stay apart."""
    return display_path(os.path.realpath(path))


def display_path(path: str) -> str:
    """A path as shown and stored. The OS gives names that are not valid UTF-8 as surrogate
    escapes, which the file is opened by but nothing can store: those bytes are shown as \\xNN
    (backslashreplace) rather than U+FFFD, so the user can still tell which file it was."""
    if _SURROGATE.search(path) is None:
        return path
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte (not from the OS)
        return safe_text(path)
