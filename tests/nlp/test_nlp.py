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


def _statements(count: int) -> str:
    return "\n\n".join(f'"We will rebuild bridge number {i} by spring," Mayor Ines Morrow said.' for i in range(count))


def test_parse_of_a_huge_text_stops_at_the_time_limit(nlp):
    import time

    text = _statements(4000)  # about 12 s of parsing on this machine
    started = time.monotonic()
    (doc,) = qnlp.parse(nlp, [text], seconds=0.5, batch_size=32)
    assert time.monotonic() - started < 6  # the limit and one window of batches
    message = doc.user_data[qnlp.PARSE_CUT_KEY]
    assert "took longer than 0.5 s" in message and "of 4,000 paragraphs only" in message
    assert 0 < len(doc.text) < len(text) and text.startswith(doc.text) and doc.text.endswith("\n\n")
    assert all(t.dep_ for t in doc if not t.is_space), "the Doc is the paragraphs parsed before the cut"


def test_parse_stops_at_the_size_limit_and_other_texts_are_whole(nlp):
    big, small = _statements(20), "The mayor said the bridge would reopen."
    docs = list(qnlp.parse(nlp, [big, small], max_chars=300))
    assert docs[0].text.count("\n\n") == 4 and big.startswith(docs[0].text) and docs[1].text == small
    cut = docs[0].user_data[qnlp.PARSE_CUT_KEY]
    assert cut.startswith("statements looked for in its first 4 of 20 paragraphs only") and "over 300 characters" in cut
    assert qnlp.PARSE_CUT_KEY not in docs[1].user_data
    assert any(t.dep_ == "ccomp" for t in docs[1])


def test_parse_without_limits_matches_a_whole_pipe(nlp):
    texts = [_statements(3), "One line.\n\nThe minister said no. She left.", ""]
    docs = list(qnlp.parse(nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts
    for doc, text in zip(docs, texts):
        assert qnlp.PARSE_CUT_KEY not in doc.user_data
        start = 0
        for paragraph in qnlp.paragraph_chunks(text):  # each paragraph parsed as it would be alone
            span = doc.char_span(start, start + len(paragraph), alignment_mode="expand")
            alone = nlp(paragraph)
            assert [(t.text, t.dep_, t.ent_type_) for t in span] == [(t.text, t.dep_, t.ent_type_) for t in alone]
            start += len(paragraph)


def test_an_article_is_assembled_from_its_paragraphs_as_spacys_from_docs_would(nlp):
    """`_concatenated` builds the article's Doc from its paragraphs' token arrays: the same Doc
    as spaCy's `Doc.from_docs`, to every token's text, white space, tag, lemma, morphology, head,
    label, entity and sentence start."""
    from spacy.tokens import Doc, Span

    from quotetrail.nlp import _concatenated

    paragraphs = ["Harbour strike ends\n\n",
                  "Mayor Helen Marsh said on Tuesday the port of Northbridge would reopen.  \n",
                  "\n", "“We are ready,” she told reporters. Dockers cheered.\n\n", "Tail without newline"]
    docs = [nlp(p) for p in paragraphs]
    ours = _concatenated(nlp.vocab, Doc, docs)
    theirs = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    assert ours.text == theirs.text == "".join(paragraphs)

    def described(doc):
        return ([(t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, str(t.morph), t.head.i, t.dep_, t.ent_iob_,
                  t.ent_type_, t.is_sent_start, t.norm_) for t in doc],
                [(e.start, e.end, e.label_) for e in doc.ents], [(s.start, s.end) for s in doc.sents])

    assert described(ours) == described(theirs)
    assert ("Helen Marsh", "PERSON") in [(e.text, e.label_) for e in ours.ents]
    docs[1].spans["extra"] = [Span(docs[1], 0, 2, label="X")]  # span groups: spaCy's own concatenation
    with_spans = _concatenated(nlp.vocab, Doc, docs)
    assert [s.text for s in with_spans.spans["extra"]] == ["Mayor Helen"]
