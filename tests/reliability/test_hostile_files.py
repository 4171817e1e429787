"""Hostile files and names, through the real CLI: nothing a user feeds in stops a run, loses the
rest of the corpus, hangs it, or is stored twice (issue 13).

Each test writes its own small texts; each run is a subprocess, as a user would start it, with a
timeout where the fault was a hang."""
from __future__ import annotations

import json
import os
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names, FIFOs and symlinks")

BODY = ("The river council said on Monday that the footbridge would reopen in June after repairs to its "
        "cables. \u201cWe owe the people of the valley a crossing they can trust,\u201d said Petra Halvorsen, "
        "who chairs the council. Engineers found rust in two of the anchors during a routine inspection "
        "last autumn, and the bridge has been closed to walkers and cyclists since then.")


def _story(n: int) -> str:
    return f"Footbridge report {n}\n\nIn report number {n}: " + BODY


def _summary(tmp_path: Path, *args: str, timeout: float = 180) -> dict:
    out = tmp_path / "summary.json"
    done = run_cli("run", *args, "-q", "--summary", str(out), timeout=timeout)
    assert done.returncode == 0, done.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as con:
        return con.execute(sql).fetchall()


# -- 1: one bad string never costs the corpus ----------------------------------------------------

def test_lone_surrogates_and_undecodable_names_cost_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # json.dumps writes a lone surrogate as its escape ("\\ud800"): valid JSON, but not text SQLite can store
    bad = {"text": _story(1) + " \ud800 end.", "title": "Bad \ud800 title", "url": "https://news.example/\ud800",
           "author": "Ann \udfff", "source": "Valley \ud800 Post"}
    lines = [json.dumps(bad), json.dumps({"text": _story(2), "title": "Good record"})]
    assert "\\ud800" in lines[0]
    (corpus / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "array.json").write_text('[{"text": %s, "title": "x\\udc00y"}]' % json.dumps(_story(3)),
                                       encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"caf\xe9.txt"), "wb") as handle:  # not valid UTF-8
        handle.write(_story(4).encode())
    with open(os.path.join(os.fsencode(corpus), b"bad\xff.csv"), "wb") as handle:  # unreadable: a Skipped names it
        handle.write(b"")
    (corpus / "plain.txt").write_text(_story(5), encoding="utf-8")
    db = tmp_path / "q.db"
    first = _summary(tmp_path, str(corpus), "--db", str(db))
    assert first["stored"] == 5, first
    assert [s["source"] for s in first["skipped_inputs"]] == [os.path.join(str(corpus), "bad\\xff.csv")]
    rows = dict(_rows(db, "SELECT title, meta FROM articles"))
    assert "Bad \ufffd title" in rows and json.loads(rows["Bad \ufffd title"])["sanitised"] == [
        "author", "source", "text", "title", "url"]
    assert json.loads(rows["x\ufffdy"])["sanitised"] == ["title"]
    assert "sanitised" not in json.loads(rows["Good record"])
    sources = {s for (s,) in _rows(db, "SELECT source FROM articles")}
    assert os.path.join(str(corpus), "caf\\xe9.txt") in sources  # the name's bytes, shown escaped
    again = _summary(tmp_path, str(corpus), "--db", str(db))
    assert again["stored"] == 0 and again["unchanged"] == 5, again
    assert len(_rows(db, "SELECT id FROM articles")) == 5


# -- 2: special files are skipped, never opened --------------------------------------------------

def test_fifos_sockets_and_devices_are_skipped_without_hanging(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_story(1), encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # opening a FIFO for reading waits for a writer: forever
    fifo = tmp_path / "given.jsonl"
    os.mkfifo(fifo)
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(corpus / "sock.txt"))
    try:
        summary = _summary(tmp_path, str(corpus), str(fifo), "/dev/zero", "--db", str(tmp_path / "q.db"),
                           timeout=120)
    finally:
        sock.close()
    assert summary["stored"] == 1
    reasons = {s["source"]: s["reason"] for s in summary["skipped_inputs"]}
    assert reasons == {
        str(corpus / "pipe.txt"): "not a regular file (a FIFO/named pipe); not read",
        str(corpus / "sock.txt"): "not a regular file (a socket); not read",
        str(fifo): "not a regular file (a FIFO/named pipe); not read",
        "/dev/zero": "not a regular file (a character device); not read",
    }


