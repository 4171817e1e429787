"""The numpy-scored parser gives exactly the parses spaCy's own parser gives."""
from pathlib import Path

import pytest

from quotetrail import nlp as qnlp
from quotetrail.nlp.dependencies import ParseDecoder

PARAGRAPHS = [
    "Maria Okonkwo-Bell, the mayor of Port Vell, told the Valmora Courier on Monday that the "
    "harbour would reopen by 15 March 2025.",
    "\u201cWe will not give up,\u201d said Tomas Rell, who has led the union since 2019. \u201cNot now, "
    "not ever.\u201d The Dockworkers' Union of Eastgate disagreed; it said the strike cost $40 "
    "million a day.",
    "Anyone can   vote.\n\nBut the European Commission, which Dr. Ana Ruiz of Meridian Newswire "
    "advises, met in New York City last Tuesday at 9 a.m. for the third time.",
    "Smith",
    "\u201cWhy?\u201d",
    "   ",
    "",
    "He said he would, she said she would not, and they both left -- angry, tired and late. "
    "I told you so. You knew it. Was it worth it? No.",
    "The report, released Friday and seen by reporters, says that officials who asked not to be "
    "named believed the talks, which began in March, could collapse.",
]


def parses(doc):
    return [(t.i, t.head.i, t.dep_, t.is_sent_start, t.pos_, t.lemma_, str(t.morph)) for t in doc]


def decoded_docs(nlp, texts):
    decoder = ParseDecoder.for_pipeline(nlp)
    assert decoder is not None
    docs = qnlp._run(nlp, list(texts), {"parser": decoder, "ner": qnlp.entity_decoder(nlp)})
    return docs


def test_same_parses_as_spacy_for_a_batch_of_unequal_paragraphs(models):
    decoded, reference = models
    got = decoded_docs(decoded, PARAGRAPHS)
    arcs = 0
    for doc, text in zip(got, PARAGRAPHS):
        want = reference(text)
        assert parses(doc) == parses(want), text
        assert doc.has_annotation("DEP") == want.has_annotation("DEP")
        arcs += sum(1 for t in want if t.head.i != t.i)
    assert arcs >= 100


def test_each_paragraph_alone_gives_what_it_gives_in_a_batch(models):
    decoded, _ = models
    together = decoded_docs(decoded, PARAGRAPHS)
    for doc, text in zip(together, PARAGRAPHS):
        assert parses(decoded_docs(decoded, [text])[0]) == parses(doc)


def test_parse_uses_the_decoder_and_matches_spacy(models, monkeypatch):
    decoded, reference = models
    text = "\n".join(PARAGRAPHS)
    assert qnlp.parse_decoder(decoded) is not None
    called = []
    decoder = qnlp.parse_decoder(decoded)
    monkeypatch.setattr(type(decoder), "__call__", lambda self, docs, _call=type(decoder).__call__:
                        called.append(len(docs)) or _call(self, docs))
    got = next(qnlp.parse(decoded, [text]))
    assert called
    monkeypatch.setitem(qnlp._decoders, reference, None)  # spaCy's own `ner` and `parser`
    monkeypatch.setitem(qnlp._parse_decoders, reference, None)
    want = next(qnlp.parse(reference, [text]))
    assert parses(got) == parses(want)
    assert [(s.start, s.end) for s in got.sents] == [(s.start, s.end) for s in want.sents]


def test_a_parser_it_does_not_reproduce_is_left_to_spacy(models):
    decoded, _ = models
    import spacy

    assert ParseDecoder.for_pipeline(spacy.blank("en")) is None
    parser = decoded.get_pipe("parser")
    saved = parser.cfg["beam_width"]
    try:
        parser.cfg["beam_width"] = 4
        assert ParseDecoder.for_pipeline(decoded) is None
    finally:
        parser.cfg["beam_width"] = saved
    assert ParseDecoder.for_pipeline(decoded) is not None


POLNEAR = Path(__file__).resolve().parents[3] / "shared" / "polnear" / "train" / "text"


@pytest.mark.skipif(not POLNEAR.is_dir(), reason="needs ../shared/polnear (real news text)")
def test_same_parses_as_spacy_on_real_news(models):
    decoded, reference = models
    paragraphs = []
    for path in sorted(POLNEAR.glob("*.txt"))[:40]:
        paragraphs += [p for p in qnlp.paragraph_chunks(path.read_text(encoding="utf-8")) if p.strip()]
    got = []
    for i in range(0, len(paragraphs), 64):
        got += decoded_docs(decoded, paragraphs[i:i + 64])
    want = list(reference.pipe(paragraphs))
    differing = [p for g, w, p in zip(got, want, paragraphs) if parses(g) != parses(w)]
    assert sum(len(w) for w in want) > 20000
    assert differing == []
