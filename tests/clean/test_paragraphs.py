"""Glue repair and hard-wrap joining: splits where a space went missing, nowhere else."""
from hypothesis import given, strategies as st

from quotetrail.clean import clean_text
from quotetrail.clean.paragraphs import raw_paragraphs, split_glued


def test_glued_sentences_after_closing_quote_and_plain_period_are_split():
    text = ("The minister spoke to the press in the capital.“We will not give up,” she said, "
            "adding that help was needed beforehand.”It may take weeks.Officials declined to comment.")
    assert split_glued(text) == [
        "The minister spoke to the press in the capital.",
        "“We will not give up,” she said, adding that help was needed beforehand.”",
        "It may take weeks.",
        "Officials declined to comment.",
    ]


def test_split_keeps_every_character():
    text = "Talks ended on Monday.At a briefing, the envoy said more was needed?Nobody knew.”Then silence."
    pieces = split_glued(text)
    assert len(pieces) == 4
    assert "".join(pieces) == text


def test_abbreviations_initials_decimals_and_urls_are_not_split():
    for text in (
        "The U.S.President and the U.K.Prime Minister met in Washington D.C. on Monday to talk.",
        "Growth was 3.5 percent, said Mr.Jones of the central bank in a long statement today.",
        "Author J.R.Tolkien and Dr.Smith visited the archive at www.Example.org together on Friday.",
        "Shares rose 2.7% in early trading, according to figures published on the exchange website.",
    ):
        assert split_glued(text) == [text], text


def test_acronym_before_glue_is_split_but_headline_names_are_not():
    assert split_glued("Ministers met at NATO.The talks lasted four hours and ended without a deal.") == [
        "Ministers met at NATO.", "The talks lasted four hours and ended without a deal."]
    headline = "Startup Launches Trade.Market Platform For Small Businesses"
    assert split_glued(headline) == [headline]


def test_straight_quotes_are_split_on_the_right_side():
    text = 'The talks went badly."We are not done yet," the envoy said."Tomorrow we try again."'
    assert split_glued(text) == ['The talks went badly.', '"We are not done yet," the envoy said.',
                                 '"Tomorrow we try again."']


def test_hard_wrapped_lines_are_joined_into_one_paragraph():
    raw = "The committee will meet again\nnext week to discuss the\nproposal in detail.\nA second paragraph starts here."
    paras = raw_paragraphs(raw)
    assert [p.text for p in paras] == [
        "The committee will meet again next week to discuss the proposal in detail.",
        "A second paragraph starts here.",
    ]
    assert paras[0].source.count("\n") == 2


def test_clean_text_outputs_split_paragraphs_one_per_line():
    raw = ("Rain flooded several streets in the old town overnight.Residents were moved to a school gym.\n\n"
           "“We lost everything,” one resident told reporters.")
    assert [line for line in clean_text(raw).text.split("\n") if line] == [
        "Rain flooded several streets in the old town overnight.",
        "Residents were moved to a school gym.",
        "“We lost everything,” one resident told reporters.",
    ]


_sentence = st.from_regex(r"[A-Z][a-z]{2,8}( [a-z]{2,8}){2,6}[.!?][”\"]?", fullmatch=True)


@given(st.lists(_sentence, min_size=1, max_size=6), st.sampled_from(["", " "]))
def test_split_never_loses_or_adds_characters(sentences, glue):
    text = glue.join(sentences)
    assert "".join(split_glued(text)) == text
