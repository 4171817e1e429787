"""The model's own lemmatizer, its answers remembered per (word form, POS, morphology).

spaCy's rule lemmatizer was 9.4 ms of an article's 80 ms of NLP with en_core_web_sm, the third
cost after the two tok2vecs (167 PolNeAR train texts), for two reasons:
- it asks `form in index` of the model's word lists, and those are Python lists (57,528 nouns):
  a linear scan per candidate form. They are made sets here, which answer the same;
- it walks every token in Python (a `Token`, its text, POS and morphology as strings, `lemma_`
  set), and its cache only skips the rule tables. A rule or lookup lemma is a function of the
  token's form, POS and morphology alone (`Lemmatizer.rule_lemmatize` reads nothing else, nor does
  `is_base_form`, nor the English one), so each distinct triple is lemmatized once by the
  component's own method and every other token gets its answer from one `to_array`/`from_array`
  pass.
`tests/nlp/test_lemmas.py` checks the lemmas against spaCy's token by token.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Only these classes: their lemma depends on form, POS and morphology alone (another language's
# subclass may read more of the token).
_PURE = (Lemmatizer, EnglishLemmatizer)
_MODES = ("rule", "lookup")
MEMO_SIZE = 500_000  # distinct (form, POS, morphology) triples remembered before starting over


class _MemoLemmas:
    """Mixed in before the component's own class: `__call__` answers from the memo."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        if not len(doc):
            return doc
        error_handler = self.get_error_handler()
        try:
            rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = rows[:, 3].copy()
            memo = self._lemma_memo
            if len(memo) > MEMO_SIZE:
                memo.clear()
            overwrite, strings = self.overwrite, self.vocab.strings
            for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
                if overwrite or lemma == 0:
                    key = (orth, pos, morph)
                    found = memo.get(key)
                    if found is None:
                        found = memo[key] = strings.add(self.lemmatize(doc[i])[0])
                    lemmas[i] = found
            doc.from_array([LEMMA], lemmas)
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)


_fast_classes: dict[type, type] = {}


def speed_up(nlp) -> bool:
    """Give `nlp`'s lemmatizer the memo when its lemmas depend on form, POS and morphology only."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    cls = type(lemmatizer)
    if isinstance(lemmatizer, _MemoLemmas):
        return True
    if cls not in _PURE or lemmatizer.mode not in _MODES:
        return False
    if "lemma_index" in lemmatizer.lookups:
        index = lemmatizer.lookups.get_table("lemma_index")
        for pos, words in list(index.items()):
            if isinstance(words, list):  # only ever asked `form in words`
                index[pos] = frozenset(words)
    fast = _fast_classes.get(cls)
    if fast is None:
        fast = _fast_classes[cls] = type(f"Memo{cls.__name__}", (_MemoLemmas, cls), {})
    lemmatizer.__class__ = fast
    lemmatizer._lemma_memo = {}  # (form, POS, morphology) ids -> lemma id
    return True
