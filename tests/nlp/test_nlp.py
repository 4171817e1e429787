import pytest

from quotetrail import nlp as qnlp


@pytest.fixture(scope="module")
def nlp():
    return qnlp.load()


def test_load_is_cached_and_parses(nlp):
    assert qnlp.load() is nlp
    assert qnlp.model_name() in qnlp.MODEL_PACKAGES
    doc = nlp("The senator said the vote was close.")
    said = [t for t in doc if t.text == "said"][0]
    assert said.lemma_ == "say"
    assert any(c.dep_ == "ccomp" for c in said.children)


def test_disable_gives_a_separate_pipeline():
    small = qnlp.load(disable=["ner"])
    assert "ner" not in small.pipe_names
    assert qnlp.load(disable=("ner",)) is small


def test_parse_keeps_text_and_skips_unwanted_paragraphs(nlp):
    texts = ["Weather was fine.\n\nShe said it rained.\n\nNothing else.\n\nThe end.\n", "", "one line"]
    docs = list(qnlp.parse(nlp, texts, only=lambda p: "said" in p))
    assert [d.text for d in docs] == texts
    first = docs[0]
    # the wanted paragraph and its neighbours are parsed, the far one is only tokenized
    assert any(t.dep_ == "ccomp" for t in first)
    assert all(t.dep_ == "" for t in first if t.text in ("The", "end"))


def test_parse_never_runs_a_sentence_across_paragraphs(nlp):
    text = "A headline without a full stop\nThe minister said the talks failed.\n"
    doc = next(qnlp.parse(nlp, [text]))
    for sent in doc.sents:
        assert "\n" not in sent.text.strip()
