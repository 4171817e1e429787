import csv
import gzip
import json

import pytest

from quotetrail.model import RawDocument
from quotetrail.read import ReadLimits, parse
from quotetrail.read.fields import normalize_date, outlet_from_url

from .helpers import PARAGRAPHS, article_html, read_all, skipped_by_source

BODY = "\n".join(PARAGRAPHS)


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "record, expected",
    [
        (
            {"text": BODY, "title": "T1", "url": "https://www.a.example/x", "date": "2025-03-04", "source": "Outlet A", "author": "Ann"},
            {"title": "T1", "url": "https://www.a.example/x", "published": "2025-03-04", "outlet": "Outlet A", "author": "Ann"},
        ),
        (
            {"maintext": BODY, "headline": "T2", "link": "https://b.example/y", "date_publish": "2025-03-04 10:22:00", "source_domain": "b.example", "authors": ["Ann", "Bo"]},
            {"title": "T2", "url": "https://b.example/y", "published": "2025-03-04", "outlet": "b.example", "author": "Ann, Bo"},
        ),
        (
            {"content": BODY, "title": "T3", "url": "https://www.c.example/z", "published": "Tue, 04 Mar 2025 09:00:00 +0000"},
            {"title": "T3", "published": "2025-03-04", "outlet": "c.example", "author": None},
        ),
        (
            {"body": BODY, "publish_date": "March 4, 2025", "publisher": "Pub D"},
            {"published": "2025-03-04", "outlet": "Pub D", "title": None, "url": None},
        ),
        (
            {"article": BODY, "pubdate": 1741082400, "site": "Site E"},
            {"published": "2025-03-04", "outlet": "Site E"},
        ),
        (
            {"full_text": BODY, "Title": "T6", "URL": "http://f.example/1"},
            {"title": "T6", "url": "http://f.example/1", "outlet": "f.example"},
        ),
    ],
)
def test_jsonl_field_mapping(tmp_path, record, expected):
    docs, skipped = read_all([_jsonl(tmp_path / "dump.jsonl", [record])])
    assert skipped == []
    assert docs[0].kind == "record" and docs[0].source == f"{tmp_path / 'dump.jsonl'}#0"
    article = parse(docs[0])
    assert article.raw == BODY
    assert article.meta["format"] == "jsonl"
    for field, value in expected.items():
        assert getattr(article, field) == value, field


def test_html_only_record_is_extracted(tmp_path):
    record = {"html": article_html(title="From html"), "url": "https://given.example/page", "date": "2025-01-02"}
    docs, _ = read_all([_jsonl(tmp_path / "h.jsonl", [record])])
    article = parse(docs[0])
    assert article.title == "From html"
    assert article.raw.split("\n") == PARAGRAPHS
    # the record's own fields win over what the page says
    assert article.url == "https://given.example/page"
    assert article.published == "2025-01-02"
    assert "html" in article.meta


def test_json_array_object_and_single(tmp_path):
    (tmp_path / "a_list.json").write_text(json.dumps([{"text": "First body text here."}, {"text": "Second body text here."}]))
    (tmp_path / "b_wrapped.json").write_text(json.dumps({"meta": {"n": 1}, "articles": [{"content": "Wrapped body text."}]}))
    (tmp_path / "c_single.json").write_text(json.dumps({"text": "Single body text.", "title": "Single"}))
    docs, skipped = read_all([tmp_path])
    assert skipped == []
    assert [d.source.rsplit("/", 1)[1] for d in docs] == ["a_list.json#0", "a_list.json#1", "b_wrapped.json#0", "c_single.json#0"]
    assert [parse(d).raw for d in docs] == ["First body text here.", "Second body text here.", "Wrapped body text.", "Single body text."]
    assert parse(docs[0]).meta["format"] == "json"


def test_big_json_array_streams_in_small_pieces(tmp_path):
    rows = [{"text": f"Body number {i}. " + "filler " * 50, "title": f"N{i}"} for i in range(3000)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(rows))
    docs, skipped = read_all([path])
    assert skipped == [] and len(docs) == 3000
    assert docs[-1].data["title"] == "N2999" and docs[-1].source.endswith("#2999")


