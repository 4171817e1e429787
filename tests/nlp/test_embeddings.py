"""The tok2vecs' token embeddings, remembered per distinct token: the same vectors to the bit as
computing every token, the same parses, a bounded memory, and training that forgets."""
import importlib

import numpy as np
import pytest

from quotetrail import nlp as qnlp
from quotetrail.nlp import embeddings

TEXTS = [
    "The mayor of Riverton, Ana Vik, said on Monday that the harbour bridge would reopen in May.",
    "\u201cWe are ready,\u201d she told reporters. The council met on Tuesday; nobody objected.",
    "The mayor said the bridge would reopen. The council said nothing about the bridge.",
]


@pytest.fixture(scope="module")
def plain():
    """The model package as shipped, with nothing remembered."""
    return importlib.import_module(qnlp.model_name()).load()


def embedding_layers(model):
    return [layer for _, proc in model.pipeline if hasattr(getattr(proc, "model", None), "walk")
            for layer in proc.model.walk() if embeddings.memory_of(layer) is not None]


def test_both_tok2vecs_remember_and_give_the_vectors_computing_every_token_gives():
    fast = qnlp.load()
    layers = embedding_layers(fast)
    assert len(layers) == 2  # the shared tok2vec's and the NER's own
    memories = [embeddings.memory_of(layer) for layer in layers]
    for memory in memories:
        memory.clear()  # other tests parse with the same model: a memory near full would start afresh here
    for i, texts in enumerate((TEXTS, TEXTS[::-1], [TEXTS[2]])):  # later batches gather what the first embedded
        if i == 1:
            seen = [(m.computed, m.reused) for m in memories]
        docs = [fast.make_doc(t) for t in texts]
        for layer in layers:
            remembered, _ = layer(docs, is_train=False)
            computed, _ = layer._func.keywords["original"](layer, docs, False)  # every token computed
            assert len(remembered) == len(docs)
            assert all(a.shape == b.shape and np.array_equal(a, b) for a, b in zip(remembered, computed))
    tokens = sum(len(fast.make_doc(t)) for t in TEXTS + [TEXTS[2]])
    assert [(m.computed, m.reused) for m in memories] == [(computed, reused + tokens) for computed, reused in seen]


def test_the_same_parses_and_entities_as_spacy(plain):
    fast = qnlp.load()
    for _ in range(2):  # the second time, every embedding is remembered
        for ours, theirs in zip(fast.pipe(TEXTS), plain.pipe(TEXTS)):
            assert [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in ours] == \
                [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in theirs]


def test_empty_documents_alone_or_among_others():
    fast = qnlp.load()
    for layer in embedding_layers(fast):
        embeddings.memory_of(layer).clear()
    for texts in (["", ""], ["", "Hello there.", ""]):
        docs = [fast.make_doc(t) for t in texts]
        for layer in embedding_layers(fast):
            remembered, _ = layer(docs, is_train=False)
            assert [a.shape[0] for a in remembered] == [len(d) for d in docs]
    alone = [t.dep_ for t in fast("Hello there.")]
    assert [[t.dep_ for t in doc] for doc in fast.pipe(["", "Hello there.", ""])] == [[], alone, []] and "ROOT" in alone


def test_a_token_seen_again_is_gathered_not_computed():
    memory = embeddings.EmbeddingMemory(capacity=8)
    computed = []

    def compute(rows):
        computed.append(rows.copy())
        return rows.astype("float32") * 2

    features = np.array([[1, 2], [3, 4], [1, 2], [5, 6]], dtype="uint64")
    assert np.array_equal(memory.embed(features, compute), features.astype("float32") * 2)
    assert [r.tolist() for r in computed] == [[[1, 2], [3, 4], [5, 6]]]  # each distinct row once
    again = np.array([[5, 6], [1, 2]], dtype="uint64")
    assert np.array_equal(memory.embed(again, compute), again.astype("float32") * 2)
    assert len(computed) == 1 and (memory.computed, memory.reused) == (3, 3)


