"""The web app as a person uses it: headless Chromium (Debian's package) driven by Playwright over
`quotetrail serve` on a store built from examples/. Skips when Playwright or Chromium is missing.

Set QUOTETRAIL_SCREENSHOTS=DIR to save a screenshot of each main page there
(docs/screenshots/ holds the committed ones).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")

CHROMIUM = os.environ.get("QUOTETRAIL_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
REPO = Path(__file__).resolve().parents[2]
QUOTETRAIL = [sys.executable, "-m", "quotetrail.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_and_serve(inputs: Path, db: Path):
    """`quotetrail run` over `inputs` into `db`, then `quotetrail serve` on it: yields its base URL."""
    subprocess.run([*QUOTETRAIL, "run", str(inputs), "--db", str(db)], check=True, capture_output=True, timeout=600)
    port = _free_port()
    process = subprocess.Popen([*QUOTETRAIL, "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"quotetrail serve did not start: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    yield from _run_and_serve(REPO / "examples", tmp_path_factory.mktemp("browser") / "examples.db")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.problems = []  # CSP violations and script errors: the strict policy must hold on every page
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    page.close()


def _shoot(page, name: str, width: int = 1280) -> None:
    folder = os.environ.get("QUOTETRAIL_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        height = min(1400 if width > 600 else 1700, page.evaluate("document.documentElement.scrollHeight"))
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True,
                        clip={"x": 0, "y": 0, "width": width, "height": height})


def test_search_a_person_follow_their_timeline_to_a_statement_and_its_article(server, page):
    expect = sync_api.expect
    page.goto(server + "/")
    expect(page.locator("h1")).to_contain_text("Who said what")
    expect(page.locator(".stats")).to_contain_text("20 articles")
    _shoot(page, "home")

    page.fill(".big-search input[name=q]", "Sokol")
    page.click(".big-search button")
    expect(page).to_have_url(re.compile(r"/search\?q=Sokol"))
    person_card = page.locator(".people-hits .card a", has_text="Sokol").first
    expect(person_card).to_be_visible()
    expect(page.locator("ol.quotes li").first).to_be_visible()
    _shoot(page, "search")

    person_card.click()
    expect(page.locator("h1")).to_have_text("Andriy Sokol")
    expect(page.locator(".person-meta")).to_contain_text("Transport Minister")
    dots = page.locator("svg.timeline circle.dot")
    assert dots.count() >= 5
    expect(page.locator("svg.timeline:not(.narrow)")).to_be_visible()
    _shoot(page, "person")

    # a statement carried by several outlets: open its versions, side by side
    folded = page.locator("li.statement details.variants").first
    folded.locator("summary").click()
    cards = folded.locator(".variant")
    assert cards.count() >= 2
    expect(cards.first).to_be_visible()
    outlet = cards.first.locator(".variant-head a").inner_text()

    # …and the article it came from, with the quote highlighted and its speaker linked
    cards.first.locator(".variant-head a").click()
    expect(page.locator(".article .meta").first).to_contain_text(outlet)
    target = page.url.split("#", 1)[1]
    expect(page.locator(f"#{target}")).to_be_attached()
    expect(page.locator("mark.quote").first).to_be_visible()
    expect(page.locator("a.who", has_text="Andriy Sokol").first).to_be_visible()
    _shoot(page, "article")
    junk = page.locator("details.removed")
    if junk.count():
        expect(junk.locator("li").first).not_to_be_visible()  # folded until asked for
        junk.locator("summary").click()
        expect(junk.locator(".reason").first).to_be_visible()
    assert not page.problems, page.problems


def test_story_page_and_timeline_dot(server, page):
    expect = sync_api.expect
    page.goto(server + "/stories")
    page.locator("table.list a").first.click()
    expect(page.locator("h2", has_text="Who copies whom")).to_be_visible()
    expect(page.locator("ul.copies li").first).to_be_visible()
    expect(page.locator("svg.coverage-chart circle").first).to_be_visible()
    expect(page.locator(".story-statement blockquote, .story-statement .variant").first).to_be_visible()
    _shoot(page, "story")

    page.goto(server + "/search?q=Sokol")
    page.locator(".people-hits .card a").first.click()
    page.locator("svg.timeline a circle.dot").first.click()
    expect(page.locator("h1")).to_contain_text("Statement by")
    expect(page.locator(".side-by-side .variant").first).to_be_visible()
    assert not page.problems, page.problems


PHONE = {"width": 390, "height": 844}


def _pages(server: str, page) -> dict[str, str]:
    """One address of each kind of page of the examples store."""
    found = {"home": "/", "search": "/search?q=Sokol", "articles": "/articles", "people": "/people",
             "stories": "/stories", "docs": "/docs"}
    for name, start, selector in (("person", "/people", "table.list a[href^='/people/']"),
                                  ("story", "/stories", "table.list a[href^='/stories/']"),
                                  ("article", "/articles", "ul.plain a[href^='/articles/']"),
                                  ("statement", "/search?q=Sokol", "a[href^='/statements/']")):
        page.goto(server + start)
        found[name] = page.locator(selector).first.get_attribute("href")
    return found


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"])
def test_every_page_fits_the_screen_without_sideways_scrolling(server, browser, viewport):
    page = browser.new_page(viewport=viewport)
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    try:
        for name, path in _pages(server, page).items():
            page.goto(server + path)
            if name == "docs":
                sync_api.expect(page.locator(".swagger-ui .info .title")).to_be_visible(timeout=20000)
            width = page.evaluate("document.documentElement.scrollWidth")
            past = page.evaluate("""() => [...document.querySelectorAll('main *, header *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && e.getClientRects().length)
                .slice(0, 3).map(e => e.tagName + '.' + e.className)""")
            assert width <= viewport["width"] and not past, f"{name} ({path}) is {width} px wide: {past}"
            if name == "person":  # the timeline drawn for the screen's width, its labels at their size
                narrow = page.locator("svg.timeline.narrow")
                assert narrow.is_visible() == (viewport is PHONE)
                assert page.locator("svg.timeline:not(.narrow)").is_visible() == (viewport is not PHONE)
            if viewport is PHONE:
                _shoot(page, f"{name}-phone", width=PHONE["width"])
        assert not problems, problems
    finally:
        page.close()


def test_story_page_names_the_wire_the_original_and_folds_same_wordings(server, page):
    expect = sync_api.expect
    page.goto(server + "/stories")
    page.locator("table.list a", has_text="Valmora").first.click()
    today = page.locator("dl.by-outlet dd", has=page.locator("a", has_text="standstill")).filter(
        has_text="copy of").first
    expect(today).to_contain_text("copy of Carvessan Press Agency")
    wire = page.locator("dl.by-outlet dt", has_text="Carvessan Press Agency")
    expect(wire).to_be_visible()
    wire_articles = page.locator("dl.by-outlet dt:has-text('Carvessan Press Agency') + dd li")
    assert wire_articles.count() >= 1
    assert all("copy of" not in wire_articles.nth(i).inner_text() for i in range(wire_articles.count()))
    # the CPA copies carry many statements word for word: one line each, never a card per outlet
    expect(page.locator(".carriers-line", has_text="3 outlets, same wording").first).to_be_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 6000, height  # was 7,800 px with a card per outlet
    assert not page.problems, page.problems


def test_api_docs_load_offline(server, page):
    page.goto(server + "/docs")
    sync_api.expect(page.locator(".swagger-ui .info .title")).to_contain_text("quotetrail", timeout=20000)
    sync_api.expect(page.locator(".opblock-summary-path", has_text="/api/quotes").first).to_be_visible()


HOSTILE = {
    "title": "<script>window.__pwned = 1</script> Harbour vote",
    "outlet": "\"><script>window.__pwned = 5</script>",
    "url": "javascript:window.__pwned = 4",
    "published": "2025-03-04",
    "text": ("The harbour board met on Monday to vote on the new berths.\n"
             "\u201c<img src=x onerror=\"window.__pwned = 2\">We will build them,\u201d said Mallory Quint, "
             "the board chair <b onmouseover=\"window.__pwned = 3\">Evil</b>.\n"
             "Quint told reporters that the \"onmouseover=alert(1)\" berths would open in 2026."),
}


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    import json

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    yield from _run_and_serve(folder / "hostile.jsonl", folder / "hostile.db")


def test_hostile_stored_text_renders_inert_on_every_page(hostile_server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    links = set()
    for start in ("/", "/search?q=Quint", "/search?q=harbour&what=articles", "/people"):
        page.goto(hostile_server + start)
        links.add(page.url)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if href.startswith(hostile_server) and "/static/" not in href and "/docs" not in href:
                links.add(href.split("#")[0])
    assert any("/articles/" in u for u in links) and any("/people/" in u for u in links)
    visited = 0
    for url in sorted(links):
        page.goto(url)
        for element in page.query_selector_all("b, img, [onmouseover]"):
            element.hover(timeout=1000) if element.is_visible() else None
        assert page.evaluate("window.__pwned") is None, url
        # every script on the page is the app's own file, none came from stored text
        assert page.eval_on_selector_all("script", "els => els.every(e => e.src.includes('/static/'))"), url
        assert not page.eval_on_selector_all("a[href^='javascript']", "els => els.length"), url
        visited += 1
    assert not dialogs and visited >= 5
    page.goto(hostile_server + "/search?q=harbour&what=articles")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("body")  # shown as text, not run
