"""Every statement quotetrail gives on the five real seed articles, as a journalist read them.

The seeds are read from ../shared/seeds at run time (skipped when absent) and never copied. Each
statement is pinned by the sha1 of its whitespace-normalised words, which pins its extent without
copying the text, with its speaker (a public figure's name, or the description kept as written),
its `via` and its date words. A statement that appears, disappears or changes fails the test:
read it in the article again, then re-pin it here. `KNOWN_WRONG` lists what a journalist would
not publish as it stands, with why, so that what is left to fix stays in sight.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not available")

# "<first 3 characters of the file name>:<sha1 of the words>[:12]" -> (speaker, via, date words)
EXPECTED: dict[str, tuple[str, str | None, str | None]] = {
}

# the same key -> why it is not right yet (its pinned outcome is what quotetrail gives today)
KNOWN_WRONG: dict[str, tuple[tuple[str, str | None, str | None], str]] = {
}


def _key(source: str, text: str) -> str:
    return f"{Path(source).name[:3]}:" + hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


@pytest.fixture(scope="module")
def seed_statements(tmp_path_factory):
    from quotetrail import pipeline
    from quotetrail.store.export import quote_rows
    from quotetrail.store.sqlite import Store

    store = Store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    pipeline.run([str(SEEDS)], store)
    found = {_key(r["source"], r["text"]): (r["speaker"], r["via"], r["date_text"]) for r in quote_rows(store)}
    store.close()
    return found


def test_every_seed_statement_is_the_one_a_journalist_checked(seed_statements):
    expected = {**EXPECTED, **{k: outcome for k, (outcome, _) in KNOWN_WRONG.items()}}
    new = {k: v for k, v in seed_statements.items() if k not in expected}
    gone = sorted(set(expected) - set(seed_statements))
    changed = {k: (expected[k], v) for k, v in seed_statements.items() if k in expected and expected[k] != v}
    assert not new and not gone and not changed, f"new: {new}\ngone: {gone}\nchanged (pinned, now): {changed}"


def test_the_known_faults_are_few():
    assert len(KNOWN_WRONG) <= len(EXPECTED) // 10
