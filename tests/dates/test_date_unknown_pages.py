"""Say what is known (issue 15, item 4): a statement or article without a date is shown as
"date unknown", with the date words of its text ("on Friday"), and comes after dated ones."""
from fastapi.testclient import TestClient

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store.query import timeline
from quotetrail.store.sqlite import Store
from quotetrail.web.app import create_app

SAID = ["the lighthouse at Orrin Point will stay dark until spring", "the ferry will run twice a day"]


def build(path):
    store = Store(path)
    articles, quotes = [], []
    for n, (published, said_on, words) in enumerate([(None, None, "on Friday"),
                                                      ("2025-05-01", "2025-05-01", None)]):
        text = f'Harbourmaster Wenna Tolle said {words or ""} "{SAID[n]}" on the quay.'
        article = Article(source=f"{n}.txt", raw=text, text=text, id=f"a{n}", title=f"Harbour {n}",
                          outlet="Orrin Mail", published=published)
        start = text.index(SAID[n])
        quotes.append(Quote(id=f"a{n}-q0", article=article.id, kind="direct", text=SAID[n],
                            spans=[(start, start + len(SAID[n]))], cue="said", mention="Wenna Tolle",
                            speaker="Wenna Tolle", statement=f"s{n}", said_on=said_on,
                            said_on_precision="day" if said_on else None, date_text=words))
        articles.append(article)
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        for quote in quotes:
            store.add_quotes([quote], [speaker_key(None, quote.speaker)])
    return store


def test_timeline_puts_the_undated_statement_last_with_its_words(tmp_path):
    store = build(tmp_path / "t.db")
    rows = timeline(store, "Tolle")
    assert [r["statement"] for r in rows] == ["s1", "s0"]
    assert (rows[-1]["said_on"], rows[-1]["date_text"]) == (None, "on Friday")
    store.close()


def test_pages_say_date_unknown_with_the_words(tmp_path):
    build(tmp_path / "t.db").close()
    client = TestClient(create_app(tmp_path / "t.db", allowed_hosts=["testserver"]))
    article = client.get("/articles/a0").text
    assert "date unknown (“on Friday”)" in article and "undated" not in article
    found = client.get("/search", params={"q": "lighthouse"}).text
    assert "date unknown (“on Friday”)" in found
