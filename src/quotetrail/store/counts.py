"""The corpus counts, one definition each, for every place that shows them (the run summary, the
export, the CLI, the web pages): the same store gives the same numbers everywhere.

- quotes: every quote found, each report of a statement in each article (the rows of quotes.jsonl);
- statements: what was said, however many articles carried it (the rows of statements.jsonl);
- people: the people and organisations listed (the rows of people.jsonl, `LISTED_PEOPLE`).
"""
from __future__ import annotations

from .sqlite import Store

# A person (or organisation) is listed when quoted, or named in more than one article: a name seen
# once in passing (often a leftover headline) is not worth an entry of its own. SQL over `people`.
LISTED_PEOPLE = "(quotes > 0 OR json_array_length(row, '$.articles') > 1)"


def corpus_counts(store: Store) -> dict[str, int]:
    """{"articles", "quotes", "statements", "people"}: see the module's docstring."""
    one = lambda sql: int(store.db.execute(sql).fetchone()[0])  # noqa: E731
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "quotes": one("SELECT COUNT(*) FROM quotes"),
        "statements": one("SELECT COUNT(DISTINCT statement) FROM quotes WHERE statement IS NOT NULL"),
        "people": one(f"SELECT COUNT(*) FROM people WHERE {LISTED_PEOPLE}"),
    }
