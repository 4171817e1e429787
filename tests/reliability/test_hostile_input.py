"""Bad and hostile input never crashes or hangs a stage: readers, cleaner and quote extraction,
property-tested with hypothesis, plus the classic attacks (bombs, huge lines, deep nesting,
lying WARC lengths). Each bad input ends as an Article or a one-line reason."""
from __future__ import annotations

import gzip
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotetrail import clean, nlp, quotes, read
from quotetrail.model import RawDocument, Skipped


def _read_helpers():
    """tests/read/helpers.py (the WARC and HTML builders), loaded by path: test folders are not importable packages."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("read_helpers", Path(__file__).parents[1] / "read" / "helpers.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_helpers = _read_helpers()
article_html, build_warc, warc_record = _helpers.article_html, _helpers.build_warc, _helpers.warc_record

FAST = settings(max_examples=40, deadline=3000, suppress_health_check=[HealthCheck.too_slow],
                derandomize=True)

# all of Unicode, lone surrogates included (hypothesis leaves category Cs out unless asked)
ANY_CHAR = st.characters(blacklist_categories=())
QUOTE_MARKS = list("\"'“”‘’«»„‟‚‹›「」『』") + ["``", "''", " - ", "\u2014"]
PIECES = st.sampled_from(QUOTE_MARKS + ["said", "told reporters", "Ines Morrow", "she", "according to",
                                        "the minister", ",", ".", "\n", "\n\n", "We will", "not", "yield"])


def _outcome(doc: RawDocument) -> str:
    try:
        article = read.parse(doc)
    except read.BadInput as exc:
        reason = str(exc)
        assert reason and "\n" not in reason
        return "bad"
    assert isinstance(article.raw, str)
    return "ok"


@FAST
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["html", "text"]))
def test_parse_any_bytes(data, kind):
    _outcome(RawDocument("fuzz." + kind, kind, data))


@FAST
@given(text=st.text(ANY_CHAR, max_size=2000), kind=st.sampled_from(["html", "text"]))
def test_parse_any_unicode_with_surrogates(text, kind):
    _outcome(RawDocument("fuzz", kind, text))


@FAST
@given(record=st.dictionaries(st.sampled_from(["text", "html", "title", "url", "date", "published", "author",
                                               "source", "content", "body", "x"]),
                              st.one_of(st.text(ANY_CHAR, max_size=300), st.integers(), st.none(),
                                        st.lists(st.text(max_size=5), max_size=3)), max_size=6))
def test_parse_any_record(record):
    _outcome(RawDocument("fuzz.jsonl#0", "record", record))


@FAST
@given(raw=st.text(ANY_CHAR, max_size=3000), title=st.one_of(st.none(), st.text(ANY_CHAR, max_size=80)))
def test_clean_any_text(raw, title):
    result = clean.clean_text(raw, title)
    assert isinstance(result.text, str)


@pytest.mark.parametrize("data", [b"\xe0\x9a\x9c_", b"\xed\xa0\x80 text \xe9", b"\xf4\x90\x80\x80 x"])
def test_parse_fuzz_finds(data):  # found by benchmarks/fuzz.py: byte runs shaped like UTF-8 that are not
    for kind in ("html", "text"):
        _outcome(RawDocument("fuzz", kind, data))


@pytest.mark.parametrize("raw", ["J\nJJ\nJ"])  # found by benchmarks/fuzz.py: a heading that is its own first copy
def test_clean_fuzz_finds(raw):
    assert clean.clean_text(raw).text


@FAST
@given(parts=st.lists(st.one_of(PIECES, st.text(ANY_CHAR, max_size=12)), max_size=60))
def test_clean_unbalanced_quotes(parts):
    clean.clean_text(" ".join(parts))


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@settings(max_examples=30, deadline=5000, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture],
          derandomize=True)
@given(parts=st.lists(st.one_of(PIECES, PIECES, st.text(ANY_CHAR, max_size=8)), max_size=80))
def test_quotes_on_unbalanced_marks(model, parts):
    text = " ".join(parts).encode("utf-8", "replace").decode("utf-8")  # nlp takes valid text only
    doc = next(nlp.parse(model, [text], only=quotes.may_hold_statement, model_text=quotes.curly_singles))
    for quote in quotes.extract(doc, "a1"):
        assert quote.kind in {"direct", "mixed", "indirect"}
        for start, end in quote.spans:
            assert 0 <= start <= end <= len(text)


def _timed(fn, limit: float):
    start = time.monotonic()
    result = fn()
    assert time.monotonic() - start < limit
    return result


def test_deeply_nested_html_is_a_clear_skip():
    for opener in ("<div>", "<b><i>", "<table><tr><td>"):
        page = (opener * 100_000 + "<p>" + "Enough words to count as a paragraph of prose. " * 5).encode()
        assert _outcome(RawDocument("deep.html", "html", page)) in {"ok", "bad"}


def test_ten_megabyte_line(tmp_path):
    line = ("The minister said “we will not yield” and left. " * 210_000)[:10_500_000]
    (tmp_path / "one.jsonl").write_text('{"text": "' + line + '"}\n' + '{"text": "A short one that is fine."}\n')
    (tmp_path / "one.txt").write_text(line)
    items = _timed(lambda: list(read.iter_documents([str(tmp_path)])), 10)  # default limits: 10 MB records
    skipped = {i.source: i.reason for i in items if isinstance(i, Skipped)}
    assert any("limit" in r for s, r in skipped.items() if "one.jsonl" in s), skipped
    assert [i.source for i in items if isinstance(i, RawDocument)] == [f"{tmp_path}/one.jsonl#1", f"{tmp_path}/one.txt"]
    small = read.ReadLimits(max_file_bytes=1_000_000, max_record_bytes=1_000_000)
    items = list(read.iter_documents([str(tmp_path / "one.txt")], limits=small))
    assert isinstance(items[0], Skipped) and "limit" in items[0].reason
    text_doc = RawDocument("one.txt", "text", line.encode())
    assert _timed(lambda: _outcome(text_doc), 10) == "ok"


def test_gzip_bomb_is_stopped(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<html><body><p>" + b"a" * 60_000_000, compresslevel=9))
    limits = read.ReadLimits(max_decompressed_bytes=5_000_000, max_compression_ratio=100)
    items = _timed(lambda: list(read.iter_documents([str(bomb)], limits=limits)), 10)
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert "bomb" in items[0].reason or "limit" in items[0].reason, items[0].reason


@settings(max_examples=25, deadline=5000, derandomize=True)
@given(errors=st.lists(st.integers(-400, 400), min_size=1, max_size=4), compress=st.booleans())
def test_warc_with_lying_lengths(tmp_path_factory, errors, compress):
    records = [warc_record(f"https://news.example/{n}", article_html(f"Story {n}", paragraphs=[
                           f"Paragraph {n} of prose that is long enough to count as an article paragraph here."] * 3).encode(), length_error=e)
               for n, e in enumerate(errors)]
    path = tmp_path_factory.mktemp("warc") / ("lies.warc.gz" if compress else "lies.warc")
    path.write_bytes(build_warc(records, compress=compress))
    items = _timed(lambda: list(read.iter_documents([str(path)])), 10)
    for item in items:
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
        else:
            _outcome(item)
    honest = [n for n, e in enumerate(errors) if e == 0]
    if len(honest) == len(errors):
        assert all(isinstance(i, RawDocument) for i in items) and len(items) == len(errors)


def _storable(value) -> None:
    """What SQLite, the terminal and JSON take: text that encodes as UTF-8."""
    if isinstance(value, str):
        value.encode("utf-8")
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _storable(item)


@pytest.fixture(scope="module")
def warm_reader():
    """The first record parsed loads dateparser's data (seconds): not the deadline's business."""
    read.parse(RawDocument("warm.jsonl#0", "record", {"text": "Warm.", "date": "5 May 2020", "url": "https://a.example/x"}))


@FAST
@given(record=st.dictionaries(st.sampled_from(["text", "title", "url", "author", "source", "date"]),
                              st.text(ANY_CHAR, min_size=1, max_size=200), min_size=1, max_size=6))
def test_any_record_in_a_jsonl_file_becomes_storable_text_or_a_reason(tmp_path_factory, warm_reader, record):
    import json

    record.setdefault("text", "The harbour master said the cranes were running again after the strike.")
    path = tmp_path_factory.mktemp("jsonl") / "records.jsonl"
    # json.dumps writes a lone surrogate as its \ud800 escape, as real dumps do
    path.write_text(json.dumps(record) + "\n" + json.dumps({"text": "A second record, fine."}) + "\n")
    items = list(read.iter_documents([str(path)]))
    assert len(items) == 2
    for item in items:
        _storable(item.source)
        if isinstance(item, Skipped):
            _storable(item.reason)
            continue
        try:
            article = read.parse(item)
        except read.BadInput:
            continue
        _storable([article.source, article.url, article.title, article.author, article.outlet, article.raw,
                   article.meta])


@FAST
@given(value=st.text(ANY_CHAR, max_size=400))
def test_terminal_text_never_holds_a_control_character(value):
    from quotetrail.terminal import json_line, plain

    shown = plain(value)
    assert not any((ord(c) < 32 and c not in "\t\n") or 0x7f <= ord(c) <= 0x9f for c in shown)
    line = json_line({"v": value.encode("utf-8", "replace").decode("utf-8")})
    assert not any(ord(c) < 32 or 0x7f <= ord(c) <= 0x9f for c in line)
