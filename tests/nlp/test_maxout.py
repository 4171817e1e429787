"""The tok2vecs' maxout layers predict spaCy's vectors (up to the BLAS's rounding) and spaCy's
parses, take the same largest pieces as thinc, and still train as thinc's."""
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


def test_the_same_vectors_as_spacy_up_to_the_blas_rounding(models):
    fast, reference = models
    (shared, ner), (shared_ref, ner_ref) = vectors(fast, TEXTS), vectors(reference, TEXTS)
    assert len(shared) == len(shared_ref) == len(TEXTS)  # one array per text
    for a, b in zip(shared, shared_ref):
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.allclose(a, b, rtol=1e-4, atol=1e-4)
    assert ner.shape == ner_ref.shape and np.allclose(ner, ner_ref, rtol=1e-4, atol=1e-4)


def test_the_same_parses_and_entities_as_spacy(models):
    fast, reference = models
    for ours, theirs in zip(fast.pipe(TEXTS), reference.pipe(TEXTS)):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == \
            [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs]


def test_the_largest_piece_of_each_unit_with_its_bias_as_thincs_own_forward():
    from thinc.api import Maxout

    layer = Maxout(nO=5, nI=4, nP=3)
    layer.initialize()
    rng = np.random.default_rng(2)
    layer.set_param("b", rng.random((5, 3), dtype="float32"))  # initialised to zeros: make the bias count
    X = rng.random((6, 4), dtype="float32")
    ours, _ = maxout._predict_or_train(layer, X, is_train=False)
    theirs, _ = thinc_maxout.forward(layer, X, is_train=True)
    assert ours.shape == theirs.shape == (6, 5)
    assert np.allclose(ours, theirs, rtol=1e-6, atol=1e-6)
    W, b = layer.get_param("W").reshape(5, 3, 4), layer.get_param("b").reshape(5, 3)
    expected = (np.einsum("ni,opi->nop", X.astype("float64"), W.astype("float64")) + b).max(axis=2)
    assert np.allclose(ours, expected, rtol=1e-5, atol=1e-6)


def test_training_still_runs_thincs_own_forward_with_its_backward_pass():
    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser", "lemmatizer", "attribute_ruler"])
    assert maxout.speed_up(model) == 5
    layer = next(layer for layer in model.get_pipe("tok2vec").model.walk() if layer.name == "maxout")
    X = layer.ops.xp.random.default_rng(1).random((7, layer.get_dim("nI")), dtype="float32")
    predicted, no_backward = layer(X, is_train=False)
    trained, backward = layer(X, is_train=True)
    assert np.allclose(predicted, trained, rtol=1e-5, atol=1e-5)  # numpy's BLAS and blis round apart
    assert backward(trained).shape == X.shape
    with pytest.raises(RuntimeError):
        no_backward(predicted)
    assert thinc_maxout.forward is not maxout._predict_or_train
