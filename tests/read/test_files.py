import bz2
import gzip
import io
import json
import os

from quotetrail.model import Skipped
from quotetrail.read import ReadLimits, iter_documents, parse

from .helpers import PARAGRAPHS, CountingStream, article_html, build_warc, read_all, warc_record

BODY = "\n".join(PARAGRAPHS)


def _tree(root):
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "b.txt").write_text("Second story\n" + BODY)
    (root / "a.html").write_text(article_html(title="First story"))
    (root / "c.jsonl").write_text(json.dumps({"text": BODY, "title": "Record story"}) + "\n")
    (root / "sub" / "d.txt").write_text("Sub story\n" + BODY)
    (root / "sub" / "deeper" / "e.txt").write_text("Deep story\n" + BODY)
    (root / ".hidden" / "x.txt").write_text("Hidden story\n" + BODY)
    (root / ".dotfile.txt").write_text("Dot story\n" + BODY)
    for name in ("logo.png", "notes.md", "script.py", "style.css"):
        (root / name).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" if name.endswith(".png") else b"not an article")
    (root / "manifest.json").write_text("[]")
    (root / "README.txt").write_text("About this corpus\nCollected by hand for testing.")
    (root / "LICENSE").write_text("Licensed under terms nobody reads.")


def test_folder_is_read_recursively_in_stable_order(tmp_path):
    _tree(tmp_path / "corpus")
    given = str(tmp_path / "corpus")
    docs, skipped = read_all([given])
    assert skipped == []
    assert [d.source for d in docs] == [
        os.path.join(given, "a.html"),
        os.path.join(given, "b.txt"),
        os.path.join(given, "c.jsonl") + "#0",
        os.path.join(given, "sub", "d.txt"),
        os.path.join(given, "sub", "deeper", "e.txt"),
    ]
    assert [parse(d).title for d in docs] == ["First story", "Second story", "Record story", "Sub story", "Deep story"]
    # the same folder read again gives the same documents in the same order
    assert [d.source for d in read_all([given])[0]] == [d.source for d in docs]


def test_relative_folder_keeps_paths_as_given(tmp_path, monkeypatch):
    _tree(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    docs, _ = read_all(["corpus"])
    assert docs[0].source == os.path.join("corpus", "a.html")


def test_explicit_unknown_files_are_not_silently_dropped(tmp_path):
    (tmp_path / "notes.md").write_text("Ferry notes\n" + BODY)
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (tmp_path / "README").write_text("Plain story without extension\n" + BODY)
    docs, skipped = read_all([tmp_path / "notes.md", tmp_path / "photo.png", tmp_path / "README"])
    assert [d.source for d in docs] == [str(tmp_path / "notes.md"), str(tmp_path / "README")]
    assert [s.source for s in skipped] == [str(tmp_path / "photo.png")]
    assert "PNG image" in skipped[0].reason


def test_glob_patterns(tmp_path):
    _tree(tmp_path / "corpus")
    docs, skipped = read_all([str(tmp_path / "corpus" / "**" / "*.txt")])
    assert skipped == []
    assert [os.path.basename(d.source) for d in docs] == ["b.txt", "d.txt", "e.txt"]
    docs, skipped = read_all([str(tmp_path / "corpus" / "*.nothing")])
    assert docs == [] and [s.reason for s in skipped] == ["no files match this pattern"]


def test_stdin_formats_are_sniffed():
    cases = {
        "text": ("Stdin story\n" + BODY).encode(),
        "html": article_html(title="Stdin page").encode(),
        "jsonl": b"".join(json.dumps({"text": f"Line {i} body", "title": f"L{i}"}).encode() + b"\n" for i in range(2)),
        "json": json.dumps([{"text": "Array body"}]).encode(),
        "warc": build_warc([warc_record("https://s.example/1", article_html(title="Warc page").encode())]),
        "gzip text": gzip.compress(("Zipped story\n" + BODY).encode()),
        "gzip jsonl": gzip.compress(json.dumps({"text": "Zipped line"}).encode() + b"\n"),
        "bzip2 html": bz2.compress(article_html(title="Bz page").encode()),
        "plain warc": build_warc([warc_record("https://s.example/2", article_html(title="Plain warc").encode())], compress=False),
    }
    expected = {
        "text": [("<stdin>", "text", "Stdin story")],
        "html": [("<stdin>", "html", "Stdin page")],
        "jsonl": [("<stdin>#0", "record", "L0"), ("<stdin>#1", "record", "L1")],
        "json": [("<stdin>#0", "record", None)],
        "warc": [("<stdin>#0", "html", "Warc page")],
        "gzip text": [("<stdin>", "text", "Zipped story")],
        "gzip jsonl": [("<stdin>#0", "record", None)],
        "bzip2 html": [("<stdin>", "html", "Bz page")],
        "plain warc": [("<stdin>#0", "html", "Plain warc")],
    }
    for name, data in cases.items():
        items = list(iter_documents(["-"], stdin=io.BytesIO(data)))
        got = [(d.source, d.kind, parse(d).title) for d in items]
        assert got == expected[name], name


def test_empty_stdin_is_skipped():
    assert list(iter_documents(["-"], stdin=io.BytesIO(b""))) == [Skipped("<stdin>", "empty input")]


def test_jsonl_is_streamed_not_loaded():
    line = json.dumps({"text": "x " * 500}).encode() + b"\n"
    data = line * 5000  # about 5 MB
    stream = CountingStream(data)
    iterator = iter_documents(["-"], stdin=stream)
    next(iterator)
    assert stream.consumed < 300_000
    assert sum(1 for _ in iterator) == 4999


def test_gzip_bomb_is_stopped(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"text": "ok"}).encode() + b"\n" + b" " * 20_000_000))
    limits = ReadLimits(max_decompressed_bytes=1_000_000)
    docs, skipped = read_all([path], limits=limits)
    assert len(docs) == 1
    assert len(skipped) == 1 and "decompression bomb" in skipped[0].reason


def test_large_compressible_corpus_is_not_taken_for_a_bomb(tmp_path):
    rows = b"".join(json.dumps({"text": f"Story {i} " + os.urandom(300).hex()}).encode() + b"\n" for i in range(2000))
    path = tmp_path / "big.jsonl.gz"
    path.write_bytes(gzip.compress(rows))
    docs, skipped = read_all([path], limits=ReadLimits(max_decompressed_bytes=100_000))
    assert skipped == [] and len(docs) == 2000


def test_oversize_single_article_file(tmp_path):
    (tmp_path / "big.txt").write_text("Big story\n" + "word " * 5000)
    (tmp_path / "big.html.gz").write_bytes(gzip.compress(article_html(paragraphs=["word " * 5000]).encode()))
    (tmp_path / "small.txt").write_text("Small story\n" + BODY)
    docs, skipped = read_all([tmp_path], limits=ReadLimits(max_file_bytes=10_000))
    assert [os.path.basename(d.source) for d in docs] == ["small.txt"]
    assert sorted(os.path.basename(s.source) for s in skipped) == ["big.html.gz", "big.txt"]
    assert all("limit" in s.reason for s in skipped)
