"""How the HTML reader calls trafilatura: comments out, layout tables in, stray NULs and scripts
written without spaces read like any page."""
from quotetrail import clean
from quotetrail.model import RawDocument
from quotetrail.read import BadInput, parse
from quotetrail.read.html import line_words

from .helpers import PARAGRAPHS, article_html


def _parse(page: str | bytes):
    data = page.encode("utf-8") if isinstance(page, str) else page
    return parse(RawDocument("p.html", "html", data, {"format": "html"}))


def test_comments_are_not_read_with_the_article():
    comments = ('<div id="comments" class="comments"><h3>Comments</h3>'
                '<div class="comment"><p>Total waste of public money if you ask me, they never learn anything.</p></div>'
                '<div class="comment"><p>My cousin works on the old ferry and says the crews are exhausted already.</p></div>'
                "</div>")
    page = article_html().replace("</article>", "</article>" + comments)
    article = _parse(page)
    assert article.raw.split("\n") == PARAGRAPHS
    assert "waste of public money" not in article.raw


def test_body_laid_out_in_a_table_is_read():
    cells = "".join(f"<tr><td>{p}</td></tr>" for p in PARAGRAPHS)
    page = ("<html><head><title>Ferry route to open</title></head><body>"
            "<table><tr><td><a href='/'>Home</a> <a href='/news'>News</a></td></tr>"
            f"<tr><td><table>{cells}</table></td></tr></table></body></html>")
    article = _parse(page)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.raw


def test_a_body_in_a_table_is_read_when_the_text_outside_tables_is_all_furniture():
    # Outside the table, a long paragraph of links to a publisher's other titles: it reads like
    # prose, so the reader prefers it, and the cleaner then removes every word of it.
    network = "; ".join(f"<a href='/t{i}'>The Orsa Weekly Gazette number {i}</a> (Dravnik)" for i in range(30))
    cells = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = ("<html><head><title>Ferry route to open</title></head><body>"
            f"<div class='footer'><p>{network}.</p></div>"
            f"<table><tr><td>{cells}</td></tr></table></body></html>")
    article = clean.clean_article(_parse(page))
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
        assert paragraph in article.raw  # provenance: the text the article came from
    assert "Gazette" not in article.text
    assert article.meta["extraction"] == "other table setting"
    assert "alternative_text" not in article.meta and "html" not in article.meta


def test_stray_nul_bytes_in_a_page_are_ignored():
    data = article_html().encode("utf-8")
    cut = data.index(b"<body")
    article = _parse(data[:cut] + b"\x00" + data[cut:].replace(b"</p>", b"</p>\x00", 1))
    assert article.raw.split("\n") == PARAGRAPHS


def test_many_nul_bytes_are_still_binary():
    data = article_html().encode("utf-8").replace(b" ", b"\x00")
    try:
        _parse(data)
    except BadInput as exc:
        assert "binary" in str(exc)
    else:
        raise AssertionError("a page that is mostly NULs was read")


JAPANESE = ["東京都は火曜日、新しいフェリー航路を春に開設すると発表した。資金をめぐる対立と乗組員不足で二年間遅れていた。",
            "島の議会の議長は「もう十分に待った。住民には本土との確かな交通手段が必要だ」と述べた。",
            "当局は最初の季節に一日約四百人の乗客を見込んでおり、来年には二隻目の船が加わる予定だという。"]


def test_japanese_article_counts_as_prose():
    page = article_html(paragraphs=JAPANESE).replace('lang="en"', 'lang="ja"')
    article = _parse(page)
    assert [line for line in JAPANESE if line in article.raw] == JAPANESE


def test_words_of_unspaced_scripts_are_counted_by_characters():
    assert line_words("The ferry will open in spring.") == 6
    assert line_words(JAPANESE[0]) >= 20
    assert line_words("ผู้ว่าราชการจังหวัดกล่าวว่าเรือข้ามฟากจะเปิดให้บริการในฤดูใบไม้ผลิ") >= 10
    assert line_words("メニュー") <= 2


