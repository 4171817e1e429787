"""Run `pipeline.run` without its NLP stages, to time read + clean + dedup + store on their own.

`pipeline.process_batch` runs nlp → quotes → speakers through `pipeline.find_statements`; the
benchmark swaps that one function for a no-op inside whichever process runs the batch (the main
process with one worker, pool workers with more). The package itself is not changed. The batch
function lives in this importable module because pool workers look it up by module name.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def _no_statements(articles: list) -> list:
    return [None] * len(articles)


def process_batch_without_nlp(docs: list) -> list:
    from quotetrail import pipeline

    pipeline.find_statements = _no_statements
    return pipeline.process_batch(docs)


def can_skip_nlp() -> bool:
    from quotetrail import pipeline

    return hasattr(pipeline, "find_statements")


class WithoutNlp:
    """An engine that runs the batches through `engine` with the NLP stages left out."""

    def __init__(self, engine):
        self.engine = engine

    def map(self, fn: Callable, batches: Iterable[list], ahead: Callable | None = None) -> Iterator:
        return self.engine.map(process_batch_without_nlp, batches, ahead=ahead)
