"""Corpus-level people: merging variants across articles, keeping namesakes apart, increments."""
from __future__ import annotations

import json

import pytest

from quotetrail.people import PeopleIndex, given_names_compatible, names_compatible, parse_name, resolve_article, translit_key


def add(index, nlp, make_quote, article_id, text, quotes_spec):
    """quotes_spec: list of (content, mention) pairs; returns the built quotes after indexing."""
    quotes = [make_quote(text, c, m, qid=f"{article_id}-{i}", article=article_id) for i, (c, m) in enumerate(quotes_spec)]
    people = resolve_article(nlp(text), quotes)
    index.add_article(article_id, quotes, people)
    return quotes


@pytest.mark.parametrize("a,b", [("Zelensky", "Zelenskyy"), ("Zelenskiy", "Zelenskij"), ("Zelenskyi", "Zelensky")])
def test_surname_transliterations_share_a_key(a, b):
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize("a,b,same", [
    ("Vladimir", "Volodymyr", True), ("Wolodymyr", "Volodymyr", True), ("Dmitry", "Dmytro", True),
    ("Aleksandr", "Oleksandr", True), ("V.", "Vladimir", True),
    ("Hillary", "Bill", False), ("Mark", "Mary", False), ("Maria", "Mario", False), ("Donald", "Daniel", False),
])
def test_given_name_equivalence(a, b, same):
    assert given_names_compatible(a, b) is same


def test_name_compatibility_rules():
    assert names_compatible(parse_name("Vladimir Zelensky"), parse_name("Volodymyr Zelenskyy"))
    assert not names_compatible(parse_name("Donald Trump"), parse_name("Donald Tusk"))
    assert not names_compatible(parse_name("Hillary Clinton"), parse_name("Bill Clinton"))
    assert not names_compatible(parse_name("George H. W. Bush"), parse_name("George W. Bush"))
    assert names_compatible(parse_name("Donald J. Trump"), parse_name("Donald Trump"))


def test_cross_article_variants_merge(nlp, make_quote):
    index = PeopleIndex()
    q1 = add(index, nlp, make_quote, "a1",
             "Ukrainian President Volodymyr Zelensky spoke in Kyiv.\n“We need guarantees first,” Zelensky said.\n",
             [("We need guarantees first", "Zelensky")])
    q2 = add(index, nlp, make_quote, "a2",
             "Volodymyr Zelenskyy addressed parliament on Monday.\n“Nobody will decide for us,” Zelenskyy said.\n",
             [("Nobody will decide for us", "Zelenskyy")])
    q3 = add(index, nlp, make_quote, "a3",
             "Vladimir Zelenskiy gave an interview to a German channel.\n“The front is holding,” Zelenskiy said.\n",
             [("The front is holding", "Zelenskiy")])
    q4 = add(index, nlp, make_quote, "a4",
             "“Winter will be hard for everyone,” Zelenskij told reporters in Lviv.\n",
             [("Winter will be hard for everyone", "Zelenskij")])
    ids = {q[0].speaker_id for q in (q1, q2, q3, q4)}
    assert len(ids) == 1 and None not in ids
    (row,) = [r for r in index.people() if r["id"] in ids]
    assert row["quotes"] == 4
    assert {"Volodymyr Zelensky", "Volodymyr Zelenskyy", "Vladimir Zelenskiy", "Zelenskij"} <= set(row["aliases"])
    assert row["name"] in {"Volodymyr Zelensky", "Volodymyr Zelenskyy"}  # a "Volodymyr" form: 2 of 3 full forms
    assert "Ukrainian President" in row["descriptions"]
    assert q4[0].speaker == row["name"]
    index.refresh([q[0] for q in (q1, q2, q3)])  # earlier quotes got the name canonical at the time
    assert all(q[0].speaker == row["name"] for q in (q1, q2, q3, q4))


def test_canonical_name_is_most_frequent_full_form(nlp, make_quote):
    index = PeopleIndex()
    for i, name in enumerate(["Dmitry Peskov", "Dmitri Peskov", "Dmitri Peskov"]):
        add(index, nlp, make_quote, f"a{i}", f"“No comment on that,” {name} told reporters.\n",
            [("No comment on that", name)])
    (row,) = index.people()
    assert row["name"] == "Dmitri Peskov"
    assert set(row["aliases"]) == {"Dmitry Peskov", "Dmitri Peskov"}


