"""What a store is and where it lives is never a way to lose data or touch what is not ours (issue 13):

- after `run`, `export` and `serve` the .db file alone holds all the data (no -wal to forget);
- another program's database is refused, by every command, before anything is written to it;
- one run lock per store, whatever path names it (symlinks, relative paths, `..`);
- an export taken while a run writes is one consistent snapshot, written whole or not at all;
- a finished store on read-only media can be read.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from quotetrail.store.sqlite import APPLICATION_ID, Store, StoreError

from .conftest import EXAMPLES, REPO, cli, run_cli
from .test_migration import _older_store

COMMANDS = {  # every command that takes --db, with what it needs besides
    "run": ["run", str(EXAMPLES / "text"), "-q"],
    "quotes": ["quotes"],
    "people": ["people"],
    "timeline": ["timeline", "Ines Morrow"],
    "stories": ["stories"],
    "articles": ["articles"],
    "export": ["export", "{tmp}/export-out"],
    "serve": ["serve", "--port", "0"],
}

SPEAKERS = ["Ines Morrow", "Tobias Krell", "Lenka Farris", "Oren Vasquez", "Petra Holm", "Jonas Baird"]
OUTLETS = ["Harbour Gazette", "Quayside Daily", "Northmere Post"]


def write_corpus(folder: Path, events: int) -> Path:
    """Small articles of our own: each event reported by three outlets quoting the same person in
    slightly different words, so a run makes stories and statements with several variants."""
    folder.mkdir(parents=True, exist_ok=True)
    for e in range(events):
        speaker = SPEAKERS[e % len(SPEAKERS)]
        place = f"pier {e + 3}"
        for o, outlet in enumerate(OUTLETS):
            slug = outlet.lower().replace(" ", "-")
            wording = ["We will reopen {p} before the winter storms arrive",
                       "We will reopen {p} before the winter storms come",
                       "We will reopen {p} before winter storms arrive"][o].format(p=place)
            text = (f"---\ntitle: Crews set to reopen {place} after repairs\n"
                    f"url: https://{slug}.example/news/{e}/reopen-{e}\noutlet: {outlet}\n"
                    f"published: 2025-04-{1 + e % 27:02d}\n---\n"
                    f"Crews set to reopen {place} after repairs\n\n"
                    f"Repair crews worked through the weekend on {place} at the northern harbour, where cracked "
                    f"pilings had closed the berth to ferries for {e + 2} weeks.\n\n"
                    f"“{wording},” {speaker} said on Monday at the harbour office.\n\n"
                    f"The harbour board said the cost of the work on {place} would be shared with the town "
                    f"council, and that ferries would return once divers had inspected the new pilings.\n")
            (folder / f"{slug}_{e:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles_in(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]


def only_the_db_file(db: Path, elsewhere: Path) -> Path:
    """Copy the .db file alone, as a user copying "the store" would, and return the copy."""
    elsewhere.mkdir()
    copy = elsewhere / db.name
    shutil.copyfile(db, copy)
    return copy


def wal_is_empty(db: Path) -> bool:
    wal = Path(str(db) + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


# A process that commits articles and dies without closing the store (as a killed run does): the
# rows are in the -wal only, autocheckpoint being off.
LEFT_IN_WAL = """
import os, sys
from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article
from quotetrail.store.sqlite import Store

store = Store(sys.argv[1])
store.db.execute("PRAGMA wal_autocheckpoint = 0")
tag = sys.argv[2]
texts = [f"Late report {tag}{n}: the ferry timetable for pier {n} was posted at the harbour office." for n in range(3)]
articles = [Article(source=f"late/{tag}{n}.txt", raw=t, text=t, title=f"Late report {n}") for n, t in enumerate(texts)]
with store.transaction():
    store.add_articles(list(zip(articles, fingerprints(texts))))
