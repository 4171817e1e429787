"""A whole quotation right after its cue, with no comma or colon: a direct quote, however short.

Every sentence here is invented for the test (people, places, outlets)."""
import pytest

from .conftest import assert_one_quote, offsets_of, only


# -- the marks enclose the whole reported clause -----------------------------------------------

@pytest.mark.parametrize("text, mention, cue, content", [
    ("Vik said “the budget is balanced” and left.", "Vik", "said", "the budget is balanced"),
    ('He said "we will win" before leaving.', "He", "said", "we will win"),
    ("She told reporters “nothing has been decided” on Friday.", "She", "told", "nothing has been decided"),
    ("Dorn told the council “the bridge will close” last week.", "Dorn", "told", "the bridge will close"),
    ("Dorn said “the bridge will close” when the council met.", "Dorn", "said", "the bridge will close"),
    ("Mayor Varga said that “the harbor is safe” on Monday.", "Mayor Varga", "said", "the harbor is safe"),
])
def test_whole_quotation_after_the_cue_is_direct(quotes_of, text, mention, cue, content):
    assert_one_quote(quotes_of(text), text, "direct", mention, cue, content)


def test_a_long_whole_quotation_with_a_long_time_phrase_after_it(quotes_of):
    text = 'Dorn said "we will win" before leaving the hall for the airport with his aides on a cold Friday night.'
    q = only(quotes_of(text))
    assert (q.kind, q.text, q.spans) == ("direct", "we will win", offsets_of(text, "we will win"))


# -- what must not change ------------------------------------------------------------------------

def test_comma_before_the_quotation_stays_direct(quotes_of):
    text = "Vik said, “the budget is balanced.”"
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.cue, q.text) == ("direct", "Vik", "said", "the budget is balanced.")
    assert q.spans == offsets_of(text, "the budget is balanced.")


@pytest.mark.parametrize("text, content", [
    # only part of the reported clause is quoted
    ("Vik said the budget was “balanced at last” and left.", "the budget was “balanced at last” and left"),
    # the quotation is the subject of a clause that goes on after it
    ("Vik said “boots on the harbor” would be a mistake.", "“boots on the harbor” would be a mistake"),
    # the clause goes on after the closing mark with the speaker's words, not the time they spoke
    ("Dorn said “the levy still matters” in Dorland, including on ferries.",
     "“the levy still matters” in Dorland, including on ferries"),
    # two quotations in one clause
    ('Dorn said "we will win" and "we will not give up."', '"we will win" and "we will not give up."'),
])
def test_part_of_the_clause_in_marks_stays_mixed(quotes_of, text, content):
    q = only(quotes_of(text))
    assert (q.kind, q.text) == ("mixed", content)


def test_naming_verb_keeps_its_name_a_label(quotes_of):
    # what a naming verb names is a label the namer gave, not a statement in its own right
    qs = quotes_of("Dorn called Varga “Little Ilsa” at the rally.")
    assert [(q.kind, q.text) for q in qs] == [("mixed", "Varga “Little Ilsa”")]


def test_scare_quoted_term_is_unchanged(quotes_of):
    text = "The council said the levy would curb so-called “fast lane” traffic."
    q = only(quotes_of(text))
    assert (q.kind, q.text) == ("indirect", "the levy would curb so-called “fast lane” traffic")
