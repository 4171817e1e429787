"""The parser's and the NER's first layer, multiplied by numpy in prediction: spaCy's values and
shape, the padding row in place, and spaCy's own forward when training."""
import importlib

import numpy as np
import pytest
from spacy.ml import _precomputable_affine as spacy_affine

from quotetrail import nlp as qnlp
from quotetrail.nlp import precomputed
from quotetrail.nlp.layers import model_layers


def affine_layers(model):
    return [layer for layer in model_layers(model) if layer.name == "precomputable_affine"]


def test_the_model_layers_predict_spacys_values_with_the_padding_first():
    fast = qnlp.load()
    layers = affine_layers(fast)
    assert len(layers) == 2  # the parser's and the NER's
    assert all(layer._func is precomputed._predict_or_train for layer in layers)
    rng = np.random.default_rng(5)
    for layer in layers:
        X = rng.standard_normal((300, layer.get_dim("nI")), dtype="float32")
        ours, no_backward = layer(X, is_train=False)
        theirs, _ = spacy_affine.forward(layer, X, False)
        nF, nO, nP = (layer.get_dim(d) for d in ("nF", "nO", "nP"))
        assert ours.shape == theirs.shape == (301, nF, nO, nP) and ours.dtype == np.float32
        assert np.allclose(ours, theirs, rtol=1e-5, atol=1e-5)
        assert np.array_equal(ours[0], layer.get_param("pad")[0])  # "no token"
        with pytest.raises(RuntimeError):
            no_backward((ours, None))


def test_entities_and_parses_are_spacys_on_a_text_written_here():
    text = ("Mayor Helen Marsh of Northbridge said on Tuesday that the harbour would reopen in May. "
            "“We will not let one port hold the country hostage,” she told reporters at the town hall.")
    fast = qnlp.load()
    reference = importlib.import_module(qnlp.model_name()).load()
    ours, theirs = next(qnlp.parse(fast, [text])), reference(text)
    assert [(t.dep_, t.head.i, t.tag_) for t in ours] == [(t.dep_, t.head.i, t.tag_) for t in theirs]
    assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]
    assert ("Helen Marsh", "PERSON") in [(e.text, e.label_) for e in ours.ents]


def test_training_runs_spacys_forward():
    model = importlib.import_module(qnlp.model_name()).load(disable=["tok2vec", "tagger", "parser", "lemmatizer",
                                                                    "attribute_ruler"])
    assert precomputed.speed_up(model) == 1
    layer = affine_layers(model)[0]
    X = np.random.default_rng(6).random((4, layer.get_dim("nI")), dtype="float32")
    predicted, _ = layer(X, is_train=False)
    trained, backward = layer(X, is_train=True)
    assert np.allclose(predicted, trained, rtol=1e-5, atol=1e-5)
    ids = np.zeros((4, layer.get_dim("nF")), dtype="i")
    dY = np.ones((4, layer.get_dim("nO"), layer.get_dim("nP")), dtype="float32")
    assert backward((dY, ids)).shape[0] == len(X)
