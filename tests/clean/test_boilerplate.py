"""Generic page furniture goes with its reason; article sentences that share its words stay."""
import pytest

from quotetrail.clean import clean_article, clean_text
from quotetrail.model import Article

BODY = [
    "The regional water authority said on Monday that reservoir levels had fallen to their lowest point in a decade.",
    "“We are asking every household to cut its use by a fifth,” the authority's director, Lena Varga, told reporters.",
    "Farmers in the valley have already reduced irrigation, and two towns have started trucking in drinking water.",
]


def reasons(result):
    return {r.text.strip(): r.reason for r in result.removed}


@pytest.mark.parametrize("line, reason", [
    ("This website uses cookies.", "boilerplate:cookie"),
    ("We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.", "boilerplate:cookie"),
    ("Accept all cookies", "boilerplate:cookie"),
    ("share facebook twitter whatsapp email print", "boilerplate:share"),
    ("Share on Facebook", "boilerplate:share"),
    ("Wait 5 sec.", "boilerplate:ui"),
    ("Continue reading", "boilerplate:ui"),
    ("3 min read", "boilerplate:ui"),
    ("Click photo to enlarge", "boilerplate:ui"),
    ("ADVERTISEMENT", "boilerplate:promo"),
    ("Sign up for our free morning newsletter", "boilerplate:promo"),
    ("More stories like this are available on example.org", "boilerplate:promo"),
    ("© 2023 Example Media Group. All rights reserved.", "boilerplate:copyright"),
    ("Daily Planet | © 2021 | Home", "boilerplate:copyright"),
    ("Comments", "comments"),
    ("No comments yet", "comments"),
    ("Leave a comment", "comments"),
    ("Read more: Heatwave expected to last into next week", "related-links"),
    ("Also read:Ten tips for saving water at home", "related-links"),
    ("You might also like: Best hiking trails in the region", "related-links"),
    ("Earlier: Minister Warns Of Rationing As Dry Spell Deepens", "related-links"),
    ("* * *", "boilerplate:ui"),
])
def test_furniture_line_is_removed_with_reason(line, reason):
    raw = "\n".join([BODY[0], line, BODY[1], BODY[2]])
    result = clean_text(raw)
    assert result.text.split("\n") == BODY
    assert reasons(result) == {line: reason}


@pytest.mark.parametrize("sentence", [
    "The regulator fined the retailer because its website used cookies to track children without consent.",
    "Earlier: the minister said the rationing plan would be reviewed every two weeks until the rains return.",
    "“Share what you have with your neighbours,” the mayor said, urging residents to print and post the notice.",
    "The company reported that all rights reserved for the founders would expire in two years under the deal.",
    "He said readers could subscribe to the council's alerts, and that the newsletter would explain each step in detail for farmers.",
])
def test_article_sentences_that_mention_furniture_words_are_kept(sentence):
    raw = "\n".join([BODY[0], sentence, BODY[1]])
    result = clean_text(raw)
    assert sentence in result.text.split("\n")


def test_hard_wrapped_legal_disclaimer_block_goes_whole_and_names_the_provider():
    disclaimer = (
        "Disclaimer:\n"
        "Acme Wire provides the\n"
        "information “as is” without warranty of any kind. We accept no\n"
        "responsibility or liability for the accuracy or completeness of\n"
        "the content of this page. For complaints, contact the publisher."
    )
    raw = "\n".join(BODY) + "\n\n" + disclaimer
    result = clean_text(raw)
    assert result.text.split("\n") == BODY
    assert [r.reason for r in result.removed] == ["boilerplate:legal", "boilerplate:legal"]
    assert "without warranty" in result.removed[1].text
    assert {"kind": "outlet", "value": "Acme Wire"}.items() <= result.cues[0].items()


def test_disclaimer_without_heading_needs_legal_terms_and_reader_address():
    legal = ("The views expressed in this article do not necessarily reflect those of the publisher, "
             "and we accept no liability for its accuracy.")
    lawsuit = ("The court held the company liable for copyright infringement and questioned the accuracy "
               "of its filings, Judge Ann Lee wrote.")
    result = clean_text("\n".join(BODY + [legal, lawsuit]))
    assert reasons(result) == {legal: "boilerplate:legal"}
    assert lawsuit in result.text


@pytest.mark.parametrize("prefix, outlet", [
    ("(Bloomberg) — ", "Bloomberg"),
    ("(ACME) ", "ACME"),
    ("LISBON (Reuters) - ", "Reuters"),
])
def test_dateline_stays_in_the_text_and_gives_an_outlet_cue(prefix, outlet):
    raw = prefix + BODY[0] + "\n" + BODY[1]
    result = clean_text(raw)
    assert result.text == raw  # the dateline is article text
    assert result.cues[0]["kind"] == "outlet" and result.cues[0]["value"] == outlet
    assert result.cues[0]["text"] == prefix.strip()
    assert result.removed == []


def test_caps_place_dateline_is_a_dateline_cue_not_an_outlet():
    result = clean_text("GENEVA — " + BODY[0])
    assert result.text == "GENEVA — " + BODY[0]
    assert result.cues[0]["kind"] == "dateline" and result.cues[0]["value"] == "GENEVA"


def test_parenthesis_at_start_of_ordinary_sentence_is_not_a_dateline():
    line = "(Updated with comment from the mayor.) The council met late into the night to discuss it."
    assert clean_text(line).text == line


def test_title_repeated_as_first_line_is_removed():
    title = "Reservoirs Hit Decade Low as Drought Deepens"
    result = clean_text(title + "\n\n" + "\n".join(BODY), title=title)
    assert result.text.split("\n") == BODY
    assert [(r.text, r.reason) for r in result.removed] == [(title, "title")]
    # Without a title, nothing is guessed away.
    assert clean_text(title + "\n" + "\n".join(BODY)).text.split("\n")[0] == title


def test_clean_article_fills_text_removed_cues_and_outlet():
    raw = "(Acme Wire) — " + BODY[0] + "\n" + BODY[1] + "\nThis website uses cookies."
    article = Article(source="x.txt", raw=raw, meta={"html": None})
    clean_article(article)
    assert article.text.split("\n") == ["(Acme Wire) — " + BODY[0], BODY[1]]
    assert article.outlet == "Acme Wire"
    assert article.meta["cues"][0]["value"] == "Acme Wire"
    assert "html" not in article.meta
    assert [r.reason for r in article.removed] == ["boilerplate:cookie"]
    kept = Article(source="y.txt", raw=raw, outlet="Known Outlet")
    assert clean_article(kept).outlet == "Known Outlet"


def test_site_promo_gives_a_site_cue_used_when_no_outlet_cue():
    article = Article(source="z.txt", raw="\n".join(BODY) + "\nMore stories like this are available on example.org")
    clean_article(article)
    assert article.outlet == "example.org"
