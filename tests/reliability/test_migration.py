"""An older store (no quotes.speaker_key, articles.story/added_at, FTS, `done`, `outlets`…) opens
with its data kept and every new table and column working."""
from __future__ import annotations

import sqlite3

import pytest

from quotetrail.store.sqlite import SCHEMA_VERSION, Store, StoreError

# What an early store looked like: the tables of the first releases, fewer columns, no indexes.
OLDER_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '0');
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL, url TEXT,
    outlet TEXT, title TEXT, author TEXT, published TEXT, text TEXT NOT NULL, raw TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]', meta TEXT NOT NULL DEFAULT '{}', duplicate_of TEXT
);
CREATE TABLE quotes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, article TEXT NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, spans TEXT NOT NULL, speaker TEXT, speaker_id TEXT, mention TEXT, mention_start INTEGER,
    mention_end INTEGER, cue TEXT, via TEXT, said_on TEXT, said_on_precision TEXT, date_text TEXT, statement TEXT
);
CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                     quotes INTEGER NOT NULL DEFAULT 0, row TEXT NOT NULL);
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL, finished TEXT,
                   inputs TEXT NOT NULL, summary TEXT);
"""


def _older_store(path):
    con = sqlite3.connect(path)
    con.executescript(OLDER_SCHEMA)
    con.execute("INSERT INTO articles (id, source, url, outlet, title, published, text, raw) VALUES"
                " ('a1', 'old/one.txt', 'https://harbour-gazette.example/x', 'harbour-gazette.example',"
                " 'Dock talks resume', '2024-05-01', 'Talks over the quay resumed on Tuesday.', 'raw one')")
    con.execute("INSERT INTO quotes (id, article, kind, text, spans, speaker, speaker_id, statement) VALUES"
                " ('q1', 'a1', 'direct', 'We will keep talking', '[[0, 20]]', 'Ines Morrow', 'p1', 's1'),"
                " ('q2', 'a1', 'indirect', 'the quay would reopen', '[[30, 51]]', 'a spokesman', NULL, 's2')")
    con.execute("INSERT INTO people VALUES ('p1', 'Ines Morrow', 'person', 1, '{\"id\": \"p1\", \"name\": \"Ines Morrow\"}')")
    con.commit()
    con.close()


def test_older_store_is_migrated_without_losing_data(tmp_path):
    db = tmp_path / "old.db"
    _older_store(db)
    store = Store(db)
    assert store._schema_version() == SCHEMA_VERSION
    assert store.count("articles") == 1 and store.count("quotes") == 2 and store.count("people") == 1
    article = store.get_article("a1")
    assert (article.title, article.published, article.text) == ("Dock talks resume", "2024-05-01",
                                                                  "Talks over the quay resumed on Tuesday.")
    # new columns: computed where they can be, defaults elsewhere
    keys = dict(store.db.execute("SELECT id, speaker_key FROM quotes").fetchall())
    assert keys == {"q1": "p1", "q2": "?a spokesman"}
    assert store.speaker_wordings("p1") == {"we will keep talking": "s1"}  # filled from the stored quotes
    assert store.db.execute("SELECT topics FROM quotes WHERE id = 'q1'").fetchone()[0] == "[]"
    assert store.db.execute("SELECT added_at FROM articles").fetchone()[0].startswith("20")
    assert [q.text for q in store.quotes_of("a1")] == ["We will keep talking", "the quay would reopen"]
    # full-text indexes created now cover rows stored before them
    assert [r["id"] for r in store.search_articles("quay")] == ["a1"]
    assert store.db.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'talking'").fetchall()
    # the statement summary is filled from the quotes already stored
    assert [tuple(r) for r in store.db.execute("SELECT statement, speaker_id, day, variants FROM statement_days"
                                               " ORDER BY statement")] == [("s1", "p1", "2024-05-01", 1), ("s2", None, "2024-05-01", 1)]
    # new tables work
    with store.transaction():
        store.mark_done([("old/one.txt", "10:20")])
        store.set_story("a1", "st-a1")
    assert store.is_done("old/one.txt", "10:20")
    assert [s for s, _ in store.iter_stories()] == ["st-a1"]
    store.close()
    # opening again is a no-op: nothing added twice
    again = Store(db)
    assert again.count("quotes") == 2
    assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again.close()


def test_migrated_store_takes_a_new_run(tmp_path):
    from quotetrail.engines.local import LocalEngine
    from quotetrail.model import RawDocument
    from quotetrail.pipeline import run

    db = tmp_path / "old.db"
    _older_store(db)
    text = ("Quay strike ends\n\n“We will keep talking until the last crane moves,” Ines Morrow said on "
            "Tuesday at the harbour.\n\nThe quay reopened after a week of talks between the union and the port.\n")
    with Store(db) as store:
        summary = run(["t"], store, engine=LocalEngine(1),
                      documents=[RawDocument("new/two.txt", "text", text.encode(), {"url": "https://harbour-gazette.example/y",
                                                                                     "outlet": "Harbour Gazette"})])
        assert summary.stored == 1 and summary.skipped == []
        assert store.count("articles") == 2
        # the new article taught the store the domain's display name; the old article got it too
        assert store.get_article("a1").outlet == "Harbour Gazette"
        speakers = [r["speaker"] for r in store.iter_quotes()]
        assert "Ines Morrow" in speakers and len(speakers) >= 3


def test_newer_store_is_refused(tmp_path):
    db = tmp_path / "new.db"
    Store(db).close()
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(StoreError, match="newer quotetrail"):
        Store(db)


def test_migration_is_all_or_nothing(tmp_path, monkeypatch):
    """A failure half-way through the upgrade leaves the older store as it was."""
    db = tmp_path / "old.db"
    _older_store(db)

    def broken(self, added, created):
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(Store, "_fill_migrated", broken)
    with pytest.raises(StoreError):
        Store(db)
    with sqlite3.connect(db) as con:
        columns = {r[1] for r in con.execute("PRAGMA table_info(quotes)")}
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "speaker_key" not in columns and "done" not in tables
        assert con.execute("SELECT value FROM meta").fetchone()[0] == "0"


def test_read_only_commands_migrate_an_older_store_first(tmp_path):
    """`quotetrail serve`/`quotes` open stores read-only; an older store is brought up to date first."""
    import sqlite3

    from quotetrail.store.sqlite import Store

    db = tmp_path / "old.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("DROP TABLE outlets")  # as a store from before the outlets table would be
    con.execute("DELETE FROM meta WHERE key = 'schema_hash'")
    con.commit()
    con.close()
    with Store(db, readonly=True) as store:
        assert store.db.execute("SELECT COUNT(*) FROM outlets").fetchone()[0] == 0
        assert store._meta("schema_hash")
