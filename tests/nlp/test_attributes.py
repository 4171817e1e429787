"""The table-driven attribute ruler gives exactly what spaCy's AttributeRuler gives."""
import importlib

from spacy.pipeline import AttributeRuler

from quotetrail import nlp as qnlp
from quotetrail.nlp.attributes import FastAttributeRuler

TEXT = (
    "I told him that she'd come, but they ain't gonna wait. Let's see, y'all said.\n\n"
    "There is something nobody knows: \u201cWe will not go,\u201d the mayor, who was angry, said on Monday.\n\n"
    "Anyone can   vote. Those reports, which I read, were cited by Dr. Ruiz's office in an interview."
)


def test_fast_ruler_is_used(models):
    fast, reference = models
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert type(reference.get_pipe("attribute_ruler")) is AttributeRuler


def test_same_attributes_as_spacy_token_by_token(models):
    fast, reference = models
    for _ in range(2):  # the second pass runs from the filled caches
        got, want = fast(TEXT), reference(TEXT)
        assert len(got) == len(want)
        for g, w in zip(got, want):
            assert (g.pos_, str(g.morph), g.lemma_, g.tag_, g.dep_) == (w.pos_, str(w.morph), w.lemma_, w.tag_, w.dep_), g.text


def test_rules_the_ruler_cannot_table_are_left_to_spacy():
    from quotetrail.nlp import attributes

    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser", "lemmatizer"])
    model.get_pipe("attribute_ruler").add([[{"LOWER": "x"}, {"SHAPE": "dd"}]], {"POS": "NOUN"})
    assert attributes.speed_up(model) is False
    assert type(model.get_pipe("attribute_ruler")) is AttributeRuler
