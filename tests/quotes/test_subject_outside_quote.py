"""A quotation that opens after its clause's subject, attributed by a cue after it: the statement
is the whole clause, a mixed quote from the subject to the closing mark.

Every sentence here is invented for the test (people, places, outlets)."""
import pytest

from .conftest import assert_one_quote, offsets_of, only


# -- the subject outside the marks is part of the statement --------------------------------------

@pytest.mark.parametrize("text, mention, cue, content", [
    ("However, both sides “will have to give ground to end the strike,” according to Senator Hal Dorn.",
     "Senator Hal Dorn", "according to", "both sides “will have to give ground to end the strike,”"),
    ("The council “has failed every family in this town,” Mayor Lena Vik said.",
     "Mayor Lena Vik", "said", "The council “has failed every family in this town,”"),
    ("Prices “will keep rising through the winter,” the minister told reporters.",
     "the minister", "told", "Prices “will keep rising through the winter,”"),
    # an inverted cue, and a conjunction before the subject that is the writer's link
    ("But the ferry company “has broken every promise it made,” said Ada Morrow.",
     "Ada Morrow", "said", "the ferry company “has broken every promise it made,”"),
    # however few words are quoted
    ("However, both sides “will pay,” according to Senator Hal Dorn.",
     "Senator Hal Dorn", "according to", "both sides “will pay,”"),
])
def test_quoted_predicate_with_its_subject_outside_is_mixed(quotes_of, text, mention, cue, content):
    assert_one_quote(quotes_of(text), text, "mixed", mention, cue, content)


def test_statement_goes_on_in_a_quotation_after_the_cue(quotes_of):
    text = "The council “has failed every family in this town,” Vik said, “and it must resign now.”"
    q = only(quotes_of(text))
    first = "The council “has failed every family in this town,”"
    assert (q.kind, q.mention, q.cue) == ("mixed", "Vik", "said")
    assert q.spans[0] == offsets_of(text, first)[0]
    assert q.spans[1] == offsets_of(text, "and it must resign now.")[0]
    assert q.text == first + " … and it must resign now."


def test_clause_going_on_past_the_cue_is_one_mixed_quote(quotes_of):
    # the parse gives the cue the whole clause, both quotations and its own words as a hole
    text = 'However, Dorn "has broken every promise he made to us," Vik said, and "should resign before the vote."'
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.cue) == ("mixed", "Vik", "said")
    assert q.spans[0][0] == text.index("Dorn")
    assert q.text.startswith('Dorn "has broken every promise')
    assert q.text.endswith('and "should resign before the vote."')
    assert q.text == " … ".join(text[s:e] for s, e in q.spans)


# -- what must not change ------------------------------------------------------------------------

@pytest.mark.parametrize("text, mention, content", [
    # the whole sentence in the marks, inverted cue
    ("“The council has failed every family in this town,” Mayor Lena Vik said.",
     "Mayor Lena Vik", "The council has failed every family in this town"),
    ("“Both sides will have to give ground to end the strike,” according to Senator Hal Dorn.",
     "Senator Hal Dorn", "Both sides will have to give ground to end the strike"),
    # a quotation after a colon starts its own sentence
    ("Mayor Lena Vik said: “The council has failed every family in this town.”",
     "Mayor Lena Vik", "The council has failed every family in this town."),
    # after a sentence adverbial, the whole clause is in the marks
    ("In the end, “the council has failed every family in this town,” Vik said.",
     "Vik", "the council has failed every family in this town"),
])
def test_whole_clause_in_the_marks_stays_direct(quotes_of, text, mention, content):
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.text) == ("direct", mention, content)
    assert q.spans == offsets_of(text, content)


def test_ordinary_mixed_quote_is_unchanged(quotes_of):
    text = "Vik said the plan was “a disgrace”."
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.cue, q.text) == ("mixed", "Vik", "said", "the plan was “a disgrace”")
    assert q.spans == offsets_of(text, "the plan was “a disgrace”")


def test_scare_quoted_term_with_an_inverted_cue_stays_indirect(quotes_of):
    text = "The “observer” teams will stay at the harbor until spring, Vik said."
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.text) == ("indirect", "Vik", "The “observer” teams will stay at the harbor until spring")

