"""Issue 17, item 6: quotes, statements and people have one definition each (`store.counts`), and
the run summary, the export and the CLI give the same numbers for the same store."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
LATER = ("Harbour deal signed\n\nThe harbourmaster, Wenna Tolle, said on Friday that the new quay would open in May.\n\n"
         "\"We are ready for the ships,\" Tolle told reporters.\n")


def quotetrail(*args):
    return subprocess.run([sys.executable, "-m", "quotetrail.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def lines(path: Path) -> int:
    return sum(1 for line in path.open(encoding="utf-8") if line.strip())


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("counts")
    done = quotetrail("run", EXAMPLES, "--db", base / "e.db", "--export", base / "out", "--summary", base / "s.json")
    assert done.returncode == 0, done.stderr
    return base, done, json.loads((base / "s.json").read_text())


def test_summary_export_and_cli_count_alike(examples_run):
    from quotetrail.store.counts import corpus_counts
    from quotetrail.store.sqlite import Store

    base, done, summary = examples_run
    out = base / "out"
    exported = {name: lines(out / f"{name}.jsonl") for name in ("articles", "quotes", "statements", "people")}
    store = Store(base / "e.db", readonly=True)
    try:
        assert corpus_counts(store) == exported
    finally:
        store.close()
    assert (summary["store_articles"], summary["store_quotes"], summary["store_statements"],
            summary["store_people"]) == (exported["articles"], exported["quotes"], exported["statements"],
                                         exported["people"])
    # a first run: everything in the store is new
    assert summary["quotes"] == exported["quotes"] and summary["statements"] == exported["statements"]
    assert exported["statements"] < exported["quotes"]  # wire copies: one statement, several quotes
    listed = quotetrail("people", "--db", base / "e.db", "--limit", "100000", "--format", "json").stdout
    assert len(listed.splitlines()) == exported["people"]
    quotes = quotetrail("quotes", "--db", base / "e.db", "--limit", "100000", "--format", "json").stdout
    assert len(quotes.splitlines()) == exported["quotes"]


def test_the_summary_names_quotes_statements_and_people_apart(examples_run):
    base, done, summary = examples_run
    table = {}
    for line in done.stderr.splitlines():
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        if len(cells) == 2:
            table[cells[0]] = cells[1]
    assert "statements found" not in table
    assert table["quotes found"] == str(summary["quotes"])
    assert table["new statements"] == str(summary["statements"])
    assert table["quotes in store"] == str(summary["store_quotes"])
    assert table["statements in store"] == str(summary["store_statements"])
    assert table["people in store"] == str(summary["store_people"])


def test_a_second_run_counts_only_what_it_added(examples_run, tmp_path):
    import shutil

    base, _, first = examples_run
    shutil.copy(base / "e.db", tmp_path / "e.db")
    (tmp_path / "later.txt").write_text(LATER, encoding="utf-8")
    done = quotetrail("run", tmp_path / "later.txt", "--db", tmp_path / "e.db", "--summary", tmp_path / "s.json",
                      "--export", tmp_path / "out", "--published", "2025-03-21")
    assert done.returncode == 0, done.stderr
    second = json.loads((tmp_path / "s.json").read_text())
    assert second["quotes"] == second["store_quotes"] - first["store_quotes"] > 0
    assert second["statements"] == second["store_statements"] - first["store_statements"] > 0
    assert second["store_people"] == lines(tmp_path / "out" / "people.jsonl")


def test_people_seen_once_in_passing_are_not_counted(tmp_path):
    from quotetrail.store.counts import corpus_counts
    from quotetrail.store.export import people_rows
    from quotetrail.store.sqlite import Store

    store = Store(tmp_path / "s.db")
    try:
        with store.transaction():
            store.save_people([
                {"id": "p1", "name": "Quoted Once", "quotes": 1, "articles": ["a"]},
                {"id": "p2", "name": "Named Twice", "quotes": 0, "articles": ["a", "b"]},
                {"id": "p3", "name": "Passing Headline", "quotes": 0, "articles": ["a"]},
                {"id": "p4", "name": "No Articles Field", "quotes": 0},
            ])
        assert [p["id"] for p in people_rows(store)] == ["p1", "p2"]
        assert corpus_counts(store)["people"] == 2
    finally:
        store.close()


def test_the_web_home_page_and_people_list_count_alike(examples_run):
    """The home page's figures and the people list are the same numbers as the export's."""
    from quotetrail.store import query
    from quotetrail.store.sqlite import Store

    base, _, _ = examples_run
    out = base / "out"
    store = Store(base / "e.db", readonly=True)
    try:
        stats = query.overview(store)
        listed = query.people_page(store, limit=10_000)
    finally:
        store.close()
    for name in ("articles", "quotes", "statements", "people"):
        assert stats[name] == lines(out / f"{name}.jsonl"), name
    assert len(listed) == stats["people"]
