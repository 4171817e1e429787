"""`serve` answers while `run` writes to the same store; a second `run` on that store is refused
with one clear line while the first holds it; nothing reports "database is locked"."""
from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from .conftest import EXAMPLES, REPO, cli, integrity, run_cli


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, object]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, json.loads(response.read())


def _lock_holder(db: Path) -> str:
    try:
        return Path(str(db) + ".lock").read_text().strip()
    except OSError:
        return ""


def test_serve_reads_while_run_writes_and_a_second_run_is_refused(tmp_path):
    db = tmp_path / "shared.db"
    first = run_cli("run", str(EXAMPLES / "text"), "--db", str(db), "--workers", "1", "-q")
    assert first.returncode == 0, first.stderr
    port = _free_port()
    server = subprocess.Popen(cli("serve", "--db", str(db), "--port", str(port)), cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    writer = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                _get(base + "/api/articles")
                break
            except OSError:
                time.sleep(0.1)
        writer = subprocess.Popen(cli("run", str(EXAMPLES), "--db", str(db), "--workers", "1", "-q", "--batch-size", "1"),
                                  cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while not _lock_holder(db) and writer.poll() is None:
            time.sleep(0.05)
        assert _lock_holder(db) == str(writer.pid)

        second = run_cli("run", str(EXAMPLES), "--db", str(db), "--workers", "1", "-q")
        assert second.returncode == 1
        message = second.stderr.strip()
        assert len(message.splitlines()) == 1, message
        assert "another quotetrail run is writing to" in message and str(writer.pid) in message

        answered = 0
        seen_counts = set()
        while writer.poll() is None or answered < 10:
            for path in ("/api/articles?limit=100", "/api/quotes?limit=5", "/api/people", "/api/stories",
                         "/api/search?q=strike"):
                status, body = _get(base + path)
                assert status == 200 and body, path
                answered += 1
            status, articles = _get(base + "/api/articles?limit=100")
            seen_counts.add(len(articles))
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "locked" not in err.lower()
        # the server saw the store grow while the run wrote to it
        assert len(seen_counts) > 1, seen_counts
        assert integrity(db) == "ok"
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        server.terminate()
        _, server_err = server.communicate(timeout=30)
    assert "locked" not in server_err.lower()
    assert "Traceback" not in server_err


def test_waiting_run_goes_on_once_the_store_is_free(tmp_path):
    from quotetrail.store.sqlite import Store, StoreError

    db = tmp_path / "wait.db"
    holder = Store(db)
    other = Store(db)
    with holder.run_lock():
        started = time.monotonic()
        try:
            with other.run_lock(wait=0.5):
                raise AssertionError("the lock was taken twice")
        except StoreError as exc:
            assert "another quotetrail run" in str(exc)
        assert time.monotonic() - started >= 0.5
    with other.run_lock():  # released by the holder
        pass
