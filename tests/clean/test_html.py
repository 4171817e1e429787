"""With the page's HTML, link-dense blocks that trafilatura lets through are removed, and nothing
of the article trafilatura found is lost."""
import pytest
import trafilatura

from quotetrail.clean import clean_text
from quotetrail.clean.links import link_blocks
from quotetrail.clean.shape import alnum_key

TITLE = "Council approves transit budget"
ARTICLE = [
    "The city council voted on Tuesday to approve a new budget for public transport, ending months of debate.",
    "“This is a good day for everyone who rides the bus,” said council member Ana Ortiz after the vote.",
    'The plan adds twelve new routes and lowers fares for students, according to <a href="/plan">the published plan</a>.',
    "Opponents argued that the budget relies on optimistic revenue forecasts and could force cuts later.",
    '<a href="/mayor">The mayor is expected to sign the measure into law before the end of the month, officials said.</a>',
]
JUNK = {
    "teaser_list": """<h3>More news</h3><ul>
<li><a href="/a">Celebrity chef opens third restaurant downtown</a> The new venue seats 200 guests.</li>
<li><a href="/b">Local team wins regional football championship</a> A late goal settled it.</li>
<li><a href="/c">Ten gadgets you need this summer</a> Our pick of the season.</li></ul>""",
    "linked_paragraphs": """<p><a href="/a">Celebrity chef opens third restaurant downtown</a></p>
<p><a href="/b">Local team wins regional football championship</a></p>
<p><a href="/c">Ten gadgets you need this summer</a></p>""",
    "plain_list": """<ul><li><a href="/a">Celebrity chef opens third restaurant downtown</a></li>
<li><a href="/b">Local team wins regional football championship</a></li>
<li><a href="/c">Ten gadgets you need this summer</a></li></ul>""",
}


def page(junk: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in ARTICLE[:3]) + junk + "".join(f"<p>{p}</p>" for p in ARTICLE[3:])
    return f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{paras}</article></body></html>"


def text_of(fragment: str) -> str:
    import lxml.html
    return lxml.html.fromstring(f"<p>{fragment}</p>").text_content()


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


@pytest.mark.parametrize("kind", sorted(JUNK))
def test_cleaned_output_keeps_all_of_trafilaturas_article_and_less_junk(kind):
    html = page(JUNK[kind])
    extracted = trafilatura.extract(html)
    article_keys = {alnum_key(text_of(p)) for p in ARTICLE}
    extracted_article = [line for line in lines(extracted) if alnum_key(line) in article_keys]
    extracted_junk = [line for line in lines(extracted) if alnum_key(line) not in article_keys and alnum_key(line) != alnum_key(TITLE)]
    assert extracted_junk, "the page must leak junk through trafilatura for this test to mean anything"

    result = clean_text(extracted, TITLE, html)
    cleaned = lines(result.text)
    assert all(line in cleaned for line in extracted_article)  # recall: nothing of the article lost
    assert len(extracted_article) == len(ARTICLE)
    assert cleaned == extracted_article  # precision: every leaked line gone
    assert {r.reason for r in result.removed} <= {"title", "related-links", "related-links:link-density"}
    assert "related-links:link-density" in {r.reason for r in result.removed}


def test_link_density_is_measured_per_block():
    html = page(JUNK["plain_list"])
    blocks = link_blocks(html)
    assert blocks[alnum_key("Ten gadgets you need this summer")].density == 1.0
    inline = blocks[alnum_key(text_of(ARTICLE[2]))]
    assert 0.1 < inline.density < 0.5
    assert blocks[alnum_key(ARTICLE[0])].density == 0.0


def test_fully_linked_article_sentence_outside_a_link_list_is_kept():
    html = page("")
    result = clean_text(trafilatura.extract(html), TITLE, html)
    assert text_of(ARTICLE[4]) in lines(result.text)


def test_broken_or_empty_html_changes_nothing():
    raw = "\n".join(text_of(p) for p in ARTICLE)
    assert clean_text(raw, html="<<<not html").text == clean_text(raw).text
    assert clean_text(raw, html="   ").text == clean_text(raw).text


def test_each_block_gets_its_own_containers_link_density():
    # Many containers, alternately link lists and prose with a few links: a cache keyed by id() of
    # lxml's short-lived element proxies could hand one container's density to another.
    parts = []
    for n in range(60):
        links = "".join(f"<li><a href='/{n}/{k}'>Headline number {n} {k}</a></li>" for k in range(3))
        parts.append(f"<ul>{links}</ul>")
        prose = (f"Paragraph {n} of the article reports at length what the council decided, with only "
                 f"<a href='/x{n}'>one</a>, <a href='/y{n}'>two</a> and <a href='/z{n}'>three</a> short links.")
        parts.append(f"<div><p>{prose}</p></div>")
    blocks = link_blocks("<html><body>" + "".join(parts) + "</body></html>")
    for n in range(60):
        assert blocks[alnum_key(f"Headline number {n} 1")].list_density == 1.0
        prose_key = next(k for k in blocks if k.startswith(alnum_key(f"Paragraph {n} of the")))
        assert blocks[prose_key].list_density < 0.2


def test_lines_with_non_ascii_characters_find_their_blocks():
    quote = "“This is a good day for everyone who rides the bus,” said council member Ana Ortiz – café owner."
    blocks = link_blocks(f"<html><body><p>{quote}</p><ul><li><a href='/a'>Ein Bürgermeister spricht</a></li></ul></body></html>")
    assert alnum_key(quote) in blocks
    assert blocks[alnum_key("Ein Bürgermeister spricht")].density == 1.0
