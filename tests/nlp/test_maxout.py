"""The tok2vecs' maxout layers predict spaCy's vectors to the bit, and still train as thinc's."""
import importlib

import numpy as np
import pytest
from thinc.layers import maxout as thinc_maxout

from quotetrail import nlp as qnlp
from quotetrail.nlp import maxout

TEXTS = [
    "The mayor of Riverton, Ana Vik, said on Monday that the harbour bridge would reopen in May.",
    "\u201cWe are ready,\u201d she told reporters. The council met on Tuesday; nobody objected.",
    "Prices rose 4.5% in 2031, the Statistics Office of Norland said.",
]


def vectors(model, texts):
    docs = [model.make_doc(t) for t in texts]
    return (model.get_pipe("tok2vec").model.predict(docs), model.get_pipe("ner").model.layers[0].predict(docs))


def test_every_maxout_layer_of_the_tok2vecs_takes_the_prediction_path(models):
    fast, _ = models
    layers = [layer for _, proc in fast.pipeline if hasattr(getattr(proc, "model", None), "walk")
              for layer in proc.model.walk() if layer.name == "maxout"]
    assert len(layers) == 10  # five per tok2vec: the shared one and the NER's own
    assert all(layer._func is maxout._predict_or_train for layer in layers)


def test_the_same_vectors_as_spacy_to_the_bit(models):
    fast, reference = models
    (shared, ner), (shared_ref, ner_ref) = vectors(fast, TEXTS), vectors(reference, TEXTS)
    assert len(shared) == len(shared_ref) == len(TEXTS)  # one array per text
    for a, b in zip(shared, shared_ref):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    assert ner.shape == ner_ref.shape and np.array_equal(ner, ner_ref)  # one array for all tokens


def test_training_still_runs_thincs_own_forward_with_its_backward_pass():
    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser", "lemmatizer", "attribute_ruler"])
    assert maxout.speed_up(model) == 5
    layer = next(layer for layer in model.get_pipe("tok2vec").model.walk() if layer.name == "maxout")
    X = layer.ops.xp.random.default_rng(1).random((7, layer.get_dim("nI")), dtype="float32")
    predicted, no_backward = layer(X, is_train=False)
    trained, backward = layer(X, is_train=True)
    assert np.array_equal(predicted, trained)
    assert backward(trained).shape == X.shape
    with pytest.raises(RuntimeError):
        no_backward(predicted)
    assert thinc_maxout.forward is not maxout._predict_or_train
