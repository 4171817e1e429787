"""The numpy entity decoder gives exactly the entities spaCy's own NER gives."""
from pathlib import Path

import pytest

from quotetrail import nlp as qnlp
from quotetrail.nlp.entities import EntityDecoder

PARAGRAPHS = [
    "Maria Okonkwo-Bell, the mayor of Port Vell, told the Valmora Courier on Monday that the "
    "harbour would reopen by 15 March 2025.",
    "\u201cWe will not give up,\u201d said Tomas Rell. The Dockworkers' Union of Eastgate "
    "disagreed. It costs $40 million a day, about 12 percent of the port's trade.",
    "Anyone can   vote.\n\nThe European Commission and Dr. Ana Ruiz of Meridian Newswire met "
    "in New York City last Tuesday at 9 a.m. for the third time.",
    "Smith",
    "Prime Minister Hugh Tennant",  # an entity running to the very end
    "   ",
    "The Olympic Games, Christmas, and the Treaty of Rome. French and German officials came. "
    "Sokol said nothing. Lake Geneva. IBM.",
]


def entities(doc):
    return [(e.start, e.end, e.label_) for e in doc.ents], [t.ent_iob_ for t in doc]


def decoded_docs(nlp, texts):
    decoder = EntityDecoder.for_pipeline(nlp)
    assert decoder is not None
    docs = list(nlp.pipe(texts, disable=["ner"]))
    assert all(not d.ents for d in docs)
    decoder(docs)
    return docs


def test_same_entities_as_spacy_for_a_batch_of_unequal_paragraphs(models):
    decoded, reference = models
    got = decoded_docs(decoded, PARAGRAPHS)
    found = 0
    for doc, text in zip(got, PARAGRAPHS):
        want = reference(text)
        assert entities(doc) == entities(want), text
        found += len(want.ents)
    assert found >= 20  # the texts do hold entities of many kinds


def test_each_paragraph_alone_gives_what_it_gives_in_a_batch(models):
    decoded, _ = models
    together = decoded_docs(decoded, PARAGRAPHS)
    for doc, text in zip(together, PARAGRAPHS):
        assert entities(decoded_docs(decoded, [text])[0]) == entities(doc)


def test_parse_uses_the_decoder_and_matches_spacy(models, monkeypatch):
    decoded, reference = models
    text = "\n".join(PARAGRAPHS)
    got = next(qnlp.parse(decoded, [text]))
    assert qnlp.entity_decoder(decoded) is not None
    monkeypatch.setitem(qnlp._decoders, reference, None)  # parse with spaCy's own `ner`
    want = next(qnlp.parse(reference, [text]))
    assert [(e.start_char, e.end_char, e.label_) for e in got.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in want.ents]


def test_preset_entities_are_left_to_spacy(models):
    decoded, reference = models
    decoder = EntityDecoder.for_pipeline(decoded)
    doc = decoded.make_doc("Tomas Rell met Ana Ruiz in Port Vell.")
    for name, proc in decoded.pipeline:
        if name != "ner":
            doc = proc(doc)
    from spacy.tokens import Span

    doc.set_ents([Span(doc, 0, 2, label="ORG")], default="missing")
    decoder([doc])
    want = reference.make_doc(doc.text)
    for name, proc in reference.pipeline:
        if name != "ner":
            want = proc(want)
    want.set_ents([Span(want, 0, 2, label="ORG")], default="missing")
    want = reference.get_pipe("ner")(want)
    assert entities(doc) == entities(want)
    assert doc.ents[0].label_ == "ORG"


POLNEAR = Path(__file__).resolve().parents[3] / "shared" / "polnear" / "train" / "text"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="needs ../shared/polnear (real news text)")
def test_same_entities_as_spacy_on_real_news(models):
    decoded, reference = models
    paragraphs = []
    for path in sorted(POLNEAR.glob("*.txt"))[:40]:
        paragraphs += [p for p in qnlp.paragraph_chunks(path.read_text(encoding="utf-8")) if p.strip()]
    got = decoded_docs(decoded, paragraphs)
    want = list(reference.pipe(paragraphs))
    differing = [p for g, w, p in zip(got, want, paragraphs) if entities(g) != entities(w)]
    assert sum(len(w.ents) for w in want) > 2000
    assert differing == []