def test_same_surname_different_people_stay_apart(nlp, make_quote):
    index = PeopleIndex()
    h = add(index, nlp, make_quote, "a1", "“I will keep fighting,” Hillary Clinton said in New York.\n",
            [("I will keep fighting", "Hillary Clinton")])
    b = add(index, nlp, make_quote, "a2", "“I am proud of my record,” Bill Clinton said in Little Rock.\n",
            [("I am proud of my record", "Bill Clinton")])
    trump = add(index, nlp, make_quote, "a3", "“It will be a great deal,” Donald Trump said in Florida.\n",
                [("It will be a great deal", "Donald Trump")])
    tusk = add(index, nlp, make_quote, "a4", "“Europe must stay united,” Donald Tusk said in Warsaw.\n",
               [("Europe must stay united", "Donald Tusk")])
    putin = add(index, nlp, make_quote, "a5", "“Russia is ready to talk,” Vladimir Putin said in Moscow.\n",
                [("Russia is ready to talk", "Vladimir Putin")])
    other = add(index, nlp, make_quote, "a6", "“The season starts next week,” Igor Putin, a football coach, said.\n",
                [("The season starts next week", "Igor Putin")])
    ids = [q[0].speaker_id for q in (h, b, trump, tusk, putin, other)]
    assert len(set(ids)) == 6
    # A bare surname with two known Clintons is not forced onto either of them.
    bare = add(index, nlp, make_quote, "a7", "“That was a long time ago,” Clinton said.\n",
               [("That was a long time ago", "Clinton")])
    assert bare[0].speaker_id not in {h[0].speaker_id, b[0].speaker_id}
    # A bare surname with one known person of that name joins them.
    tusk2 = add(index, nlp, make_quote, "a8", "“We will help Ukraine,” Tusk said in Brussels.\n",
                [("We will help Ukraine", "Tusk")])
    assert tusk2[0].speaker_id == tusk[0].speaker_id


def test_organisations_and_unresolved_descriptions_in_index(nlp, make_quote):
    index = PeopleIndex()
    text = "“The claims are baseless,” the Kremlin said.\nRussia's foreign secretary said the talks were over.\n"
    q_org = make_quote(text, "The claims are baseless", "the Kremlin", qid="x1", article="x")
    q_desc = make_quote(text, "the talks were over", "Russia's foreign secretary", qid="x2", article="x")
    index.add_article("x", [q_org, q_desc], resolve_article(nlp(text), [q_org, q_desc]))
    assert q_org.speaker == "Kremlin" and q_org.speaker_id is not None
    assert index.get(q_org.speaker_id)["kind"] == "organisation"
    assert q_desc.speaker == "Russia's foreign secretary" and q_desc.speaker_id is None


def test_incremental_add_after_from_rows(nlp, make_quote):
    first = PeopleIndex()
    q1 = add(first, nlp, make_quote, "a1",
             "Kremlin spokesperson Dmitry Peskov spoke on Friday.\n“Moscow is ready for talks,” Peskov said.\n",
             [("Moscow is ready for talks", "Peskov")])
    rows = json.loads(json.dumps(first.to_rows()))  # what a store would persist
    second = PeopleIndex.from_rows(rows)
    q2 = add(second, nlp, make_quote, "a2",
             "Dmitri Peskov, the Kremlin spokesman, spoke on Monday.\n“There is nothing new,” Peskov said.\n",
             [("There is nothing new", "Peskov")])
    assert q2[0].speaker_id == q1[0].speaker_id
    (row,) = second.people()
    assert row["quotes"] == 2
    assert {"Kremlin spokesperson", "Kremlin spokesman"} <= set(row["descriptions"])
    assert {"Dmitry Peskov", "Dmitri Peskov", "Peskov"} <= set(row["aliases"])
    # Adding an article the index already holds changes no counts but still fills the quotes.
    again = add(second, nlp, make_quote, "a1",
                "Kremlin spokesperson Dmitry Peskov spoke on Friday.\n“Moscow is ready for talks,” Peskov said.\n",
                [("Moscow is ready for talks", "Peskov")])
    assert again[0].speaker_id == q1[0].speaker_id
    assert second.people()[0]["quotes"] == 2
    assert set(second.people()[0]) >= {"id", "name", "aliases", "descriptions", "quotes"}
