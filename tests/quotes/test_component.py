"""`nlp.add_pipe("quotetrail")` on a whole article reads it as `quotetrail run` does: paragraph
breaks are honoured, and page furniture (a "READ MORE" line, a photo caption) never gives a cue,
a speaker or part of a name. Texts written here."""
from __future__ import annotations

import pytest

from quotetrail import nlp as qnlp


@pytest.fixture(scope="module")
def pipeline():
    model = qnlp.model_name()
    if model is None:
        pytest.skip("no spaCy English model")
    import spacy

    nlp = spacy.load(model)
    nlp.add_pipe("quotetrail")
    return nlp


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _line_of(text: str, pos: int) -> int:
    return next(i for i, (s, e) in enumerate(_lines(text)) if s <= pos <= e)


ARTICLE = (
    "Harbour talks stall as union walks out\n\n"
    "READ MORE: Ilse Varo says the port of Dravnik will close in spring\n\n"
    "Photo: Councillor Tomas Brel speaks to dockers in Dravnik on Monday (Getty Images)\n\n"
    "The union's leader, Mara Lint, said the offer was an insult to every docker in the city.\n\n"
    "\u201cWe will not wait any longer,\u201d Brel said after the meeting.\n"
)


def test_no_sentence_quote_or_mention_crosses_a_paragraph_break(pipeline):
    doc = pipeline(ARTICLE)
    assert doc.text == ARTICLE
    for sent in doc.sents:
        assert "\n\n" not in sent.text.strip(), sent.text
    for q in doc._.quotes:
        points = [p for s in q.spans for p in s]
        if q.mention_start is not None:
            points += [q.mention_start, q.mention_end]
        assert len({_line_of(ARTICLE, p) for p in points}) == 1, q


def test_furniture_gives_no_cue_speaker_or_name(pipeline):
    doc = pipeline(ARTICLE)
    read_more, caption = 2, 4  # line numbers
    for q in doc._.quotes:
        for s, e in q.spans:
            assert _line_of(ARTICLE, s) not in (read_more, caption), q
        if q.mention_start is not None:
            assert _line_of(ARTICLE, q.mention_start) not in (read_more, caption), q
        assert "Councillor" not in (q.speaker or "") and "Tomas" not in (q.speaker or ""), q
    assert {q.text for q in doc._.quotes} >= {"We will not wait any longer"}
    assert not any("port of Dravnik will close" in q.text for q in doc._.quotes)


def test_one_paragraph_doc_is_left_as_it_was(pipeline):
    text = "\u201cWe are ready,\u201d the mayor, Elena Varga, told reporters on Monday."
    doc = pipeline.make_doc(text)
    for name, proc in pipeline.pipeline:
        doc = proc(doc)
    assert [q.speaker for q in doc._.quotes] == ["Elena Varga"]


def test_process_drops_a_caption_and_a_read_more_line():
    import quotetrail

    corpus = quotetrail.process(ARTICLE)
    article = corpus.articles[0]
    assert "Getty Images" not in article.text and "READ MORE" not in article.text
    assert {r.reason for r in article.removed} >= {"caption"}
    assert not any("port of Dravnik will close" in q["text"] for q in corpus.quotes)


def test_the_component_dates_quotes_from_a_published_extension(pipeline):
    from spacy.tokens import Doc

    if not Doc.has_extension("test_published"):
        Doc.set_extension("test_published", default=None)
    text = "\u201cWe are ready,\u201d the mayor, Elena Varga, told reporters on Monday."
    doc = pipeline(text)
    assert [(q.date_text, q.said_on) for q in doc._.quotes] == [("on Monday", None)]  # no date to count from
    pipeline.get_pipe("quotetrail").published_attr = "test_published"
    try:
        doc = pipeline.make_doc(text)
        doc._.test_published = "2025-03-12"
        for _, proc in pipeline.pipeline:
            doc = proc(doc)
    finally:
        pipeline.get_pipe("quotetrail").published_attr = None
    assert [(q.date_text, q.said_on, q.said_on_precision) for q in doc._.quotes] == [("on Monday", "2025-03-10", "day")]
