"""The Python API: `quotetrail.process(texts_or_paths) -> Corpus`."""
from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article, RawDocument
from .pipeline import Summary, run
from .store.export import export, people_rows
from .store.sqlite import Store


@dataclass
class Corpus:
    """The result of `process`: the store it wrote, with the articles, quotes and people in it."""

    store: Store
    summary: Summary
    _tmp: Any = field(default=None, repr=False)

    @property
    def articles(self) -> list[Article]:
        out = []
        for article in self.store.iter_articles():
            article.quotes = self.store.quotes_of(article.id)
            out.append(article)
        return out

    @property
    def quotes(self) -> list[dict[str, Any]]:
        return list(self.store.iter_quotes(with_article=True))

    @property
    def people(self) -> list[dict[str, Any]]:
        return list(people_rows(self.store))

    def export(self, directory: str | Path, fmt: str = "jsonl") -> dict[str, int]:
        return export(self.store, directory, fmt)


def _is_path(item: str) -> bool:
    return "\n" not in item and len(item) < 4096 and (os.path.exists(item) or bool(glob.glob(item)))


def process(inputs: str | Path | Iterable[str | Path], *, db: str | Path | None = None, workers: int = 1) -> Corpus:
    """Run the whole pipeline over paths (files, folders, globs) and/or article texts.

    A string that names an existing path or matches a glob is read as input; any other string is
    an article's text (its first line the title when it looks like one). Without `db` the store is
    a temporary file that lives as long as the Corpus.
    """
    from .engines.local import LocalEngine

    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    paths = [str(i) for i in items if isinstance(i, Path) or _is_path(i)]
    texts = [i for i in items if isinstance(i, str) and i not in paths]
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="quotetrail-")
        db = Path(tmp.name) / "quotetrail.db"
    store = Store(db)

    def documents() -> Iterator:
        from . import read

        yield from read.iter_documents(paths)
        for n, text in enumerate(texts):
            yield RawDocument(source=f"<text>#{n}", kind="text", data=text.encode("utf-8"))

    summary = run(paths, store, engine=LocalEngine(workers), documents=documents())
    return Corpus(store, summary, tmp)
