"""quotetrail: who said what, when, and who reported it, across news coverage.

    import quotetrail
    corpus = quotetrail.process(["articles/", "Some article text ..."])
    for quote in corpus.quotes: ...

spaCy users: `nlp.add_pipe("quotetrail")` adds quote attribution to any pipeline with a parser
(`doc._.quotes`).
"""
__version__ = "0.1.0"

__all__ = ["process", "Corpus", "__version__"]


def __getattr__(name: str):
    # Lazy, so `import quotetrail` (and the CLI's start-up) does not load spaCy and friends.
    if name in ("process", "Corpus"):
        from . import api

        return getattr(api, name)
    raise AttributeError(name)
