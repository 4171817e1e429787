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
