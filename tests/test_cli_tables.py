"""Issue 17, items 1 and 2: the listing commands' tables. Stored text in square brackets is shown as
written in every table (never read as rich markup); on a terminal no column is dropped and no word
is cut, however narrow; piped, a table is tab-separated text with every column."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

HARBOUR = """---
title: Harbour [security guarantees] talks stall
outlet: Orrin Mail [evening]
published: 2025-03-12
---
Harbour talks stall

The mayor of Orrin, Anna Brekovska-Lindqvist, said on Monday that the talks over the harbour had stalled.

"We need [security guarantees] beforehand," Brekovska-Lindqvist told reporters on Tuesday. "Without them the [bold]ferry[/bold] operators will not sign."

The harbourmaster, Wenna Tolle, said the quay would stay closed until the security guarantees were agreed.
"""
FERRY = """---
title: Ferry operators wait for harbour deal
outlet: Quayside Gazette
published: 2025-03-13
---
Ferry operators wait for harbour deal

Anna Brekovska-Lindqvist, the mayor of Orrin, said on Wednesday that the security guarantees were close.

"The [security guarantees] are almost written," Brekovska-Lindqvist said at the town hall.
"""

# each listing command, and the words its table must show
COMMANDS = {
    "articles": ["articles"],
    "search": ["articles", "--search", "security guarantees"],
    "quotes": ["quotes"],
    "people": ["people"],
    "stories": ["stories"],
    "timeline": ["timeline", "Brekovska"],
}


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "quotetrail.cli", *args]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("tables")
    (base / "in").mkdir()
    (base / "in" / "harbour.txt").write_text(HARBOUR, encoding="utf-8")
    (base / "in" / "ferry.txt").write_text(FERRY, encoding="utf-8")
    done = subprocess.run(cli("run", str(base / "in"), "--db", str(base / "s.db")), capture_output=True, text=True,
                          cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    return str(base / "s.db")


def on_a_terminal(*args: str, columns: int) -> str:
    """What the command writes to standard output when that is a terminal `columns` wide."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen(cli(*args), cwd=REPO, stdout=follower, stderr=subprocess.DEVNULL,
                            env={**os.environ, "COLUMNS": str(columns), "LINES": "50"})
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
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)  # the styles, not the text


def words_of(shown: str) -> set[str]:
    """The words on screen: box-drawing characters and spaces apart."""
    return set(re.sub(r"[\u2500-\u257f]", " ", shown).split())


def json_rows(db: str, command: list[str]) -> list[dict]:
    done = subprocess.run(cli(*command, "--db", db, "--format", "json"), capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_search_snippets_keep_their_brackets_on_a_terminal(db):
    shown = on_a_terminal("articles", "--db", db, "--search", "security guarantees", columns=200)
    assert "[security guarantees]" in shown  # the match, marked by the snippet; not eaten as markup
    assert "We need" in shown or "guarantees" in shown


@pytest.mark.parametrize("name", [n for n in COMMANDS if n != "people"])  # people: in the next test
def test_every_table_shows_brackets_as_written(db, name):
    shown = on_a_terminal(*COMMANDS[name], "--db", db, columns=250)
    assert "[security" in shown or "[evening]" in shown, shown  # each table carries some bracketed text
    if name in ("quotes", "timeline"):
        assert "[bold]ferry[/bold]" in shown or "[security guarantees]" in shown


@pytest.mark.parametrize("width", [200, 40])
def test_both_layouts_show_markup_and_controls_as_plain_text(width):
    from rich.console import Console

    from quotetrail.cli import layout_table

    cells = [["[bold]Anna[/bold] [/x]", "[red]mayor[/red]", "x\x1b]52;c;ZXZpbA==\x07y"]]
    console = Console(width=width, record=True, force_terminal=True)
    console.print(layout_table(["name", "descriptions", "kind"], cells, width))
    shown = console.export_text()
    assert "[bold]Anna[/bold]" in shown and "[/x]" in shown and "[red]mayor[/red]" in shown
    assert "\x1b" not in shown and "xy" in shown
    if width == 40:
        assert "name" in shown and "kind" in shown and "┃" not in shown  # rows as blocks


@pytest.mark.parametrize("columns", [80, 60, 30])
@pytest.mark.parametrize("name", ["quotes", "articles", "stories", "timeline"])
def test_a_narrow_terminal_drops_no_column_and_cuts_no_word(db, name, columns):
    command = COMMANDS[name]
    shown = on_a_terminal(*command, "--db", db, columns=columns)
    on_screen = words_of(shown)
    headers = {"quotes": ["speaker", "kind", "text", "cue", "via", "said_on", "outlet"],
               "articles": ["id", "published", "outlet", "title", "duplicate_of"],
               "stories": ["title", "size", "first_published", "last_published", "outlets", "people"],
               "timeline": ["said_on", "speaker", "text", "outlets", "topics"]}[name]
    assert set(headers) <= on_screen, (headers, shown)
    for row in json_rows(db, command):
        for field in ("text", "title", "outlet", "speaker", "said_on"):
            value = row.get(field)
            if isinstance(value, str) and field in headers:
                # every word whole somewhere on screen: wrapped between words, never inside one
                missing = [w for w in value.split() if w not in on_screen and len(w) < columns - 4]
                assert not missing, (field, missing, shown)
    assert all(len(line) <= columns for line in shown.splitlines())


def test_piped_tables_are_tab_separated_with_every_column(db):
    done = subprocess.run(cli("quotes", "--db", db), capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "COLUMNS": "80"})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split("\t") == ["speaker", "kind", "text", "cue", "via", "said_on", "outlet"]
    rows = [line.split("\t") for line in lines[1:]]
    assert rows and all(len(row) == 7 for row in rows)
    wanted = json_rows(db, ["quotes"])
    assert [row[2] for row in rows] == [" ".join(q["text"].split()) for q in wanted]  # whole, however long
    assert any(row[5] == "2025-03-10" for row in rows) and any(row[6] for row in rows)  # said_on, outlet kept
    assert "[security guarantees]" in done.stdout
    people = subprocess.run(cli("stories", "--db", db), capture_output=True, text=True, cwd=REPO).stdout
    assert people.splitlines()[0].split("\t") == ["title", "size", "first_published", "last_published", "outlets",
                                                  "people"]


def test_a_reader_that_stops_early_is_no_error(tmp_path):
    """`quotetrail quotes | head -1`: the pipe closes after the first line; the command ends quietly, 0."""
    db = tmp_path / "e.db"
    done = subprocess.run(cli("run", str(REPO / "examples"), "--db", str(db), "-q"), capture_output=True, text=True,
                          cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    for fmt in ("table", "json", "csv"):
        proc = subprocess.Popen(cli("quotes", "--db", str(db), "--limit", "1000", "--format", fmt), cwd=REPO,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout.readline()
        proc.stdout.close()  # as head does
        assert proc.wait(timeout=60) == 0, fmt
        assert proc.stderr.read() == b"", fmt
        proc.stderr.close()
