from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article
from quotetrail.store.sqlite import Store
from quotetrail.stories import cosine, days_apart, linked, story_vector
from quotetrail.stories.corpus import StoryLinker

PORT = ("Dockworkers in Valmora extended their strike on {day}, and the harbour authority said cranes at the "
        "Northbank terminal stayed idle. Union leader Ivo Brandt said the stoppage would go on until the pay offer "
        "improved. Refrigerated containers of fruit are piling up at the quay, exporters warned.")
TRAMS = ("Brenholt council approved the tram budget on {day}, ending months of argument over fares. Councillors "
         "voted for the plan, which raises the price of a single ticket and adds night lines across the river.")


def test_vectors_weigh_distinctive_words_over_common_ones():
    vector = story_vector("Strike goes on", PORT.format(day="Monday"))
    assert list(vector)[0] in {"valmora", "dockworkers", "brandt", "northbank"}
    assert "the" not in vector and vector.get("said", 0) < vector["valmora"] / 4
    assert abs(sum(v * v for v in vector.values()) - 1) < 0.01
    same = story_vector("Strike enters second week", PORT.format(day="Tuesday"))
    other = story_vector("Tram fares rise", TRAMS.format(day="Monday"))
    assert cosine(vector, same) > 0.6 > 0.1 > cosine(vector, other)


def test_time_makes_moderate_similarity_enough():
    assert linked(0.65, None) and linked(0.35, 3)
    assert not linked(0.35, None) and not linked(0.35, 40) and not linked(0.2, 0)
    assert days_apart("2025-03-01", "2025-03-11") == 10 and days_apart(None, "2025-03-01") is None


def add(store, linker, source, title, text, published, copies=()):
    article = Article(source=source, raw=text, text=text, title=title, published=published)
    with store.transaction():
        store.add_articles([(article, fingerprints([text])[0])])
        return article.id, linker.add(article.id, story_vector(title, text), published, list(copies))


def test_stories_form_and_merge_when_an_article_bridges_them(tmp_path):
    store = Store(tmp_path / "s.db")
    linker = StoryLinker(store)
    a, story_a = add(store, linker, "a", "Port strike", PORT.format(day="Monday"), None)
    t, story_t = add(store, linker, "t", "Tram fares", TRAMS.format(day="Monday"), "2025-03-03")
    assert story_a != story_t
    b, story_b = add(store, linker, "b", "Port strike goes on", PORT.format(day="Tuesday"), "2025-03-04")
    assert story_b == story_a
    # an unrelated text that copies the tram article joins its story through the copy link
    c, story_c = add(store, linker, "c", "Note", "A short unrelated note about weather in the hills.", None,
                     copies=[t])
    assert story_c == story_t
    # an article linked to both stories merges them
    d, story_d = add(store, linker, "d", "Roundup", "Unrelated roundup text about many things.", None, copies=[a, t])
    assert len(set(store.stories_of([a, b, c, d, t]).values())) == 1
