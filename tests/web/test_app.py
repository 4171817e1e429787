"""The web app and HTTP API over a small hand-built store (no NLP): what each route answers, and
that hostile stored text never becomes markup, script or a link."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from quotetrail.web.app import SECURITY_HEADERS

PAGES = ["/", "/search?q=harbour", "/search?what=articles&q=tariff", "/people", "/people/pmira", "/stories",
         "/stories/st1", "/articles/a1", "/articles/a2", "/statements/s-tariff", "/search?speaker=okonkwo"]


@pytest.fixture(scope="module")
def client(store_path, make_app):
    return TestClient(make_app(store_path, token="s3cret-token"))


class TagAudit(HTMLParser):
    """Every tag and attribute of a page, to check what markup the page really has."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def audit(html: str) -> list[tuple[str, dict]]:
    parser = TagAudit()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_no_injected_markup_and_nothing_inline(client, path):
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    tags = audit(page.text)
    assert tags, "not HTML"
    for tag, attrs in tags:
        assert tag not in {"img", "iframe", "object", "embed"}, f"stored text became a <{tag}> tag"
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)  # the CSP forbids inline styles
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/"), "inline or foreign script"
        for name in ("href", "src", "action"):
            value = attrs.get(name) or ""
            assert not value.strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
    assert "<script>alert" not in page.text


def test_article_page_escapes_text_highlights_quotes_and_folds_junk(client, sample):
    page = client.get("/articles/a1").text
    assert "&lt;script&gt;alert(" in page  # the title, escaped
    assert "&lt;img src=x onerror=alert(2)&gt;" in page  # the quote, escaped
    # the javascript: URL is shown as text, never as a link
    assert 'href="javascript' not in page and "javascript:alert(1)" in page
    # the quote's span is highlighted in its speaker's colour, with a link to the speaker after it
    mark = re.search(r'<mark class="quote (sp\d)" title="([^"]*)">([^<]*)</mark>', page)
    assert mark and mark.group(2) == sample["person"]["name"]
    assert mark.group(3).startswith("&lt;img src=x")
    assert f'<a class="who {mark.group(1)}" href="/people/pmira">{sample["person"]["name"]}</a>' in page
    assert 'id="q-a1-q0"' in page  # anchor for links from statements
    assert '<span class="mention sp0">Okonkwo-Halden</span>' in page
    # the copied paragraph says where else it appears; the copy is linked both ways
    assert "also in" in page and 'href="/articles/a3"' in page


def test_quote_spans_cover_exactly_the_stored_offsets(client, store_path):
    from quotetrail.store.sqlite import Store

    with Store(store_path, readonly=True) as store:
        article = store.get_article("a2")
        quotes = store.quotes_of("a2")
    page = client.get("/articles/a2").text
    marked = [m for m in re.findall(r'<mark class="quote sp\d" title="[^"]*">([^<]*)</mark>', page)]
    import html

    expected = [article.text[s:e] for q in quotes for s, e in q.spans]
    assert [html.unescape(m) for m in marked] == expected


def test_story_page_shows_copies_and_marks_changed_words(client):
    page = client.get("/stories/st1").text
    assert "Who copies whom" in page
    row = re.search(r'<a href="/articles/a3">Dock Wire</a>.*?carries text of\s*<a href="/articles/a1">'
                    r'Harbour &lt;Gazette&gt;</a>', page, re.S)
    assert row, "a3 (later) should be shown carrying text of a1"
    assert "<ins>never</ins>" in page  # the changed word of the Quay Times variant
    assert "<del>not</del> → <ins>never</ins>" in page


