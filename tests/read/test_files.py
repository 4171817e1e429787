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


# -- hostile files and names (issue 13) -----------------------------------------------------------

def _no_hang(seconds: int = 20):
    """Fail, instead of hanging the test session, when reading blocks (a FIFO open waits forever)."""
    import contextlib
    import signal

    @contextlib.contextmanager
    def guard():
        def expired(signum, frame):
            raise TimeoutError(f"reading blocked for {seconds} s")

        previous = signal.signal(signal.SIGALRM, expired)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)

    return guard()


def test_special_files_are_skipped_unopened(tmp_path):
    (tmp_path / "a.txt").write_text("A story\n" + BODY)
    os.mkfifo(tmp_path / "pipe.jsonl")
    os.mkfifo(tmp_path / "manifest.json")  # a FIFO where a folder's manifest is looked for
    with _no_hang():
        docs, skipped = read_all([tmp_path, tmp_path / "pipe.jsonl", "/dev/null"])
    assert [d.source for d in docs] == [str(tmp_path / "a.txt")]
    reasons = [(s.source, s.reason) for s in skipped]
    assert (str(tmp_path / "pipe.jsonl"), "not a regular file (a FIFO/named pipe); not read") in reasons
    assert ("/dev/null", "not a regular file (a character device); not read") in reasons
    assert any(s.endswith("manifest.json") and "not a regular file" in r for s, r in reasons)


def test_open_regular_refuses_what_is_not_a_regular_file(tmp_path):
    from quotetrail.read.streams import NotRegularFile, open_regular

    os.mkfifo(tmp_path / "pipe")
    with _no_hang():
        for path in (tmp_path / "pipe", "/dev/zero"):
            try:
                open_regular(str(path)).close()
            except NotRegularFile as exc:
                assert "not a regular file" in str(exc)
            else:
                raise AssertionError(f"{path} was opened")


def test_recursive_glob_does_not_follow_linked_folders(tmp_path):
    from quotetrail.read.sources import expand_glob

    (tmp_path / "c" / "sub" / ".hidden").mkdir(parents=True)
    for name in ("c/a.txt", "c/sub/b.txt", "c/sub/.dot.txt", "c/sub/.hidden/h.txt"):
        (tmp_path / name).write_text("Story\n" + BODY)
    (tmp_path / "c" / "sub" / "up").symlink_to(tmp_path / "c", target_is_directory=True)  # a loop
    (tmp_path / "c" / "link").symlink_to(tmp_path / "c" / "sub", target_is_directory=True)
    base = str(tmp_path / "c")
    with _no_hang():
        assert expand_glob(os.path.join(base, "**", "*.txt")) == [
            os.path.join(base, "a.txt"), os.path.join(base, "sub", "b.txt")]
        # a part named (not `**`) may go through a link: its depth is bounded by the pattern
        assert expand_glob(os.path.join(base, "*", "*.txt")) == [
            os.path.join(base, "link", "b.txt"), os.path.join(base, "sub", "b.txt")]
        assert expand_glob(os.path.join(base, "**")) == [
            os.path.join(base, ""), *(os.path.join(base, n) for n in ("a.txt", "link", "sub", "sub/b.txt", "sub/up"))]
        docs, skipped = read_all([os.path.join(base, "**", "*.txt")])
    assert len(docs) == 2 and skipped == []


def test_file_documents_carry_their_resolved_file(tmp_path, monkeypatch):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a#1.txt").write_text("A story\n" + BODY)
    (tmp_path / "d" / "r.jsonl").write_text(json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY}) + "\n")
    (tmp_path / "link").symlink_to(tmp_path / "d", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    real = os.path.realpath(tmp_path / "d")
    for given in ("d", str(tmp_path / "d"), "link", os.path.join("link", "..", "d")):
        docs, _ = read_all([given])
        assert [(d.file, d.origin) for d in docs] == [
            (os.path.join(real, "a#1.txt"), os.path.join(real, "a#1.txt")),
            (os.path.join(real, "r.jsonl"), os.path.join(real, "r.jsonl") + "#0"),
            (os.path.join(real, "r.jsonl"), os.path.join(real, "r.jsonl") + "#1")], given
        assert docs[0].source == os.path.join(given, "a#1.txt")  # shown as given
        articles = [parse(d) for d in docs]
        assert [a.origin for a in articles] == [d.origin for d in docs]
    stdin_docs, _ = read_all(["-"], stdin=io.BytesIO(b"A story\n" + BODY.encode()))
    assert stdin_docs[0].file is None and stdin_docs[0].origin is None


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"A story\n" + BODY.encode())
    with open(os.path.join(folder, b"empty\xff.txt"), "wb"):
        pass
    docs, skipped = read_all([tmp_path])
    assert [d.source for d in docs] == [os.path.join(str(tmp_path), "caf\\xe9.txt")]
    assert docs[0].origin == os.path.join(os.path.realpath(tmp_path), "caf\\xe9.txt")
    assert os.path.exists(docs[0].file)  # the name the OS opens it by
    assert [(s.source, s.reason) for s in skipped] == [(os.path.join(str(tmp_path), "empty\\xff.txt"), "empty file")]
    for text in (docs[0].source, docs[0].origin, skipped[0].source, parse(docs[0]).source):
        text.encode("utf-8")  # storable
