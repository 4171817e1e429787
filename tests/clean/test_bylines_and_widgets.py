from quotetrail.clean import clean_text
from quotetrail.clean.boilerplate import classify
from quotetrail.clean.cues import byline

BODY = "The harbour authority said on Monday that ships would be allowed back into the port by Thursday."


def test_byline_becomes_the_author_and_leaves_the_text():
    result = clean_text("By Hugh Tennant\n" + BODY)
    assert result.text == BODY
    assert [(r.text, r.reason) for r in result.removed] == [("By Hugh Tennant", "byline")]
    assert {"kind": "author", "value": "Hugh Tennant"}.items() <= result.cues[0].items()


def test_sentences_starting_with_by_are_not_bylines():
    assert byline("By the way, the mayor said the port would reopen.") is None
    assert byline("By Friday the strike had spread to three other ports.") is None
    assert classify("By Monday evening the queue of ships stretched past the breakwater.") is None


def test_widget_strips_joined_by_separators_go_when_every_part_is_furniture():
    assert classify("Advertisement · Scroll to continue") == "boilerplate:promo"
    assert classify("Listen to this article · 4 min") == "boilerplate:ui"
    assert classify("Ports | Valmora | Strike") is None  # a tag line of topics is not UI


def test_long_copyright_footer_that_opens_with_the_mark():
    line = ("(c) 2025 Northshore Post. All rights reserved. Republication or redistribution of this content is "
            "prohibited without prior written consent.")
    assert classify(line) == "boilerplate:copyright"
    assert classify("The court found that the copyright of the photographs, all rights reserved, stayed with the "
                    "agency, a ruling the paper said it would appeal in the coming weeks.") is None