def test_person_page_has_svg_timeline_linking_each_statement(client):
    page = client.get("/people/pmira").text
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", page, re.S).group(0)
    links = re.findall(r'<a href="(/statements/[^"]+)"><circle', svg)
    assert sorted(links) == ["/statements/s-cranes", "/statements/s-ferry", "/statements/s-tariff"]
    assert "harbour tariffs" in svg  # a topic row
    assert "&lt;i onclick" in page  # a hostile title, escaped
    # statements in the order said: tariffs (1 Mar), cranes (2 Mar), ferry (10 Apr)
    order = [m for m in re.findall(r'<li class="statement" id="st-([^"]+)"', page)]
    assert order == ["s-tariff", "s-cranes", "s-ferry"]
    filtered = client.get("/people/pmira?topic=Convoy").text
    assert re.findall(r'<li class="statement" id="st-([^"]+)"', filtered) == ["s-cranes"]


def test_search_page_finds_people_by_alias_and_filters(client):
    page = client.get("/search?q=okonkwo").text
    assert 'href="/people/pmira"' in page
    only_quay = client.get("/search?speaker=okonkwo&outlet=Quay+Times").text
    assert "grain convoy" in only_quay and "stewards would meet" not in only_quay
    dated = client.get("/search?speaker=okonkwo&since=2025-04-01&until=2025-04-30").text
    assert "ferry timetables" in dated and "grain convoy" not in dated
    empty_fields = client.get("/search?q=&speaker=&outlet=&story=&kind=&since=&until=")
    assert empty_fields.status_code == 200  # a filter form submitted with blank fields


def test_api_quotes_filters_and_pagination(client):
    everything = client.get("/api/quotes?limit=50").json()
    assert len(everything) == 6
    by_alias = client.get("/api/quotes", params={"speaker": "M. OKONKWO"}).json()
    assert {q["speaker_id"] for q in by_alias} == {"pmira"} and len(by_alias) == 5
    assert [q["id"] for q in client.get("/api/quotes?kind=indirect").json()] == ["a1-q1"]
    assert {q["article"] for q in client.get("/api/quotes?story=st2").json()} == {"a4"}
    pages = [client.get(f"/api/quotes?limit=2&offset={o}").json() for o in (0, 2, 4)]
    ids = [q["id"] for page in pages for q in page]
    assert sorted(ids) == sorted(q["id"] for q in everything) and len(set(ids)) == 6
    first = everything[0]
    assert set(first) >= {"id", "article", "source", "kind", "text", "spans", "speaker", "speaker_id", "mention",
                          "cue", "via", "said_on", "statement", "topics"}


def test_api_reads(client, sample):
    people = client.get("/api/people").json()
    assert people[0]["id"] == "pmira" and people[0]["aliases"] == sample["person"]["aliases"]
    assert client.get("/api/people?name=brunv").json()[0]["id"] == "pbrun"
    stories = client.get("/api/stories").json()
    assert stories[0]["id"] == "st1" and stories[0]["size"] == 3
    story = client.get("/api/stories/st1").json()
    assert story["articles"] == ["a1", "a2", "a3"] and "Mira Okonkwo-Halden" in story["people"]
    statement = client.get("/api/statements/s-tariff").json()
    assert statement["text"] == sample["quote"]  # two outlets carried it as is: the canonical wording
    changed = [v for v in statement["variants"] if v["changes"]]
    assert [v["outlet"] for v in changed] == ["Quay Times"]
    assert changed[0]["changes"] == [{"op": "replace", "canonical": "not", "variant": "never"}]
    assert statement["first_reported"]["article"] == "a1"
    listed = client.get("/api/statements?speaker=okonkwo").json()
    assert [s["id"] for s in listed] == ["s-tariff", "s-cranes", "s-ferry"]
    article = client.get("/api/articles/a3").json()
    assert article["duplicate_of"] == "a1" and client.get("/api/articles/a1").json()["title"] == sample["title"]
    assert article["shared_paragraphs"] == [{"paragraph": 1, "articles": ["a1"]}]
    assert [a["id"] for a in client.get("/api/articles?story=st1").json()] == ["a3", "a2", "a1"]
    found = client.get("/api/search?q=grain").json()
    assert [q["id"] for q in found["quotes"]] == ["a2-q1"] and [a["id"] for a in found["articles"]] == ["a2"]
    timeline = client.get("/api/timeline?speaker=okonkwo&topic=tariff").json()
    assert [r["statement"] for r in timeline] == ["s-tariff"]
    assert timeline[0]["outlets"] == ["Harbour <Gazette>", "Quay Times", "Dock Wire"]  # as published
    assert timeline[0]["said_on"] == "2025-03-01" and len(timeline[0]["variants"]) == 3


