import gzip

import pytest

from quotetrail.model import RawDocument
from quotetrail.read import BadInput, parse

from .helpers import PARAGRAPHS, article_html, read_all


def test_html_file_gives_text_and_metadata(tmp_path):
    (tmp_path / "ferry.html").write_text(article_html(), encoding="utf-8")
    docs, skipped = read_all([tmp_path / "ferry.html"])
    assert skipped == []
    assert [d.kind for d in docs] == ["html"]
    article = parse(docs[0])
    assert article.source == str(tmp_path / "ferry.html")
    assert article.title == "Ferry route to open in spring"
    assert article.author == "Jonas Berg"
    assert article.published == "2025-03-04"
    assert article.url == "https://www.harbourtimes.example/news/ferry-route"
    assert article.outlet == "Harbour Times"
    assert article.meta["format"] == "html"
    assert article.meta["date_source"] == "page"
    # paragraphs stay separate lines; navigation and footer are gone; the headline is the title
    lines = article.raw.split("\n")
    assert lines == PARAGRAPHS
    assert "Privacy policy" not in article.raw and "Sport" not in article.raw
    assert article.meta["html"].startswith("<!DOCTYPE html>")


def test_outlet_falls_back_to_domain_without_www(tmp_path):
    page = article_html(sitename=None)
    article = parse(RawDocument("p.html", "html", page.encode(), {"format": "html"}))
    assert article.outlet == "harbourtimes.example"


def test_declared_legacy_charset_is_honoured():
    page = article_html(charset="windows-1252", paragraphs=[p + " Caf\u00e9 cr\u00e8me \u2013 d\u00e9j\u00e0 vu." for p in PARAGRAPHS])
    article = parse(RawDocument("p.html", "html", page.encode("cp1252"), {"format": "html"}))
    assert "Caf\u00e9 cr\u00e8me \u2013 d\u00e9j\u00e0 vu." in article.raw
    assert "\u201cWe have waited" in article.raw
    assert article.meta["encoding"] == "cp1252"


def test_wrong_declared_charset_still_decodes_utf8():
    page = article_html(charset="iso-8859-1", paragraphs=[p + " Z\u00fcrich \u2014 \u00e9t\u00e9." for p in PARAGRAPHS])
    article = parse(RawDocument("p.html", "html", page.encode("utf-8"), {"format": "html"}))
    assert "Z\u00fcrich \u2014 \u00e9t\u00e9." in article.raw


def test_truncated_html_still_gives_the_article():
    page = article_html()
    cut = page[: page.index(PARAGRAPHS[3]) + 40]  # ends mid-paragraph, no closing tags
    article = parse(RawDocument("cut.html", "html", cut.encode(), {}))
    assert article.title == "Ferry route to open in spring"
    assert PARAGRAPHS[0] in article.raw
    assert PARAGRAPHS[3][:40] in article.raw


def test_page_without_article_text_is_bad_input():
    menu = (
        "<html><head><title>Menu</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/n'>News</a></li><li><a href='/s'>Sport</a></li></ul></nav>"
        "<div class='cookie'>We use cookies.</div></body></html>"
    )
    for page in (menu, "<html><body><script>var a = 1;</script></body></html>"):
        with pytest.raises(BadInput, match="no extractable article text"):
            parse(RawDocument("menu.html", "html", page.encode(), {}))


def test_gzipped_html_and_htm(tmp_path):
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(article_html(title="Gzipped page").encode()))
    (tmp_path / "b.htm").write_text(article_html(title="Htm page"), encoding="utf-8")
    docs, skipped = read_all([tmp_path])
    assert skipped == []
    assert [parse(d).title for d in docs] == ["Gzipped page", "Htm page"]


def test_html_saved_as_txt_is_read_as_html(tmp_path):
    (tmp_path / "saved.txt").write_text(article_html(), encoding="utf-8")
    docs, _ = read_all([tmp_path / "saved.txt"])
    article = parse(docs[0])
    assert article.meta["format"] == "html"
    assert "<p>" not in article.raw and PARAGRAPHS[0] in article.raw
