"""statement_days, the per-statement summary the person page and timelines read: kept by triggers
as quotes arrive in any order, equal to what the quotes themselves say."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.store.sqlite import _FILL_STATEMENT_DAYS, Store

DAYS = [None, "2025-03-01", "2025-03-02", "2025-03-05"]

quote_plans = st.lists(
    st.tuples(st.sampled_from(["s1", "s2", "s3", None]),  # statement
              st.sampled_from(DAYS),  # said_on
              st.sampled_from(DAYS),  # the article's publication date
              st.sampled_from(["Ada Quill", "Bo Strand"])),  # speaker as written
    min_size=1, max_size=12)


def expected(rows: list[dict]) -> dict[str, tuple]:
    """What the summary must say, straight from the quotes (rows in the order stored)."""
    out = {}
    for statement in {r["statement"] for r in rows if r["statement"]}:
        mine = [r for r in rows if r["statement"] == statement]
        first = min(mine, key=lambda r: (r["said_on"] is None, r["said_on"] or "", r["seq"]))
        said = min((r["said_on"] for r in mine if r["said_on"]), default=None)
        published = min((r["published"] for r in mine if r["published"]), default=None)
        out[statement] = (first["speaker"], said, published, said or published, json.loads(first["topics"]),
                          len(mine), first["seq"])
    return out


def summary(store: Store) -> dict[str, tuple]:
    return {r[0]: (r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7]) for r in store.db.execute(
        "SELECT statement, speaker, said, published, day, topics, variants, first_seq FROM statement_days")}


def stored_rows(store: Store) -> list[dict]:
    return [dict(r) for r in store.db.execute(
        "SELECT q.seq, q.statement, q.said_on, q.speaker, q.topics, a.published FROM quotes q"
        " JOIN articles a ON a.id = q.article ORDER BY q.seq")]


def add(store: Store, plan: list[tuple], batch: int) -> None:
    for start in range(0, len(plan), batch):
        articles, quotes = [], []
        for n, (statement, said_on, published, speaker) in enumerate(plan[start:start + batch], start):
            text = f"Report {n}: the quay opens, said {speaker}."
            article = Article(source=f"a{n}.txt", raw=text, text=text, id=f"a{n}", published=published)
            articles.append(article)
            quotes.append(Quote(id=f"a{n}-q", article=article.id, kind="direct", text="the quay opens",
                                spans=[(11, 25)], speaker=speaker, speaker_id=None, said_on=said_on,
                                statement=statement, topics=[f"topic {n}"]))
        with store.transaction():
            store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
            store.add_quotes(quotes, [f"?{q.speaker}" for q in quotes])


@settings(max_examples=40, deadline=None)
@given(plan=quote_plans, batch=st.integers(1, 5))
def test_triggers_keep_the_summary_equal_to_the_quotes(tmp_path_factory, plan, batch):
    store = Store(tmp_path_factory.mktemp("days") / "s.db")
    add(store, plan, batch)
    rows = stored_rows(store)
    assert summary(store) == expected(rows)
    # the one-off fill an older store gets computes the same rows
    triggered = summary(store)
    with store.transaction():
        store.db.execute("DELETE FROM statement_days")
        store.db.execute(_FILL_STATEMENT_DAYS)
    assert summary(store) == triggered
    # a deleted quote (nothing deletes quotes today) leaves its statement summarised from the rest
    with store.transaction():
        store.db.execute("DELETE FROM quotes WHERE seq = ?", (rows[0]["seq"],))
    assert summary(store) == expected(rows[1:])
    store.close()


def test_a_person_reads_their_statements_in_the_order_said(tmp_path):
    store = Store(tmp_path / "s.db")
    add(store, [("s1", "2025-03-05", "2025-03-06", "Ada Quill"), ("s2", None, "2025-03-02", "Ada Quill"),
                ("s1", "2025-03-01", "2025-03-07", "Ada Quill"), ("s3", None, None, "Ada Quill")], batch=2)
    from quotetrail.store import query

    rows = query.statements_of(store, [], speaker_as_written="ada")  # an unresolved speaker, as written
    assert [(r["statement"], r["variants"]) for r in rows] == [("s1", 2), ("s2", 1), ("s3", 1)]
    assert query.statements_of(store, [], speaker_as_written="bo") == []
    with store.transaction():
        store.db.execute("UPDATE statement_days SET speaker_id = 'p1'")
    days = query.person_statement_days(store, "p1")
    assert list(zip(days.statements, days.days, days.said, days.topic_lists(), days.variants)) == [
        ("s1", "2025-03-01", 1, ["topic 2"], 2),  # said first on the 1st, by its later report
        ("s2", "2025-03-02", 0, ["topic 1"], 1),  # undated: when first published
        ("s3", None, 0, ["topic 3"], 1)]
    assert query.person_statement_days(store, "p1", since="2025-03-02").statements == ("s2",)
    assert [r["statement"] for r in query.statements_of(store, ["p1"], until="2025-03-01")] == ["s1"]
    store.close()
