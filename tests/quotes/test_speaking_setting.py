"""What a phrasal cue's object names when it is the setting of the speaking (when, how, for whom)
is not a statement; what it names when it is the topic is. Invented sentences."""
import pytest

from .conftest import only


@pytest.mark.parametrize("text", [
    "Two harbour officials spoke on condition of anonymity because the talks were private.",
    "The minister spoke on Monday night at the ferry terminal.",
    "Ilse Varga spoke on behalf of the dock workers' union.",
    "Dorn spoke on the record for the first time.",
    "The mayor spoke on national radio for an hour.",
])
def test_the_setting_of_the_speaking_is_no_statement(quotes_of, text):
    assert quotes_of(text) == []


def test_a_statement_beside_the_setting_is_kept_alone(quotes_of):
    q = only(quotes_of("A council official, speaking on condition of anonymity, said the ferries would stop."))
    assert (q.kind, q.mention, q.cue, q.text) == ("indirect", "A council official", "said", "the ferries would stop")


def test_a_topic_after_the_setting_is_the_content(quotes_of):
    q = only(quotes_of("Ilse Varga spoke on national television about the ferry strike."))
    assert (q.kind, q.mention, q.text) == ("indirect", "Ilse Varga", "the ferry strike")


@pytest.mark.parametrize("text, content", [
    ("Ilse Varga spoke on climate policy at the summit.", "climate policy"),
    ("The minister spoke of the harbour's long decline.", "the harbour's long decline"),
])
def test_a_topic_is_still_the_content(quotes_of, text, content):
    q = only(quotes_of(text))
    assert (q.kind, q.text) == ("indirect", content)
