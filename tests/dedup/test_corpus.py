from quotetrail.dedup.corpus import Deduplicator
from quotetrail.dedup.fingerprints import fingerprints, paragraph_hashes
from quotetrail.model import Article
from quotetrail.store.sqlite import Store

WIRE = (
    "Dock workers in the port city of Valmora walked off the job on Monday after talks over night-shift pay collapsed.\n"
    "The strike halted loading at four of the port's six terminals, according to the harbour authority, which said "
    "ships were already queueing in the outer roads by evening.\n"
    "Union organiser Tomas Rell told reporters the walkout would continue until the operators returned to the table "
    "with a written offer on overtime and rest breaks.\n"
    "The operators' association said in a statement that it regretted the disruption and remained ready to talk.\n"
    "Shipping agents warned that perishable cargo, mostly fruit from the southern valleys, would spoil within days."
)
EDITED = WIRE.replace("on Monday", "on Monday morning").replace("mostly fruit", "chiefly fruit").rsplit("\n", 1)[0]
OTHER = (
    "The city council of Brenholt approved a new budget for its tram network late on Thursday, ending months of "
    "argument over fares.\nCouncillors voted eleven to four for the plan, which raises the price of a single ticket "
    "and adds two night lines across the river district."
)


def add(store, dedup, articles):
    prints = fingerprints([a.text for a in articles])
    with store.transaction():
        store.add_articles(list(zip(articles, prints)))
        for a, fp in zip(articles, prints):
            dedup.add(a.id, fp)
        return dedup.resolve()


def article(source, text, published):
    return Article(source=source, raw=text, text=text, published=published)


def test_copies_point_to_the_earliest(tmp_path):
    store = Store(tmp_path / "s.db")
    dedup = Deduplicator(store)
    wire = article("a.txt", WIRE, "2025-03-03")
    verbatim = article("b.txt", WIRE, "2025-03-04")
    edited = article("c.txt", EDITED, "2025-03-05")
    other = article("d.txt", OTHER, "2025-03-04")
    found = add(store, dedup, [verbatim, edited, other, wire])
    assert (found.exact, found.near) == (1, 1)
    got = {a.source: a.duplicate_of for a in store.iter_articles()}
    assert got == {"a.txt": None, "b.txt": wire.id, "c.txt": wire.id, "d.txt": None}
    scores = {s["id"]: s["score"] for s in store.get_article(wire.id).similar}
    assert scores[verbatim.id] == 1.0 and 0.5 <= scores[edited.id] < 1.0 and other.id not in scores


def test_an_earlier_copy_arriving_later_becomes_the_original(tmp_path):
    store = Store(tmp_path / "s.db")
    dedup = Deduplicator(store)
    late = article("late.txt", WIRE, "2025-03-09")
    add(store, dedup, [late])
    assert store.get_article(late.id).duplicate_of is None
    early = article("early.txt", EDITED, "2025-03-01")
    found = add(store, dedup, [early])
    assert (found.exact, found.near) == (0, 1)  # the stored article became a copy of the new one
    assert store.get_article(late.id).duplicate_of == early.id
    assert store.get_article(early.id).duplicate_of is None


def test_shared_paragraphs_are_found_across_articles(tmp_path):
    store = Store(tmp_path / "s.db")
    dedup = Deduplicator(store)
    lead = WIRE.split("\n")[2]
    first = article("x.txt", OTHER + "\n" + lead, "2025-03-02")
    second = article("y.txt", "Different opening words about harbour traffic and tides in the bay today.\n" + lead,
                     "2025-03-03")
    add(store, dedup, [first, second])
    assert store.shared_paragraphs(second.id) == [{"paragraph": 1, "articles": [first.id]}]
    assert store.paragraphs_shared_count() == 1
    assert paragraph_hashes("too short to count\n" + lead)[0][0] == 1


def fresh_count(store) -> int:
    return store.db.execute(
        "SELECT COUNT(*) FROM (SELECT hash FROM paragraphs GROUP BY hash HAVING COUNT(DISTINCT article) > 1)"
    ).fetchone()[0]


def test_the_shared_paragraph_count_is_kept_as_articles_arrive(tmp_path):
    store = Store(tmp_path / "s.db")
    dedup = Deduplicator(store)
    lines = WIRE.split("\n")
    own = ["Tidal charts for the bay were revised again by the harbour office this week after complaints.",
           "A ferry captain said the new schedule left the morning crossing short of crew on weekends.",
           "The museum on the quay reopened its maritime hall after a winter of roof repairs and repainting."]
    batches = [
        [article("a.txt", own[0] + "\n" + lines[1], "2025-03-01")],
        # two new carriers of one paragraph in one batch, and a third carrier of an already shared one
        [article("b.txt", own[1] + "\n" + lines[2], "2025-03-02"), article("c.txt", own[2] + "\n" + lines[2], "2025-03-02"),
         article("d.txt", lines[1] + "\n" + lines[3], "2025-03-03")],
        [article("e.txt", lines[1] + "\n" + lines[3] + "\n" + own[0], "2025-03-04")],
    ]
    for batch in batches:
        add(store, dedup, batch)
        assert store._kept_shared() == fresh_count(store)
    assert store.paragraphs_shared_count() == fresh_count(store) == 4


def test_a_store_without_a_current_count_counts_afresh_once_and_keeps_it(tmp_path):
    store = Store(tmp_path / "s.db")
    dedup = Deduplicator(store)
    lines = WIRE.split("\n")
    add(store, dedup, [article("a.txt", lines[1] + "\n" + lines[2], "2025-03-01")])
    with store.transaction():  # as a store from an earlier release: no kept count
        store.db.execute("DELETE FROM meta WHERE key = ?", (Store.SHARED_KEY,))
    add(store, dedup, [article("b.txt", lines[2] + "\n" + lines[3], "2025-03-02")])
    assert store._kept_shared() is None
    assert store.paragraphs_shared_count() == 1 and store._kept_shared() == 1
    add(store, dedup, [article("c.txt", lines[3] + "\n" + lines[4], "2025-03-03")])
    assert store._kept_shared() == fresh_count(store) == 2