STORY = [
    "The harbour authority said on Tuesday that the new ferry route would open in the spring, after two years of delays caused by funding disputes.",
    "Officials expect the service to carry about four hundred passengers a day in its first season, rising as a second vessel joins the fleet next year.",
    "Critics argue that the fares announced so far are too high for commuters, and several local groups have asked for subsidised passes.",
    "The regional government said it would consider the request once the first season's passenger figures are known next autumn.",
    "Construction of the new terminal building on the island side is expected to finish in February, two months behind schedule.",
]
STANDFIRST = "Ferry links to the island return this spring after a two-year wait, but commuters say the announced fares are far too high."


def _story_page(body: str) -> str:
    return ("<html><head><title>Ferry route to open</title></head><body><div id='main'><h1>Ferry route to open</h1>"
            f"{body}<div class='sidebar'><ul><li><a href='/a'>Other news one</a></li>"
            "<li><a href='/b'>Other news two</a></li></ul></div></div></body></html>")


def _paras(lines: list[str]) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def test_body_split_over_sibling_containers_is_read_whole():
    for tag in ("article", "div"):
        body = (f"<{tag} class='article-body'>{_paras(STORY[:3])}</{tag}><div class='ad-slot'>Advertisement</div>"
                f"<{tag} class='article-body'>{_paras(STORY[3:])}</{tag}>")
        assert _parse(_story_page(body)).raw.split("\n") == STORY, tag


def test_standfirst_outside_the_body_container_is_read_first():
    page = _story_page(f"<p class='standfirst'>{STANDFIRST}</p><article class='story-text'>{_paras(STORY)}</article>")
    assert _parse(page).raw.split("\n") == [STANDFIRST] + STORY


def test_other_prose_around_the_body_is_not_pulled_in():
    other = "<div class='promo-box'><p>Subscribers can read every story of the week in our weekend edition, delivered free.</p></div>"
    page = _story_page(f"<article class='story-text'>{_paras(STORY)}</article>{other}")
    assert _parse(page).raw.split("\n") == STORY


def test_blockquotes_and_embedded_posts_keep_their_quoted_speech():
    tweet = ("<blockquote class='twitter-tweet'><p lang='en'>“We have waited long enough for this ferry, and we will "
             "hold them to the spring date,” the island council chair wrote.</p>— Mara Lindqvist (@mlindqvist) "
             "<a href='https://twitter.com/x/status/1'>March 4, 2025</a></blockquote>")
    quote = ("<blockquote><p>“People here need a reliable connection to the mainland, not another promise,” said "
             "Mara Lindqvist, who chairs the island council.</p></blockquote>")
    for embed in (tweet, quote):
        page = _story_page(f"<article>{_paras(STORY[:2])}{embed}{_paras(STORY[2:])}</article>")
        raw = _parse(page).raw
        assert "we will hold them to the spring date" in raw or "not another promise" in raw
        assert all(line in raw for line in STORY)


def test_hover_card_text_inside_a_paragraph_is_left_out():
    sentence = "The plan was backed by {name}, who chairs the island council, and by the mayor of the harbour town."
    card = ("<span class='person'>Mara Lindqvist<span class='hovercard'>Mara Lindqvist has chaired the island "
            "council since 2019 and is a former ferry captain.</span></span>")
    page = _story_page(f"<article>{_paras(STORY[:2])}<p>{sentence.format(name=card)}</p>{_paras(STORY[2:])}</article>")
    assert _parse(page).raw.split("\n") == STORY[:2] + [sentence.format(name="Mara Lindqvist")] + STORY[2:]


def test_layout_table_rows_holding_prose_become_one_line_per_cell():
    from quotetrail.read.html import _split_layout_rows
    row = f"| {STORY[0]}     {STORY[1]} | Other news one Other news two |"
    assert _split_layout_rows(row) == "\n".join([STORY[0], STORY[1], "Other news one Other news two"])
    data_row = "| Mills | 8.5 | 27 | 2 |"
    assert _split_layout_rows(data_row) == data_row