def test_truncated_json_array_keeps_complete_elements(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text(json.dumps([{"text": "one body"}, {"text": "two body"}])[:-12])
    docs, skipped = read_all([path])
    assert [d.data["text"] for d in docs] == ["one body"]
    assert len(skipped) == 1 and "invalid JSON" in skipped[0].reason


def test_csv_and_tsv(tmp_path):
    (tmp_path / "a.csv").write_text(
        'title,text,url,date,source\n"Comma, title","Body with ""quotes"" and, commas\nand a second line",https://x.example/1,2025-02-03,X\n',
        encoding="utf-8",
    )
    (tmp_path / "b.csv").write_text("headline;content;published\nSemi;Semicolon body;03/02/2025\n", encoding="utf-8")
    (tmp_path / "c.tsv").write_text("title\ttext\nTab\tTab body, with comma\n", encoding="utf-8")
    docs, skipped = read_all([tmp_path])
    assert skipped == []
    articles = [parse(d) for d in docs]
    assert [a.title for a in articles] == ["Comma, title", "Semi", "Tab"]
    assert articles[0].raw == 'Body with "quotes" and, commas\nand a second line'
    assert articles[0].published == "2025-02-03" and articles[0].outlet == "X"
    assert articles[1].raw == "Semicolon body" and articles[1].published is not None
    assert articles[2].raw == "Tab body, with comma"
    assert all(a.meta["format"] == "csv" for a in articles)
    assert docs[0].source.endswith("a.csv#0")


def test_gzipped_containers(tmp_path):
    rows = [{"text": f"Body {i}"} for i in range(3)]
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    (tmp_path / "e.csv.gz").write_bytes(gzip.compress(b"text\nCsv body\n"))
    (tmp_path / "f.json.gz").write_bytes(gzip.compress(json.dumps(rows).encode()))
    docs, skipped = read_all([tmp_path])
    assert skipped == []
    assert [d.source.rsplit("/", 1)[1] for d in docs] == ["d.jsonl.gz#0", "d.jsonl.gz#1", "d.jsonl.gz#2", "e.csv.gz#0", "f.json.gz#0", "f.json.gz#1", "f.json.gz#2"]


def test_records_without_text_or_not_objects_are_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "good one"}\n{"title": "no body", "url": "https://x.example"}\n[1, 2]\n\n{"text": "good two"}\n')
    docs, skipped = read_all([path])
    assert [d.data["text"] for d in docs] == ["good one", "good two"]
    assert [d.source for d in docs] == [f"{path}#0", f"{path}#4"]
    reasons = skipped_by_source(skipped)
    assert "no text or html" in reasons[f"{path}#1"]
    assert "not an object" in reasons[f"{path}#2"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025-03-04", "2025-03-04"),
        ("2025-03-04T23:30:00-05:00", "2025-03-04"),
        ("2025-03-04T10:00:00Z", "2025-03-04"),
        ("20250304", "2025-03-04"),
        ("Tue, 04 Mar 2025 09:00:00 GMT", "2025-03-04"),
        ("March 4, 2025", "2025-03-04"),
        ("4 March 2025", "2025-03-04"),
        ("Mar. 4, 2025", "2025-03-04"),
        ("March 4th, 2025", "2025-03-04"),
        (1741082400, "2025-03-04"),
        (1741082400000, "2025-03-04"),
        ("4 de marzo de 2025", "2025-03-04"),  # dateparser fallback
        ("not a date", None),
        ("2025-02-30", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_outlet_from_url():
    assert outlet_from_url("https://www.example.co.uk/a/b") == "example.co.uk"
    assert outlet_from_url("http://news.example.com") == "news.example.com"
    assert outlet_from_url("not a url") is None
    assert outlet_from_url(None) is None


def test_record_parse_direct():
    article = parse(RawDocument("x#0", "record", {"text": "Caf\u00c3\u00a9 owners said \u00e2\u20ac\u0153no\u00e2\u20ac\u009d.", "source": "Y"}))
    assert article.raw == "Caf\u00e9 owners said \u201cno\u201d."
    assert "mojibake" in article.meta["decoding"]


# -- one bad record costs that record, never the rest of its file (issue 13) ----------------------

def test_csv_cell_over_the_limit_costs_one_row(tmp_path):
    limits = ReadLimits(max_record_bytes=2000)
    big = "\n".join(f"Line {n} of a cell far too long for one record, with a comma, here." for n in range(100))
    rows = [["title", "text"], ["First", BODY], ["Huge", big], ["Third", BODY], ["Fourth", BODY]]
    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    docs, skipped = read_all([path], limits=limits)
    assert [d.data["title"] for d in docs] == ["First", "Third", "Fourth"]  # no junk rows from the cell's lines
    assert [(s.source, s.reason) for s in skipped] == [
        (f"{path}#1", "row 2 is longer than the 2 KB record limit")]


def test_csv_over_long_line_inside_a_quoted_cell_costs_one_row(tmp_path):
    limits = ReadLimits(max_record_bytes=2000)
    big = "start\n" + "x" * 5000 + "\nmore, \"quoted\" lines\nend"
    path = tmp_path / "rows.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["title", "text"], ["Huge", big], ["Second", BODY]])
    docs, skipped = read_all([path], limits=limits)
    assert [d.data["title"] for d in docs] == ["Second"]
    assert [s.source for s in skipped] == [f"{path}#0"]


@pytest.mark.parametrize("bad, reason", [
    ("[" * 100_000, "line 2 is not valid JSON (nested too deeply)"),
    ('{"text": "x", "views": 1' + "0" * 5000 + "}", "line 2 holds a number over 4300 digits long"),
    ('{"text": "x", "n": -' + "9" * 5000 + "}", "line 2 holds a number over 4300 digits long"),
])
def test_jsonl_line_too_deep_or_with_a_giant_number_costs_one_line(tmp_path, bad, reason):
    path = tmp_path / "a.jsonl"
    good = json.dumps({"text": BODY, "title": "Kept"})
    path.write_text("\n".join([good, bad, good.replace("Kept", "Also kept")]) + "\n", encoding="utf-8")
    docs, skipped = read_all([path])
    assert [d.data["title"] for d in docs] == ["Kept", "Also kept"]
    assert [(s.source, s.reason) for s in skipped] == [(f"{path}#1", reason)]


@pytest.mark.parametrize("bad, reason", [
    ("[" * 100_000 + "]" * 100_000, "element is nested too deeply"),
    ('{"text": "x", "views": 1' + "0" * 5000 + "}", "element holds a number over 4300 digits long"),
])
def test_json_array_element_too_deep_or_with_a_giant_number_costs_one_element(tmp_path, bad, reason):
    path = tmp_path / "a.json"
    good = json.dumps({"text": BODY, "title": "Kept"})
    path.write_text(f"[{good}, {bad}, {good.replace('Kept', 'Also kept')}]", encoding="utf-8")
    docs, skipped = read_all([path])
    assert [d.data["title"] for d in docs] == ["Kept", "Also kept"]
    assert [(s.source, s.reason) for s in skipped] == [(f"{path}#1", reason)]


def test_json_object_with_a_giant_number_costs_that_record(tmp_path):
    path = tmp_path / "a.json"
    good = json.dumps({"text": BODY, "title": "Kept"})
    bad = '{"text": "x", "views": 1' + "0" * 5000 + "}"
    path.write_text(f'{{"articles": [{good}, {bad}]}}', encoding="utf-8")
    docs, skipped = read_all([path])
    assert [d.data["title"] for d in docs] == ["Kept"]
    assert [(s.source, s.reason) for s in skipped] == [(f"{path}#1", "record holds a number over 4300 digits long")]


def test_lone_surrogates_are_replaced_and_named(tmp_path):
    record = {"text": BODY + " \ud800", "title": "T\udfff", "url": "https://a.example/\ud800",
              "author": "A\ud800", "source": "S\ud800", "tags": [{"deep": "\udc80"}]}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    docs, skipped = read_all([path])
    assert skipped == []
    article = parse(docs[0])
    assert article.meta["sanitised"] == ["author", "source", "tags", "text", "title", "url"]
    assert (article.title, article.author, article.outlet) == ("T\ufffd", "A\ufffd", "S\ufffd")
    assert article.raw.endswith("\ufffd") and article.url == "https://a.example/\ufffd"
    assert "sanitised" not in parse(docs[1]).meta
    # a record handed in (as the web API does) is sanitised by parse itself
    handed = parse(RawDocument("api", "record", {"text": BODY, "title": "\ud800"}))
    assert handed.title == "\ufffd" and handed.meta["sanitised"] == ["title"]
    assert handed.origin is None and handed.file is None
