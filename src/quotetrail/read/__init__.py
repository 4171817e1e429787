"""read: every input form (HTML, WARC, JSONL/JSON/CSV, text; files, folders, globs, stdin) into
`RawDocument`s (`iter_documents`, streaming, no parsing) and each of those into an `Article`
(`parse`, the per-article stage: decoding and extraction)."""
from .limits import BadInput, ReadLimits
from .parse import parse
from .sources import iter_documents

__all__ = ["BadInput", "ReadLimits", "iter_documents", "parse"]
