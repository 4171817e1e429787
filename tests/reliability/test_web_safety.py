"""`quotetrail serve` as a user runs it, against what a hostile client or web page can send: Host
names it was not started for (DNS rebinding), and many idle or trickling connections (they must
not use up the server's file descriptors: it answers again once they are closed by its timeouts)."""
from __future__ import annotations

import http.client
import os
import selectors
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotetrail.store.sqlite import Store
from quotetrail.web.server import HEAD_SECONDS, KEEP_ALIVE_SECONDS, raise_open_file_limit

from .conftest import REPO, cli

IDLE = 300  # below the concurrency limit: requests beside them are answered normally
BURST = 1100  # past it (and past a default soft limit of 1024 open files)
STARTING_SOFT_LIMIT = 1024  # the server is started with this soft limit, to see it raised


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lower_soft_file_limit() -> None:  # in the server's process, before it starts
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(STARTING_SOFT_LIMIT, soft), hard))


def _get(port: int, path: str = "/api/stories", host: str | None = None, timeout: float = 5.0) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host} if host is not None else {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`quotetrail serve` on an empty store, on a free port, with `--allowed-host quotes.lan`."""
    db = tmp_path_factory.mktemp("web-safety") / "safety.db"
    Store(db).close()
    port = _free_port()
    process = subprocess.Popen(cli("serve", "--db", str(db), "--port", str(port), "--allowed-host", "quotes.lan",
                                   "--allowed-host", "*.newsroom.example"),
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_lower_soft_file_limit if os.name == "posix" else None)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(port, timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"quotetrail serve did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        yield process, port
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        assert "Traceback" not in stderr.decode(), stderr.decode()[-3000:]


def test_only_the_host_names_the_server_was_started_for_are_answered(server):
    process, port = server
    for host in (f"127.0.0.1:{port}", "127.0.0.1", f"localhost:{port}", f"[::1]:{port}", f"quotes.lan:{port}",
                 "QUOTES.LAN", f"desk.newsroom.example:{port}"):
        assert _get(port, host=host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", f"quotes.lan.evil.example:{port}", "newsroom.example",
                 "testserver"):
        status, body = _get(port, host=host)
        assert (status, body) == (400, "Invalid host header"), host
    assert _get(port, "/api/search?q=%00")[0] == 400  # a NUL byte: refused before the store sees it


def test_serve_refuses_a_host_name_that_is_not_one(tmp_path):
    db = tmp_path / "x.db"
    Store(db).close()
    done = subprocess.run(cli("serve", "--db", str(db), "--allowed-host", "a b"), cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "--allowed-host" in done.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc for the server's limits")
def test_serve_raises_its_open_file_limit_to_the_hard_limit(server):
    process, _ = server
    limits = Path(f"/proc/{process.pid}/limits").read_text()
    soft, hard = next(line for line in limits.splitlines() if line.startswith("Max open files")).split()[3:5]
    assert soft == hard, limits


def _closed(sock: socket.socket) -> bool:
    try:
        return sock.recv(4096) == b""
    except BlockingIOError:
        return False
    except OSError:  # reset by the server
        return True


def test_idle_and_trickling_connections_neither_stop_the_server_nor_stay_open(server):
    """300 connections that send nothing or half a request head: a request beside them is answered
    at once. 1,100: answered (or 503 past the concurrency limit), never left hanging. The server
    closes every one of them within its head timeout (a client sending a byte a second too), and
    a kept-alive connection after its keep-alive timeout; then it answers normally."""
    process, port = server
    available = raise_open_file_limit()
    if available is not None and available < BURST + 200:
        pytest.skip(f"this test process may open only {available} files")
    sockets: list[socket.socket] = []

    def open_idle(n: int) -> None:
        for i in range(n):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i % 2:  # half a request head, never finished
                sock.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            sock.setblocking(False)
            sockets.append(sock)

    try:
        started = time.monotonic()
        open_idle(IDLE)
        asked = time.monotonic()
        assert _get(port)[0] == 200
        assert time.monotonic() - asked < 2.0
        # a client that keeps its connection alive after a request, and one that trickles a head
        kept = socket.create_connection(("127.0.0.1", port), timeout=5)
        kept.sendall(b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert kept.recv(65536).startswith(b"HTTP/1.1 200")
        kept.setblocking(False)
        kept_since = time.monotonic()
        trickle = socket.create_connection(("127.0.0.1", port), timeout=5)
        trickle.setblocking(False)
        trickle_since = time.monotonic()
        head = b"GET /api/stories HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
        trickled = iter([head[i:i + 1] for i in range(len(head))] + [b"a"] * 10_000)

        open_idle(BURST - IDLE)
        asked = time.monotonic()
        status, _ = _get(port)
        assert status in (200, 503) and time.monotonic() - asked < 2.0  # 503: past MAX_CONCURRENCY

        # every idle socket is closed by the server within its head timeout (plus scheduling slack)
        selector = selectors.DefaultSelector()
        for sock in sockets:
            selector.register(sock, selectors.EVENT_READ)
        open_socks, closed_at = set(sockets), {}
        until = started + HEAD_SECONDS + (BURST - IDLE) * 0.01 + 5
        kept_closed = trickle_closed = None
        while (open_socks or kept_closed is None or trickle_closed is None) and time.monotonic() < until:
            for key, _ in selector.select(timeout=0.5):
                if _closed(key.fileobj):
                    open_socks.discard(key.fileobj)
                    selector.unregister(key.fileobj)
            if kept_closed is None and _closed(kept):
                kept_closed = time.monotonic() - kept_since
            if trickle_closed is None:
                try:
                    trickle.send(next(trickled))  # a byte at a time: every byte resets a keep-alive timer
                except OSError:
                    trickle_closed = time.monotonic() - trickle_since
                else:
                    if _closed(trickle):
                        trickle_closed = time.monotonic() - trickle_since
            time.sleep(0.2)
        assert not open_socks, f"{len(open_socks)} idle connections still open after {time.monotonic() - started:.1f}s"
        assert kept_closed is not None and kept_closed < KEEP_ALIVE_SECONDS + 3, kept_closed
        assert trickle_closed is not None and HEAD_SECONDS - 1 < trickle_closed < HEAD_SECONDS + 4, trickle_closed
        kept.close()
        trickle.close()
    finally:
        for sock in sockets:
            sock.close()
    assert process.poll() is None, "the server died"
    asked = time.monotonic()
    assert _get(port)[0] == 200 and time.monotonic() - asked < 2.0
