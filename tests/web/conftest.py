"""A small store written straight through `Store` (no NLP), with hostile text in every field a
page shows, for the web app's tests."""
from __future__ import annotations

import pytest

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store.sqlite import Store
from quotetrail.web.app import create_app

# Starlette's TestClient sends `Host: testserver`. The app answers only the host names it is
# started for, so the tests name this one, as `quotetrail serve --allowed-host` would.
TEST_CLIENT_HOST = "testserver"

HOSTILE_TITLE = '<script>alert("title")</script> "onmouseover=alert(1) x="'
HOSTILE_QUOTE = '<img src=x onerror=alert(2)> we will not <b>yield</b> on the harbour tariffs'
PERSON = {"id": "pmira", "name": "Mira Okonkwo-Halden", "kind": "person", "quotes": 4,
          "aliases": ["Mira Okonkwo-Halden", "Okonkwo-Halden", "M. Okonkwo"],
          "descriptions": ["harbour commissioner", '<i onclick="x()">evil title</i>'], "articles": ["a1", "a2", "a3"]}
OTHER = {"id": "pbrun", "name": "Teodor Brunvik", "kind": "person", "quotes": 1, "aliases": ["Teodor Brunvik", "Brunvik"],
         "descriptions": ["union steward"], "articles": ["a2"]}


def _article(aid: str, text: str, **fields) -> Article:
    return Article(source=f"{aid}.txt", raw=text, text=text, id=aid, **fields)


def _quote(article: Article, n: int, content: str, person: dict | None, statement: str, topics: list[str],
           said_on: str | None, kind: str = "direct", speaker: str | None = None) -> Quote:
    start = article.text.index(content)
    mention = person["aliases"][1] if person else speaker
    m_start = article.text.find(mention) if mention else -1
    return Quote(
        id=f"{article.id}-q{n}", article=article.id, kind=kind, text=content, spans=[(start, start + len(content))],
        cue="said", mention=mention, mention_start=m_start if m_start >= 0 else None,
        mention_end=m_start + len(mention) if m_start >= 0 else None,
        speaker=person["name"] if person else speaker, speaker_id=person["id"] if person else None,
        said_on=said_on, said_on_precision="day" if said_on else None, statement=statement, topics=topics,
    )


def build_store(path) -> dict:
    """Three articles of one story (the third copies the first's long paragraph), a fourth in
    another story; a statement carried by three articles, once with a changed word."""
    long_par = ("The harbour board met for six hours on Tuesday evening and agreed to publish the full "
                "tariff schedule before the end of the month, officials confirmed afterwards.")
    t1 = (f"Okonkwo-Halden said: \"{HOSTILE_QUOTE}\" at the port.\n{long_par}\n"
          "Brunvik said the stewards would meet again on Friday.")
    t2 = (f"Okonkwo-Halden said: \"{HOSTILE_QUOTE.replace('not', 'never')}\" on Monday.\n"
          "Okonkwo-Halden said: \"The cranes restart at dawn for the grain convoy\" later.")
    t3 = f"Okonkwo-Halden said: \"{HOSTILE_QUOTE}\" to reporters.\n{long_par}"
    t4 = "Okonkwo-Halden said: \"A separate matter about ferry timetables entirely\" in March."
    a1 = _article("a1", t1, title=HOSTILE_TITLE, url="javascript:alert(1)", outlet="Harbour <Gazette>",
                  published="2025-03-01", author='"><script>alert(3)</script>', story="st1")
    a2 = _article("a2", t2, title="Cranes to restart", url="https://example.org/cranes", outlet="Quay Times",
                  published="2025-03-02", story="st1")
    a3 = _article("a3", t3, title="Port tariffs copy", url="https://example.org/copy", outlet="Dock Wire",
                  published="2025-03-03", story="st1")
    a4 = _article("a4", t4, title="Ferry timetables", url="https://example.org/ferry", outlet="Quay Times",
                  published="2025-04-10", story="st2")
    quotes = {
        "a1": [_quote(a1, 0, HOSTILE_QUOTE, PERSON, "s-tariff", ["harbour tariffs"], "2025-03-01"),
               _quote(a1, 1, "the stewards would meet again on Friday", OTHER, "s-steward", ["stewards"],
                      "2025-03-01", kind="indirect")],
        "a2": [_quote(a2, 0, HOSTILE_QUOTE.replace("not", "never"), PERSON, "s-tariff", ["harbour tariffs"],
                      "2025-03-02"),
               _quote(a2, 1, "The cranes restart at dawn for the grain convoy", PERSON, "s-cranes",
                      ["grain convoy", "cranes"], "2025-03-02")],
        "a3": [_quote(a3, 0, HOSTILE_QUOTE, PERSON, "s-tariff", ["harbour tariffs"], "2025-03-01")],
        "a4": [_quote(a4, 0, "A separate matter about ferry timetables entirely", PERSON, "s-ferry",
                      ["ferry timetables"], "2025-04-10")],
    }
    store = Store(path)
    articles = [a1, a2, a3, a4]
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        for a in articles:
            store.set_story(a.id, a.story)
            store.add_quotes(quotes[a.id], [speaker_key(q.speaker_id, q.speaker) for q in quotes[a.id]])
        store.set_duplicate_of([("a1", "a3")])
        store.add_similar([("a1", "a3", 0.93)])
        store.save_people([PERSON, OTHER])
    store.close()
    return {"articles": articles, "quotes": quotes}


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "web.db"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def sample() -> dict:
    return {"title": HOSTILE_TITLE, "quote": HOSTILE_QUOTE, "person": PERSON, "other": OTHER}


@pytest.fixture(scope="session")
def make_app():
    """`create_app` for a TestClient: the same app, with the test client's host name allowed."""
    def make(db, *args, allowed_hosts=(), **kwargs):
        return create_app(db, *args, allowed_hosts=[TEST_CLIENT_HOST, *allowed_hosts], **kwargs)
    return make