os._exit(0)
"""


def leave_rows_in_wal(db: Path, tag: str = "a") -> None:
    """Three articles committed to the -wal only; `tag` makes them new on each call."""
    done = subprocess.run([sys.executable, "-c", LEFT_IN_WAL, str(db), tag], capture_output=True, text=True, cwd=REPO,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert not wal_is_empty(db)


# -- 6. one file ----------------------------------------------------------------------------------
@pytest.mark.parametrize("workers", [1, 2])
def test_after_a_run_the_db_file_alone_holds_every_article(tmp_path, workers):
    db = tmp_path / "x.db"
    summary = tmp_path / "summary.json"
    inputs = EXAMPLES if workers == 1 else EXAMPLES / "text"  # a pool of workers, each reading the store
    done = run_cli("run", str(inputs), "--db", str(db), "-q", "--workers", str(workers), "--batch-size", "2",
                   "--summary", str(summary))
    assert done.returncode == 0, done.stderr
    stored = json.loads(summary.read_text())["store_articles"]
    assert stored > 0
    assert wal_is_empty(db)
    assert articles_in(only_the_db_file(db, tmp_path / "copy")) == stored


def test_export_and_serve_fold_what_a_killed_run_left_in_the_wal(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("run", str(EXAMPLES / "text"), "--db", str(db), "-q").returncode == 0
    before = articles_in(db)

    leave_rows_in_wal(db)
    done = run_cli("export", str(tmp_path / "out"), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert wal_is_empty(db)
    assert articles_in(only_the_db_file(db, tmp_path / "after-export")) == before + 3

    leave_rows_in_wal(db, "b")  # another killed run's rows
    from .test_concurrency import _free_port, _get

    port = _free_port()
    server = subprocess.Popen(cli("serve", "--db", str(db), "--port", str(port)), cwd=REPO,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(300):
            try:
                assert _get(f"http://127.0.0.1:{port}/api/articles")[0] == 200
                break
            except OSError:
                time.sleep(0.1)
    finally:
        server.terminate()  # Ctrl-C or a service manager's SIGTERM: the server shuts down cleanly
        _, err = server.communicate(timeout=60)
    assert "Traceback" not in err
    assert wal_is_empty(db)
    assert articles_in(only_the_db_file(db, tmp_path / "after-serve")) == before + 6


# -- 7. never another program's database ---------------------------------------------------------
def foreign_database(path: Path) -> Path:
    """An invoicing program's database, with a table named like one of ours besides its own."""
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE invoices (number INTEGER PRIMARY KEY, customer TEXT, total REAL)")
        con.execute("CREATE TABLE articles (sku TEXT PRIMARY KEY, description TEXT)")
        con.executemany("INSERT INTO invoices VALUES (?, ?, ?)", [(1, "Quay Chandlers", 120.5), (2, "Net & Rope", 80.0)])
        con.execute("INSERT INTO articles VALUES ('R-10', 'mooring rope, 10 m')")
    con.close()
    return path


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_refuses_another_programs_database_and_leaves_it_untouched(tmp_path, command):
    db = foreign_database(tmp_path / "invoices.db")
    before = sha(db)
    args = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[command]]
    done = run_cli(*args, "--db", str(db))
    assert done.returncode != 0
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert "not a quotetrail store" in message and "invoices.db" in message
    assert sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoices.db"]  # no -wal, -shm, lock or export


def test_a_database_marked_by_another_program_is_refused_even_empty(tmp_path):
    db = tmp_path / "other.db"
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA application_id = 1234")
    con.close()
    before = sha(db)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not a quotetrail store"):
            Store(db, readonly=readonly)
    assert sha(db) == before


def test_our_stores_carry_the_mark_and_earlier_ones_are_migrated_and_marked(tmp_path):
    new = tmp_path / "new.db"
    Store(new).close()
    empty = tmp_path / "empty.db"
    empty.touch()  # an empty file is no one's database yet
    Store(empty).close()
    old = tmp_path / "old.db"
    _older_store(old)  # a store of an earlier release: our meta table, no mark
    done = run_cli("quotes", "--db", str(old), "--format", "json")  # a read-only command migrates it
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["speaker"] for line in done.stdout.splitlines()] == ["Ines Morrow", "a spokesman"]
    for db in (new, empty, old):
        with sqlite3.connect(db) as con:
            assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID, db.name
        con.close()


