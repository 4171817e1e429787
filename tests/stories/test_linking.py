"""Story linking rules, each on small invented texts (fictional places, people and outlets)."""
import math

import pytest

from quotetrail import stories
from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article
from quotetrail.store.sqlite import Store
from quotetrail.stories import StoryIndex, cosine, days_apart, linked, story_vector, threshold
from quotetrail.stories.corpus import StoryLinker

PORT = ("Dockworkers in Valmora extended their strike on {day}, and the harbour authority said cranes at the "
        "Northbank terminal stayed idle. Union leader Ivo Brandt said the stoppage would go on until the pay offer "
        "improved. Refrigerated containers of fruit are piling up at the quay, exporters warned.")
TRAMS = ("Brenholt council approved the tram budget on {day}, ending months of argument over fares. Councillors "
         "voted for the plan, which raises the price of a single ticket and adds night lines across the river.")
TEMPLATE = "Get email alerts from the Corvel Gazette. Sign in to your account to read more local stories daily."
TOWNS = ["Arlow", "Bexmoor", "Caddin", "Dunhollow", "Elsworth", "Fenmarch", "Garrow", "Hessel", "Ilvane", "Jorrick",
         "Kelbrook", "Lortham", "Mavendale", "Norrow", "Oskelby", "Pellin", "Quarrin", "Rusk", "Selvay", "Tarnley"]


def shooting(town: str, street: str, victim: str, detail: str) -> str:
    """A local crime brief: generic words every such brief shares, and this event's own."""
    return (f"A man was shot on {street} in {town} on Saturday night, police said. {victim} was taken to the "
            f"hospital with injuries. {detail} Police said the shooting appeared to be accidental and asked "
            f"anyone with information to call the department.")


def corpus_of_briefs(index: StoryIndex, template: str = "") -> None:
    """Twenty unrelated briefs, so the index knows which words every brief carries."""
    for n, town in enumerate(TOWNS):
        text = shooting(town, f"{town} Road", f"Victim{n} Oddly", f"Neighbours in {town} heard {n + 2} shots.")
        vector = index.weigh(story_vector(f"Shooting in {town}", text + " " + template))
        index.place(f"brief{n}", vector, f"2025-01-{n + 1:02d}")


def test_vectors_count_words_titles_twice_without_stop_words():
    counts = story_vector("Strike goes on", PORT.format(day="Monday"))
    assert counts["strike"] == 3 and counts["dockworkers"] == 1  # title twice + text once
    assert "the" not in counts and "on" not in counts


def test_names_inside_a_sentence_count_more_than_common_words():
    counts = story_vector(None, "Police said the Mayor of Valmora left. Nobody saw Ivo Brandt at the quay.")
    assert counts["valmora"] == counts["ivo"] == counts["brandt"] == counts["mayor"] == stories.NAMES
    assert counts["police"] == counts["saw"] == counts["quay"] == 1  # a sentence's first word, lower case


def test_corpus_frequencies_discount_what_every_article_says():
    index = StoryIndex()
    corpus_of_briefs(index)
    vector = index.weigh(story_vector("Shooting in Zennor", shooting("Zennor", "Quill Lane", "Ada Penhale", "")))
    assert list(vector)[0] in {"zennor", "quill", "penhale", "ada"}
    assert vector.get("police", 0) < vector["zennor"] / 3 and vector.get("shooting", 0) < vector["zennor"] / 3


def test_site_template_text_does_not_make_unrelated_articles_alike():
    index = StoryIndex()
    corpus_of_briefs(index, TEMPLATE)  # every earlier article of the site carries the template
    a = index.weigh(story_vector("Bakery wins prize", "The Pell Street bakery won the county bread prize. " + TEMPLATE))
    b = index.weigh(story_vector("Bridge closes", "The Ostry bridge closes for repairs in spring. " + TEMPLATE))
    assert cosine(a, b) < stories.NEAR
    assert index.place("bakery", a, "2025-02-01")[0] != index.place("bridge", b, "2025-02-01")[0]


def test_the_same_event_joins_and_a_similar_other_event_does_not():
    index = StoryIndex()
    corpus_of_briefs(index)
    first = index.weigh(story_vector("Man shot on Quill Lane in Zennor",
                                     shooting("Zennor", "Quill Lane", "Ada Penhale", "Her brother Tam Penhale saw it.")))
    story, _ = index.place("z1", first, "2025-02-01")
    again = index.weigh(story_vector("Zennor shooting: Ada Penhale recovering",
                                     shooting("Zennor", "Quill Lane", "Ada Penhale", "Tam Penhale called police.")))
    assert index.place("z2", again, "2025-02-02")[0] == story
    other = index.weigh(story_vector("Man shot in Yarrow",
                                     shooting("Yarrow", "Mill Street", "Bo Kettering", "Two cars were hit.")))
    assert index.place("y1", other, "2025-02-02")[0] != story