def test_a_full_memory_starts_afresh_and_a_batch_larger_than_it_is_computed_whole():
    memory = embeddings.EmbeddingMemory(capacity=4)

    def compute(rows):
        return rows[:, :1].astype("float32") + 0.5

    first = np.arange(6, dtype="uint64").reshape(3, 2)
    memory.embed(first, compute)
    second = np.arange(100, 106, dtype="uint64").reshape(3, 2)  # 3 + 3 rows > 4: starts afresh
    assert np.array_equal(memory.embed(second, compute), second[:, :1] + 0.5)
    assert len(memory) == 3
    big = np.arange(200, 212, dtype="uint64").reshape(6, 2)  # 6 distinct rows > 4: not remembered
    assert np.array_equal(memory.embed(big, compute), big[:, :1] + 0.5)
    assert len(memory) <= 4


def test_training_runs_thincs_forward_and_forgets_what_was_remembered():
    model = importlib.import_module(qnlp.model_name()).load(disable=["ner", "parser", "lemmatizer", "attribute_ruler"])
    assert embeddings.speed_up(model) == 1 and embeddings.speed_up(model) == 0  # once per layer
    layer = embedding_layers(model)[0]
    docs = [model.make_doc(t) for t in TEXTS]
    predicted, _ = layer(docs, is_train=False)
    assert len(embeddings.memory_of(layer))
    trained, backward = layer(docs, is_train=True)
    assert not len(embeddings.memory_of(layer))
    expected, _ = layer._func.keywords["original"](layer, docs, False)
    assert all(np.allclose(a, b, rtol=1e-5, atol=1e-5) for a, b in zip(predicted, expected))
    assert [a.shape for a in trained] == [a.shape for a in predicted]  # (with dropout: not the same floats)
    backward(trained)  # thinc's own backward pass runs


def test_threads_predicting_at_once_get_what_one_thread_gets():
    from concurrent.futures import ThreadPoolExecutor

    fast = qnlp.load()
    texts = [f"Minister {name} said on day {i} that the {thing} would open." for i, (name, thing) in
             enumerate([("Ana Vik", "bridge"), ("Ola Dahl", "port"), ("Kari Lunde", "school")] * 4)]
    expected = [[(t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in fast.pipe(texts)]
    for layer in embedding_layers(fast):
        embeddings.memory_of(layer).clear()
    with ThreadPoolExecutor(4) as pool:
        docs = list(pool.map(fast, texts))
    assert [[(t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in docs] == expected


def test_rows_that_share_a_hash_never_share_an_embedding(monkeypatch):
    """Rows are found by a 64-bit hash of their ids and then compared whole: two rows with the same
    hash (made to collide here) each get their own embedding, in a batch and across batches."""
    monkeypatch.setattr(embeddings, "_row_hashes", lambda features: features[:, 0] % np.uint64(2))
    memory = embeddings.EmbeddingMemory(capacity=8)

    def compute(rows):
        return rows.astype("float32") * 3

    first = np.array([[2, 1], [4, 1], [2, 1], [3, 5]], dtype="uint64")  # [2, 1] and [4, 1] collide
    assert np.array_equal(memory.embed(first, compute), first.astype("float32") * 3)
    later = np.array([[4, 1], [6, 7], [3, 5], [2, 1]], dtype="uint64")  # [4, 1], [6, 7] collide with [2, 1]
    assert np.array_equal(memory.embed(later, compute), later.astype("float32") * 3)
    assert len(memory) == 2  # one row per hash remembered: [2, 1] and [3, 5]


def test_a_memory_gives_each_row_its_own_embedding_over_many_batches():
    rng = np.random.default_rng(7)
    memory = embeddings.EmbeddingMemory(capacity=40)  # 64 possible rows: it fills and starts afresh
    rows = 0

    def compute(batch):
        return (batch[:, :1] * 0.5 + batch[:, 1:2] - batch[:, 2:]).astype("float32")

    for _ in range(60):
        batch = rng.integers(0, 4, size=(int(rng.integers(1, 60)), 3)).astype("uint64")
        assert np.array_equal(memory.embed(batch, compute), compute(batch))
        rows += len(batch)
        assert len(memory) <= 40
    assert memory.computed + memory.reused == rows and memory.reused > memory.computed
