"""The person page of someone quoted thousands of times: built from one grouped read of their
statements, reading quotes only for the statements on the page shown."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store import query
from quotetrail.store.sqlite import Store
from quotetrail.web import render
from quotetrail.web.app import STATEMENTS_PER_PAGE

STATEMENTS = render.MAX_DOTS + 150  # past the chart's per-statement limit
COPIES = 2  # quotes per statement
TOPICS = ["grain tariffs", "ferry timetables", "crane repairs", "dock wages"]


@pytest.fixture(scope="module")
def heavy(tmp_path_factory):
    path = tmp_path_factory.mktemp("heavy") / "heavy.db"
    person = {"id": "pheavy", "name": "Ilse Varnhagen", "kind": "person", "quotes": STATEMENTS * COPIES,
              "aliases": ["Ilse Varnhagen", "Varnhagen"], "descriptions": [], "articles": []}
    start = date(2025, 1, 1)
    articles, quotes = [], []
    for n in range(STATEMENTS):
        day = (start + timedelta(days=n // 3)).isoformat()
        sentence = f"Statement number {n} on the quay, said Varnhagen."
        for copy in range(COPIES):
            aid = f"a{n}-{copy}"
            article = Article(source=f"{aid}.txt", raw=sentence, text=sentence, id=aid, title=f"Report {n}",
                              outlet=f"Outlet {copy}", published=day, story=f"st{n}")
            articles.append(article)
            quotes.append(Quote(id=f"{aid}-q0", article=aid, kind="direct", text=sentence[:-18],
                                spans=[(0, len(sentence) - 18)], cue="said", mention="Varnhagen",
                                speaker=person["name"], speaker_id=person["id"],
                                said_on=day if n % 10 else None,  # some dated only by publication
                                said_on_precision="day" if n % 10 else None, statement=f"s{n:04d}",
                                topics=[TOPICS[n % len(TOPICS)]]))
    store = Store(path)
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        store.add_quotes(quotes, [speaker_key(q.speaker_id, q.speaker) for q in quotes])
        store.save_people([person])
    store.close()
    return path


def test_heavy_person_page_reads_quotes_only_for_the_page_shown(heavy, monkeypatch, make_app):
    from quotetrail.store.sqlite import Store

    built = []
    real_iter_quotes = Store.iter_quotes

    def counting(self, *args, **kwargs):  # every quote row the app builds comes through here
        for row in real_iter_quotes(self, *args, **kwargs):
            built.append(row)
            yield row

    monkeypatch.setattr(Store, "iter_quotes", counting)
    client = TestClient(make_app(heavy))
    page = client.get("/people/pheavy?page=3")
    assert page.status_code == 200
    # quote rows were built for the statements on this page only, not for all STATEMENTS * COPIES
    assert len(built) == STATEMENTS_PER_PAGE * COPIES
    shown = re.findall(r'<li class="statement" id="st-([^"]+)"', page.text)
    first = 2 * STATEMENTS_PER_PAGE
    assert shown == [f"s{n:04d}" for n in range(first, first + STATEMENTS_PER_PAGE)]  # in the order said
    assert f"of {STATEMENTS})" in page.text
    svg = re.search(r'<svg class="timeline".*?</svg>', page.text, re.S).group(0)
    dots = re.findall(r"<title>([^<]*)</title>", svg)
    assert len(dots) < STATEMENTS / 2  # grouped dots
    assert sum(int(t.split(": ")[1].split(" ")[0]) for t in dots) == STATEMENTS  # each statement counted once
    for topic in TOPICS:
        assert f">{topic}</text>" in svg  # one row per topic


def test_person_statement_days_orders_filters_and_dates_from_publication(heavy):
    with Store(heavy, readonly=True) as store:
        days = query.person_statement_days(store, "pheavy")
        assert list(days.statements) == [f"s{n:04d}" for n in range(STATEMENTS)]
        assert (days.days[:2], days.said[:2]) == (("2025-01-01", "2025-01-01"), (0, 1))  # undated: its first publication
        assert days.topic_lists()[:2] == [[TOPICS[0]], [TOPICS[1]]]
        window = query.person_statement_days(store, "pheavy", since="2025-01-02", until="2025-01-03")
        assert list(window.statements) == [f"s{n:04d}" for n in range(3, 9)]
        assert window.take([1, 0]).statements == ("s0004", "s0003")
        assert len(query.person_statement_days(store, "nobody")) == 0


def test_serving_keeps_startup_objects_out_of_the_collectors_way(heavy, make_app):
    """Objects alive at startup are frozen while the app serves (a big page otherwise triggers full
    collections over all of them), and unfrozen when it stops."""
    import gc

    with TestClient(make_app(heavy)) as client:
        assert gc.get_freeze_count() > 10_000
        assert client.get("/people/pheavy").status_code == 200
    assert gc.get_freeze_count() == 0


def test_person_view_is_kept_for_the_next_page_until_quotes_are_added(tmp_path, monkeypatch, make_app):
    """Paging through a heavy person's statements computes their chart once; a run that adds
    quotes makes the next request compute it afresh, with the new statement in it."""
    path = tmp_path / "small.db"
    person = {"id": "pines", "name": "Ines Morrow", "kind": "person", "quotes": 2, "aliases": ["Ines Morrow"],
              "descriptions": [], "articles": []}

    def add(n: int, day: str) -> None:
        text = f"The quay opens on day {n}, said Morrow."
        article = Article(source=f"n{n}.txt", raw=text, text=text, id=f"n{n}", published=day)
        quote = Quote(id=f"n{n}-q0", article=article.id, kind="direct", text=text[:-18], spans=[(0, len(text) - 18)],
                      speaker=person["name"], speaker_id=person["id"], said_on=day, statement=f"sq{n}",
                      topics=["quay"])
        store = Store(path)
        with store.transaction():
            store.add_articles([(article, fingerprints([text])[0])])
            store.add_quotes([quote], [speaker_key(quote.speaker_id, quote.speaker)])
            store.save_people([person])
        store.close()

    add(1, "2025-02-01")
    add(2, "2025-02-02")
    reads = []
    real = query.person_statement_days
    monkeypatch.setattr(query, "person_statement_days", lambda *a, **k: reads.append(a) or real(*a, **k))
    client = TestClient(make_app(path))
    first = client.get("/people/pines")
    again = client.get("/people/pines?page=1")
    assert first.status_code == again.status_code == 200 and len(reads) == 1  # computed once
    assert client.get("/people/pines?topic=quay").status_code == 200 and len(reads) == 2  # another view
    add(3, "2025-02-03")
    fresh = client.get("/people/pines")
    assert len(reads) == 3 and 'id="st-sq3"' in fresh.text and 'id="st-sq3"' not in first.text