def test_errors_are_clean_json_under_api_and_small_pages_elsewhere(client):
    for path in ("/api/articles/nope", "/api/people/nope", "/api/stories/nope", "/api/statements/nope", "/api/zzz"):
        response = client.get(path)
        assert response.status_code == 404 and response.headers["content-type"] == "application/json"
        assert set(response.json()) == {"detail"}
    for path in ("/api/quotes?since=yesterday", "/api/quotes?limit=0", "/api/quotes?kind=shouted", "/api/search"):
        response = client.get(path)
        assert response.status_code == 422 and response.json()["detail"][0]["msg"]
    page = client.get("/articles/nope")
    assert page.status_code == 404 and "text/html" in page.headers["content-type"] and "Traceback" not in page.text
    bad = client.get("/search?since=<script>")
    assert bad.status_code == 422 and "<script>" not in bad.text and "text/html" in bad.headers["content-type"]


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/", "/api/people", "/static/app.css", "/api/nope", "/nope", "/openapi.json", "/docs"):
        response = client.get(path)
        for name, value in SECURITY_HEADERS.items():
            assert response.headers.get(name) == value, (path, name)


def test_a_crash_is_a_clean_500(tmp_path, make_app):
    broken = tmp_path / "not-a-db.db"
    broken.write_text("this is not sqlite " * 100)
    client = TestClient(make_app(broken), raise_server_exceptions=False)
    api = client.get("/api/people")
    assert api.status_code == 500 and api.json() == {"detail": "internal error"}
    page = client.get("/")
    assert page.status_code == 500 and "Traceback" not in page.text and "sqlite" not in page.text.lower()
    assert page.headers["X-Frame-Options"] == "DENY"