# -- 8. one lock per store -----------------------------------------------------------------------
def test_a_second_run_through_another_name_for_the_store_is_refused(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 40)
    db = tmp_path / "x.db"
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.db"
    link.symlink_to(db)
    writer = subprocess.Popen(cli("run", str(corpus), "--db", str(db), "-q", "--batch-size", "1"), cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while writer.poll() is None and not _holder(db):
            time.sleep(0.05)
        assert _holder(db) == str(writer.pid)
        second = run_cli("run", str(EXAMPLES / "text"), "--db", str(link), "-q")
        assert writer.poll() is None, "the first run ended before the second started: make the corpus larger"
        assert second.returncode == 1
        assert len(second.stderr.strip().splitlines()) == 1, second.stderr
        assert "another quotetrail run is writing to" in second.stderr and str(writer.pid) in second.stderr
    finally:
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err


@pytest.mark.parametrize("spelling", ["symlink", "dotdot", "relative"])
def test_the_run_lock_is_taken_on_the_file_not_on_its_name(tmp_path, spelling):
    db = tmp_path / "x.db"
    (tmp_path / "sub").mkdir()
    other = {"symlink": tmp_path / "link.db", "dotdot": tmp_path / "sub" / ".." / "x.db",
             "relative": Path(os.path.relpath(db, REPO))}[spelling]  # run_cli runs in REPO
    if spelling == "symlink":
        other.symlink_to(db)
    holder = Store(db)
    try:
        with holder.run_lock():  # a run on x.db, as far as any other run can tell
            second = run_cli("run", str(EXAMPLES / "text"), "--db", str(other), "-q")
    finally:
        holder.close()
    assert second.returncode == 1, second.stderr
    assert "another quotetrail run is writing to" in second.stderr and str(os.getpid()) in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1


def _holder(db: Path) -> str:
    try:
        return Path(os.path.realpath(db) + ".lock").read_text().strip()
    except OSError:
        return ""


# -- 9. consistent exports -----------------------------------------------------------------------
def check_consistent(out: Path) -> tuple[int, int]:
    """Every story's articles are in articles.jsonl and every statement variant's quote in
    quotes.jsonl; returns how many stories and variants were checked."""
    def rows(name: str) -> list[dict]:
        return [json.loads(line) for line in (out / name).read_text(encoding="utf-8").splitlines()]

    articles = {r["id"] for r in rows("articles.jsonl")}
    quotes = {r["id"] for r in rows("quotes.jsonl")}
    stories = rows("stories.jsonl")
    variants = [v for s in rows("statements.jsonl") for v in s["variants"]]
    missing_articles = {a for s in stories for a in s["articles"]} - articles
    missing_quotes = {v["quote"] for v in variants} - quotes
    assert not missing_articles, f"stories name articles the export lacks: {sorted(missing_articles)[:5]}"
    assert not missing_quotes, f"statements name quotes the export lacks: {sorted(missing_quotes)[:5]}"
    assert {q["article"] for q in rows("quotes.jsonl")} <= articles
    return len(stories), len(variants)


def test_an_export_taken_while_a_run_writes_is_one_consistent_snapshot(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 40)
    db = tmp_path / "x.db"
    writer = subprocess.Popen(cli("run", str(corpus), "--db", str(db), "-q", "--batch-size", "1"), cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    taken = 0
    try:
        while writer.poll() is None and not _holder(db):
            time.sleep(0.05)
        while writer.poll() is None:
            out = tmp_path / f"export-{taken}"
            done = run_cli("export", str(out), "--db", str(db))
            assert done.returncode == 0, done.stderr
            if writer.poll() is None:  # taken while the run was still writing
                check_consistent(out)
                taken += 1
    finally:
        _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert taken >= 2, "the run ended too soon to export during it: make the corpus larger"
    stories, variants = check_consistent(_final_export(db, tmp_path / "final"))
    assert stories > 0 and variants > 0


def _final_export(db: Path, out: Path) -> Path:
    done = run_cli("export", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return out


def test_an_export_replaces_the_files_left_by_a_killed_export(tmp_path):
    db = tmp_path / "x.db"
    assert run_cli("run", str(EXAMPLES / "text"), "--db", str(db), "-q").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    (out / "articles.jsonl.part").write_text('{"id": "half a li')  # a killed export's leftovers
    (out / "quotes.csv.part").write_text("id,article\n")
    (out / "notes.txt.part").write_text("not ours")  # someone else's file: kept
    done = run_cli("export", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["articles.jsonl", "notes.txt.part", "people.jsonl",
                                                     "quotes.jsonl", "statements.jsonl", "stories.jsonl"]
    assert len((out / "articles.jsonl").read_text().splitlines()) == articles_in(db)


# -- 10. read-only media -------------------------------------------------------------------------
@contextmanager
def read_only_folder(folder: Path):
    """The folder made read-only: by its mode, or (as root, whom modes do not stop) by the
    immutable attribute, which stops root too."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)],
                                                        capture_output=True).returncode != 0:
        pytest.skip("running as root without chattr +i: no way to make a folder read-only here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_finished_store_in_a_read_only_folder_can_be_read(tmp_path):
    media = tmp_path / "media"
    media.mkdir()
    db = media / "x.db"
    assert run_cli("run", str(EXAMPLES / "text"), "--db", str(db), "-q").returncode == 0
    expected = run_cli("quotes", "--db", str(db), "--format", "json", "--limit", "1000").stdout
    count = articles_in(db)
    for extra in media.iterdir():  # as a store copied onto a DVD or a read-only share: the .db alone
        if extra != db:
            extra.unlink()
    with read_only_folder(media):
        with pytest.raises(OSError):
            (media / "probe").write_text("x")  # the folder is really read-only
        with Store(db, readonly=True) as store:
            assert store.count("articles") == count
        done = run_cli("quotes", "--db", str(db), "--format", "json", "--limit", "1000")
        assert done.returncode == 0, done.stderr
        assert done.stdout == expected and expected
        done = run_cli("export", str(tmp_path / "out"), "--db", str(db))
        assert done.returncode == 0, done.stderr
        assert len((tmp_path / "out" / "articles.jsonl").read_text().splitlines()) == count
        assert sorted(p.name for p in media.iterdir()) == ["x.db"]


def test_a_read_only_store_whose_wal_holds_data_is_refused_clearly(tmp_path):
    """Without its -shm and unable to create one, SQLite can read only the .db file: rows still in
    the -wal would be missing without a word, so that is refused with what to do."""
    media = tmp_path / "media"
    media.mkdir()
    db = media / "x.db"
    Store(db).close()
    leave_rows_in_wal(db)
    Path(str(db) + "-shm").unlink()
    with read_only_folder(media):
        with pytest.raises(StoreError, match="-wal"):
            Store(db, readonly=True)
