"""How `quotetrail serve` runs the app under uvicorn: limits that keep idle or slow connections from
using up the process's file descriptors, so a burst of them can delay requests but never stop the
server.

- Every connection must send a complete request head within HEAD_SECONDS of opening (or of its
  first byte, on a kept-alive connection), and its body within BODY_SECONDS of the head, or it is
  closed. uvicorn has no such timeout of its own (its keep-alive timer only runs between requests,
  and is reset by every byte received: encode/uvicorn#157), so `DeadlineH11Protocol` adds one.
- A kept-alive connection is closed after KEEP_ALIVE_SECONDS without a request.
- A request head may not be larger than MAX_HEAD_BYTES (h11 answers 400 beyond it).
- Beyond `concurrency_limit()` open connections, uvicorn answers 503 instead of starting more work.
- The soft open-file limit is raised to the hard one at start (`raise_open_file_limit`).

The h11 protocol is used even where httptools is installed (uvicorn's "auto" would take it): the
deadline is written for h11's connection states.
"""
from __future__ import annotations

import asyncio
import logging
import sys
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_SECONDS = 10.0  # to send a request's line and headers: a browser or script takes milliseconds
BODY_SECONDS = 60.0  # to send its body once the head is in: 5 MB (the cap) over a slow link
KEEP_ALIVE_SECONDS = 5  # idle between requests on one connection (uvicorn's default, stated)
MAX_HEAD_BYTES = 16 * 1024  # request line and headers; our longest URLs are far below (h11's default, stated)
MAX_CONCURRENCY = 1000  # open connections answered normally; more get 503 until some close
SPARE_FILES = 128  # file descriptors kept for the process itself: the store (db, -wal, -shm), models, logs

log = logging.getLogger("quotetrail.web")


class DeadlineH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head (or body) does not arrive in
    time: an idle or trickling client holds a file descriptor for seconds, not forever."""

    head_seconds = HEAD_SECONDS
    body_seconds = BODY_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._waiting_for: str | None = None  # "head" | "body" while a deadline runs

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm("head")  # a connection that never sends a byte is closed too

    def data_received(self, data: bytes) -> None:
        if self._deadline is None and self.conn.their_state is h11.IDLE:
            self._arm("head")  # the first byte of the next request on a kept-alive connection
        super().data_received(data)
        self._follow_request()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow_request()  # a pipelined request already buffered starts its own clock

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _follow_request(self) -> None:
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            if self._waiting_for != "body":
                self._arm("body")
        elif state is not h11.IDLE:  # DONE, MUST_CLOSE, CLOSED, ERROR: nothing more to wait for
            self._disarm()
        elif self._waiting_for is None and self.conn.trailing_data[0]:
            self._arm("head")

    def _arm(self, what: str) -> None:
        self._disarm()
        seconds = self.head_seconds if what == "head" else self.body_seconds
        self._waiting_for = what
        self._deadline = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._waiting_for = None

    def _expired(self) -> None:
        what = self._waiting_for
        self._deadline = None
        self._waiting_for = None
        if self.transport is not None and not self.transport.is_closing():
            log.debug("closing a connection: no complete request %s in time", what)
            # h11 has no response to give before a request head exists; closing is the answer
            # (a request already running sees a disconnect, as when a client goes away)
            self.transport.close()


def raise_open_file_limit() -> int | None:
    """Raise this process's soft limit on open files to the hard limit, where the system allows
    (each connection is one); returns the soft limit now, or None where there is no such limit
    (Windows)."""
    if sys.platform == "win32":
        return None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return None
    # an "unlimited" hard limit is refused as a soft value on some systems (macOS): ask for a lot
    target = max(soft, 1 << 20) if hard == resource.RLIM_INFINITY else hard
    if target <= soft:
        return soft
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    except (ValueError, OSError):
        return soft
    return target


def concurrency_limit(open_files: int | None) -> int:
    """Open connections served before uvicorn answers 503: MAX_CONCURRENCY, fewer when the open-file
    limit would run out first (one descriptor a connection, SPARE_FILES for the rest)."""
    if open_files is None:
        return MAX_CONCURRENCY
    return max(16, min(MAX_CONCURRENCY, open_files - SPARE_FILES))


def uvicorn_options(open_files: int | None) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run` / `uvicorn.Config` with the limits above."""
    return {"http": DeadlineH11Protocol, "limit_concurrency": concurrency_limit(open_files),
            "timeout_keep_alive": KEEP_ALIVE_SECONDS, "h11_max_incomplete_event_size": MAX_HEAD_BYTES}
