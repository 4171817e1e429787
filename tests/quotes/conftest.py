import pytest

from quotetrail import nlp as qnlp
from quotetrail.quotes import curly_singles, extract


@pytest.fixture(scope="session")
def nlp():
    return qnlp.load()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    def run(text, article_id="a1"):
        doc = next(qnlp.parse(nlp, [text], model_text=curly_singles))  # as the pipeline parses
        return extract(doc, article_id)

    return run


def only(quotes):
    """The one quote found (the assertion lists them when there are none or more)."""
    assert len(quotes) == 1, quotes
    return quotes[0]


def offsets_of(text, words):
    """The spans of `words` in `text`, as a quote's `spans` give them."""
    start = text.index(words)
    return [(start, start + len(words))]
