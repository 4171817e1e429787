"""Quotations in plain ASCII single marks ('…'), as scraped text and British outlets write them.

Every sentence here is invented for the test (people, places, outlets)."""
import pytest

from quotetrail.quotes import find_quotations
from quotetrail.quotes.marks import curly_singles

from .conftest import offsets_of, only


def contents(text):
    return [[text[s:e] for s, e in r.spans(text)] for r in find_quotations(text)]


# -- pairing: a mark at a word's start opens, one at a word's end closes ----------------------------

@pytest.mark.parametrize("text, quoted", [
    ("The minister said 'it is over'.", "it is over"),
    ("'We will not go back,' she told reporters.", "We will not go back"),
    ("Dorn replied ('No deal today') and left.", "No deal today"),
    ("'We want the players' union back at the table,' Dana Korvik said.", "We want the players' union back at the table"),
    ("'We love rock 'n' roll,' said Ilse Brandt.", "We love rock 'n' roll"),
    ("'It's over, and they know it,' Varga said.", "It's over, and they know it"),
])
def test_ascii_single_quotation_is_paired(text, quoted):
    assert contents(text) == [[quoted]]


@pytest.mark.parametrize("text", [
    "Fans of rock 'n' roll in the '90s backed the players' union over Jones' car.",
    "They told 'em to wait 'til dawn, as in the '08 race.",
    "The band's manager said they weren't coming.",
    "Tickets for the U.S.'s match sold out, the Harbor Kings' coach said.",
])
def test_elisions_and_possessives_pair_nothing(text):
    assert contents(text) == []


def test_an_unclosed_ascii_single_mark_is_no_quotation():
    assert contents("He said 'it is over and left.") == []


def test_parsed_as_curly_marks_with_the_same_offsets():
    text = "'We will not go back,' said the players' coach."
    assert curly_singles(text) == "‘We will not go back,’ said the players' coach."


# -- extraction -------------------------------------------------------------------------------------

def test_single_quoted_clause_after_said_is_direct(quotes_of):
    text = "The minister said 'it is over'."
    q = only(quotes_of(text))
    assert (q.kind, q.text, q.mention) == ("direct", "it is over", "The minister")


def test_single_quoted_quotation_before_its_attribution(quotes_of):
    text = "'We will not go back,' Mara Lind told reporters."
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.spans) == ("direct", "Mara Lind", offsets_of(text, "We will not go back"))


def test_clause_with_single_quoted_words_is_mixed_and_whole(quotes_of):
    # the bare ' would be parsed as an apostrophe (a possessive, "'s"): parsed as ‘…’ it is not
    text = "Varga says Dorn 'absolutely right' in saying docks reduced to rubble."
    q = only(quotes_of(text))
    assert (q.kind, q.mention, q.text) == ("mixed", "Varga", "Dorn 'absolutely right' in saying docks reduced to rubble")


def test_single_quoted_scare_word_is_no_statement(quotes_of):
    assert quotes_of("The mayor wrote the 'harbor' budget in one night.") == []


def test_possessive_inside_reported_clause_is_no_mark(quotes_of):
    q = only(quotes_of("Korvik said the players' union would meet Jones' lawyers."))
    assert (q.kind, q.text) == ("indirect", "the players' union would meet Jones' lawyers")


# -- a subhead in single marks is nobody's statement ------------------------------------------------

QUOTE = "'We will not go back,' Mara Lind told reporters after the vote."
AFTER = "The council met again on Tuesday."


@pytest.mark.parametrize("subhead", ["'All Bets Are Off.'", "‘A Harbor Divided’", "'A new chapter'"])
def test_single_quoted_subhead_joins_no_quote(quotes_of, subhead):
    text = f"{QUOTE}\n\n{subhead}\n\n{AFTER}"
    q = only(quotes_of(text))
    assert q.spans == offsets_of(text, "We will not go back")


def test_single_quoted_sentence_paragraph_goes_on_with_the_quote(quotes_of):
    text = f"{QUOTE}\n\n'We will keep fighting for every family in this town.'\n\n{AFTER}"
    q = only(quotes_of(text))
    assert q.text == "We will not go back … We will keep fighting for every family in this town."
    assert q.mention == "Mara Lind"


def test_single_quoted_subhead_alone_is_no_statement(quotes_of):
    assert quotes_of(f"The council met on Monday.\n\n'All Bets Are Off.'\n\n{AFTER}") == []
