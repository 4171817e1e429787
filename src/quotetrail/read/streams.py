"""Byte-stream plumbing: peeking, bounded reads and guarded streaming decompression."""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import os
import stat
import zlib
from typing import BinaryIO

from .limits import ReadLimits

SNIFF_BYTES = 65536

COMPRESSION_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
)


class ReadError(OSError):
    """An input that broke while being read (corrupt compressed data, decompression bomb…)."""


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.3g} {unit}"
        n /= 1000
    return f"{n} bytes"


def compression_of(head: bytes) -> str | None:
    for magic, name in COMPRESSION_MAGIC:
        if head.startswith(magic):
            return name
    return None


class PrefixedStream(io.RawIOBase):
    """Bytes already read for sniffing, followed by the rest of a stream (stdin cannot seek)."""

    def __init__(self, prefix: bytes, rest: BinaryIO):
        self._prefix = memoryview(prefix)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        return len(data)


class _CountingReader(io.RawIOBase):
    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        self.count += len(data)
        return len(data)


class GuardedDecompressor(io.RawIOBase):
    """Streaming decompression that stops a decompression bomb and reports corrupt data clearly.

    A stream is stopped once it has produced more than `max_decompressed_bytes` at a ratio above
    `max_compression_ratio`; ordinary text never compresses that well, a bomb always does.
    """

    def __init__(self, raw: BinaryIO, compression: str, limits: ReadLimits):
        self._counted = _CountingReader(raw)
        self._compression = compression
        self._limits = limits
        self._produced = 0
        source = io.BufferedReader(self._counted, 1 << 16)
        if compression == "gzip":
            self._inner: BinaryIO = gzip.GzipFile(fileobj=source, mode="rb")
        elif compression == "bzip2":
            self._inner = bz2.BZ2File(source, mode="rb")
        elif compression == "xz":
            self._inner = lzma.LZMAFile(source, mode="rb")
        else:
            raise ValueError(compression)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        try:
            n = self._inner.readinto(buffer)
        except EOFError as exc:
            raise ReadError(f"truncated {self._compression} data ({exc})") from exc
        except (OSError, zlib.error, lzma.LZMAError, ValueError) as exc:
            raise ReadError(f"corrupt {self._compression} data ({exc})") from exc
        self._produced += n
        limits = self._limits
        if (
            self._produced > limits.max_decompressed_bytes
            and self._produced > limits.max_compression_ratio * max(1, self._counted.count)
        ):
            raise ReadError(
                f"{self._compression} data expands more than {limits.max_compression_ratio}x past "
                f"{human_size(limits.max_decompressed_bytes)} (decompression bomb?); stopped"
            )
        return n


class NotRegularFile(OSError):
    """A path that names no regular file (a FIFO, socket or device): never read, with the reason."""


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO/named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO/named pipe"…), None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _FILE_KINDS if test(mode)), "not a file")


def open_regular(path: str, buffering: int = -1) -> io.BufferedReader:
    """Open a regular file for reading, refusing anything else with NotRegularFile.

    Opening a FIFO for reading waits for a writer (forever, with the store locked); a device such
    as /dev/zero never ends. The caller stat()s first; the open itself is non-blocking and the
    opened file is checked again, so a file swapped for a FIFO in between is refused too."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = file_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(f"not a regular file ({kind}); not read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # no effect on a regular file; reads stay ordinary
    except BaseException:
        os.close(fd)
        raise
    return open(fd, "rb", buffering=buffering)


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, SNIFF_BYTES)


def peek(stream: io.BufferedReader, size: int = SNIFF_BYTES) -> bytes:
    """Up to `size` bytes from the start of a buffered stream, without consuming them."""
    head = stream.peek(size)[:size]
    return head


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """The whole stream, or None when it holds more than `limit` bytes (never reads past that)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            return None


def read_head(stream: BinaryIO, size: int = SNIFF_BYTES) -> bytes:
    """Read up to `size` bytes, looping over short reads (pipes return what they have)."""
    parts: list[bytes] = []
    total = 0
    while total < size:
        chunk = stream.read(size - total)
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


class ForwardOnly(io.RawIOBase):
    """A non-seekable stream that can still report its position.

    FastWARC asks every stream for its position (`seek(0, SEEK_CUR)`/`tell()`) and panics when a
    pipe refuses; this answers those questions and nothing more.
    """

    def __init__(self, inner: BinaryIO):
        self._inner = inner
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        if not data:
            return 0
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (whence == io.SEEK_CUR and offset == 0) or (whence == io.SEEK_SET and offset == self._pos):
            return self._pos
        raise io.UnsupportedOperation("seek on a forward-only stream")

    def close(self) -> None:
        super().close()
        self._inner.close()


def is_fatal(exc: BaseException) -> bool:
    """True for the exceptions a reader must let through (Ctrl-C, exit, generator shutdown).

    FastWARC's Rust core raises `pyo3_runtime.PanicException`, a BaseException, on some bad input;
    that one is an input problem, not a reason to stop the run.
    """
    return isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit, MemoryError))
