import gzip

from quotetrail.read import ReadLimits, parse

from .helpers import CountingStream, article_html, build_warc, read_all, skipped_by_source, warc_record


def _page(title: str, **kw) -> bytes:
    return article_html(title=title, **kw).encode()


def _mixed_records() -> list[bytes]:
    return [
        warc_record("https://site.example/a", b"", warc_type="request"),
        warc_record("https://site.example/a", _page("First story", canonical=None, published=None)),
        warc_record("https://site.example/logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, content_type="image/png"),
        warc_record("https://site.example/old", b"<html>moved</html>", status="301 Moved Permanently"),
        warc_record("https://site.example/b", _page("Second story"), date="2025-03-10T01:00:00Z"),
        warc_record("https://site.example/info", b"software: test", warc_type="metadata", content_type="text/plain"),
    ]


def test_warc_gz_yields_only_html_responses(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(build_warc(_mixed_records()))
    docs, skipped = read_all([path])
    assert skipped == []
    assert [d.source for d in docs] == [f"{path}#0", f"{path}#1"]
    assert [d.meta["url"] for d in docs] == ["https://site.example/a", "https://site.example/b"]
    assert all(d.kind == "html" and d.meta["format"] == "warc" for d in docs)
    # HTTP headers are stripped: the payload is the page itself
    assert docs[0].data.startswith(b"<!DOCTYPE html>")

    first, second = (parse(d) for d in docs)
    assert first.title == "First story"
    assert first.url == "https://site.example/a"  # no canonical link: the target URI
    assert first.published == "2025-03-09" and first.meta["date_source"] == "crawl"
    assert first.outlet == "Harbour Times"
    assert second.published == "2025-03-04" and second.meta["date_source"] == "page"
    assert second.url == "https://www.harbourtimes.example/news/ferry-route"  # canonical wins
    assert second.meta["fetched_url"] == "https://site.example/b"
    assert first.meta["format"] == "warc"


def test_uncompressed_warc(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(build_warc(_mixed_records(), compress=False))
    docs, skipped = read_all([path])
    assert skipped == [] and len(docs) == 2


def test_warc_is_streamed_not_loaded(tmp_path):
    records = [warc_record(f"https://site.example/{i}", _page(f"Story {i}")) for i in range(400)]
    data = build_warc(records)
    stream = CountingStream(data)
    from quotetrail.read import iter_documents

    iterator = iter_documents(["-"], stdin=stream)
    first = next(iterator)
    assert first.meta["url"] == "https://site.example/0"
    assert stream.consumed < len(data) / 3  # only the head of the archive was read
    rest = list(iterator)
    assert len(rest) == 399 and rest[-1].source == "<stdin>#399"


def test_lying_content_length_skips_that_record_only(tmp_path):
    records = [
        warc_record("https://site.example/1", _page("One")),
        warc_record("https://site.example/2", _page("Two"), length_error=-25),
        warc_record("https://site.example/3", _page("Three")),
        warc_record("https://site.example/4", _page("Four")),
    ]
    for compress in (True, False):
        path = tmp_path / f"lie{int(compress)}.warc{'.gz' if compress else ''}"
        path.write_bytes(build_warc(records, compress))
        docs, skipped = read_all([path])
        assert [d.meta["url"] for d in docs] == ["https://site.example/1", "https://site.example/3", "https://site.example/4"]
        reasons = skipped_by_source(skipped)
        assert list(reasons) == [f"{path}#1"]
        assert "Content-Length" in reasons[f"{path}#1"]


def test_content_length_too_long_never_raises(tmp_path):
    records = [
        warc_record("https://site.example/1", _page("One")),
        warc_record("https://site.example/2", _page("Two"), length_error=+60),
        warc_record("https://site.example/3", _page("Three")),
        warc_record("https://site.example/4", _page("Four")),
    ]
    path = tmp_path / "long.warc.gz"
    path.write_bytes(build_warc(records))
    docs, skipped = read_all([path])
    urls = [d.meta["url"] for d in docs]
    assert urls[0] == "https://site.example/1" and urls[-1] == "https://site.example/4"
    assert "https://site.example/2" not in urls
    assert any("Content-Length" in s.reason for s in skipped)


def test_last_record_truncated(tmp_path):
    records = [warc_record("https://site.example/1", _page("One")), warc_record("https://site.example/2", _page("Two"), length_error=+80)]
    path = tmp_path / "trunc.warc.gz"
    path.write_bytes(build_warc(records))
    docs, skipped = read_all([path])
    assert [d.meta["url"] for d in docs] == ["https://site.example/1"]
    assert [s.source for s in skipped] == [f"{path}#1"] and "truncated" in skipped[0].reason


def test_oversize_record_is_skipped(tmp_path):
    records = [warc_record("https://site.example/big", _page("Big", paragraphs=["word " * 5000])), warc_record("https://site.example/ok", _page("Ok"))]
    path = tmp_path / "big.warc.gz"
    path.write_bytes(build_warc(records))
    docs, skipped = read_all([path], limits=ReadLimits(max_record_bytes=10_000))
    assert [d.meta["url"] for d in docs] == ["https://site.example/ok"]
    assert skipped[0].source == f"{path}#0" and "record limit" in skipped[0].reason


def test_corrupt_gzip_warc_keeps_records_before_the_damage(tmp_path):
    records = [warc_record(f"https://site.example/{i}", _page(f"Story {i}")) for i in range(3)]
    members = [gzip.compress(r) for r in records]
    damaged = members[0] + members[1][:30] + b"\x00\xff" * 40 + members[1][110:] + members[2]
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(damaged)
    docs, skipped = read_all([path])
    assert [d.meta["url"] for d in docs] == ["https://site.example/0"]
    assert len(skipped) == 1 and skipped[0].source == str(path)
    assert "corrupt" in skipped[0].reason.lower() or "gzip" in skipped[0].reason.lower()


def test_http_charset_from_warc_header_is_used(tmp_path):
    page = article_html(title="Charset story", charset=None).replace("spring", "spring \u2013 se\u00f1ora").encode("cp1252")
    record = warc_record("https://site.example/c", page, content_type="text/html; charset=windows-1252")
    path = tmp_path / "cs.warc.gz"
    path.write_bytes(build_warc([record]))
    docs, _ = read_all([path])
    assert docs[0].meta["charset"].lower() in ("windows-1252", "cp1252")
    article = parse(docs[0])
    assert "spring \u2013 se\u00f1ora" in article.raw


def test_http_content_encoding_is_decoded(tmp_path):
    page = article_html(title="Encoded page").encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(page[i : i + 500]), page[i : i + 500]) for i in range(0, len(page), 500)) + b"0\r\n\r\n"
    records = [
        warc_record("https://site.example/gz", gzip.compress(page), extra_http="Content-Encoding: gzip\r\n"),
        warc_record("https://site.example/chunked", chunked, extra_http="Transfer-Encoding: chunked\r\n"),
    ]
    path = tmp_path / "enc.warc.gz"
    path.write_bytes(build_warc(records))
    docs, skipped = read_all([path])
    assert skipped == []
    assert [parse(d).title for d in docs] == ["Encoded page", "Encoded page"]


def test_lying_record_on_stdin_keeps_what_came_before():
    import io

    from quotetrail.read import iter_documents

    records = [
        warc_record("https://site.example/1", _page("One")),
        warc_record("https://site.example/2", _page("Two"), length_error=-25),
        warc_record("https://site.example/3", _page("Three")),
    ]
    items = list(iter_documents(["-"], stdin=io.BytesIO(build_warc(records))))
    assert [getattr(i, "meta", {}).get("url") for i in items[:1]] == ["https://site.example/1"]
    assert [(i.source, type(i).__name__) for i in items[1:]] == [("<stdin>#1", "Skipped"), ("<stdin>", "Skipped")]
    assert "Content-Length" in items[1].reason and "record 1" in items[2].reason
