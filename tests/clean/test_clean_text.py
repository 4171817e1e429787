"""A whole scraped article with every kind of junk: the body comes out whole and once."""
from quotetrail.clean import clean_text

TITLE = "Harbour Bridge Reopens After Two-Year Repair"
BODY = [
    "The harbour bridge reopened to traffic on Saturday after a two-year repair that cost the city 80 million euros.",
    "Engineers replaced all 312 steel cables and resurfaced the deck, the city's transport office said in a statement.",
    "Rebuilt cables",
    "“The cables were older than most of the people who drive across them,” chief engineer Piet Moll said.",
    "Ferry operators, who carried commuters during the closure, said they expected passenger numbers to fall by half.",
]
RAW = "\n".join([
    TITLE,
    "",
    "Wait 10 sec.",
    "(Harbour Wire) — " + BODY[0] + BODY[1],
    "Read more: Mayor Opens New Cycle Path Along The Canal",
    BODY[2],
    BODY[3],
    BODY[4],
    BODY[0],
    BODY[1],
    "",
    "share facebook twitter email print",
    "Disclaimer:",
    "Harbour Wire provides the information as is and accepts",
    "no liability for the accuracy of the content of this page.",
    "Most Popular",
    "Pop Singer Announces Farewell Concert Series",
    "Pop Singer Announces Farewell Concert Series",
    "Bridge Tolls To Rise Next Year, Council Says",
    "© 2024 Harbour Wire | All rights reserved",
    "This site uses cookies.",
    "3 Comments",
])


def test_whole_article_is_cleaned():
    result = clean_text(RAW, TITLE)
    # the wire dateline is article text: it stays at the start of the first paragraph
    assert result.text.split("\n") == ["(Harbour Wire) — " + BODY[0]] + BODY[1:]
    reasons = [r.reason for r in result.removed]
    assert reasons == [
        "title", "boilerplate:ui", "related-links", "repeat:body", "repeat:body",
        "boilerplate:share", "boilerplate:legal", "boilerplate:legal",
        "related-links", "related-links", "related-links", "related-links",
        "boilerplate:copyright", "boilerplate:cookie", "comments",
    ]
    assert [c["value"] for c in result.cues if c["kind"] == "outlet"] == ["Harbour Wire", "Harbour Wire"]


def test_cleaning_is_idempotent():
    once = clean_text(RAW, TITLE).text
    twice = clean_text(once, TITLE)
    assert twice.text == once
    assert twice.removed == []


def test_sub_heading_right_after_a_list_heading_is_not_swallowed():
    raw = "\n".join(BODY[:2] + ["Related", "Pop Singer Announces Farewell Concert Series", "Rebuilt cables"] + BODY[3:])
    result = clean_text(raw)
    assert result.text.split("\n") == BODY


def test_empty_input():
    assert clean_text("").text == ""
    assert clean_text("\n\n  \n").removed == []
