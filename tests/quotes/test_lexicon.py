"""The prefilter's word list compiled as a trie: the same matches as a plain alternation."""
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from quotetrail.quotes import lexicon, may_hold_statement
from quotetrail.quotes.lexicon import literal_alternation


def plain(literals):
    return "|".join(re.escape(w) for w in literals)


def test_a_trie_shares_beginnings_and_keeps_every_literal():
    assert literal_alternation(["say", "said", "says", "sa"]) == "sa(?:id|ys?)?"
    assert literal_alternation(["put", "put it"]) == r"put(?:\ it)?"
    whole = re.compile(r"(?i)\b(?:" + literal_alternation(["warn", "warned", "warning", "war"]) + r")\b")
    assert [m.group() for m in whole.finditer("War, WARNED warns warning wart")] == ["War", "WARNED", "warning"]


@settings(max_examples=300, deadline=None)
@given(literals=st.lists(st.text(alphabet="abc .", min_size=1, max_size=5), min_size=1, max_size=12),
       text=st.text(alphabet="abcABC .x", max_size=40))
def test_the_trie_finds_what_the_alternation_finds(literals, text):
    for flags in ("", "(?i)"):
        ours = re.compile(flags + r"\b(?:" + literal_alternation(literals) + r")\b")
        theirs = re.compile(flags + r"\b(?:" + plain(literals) + r")\b")
        assert (ours.search(text) is None) == (theirs.search(text) is None)
        assert ours.fullmatch(text) is None or theirs.fullmatch(text) is not None
        assert {text[i:j] for i in range(len(text) + 1) for j in range(i, len(text) + 1)
                if theirs.fullmatch(text[i:j])} == {text[i:j] for i in range(len(text) + 1)
                                                     for j in range(i, len(text) + 1) if ours.fullmatch(text[i:j])}


def test_the_prefilter_accepts_every_reporting_form_and_phrase_and_nothing_around_them():
    for form in lexicon.PHRASES + lexicon.SURFACE_FORMS:
        assert may_hold_statement(f"Then the mayor {form} something."), form
        assert may_hold_statement(f"{form.upper()}: the port"), form
    assert not may_hold_statement("Sayers Bridge closed in winter.")  # a form inside a word is no form
    assert not may_hold_statement("Unsaid, the ferry left Northbridge at noon.")
