"""A folder of bad inputs next to good ones: every bad one is a Skipped with a reason, nothing
raises, and the good inputs around them are still read."""
import gzip
import io
import json
import os

import pytest

from quotetrail.model import RawDocument, Skipped
from quotetrail.read import BadInput, ReadLimits, iter_documents, parse

from .helpers import PARAGRAPHS, article_html, build_warc, warc_record

BODY = "\n".join(PARAGRAPHS)
CP1252_TEXT = "Caf\u00e9 owners said the \u201cplan\u201d was \u2013 in a word \u2013 na\u00efve, at \u20ac40 a head."
LATIN1_TEXT = "Le d\u00e9put\u00e9 a quitt\u00e9 la s\u00e9ance \u00e0 Gen\u00e8ve apr\u00e8s un d\u00e9bat tr\u00e8s anim\u00e9."


@pytest.fixture
def bad_folder(tmp_path):
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "01_empty.txt").write_bytes(b"")
    (root / "02_blank.html").write_bytes(b"  \n\t\n")
    (root / "03_binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "04_cp1252.txt").write_bytes(("Cafe story\n" + CP1252_TEXT).encode("cp1252"))
    (root / "05_latin1.txt").write_bytes(("Geneva story\n" + LATIN1_TEXT).encode("latin-1"))
    page = article_html(title="Truncated page")
    (root / "06_truncated.html").write_text(page[: page.index(PARAGRAPHS[2]) + 30])
    with open(root / "07_huge.jsonl", "wb") as out:
        out.write(json.dumps({"text": "before the huge line"}).encode() + b"\n")
        out.write(b'{"text": "' + b"a" * 30_000_000 + b'"}\n')
        out.write(json.dumps({"text": "after the huge line"}).encode() + b"\n")
    (root / "08_broken.jsonl").write_text(
        json.dumps({"text": "good first"}) + "\n" + '{"text": "unterminated\n' + json.dumps({"text": "good third"}) + "\n"
    )
    os.symlink(root / "does_not_exist.txt", root / "09_broken_link.txt")
    good_gz = gzip.compress(("Zipped story\n" + BODY).encode())
    (root / "10_corrupt.txt.gz").write_bytes(good_gz[: len(good_gz) // 2])
    (root / "11_garbage.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 50)
    (root / "12_liar.warc.gz").write_bytes(
        build_warc(
            [
                warc_record("https://w.example/1", article_html(title="Warc one").encode()),
                warc_record("https://w.example/2", article_html(title="Warc two").encode(), length_error=-30),
                warc_record("https://w.example/3", article_html(title="Warc three").encode()),
            ]
        )
    )
    (root / "13_paper.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (root / "14_notext.jsonl").write_text(json.dumps({"title": "Only a title", "url": "https://x.example/"}) + "\n")
    (root / "15_menu.html").write_text("<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    (root / "16_good.txt").write_text("Good story\n" + BODY)
    return root


def test_bad_inputs_are_skipped_with_reasons_and_good_ones_read(bad_folder, tmp_path):
    limits = ReadLimits(max_record_bytes=1_000_000)
    missing = str(tmp_path / "nowhere" / "missing.txt")
    items = list(iter_documents([str(bad_folder), missing], limits=limits))
    docs = [i for i in items if isinstance(i, RawDocument)]
    skipped = {os.path.basename(s.source): s.reason for s in items if isinstance(s, Skipped)}

    assert skipped.keys() == {
        "01_empty.txt", "02_blank.html", "03_binary.txt", "07_huge.jsonl#1", "08_broken.jsonl#1",
        "09_broken_link.txt", "10_corrupt.txt.gz", "11_garbage.jsonl.gz", "12_liar.warc.gz#1",
        "13_paper.pdf", "14_notext.jsonl#0", "missing.txt",
    }
    assert skipped["01_empty.txt"] == "empty file"
    assert "empty" in skipped["02_blank.html"]
    assert "binary" in skipped["03_binary.txt"]
    assert "line 2" in skipped["07_huge.jsonl#1"] and "1 MB record limit" in skipped["07_huge.jsonl#1"]
    assert "line 2 is not valid JSON" in skipped["08_broken.jsonl#1"]
    assert "broken symbolic link" in skipped["09_broken_link.txt"]
    assert "gzip" in skipped["10_corrupt.txt.gz"] and "truncated" in skipped["10_corrupt.txt.gz"]
    assert "gzip" in skipped["11_garbage.jsonl.gz"]
    assert "Content-Length" in skipped["12_liar.warc.gz#1"]
    assert "PDF document" in skipped["13_paper.pdf"]
    assert "no text or html" in skipped["14_notext.jsonl#0"]
    assert skipped["missing.txt"] == "no such file or directory"

    articles, bad = {}, {}
    for doc in docs:
        try:
            articles[os.path.basename(doc.source)] = parse(doc)
        except BadInput as exc:
            bad[os.path.basename(doc.source)] = str(exc)
    assert bad == {"15_menu.html": "HTML page has no extractable article text"}
    assert articles["04_cp1252.txt"].raw.endswith(CP1252_TEXT)  # after its title line
    assert articles["05_latin1.txt"].raw.endswith(LATIN1_TEXT)
    assert articles["06_truncated.html"].title == "Truncated page"
    assert PARAGRAPHS[1] in articles["06_truncated.html"].raw
    assert articles["07_huge.jsonl#0"].raw == "before the huge line"
    assert articles["07_huge.jsonl#2"].raw == "after the huge line"
    assert articles["08_broken.jsonl#0"].raw == "good first"
    assert articles["08_broken.jsonl#2"].raw == "good third"
    assert [articles[f"12_liar.warc.gz#{i}"].title for i in (0, 2)] == ["Warc one", "Warc three"]
    assert articles["16_good.txt"].title == "Good story"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Secret story\n" + BODY)
    path.chmod(0)
    items = list(iter_documents([str(path)]))
    assert items == [Skipped(str(path), "cannot read: permission denied")]


def test_missing_input_does_not_stop_the_next_one(tmp_path):
    items = list(iter_documents([str(tmp_path / "nope"), "-"], stdin=io.BytesIO(b"Story\n" + BODY.encode())))
    assert isinstance(items[0], Skipped) and items[0].reason == "no such file or directory"
    assert isinstance(items[1], RawDocument)


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x00\x01\x02\x03" * 100, "binary"),
        (b"%PDF-1.4 rest", "PDF"),
        (b"   \n  ", "empty"),
    ],
)
def test_parse_rejects_non_text(data, reason):
    with pytest.raises(BadInput, match=reason):
        parse(RawDocument("x.txt", "text", data, {}))


def test_parse_record_with_control_garbage():
    with pytest.raises(BadInput, match="binary"):
        parse(RawDocument("x#0", "record", {"text": "\x00\x01\x02\x03" * 50}))