# -- 3: globs over symlink loops end ------------------------------------------------------------

def test_recursive_glob_over_a_symlink_loop_ends(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(_story(1), encoding="utf-8")
    (corpus / "sub" / "b.txt").write_text(_story(2), encoding="utf-8")
    (corpus / "sub" / "up").symlink_to(corpus, target_is_directory=True)  # a loop: sub/up/sub/up/…
    summary = _summary(tmp_path, str(corpus / "**" / "*.txt"), "--db", str(tmp_path / "q.db"), timeout=120)
    assert summary["stored"] == 2 and summary["skipped"] == 0


# -- 5: resume marks and keys: a file is one file, whatever it is called --------------------------

def test_the_same_file_by_three_names_is_one_article(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = corpus / "story.txt"
    story.write_text(_story(1), encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(story)
    db = tmp_path / "q.db"
    relative = os.path.relpath(story, Path(__file__).resolve().parents[2])  # run_cli runs in the repository
    first = _summary(tmp_path, relative, "--db", str(db))
    assert first["stored"] == 1
    second = _summary(tmp_path, str(story), str(tmp_path / "link.txt"), "--db", str(db))
    assert second["stored"] == 0 and second["unchanged"] == 2, second
    assert _rows(db, "SELECT source FROM articles") == [(relative,)]  # shown as first given


def test_a_file_named_with_a_hash_gets_a_resume_mark(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a#1.txt").write_text(_story(1), encoding="utf-8")
    (corpus / "b#2.jsonl").write_text(json.dumps({"text": _story(2)}) + "\n", encoding="utf-8")
    db = tmp_path / "q.db"
    assert _summary(tmp_path, str(corpus), "--db", str(db))["stored"] == 2
    again = _summary(tmp_path, str(corpus), "--db", str(db))
    assert again["unchanged"] == 2 and again["articles"] == 0, again


def test_a_posted_article_is_never_taken_for_a_file(tmp_path):
    """The web ingest API hands documents to the pipeline: their url is not a path to stat."""
    from fastapi.testclient import TestClient

    from quotetrail.store.sqlite import Store
    from quotetrail.web.app import create_app

    db = tmp_path / "q.db"
    Store(db).close()
    client = TestClient(create_app(db, token="t0ken", allowed_hosts=["testserver"]))
    here = str(Path(__file__).resolve())  # a file that exists: it must not be stat'ed
    auth = {"Authorization": "Bearer t0ken"}
    first = client.post("/api/articles", json={"url": here, "text": _story(1)}, headers=auth)
    assert first.status_code == 200 and first.json()["stored"] == 1
    second = client.post("/api/articles", json={"url": here, "text": _story(2)}, headers=auth)
    assert second.status_code == 200 and second.json()["stored"] == 1, second.json()
    assert _rows(db, "SELECT COUNT(*) FROM done") == [(0,)]


def test_a_store_keyed_the_old_way_is_not_filled_twice(tmp_path):
    """Stores written before file articles were keyed by resolved path hold them under an id made
    from the source as given: a re-run finds them, rather than storing each a second time."""
    from quotetrail import read
    from quotetrail.dedup.fingerprints import fingerprints
    from quotetrail.model import Article
    from quotetrail.store.sqlite import Store

    repo = Path(__file__).resolve().parents[2]
    story = tmp_path / "story.txt"
    story.write_text(_story(1), encoding="utf-8")
    relative = os.path.relpath(story, repo)
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        (doc,) = read.iter_documents([relative])
    finally:
        os.chdir(cwd)
    parsed = read.parse(doc)
    old = Article(source=parsed.source, raw=parsed.raw, text=parsed.raw)  # keyed the old way
    assert old.id != parsed.id
    db = tmp_path / "q.db"
    with Store(db) as store, store.transaction():
        store.add_articles([(old, fingerprints([old.text])[0])])
    summary = _summary(tmp_path, relative, "--db", str(db))
    assert summary["stored"] == 0 and summary["already_stored"] == 1, summary
    assert _rows(db, "SELECT id FROM articles") == [(old.id,)]
