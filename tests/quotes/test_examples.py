"""The sample corpus (examples/, fictional) against its answer key (tests/e2e/examples_expected.json):
every listed quote comes out of its article with the right in-article speaker, and no listed
term or scare quote comes out as a statement. Runs read → clean → nlp → quotes → people in
process, the way the pipeline does, without the store."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from quotetrail import nlp as qnlp
from quotetrail import read
from quotetrail.clean import clean_article
from quotetrail.model import RawDocument
from quotetrail.people import resolve_article, translit_key
from quotetrail.quotes import curly_singles, extract, may_hold_statement

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
ANSWERS = REPO / "tests" / "e2e" / "examples_expected.json"


def _norm(text: str) -> str:
    """Compare text across typography: straight/curly marks and spacing do not matter."""
    text = re.sub(r"[\"“”„«»]", '"', text)
    text = re.sub(r"[‘’']", "'", text)
    return " ".join(text.split())


@pytest.fixture(scope="module")
def answers():
    return json.loads(ANSWERS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extracted(nlp):
    """article source relative to examples/ -> (clean text, quotes with in-article speakers)."""
    out = {}
    articles = []
    for doc in read.iter_documents([str(EXAMPLES)]):
        if not isinstance(doc, RawDocument):
            continue
        article = clean_article(read.parse(doc))
        articles.append((os.path.relpath(doc.source, EXAMPLES).replace(os.sep, "/"), article))
    docs = qnlp.parse(nlp, [a.text for _, a in articles], only=may_hold_statement, model_text=curly_singles)
    for (source, article), doc in zip(articles, docs):
        quotes = extract(doc, source)
        resolve_article(doc, quotes, source)
        out[source] = (article.text, quotes)
    return out


def _same_person(expected: str, found: str | None) -> bool:
    """In-article names: the surname must agree (spelling variants fold); organisations by their
    words ("the ministry" resolved to "Ministry of Transport")."""
    if not found:
        return False
    exp_words = {translit_key(w) for w in re.findall(r"\w+", expected) if len(w) > 2}
    found_words = {translit_key(w) for w in re.findall(r"\w+", found) if len(w) > 2}
    surname = translit_key(re.findall(r"\w+", expected)[-1])
    return surname in found_words or len(exp_words & found_words) >= 2


def test_sample_corpus_was_read(extracted, answers):
    wanted = {q["article"] for q in answers["quotes"]}
    assert wanted <= set(extracted), sorted(wanted - set(extracted))


def test_every_listed_quote_with_its_speaker(extracted, answers):
    problems = []
    for item in answers["quotes"]:
        text, quotes = extracted[item["article"]]
        fragment = _norm(item["text"])
        hits = [q for q in quotes if fragment in _norm(q.text) or
                (len(fragment) > 20 and _norm(q.text) in fragment and len(_norm(q.text)) * 2 > len(fragment))]
        if not hits:
            problems.append(("missing", item["article"], item["text"]))
            continue
        if not any(_same_person(item["speaker"], q.speaker) for q in hits):
            problems.append(("speaker", item["article"], item["text"], [q.speaker for q in hits], item["speaker"]))
    assert not problems, "\n".join(map(str, problems))


def test_listed_quote_kinds(extracted, answers):
    """A quote in marks is direct (or mixed when only part of a clause is quoted); reported speech is
    indirect. Kinds are checked loosely: direct/mixed are both "in the speaker's words"."""
    words = {"direct": {"direct", "mixed"}, "mixed": {"mixed", "direct"}, "indirect": {"indirect"}}
    wrong = []
    for item in answers["quotes"]:
        _, quotes = extracted[item["article"]]
        fragment = _norm(item["text"])
        kinds = {q.kind for q in quotes if fragment in _norm(q.text)}
        if kinds and not kinds & words[item["kind"]]:
            wrong.append((item["article"], item["text"], kinds, item["kind"]))
    assert not wrong, wrong


def test_terms_and_scare_quotes_are_not_statements(extracted, answers):
    wrong = []
    for item in answers["not_statements"]:
        _, quotes = extracted[item["article"]]
        term = _norm(item["text"])
        for q in quotes:
            # a term may sit inside a longer reported clause (a mixed quote), never be the quote
            if _norm(q.text).strip(" .,'\"") == term or len(re.findall(r"\w+", q.text)) <= len(term.split()) + 1 and term in _norm(q.text):
                wrong.append((item["article"], item["text"], q.text))
    assert not wrong, wrong
