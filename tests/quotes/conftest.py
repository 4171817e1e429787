import pytest

from quotetrail import nlp as qnlp
from quotetrail.quotes import extract


@pytest.fixture(scope="session")
def nlp():
    return qnlp.load()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    def run(text, article_id="a1"):
        doc = next(qnlp.parse(nlp, [text]))
        return extract(doc, article_id)

    return run