def test_writes_need_the_token(store_path, make_app):
    client = TestClient(make_app(store_path, token="s3cret-token"))
    article = {"title": "t", "text": "Some text."}
    assert client.post("/api/articles", json=article).status_code == 401
    wrong = client.post("/api/articles", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    no_token_server = TestClient(make_app(store_path, token=None))
    refused = no_token_server.post("/api/articles", json=article, headers={"Authorization": "Bearer anything"})
    assert refused.status_code == 401 and "--token" in refused.json()["detail"]


def test_token_can_come_from_the_environment(store_path, monkeypatch, make_app):
    monkeypatch.setenv("QUOTETRAIL_TOKEN", "from-env")
    client = TestClient(make_app(store_path))
    response = client.post("/api/articles", json=[{"text": ""}], headers={"Authorization": "Bearer from-env"})
    assert response.status_code == 422  # past the token check: the empty text is refused


def test_request_body_is_capped(store_path, make_app):
    client = TestClient(make_app(store_path, token="t", max_body=1000))
    response = client.post("/api/articles", content=b"[" + b" " * 2000 + b"]",
                           headers={"Authorization": "Bearer t", "content-type": "application/json"})
    assert response.status_code == 413 and "larger than" in response.json()["detail"]

    def chunks():  # no content-length: the cap must hold while reading
        for _ in range(10):
            yield b" " * 300

    streamed = client.post("/api/articles", content=chunks(),
                           headers={"Authorization": "Bearer t", "content-type": "application/json"})
    assert streamed.status_code == 413


def test_docs_work_offline_from_packaged_assets(client):
    docs = client.get("/docs").text
    scripts = re.findall(r'<script src="([^"]+)"', docs)
    assert scripts == ["/static/swagger-ui-bundle.js", "/static/docs.js"]
    assert "cdn" not in docs.lower()
    for src in scripts:
        assert client.get(src).status_code == 200
    schema = client.get("/openapi.json").json()
    assert {"/api/quotes", "/api/people", "/api/stories", "/api/statements", "/api/articles", "/api/search",
            "/api/timeline"} <= set(schema["paths"])
    assert "post" in schema["paths"]["/api/articles"]


def test_posted_articles_go_through_the_pipeline(tmp_path, make_app):
    from quotetrail.store.sqlite import Store

    db = tmp_path / "ingest.db"
    Store(db).close()
    client = TestClient(make_app(db, token="tok"))
    body = [{"title": "Ferry strike called off", "url": "https://example.org/ferry-strike",
             "outlet": "Lakeside Ledger", "published": "2025-05-02", "author": "R. Amsel",
             "text": "The ferry strike was called off on Thursday.\n\n"
                     "\"We have reached a fair agreement,\" said Ilse Marwood, the ferry union's chair.\n\n"
                     "Cookies help us deliver our services. By using our services, you agree to our use of cookies."}]
    headers = {"Authorization": "Bearer tok"}
    first = client.post("/api/articles", json=body, headers=headers)
    assert first.status_code == 200, first.text
    result = first.json()
    assert result["received"] == 1 and result["stored"] == 1 and len(result["articles"]) == 1
    article_id = result["articles"][0]["id"]
    stored = client.get(f"/api/articles/{article_id}").json()
    assert stored["outlet"] == "Lakeside Ledger" and stored["published"] == "2025-05-02"
    quotes = client.get(f"/api/quotes?article={article_id}").json()
    assert any(q["text"] == "We have reached a fair agreement" and q["speaker"] == "Ilse Marwood" for q in quotes)
    again = client.post("/api/articles", json=body[0], headers=headers).json()
    assert again["stored"] == 0 and again["already_stored"] == 1  # the same article twice is stored once


def _get_routes(app) -> list:
    from fastapi.routing import APIRoute

    return [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]


def test_a_nul_byte_in_any_parameter_of_any_route_is_a_clean_400(client):
    """Every GET route, every query parameter it takes, with a NUL byte alone and inside a word:
    400 (a JSON detail under /api, a page elsewhere), never 500 (SQLite's FTS failed on it) nor 200
    with a wrong answer (LIKE stopped at it: `speaker=%00` matched every speaker)."""
    routes = _get_routes(client.app)
    tried = set()
    for route in routes:
        path = route.path_format
        for p in route.dependant.path_params:
            path = path.replace("{" + p.name + "}", {"person_id": "pmira", "story_id": "st1"}.get(p.name, "a1"))
        params = route.dependant.query_params
        required = {p.alias: "okonkwo" for p in params if p.field_info.is_required()}
        for param in params:
            for value in ("\x00", "a\x00b", "harbour\x00"):
                response = client.get(path, params={**required, param.alias: value})
                tried.add((route.path, param.alias))
                assert response.status_code == 400, (path, param.alias, value, response.status_code)
                if path.startswith("/api/"):
                    assert response.json() == {"detail": "a NUL byte (%00) is not allowed in the path or a parameter"}
                else:
                    assert "text/html" in response.headers["content-type"] and "NUL" in response.text
                assert response.headers["X-Frame-Options"] == "DENY"
    # the routes of the issue, and the parameters that answered 500 or every speaker before
    assert {("/api/search", "q"), ("/api/quotes", "search"), ("/api/quotes", "speaker"), ("/api/articles", "search"),
            ("/search", "q"), ("/search", "speaker"), ("/api/people", "name"), ("/people", "name"),
            ("/api/timeline", "speaker"), ("/api/statements", "speaker")} <= tried
    for path in ("/people/%00", "/api/people/p%00", "/articles/a1%00"):  # in the path too
        assert client.get(path).status_code == 400
    # the same words without the NUL byte still answer
    assert client.get("/api/search", params={"q": "harbour"}).status_code == 200
    assert client.get("/search", params={"q": "a b", "speaker": "okonkwo"}).status_code == 200


def test_openapi_lists_every_status_code_each_route_can_answer(client):
    schema = client.get("/openapi.json").json()
    error = {"$ref": "#/components/schemas/ErrorOut"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            expected = {"200", "400", "500"}
            if operation.get("parameters") or "requestBody" in operation:
                expected.add("422")
            if "{" in path:
                expected.add("404")
            if method == "post":
                expected |= {"401", "413", "503"}
            assert codes == expected, (method, path, sorted(codes))
            for code in expected - {"200", "422"}:
                content = operation["responses"][code]["content"]
                assert content["application/json"]["schema"] == error, (method, path, code)
                assert operation["responses"][code]["description"]
            assert "text/plain" in operation["responses"]["400"]["content"]  # the host check's answer
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "127.0.0.1", "localhost:8765", "LOCALHOST", "[::1]:8765",
                                  "[::1]"])
