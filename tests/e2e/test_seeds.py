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
