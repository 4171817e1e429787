"""A run killed with SIGKILL at random points, then run again, ends with exactly what an
uninterrupted run stores; the store is never corrupt in between."""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from .conftest import EXAMPLES, REPO, cli, export_rows, integrity, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 3


def _articles(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_killed_runs_resume_to_the_uninterrupted_result(tmp_path, reference_export):
    expected, full_time = reference_export
    total = len(expected["articles.jsonl"])
    assert total > 2 * KILLS and expected["quotes.jsonl"]
    db = tmp_path / "killed.db"
    rng = random.Random(int(os.environ.get("QUOTETRAIL_CRASH_SEED", "7")))
    stored_when_killed = []
    for _ in range(KILLS):
        # Small batches make many commit points. Each kill comes at a random moment after a random
        # number of further articles were committed, so kills land all through the run, not only
        # in the start-up that every resumed run repeats.
        target = min(_articles(db) + rng.randint(1, max(1, total // KILLS)), total - 1)
        proc = subprocess.Popen(cli("run", str(EXAMPLES), "--db", str(db), "--workers", "1", "-q", "--batch-size", "2"),
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 4 * full_time
        while _articles(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert integrity(db) == "ok"
        stored_when_killed.append(_articles(db))
    done = run_cli("run", str(EXAMPLES), "--db", str(db), "--workers", "1", "-q", "--batch-size", "2")
    assert done.returncode == 0, done.stderr
    assert integrity(db) == "ok"
    got = export_rows(db, tmp_path / "export")
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name] == expected[name], f"{name} differs after kills (articles stored then: {stored_when_killed})"
    print(f"\narticles stored when killed: {stored_when_killed} of {total}")
