"""How the HTML reader calls trafilatura: comments out, layout tables in, stray NULs and scripts
written without spaces read like any page."""
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
