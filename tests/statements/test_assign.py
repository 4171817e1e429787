"""Quotes are given statements against the speaker's stored wordings (statements.StatementMatcher)."""
from __future__ import annotations

from quotetrail.dedup.fingerprints import fingerprints
from quotetrail.model import Article, Quote
from quotetrail.statements import StatementMatcher
from quotetrail.store.sqlite import Store


def _store_article(store: Store, n: int, quote_texts: list[str], speaker: str = "Ines Morrow") -> list[Quote]:
    text = " ".join(f"“{t}” said {speaker}." for t in quote_texts)
    article = Article(source=f"a{n}.txt", raw=text, text=text, id=f"a{n}", published=f"2025-03-0{n + 1}")
    quotes = [Quote(id=f"a{n}-q{i}", article=article.id, kind="direct", text=t, spans=[(0, len(t))],
                    speaker=speaker, speaker_id="p1") for i, t in enumerate(quote_texts)]
    with store.transaction():
        store.add_articles([(article, fingerprints([text])[0])])
        store.add_quotes(quotes, StatementMatcher(store.speaker_wordings).assign(quotes))
    return quotes


def test_the_same_words_join_one_statement_whatever_the_case_and_punctuation(tmp_path):
    store = Store(tmp_path / "s.db")
    first = _store_article(store, 0, ["We will not give up our land.", "The harbour reopens on Monday."])
    again = _store_article(store, 1, ["WE WILL NOT GIVE UP OUR LAND", "we will not give up our land!"])
    edited = _store_article(store, 2, ["We will never give up our land.", "Something else entirely, about wages."])
    statement = first[0].statement
    assert [q.statement for q in again] == [statement, statement]
    assert edited[0].statement == statement  # a changed word still matches (best_match)
    assert edited[1].statement not in {statement, first[1].statement}
    # one stored wording per distinct normalised text, in the order first seen, with its statement
    assert store.speaker_wordings("p1") == {
        "we will not give up our land": statement, "the harbour reopens on monday": first[1].statement,
        "we will never give up our land": statement, "something else entirely about wages": edited[1].statement}
    assert store.speaker_wordings("p2") == {}
    store.close()


def test_a_quote_repeated_in_one_article_is_one_statement(tmp_path):
    store = Store(tmp_path / "s.db")
    quotes = _store_article(store, 0, ["Talks resume on Monday.", "talks resume on monday", "The quay stays shut."])
    assert quotes[0].statement == quotes[1].statement != quotes[2].statement
    store.close()
