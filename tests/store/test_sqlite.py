import sqlite3

import pytest

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Removal
from quotetrail.store.sqlite import SCHEMA_VERSION, Store, StoreError


def stored(store, articles):
    with store.transaction():
        return store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))


def test_round_trip_wal_and_idempotent(tmp_path):
    db = tmp_path / "s.db"
    store = Store(db)
    a = Article(source="x.txt", raw="Raw text.\nShare this", text="Raw text.", title="T", outlet="Valmora Post",
                published="2025-01-02", removed=[Removal("Share this", "boilerplate:share")])
    assert [x.id for x in stored(store, [a, a])] == [a.id]
    assert stored(store, [a]) == []
    assert store.count("articles") == 1
    back = store.get_article(a.id)
    assert (back.text, back.outlet, back.removed) == ("Raw text.", "Valmora Post", a.removed)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = Store(db)
    assert again.count("articles") == 1


def test_full_text_search_is_safe_with_any_input(tmp_path):
    store = Store(tmp_path / "s.db")
    stored(store, [Article(source="a", raw="x", text="The harbour strike ended on Friday.", title="Strike ends")])
    assert [r["title"] for r in store.search_articles("harbour strike")] == ["Strike ends"]
    for hostile in ['"', "AND OR NOT", "strike*", "title:(", "'; DROP TABLE articles; --"]:
        store.search_articles(hostile)  # never a syntax error
    assert store.count("articles") == 1


def test_newer_schema_is_refused_and_garbage_is_reported(tmp_path):
    db = tmp_path / "s.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable"):
        Store(junk)


def test_closing_a_writable_store_folds_the_wal_unless_a_run_holds_it(tmp_path):
    from quotetrail.store.sqlite import checkpoint

    db = tmp_path / "s.db"
    wal = tmp_path / "s.db-wal"
    reader = Store(db)  # another connection left open (idle) does not stop the fold
    writer = Store(db)
    stored(writer, [Article(source="a", raw="x", text="The ferry to the north quay sails at dawn.", title="Ferry")])
    assert wal.stat().st_size > 0
    writer.close()
    assert wal.stat().st_size == 0
    with reader.run_lock():  # a run writing: closing or a checkpoint leaves its -wal to it
        late = Store(db)
        stored(late, [Article(source="b", raw="y", text="The quay crane was repaired overnight.", title="Crane")])
        late.close()
        assert wal.stat().st_size > 0
        assert checkpoint(db) is False
    assert checkpoint(db) is True and wal.stat().st_size == 0
    reader.close()
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    assert Store(copy, readonly=True).count("articles") == 2


def test_foreign_databases_are_refused_and_ours_are_marked(tmp_path):
    from quotetrail.store.sqlite import APPLICATION_ID

    db = tmp_path / "mine.db"
    Store(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    for name, setup in [("shop.db", "CREATE TABLE orders (id INTEGER)"),
                        ("meta-only.db", "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', 'x')"),
                        ("view.db", "CREATE VIEW v AS SELECT 1")]:
        other = tmp_path / name
        con = sqlite3.connect(other)
        con.executescript(setup)
        con.close()
        before = other.read_bytes()
        for readonly in (False, True):
            with pytest.raises(StoreError, match="not a quotetrail store"):
                Store(other, readonly=readonly)
        assert other.read_bytes() == before, name
