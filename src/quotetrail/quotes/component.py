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

    def __init__(self, nlp: Language, name: str, article_id_attr: str | None = None):
        self.name = name
        self.article_id_attr = article_id_attr

    def __call__(self, doc: Doc) -> Doc:
        article_id = ""
        if self.article_id_attr and Doc.has_extension(self.article_id_attr):
            article_id = getattr(doc._, self.article_id_attr) or ""
        from ..people import resolve_article  # here, not at import: spaCy may load us before the package

        quotes = extract(doc, article_id)
        resolve_article(doc, quotes, article_id or None)
        doc._.quotes = quotes
        return doc


@Language.factory("quotetrail", default_config={"article_id_attr": None},
                  requires=["token.dep", "token.lemma"], assigns=["doc._.quotes"])
def make_quotetrail(nlp: Language, name: str, article_id_attr: str | None) -> QuoteAttributor:
    return QuoteAttributor(nlp, name, article_id_attr)
