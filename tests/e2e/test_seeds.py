"""The five real seed articles end to end (skipped when ../shared is absent)."""
import json

import pytest

from .helpers import SHARED, quotetrail, read_jsonl

SEEDS = SHARED / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")


def test_seeds_are_read_cleaned_and_none_is_a_copy(tmp_path):
    done = quotetrail("run", SEEDS, "--db", tmp_path / "s.db", "--export", tmp_path / "out",
                      "--summary", tmp_path / "s.json")
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "s.json").read_text())
    assert (summary["stored"], summary["skipped"]) == (5, 0)
    rows = read_jsonl(tmp_path / "out" / "articles.jsonl")
    # two of them are the same report rewritten: similar, but neither is a copy of the other
    assert all(r["duplicate_of"] is None for r in rows)
    for row in rows:
        paragraphs = [p for p in row["text"].split("\n") if len(p.split()) >= 8]
        assert len(paragraphs) == len(set(paragraphs)), row["source"]  # pasted-twice text appears once
        assert row["removed"], row["source"]  # every seed carries junk or repeats
    outlets = {r["source"].rsplit("/", 1)[-1][:3]: r["outlet"] for r in rows}
    assert outlets["000"] == "MENAFN" and outlets["004"] == "Bloomberg"


def test_seed_stories_and_shared_statements(tmp_path):
    done = quotetrail("run", SEEDS, "--db", tmp_path / "s.db", "--export", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    articles = {a["id"]: a["source"].rsplit("/", 1)[-1][:3] for a in read_jsonl(tmp_path / "out" / "articles.jsonl")}
    stories = sorted(sorted(articles[a] for a in s["articles"]) for s in read_jsonl(tmp_path / "out" / "stories.jsonl"))
    assert stories == [["000", "001"], ["002"], ["003"], ["004"]]  # MENAFN and RT report the same briefing
    shared = [s for s in read_jsonl(tmp_path / "out" / "statements.jsonl")
              if {articles[v["article"]] for v in s["variants"]} == {"000", "001"}]
    # the quotes both carry: Zelensky's two, Peskov's, and Putin's readiness
    assert len(shared) >= 4 and all(len(s["variants"]) == 2 for s in shared)
