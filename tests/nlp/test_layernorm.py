"""The tok2vecs' layer normalisations predict thinc's own output to the bit, and still train as thinc's."""
import importlib

import numpy as np
import pytest
from thinc.api import LayerNorm
from thinc.layers import layernorm as thinc_layernorm

from quotetrail import nlp as qnlp
from quotetrail.nlp import layernorm


def test_the_same_floats_as_thincs_forward():
    layer = LayerNorm(nI=96)
    layer.initialize()
    rng = np.random.default_rng(3)
    layer.set_param("G", rng.random(96, dtype="float32") + 0.5)  # initialised to ones and zeros: make them count
    layer.set_param("b", rng.random(96, dtype="float32") - 0.5)
    X = rng.standard_normal((500, 96), dtype="float32") * 3 + 1
    ours, no_backward = layernorm._predict_or_train(layer, X, is_train=False)
    theirs, _ = thinc_layernorm.forward(layer, X, is_train=False)
    assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)
    normalised = (ours - layer.get_param("b")) / layer.get_param("G")  # each row: mean 0, variance 1
    assert np.allclose(normalised.mean(axis=1), 0, atol=1e-5) and np.allclose(normalised.var(axis=1), 1, atol=1e-3)
    with pytest.raises(RuntimeError):
        no_backward(ours)


def test_every_layernorm_of_the_tok2vecs_takes_the_prediction_path_and_training_is_thincs():
    fast = qnlp.load()
    layers = [layer for _, proc in fast.pipeline if hasattr(getattr(proc, "model", None), "walk")
              for layer in proc.model.walk() if layer.name == "layernorm"]
    assert len(layers) == 10  # five per tok2vec: the shared one and the NER's own
    assert all(layer._func is layernorm._predict_or_train for layer in layers)
    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser", "lemmatizer", "attribute_ruler"])
    assert layernorm.speed_up(model) == 5
    layer = next(layer for layer in model.get_pipe("tok2vec").model.walk() if layer.name == "layernorm")
    X = np.random.default_rng(4).random((7, layer.get_dim("nI")), dtype="float32")
    predicted, _ = layer(X, is_train=False)
    trained, backward = layer(X, is_train=True)
    assert np.array_equal(predicted, trained)
    assert backward(trained).shape == X.shape
