import gzip
import json

import pytest

from quotetrail.model import RawDocument
from quotetrail.read import parse

from .helpers import PARAGRAPHS, read_all

BODY = "\n\n".join(PARAGRAPHS)


def _text_doc(text: str | bytes, meta=None) -> RawDocument:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return RawDocument("a.txt", "text", data, meta or {"format": "text"})


def test_front_matter(tmp_path):
    (tmp_path / "fm.txt").write_text(
        "---\ntitle: \"Ferry: the long wait\"\nurl: https://www.islandpost.example/ferry\n"
        "outlet: Island Post\ndate: 2025-03-05T07:00:00Z\nauthors:\n  - Ann Holm\n  - Bo Ek\n---\n"
        "Ferry news first line\n\n" + BODY + "\n",
        encoding="utf-8",
    )
    docs, skipped = read_all([tmp_path / "fm.txt"])
    assert skipped == []
    article = parse(docs[0])
    assert article.title == "Ferry: the long wait"
    assert article.url == "https://www.islandpost.example/ferry"
    assert article.outlet == "Island Post"
    assert article.published == "2025-03-05"
    assert article.author == "Ann Holm, Bo Ek"
    # front matter gave the title, so the first body line stays in the body
    assert article.raw.strip("\n") == "Ferry news first line\n\n" + BODY.strip("\n")
    assert article.meta["format"] == "text"


def test_front_matter_without_title_uses_first_line():
    article = parse(_text_doc("---\nsource: Island Post\n---\nFerry route opens\n" + BODY))
    assert article.outlet == "Island Post"
    assert article.title == "Ferry route opens"
    assert article.raw == "Ferry route opens\n" + BODY


def test_dashes_that_are_not_front_matter_are_kept():
    text = "---\nThis is just a separator line in a letter.\n---\n" + BODY
    article = parse(_text_doc(text))
    assert article.raw.startswith("---\nThis is just a separator")


@pytest.mark.parametrize("manifest_name", ["manifest.csv", "manifest.jsonl", "manifest.json"])
def test_manifest_gives_metadata(tmp_path, manifest_name):
    rows = [
        {"file": "one.txt", "url": "https://www.first.example/1", "source": "First Outlet", "published": "March 3, 2025", "title": "Manifest title"},
        {"file": "two.txt.gz", "url": "https://second.example/2", "date": "2025-03-06"},
    ]
    if manifest_name.endswith(".csv"):
        lines = ["filename,url,outlet,date,title"] + [
            f"{r['file']},{r['url']},{r.get('source', '')},\"{r.get('published', r.get('date'))}\",{r.get('title', '')}" for r in rows
        ]
        (tmp_path / manifest_name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    elif manifest_name.endswith(".jsonl"):
        (tmp_path / manifest_name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    else:
        (tmp_path / manifest_name).write_text(json.dumps(rows), encoding="utf-8")
    (tmp_path / "one.txt").write_text("Headline in the file\n" + BODY, encoding="utf-8")
    (tmp_path / "two.txt.gz").write_bytes(gzip.compress(("Second headline\n" + BODY).encode()))
    (tmp_path / "three.txt").write_text(BODY, encoding="utf-8")
    docs, skipped = read_all([tmp_path])
    assert skipped == []  # the manifest itself is not an article
    one, three, two = (parse(d) for d in docs)
    assert one.url == "https://www.first.example/1" and one.published == "2025-03-03"
    assert one.outlet == "First Outlet" and one.title == "Manifest title"
    assert one.raw == "Headline in the file\n" + BODY  # title came from the manifest
    assert two.url == "https://second.example/2" and two.outlet == "second.example"
    assert two.published == "2025-03-06" and two.title == "Second headline"
    assert three.url is None and three.title is None


def test_front_matter_beats_manifest(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,outlet,url\na.txt,Manifest Outlet,https://m.example/a\n")
    (tmp_path / "a.txt").write_text("---\noutlet: Front Outlet\n---\n" + BODY)
    article = parse(read_all([tmp_path])[0][0])
    assert article.outlet == "Front Outlet" and article.url == "https://m.example/a"


@pytest.mark.parametrize(
    "first_line, is_title",
    [
        ("Ferry route to open in spring", True),
        ("Is the ferry finally coming?", True),
        ("The harbour authority said on Tuesday that the route would open.", False),
        ("\u201cWe have waited long enough,\u201d the chair said", False),
        ('"A quoted opening line"', False),
        ("Wait 5 sec.", False),
        ("x " * 40, False),
        ("2025", False),
    ],
)
def test_title_heuristic(first_line, is_title):
    article = parse(_text_doc("\n\n" + first_line + "\n" + BODY))
    if is_title:
        # the title is read off the first line, which stays in the text as the article wrote it
        assert article.title == first_line and article.raw.strip("\n") == (first_line + "\n" + BODY).strip("\n")
        assert article.meta["title_source"] == "first-line"
    else:
        assert article.title is None and article.raw.lstrip("\n").startswith(first_line.strip())


def test_single_line_text_is_body_not_title():
    article = parse(_text_doc("Ferry route to open in spring"))
    assert article.title is None and article.raw == "Ferry route to open in spring"


SPECIAL = "The caf\u00e9\u2019s owner said \u201cdone\u201d \u2013 na\u00efve r\u00e9sum\u00e9 \u20ac5."
FRENCH = "Le ministre a d\u00e9clar\u00e9 \u00e0 Gen\u00e8ve: ch\u00e2teau, gar\u00e7on, \u00e9l\u00e8ve."


def _as_mojibake(text: str) -> str:
    """UTF-8 bytes shown as cp1252 (bytes cp1252 leaves undefined show as latin-1), as editors do."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    "data, expected, note",
    [
        (SPECIAL.encode("cp1252"), SPECIAL, "detected"),
        (FRENCH.encode("latin-1"), FRENCH, "detected"),
        (SPECIAL.encode("utf-16"), SPECIAL, None),
        ((SPECIAL + " " + FRENCH).encode("utf-16-le"), SPECIAL + " " + FRENCH, "UTF-16"),
        (b"\xef\xbb\xbf" + SPECIAL.encode("utf-8"), SPECIAL, None),
        (_as_mojibake(SPECIAL).encode("utf-8"), SPECIAL, "mojibake"),
        ("Z\u00fcrich \u2014 ".encode("utf-8") + SPECIAL.encode("cp1252"), "Z\u00fcrich \u2014 " + SPECIAL, "mixed"),
    ],
    ids=["cp1252", "latin-1", "utf-16-bom", "utf-16-le-no-bom", "utf-8-bom", "mojibake", "mixed"],
)
def test_encodings_decode_correctly(data, expected, note):
    article = parse(_text_doc(data))
    assert article.raw == expected
    if note:
        assert note.lower() in article.meta["decoding"].lower()
    else:
        assert "decoding" not in article.meta


def test_cp1252_file_with_undefined_byte_never_crashes():
    data = b"Plain words and a stray \x81 byte and \x9d here, plus caf\xe9."
    article = parse(_text_doc(data))
    assert "caf" in article.raw and "decoding" in article.meta
