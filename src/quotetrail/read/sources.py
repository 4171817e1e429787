"""`iter_documents`: expand inputs (files, folders, globs, stdin) into RawDocuments, streaming.

Nothing here parses an article: it finds inputs, recognises their form, splits containers into
records and reports every input it cannot use as a `Skipped` with a reason. It never raises for a
bad input.
"""
from __future__ import annotations

import fnmatch
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from ..model import RawDocument, Skipped, display_path, file_key
from .decoding import binary_kind
from .limits import ReadLimits
from .manifest import ManifestCache, is_manifest
from .records import iter_csv, iter_json, iter_jsonl
from .streams import (
    SNIFF_BYTES,
    GuardedDecompressor,
    NotRegularFile,
    PrefixedStream,
    ReadError,
    buffered,
    compression_of,
    file_kind,
    human_size,
    is_fatal,
    open_regular,
    peek,
    read_head,
    read_limited,
)
from .warc import iter_warc

STDIN_SOURCE = "<stdin>"

_FORMAT_BY_EXTENSION = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text",
    ".warc": "warc",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "csv",
}
_COMPRESSED_EXTENSIONS = (".gz", ".gzip", ".bz2", ".xz")
# Files that sit next to articles but are plainly not articles: skipped silently inside folders.
_NOT_ARTICLES = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic "
    ".py .pyc .pyi .js .mjs .ts .css .scss .map .sh .bat .ps1 .ipynb "
    ".md .rst .yaml .yml .toml .ini .cfg .conf .lock .log .gitignore "
    ".woff .woff2 .ttf .otf .eot .mp3 .mp4 .webm .wav .ogg .mov "
    ".cdx .cdxj .idx .sqlite .sqlite3 .db .db-wal .db-shm .wal .shm .parquet .pkl .npy .npz".split()
)
# Project paperwork that sits in corpus folders (README, LICENSE…), whatever its extension.
_PAPERWORK = frozenset("readme license licence copying changelog changes notice authors contributing makefile dockerfile".split())
_UNSUPPORTED_ARCHIVES = (".zip", ".tar", ".tgz", ".7z", ".rar", ".zst", ".lz4")


def iter_documents(
    inputs: Sequence[str],
    stdin: BinaryIO | None = None,
    limits: ReadLimits = ReadLimits(),
) -> Iterator[RawDocument | Skipped]:
    """Yield one RawDocument per article found in `inputs`, or a Skipped for each unusable input.

    Each input is a file, a folder (read recursively: hidden entries ignored, a folder's files in
    sorted name order before its sub-folders), a glob pattern, or "-" for `stdin`.
    """
    manifests = ManifestCache(limits)
    for given in inputs:
        try:
            if given == "-":
                yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, limits)
            else:
                yield from _expand(given, limits, manifests)
        except BaseException as exc:  # noqa: BLE001 - one broken input must never stop the run
            if is_fatal(exc):
                raise
            yield Skipped(STDIN_SOURCE if given == "-" else display_path(given),
                          f"could not be read ({type(exc).__name__}: {exc})")