def test_loopback_host_names_are_served(store_path, host):
    from quotetrail.web.app import create_app

    client = TestClient(create_app(store_path))
    for path in ("/api/people", "/", "/static/app.css"):
        assert client.get(path, headers={"Host": host}).status_code == 200, (host, path)


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8765", "127.0.0.1.evil.example", "localhost.evil",
                                  "testserver", "[::2]:8765", "", "a b"])
def test_other_host_names_get_400_so_dns_rebinding_reads_nothing(store_path, host):
    """A page on evil.example rebinding its name to 127.0.0.1 sends `Host: evil.example`: refused,
    on every kind of route, with the security headers; the test client's own name is not allowed
    by default either."""
    from quotetrail.web.app import SECURITY_HEADERS, create_app

    client = TestClient(create_app(store_path))
    for path in ("/api/people", "/api/search?q=harbour", "/", "/static/app.css", "/openapi.json", "/api/nope"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 400 and response.text == "Invalid host header", (host, path)
        assert "Okonkwo" not in response.text
        assert all(response.headers.get(k) == v for k, v in SECURITY_HEADERS.items())
    posted = client.post("/api/articles", json={"text": "x"}, headers={"Host": host, "Authorization": "Bearer t"})
    assert posted.status_code == 400


def test_allowed_hosts_add_names_with_or_without_port_and_subdomain_patterns(store_path):
    from quotetrail.web.app import allowed_host_patterns, create_app

    client = TestClient(create_app(store_path, allowed_hosts=["Quotes.LAN:8080", "*.example.org", "::1", "10.0.0.5"]))
    for host in ("quotes.lan", "quotes.lan:9999", "news.example.org", "a.b.example.org:1", "10.0.0.5:8765", "[::1]"):
        assert client.get("/api/stories", headers={"Host": host}).status_code == 200, host
    for host in ("example.org", "quotes.lan.evil", "10.0.0.6"):
        assert client.get("/api/stories", headers={"Host": host}).status_code == 400, host
    assert allowed_host_patterns(["0.0.0.0", "::", "[fe80::1]:80", ""]) == [
        "127.0.0.1", "localhost", "[::1]", "0.0.0.0", "[::]", "[fe80::1]"]
    for bad in ("a b", "host/path", "*.*.example.org", "ex*ample.org"):
        with pytest.raises(ValueError):
            allowed_host_patterns([bad])


FERRY = {"title": "Ferry strike called off", "url": "https://example.org/ferry-strike", "outlet": "Lakeside Ledger",
         "published": "2025-05-02",
         "text": "The ferry strike was called off on Thursday.\n\n"
                 "\"We have reached a fair agreement,\" said Ilse Marwood, the ferry union's chair."}
BRIDGE = {"title": "Old bridge reopens", "url": "https://example.org/bridge", "outlet": "Valley Courier",
          "text": "The old bridge reopened on Monday after two months of repairs.\n\n"
                  "\"Traffic is flowing again,\" said Oskar Lindqvist, the city engineer."}


def test_ingest_answers_with_its_own_articles_even_when_it_waited_for_another_run(tmp_path, make_app):
    """A POST that waits for a `quotetrail run` holding the store lists the articles it added, not
    those the run stored meanwhile (the answer was every row newer than before the wait)."""
    import threading
    import time

    from quotetrail.engines.local import LocalEngine
    from quotetrail.model import RawDocument
    from quotetrail.pipeline import run
    from quotetrail.store.sqlite import Store

    db = tmp_path / "ingest.db"
    Store(db).close()
    client = TestClient(make_app(db, token="tok"))
    holding, release = threading.Event(), threading.Event()

    def other_documents():
        holding.set()  # pulled inside the other run's lock: it holds the store now
        release.wait(60)
        yield RawDocument(source="other-run.jsonl#1", kind="record", data=dict(BRIDGE))

    def other_run():
        with Store(db) as store:
            run(["other-run.jsonl"], store, engine=LocalEngine(1), documents=other_documents())

    runner = threading.Thread(target=other_run)
    runner.start()
    assert holding.wait(60)
    answers: list = []
    poster = threading.Thread(target=lambda: answers.append(
        client.post("/api/articles", json=[FERRY], headers={"Authorization": "Bearer tok"})))
    poster.start()
    time.sleep(1.5)  # the POST is now waiting for the run lock
    release.set()
    runner.join(120)
    poster.join(120)
    response = answers[0]
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["stored"] == 1 and [a["title"] for a in result["articles"]] == [FERRY["title"]]
    stored = {a["title"] for a in client.get("/api/articles").json()}
    assert stored == {FERRY["title"], BRIDGE["title"]}  # both runs stored their article
    # posted again: nothing new, so no article is listed (it was stored by the first POST)
    again = client.post("/api/articles", json=[FERRY, BRIDGE], headers={"Authorization": "Bearer tok"}).json()
    assert (again["stored"], again["already_stored"], again["articles"]) == (0, 2, [])
    # one new among old ones: only it is listed, in the order posted
    third = dict(FERRY, url="https://example.org/ferry-strike-2", text=FERRY["text"] + "\n\nTimetables resume Friday.")
    mixed = client.post("/api/articles", json=[BRIDGE, third, FERRY], headers={"Authorization": "Bearer tok"}).json()
    assert mixed["stored"] == 1 and [a["url"] for a in mixed["articles"]] == [third["url"]]


@pytest.mark.parametrize("url", ["https://example.org/harbour-notice", "server-file"])
def test_the_same_url_posted_again_with_new_text_is_stored_as_new(tmp_path, make_app, url):
    """A URL is not a file of the server's: a second POST of it with new text is a new article,
    even when the URL happens to name a file there (it was stat-ed as one, marked done, and the
    second POST skipped as unchanged)."""
    from quotetrail.store.sqlite import Store

    if url == "server-file":
        server_file = tmp_path / "notice.html"
        server_file.write_text("a file of the server's", encoding="utf-8")
        url = str(server_file)
    db = tmp_path / "same-url.db"
    Store(db).close()
    client = TestClient(make_app(db, token="tok"))
    headers = {"Authorization": "Bearer tok"}
    first = {"title": "Harbour notice", "url": url, "text": "The harbour closes at noon on Saturday for dredging."}
    second = dict(first, text="The harbour reopens on Sunday morning after the dredging ended early.")
    assert client.post("/api/articles", json=first, headers=headers).json()["stored"] == 1
    answer = client.post("/api/articles", json=second, headers=headers).json()
    assert answer["stored"] == 1 and len(answer["articles"]) == 1, answer
    assert answer["articles"][0]["url"] == url
    assert len(client.get("/api/articles").json()) == 2