def test_a_follow_up_weeks_later_joins_when_its_text_says_it_is_the_same_event():
    assert threshold(3) == stories.NEAR < threshold(30) == stories.FOLLOW_UP < threshold(200) == stories.FAR
    index = StoryIndex()
    corpus_of_briefs(index)
    first = index.weigh(story_vector("Man shot on Quill Lane in Zennor",
                                     shooting("Zennor", "Quill Lane", "Ada Penhale", "Her brother Tam Penhale saw it.")))
    story, _ = index.place("z1", first, "2025-02-01")
    arrest = index.weigh(story_vector(
        "Arrest in Quill Lane shooting of Ada Penhale",
        "Zennor police arrested a man in the Quill Lane shooting that wounded Ada Penhale. Tam Penhale, her "
        "brother, said the family was relieved. The suspect appears in Zennor court on Monday."))
    assert index.place("z2", arrest, "2025-02-25")[0] == story  # 24 days later
    # the same moderate likeness a year later is another event
    assert not linked(0.35, 400) and linked(0.35, 24) and linked(0.35, 2)


def test_undated_articles_are_linked_on_text_alone():
    index = StoryIndex()
    corpus_of_briefs(index)
    a = index.weigh(story_vector(None, shooting("Zennor", "Quill Lane", "Ada Penhale", "Tam Penhale saw it.")))
    b = index.weigh(story_vector(None, shooting("Zennor", "Quill Lane", "Ada Penhale", "A neighbour called.")))
    story, _ = index.place("u1", a, None)
    assert index.place("u2", b, None)[0] == story


def title_fight(opponent: str, venue: str, round_: str, extra: str) -> str:
    return (f"Oren Valisko defended his heavyweight title by stopping {opponent} in the {round_} round at {venue}. "
            f"The champion thanked his trainer. {extra}")


def test_an_undated_pair_founds_a_story_only_on_stronger_evidence():
    # two title defences of one boxer against different opponents: alike, as two events of one kind are
    index = StoryIndex()
    corpus_of_briefs(index)
    first = index.weigh(story_vector(None, title_fight("Teodor Marsh", "Kelvar Arena", "seventh", "Marsh was hurt.")))
    other = index.weigh(story_vector(None, title_fight("Ansel Brook", "Dorrin Stadium", "sixth", "Brook was tired.")))
    similarity, bar = cosine(first, other), threshold(None, index.n + 1)
    assert bar <= similarity < bar + stories.PAIR  # enough for a story of several, not to found a pair
    story, _ = index.place("fight1", first, None)
    assert index.place("fight2", other, None)[0] != story
    # a report of the first fight that names the other opponent too is like both: it founds a pair with the
    # first, and the two single articles merge only on the same stronger evidence
    both = index.weigh(story_vector(None, title_fight("Teodor Marsh", "Kelvar Arena", "seventh", "Ansel Brook next.")))
    assert index.place("fight3", both, None) == (story, [])
    assert index.story_of["fight2"] != story


def test_a_young_corpus_asks_more_of_undated_text():
    assert threshold(None, 1) > threshold(None, 50) > threshold(None, 5000) >= stories.UNDATED
    assert threshold(2, 1) == threshold(2, 5000) == stories.NEAR


def test_no_chaining_an_article_must_be_like_the_story_as_a_whole():
    index = StoryIndex()
    corpus_of_briefs(index)
    words_a = "Quill Lane Zennor Penhale orchard lantern"
    words_b = "Quill Lane Zennor Penhale Brackett ferry"  # half like A ...
    words_c = "Brackett ferry Ostry Wendle kiln gazebo"  # ... half like C, C nothing like A
    sa, _ = index.place("a", index.weigh(story_vector(None, words_a)), "2025-02-01")
    sb, _ = index.place("b", index.weigh(story_vector(None, words_b)), "2025-02-01")
    assert sa == sb
    sc, _ = index.place("c", index.weigh(story_vector(None, words_c)), "2025-02-01")
    assert sc != sa


def test_two_stories_merge_only_when_they_are_alike_on_average():
    index = StoryIndex()
    corpus_of_briefs(index)
    x = index.weigh(story_vector(None, "Quill Lane Zennor orchard lantern"))
    y = index.weigh(story_vector(None, "Brackett ferry Ostry kiln"))
    sx, _ = index.place("x", x, "2025-02-01")
    sy, _ = index.place("y", y, "2025-02-01")
    assert sx != sy
    # an article sharing half of each is like both, but the two stories are not alike: no merge
    bridge = index.weigh(story_vector(None, "Quill Lane Zennor orchard Brackett ferry Ostry kiln"))
    story, merged = index.place("z", bridge, "2025-02-01")
    assert merged == [] and len({index.story_of[a] for a in "xyz"}) == 2


