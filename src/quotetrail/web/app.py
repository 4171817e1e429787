"""The web app: server-rendered pages and a JSON API over the store built by `quotetrail run`.

Pages: /  /search  /people  /people/{id}  /stories  /stories/{id}  /articles/{id}  /statements/{id}
API:   /api/quotes  /api/people[/{id}]  /api/stories[/{id}]  /api/statements[/{id}]
       /api/articles[/{id}] (GET; POST ingests, behind the token)  /api/search  /api/timeline
Docs:  /docs (Swagger UI, served from the package: works offline)  /openapi.json

All stored text is untrusted: templates autoescape, and the few pieces of markup built in Python
(render.py) escape every piece of text they join. Pages carry no inline script or style, so the
strict Content-Security-Policy below holds.

Every request must name this server in its Host header (`create_app(allowed_hosts=...)`: against
DNS rebinding) and have no NUL byte in its path or parameters (`Guard`: 400 for either). How
`quotetrail serve` limits connections is in server.py.
"""
from __future__ import annotations

import gc
import hmac
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote_plus
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette._utils import parse_host_header
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import query
from ..store.sqlite import Store
from . import models, render

log = logging.getLogger("quotetrail.web")

HERE = Path(__file__).parent
MAX_BODY = 5 * 1024 * 1024
PAGE_SIZE = 20
STATEMENTS_PER_PAGE = 20  # each statement brings its variants and their diffs: 50 made a 190 KB page
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                               " object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
# Host names a browser uses for this machine: always accepted (see `allowed_host_patterns`)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
NUL_REFUSED = "a NUL byte (%00) is not allowed in the path or a parameter"
DAY = r"^(\d{4}-\d{2}-\d{2})?$"  # a full date, or empty (an unfilled date field of the search form)
KIND = r"^(direct|mixed|indirect)?$"

TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes .html
TEMPLATES.env.filters["safe_href"] = render.safe_href
TEMPLATES.env.filters["counted"] = render.counted


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _html_error(request: Request | None, status: int, title: str, message: str) -> Response:
    if request is None:  # outside routing (body too large, crash before a request object)
        body = f"<!doctype html><title>{status}</title><h1>{status}</h1>"
        return HTMLResponse(body, status_code=status)
    return TEMPLATES.TemplateResponse(request, "error.html", {"status": status, "title": title, "message": message},
                                      status_code=status)


def _has_nul(scope: Scope) -> bool:
    """A NUL byte anywhere in the decoded path, a parameter's name or value. No word, name or id
    this app stores has one, and SQLite takes text as C strings in places: FTS5 fails on it (500)
    and LIKE stops at it, so `speaker=%00` matched every speaker."""
    if "\x00" in scope["path"]:
        return True
    query = scope.get("query_string", b"")
    if b"%00" not in query and b"\x00" not in query:  # the common case: nothing to decode
        return False
    return any("\x00" in key or "\x00" in value for key, value in QueryParams(query).multi_items())


class Guard:
    """ASGI middleware around every request: the security headers on every response, a 400 for a
    NUL byte in the path or any parameter (checked here, once, for every route and parameter), a
    cap on request bodies (413), and a clean 500 (JSON under /api, a small page elsewhere) instead
    of a traceback when anything fails."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_guarded(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        async def fail(status: int, detail: str) -> None:
            if _wants_json(scope["path"]):
                response: Response = JSONResponse({"detail": detail}, status_code=status)
            else:
                message = {400: "This address has a character that no page here has (a NUL byte, %00).",
                           413: "Request too large."}.get(status, "Something went wrong.")
                response = HTMLResponse(
                    f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{status}</title>"
                    f"<link rel=stylesheet href=/static/app.css></head><body><main><h1>{status}</h1>"
                    f"<p>{message}</p><p><a href=/>Home</a></p></main></body></html>", status_code=status)
            await response(scope, receive, send_guarded)

        if _has_nul(scope):
            await fail(400, NUL_REFUSED)
            return

        if scope["method"] in {"POST", "PUT", "PATCH"}:
            length = Headers(scope=scope).get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                await fail(413, f"request body larger than {self.max_body} bytes")
                return
            body = bytearray()
            more = True
            while more:  # read with a cap: a chunked body has no content-length to trust
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.max_body:
                    await fail(413, f"request body larger than {self.max_body} bytes")
                    return
            replayed = False

            async def receive_body() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": bytes(body), "more_body": False}
                return await receive()
        else:
            receive_body = receive
        try:
            await self.app(scope, receive_body, send_guarded)
        except Exception:  # a bug must not show a traceback: log it, answer 500
            log.exception("error while serving %s", scope.get("path"))
            if not started:
                await fail(500, "internal error")


def read_store(request: Request) -> Iterator[Store]:
    """A read-only connection per request (WAL lets readers run beside a writer)."""
    store = Store(request.app.state.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


S = Annotated[Store, Depends(read_store)]
Day = Annotated[str | None, Query(pattern=DAY, description="YYYY-MM-DD")]
Text = Annotated[str | None, Query(max_length=200)]
Kind = Annotated[str | None, Query(pattern=KIND, description="direct | mixed | indirect")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Page = Annotated[int, Query(ge=1, le=50_000, alias="page")]
BEARER = HTTPBearer(auto_error=False, description="the token given to `quotetrail serve --token`")


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> None:
    """Writes need the server's token; compared in constant time."""
    token = request.app.state.token
    given = credentials.credentials if credentials else ""
    if not token or not given or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(401, "a valid token is needed: Authorization: Bearer <token>"
                            if token else "writes are disabled: start the server with --token",
                            headers={"WWW-Authenticate": "Bearer"})