def _expand(given: str, limits: ReadLimits, manifests: ManifestCache) -> Iterator[RawDocument | Skipped]:
    if os.path.isdir(given):
        yield from _walk(given, given, limits, manifests)
    elif os.path.exists(given):
        yield from _read_path(given, given, limits, manifests, in_folder=False)
    elif os.path.islink(given):
        yield Skipped(display_path(given), "broken symbolic link: its target does not exist")
    elif any(char in given for char in "*?["):
        matches = expand_glob(given)
        if not matches:
            yield Skipped(display_path(given), "no files match this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match, match, limits, manifests)
            else:
                # A pattern is a way of naming a folder's files: the same silent skips apply.
                yield from _read_path(match, match, limits, manifests, in_folder=True)
    else:
        yield Skipped(display_path(given), "no such file or directory")


def expand_glob(pattern: str) -> list[str]:
    """The paths matching `pattern`, sorted, as `glob.glob(pattern, recursive=True)` gives them,
    except that `**` does not descend into linked folders.

    glob follows a symlink to a parent folder round and round (dir/up/up/up/…): a run over
    'dir/**/*.txt' never ended. Like a folder walk (`_walk`), `**` here goes only into real
    sub-folders; a linked folder is still matched by name (and then read without recursion into
    its links). Names starting with "." match only a pattern part that starts with ".", and `**`
    skips hidden folders, as glob does.
    """
    drive, rest = os.path.splitdrive(pattern)
    parts = rest.split(os.sep) if os.altsep is None else re.split(r"[\\/]", rest)
    # the fixed prefix: the leading parts without wildcards, walked as a plain path
    base = drive
    index = 0
    if parts and parts[0] == "":  # an absolute pattern
        base += os.sep
        index = 1
    while index < len(parts) and not _has_magic(parts[index]):
        base = os.path.join(base, parts[index]) if base else parts[index]
        index += 1
    found: set[str] = set()
    _glob_in(base, parts[index:], found)
    return sorted(found)


def _has_magic(part: str) -> bool:
    return any(char in part for char in "*?[")


def _glob_in(base: str, parts: list[str], found: set[str]) -> None:
    parts = [p for i, p in enumerate(parts) if p or i == len(parts) - 1]  # "a//b" is "a/b"
    if not parts:
        if base and os.path.lexists(base):
            found.add(base)
        return
    part, rest = parts[0], parts[1:]
    if part == "**":  # zero or more folders: this one and every real one below it
        for folder in _folders_from(base):
            if rest:
                _glob_in(folder, rest, found)
                continue
            # "dir/**" names everything below dir (and dir itself, as "dir/", as glob does)
            if folder == base and base:
                found.add(os.path.join(base, ""))
            for name in _names(folder or os.curdir):
                if not name.startswith("."):
                    found.add(os.path.join(folder, name) if folder else name)
        return
    if part == "":  # a pattern ending in "/" matches folders only
        if os.path.isdir(base):
            found.add(os.path.join(base, ""))
        return
    if not _has_magic(part):
        path = os.path.join(base, part) if base else part
        if os.path.lexists(path):
            _glob_in(path, rest, found) if rest else found.add(path)
        return
    for name in _names(base or os.curdir):
        if name.startswith(".") and not part.startswith("."):
            continue
        if not fnmatch.fnmatch(name, part):
            continue
        path = os.path.join(base, name) if base else name
        if rest:
            if os.path.isdir(path):  # a named part may go through a link: the depth is bounded
                _glob_in(path, rest, found)
        else:
            found.add(path)


def _names(folder: str) -> list[str]:
    try:
        return [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []


def _folders_from(base: str) -> Iterator[str]:
    """`base` and every sub-folder below it that is neither hidden nor reached through a symbolic
    link (a link to a parent folder would make the walk endless)."""
    pending = [base]
    while pending:
        folder = pending.pop()
        yield folder
        try:
            entries = list(os.scandir(folder or os.curdir))
        except OSError:
            continue
        for entry in sorted(entries, key=lambda e: e.name, reverse=True):
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(os.path.join(folder, entry.name) if folder else entry.name)
            except OSError:
                continue


def _walk(folder: str, shown: str, limits: ReadLimits, manifests: ManifestCache) -> Iterator[RawDocument | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        yield Skipped(shown, f"cannot read folder ({exc.strerror or exc})")
        return
    subfolders = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                subfolders.append(entry)
                continue
            if entry.is_symlink() and entry.is_dir():
                continue  # linked folders are not followed (loops); link them explicitly instead
        except OSError:
            pass
        yield from _read_path(entry.path, os.path.join(shown, entry.name), limits, manifests, in_folder=True)
    for entry in subfolders:
        yield from _walk(entry.path, os.path.join(shown, entry.name), limits, manifests)


def _split_name(name: str) -> tuple[str, str | None]:
    """(extension of the content, compression extension) for e.g. "a.warc.gz" → (".warc", ".gz")."""
    lower = name.lower()
    compression = None
    for suffix in _COMPRESSED_EXTENSIONS:
        if lower.endswith(suffix):
            compression = suffix
            lower = lower[: -len(suffix)]
            break
    return os.path.splitext(lower)[1], compression


def _read_path(
    path: str, source: str, limits: ReadLimits, manifests: ManifestCache, in_folder: bool
) -> Iterator[RawDocument | Skipped]:
    """One file; anything unexpected while reading it becomes a Skipped, so a folder goes on.

    `path` is opened as the OS gave it; `source` (the name shown and stored) is made storable
    (`display_path`: a name that is not valid UTF-8 shows its bytes as \\xNN). Each document
    read gets the file's resolved path and key (`RawDocument.file`/`origin`), for article ids and
    resume marks that do not depend on how the file was named."""
    shown = display_path(source)
    resolved: tuple[str, str] | None = None
    try:
        for item in _read_file(path, shown, limits, manifests, in_folder):
            if isinstance(item, RawDocument) and item.source.startswith(shown):
                if resolved is None:
                    real = os.path.realpath(path)
                    resolved = (real, file_key(real))
                item.file = resolved[0]
                item.origin = resolved[1] + item.source[len(shown):]  # + "#N" for a record
            yield item
    except BaseException as exc:  # noqa: BLE001 - FastWARC panics are BaseExceptions
        if is_fatal(exc):
            raise
        yield Skipped(shown, f"could not be read ({type(exc).__name__}: {exc})")


def passed_by_in_folder(name: str) -> bool:
    """Files a folder walk or a glob passes by without a word: manifests, files that are not
    articles (images, code, data sidecars) and project paperwork (README, LICENSE, …). Named on
    the command line, they are read like any file."""
    extension, compression_ext = _split_name(name)
    return (is_manifest(name) or (compression_ext is None and extension in _NOT_ARTICLES)
            or name.split(".", 1)[0].lower() in _PAPERWORK)


def count_documents(inputs: Sequence[str]) -> int | None:
    """How many documents the INPUTs hold, cheaply, for the progress bar's total: the article files
    in folders and globs, the lines of JSON Lines files; other multi-record files (CSV, JSON, WARC,
    compressed) and standard input count one each (the total grows if they hold more). None when
    counting would take long (over 200,000 files)."""
    limit = 200_000

    def documents(path: str, in_folder: bool = True) -> int:
        lower = os.path.basename(path).lower()
        if in_folder and passed_by_in_folder(os.path.basename(path)):
            return 0  # in a folder or a glob, the reader passes these by silently
        if lower.endswith((".jsonl", ".ndjson", ".jsonlines")):
            try:
                # only a regular file is read (a FIFO would wait for a writer forever), and only up to
                # a size where counting line ends, at disk speed, is cheap
                if stat.S_ISREG(os.stat(path).st_mode):
                    with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as f:
                        info = os.fstat(f.fileno())
                        if stat.S_ISREG(info.st_mode) and info.st_size <= 256e6:
                            lines, last = 0, b"\n"
                            for chunk in iter(lambda: f.read(1 << 20), b""):
                                lines, last = lines + chunk.count(b"\n"), chunk[-1:]
                            return max(1, lines + (last != b"\n"))
            except OSError:
                pass
        return 1

    def files(path: str) -> list[str]:
        if not os.path.isdir(path):
            return [path]
        found = []
        for folder in _folders_from(path):
            try:
                # what the folder walk reads: files, broken links and the like (each read or skipped), not folders
                found += [e.path for e in os.scandir(folder) if not e.name.startswith(".") and not e.is_dir()]
            except OSError:
                continue
            if len(found) > limit:
                raise OverflowError
        return found

    total = 0
    try:
        for given in inputs:
            if given == "-":
                total += 1
            elif os.path.isdir(given):
                total += sum(map(documents, files(given)))
            elif os.path.lexists(given):
                total += documents(given, in_folder=False)
            elif any(char in given for char in "*?["):
                total += sum(documents(f) for match in expand_glob(given) for f in files(match))
    except OverflowError:
        return None
    return total



def _read_file(
    path: str, source: str, limits: ReadLimits, manifests: ManifestCache, in_folder: bool
) -> Iterator[RawDocument | Skipped]:
    name = os.path.basename(path)
    if in_folder and passed_by_in_folder(name):
        return
    extension, _ = _split_name(name)
    if os.path.islink(path) and not os.path.exists(path):
        yield Skipped(source, "broken symbolic link: its target does not exist")
        return
    if name.lower().endswith(_UNSUPPORTED_ARCHIVES):
        yield Skipped(source, f"archive type {os.path.splitext(name)[1]} is not supported; unpack it first")
        return
    try:
        # A FIFO, socket or device is never opened: open() on a FIFO waits for a writer forever,
        # /dev/zero never ends. stat() first, and `open_regular` checks again once open.
        kind = file_kind(os.stat(path).st_mode)
        if kind == "a folder":
            return
        if kind is not None:
            yield Skipped(source, f"not a regular file ({kind}); not read")
            return
        handle = open_regular(path, buffering=SNIFF_BYTES)
    except NotRegularFile as exc:
        yield Skipped(source, str(exc))
        return
    except PermissionError:
        yield Skipped(source, "cannot read: permission denied")
        return
    except IsADirectoryError:
        return
    except OSError as exc:
        yield Skipped(source, f"cannot read ({exc.strerror or exc})")
        return
    with handle:
        try:
            head = peek(handle)
        except OSError as exc:
            yield Skipped(source, f"cannot read ({exc.strerror or exc})")
            return
        if not head:
            yield Skipped(source, "empty file")
            return
        fmt = _FORMAT_BY_EXTENSION.get(extension)
        if fmt in ("html", "text") and compression_of(head) is None:
            size = os.fstat(handle.fileno()).st_size
            if size > limits.max_file_bytes:
                yield Skipped(source, f"file is {human_size(size)}, over the {human_size(limits.max_file_bytes)} limit for one article")
                return
        extra_meta: dict = {}
        if fmt in ("html", "text", None):
            found, problems = manifests.lookup(path)
            yield from problems
            extra_meta = found

        def reopen() -> BinaryIO:
            return open_regular(path)

        yield from _read_stream(handle, head, fmt, source, limits, extra_meta, reopen)


def _read_stdin(stdin: BinaryIO, limits: ReadLimits) -> Iterator[RawDocument | Skipped]:
    head = read_head(stdin)
    if not head:
        yield Skipped(STDIN_SOURCE, "empty input")
        return
    stream = buffered(PrefixedStream(head, stdin))
    yield from _read_stream(stream, head, None, STDIN_SOURCE, limits, {}, None)


def _read_stream(
    stream,
    head: bytes,
    fmt: str | None,
    source: str,
    limits: ReadLimits,
    extra_meta: dict,
    reopen: Callable[[], BinaryIO] | None,
) -> Iterator[RawDocument | Skipped]:
    """Recognise the (possibly compressed) content of an open stream and read it."""
    compression = compression_of(head)
    if compression == "gzip" and (fmt == "warc" or _gzip_holds_warc(head)):
        # FastWARC decompresses gzip natively and bounds memory per record, so it gets the raw stream.
        yield from iter_warc(_open_once_then(stream, reopen), source, limits, reopenable=reopen is not None)
        return
    reader = stream
    if compression:
        reader = buffered(GuardedDecompressor(stream, compression, limits))
        try:
            head = peek(reader)
        except ReadError as exc:
            yield Skipped(source, str(exc))
            return
        if not head:
            yield Skipped(source, f"empty file once decompressed ({compression})")
            return
    if fmt is None:
        fmt = sniff_format(head)
        if fmt is None:
            kind = binary_kind(head) or "unrecognised binary data"
            yield Skipped(source, f"binary file of an unsupported type ({kind})")
            return
    elif fmt == "text" and _looks_like_html(head):
        fmt = "html"  # a saved web page named .txt
    try:
        if fmt == "warc":
            reopenable = reopen is not None and not compression
            yield from iter_warc(_open_once_then(reader, reopen if reopenable else None), source, limits, reopenable)
        elif fmt == "jsonl":
            yield from iter_jsonl(reader, source, limits)
        elif fmt == "json":
            yield from iter_json(reader, source, limits)
        elif fmt == "csv":
            is_tsv = _split_name(os.path.basename(source))[0] == ".tsv"
            yield from iter_csv(reader, source, limits, delimiter="\t" if is_tsv else None)
        else:
            yield from _single_article(reader, head, fmt, source, limits, extra_meta)
    except ReadError as exc:
        if fmt in ("html", "text"):
            yield Skipped(source, str(exc))
        else:
            yield Skipped(source, f"{exc}; the records before it were read")


def _open_once_then(stream: BinaryIO, reopen: Callable[[], BinaryIO] | None) -> Callable[[], BinaryIO]:
    """The already-open stream on the first call, a freshly opened one (when possible) after."""
    pending = [stream]

    def open_stream() -> BinaryIO:
        if pending:
            return pending.pop()
        if reopen is None:
            raise OSError("the stream cannot be read twice")
        return reopen()

    return open_stream


def _single_article(
    reader, head: bytes, fmt: str, source: str, limits: ReadLimits, extra_meta: dict
) -> Iterator[RawDocument | Skipped]:
    kind = binary_kind(head)
    if kind:
        yield Skipped(source, f"binary content, not text ({kind})")
        return
    data = read_limited(reader, limits.max_file_bytes)
    if data is None:
        yield Skipped(source, f"file is over the {human_size(limits.max_file_bytes)} limit for one article")
        return
    if not data.strip():
        yield Skipped(source, "empty file (only whitespace)")
        return
    yield RawDocument(source, fmt, data, {"format": fmt, **extra_meta})


def _gzip_holds_warc(head: bytes) -> bool:
    import zlib

    try:
        start = zlib.decompressobj(31).decompress(head, 16)
    except zlib.error:
        return False
    return start.startswith(b"WARC/")


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    return start.startswith((b"<!doctype html", b"<html"))


def sniff_format(head: bytes) -> str | None:
    """'warc' | 'jsonl' | 'json' | 'html' | 'text' from the first bytes, or None for binary data."""
    if head.startswith(b"WARC/"):
        return "warc"
    if binary_kind(head):
        return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0]
        try:
            import json

            json.loads(first_line)
            return "jsonl"
        except ValueError:
            return "json"
    lowered = start[:4096].lower()
    if lowered.startswith(b"<") and any(
        tag in lowered for tag in (b"<html", b"<!doctype html", b"<body", b"<head", b"<article", b"<p", b"<div")
    ):
        return "html"
    return "text"