def add(store, linker, source, title, text, published, copies=()):
    article = Article(source=source, raw=text, text=text, title=title, published=published)
    with store.transaction():
        store.add_articles([(article, fingerprints([text])[0])])
        return article.id, linker.add(article.id, story_vector(title, text), published, list(copies))


def test_a_copy_lowers_the_bar_but_does_not_link_unrelated_text(tmp_path):
    store = Store(tmp_path / "s.db")
    linker = StoryLinker(store)
    t, story_t = add(store, linker, "t", "Tram fares", TRAMS.format(day="Monday"), "2025-03-03")
    # a template page the dedup stage calls a copy, with nothing of the tram story in its words
    c, story_c = add(store, linker, "c", "Note", "A short unrelated note about weather in the hills.", None, [t])
    assert story_c != story_t
    # evidence lowers the bar, never below FLOOR
    assert linked(0.17, 3, evidence=True) and not linked(0.17, 3) and not linked(0.1, 3, evidence=True)
    assert linked(0.3, None, evidence=True) and not linked(0.2, None)


def test_one_shared_routine_statement_is_no_link_two_are(tmp_path, monkeypatch):
    store = Store(tmp_path / "s.db")
    linker = StoryLinker(store)
    a, story_a = add(store, linker, "a", "Port strike", PORT.format(day="Monday"), "2025-03-03")
    seen = []
    real = linker.index.place

    def spy(article, vector, published, evidence=None):
        seen.append(dict(evidence or {}))
        return real(article, vector, published, evidence)

    monkeypatch.setattr(linker.index, "place", spy)
    monkeypatch.setattr(store, "shared_statement_articles", lambda article: {a: 1})
    add(store, linker, "b", "Weather", "Rain over the hills of Brenholt.", "2025-03-03")
    monkeypatch.setattr(store, "shared_statement_articles", lambda article: {a: 2})
    add(store, linker, "c", "Weather", "Rain over the hills of Brenholt again.", "2025-03-03")
    assert seen == [{}, {story_a: {"statements"}}]


# two stories, the port strike's over three weeks, the trams' with one undated article
FIVE_ARTICLES = [("p1", "Port strike", PORT.format(day="Monday"), "2025-03-03"),
                 ("t1", "Tram fares", TRAMS.format(day="Monday"), "2025-03-03"),
                 ("p2", "Port strike goes on", PORT.format(day="Tuesday"), "2025-03-04"),
                 ("t2", "Tram budget passes", TRAMS.format(day="Tuesday"), None),
                 ("p3", "Strike: week two", PORT.format(day="Friday"), "2025-03-20")]


def test_later_runs_give_the_stories_one_run_gives(tmp_path):
    texts = FIVE_ARTICLES

    def stories_of(split):
        store = Store(tmp_path / f"s{split}.db")
        ids = []
        for part in (texts[:split], texts[split:]):
            linker = StoryLinker(store)  # a new run rebuilds its index from the store
            ids += [add(store, linker, *t)[0] for t in part]
        got = store.stories_of(ids)
        return [got[i] for i in ids]

    once = stories_of(0)
    assert once == stories_of(2) == stories_of(4)
    assert once[0] == once[2] == once[4] and once[1] == once[3] and once[0] != once[1]


def test_days_apart():
    assert days_apart("2025-03-01", "2025-03-11") == 10 and days_apart(None, "2025-03-01") is None
    assert days_apart("9999-99-99", "2025-03-01") is None


def test_a_later_run_in_the_same_process_reuses_the_index_while_the_store_is_unchanged(tmp_path, monkeypatch):
    texts = [("p1", "Port strike", PORT.format(day="Monday"), "2025-03-03"),
             ("t1", "Tram fares", TRAMS.format(day="Monday"), "2025-03-03"),
             ("p2", "Port strike goes on", PORT.format(day="Tuesday"), "2025-03-04"),
             ("t2", "Tram budget passes", TRAMS.format(day="Tuesday"), None)]
    rebuilt = []
    real = Store.iter_story_index
    monkeypatch.setattr(Store, "iter_story_index", lambda self: rebuilt.append(1) or real(self))

    store = Store(tmp_path / "s.db")
    first = StoryLinker(store)
    ids = [add(store, first, *t)[0] for t in texts[:2]]
    first.keep()
    again = StoryLinker(Store(tmp_path / "s.db"))  # the next run, a new handle on the same file
    assert len(rebuilt) == 1 and again.index is first.index  # not read back from the store
    ids += [add(again.store, again, *t)[0] for t in texts[2:3]]
    again.keep()
    # another writer (a run in another process) adds an article: the kept index no longer
    # describes the store, and the next run here rebuilds it
    elsewhere = Store(tmp_path / "s.db")
    ids.append(_add_elsewhere(elsewhere, *texts[3]))
    later = StoryLinker(store)
    assert len(rebuilt) == 2  # read for "elsewhere"; here only when the run needs its index
    assert later.index is not again.index and len(rebuilt) == 3
    assert later.index.story_of[ids[3]] == later.index.story_of[ids[1]]
    got = store.stories_of(ids)
    assert got[ids[0]] == got[ids[2]] != got[ids[1]] == got[ids[3]]


