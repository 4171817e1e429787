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


def assert_one_quote(quotes, text, kind, mention, cue, content):
    """The one quote found in `text` is a `kind` quote of `content` by `mention` with `cue`, each at
    the offsets where `text` holds it."""
    q = only(quotes)
    assert (q.kind, q.mention, q.cue, q.text) == (kind, mention, cue, content)
    assert q.spans == offsets_of(text, content)
    assert q.text == text[q.spans[0][0]:q.spans[0][1]]
    assert text[q.mention_start:q.mention_end] == mention
    return q
