"""spaCy component "quotetrail": `nlp.add_pipe("quotetrail")`, then read `doc._.quotes`.

spaCy finds it through the `spacy_factories` entry point in pyproject.toml, so no import is
needed; importing this module registers it too. Each quote's `speaker` is resolved within the doc
(pronouns, descriptions, surnames); corpus-wide merging needs `quotetrail run` or `process`.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract import extract

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteAttributor:
    """Sets `doc._.quotes` (list[Quote]); needs a parser earlier in the pipeline."""

    def __init__(self, nlp: Language, name: str, article_id_attr: str | None = None,
                 published_attr: str | None = None):
        self.nlp = nlp
        self.name = name
        self.article_id_attr = article_id_attr
        self.published_attr = published_attr

    def __call__(self, doc: Doc) -> Doc:
        doc = self._by_paragraph(doc)
        article_id = ""
        if self.article_id_attr and Doc.has_extension(self.article_id_attr):
            article_id = getattr(doc._, self.article_id_attr) or ""
        from ..dates import date_statements  # here, not at import: spaCy may load us before the package
        from ..people import resolve_article

        quotes = extract(doc, article_id)
        resolve_article(doc, quotes, article_id or None)
        # each quote's date words ("on Monday"); resolved to a date when the doc carries its
        # publication date (YYYY-MM-DD) in the extension named by `published_attr`
        published = None
        if self.published_attr and Doc.has_extension(self.published_attr):
            published = getattr(doc._, self.published_attr) or None
        date_statements(doc.text, quotes, published)
        doc._.quotes = quotes
        return doc


    def _by_paragraph(self, doc: Doc) -> Doc:
        """The doc as `quotetrail run` parses an article: each line on its own, so no sentence,
        mention or quote runs over a paragraph break, and page furniture (a "READ MORE: …" line, a
        photo caption, a share bar) only tokenized, so nothing in it becomes a cue, a speaker or
        part of a name. The doc comes back as it was when it is one paragraph, or when no
        sentence crosses a line and no line is furniture; else a new Doc of the same text, with
        the components before this one run over each kept line."""
        from ..clean import boilerplate
        from ..clean.glued import is_caption
        from ..nlp import paragraph_chunks

        text = doc.text
        chunks = paragraph_chunks(text)
        if sum(1 for c in chunks if c.strip()) <= 1:
            return doc
        junk = [bool(c.strip()) and (boilerplate.classify(c) is not None or is_caption(c)) for c in chunks]
        crossing = doc.has_annotation("SENT_START") and any("\n" in sent.text.strip() for sent in doc.sents)
        if not crossing and not any(junk):
            return doc
        docs = [self.nlp.make_doc(c) for c in chunks]
        keep = [i for i, c in enumerate(chunks) if c.strip() and not junk[i]]
        parsed = [docs[i] for i in keep]
        for name, proc in self.nlp.pipeline:
            if name == self.name:
                break
            parsed = list(proc.pipe(parsed)) if hasattr(proc, "pipe") else [proc(d) for d in parsed]
        for i, d in zip(keep, parsed):
            docs[i] = d
        for i, d in enumerate(docs):
            if junk[i] and len(d):  # furniture: a sentence of its own (a flat tree), not the last one's tail
                docs[i] = Doc(d.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d],
                              heads=[0] * len(d), deps=["ROOT"] + ["dep"] * (len(d) - 1))
        new = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
        new.user_data.update(doc.user_data)
        return new


@Language.factory("quotetrail", default_config={"article_id_attr": None, "published_attr": None},
                  requires=["token.dep", "token.lemma"], assigns=["doc._.quotes"])
def make_quotetrail(nlp: Language, name: str, article_id_attr: str | None,
                    published_attr: str | None) -> QuoteAttributor:
    return QuoteAttributor(nlp, name, article_id_attr, published_attr)
