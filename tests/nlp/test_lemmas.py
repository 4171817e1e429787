"""The remembered lemmatizer gives exactly what spaCy's lemmatizer gives."""
import importlib

from spacy.pipeline import Lemmatizer

from quotetrail import nlp as qnlp
from quotetrail.nlp import lemmas

TEXT = (
    "The mayors were saying that the councils had voted, but she says they're leaving. Geese flew "
    "over the better-known bridges; the best runners ran faster than ever.\n\n"
    "\u201cWe have been lied to,\u201d the ministers told reporters on Tuesday, while the ministry's "
    "spokeswoman denied it. Running is what runners do.\n\n"
    "Children's books, the data show, are read more often than adults' books were. I'd gone; he'd go."
)


def test_the_memo_lemmatizer_is_used(models):
    fast, reference = models
    assert isinstance(fast.get_pipe("lemmatizer"), lemmas._MemoLemmas)
    assert not isinstance(reference.get_pipe("lemmatizer"), lemmas._MemoLemmas)


def test_same_lemmas_as_spacy_token_by_token(models):
    fast, reference = models
    for _ in range(2):  # the second pass answers from the memo
        got, want = fast(TEXT), reference(TEXT)
        assert [(t.text, t.lemma_) for t in got] == [(t.text, t.lemma_) for t in want]
        assert [t.pos_ for t in got] == [t.pos_ for t in want]


def test_a_lemma_set_before_it_is_kept_unless_the_component_overwrites():
    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser"])
    assert lemmas.speed_up(model)
    lemmatizer = model.get_pipe("lemmatizer")
    doc = model.make_doc("The geese were running")
    for name, proc in model.pipeline[:-1]:
        doc = proc(doc)
    doc[1].lemma_ = "flock"
    lemmatizer(doc)
    assert [t.lemma_ for t in doc] == ["the", "flock", "be", "run"]
    lemmatizer.overwrite = True
    assert lemmatizer(doc)[1].lemma_ == "goose"


def test_a_lemmatizer_of_another_kind_is_left_alone():
    class Other(Lemmatizer):
        pass

    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser"])
    model.get_pipe("lemmatizer").__class__ = Other
    assert lemmas.speed_up(model) is False
    assert type(model.get_pipe("lemmatizer")) is Other
