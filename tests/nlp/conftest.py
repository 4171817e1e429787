import importlib

import pytest

from quotetrail import nlp as qnlp


@pytest.fixture(scope="package")
def models():
    """quotetrail's pipeline (`nlp.load`: its own attribute ruler and entity decoding) and the
    model package as shipped, to compare against."""
    return qnlp.load(), importlib.import_module(qnlp.model_name()).load()
