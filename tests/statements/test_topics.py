"""Topics of statements: key phrases read off the parse, and the --topic filter's matching.

The seed test reads ../shared/seeds at run time (never copied) and skips when it is absent."""
import re
from pathlib import Path

import pytest

from quotetrail import nlp as qnlp
from quotetrail.statements.topics import normalise_topic, quote_topics, topic_matches

SEEDS = Path(__file__).parents[2] / ".." / "shared" / "seeds"
PRONOUNS = {"i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this",
            "that", "these", "those", "who", "what", "which", "one", "everyone", "something"}
MONTHS_DAYS = re.compile(r"(?i)\b(january|february|march|april|may|june|july|august|september|"
                         r"october|november|december|monday|tuesday|wednesday|thursday|friday|"
                         r"saturday|sunday)\b")


@pytest.fixture(scope="module")
def model():
    return qnlp.load()


def topics_of(model, text, quoted=None, **kwargs):
    """Parse `text` and take the topics of `quoted` (a substring of it; all of it by default)."""
    doc = next(qnlp.parse(model, [text]))
    quoted = quoted or text
    start = text.index(quoted)
    return quote_topics(doc, [(start, start + len(quoted))], **kwargs)


def test_compound_phrase_and_single_noun(model):
    text = "“A ceasefire is enough to provide security guarantees,” the minister said."
    topics = topics_of(model, text, "A ceasefire is enough to provide security guarantees")
    assert "security guarantees" in topics and "ceasefire" in topics
    assert topics.index("security guarantees") < topics.index("ceasefire")  # phrases first
    assert "minister" not in topics  # outside the statement's span


def test_named_organisation_and_its_phrase(model):
    text = ("“Ukraine will not give up on NATO membership, whatever Moscow says,” "
            "the foreign minister told reporters.")
    topics = topics_of(model, text, "Ukraine will not give up on NATO membership, whatever Moscow says")
    assert "NATO" in topics
    assert "NATO membership" in topics or "membership" in topics
    assert "Ukraine" in topics and "Moscow" in topics


def test_evaluative_adjectives_determiners_and_possessors_are_stripped(model):
    text = "She said that strong security guarantees and our military aid were the country's first priority."
    quoted = "strong security guarantees and our military aid were the country's first priority"
    topics = topics_of(model, text, quoted)
    assert "security guarantees" in topics and "military aid" in topics
    assert not any(t.startswith(("strong", "our", "the", "first")) for t in topics)


def test_pronoun_only_and_generic_statements_have_no_topics(model):
    assert topics_of(model, "“We will do it for them, and they know it,” she said.",
                     "We will do it for them, and they know it") == []
    assert topics_of(model, "He said the situation is what it is and people know that at this time.",
                     "the situation is what it is and people know that at this time") == []


def test_dates_numbers_and_people_are_not_topics(model):
    text = ("The mayor said on Friday that 300 workers would return on 12 March "
            "once the pay offer agreed with Maria Lopez was signed.")
    topics = topics_of(model, text, text[text.index("on Friday"):-1])
    assert "pay offer" in topics
    assert "workers" in topics
    for topic in topics:
        assert not any(ch.isdigit() for ch in topic) and not MONTHS_DAYS.search(topic)
        assert "Lopez" not in topic  # a person (PERSON entity) is not a topic


def test_speakers_own_name_can_be_excluded(model):
    text = "Sokolov said Sokolov Holdings would sell its stake in the pipeline project to Gazmark."
    quoted = "Sokolov Holdings would sell its stake in the pipeline project to Gazmark"
    assert "pipeline project" in topics_of(model, text, quoted)
    excluded = topics_of(model, text, quoted, exclude=["Sokolov Holdings"])
    assert "Sokolov Holdings" not in excluded and "pipeline project" in excluded


def test_hyphen_and_closed_spellings_are_one_topic(model):
    text = "“A cease-fire now is better than a ceasefire next year,” the envoy said."
    topics = topics_of(model, text, "A cease-fire now is better than a ceasefire next year")
    assert len([t for t in topics if normalise_topic(t) == "ceasefire"]) == 1


def test_statement_in_paragraph_that_was_only_tokenized(model):
    # only paragraphs that may hold a statement (and their neighbours) are parsed: the last one is
    # tokenized only, and its topics come from token heuristics
    text = ("“We want the dispute settled,” the union said.\n"
            "Talks went on late.\n"
            "The weather was cold.\n"
            "Officials from the Port Authority called the pay offer final.\n")
    doc = next(qnlp.parse(model, [text], only=lambda p: "said" in p))
    start = text.index("Officials")
    last = doc.char_span(start, len(text) - 1)
    assert not any(tok.dep_ for tok in last)  # the premise: this paragraph was not parsed
    topics = quote_topics(doc, [(start, len(text) - 1)])
    assert "pay offer" in topics and "Port Authority" in topics
    parsed = quote_topics(doc, [(text.index("We want"), text.index(",”"))])
    assert parsed == ["dispute"]


def test_limit_and_empty_spans(model):
    text = ("The union said the port authority, the transport ministry, the fruit exporters, "
            "the ferry operators and the harbour pilots all opposed the automation plan.")
    doc = next(qnlp.parse(model, [text]))
    assert len(quote_topics(doc, [(0, len(text))], limit=3)) == 3
    assert quote_topics(doc, []) == []
    assert quote_topics(doc, [(5, 5)]) == []


def test_normalise_topic():
    assert normalise_topic("Cease-fire") == normalise_topic("Ceasefires") == "ceasefire"
    assert normalise_topic("Security Guarantees") == normalise_topic(" security guarantee ")
    assert normalise_topic("security guarantees") == "security guarantee"
    assert normalise_topic("“NATO”") == "nato"
    assert normalise_topic("U.S.") == normalise_topic("US") == "us"
    assert normalise_topic("peace talks") != normalise_topic("peace")


def test_topic_matches():
    assert topic_matches("cease-fire", ["ceasefire"])
    assert topic_matches("cease fire", ["cease-fire"])
    assert topic_matches("Ceasefire", ["ceasefire", "NATO"])
    assert topic_matches("guarantee", ["security guarantees"])
    assert topic_matches("security guarantee", ["NATO security guarantees"])
    assert topic_matches("nato", ["NATO"])
    assert not topic_matches("aid", ["security guarantees"])
    assert not topic_matches("aid", ["said"])
    assert not topic_matches("eace", ["peace talks"])  # whole words only
    assert not topic_matches("", ["ceasefire"])
    assert not topic_matches("ceasefire", [])


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds not available")
def test_seed_statements(model):
    from quotetrail.quotes import extract, may_hold_statement

    zelensky, with_guarantees, total, with_topics = 0, 0, 0, 0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = next(qnlp.parse(model, [text], only=may_hold_statement))
        for quote in extract(doc, path.stem):
            topics = quote_topics(doc, quote.spans, exclude=[quote.mention or ""])
            total += 1
            with_topics += bool(topics)
            for topic in topics:
                words = topic.casefold().split()
                assert topic.casefold() not in PRONOUNS, topic
                assert not any(w.isdigit() for w in words) and len(topic) > 1, topic
                assert not MONTHS_DAYS.search(topic), topic
            if re.search(r"Zelensk", quote.mention or ""):
                zelensky += 1
                with_guarantees += topic_matches("security guarantees", topics)
    assert total >= 40 and with_topics >= 0.9 * total
    assert zelensky >= 8
    assert with_guarantees >= 0.4 * zelensky
