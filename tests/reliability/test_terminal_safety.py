"""Untrusted text in the terminal: rich markup and control sequences in stored text or file
names are shown as text, never obeyed; a killed run's workers print nothing."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from quotetrail.terminal import json_line, plain, text

from .conftest import REPO, cli, run_cli

ESC = "\x1b"
HOSTILE = (f"Mayor [bold]Ada[/bold] [/x] {ESC}[2J{ESC}]52;c;ZXZpbA=={ESC}\\ wins"
           f"{ESC}[31m red{ESC}[0m \x9b1;1H\r\x07\x00 [link=https://x.example]here[/link]")


def test_plain_removes_every_control_sequence_and_keeps_the_words():
    # sequences go whole, parameters and payloads included (an OSC 52 writes the clipboard)
    assert plain(HOSTILE) == "Mayor [bold]Ada[/bold] [/x]  wins red  [link=https://x.example]here[/link]"
    assert plain("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert plain(None) == "" and plain(42) == "42"


def test_text_is_never_read_as_markup():
    line = text(("skipped", "yellow"), " x[/y].txt: [bold]empty file")
    assert line.plain == "skipped x[/y].txt: [bold]empty file"
    assert [str(span.style) for span in line.spans] == ["yellow"]


def test_json_line_is_the_same_data_without_raw_controls():
    row = {"text": HOSTILE, "n": 1}
    line = json_line(row)
    assert json.loads(line) == row
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in line)


def _hostile_corpus(folder):
    folder.mkdir()
    (folder / "x[").mkdir()
    (folder / "x[" / "y].txt").write_bytes(b"")  # skipped (empty): "x[/y].txt" is printed in the summary
    (folder / f"[bold]{ESC}[31mred.txt").write_bytes(b"")
    title = f"Harbour [/x] reopens {ESC}]52;c;ZXZpbA=={ESC}\\ [bold]today"
    body = (f'"The cranes [/i] are running {ESC}[2J again," harbour master Ines Morrow said on Monday.\n\n'
            "She said the strike had ended after three weeks of talks with the union.\n")
    (folder / "port.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")


def _no_controls(output: str) -> None:
    assert ESC not in output and "\x9b" not in output and "\x07" not in output, repr(output[:400])


def test_hostile_names_and_text_never_break_or_steer_the_terminal(tmp_path):
    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    _hostile_corpus(corpus)
    summary = tmp_path / "summary.json"
    done = run_cli("run", str(corpus), "--db", str(db), "--summary", str(summary))
    assert done.returncode == 0, done.stderr
    assert "x[/y].txt" in done.stderr and "[bold]" in done.stderr and "Traceback" not in done.stderr
    _no_controls(done.stderr)
    assert json.loads(summary.read_text())["skipped"] == 2
    for command in (["articles"], ["articles", "--search", "harbour"], ["quotes"], ["people"], ["stories"],
                    ["timeline", "Morrow"]):
        for fmt in ("table", "csv", "json"):
            shown = run_cli(*command, "--db", str(db), "--format", fmt)
            assert shown.returncode == 0, (command, fmt, shown.stderr)
            _no_controls(shown.stderr + (shown.stdout if fmt != "csv" else ""))
    table = run_cli("articles", "--db", str(db)).stdout
    assert "[/x]" in table and "[bold]" in table  # shown as written, not taken as markup
    quotes = run_cli("quotes", "--db", str(db), "--format", "json").stdout
    assert any("[/i]" in json.loads(line)["text"] for line in quotes.splitlines())
    # piped CSV is data, kept exactly as stored; on a terminal it comes without the controls
    title = f"Harbour [/x] reopens {ESC}]52;c;ZXZpbA=={ESC}\\ [bold]today"
    assert title in run_cli("articles", "--db", str(db), "--format", "csv").stdout
    on_terminal = _on_a_terminal("articles", "--db", str(db), "--format", "csv")
    assert "Harbour [/x] reopens  [bold]today" in on_terminal
    _no_controls(on_terminal)


def _on_a_terminal(*args: str) -> str:
    """What the command writes to standard output when that is a terminal (a pseudo-terminal)."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(cli(*args), cwd=REPO, stdout=follower, stderr=subprocess.DEVNULL,
                            env={**os.environ, "COLUMNS": "200"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command ended and closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")


def _articles(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_runs_workers_print_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(80):
        lines = [f"Harbour update {i}", ""] + [
            f'"Berth {i}-{j} will reopen on Friday," harbour master Ines Morrow said of the {j}th quay.'
            for j in range(40)]
        (corpus / f"a{i:03}.txt").write_text("\n\n".join(lines), encoding="utf-8")
    db = tmp_path / "s.db"
    proc = subprocess.Popen(cli("run", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "2", "-q"),
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    deadline = time.monotonic() + 120
    while _articles(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    # the pipes reach end-of-file once every process that holds them (workers too) has ended
    out, err = proc.communicate(timeout=120)
    assert err == "" and out == "", err[-2000:]