def _add_elsewhere(store, source, title, text, published):
    """An article placed by a run of another process: its own linker, built from the store."""
    linker = StoryLinker.__new__(StoryLinker)
    linker.store, linker._key, linker._index = store, "elsewhere", StoryIndex()
    for article, vector, counts, day, story in store.iter_story_index():
        linker.index.restore(article, vector, counts or vector, day, story)
    return add(store, linker, source, title, text, published)[0]


def test_a_batch_places_and_stores_what_one_by_one_does(tmp_path):
    texts = FIVE_ARTICLES
    one = Store(tmp_path / "one.db")
    linker = StoryLinker(one)
    ids = [add(one, linker, *t)[0] for t in texts]

    batch = Store(tmp_path / "batch.db")
    articles = [Article(source=s, raw=text, text=text, title=title, published=day) for s, title, text, day in texts]
    with batch.transaction():
        batch.add_articles([(a, fingerprints([a.text])[0]) for a in articles])
        returned = StoryLinker(batch).add_batch(
            [(a.id, story_vector(a.title, a.text), a.published, []) for a in articles])
    assert [a.id for a in articles] == ids
    assert returned == [one.stories_of(ids)[i] for i in ids]
    assert batch.stories_of(ids) == one.stories_of(ids)
    assert batch.story_vectors(ids) == one.story_vectors(ids)


def test_a_run_that_brings_nothing_new_does_not_read_the_story_index(tmp_path, monkeypatch):
    from quotetrail import pipeline
    from quotetrail.engines.local import LocalEngine
    from quotetrail.stories import corpus

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Port strike\n\n" + PORT.format(day="Monday") + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("Tram fares\n\n" + TRAMS.format(day="Monday") + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    pipeline.run([str(folder)], store, engine=LocalEngine(workers=1))
    read_back = []
    real = Store.iter_story_index
    monkeypatch.setattr(Store, "iter_story_index", lambda self: read_back.append(1) or real(self))
    corpus._KEPT.clear()  # as in a new process
    again = pipeline.run([str(folder)], store, engine=LocalEngine(workers=1))  # every file already done
    assert again.stored == 0 and read_back == []
    (folder / "c.txt").write_text("Port strike goes on\n\n" + PORT.format(day="Tuesday") + "\n", encoding="utf-8")
    more = pipeline.run([str(folder)], store, engine=LocalEngine(workers=1))
    assert more.stored == 1 and read_back == [1]


def test_a_run_loads_the_background_frequencies_once_before_its_first_batch_and_only_with_work(tmp_path, monkeypatch):
    """The word list is loaded while a pool's workers would still be loading the model, not when
    the first results come back; a run with nothing to do does not load it."""
    from quotetrail import pipeline, stories
    from quotetrail.engines.local import LocalEngine

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Port strike\n\n" + PORT.format(day="Monday") + "\n", encoding="utf-8")
    store = Store(tmp_path / "s.db")
    events = []
    monkeypatch.setattr(stories, "load_background", lambda: events.append("load"))
    real_batch = pipeline.process_batch
    monkeypatch.setattr(pipeline, "process_batch", lambda docs, **kw: events.append("batch") or real_batch(docs, **kw))
    assert pipeline.run([str(folder)], store, engine=LocalEngine(workers=1)).stored == 1
    assert events == ["load", "batch"]
    events.clear()
    assert pipeline.run([str(folder)], store, engine=LocalEngine(workers=1)).stored == 0  # nothing new
    assert events == []


def test_background_frequencies_are_wordfreqs_with_or_without_loading_first():
    from wordfreq import zipf_frequency

    from quotetrail import stories

    stories.load_background()
    assert stories.background("harbour") == min(0.9, 1 - math.exp(-10 ** (zipf_frequency("harbour", "en") - 9)
                                                                  * stories.BACKGROUND_WORDS))
    assert stories.background("the") == 0.9 and 0 < stories.background("zzqxj") < 1e-5
