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
