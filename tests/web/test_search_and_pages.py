"""Issue 17, search and pages: people found by any spelling, each statement listed once with its
outlets, story pages by wording with a coverage chart and the right copy direction, wording of
counts and dates, /articles, and topics distinctive within the store."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store import query
from quotetrail.store.sqlite import Store
from quotetrail.web import render

from .conftest import TEST_CLIENT_HOST


@pytest.fixture(scope="module")
def client(store_path, make_app):
    return TestClient(make_app(store_path))


def _main(html: str) -> str:
    return html[html.index("<main>"):html.index("</main>")]


# -- 8: a name finds the person, on top, and their quotes under any spelling --------------------

@pytest.mark.parametrize("words", ["okonkwo", "Mira Okonkvo-Halden", "OKONKWO HALDEN"])
def test_a_name_finds_the_person_on_top_and_their_quotes(client, words):
    page = _main(client.get("/search", params={"q": words}).text)
    assert "No quotes match" not in page
    person = page.index('href="/people/pmira"')
    assert person < page.index("<h2>Quotes</h2>")  # the person on top
    # quotes of hers that do not contain the name searched for
    assert "grain convoy" in page and "ferry timetables" in page
    assert "stewards would meet" not in page  # Brunvik's


def test_spellings_alike_match_a_name_but_unrelated_words_do_not(store_path):
    with Store(store_path, readonly=True) as store:
        assert query.speaker_ids(store, "Teodor Brunwik") == ["pbrun"]  # w / v
        assert query.speaker_ids(store, "Okonkwo") == ["pmira"]
        assert query.speaker_ids(store, "harbour") == []
    assert query.spelling_key("Zelenskiy") == query.spelling_key("Zelensky") == query.spelling_key("Zelenskyy")
    assert query.spelling_key("Tomáš") == query.spelling_key("Tomas")


def test_a_word_no_one_is_named_finds_no_person(client):
    page = _main(client.get("/search?q=zelenskiy").text)
    assert "people-hits" not in page and "No quotes match" in page


# -- 9: each statement once, with its outlets, counts and the words highlighted ---------------

def test_a_statement_carried_by_three_outlets_is_listed_once(client):
    page = _main(client.get("/search?q=yield").text)
    assert page.count('<li class="quote-item result">') == 1
    assert "carried by 3 outlets" in page
    assert "1 statement (3 quotes" in page
    assert "3 versions" in page and len(re.findall(r'class="variant( changed)?"', page)) == 3  # folded, side by side
    # the query word highlighted, inside escaped text: the stored <b> is shown, never made a tag
    assert '&lt;b&gt;<mark class="hit">yield</mark>&lt;/b&gt;' in page
    assert "<b>" not in page and "<img" not in page


def test_highlight_escapes_the_text_and_matches_whole_words_without_case_or_accents():
    out = render.highlighted('<i>Café</i> cafés & "cafe"', "CAFE")
    assert str(out) == '&lt;i&gt;<mark class="hit">Café</mark>&lt;/i&gt; cafés &amp; &#34;<mark class="hit">cafe</mark>&#34;'
    assert str(render.highlighted("a <b>", "<b>")) == 'a &lt;<mark class="hit">b</mark>&gt;'
    assert str(render.highlighted("x < y", None)) == "x &lt; y"


def test_tabs_list_only_what_they_name_with_counts(client):
    quotes = _main(client.get("/search?q=harbour").text)
    assert re.search(r'Quotes <span class="count">1</span>', quotes)
    articles_found = int(re.search(r'Articles <span class="count">(\d+)</span>', quotes).group(1))
    assert articles_found >= 2
    assert "<h2>Articles</h2>" not in quotes and "snippet" not in quotes
    articles = _main(client.get("/search?q=harbour&what=articles").text)
    assert "<h2>Quotes</h2>" not in articles and "quote-item" not in articles
    assert f"{articles_found} articles" in articles and '<mark class="hit">harbour</mark>' in articles


def test_articles_page_exists_and_the_nav_links_to_it(client):
    page = client.get("/articles")
    assert page.status_code == 200 and "4 articles" in page.text
    assert '<a href="/articles">Articles</a>' in page.text
    assert "Quay Times" in client.get("/articles?outlet=Quay+Times").text


# -- 10: story page by wording, coverage chart, copy direction ----------------------------------

def test_story_page_has_one_card_per_wording_and_a_coverage_chart(client):
    page = _main(client.get("/stories/st1").text)
    chart = re.search(r'<svg class="coverage-chart".*?</svg>', page, re.S).group(0)
    assert chart.count("<circle") == 3  # one article a day, by three outlets
    for outlet in ("Harbour &lt;Gazette&gt;", "Quay Times", "Dock Wire"):
        assert outlet in chart
    tariff = page[page.index('href="/statements/s-tariff"') - 400:]
    tariff = tariff[:tariff.index("</article>")]
    # two wordings of the statement carried by three outlets: "not" twice, "never" once
    assert tariff.count('class="variant wording') == 2
    assert "2 outlets, same wording" in tariff
    assert "3 versions in 3 outlets, 2 wordings" in tariff


def _copy_store(path) -> None:
    """A paper that ran a wire story stored before the wire's own article, the same day; a third
    copy without a date."""
    text = "VALMORA, March 3 (HPA) — The harbour closed at dawn.\nCranes stood still all day."
    paper = Article(source="paper.txt", raw=text, text=text, id="paper", title="Harbour closed", outlet="Daily Quay",
                    published="2025-03-03", author="Harbour Press Agency", story="s",
                    meta={"cues": [{"kind": "outlet", "value": "HPA", "rule": "dateline"}]})
    wire = Article(source="wire.txt", raw=text, text=text, id="wire", title="Harbour closed",
                   outlet="Harbour Press Agency", published="2025-03-03", story="s",
                   meta={"cues": [{"kind": "outlet", "value": "HPA", "rule": "dateline"}]})
    undated = Article(source="undated.txt", raw=text, text=text, id="undated", title="Harbour closed",
                      outlet="Bay Monthly", story="s")
    store = Store(path)
    articles = [undated, paper, wire]  # input order: the undated copy, then the paper, then the wire
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        for a in articles:
            store.set_story(a.id, "s")
        content = "The harbour closed at dawn"
        at = text.index(content)
        quotes = [Quote(id=f"{a.id}-q", article=a.id, kind="indirect", text=content, spans=[(at, at + len(content))],
                        cue="said", speaker="Port office", said_on=None, statement="s-closed", topics=[])
                  for a in articles]
        store.add_quotes(quotes, [speaker_key(None, "Port office")] * len(quotes))
        store.set_duplicate_of([("undated", "paper"), ("undated", "wire")])  # as input order had it
        store.add_similar([("paper", "wire", 1.0), ("paper", "undated", 1.0), ("undated", "wire", 1.0)])
    store.close()


def test_copy_direction_comes_from_credits_and_dates_not_input_order(tmp_path, make_app):
    db = tmp_path / "copies.db"
    _copy_store(db)
    with Store(db, readonly=True) as store:
        originals = query.copy_originals(store, ["paper", "wire", "undated"])
        copies = query.story_copies(store, "s")
    assert originals == {"wire": None, "paper": "wire", "undated": "wire"}
    assert all(c["earlier"] == "wire" for c in copies if "wire" in (c["earlier"], c["later"]))
    assert all(c["later"] == "undated" for c in copies if "undated" in (c["earlier"], c["later"]))
    client = TestClient(make_app(db))
    story = _main(client.get("/stories/s").text)
    assert story.count('copy of <a href="/articles/wire">Harbour Press Agency</a>') == 2
    article = client.get("/articles/paper").text
    assert '<strong>copy of</strong> <a href="/articles/wire">' in article
    assert "<strong>copy of</strong>" not in client.get("/articles/wire").text
    assert "date unknown" in client.get("/articles/undated").text
    # the statement all three carry was first reported by the wire, not the paper read before it
    statement = _main(client.get("/statements/s-closed").text)
    assert re.search(r'First reported by\s*<a href="/articles/wire">Harbour Press Agency</a>', statement)


def test_credits_name_an_outlet_by_name_or_abbreviation():
    assert query.credits_outlet("CPA", "Carvessan Press Agency")
    assert query.credits_outlet("MNW", "Meridian Newswire")
    assert query.credits_outlet("carvessan press agency", "Carvessan Press Agency")
    assert not query.credits_outlet("CPA", "Carvessa Today")
    assert not query.credits_outlet("Jane Doe", "Carvessan Press Agency")


# -- 12: wording ------------------------------------------------------------------------------

def test_counts_agree_with_their_numbers_and_unknown_outlets_are_not_counted():
    assert render.counted(1, "quote") == "1 quote" and render.counted(2, "quote") == "2 quotes"
    assert render.counted(1, "story") == "1 story" and render.counted(1204, "story") == "1,204 stories"
    variants = [{"outlet": "Quay Times", "article": "a"}, {"outlet": None, "article": "b"}]
    assert render.carried_by(variants) == "1 outlet and 1 article of unknown outlet"
    assert render.carried_by([{"outlet": None, "article": "b"}]) == "1 article of unknown outlet"


def test_pages_say_1_quote_1_article_1_outlet(client):
    home = _main(client.get("/").text)
    assert "1 quote" in home and "1 quotes" not in home  # Brunvik
    assert "1 article · 1 outlet ·" in home  # the ferry story
    assert "1 articles" not in home and "1 outlets" not in home and "0 outlets" not in home
    story = _main(client.get("/stories/st2").text)
    assert "1 article · 1 outlet ·" in story
    person = _main(client.get("/people/pbrun").text)
    assert "Quoted</span> 1 time," in person and "1 distinct statement" in person


def test_a_span_of_dates_is_one_unbreakable_piece_and_says_unknown_once():
    from jinja2 import Environment, FileSystemLoader

    from quotetrail.web.app import HERE

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True)
    span = env.from_string('{% from "macros.html" import span %}{{ span(a, b) }}')
    assert span.render(a=None, b=None) == '<span class="span-of-days"><span class="muted">dates unknown</span></span>'
    assert "–" not in span.render(a="2025-03-01", b="2025-03-01")
    assert span.render(a="2025-03-01", b="2025-03-02").count("<time") == 2


def test_the_title_is_not_repeated_as_the_first_line(tmp_path, make_app):
    db = tmp_path / "title.db"
    text = "Harbour closed at dawn\nThe harbour closed at dawn on Monday, officials said."
    article = Article(source="t.txt", raw=text, text=text, id="t1", title="Harbour closed at dawn.", outlet="Quay",
                      published="2025-03-03", story="s")
    store = Store(db)
    with store.transaction():
        store.add_articles(list(zip([article], fingerprints([text]))))
    store.close()
    page = _main(TestClient(make_app(db)).get("/articles/t1").text)
    assert page.count("Harbour closed at dawn") == 1  # the title only
    assert "The harbour closed at dawn on Monday" in page


# -- 13: topics distinctive within the store ----------------------------------------------------

def _statements_store(path, n_other: int = 30) -> None:
    """A person whose statements all mention the story's place and a common word, each with one
    phrase of its own; others who use the common word too."""
    person = {"id": "pkor", "name": "Ada Korval", "kind": "person", "quotes": 3, "aliases": ["Ada Korval", "Korval"],
              "descriptions": [], "articles": []}
    other = {"id": "poth", "name": "Ben Other", "kind": "person", "quotes": n_other, "aliases": ["Ben Other"],
             "descriptions": [], "articles": []}
    rows = [("k1", person, ["Valmora", "strike", "grain convoy"]), ("k2", person, ["Valmora", "strike", "ferry fares"]),
            ("k3", person, ["Korval", "strike", "crane repairs"])]
    rows += [(f"o{i}", other, ["strike", f"subject {chr(97 + i % 26)}{i}"]) for i in range(n_other)]
    articles, quotes = [], []
    for i, (aid, who, topics) in enumerate(rows):
        text = f"{who['name']} said: \"Statement {aid} about things\" today."
        a = Article(source=f"{aid}.txt", raw=text, text=text, id=aid, title="Valmora strike goes on",
                    outlet="Quay", published=f"2025-03-{1 + i % 28:02d}", story="st")
        content = f"Statement {aid} about things"
        start = text.index(content)
        articles.append(a)
        quotes.append(Quote(id=f"{aid}-q", article=aid, kind="direct", text=content, spans=[(start, start + len(content))],
                            cue="said", speaker=who["name"], speaker_id=who["id"], said_on=a.published,
                            said_on_precision="day", statement=f"s-{aid}", topics=topics))
    store = Store(path)
    with store.transaction():
        store.add_articles(list(zip(articles, fingerprints([a.text for a in articles]))))
        for a in articles:
            store.set_story(a.id, "st")
        store.add_quotes(quotes, [speaker_key(q.speaker_id, q.speaker) for q in quotes])
        store.save_people([person, other])
    store.close()


def test_person_page_topics_leave_out_common_words_and_the_storys_names(tmp_path, make_app):
    db = tmp_path / "topics.db"
    _statements_store(db)
    page = _main(TestClient(make_app(db)).get("/people/pkor").text)
    tags = re.search(r'<ul class="tags">(.*?)</ul>', page, re.S).group(1)
    shown = re.findall(r'>([^<>]+?) <span class="muted">', tags)
    assert sorted(shown) == ["crane repairs", "ferry fares", "grain convoy"]
    assert "Valmora" not in tags and "strike" not in tags and "Korval" not in tags
    # a topic typed in still finds the statements that carry it, though it is not shown
    filtered = TestClient(make_app(db)).get("/people/pkor?topic=strike").text
    assert len(re.findall(r'<li class="statement" id="st-', filtered)) == 3


def test_person_statement_stories_are_those_of_the_statements_the_view_reads(tmp_path):
    from .conftest import build_store

    build_store(tmp_path / "web.db")
    s = Store(tmp_path / "web.db", readonly=True)
    try:
        assert query.person_statement_stories(s, "pmira") == {"s-tariff": "st1", "s-cranes": "st1", "s-ferry": "st2"}
        for since, until in (("2025-03-02", None), (None, "2025-03-01"), ("2025-03-02", "2025-03-31")):
            days = query.person_statement_days(s, "pmira", since=since, until=until)
            stories = query.person_statement_stories(s, "pmira", since=since, until=until)
            assert len(days) and set(stories) == set(days.statements)
    finally:
        s.close()


def test_distinctive_topics_rank_rare_phrases_first():
    from quotetrail.statements.topics import distinctive_topics, story_names, topic_weights

    lists = [["strike", "port"]] * 40 + [["grain convoy", "strike"], ["Valmora", "ferry fares", "fares"],
                                         ["Port of Valmora", "customs rules", "Ivo Brandt"]]
    weights = topic_weights(lists)
    assert weights.common("strike") and not weights.common("ferry fares")
    names = story_names("Valmora port at standstill", ["Ivo Brandt", "Brandt"])
    assert distinctive_topics(["strike", "grain convoy"], weights, leave_out=names) == ["grain convoy"]
    assert distinctive_topics(["Valmora", "ferry fares", "fares"], weights, leave_out=names) == ["ferry fares"]
    assert distinctive_topics(["Port of Valmora", "customs rules", "Ivo Brandt"], weights,
                              leave_out=names) == ["customs rules"]
    # without the story's names, a name of its own stays, after the rarer phrase
    assert distinctive_topics(["Valmora", "ferry fares"], weights) == ["ferry fares", "Valmora"]
    # a name most of a story's statements carry is the story's own
    assert "dravnik" in story_names(None, [], [["Dravnik", "a"], ["Dravnik"], ["b"], ["Dravnik", "c"]])


def test_api_search_finds_a_persons_quotes_by_a_spelling_alike(client):
    found = client.get("/api/search", params={"q": "Okonkvo"}).json()
    assert [p["id"] for p in found["people"]] == ["pmira"]
    assert {q["statement"] for q in found["quotes"]} == {"s-tariff", "s-cranes", "s-ferry"}
