"""Scare quotes inside a reported clause: a quoted term or label is not a partial quotation.

Every sentence here is invented for the test (people, places, outlets)."""
import pytest


def kinds(quotes):
    return [(q.kind, q.mention, q.text) for q in quotes]


# -- a term or a label in marks leaves the statement what it is without them -----------------

@pytest.mark.parametrize("text, mention, content", [
    # a proper adjective naming a model, in a headline in sentence case
    ("Mayor Varga rejects ‘Danish’ harbor settlement plan",
     "Mayor Varga", "‘Danish’ harbor settlement plan"),
    # a noun used as a label inside the object of a phrasal cue
    ('The vote comes as Dorn has pushed for the deployment of "observer" teams to the harbor in the event of a strike.',
     "Dorn", 'the deployment of "observer" teams to the harbor'),
    # a name in use (a show, a title)
    ('The broadcaster announced that Lina Ostrova is joining the "Morning Desk" show as a host.',
     "The broadcaster", 'Lina Ostrova is joining the "Morning Desk" show as a host'),
    # whatever follows "so-called" is a term
    ('The council said the levy would curb so-called "fast lane" traffic.',
     "The council", 'the levy would curb so-called "fast lane" traffic'),
])
def test_scare_quoted_term_leaves_the_clause_indirect(quotes_of, text, mention, content):
    assert kinds(quotes_of(text)) == [("indirect", mention, content)]


@pytest.mark.parametrize("text", [
    "The mayor wrote the “harbor” budget in one night.",
    "Dorn told the “river” committee about the flood.",
])
def test_object_kept_only_for_its_scare_quotes_is_no_statement(quotes_of, text):
    # without the marks neither object is a statement: with a label in marks it is not one either
    assert quotes_of(text) == []


def test_title_case_headline_with_a_quoted_word_is_still_no_statement(quotes_of):
    assert quotes_of("Varga Rejects ‘Nordic’ Bridge Toll Scenario") == []


# -- the speaker's own words stay a mixed quote --------------------------------------------------

@pytest.mark.parametrize("text, mention, content", [
    ("Dorn said Varga is “ready and willing to seek a fair deal” with the union.",
     "Dorn", "Varga is “ready and willing to seek a fair deal” with the union"),
    ("Dorn insists that they “be drafted both for the city and the port.”",
     "Dorn", "they “be drafted both for the city and the port.”"),
    # one quoted word, but a predicate: the speaker's own judgement
    ("The mayor said the audit was “inconclusive”.", "The mayor", "the audit was “inconclusive”"),
    # an evaluating adjective in the noun phrase is quoted as the speaker's word too
    ('The union said the board made a "phony" offer.', "The union", 'the board made a "phony" offer'),
    # what a naming verb names is what was said
    ("Dorn called Varga “Little Ilsa” at the rally.", "Dorn", "Varga “Little Ilsa”"),
])
def test_speakers_own_words_stay_mixed(quotes_of, text, mention, content):
    assert kinds(quotes_of(text)) == [("mixed", mention, content)]


def test_a_label_beside_the_speakers_words_keeps_the_quote_mixed(quotes_of):
    qs = quotes_of('Dorn said the "observer" teams were "a waste of everyone\'s time" and should leave.')
    assert [q.kind for q in qs] == ["mixed"]
    assert "a waste of everyone's time" in qs[0].text
