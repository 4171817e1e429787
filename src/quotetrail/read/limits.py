"""Errors and size limits shared by every reader."""
from __future__ import annotations

from dataclasses import dataclass


# The seconds each stage of an article may take (`run --max-article-seconds`), read by the
# per-article stages in the workers (`pipeline.article_seconds`). An environment variable because
# workers inherit it; it lives here, with the other limits, so that a caller can set it before
# it starts the workers without importing the stages.
ARTICLE_SECONDS_ENV = "QUOTETRAIL_ARTICLE_SECONDS"
DEFAULT_ARTICLE_SECONDS = 60.0


class BadInput(Exception):
    """Raised by `parse()` with a one-line, user-facing reason."""


@dataclass
class ReadLimits:
    """Size limits that keep one bad input from exhausting memory.

    Containers (JSONL/JSON/CSV/WARC) are streamed, so only one record is ever held in memory; a
    single-article file is read whole, so it is capped as a whole.
    """

    max_file_bytes: int = 50_000_000  # a single-article file (html/txt) larger than this is skipped
    max_record_bytes: int = 10_000_000  # one JSONL line / CSV row / JSON element / WARC payload
    # A gzip stream that expands past this many bytes *and* at a ratio above
    # `max_compression_ratio` is stopped as a decompression bomb. Real news text compresses about
    # 3-10x, so a large legitimate corpus is never stopped; a bomb (1000x) is stopped early.
    max_decompressed_bytes: int = 200_000_000
    max_compression_ratio: int = 100
