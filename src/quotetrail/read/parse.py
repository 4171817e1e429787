"""`parse(RawDocument) -> Article`: the per-article half of reading (decoding and extraction)."""
from __future__ import annotations

from typing import Any

from ..model import Article, RawDocument, has_surrogates, safe_text
from .decoding import Decoded, decode, html_declared_charset, looks_binary_text, repair_mojibake
from .fields import SANITISED, normalize_date, outlet_from_url, record_body, record_meta, sanitise_record
from .html import extract_page
from .limits import BadInput
from .text import split_front_matter, take_title

_ARTICLE_FIELDS = ("title", "url", "outlet", "author", "published")


def parse(doc: RawDocument) -> Article:
    """Turn one RawDocument into an Article; raises BadInput with a one-line reason."""
    if doc.kind == "html":
        return _parse_html_bytes(doc)
    if doc.kind == "text":
        return _parse_text(doc)
    if doc.kind == "record":
        return _parse_record(doc)
    raise BadInput(f"unknown document kind {doc.kind!r}")


def _as_bytes(data: bytes | str | dict) -> bytes | str:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if isinstance(data, str):
        return data
    raise BadInput("document data is not text or bytes")


def _decode(data: bytes | str, declared: str | None = None) -> Decoded:
    if isinstance(data, str):
        if looks_binary_text(data):
            raise BadInput("binary content, not text (mostly control characters)")
        text, repairs = repair_mojibake(data)
        return Decoded(text, "unicode", f"repaired {repairs} mojibake sequence(s)" if repairs else None)
    if not data.strip():
        raise BadInput("empty file")
    return decode(data, declared)


def _decoding_meta(decoded: Decoded) -> dict[str, Any]:
    meta: dict[str, Any] = {"encoding": decoded.encoding}
    if decoded.note:
        meta["decoding"] = decoded.note
    return meta


def _up_front(doc: RawDocument) -> dict[str, Any]:
    """The article fields known before parsing (manifest, record fields, WARC headers)."""
    meta = doc.meta or {}
    fields = {key: meta.get(key) for key in _ARTICLE_FIELDS if meta.get(key)}
    if "published" in fields:
        fields["published"] = normalize_date(fields["published"])
    return fields


def _finish(doc: RawDocument, raw: str, fields: dict[str, Any], meta: dict[str, Any]) -> Article:
    # Only line endings are normalised (as Python's text mode does): offsets into the text then
    # match the file as any reader opens it.
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise BadInput("empty text after decoding")
    if not fields.get("outlet"):
        outlet = outlet_from_url(fields.get("url"))
        if outlet:
            fields["outlet"] = outlet
            meta.setdefault("outlet_source", "url")
    meta.setdefault("format", (doc.meta or {}).get("format") or doc.kind)
    # The last guard before the store: no stored string may hold a lone surrogate (a record's are
    # replaced when read; this catches any other way in). The fields replaced are named in
    # meta["sanitised"], with the record's own.
    sanitised = set((doc.meta or {}).get(SANITISED) or ())
    if has_surrogates(raw):
        raw = safe_text(raw)
        sanitised.add("text")
    for key in _ARTICLE_FIELDS:
        value = fields.get(key)
        if isinstance(value, str) and has_surrogates(value):
            fields[key] = safe_text(value)
            sanitised.add(key)
    if sanitise_record(meta):
        sanitised.add("meta")
    if sanitised:
        meta[SANITISED] = sorted(sanitised)
    return Article(
        source=doc.source,
        raw=raw,
        title=fields.get("title"),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        author=fields.get("author"),
        published=fields.get("published"),
        meta=meta,
        origin=doc.origin,
        file=doc.file,
    )


def _parse_html_bytes(doc: RawDocument) -> Article:
    data = _as_bytes(doc.data)
    declared = (doc.meta or {}).get("charset")
    if isinstance(data, bytes) and not declared:
        declared = html_declared_charset(data)
    decoded = _decode(data, declared)
    return _html_article(doc, decoded.text, _decoding_meta(decoded))


def _html_article(doc: RawDocument, html: str, meta: dict[str, Any]) -> Article:
    given = _up_front(doc)
    from_warc = (doc.meta or {}).get("format") == "warc"
    page = extract_page(html, url=given.get("url"))
    fields: dict[str, Any] = {}
    # What the user supplied (record fields, manifest) beats what the page says. A WARC's
    # target URI and crawl date are only what the crawler saw: the page's canonical URL and
    # publication date beat them.
    if from_warc and page.url and page.url.startswith(("http://", "https://")):
        fields["url"] = page.url
        if given.get("url") and given["url"] != page.url:
            meta["fetched_url"] = given["url"]
    else:
        fields["url"] = given.get("url") or page.url
    fields["title"] = given.get("title") or page.title
    fields["author"] = given.get("author") or page.author
    fields["outlet"] = given.get("outlet") or page.sitename
    if page.sitename:
        meta["sitename"] = page.sitename
    if page.language:
        meta["language"] = page.language
    if given.get("published"):
        fields["published"], meta["date_source"] = given["published"], "given"
    elif page.published:
        fields["published"], meta["date_source"] = normalize_date(page.published), "page"
    elif (doc.meta or {}).get("crawl_date"):
        fields["published"], meta["date_source"] = normalize_date(doc.meta["crawl_date"]), "crawl"
    meta["html"] = html
    if page.alternative:
        meta["alternative_text"] = page.alternative
    return _finish(doc, page.text, fields, meta)


def _parse_text(doc: RawDocument) -> Article:
    decoded = _decode(_as_bytes(doc.data))
    meta = _decoding_meta(decoded)
    front, body = split_front_matter(decoded.text.replace("\r\n", "\n").replace("\r", "\n"))
    fields = _up_front(doc)
    if front:
        # The file's own front matter beats a manifest row about it.
        fields.update(record_meta(front))
        meta["front_matter"] = True
    if not fields.get("title"):
        title, _ = take_title(body)
        if title:
            # The line stays in the text: it is the article's own first line, not a duplicate.
            fields["title"] = title
            meta["title_source"] = "first-line"
    return _finish(doc, body, fields, meta)


def _parse_record(doc: RawDocument) -> Article:
    record = doc.data
    if not isinstance(record, dict):
        raise BadInput("record is not an object")
    sanitised = sanitise_record(record)  # a record handed in (web API) was not read by `read`
    if sanitised:
        doc.meta = {**(doc.meta or {}), SANITISED: sorted({*(doc.meta or {}).get(SANITISED, ()), *sanitised})}
    text, html = record_body(record)
    fields = {**record_meta(record), **_up_front(doc)}
    if text is not None:
        decoded = _decode(text)
        meta = _decoding_meta(decoded)
        if html is not None:
            meta["html"] = html
        return _finish(doc, decoded.text, fields, meta)
    if html is not None:
        decoded = _decode(html)
        meta = _decoding_meta(decoded)
        record_doc = RawDocument(doc.source, "html", html, {**(doc.meta or {}), **fields}, file=doc.file,
                                 origin=doc.origin)
        return _html_article(record_doc, decoded.text, meta)
    raise BadInput("record has no text or html field")
