"""A statement's date comes from its own clause: the cue verb's own time words first, then its
sentence's fronted frame, then the sentences before it only when its sentence goes on with their
scene (a quotation with its attribution, a pronoun subject) and has no date of its own. Texts are
written here; quotes are built by hand with the offsets the quote stage would give."""
from __future__ import annotations

from quotetrail.dates import date_statements

from .test_statements import FRIDAY, dated, quote


def test_fronted_frame_dates_a_coordinated_verb_past_a_that_clause():
    text = ("Ivo Brandt reiterated on Friday that Hanna Dresk is \u201cready to talk\u201d.\n"
            "Earlier in October, Hanna Dresk signalled that the port would reopen to traffic from "
            "the south but insisted that harbour fees must rise.")
    q1 = quote(text, "the port would reopen to traffic from the south", "signalled", "Hanna Dresk", kind="indirect", occurrence=0)
    q2 = quote(text, "harbour fees must rise", "insisted", "Hanna Dresk", kind="indirect")
    date_statements(text, [q1, q2], FRIDAY)
    assert (q1.said_on, q1.said_on_precision, q1.date_text) == ("2024-10-01", "month", "Earlier in October")
    assert (q2.said_on, q2.said_on_precision, q2.date_text) == ("2024-10-01", "month", "Earlier in October")


def test_frame_does_not_reach_a_verb_with_its_own_subject_after_a_comma():
    text = "On Monday, Hanna Dresk opened the bridge, and the union said it was unsafe."
    q = quote(text, "it was unsafe", "said", "the union", kind="indirect")
    assert dated(text, q)[2] is None


def test_quotation_after_a_dated_scene_takes_its_date():
    text = "Yesterday, Mira Olt struck a cautious tone. \u201cNothing is agreed yet,\u201d she said."
    q = quote(text, "Nothing is agreed yet", "said", "she")
    q.speaker = "Mira Olt"  # as the speaker stage resolves it
    assert dated(text, q) == ("2025-03-06", "day", "Yesterday")


def test_pronoun_subject_after_a_dated_scene_takes_its_date():
    text = ("At a rally on Tuesday, Mira Olt was asked about taxes.\n"
            "She said that rates would stay where they are.")
    q = quote(text, "rates would stay where they are", "said", "She", kind="indirect")
    q.speaker = "Mira Olt"
    assert dated(text, q)[2] == "on Tuesday"


def test_named_subject_starts_a_scene_of_its_own():
    text = ("Earlier this month, Mira Olt said that Dravnik would honour the treaty. "
            "Dravnik has repeatedly said that it sees the new canal as a threat.")
    q = quote(text, "it sees the new canal as a threat", "said", "Dravnik", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_a_sentence_with_its_own_date_does_not_take_the_previous_one():
    text = ("On Monday, Mira Olt met the fishermen.\n"
            "\u201cWe are close,\u201d she said after the vote on Wednesday.")
    q = quote(text, "We are close", "said", "she")
    q.speaker = "Mira Olt"  # so only its own date keeps Monday off it
    assert dated(text, q) == (FRIDAY, "published", None)


def test_a_future_date_in_the_sentence_is_not_a_date_of_its_own():
    text = ("At a briefing on Thursday, Mira Olt was asked about the vote.\n"
            "\u201cWe are close,\u201d she said, adding that the count would end next week.")
    q = quote(text, "We are close", "said", "she")
    q.speaker = "Mira Olt"
    assert dated(text, q)[2] == "on Thursday"


def test_a_date_inside_background_between_is_not_a_new_scene():
    text = ("At a news conference on Friday, Mira Olt was asked about a truce. "
            "Dravnik and Orsa ended their war with an armistice in 1953, but never signed a treaty.\n"
            "\u201cNo one is considering that model,\u201d Olt told journalists.")
    q = quote(text, "No one is considering that model", "told", "Olt")
    q.speaker = "Mira Olt"
    assert dated(text, q)[2] == "on Friday"
