"""Story and statement pages say what the data can say: without publication dates there is no
first reporter and no span (issue 15), only input order, which the pages do not present as time."""
from fastapi.testclient import TestClient

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store.sqlite import Store
from quotetrail.web.app import create_app

SAID = "the lighthouse at Orrin Point will stay dark until spring"


def build(path, published):
    store = Store(path)
    articles, quotes = [], []
    for n, outlet in enumerate(["Orrin Mail", "Cape Ledger"]):
        text = f'Harbourmaster Wenna Tolle said "{SAID}" on the quay.'
        article = Article(source=f"{n}.txt", raw=text, text=text, id=f"a{n}", title=f"Light out {n}",
                          outlet=outlet, published=published[n], story="st-orrin")
        start = text.index(SAID)
        quotes.append(Quote(id=f"a{n}-q0", article=article.id, kind="direct", text=SAID,
                            spans=[(start, start + len(SAID))], cue="said", mention="Wenna Tolle",
                            speaker="Wenna Tolle", statement="s-orrin", topics=["lighthouse"]))
        articles.append(article)
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        for article, quote in zip(articles, quotes):
            store.set_story(article.id, article.story)
            store.add_quotes([quote], [speaker_key(None, quote.speaker)])
    store.close()


def pages(tmp_path, published):
    build(tmp_path / "p.db", published)
    client = TestClient(create_app(tmp_path / "p.db", allowed_hosts=["testserver"]))
    return client.get("/stories/st-orrin").text, client.get("/statements/s-orrin").text


def test_undated_story_names_no_first_reporter_and_no_span(tmp_path):
    story, statement = pages(tmp_path, [None, None])
    assert "First reported by" not in statement and "who reported it first is not known" in statement
    assert "publication dates unknown" in story and "date unknown" in story
    assert "undated –" not in story


def test_dated_story_names_its_first_reporter_and_span(tmp_path):
    story, statement = pages(tmp_path, ["2025-05-02", "2025-05-01"])
    assert "First reported by" in statement and "Cape Ledger" in statement.split("First reported by")[1][:200]
    assert "2025-05-01" in story and "publication dates unknown" not in story
