"""Repeated paragraphs and pasted-twice bodies appear once."""
from quotetrail.clean import clean_text

BODY = [
    "Firefighters contained a forest fire on the northern ridge on Sunday after three days of work.",
    "The blaze burned about 400 hectares of pine forest but no homes, the regional fire service said.",
    "“The wind turned in our favour on Saturday night,” fire chief Tomas Berg told local radio.",
    "Investigators are still looking into what caused the fire, which began near a hiking trail.",
    "Residents of two villages were allowed to return home on Sunday afternoon.",
]


def kept(result):
    return result.text.split("\n")


def test_pasted_twice_body_collapses_to_one_copy():
    result = clean_text("\n".join(BODY + BODY))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["repeat:body"] * len(BODY)


def test_repeated_block_in_a_different_order_and_with_other_quotes_goes():
    second = [BODY[3], BODY[1].replace("regional", "regional "), BODY[2].replace("“", '"').replace("”", '"')]
    result = clean_text("\n".join(BODY + second))
    assert kept(result) == BODY
    assert len(result.removed) == 3


def test_single_repeated_paragraph_is_a_repeat():
    raw = "\n".join(BODY[:3] + [BODY[1]] + BODY[3:])
    result = clean_text(raw)
    assert kept(result) == BODY
    assert [(r.text, r.reason) for r in result.removed] == [(BODY[1], "repeat")]


def test_same_sentences_paragraphed_differently_are_a_repeat():
    merged = BODY[0] + " " + BODY[1]
    result = clean_text("\n".join([merged] + BODY[2:] + BODY[:2]))
    assert kept(result) == [merged] + BODY[2:]


def test_near_identical_long_copy_is_a_repeat_but_a_changed_quote_word_is_not():
    typo = BODY[1].replace("hectares", "hectars")
    result = clean_text("\n".join(BODY + [BODY[0], typo, BODY[2]]))
    assert kept(result) == BODY
    assert [r.reason for r in result.removed] == ["repeat:body"] * 3
    # Alone, a close variant of an earlier paragraph (a live blog's update) stays.
    assert kept(clean_text("\n".join(BODY + [typo]))) == BODY + [typo]
    short_change = "Investigators are still looking into what caused the fire."
    other = "Investigators are no longer looking into what caused the fire."
    assert kept(clean_text("\n".join([short_change, other]))) == [short_change, other]


def test_sub_heading_of_a_repeated_section_moves_before_that_section():
    heading = "Villagers return home"
    raw = "\n".join(BODY + [heading] + BODY[3:])
    result = clean_text(raw)
    assert kept(result) == BODY[:3] + [heading] + BODY[3:]


def test_sub_heading_followed_by_new_text_stays_in_place():
    heading = "Fire chief praises crews"
    extra = "Crews from three neighbouring regions joined the effort, working in twelve-hour shifts."
    raw = "\n".join(BODY[:3] + [heading] + BODY[1:3] + [extra] + BODY[3:])
    assert kept(clean_text(raw)) == BODY[:3] + [heading, extra] + BODY[3:]
