"""Shared helpers for the reliability tests: running the CLI as a user would, in a subprocess."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def cli(*args: str, **kwargs) -> list[str]:
    return [sys.executable, "-m", "quotetrail.cli", *args]


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=timeout, cwd=REPO,
                          env={**os.environ, "COLUMNS": "200"})


def export_rows(db: Path, out: Path) -> dict[str, list[str]]:
    """Every exported file's lines, sorted: what a run produced, independent of row order."""
    done = run_cli("export", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return {f.name: sorted(f.read_text(encoding="utf-8").splitlines()) for f in sorted(out.iterdir())}


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as con:
        return con.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.fixture(scope="session")
def reference_export(tmp_path_factory) -> tuple[dict[str, list[str]], float]:
    """An uninterrupted run over examples/: its export and how long it took."""
    import time

    base = tmp_path_factory.mktemp("reference")
    start = time.monotonic()
    done = run_cli("run", str(EXAMPLES), "--db", str(base / "ref.db"), "--workers", "1", "-q", "--batch-size", "2")
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    return export_rows(base / "ref.db", base / "export"), elapsed