@asynccontextmanager
async def _freeze_startup_objects(app: FastAPI) -> AsyncIterator[None]:
    """Move everything alive at startup (the app, its models and templates, the libraries: about
    100k objects) out of the garbage collector's reach: a request building a big page otherwise
    triggers full collections that walk them all, which were most of the person page's slow tail."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


PERSON_VIEWS = 16  # person page views (chart, topics, statement order) kept between requests


def _person_view(path: str, s: Store, person_id: str, current: dict[str, str], topic: str | None,
                 since: str | None, until: str | None, weights: Any = None,
                 story_names: Any = None) -> tuple[int, query.StatementDays, dict | None, list, list[list[str]]]:
    """What a person's page shows across all their statements: (how many statements, those shown
    in the order said, the timeline chart, the topic counts, the topics of each statement shown).
    Topics are those distinctive for each statement in the store (`topics.distinctive_topics`,
    with `weights` the store's `TopicWeights`), leaving out the names of its story's own places and
    people (`story_names(story)`), so the chart rows and the topic list tell statements apart."""
    from ..statements.topics import distinctive_topics

    # compact columns in the order said; only the page shown reads quotes (variants_of), so a
    # person quoted 17k times costs one indexed read here
    everything = query.person_statement_days(s, person_id, since=since, until=until)
    stored_lists = everything.topic_lists()
    if weights is not None:
        stories = query.person_statement_stories(s, person_id, since=since, until=until) if story_names else {}
        leave: dict[str | None, frozenset[str]] = {None: frozenset()}
        if story_names:
            # the stories with most of the person's statements first; past a few hundred, no story's
            # names are read (the corpus weights still apply)
            by_count: dict[str, int] = {}
            for st in stories.values():
                if st:
                    by_count[st] = by_count.get(st, 0) + 1
            for st in sorted(by_count, key=lambda x: -by_count[x])[:300]:
                leave[st] = story_names(st)
        topic_lists = [distinctive_topics(topics, weights, leave_out=leave.get(stories.get(sid), frozenset()))
                       for sid, topics in zip(everything.statements, stored_lists)]
    else:
        topic_lists = stored_lists
    table = render.topic_table(topic_lists)  # one pass over the topics, for the chart and the topic list
    shown, shown_topics, shown_table = everything, topic_lists, table
    if topic:
        keep = query.on_topic(topic, stored_lists)  # what was stored: a topic typed in is found even if not shown
        shown, shown_topics = everything.take(keep), [topic_lists[i] for i in keep]
        shown_table = None
    quoted: dict[str, str] = {}

    def plus(value: str) -> str:  # quote_plus, once per distinct value: this runs for every chart dot
        found = quoted.get(value)
        if found is None:
            found = quoted[value] = quote_plus(value)
        return found

    def with_query(**params: str | None) -> str:
        # what urlencode gives, without its per-call overhead; starlette's URL helpers re-parse each time
        merged = {**current, **params}
        query_string = "&".join(f"{plus(k)}={plus(v)}" for k, v in merged.items() if v)
        return f"{path}?{query_string}" if query_string else path

    chart = render.timeline_chart(
        shown.statements, shown.days, shown_topics, statement_href=lambda sid: f"/statements/{sid}",
        topic_href=lambda t: with_query(topic=t),
        bucket_href=lambda t, lo, hi: with_query(topic=t or topic, since=lo, until=hi), table=shown_table)
    if chart is not None:  # the same chart laid out for a phone's width (the page shows one or the other)
        chart["narrow"] = render.timeline_chart(
            shown.statements, shown.days, shown_topics, statement_href=lambda sid: f"/statements/{sid}",
            topic_href=lambda t: with_query(topic=t),
            bucket_href=lambda t, lo, hi: with_query(topic=t or topic, since=lo, until=hi), table=shown_table,
            width=render.NARROW_CHART_WIDTH, left=render.NARROW_CHART_LEFT)
    return len(everything), shown, chart, table.topic_counts(), shown_topics


def allowed_host_patterns(names: Iterable[str] = ()) -> list[str]:
    """The Host header values the app answers: the loopback names, and `names` (host names or
    addresses, with or without a port; "*.example.org" for its subdomains; "*" for any host,
    which gives up the protection). A bare IPv6 address gets its brackets, as in a Host header.
    Raises ValueError for a name no Host header could carry."""
    patterns = list(LOCAL_HOSTS)
    for name in names:
        name = name.strip().lower()
        if not name:
            continue
        if name == "*" or (name.startswith("*.") and "*" not in name[1:]):
            pattern = name
        else:
            if name.count(":") > 1 and not name.startswith("["):  # ::1, 0:0::, an IPv6 address without brackets
                name = f"[{name}]"
            parsed = parse_host_header(name)
            if parsed is None or "*" in name:
                raise ValueError(f"not a host name or address: {name!r}")
            pattern = parsed.host
        if pattern not in patterns:
            patterns.append(pattern)
    return patterns


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorOut, "description": "A NUL byte (%00) in the path or a parameter; or a Host header "
          "this server was not started for (then as text/plain: `Invalid host header`)",
          "content": {"text/plain": {"schema": {"type": "string", "example": "Invalid host header"}}}},
    500: {"model": models.ErrorOut, "description": "Internal error (logged by the server; no details are shown)"},
}
NOT_FOUND = {404: {"model": models.ErrorOut, "description": "No such id in this store"}}
INGEST_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": models.ErrorOut, "description": "No valid bearer token (or the server has no --token: writes "
          "are disabled)"},
    413: {"model": models.ErrorOut, "description": "Body larger than the server's cap, or more than 1000 articles"},
    503: {"model": models.ErrorOut, "description": "The store stayed busy with a `quotetrail run` for 30 s: try "
          "again after Retry-After seconds"},
}


def create_app(db: str | Path, token: str | None = None, *, max_body: int = MAX_BODY,
               allowed_hosts: Iterable[str] = ()) -> FastAPI:
    """The web app over the store at `db`. Writes (POST /api/articles) need `token`, or the
    environment variable QUOTETRAIL_TOKEN; with neither, writes are refused.

    Requests must name this server in their Host header: 127.0.0.1, localhost, [::1], or one of
    `allowed_hosts` (see `allowed_host_patterns`); any other Host gets 400. A web page cannot read
    a local server's API through DNS rebinding then, as its requests carry the page's own host name."""
    token = token or os.environ.get("QUOTETRAIL_TOKEN") or None
    db = str(db)
    app = FastAPI(
        title="quotetrail", version="1", docs_url=None, redoc_url=None, lifespan=_freeze_startup_objects,
        description="Who said what, when, and who reported it. Read endpoints are open; "
                    "POST /api/articles needs `Authorization: Bearer <token>`.",
        responses=ERROR_RESPONSES,
    )
    app.state.db = db
    app.state.token = token
    # Starlette's check compares the Host header's name (any port) with the patterns; inside Guard,
    # so its 400 carries the security headers too. No www redirect: only the names given are served.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_host_patterns(allowed_hosts),
                       www_redirect=False)
    app.add_middleware(Guard, max_body=max_body)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    write_lock = threading.Lock()  # one ingest at a time: the pipeline's corpus stages are serial
    person_views: OrderedDict = OrderedDict()  # (person, query, quotes version) -> _person_view(...), LRU
    person_views_lock = threading.Lock()
    topic_cache: OrderedDict = OrderedDict()  # ("weights", version) or ("story", id, version) -> value, LRU
    topic_cache_lock = threading.Lock()

    def cached(key: tuple, make: Any, keep: int = 2048) -> Any:
        with topic_cache_lock:
            if key in topic_cache:
                topic_cache.move_to_end(key)
                return topic_cache[key]
        value = make()
        with topic_cache_lock:
            topic_cache[key] = value
            while len(topic_cache) > keep:
                topic_cache.popitem(last=False)
        return value

    def topic_weights(s: Store, version: int) -> Any:
        """The store's topic weights, read again only when quotes were added (`query.quotes_version`)."""
        return cached(("weights", version), lambda: query.corpus_topic_weights(s))

    def story_topic_names(s: Store, story: str, version: int) -> frozenset[str]:
        return cached(("story", story, version), lambda: query.story_topic_names(s, story))

    # -- errors ------------------------------------------------------------------------------
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request.url.path):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        titles = {404: "Not found", 405: "Method not allowed", 401: "Not allowed"}
        message = exc.detail if exc.status_code != 404 or isinstance(exc.detail, str) else "Nothing here."
        if exc.status_code == 404 and exc.detail == "Not Found":
            message = "There is no page at this address."
        return _html_error(request, exc.status_code, titles.get(exc.status_code, "Error"), str(message))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
                  for e in exc.errors()]
        if _wants_json(request.url.path):
            return JSONResponse({"detail": errors}, status_code=422)
        message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in errors)
        return _html_error(request, 422, "That request is not valid", message)

    # -- helpers -----------------------------------------------------------------------------
    def page_link(request: Request, page: int) -> str:
        url = request.url.include_query_params(page=page)
        return f"{url.path}?{url.query}"

    def page(request: Request, template: str, **context: Any) -> Response:
        return TEMPLATES.TemplateResponse(request, template, {"page_link": lambda n: page_link(request, n),
                                                              **context})

    def person_href(person_id: str) -> str:
        return f"/people/{person_id}"

    # -- pages -------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, s: S):
        latest = query.search_article_rows(s, limit=8)
        originals = query.copy_originals(s, [a["id"] for a in latest])
        for a in latest:
            a["copy_of"] = originals.get(a["id"])
        return page(request, "home.html", stats=query.overview(s), people=query.people_page(s, limit=12),
                    stories=query.story_summaries(s, limit=8), outlets=query.outlet_counts(s, limit=20),
                    latest=latest)

    def search_view(request: Request, s: Store, q: str | None, speaker: str | None, outlet: str | None,
                    story: str | None, kind: str | None, since: str | None, until: str | None,
                    what: str, page_no: int) -> Response:
        filters = {"q": q or "", "speaker": speaker or "", "outlet": outlet or "", "story": story or "",
                   "kind": kind or "", "since": since or "", "until": until or ""}
        offset = (page_no - 1) * PAGE_SIZE
        # a name searched for: the people it names (any alias, or a spelling alike) on top, and
        # their quotes among the results, under whatever spelling each outlet used
        people = query.people_page(s, name=q, limit=8) if q and q.strip() and not speaker else []
        or_people = [p["id"] for p in people]
        counts = {"statements": 0, "quotes": 0}
        groups: list[dict] = []
        articles: list[dict] = []
        counts["statements"], counts["quotes"], groups = query.search_statement_groups(
            s, search=q, speaker=speaker, kind=kind, outlet=outlet, story=story, since=since, until=until,
            or_people=or_people, limit=PAGE_SIZE if what == "quotes" else 0, offset=offset)
        counts["articles"] = query.count_article_rows(s, search=q, outlet=outlet, story=story, since=since,
                                                      until=until)
        if what == "articles":
            articles = query.search_article_rows(s, search=q, outlet=outlet, story=story, since=since, until=until,
                                                 limit=PAGE_SIZE, offset=offset)
            originals = query.copy_originals(s, [a["id"] for a in articles])
            for a in articles:
                a["copy_of"] = originals.get(a["id"])
                a["snippet_html"] = render.highlighted(a["snippet"], q) if a.get("snippet") else None
        for g in groups:
            first = g["quotes"][0]
            g["first"] = first
            g["text_html"] = render.highlighted(first["canonical"], q)
            g["carried"] = render.carried_by(g["quotes"])
            for v in g["quotes"]:
                v["marked"] = render.marked_variant(v["canonical"], v["text"])
        story_title = None
        if story:
            found = query.story_detail(s, story, max_articles=1)
            story_title = found["title"] if found else None
        total = counts["statements"] if what == "quotes" else counts["articles"]
        tab_query = {k: v for k, v in filters.items() if v and k in {"q", "outlet", "story", "since", "until"}}
        return page(request, "search.html", filters=filters, what=what, people=people if what == "quotes" else [],
                    groups=groups, articles=articles, counts=counts, has_next=offset + PAGE_SIZE < total,
                    page_no=page_no, first=offset + 1, outlets=query.outlet_counts(s, limit=100),
                    story_title=story_title, tab_query=tab_query)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, s: S, q: Text = None, speaker: Text = None, outlet: Text = None,
                    story: Text = None, kind: Kind = None, since: Day = None, until: Day = None,
                    what: Literal["quotes", "articles"] = "quotes", page_no: Page = 1):
        return search_view(request, s, q, speaker, outlet, story, kind, since, until, what, page_no)

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, s: S, q: Text = None, outlet: Text = None, story: Text = None,
                      since: Day = None, until: Day = None, page_no: Page = 1):
        """Every article, newest first (the Articles tab of the search page, under its own address)."""
        return search_view(request, s, q, None, outlet, story, None, since, until, "articles", page_no)

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_list(request: Request, s: S, name: Text = None, page_no: Page = 1):
        rows = query.people_page(s, name=name, limit=PAGE_SIZE * 2 + 1, offset=(page_no - 1) * PAGE_SIZE * 2)
        return page(request, "people.html", people=rows[:PAGE_SIZE * 2], has_next=len(rows) > PAGE_SIZE * 2,
                    page_no=page_no, name=name or "")

    @app.get("/people/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, s: S, person_id: str, topic: Text = None, since: Day = None,
                    until: Day = None, page_no: Page = 1):
        person = query.person_row(s, person_id)
        if person is None:
            raise HTTPException(404, "No such person in this store.")
        current = {k: v for k, v in request.query_params.items() if k != "page"}
        # The chart and topic list cover all of a person's statements (thousands for a head of
        # government) and only change when quotes are added: kept for the next page of the same
        # view, until the store has new quotes.
        version = query.quotes_version(s)  # read once: a view asks for the names of up to 300 stories
        key = (person_id, tuple(sorted(current.items())), version)
        with person_views_lock:
            view = person_views.get(key)
            if view is not None:
                person_views.move_to_end(key)
        if view is None:
            view = _person_view(request.url.path, s, person_id, current, topic, since, until,
                                weights=topic_weights(s, version),
                                story_names=lambda st: story_topic_names(s, st, version))
            with person_views_lock:
                person_views[key] = view
                while len(person_views) > PERSON_VIEWS:
                    person_views.popitem(last=False)
        everything_count, shown, chart, topics, shown_topics = view
        start = (page_no - 1) * STATEMENTS_PER_PAGE
        rows = shown.rows(range(start, min(start + STATEMENTS_PER_PAGE, len(shown))), shown_topics)
        variants = query.variants_of(s, [r["statement"] for r in rows if r["statement"]])
        for row in rows:
            _describe(row, variants.get(row["statement"], []))
            row["variants"] = len(row["variant_rows"])
            row["carried"] = render.carried_by(row["variant_rows"])
            for v in row["variant_rows"]:
                v["marked"] = render.marked_variant(v["canonical"], v["text"])
        return page(request, "person.html", person=person, chart=chart, statements=rows, total=len(shown),
                    all_total=everything_count, topics=topics[:24], topic=topic or "", since=since or "",
                    until=until or "", page_no=page_no, has_next=start + STATEMENTS_PER_PAGE < len(shown),
                    first=start + 1)

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_list(request: Request, s: S, page_no: Page = 1):
        rows = query.story_summaries(s, limit=PAGE_SIZE + 1, offset=(page_no - 1) * PAGE_SIZE)
        return page(request, "stories.html", stories=rows[:PAGE_SIZE], has_next=len(rows) > PAGE_SIZE,
                    page_no=page_no)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, s: S, story_id: str, page_no: Page = 1):
        story = query.story_detail(s, story_id)
        if story is None:
            raise HTTPException(404, "No such story in this store.")
        by_id = {a["id"]: a for a in story["articles"]}
        copies = query.story_copies(s, story_id)
        originals = query.copy_originals(s, list(by_id))
        for a in story["articles"]:
            a["copy_of"] = originals.get(a["id"])
        others = sorted({a for c in copies for a in (c["later"], c["earlier"])}
                        | {o for o in originals.values() if o} - set(by_id))
        labels = {**query.article_summary_rows(s, [a for a in others if a not in by_id]), **by_id}
        by_outlet: dict[str, list[dict]] = {}
        for a in story["articles"]:
            by_outlet.setdefault(a["outlet"] or "unknown outlet", []).append(a)
        per = 20
        ids = query.story_statement_ids(s, story_id, limit=per + 1, offset=(page_no - 1) * per)
        variants = query.variants_of(s, ids[:per])
        statements = []
        for sid in ids[:per]:
            rows = variants.get(sid, [])
            for v in rows:
                v["marked"] = render.marked_variant(v["canonical"], v["text"])
            if rows:
                cards = render.wordings(rows)
                statements.append({"id": sid, "speaker": rows[0]["speaker"], "speaker_id": rows[0]["speaker_id"],
                                   "text": rows[0]["canonical"], "variants": rows, "wordings": cards,
                                   "carried": render.carried_by(rows)})
        return page(request, "story.html", story=story, by_outlet=sorted(by_outlet.items()), copies=copies,
                    labels=labels, statements=statements, has_next=len(ids) > per, page_no=page_no,
                    coverage=render.coverage_chart(story["articles"]))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, s: S, article_id: str):
        article = s.get_article(article_id)
        if article is None:
            raise HTTPException(404, "No such article in this store.")
        quotes = query.article_quote_rows(s, article_id)
        shared = {p["paragraph"]: p["articles"] for p in s.shared_paragraphs(article_id)}
        copy_of = query.copy_originals(s, [article_id]).get(article_id)
        related = sorted({a for ids in shared.values() for a in ids} | {x["id"] for x in article.similar}
                         | ({copy_of} if copy_of else set()))
        labels = query.article_summary_rows(s, related)
        paragraphs = render.highlighted_paragraphs(article.text, quotes, person_href, shared)
        if paragraphs and article.title and render.same_line(article.text.split("\n")[paragraphs[0]["index"]],
                                                             article.title):
            paragraphs = paragraphs[1:]  # the title, repeated as the body's first line: shown once, as the title
        colours = render.speaker_colours(quotes)
        speakers: dict[str, dict] = {}
        for q in quotes:
            key = q["speaker_id"] or q["speaker"] or ""
            entry = speakers.setdefault(key, {"name": q["speaker"] or "unknown speaker", "id": q["speaker_id"],
                                              "colour": colours.get(key, "sp-none"), "quotes": 0})
            entry["quotes"] += 1
        story = query.story_detail(s, article.story, max_articles=1) if article.story else None
        date_words = None
        if not article.published:  # shown as "date unknown", with the text's own date words
            date_words = next((q["date_text"] for q in quotes if q.get("date_text")), None)
            if date_words is None:
                from ..dates import find_expressions
                found = find_expressions(article.text, 0, min(len(article.text), 4000))
                date_words = " ".join(found[0].text.split()) if found else None
        return page(request, "article.html", article=article, paragraphs=paragraphs, quotes=quotes,
                    speakers=list(speakers.values()), labels=labels, story=story, date_words=date_words,
                    copy_of=copy_of)

    @app.get("/statements/{statement_id}", response_class=HTMLResponse, include_in_schema=False)
    def statement_page(request: Request, s: S, statement_id: str):
        statement = query.statement_detail(s, statement_id)
        if statement is None:
            raise HTTPException(404, "No such statement in this store.")
        for v in statement["variants"]:
            v["marked"] = render.marked_variant(statement["text"], v["text"])
        return page(request, "statement.html", statement=statement)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request):
        return page(request, "docs.html")

    # -- API: reads ----------------------------------------------------------------------------
    @app.get("/api/quotes", response_model=list[models.QuoteOut], tags=["read"])
    def api_quotes(s: S, speaker: Annotated[str | None, Query(max_length=200, description=
                   "any alias or part of a name, case-insensitive")] = None,
                   search: Text = None, kind: Kind = None, outlet: Text = None, story: Text = None,
                   article: Text = None, since: Day = None, until: Day = None,
                   order: Literal["newest", "oldest"] = "oldest", limit: Limit = 50, offset: Offset = 0):
        """Quotes matching every filter given, in the order they were said."""
        return query.search_quote_rows(s, search=search, speaker=speaker, kind=kind, outlet=outlet, story=story,
                                       article=article, since=since, until=until, newest_first=order == "newest",
                                       limit=limit, offset=offset)

    @app.get("/api/people", response_model=list[models.PersonOut], tags=["read"])
    def api_people(s: S, name: Text = None, limit: Limit = 50, offset: Offset = 0):
        """Quoted people and organisations, most quoted first; `name` matches any alias or part of a name."""
        return query.people_page(s, name=name, limit=limit, offset=offset)

    @app.get("/api/people/{person_id}", responses=NOT_FOUND, response_model=models.PersonOut, tags=["read"])
    def api_person(s: S, person_id: str):
        person = query.person_row(s, person_id)
        if person is None:
            raise HTTPException(404, "no such person")
        return person

    @app.get("/api/stories", response_model=list[models.StorySummary], tags=["read"])
    def api_stories(s: S, limit: Limit = 50, offset: Offset = 0):
        """Stories, largest first."""
        return query.story_summaries(s, limit=limit, offset=offset)

    @app.get("/api/stories/{story_id}", responses=NOT_FOUND, response_model=models.StoryOut, tags=["read"])
    def api_story(s: S, story_id: str):
        story = query.story_detail(s, story_id, max_articles=10_000)
        if story is None:
            raise HTTPException(404, "no such story")
        return {**story, "articles": [a["id"] for a in story["articles"]], "people": [n for n, _ in story["people"]]}

    @app.get("/api/statements", response_model=list[models.StatementOut], tags=["read"])
    def api_statements(s: S, speaker: Text = None, story: Text = None, limit: Limit = 50, offset: Offset = 0):
        """Statements with every variant and how its wording differs from the canonical one.
        `speaker`: in the order said; `story`: most widely carried first."""
        if speaker:
            rows = query.statements_of(s, query.speaker_ids(s, speaker), speaker_as_written=speaker)
            ids = [r["statement"] for r in rows if r["statement"]][offset:offset + limit]
        elif story:
            ids = query.story_statement_ids(s, story, min_variants=1, limit=limit, offset=offset)
        else:
            ids = [r[0] for r in s.db.execute(
                "SELECT DISTINCT statement FROM quotes WHERE statement IS NOT NULL ORDER BY statement"
                " LIMIT ? OFFSET ?", (limit, offset))]
        found = query.variants_of(s, ids)
        return [_statement_out(sid, found[sid]) for sid in ids if sid in found]

    @app.get("/api/statements/{statement_id}", responses=NOT_FOUND, response_model=models.StatementOut, tags=["read"])
    def api_statement(s: S, statement_id: str):
        found = query.variants_of(s, [statement_id])
        if statement_id not in found:
            raise HTTPException(404, "no such statement")
        return _statement_out(statement_id, found[statement_id])

    @app.get("/api/articles", response_model=list[models.ArticleSummary], tags=["read"])
    def api_articles(s: S, search: Text = None, outlet: Text = None, story: Text = None, since: Day = None,
                     until: Day = None, limit: Limit = 100, offset: Offset = 0):
        """Articles, newest first (best match first with `search`)."""
        return query.search_article_rows(s, search=search, outlet=outlet, story=story, since=since, until=until,
                                         limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", responses=NOT_FOUND, response_model=models.ArticleOut, tags=["read"])
    def api_article(s: S, article_id: str):
        article = s.get_article(article_id)
        if article is None:
            raise HTTPException(404, "no such article")
        return {**{k: getattr(article, k) for k in ("id", "source", "url", "outlet", "title", "author", "published",
                                                     "text", "duplicate_of", "similar", "story")},
                "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
                "shared_paragraphs": s.shared_paragraphs(article_id)}

    @app.get("/api/search", response_model=models.SearchOut, tags=["read"])
    def api_search(s: S, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20,
                   offset: Offset = 0):
        """People whose name matches (any alias, or a name spelled alike), quotes whose words match
        or whose speaker is one of those people, articles whose words match."""
        people = query.people_page(s, name=q, limit=max(limit, 8))
        return {"people": people[:limit] if offset == 0 else [],
                "quotes": query.search_quote_rows(s, search=q, or_people=[p["id"] for p in people[:8]],
                                                  limit=limit, offset=offset),
                "articles": query.search_article_rows(s, search=q, limit=limit, offset=offset)}

    @app.get("/api/timeline", response_model=list[models.TimelineRow], tags=["read"])
    def api_timeline(s: S, speaker: Annotated[str, Query(min_length=1, max_length=200)], topic: Text = None,
                     since: Day = None, until: Day = None, limit: Limit = 100, offset: Offset = 0):
        """A speaker's statements in the order they were said (`speaker`: any alias or part of a name)."""
        rows = query.statements_of(s, query.speaker_ids(s, speaker), speaker_as_written=speaker, topic=topic,
                                   since=since, until=until)[offset:offset + limit]
        variants = query.variants_of(s, [r["statement"] for r in rows if r["statement"]])
        for row in rows:
            _describe(row, variants.get(row["statement"], []))
            row["variants"] = [{"quote": v["id"], "article": v["article"], "outlet": v["outlet"],
                                "published": v["published"], "text": v["text"]} for v in row.pop("variant_rows")]
        return rows

    # -- API: write ------------------------------------------------------------------------------
    @app.post("/api/articles", response_model=models.IngestOut, tags=["write"], responses=INGEST_RESPONSES,
              dependencies=[Depends(require_token)], status_code=200)
    def api_ingest(body: models.ArticleIn | list[models.ArticleIn]):
        """Ingest articles sent as JSON (one object or a list): cleaned, quotes found, people,
        statements, copies and stories updated, as for `quotetrail run`."""
        from ..engines.local import LocalEngine
        from ..model import RawDocument
        from ..pipeline import run
        from ..store.sqlite import StoreError

        items = body if isinstance(body, list) else [body]
        if len(items) > 1000:
            raise HTTPException(413, "at most 1000 articles per request")
        documents = [RawDocument(source=item.url or "api", kind="record",
                                 data={k: v for k, v in item.model_dump().items() if v is not None})
                     for item in items]
        # The answer lists the articles this request's run stored, never "what is new in the store":
        # a `quotetrail run` this request waited for stores articles meanwhile.
        added: list[str] = []
        with write_lock:
            with Store(db) as store:
                try:
                    summary = run(["api"], store, engine=LocalEngine(1), documents=documents, lock_wait=30.0,
                                  new_ids=added)
                except StoreError as exc:  # a `quotetrail run` holds the store: busy, try again later
                    raise HTTPException(503, f"the store is busy: {exc}", headers={"Retry-After": "30"}) from exc
                rows = {r["id"]: dict(r) for r in store.db.execute(
                    "SELECT id, title, outlet, published, url, duplicate_of, story FROM articles"
                    " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(added),))}
        new = [rows[i] for i in added if i in rows]  # in the order posted
        return {"received": len(items), "stored": summary.stored, "already_stored": summary.already_stored,
                "skipped": [{"source": src, "reason": why} for src, why in summary.skipped], "articles": new}

    return app


def _describe(row: dict[str, Any], variants: list[dict[str, Any]]) -> None:
    """Complete a `query.statements_of` row from its variants (earliest reported first): canonical
    wording, kind, speaker, outlets, the date's precision."""
    said = [v for v in variants if v["said_on"]]
    first = variants[0] if variants else {}
    row.update(
        variant_rows=variants, text=first.get("canonical", ""), kind=first.get("kind", "direct"),
        speaker=first.get("speaker"), speaker_id=first.get("speaker_id"),
        outlets=list(dict.fromkeys(v["outlet"] for v in variants if v["outlet"])),
        date_text=next((v["date_text"] for v in variants if v.get("date_text")), None),
        precision=min(said, key=lambda v: v["said_on"])["said_on_precision"] if said and row["said"]
        else ("day" if row["said_on"] else None),
    )


def _statement_out(statement: str, variants: list[dict[str, Any]]) -> dict[str, Any]:
    first = variants[0]
    return {
        "id": statement, "speaker_id": first["speaker_id"], "speaker": first["speaker"], "text": first["canonical"],
        "variants": [{"quote": v["id"], "article": v["article"], "outlet": v["outlet"], "published": v["published"],
                      "text": v["text"], "said_on": v["said_on"], "changes": v["changes"]} for v in variants],
        "first_reported": {"article": first["article"], "outlet": first["outlet"], "published": first["published"]},
    }
