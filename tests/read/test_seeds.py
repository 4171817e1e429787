"""The real seed articles (read at run time from ../shared; never copied into the repo)."""
from pathlib import Path

import pytest

from quotetrail.read import iter_documents, parse

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def seed_articles():
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("shared/seeds is not available")
    return [parse(doc) for doc in iter_documents([str(SEEDS)])]


def test_every_seed_reads_as_a_text_article(seed_articles):
    files = sorted(SEEDS.glob("*.txt"))
    assert [a.source for a in seed_articles] == [str(f) for f in files]
    for article, path in zip(seed_articles, files):
        first_line = next(line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
        assert article.meta["format"] == "text" and article.meta["encoding"] == "utf-8"
        assert "decoding" not in article.meta
        if article.title is not None:
            # a title is taken only from the first line, which stays in the text as written
            assert article.title == first_line.strip()
        assert article.raw == path.read_text(encoding="utf-8")  # the text as written, byte for byte
        assert len(article.raw.split()) > 100


def test_seed_titles_follow_the_heuristic(seed_articles):
    # four seeds open with a headline; one opens with a full sentence (ending in a period)
    titled = [a for a in seed_articles if a.title]
    assert len(titled) == len(seed_articles) - 1
    untitled = [a for a in seed_articles if not a.title]
    assert untitled[0].raw.split("\n", 1)[0].rstrip().endswith(".")
