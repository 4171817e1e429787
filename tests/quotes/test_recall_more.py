"""Recall of reported speech: coordination inside what was said.

Every sentence here is invented for the test (people, places, outlets)."""


def _one(qs, cue):
    found = [q for q in qs if q.cue == cue]
    assert len(found) == 1, qs
    return found[0]


# -- "said A and that B": a second "that" clause of the same report ------------------------------

def test_second_that_clause_stays_in_the_content(quotes_of):
    qs = quotes_of("Mayor Ruth Adler said the tapes were inconclusive and that the footage did not show "
                   "whether the driver had a phone.")
    q = _one(qs, "said")
    assert q.mention == "Mayor Ruth Adler"
    assert q.text == ("the tapes were inconclusive and that the footage did not show whether the driver "
                      "had a phone")
    assert [x.cue for x in qs] == ["said"], qs  # "show" is part of her report, not a cue of its own


# -- "promised to meet and (in some cases) exceed": a second bare infinitive ----------------------

def test_second_infinitive_after_and_is_in_the_content(quotes_of):
    q = _one(quotes_of("The governor has promised to meet and in some cases exceed the targets."), "promised")
    assert q.text == "to meet and in some cases exceed the targets"


def test_past_form_after_and_is_the_speakers_own_verb(quotes_of):
    q = _one(quotes_of("The governor has promised to help and kept his word."), "promised")
    assert q.text == "to help"


# -- "mentioned refinancing loans and forcing colleges…": coordinated gerund phrases --------------

def test_coordinated_gerund_phrase_is_in_the_content(quotes_of):
    q = _one(quotes_of("Senator Ida Voss mentioned refinancing student loans and forcing colleges to spend "
                       "more from their endowments."), "mentioned")
    assert q.mention == "Senator Ida Voss"
    assert q.text == "refinancing student loans and forcing colleges to spend more from their endowments"


def test_noun_object_is_not_joined_to_a_later_gerund(quotes_of):
    q = _one(quotes_of("Senator Ida Voss mentioned the loans and, leaving early, slammed the door."), "mentioned")
    assert q.text == "the loans"


# -- "X added:" closing a paragraph, then the words as a block without quotation marks ------------

def test_block_quote_after_said_colon(quotes_of):
    qs = quotes_of("The governor added:\n\nIt is typical of the council. They know nothing, but the talk never stops.\n")
    q = _one(qs, "added")
    assert q.mention == "The governor"
    assert q.text.startswith("It is typical of the council. They know nothing")


def test_colon_after_a_clause_introduces_no_block_quote(quotes_of):
    qs = quotes_of("She said the plan had three parts:\n\nA new pier, a toll and a bus lane.\n")
    q = _one(qs, "said")
    assert q.text == "the plan had three parts"


# -- the day of the act, and where it took place, after a noun-phrase content ---------------------

def test_day_and_programme_after_the_complement_are_not_content(quotes_of):
    q = _one(quotes_of("Governor Pratt blasted the mayor as a “disgrace” Wednesday on The Morning Drive Show."),
             "blasted")
    assert q.text == "the mayor as a “disgrace”"


def test_day_and_statement_after_called_are_not_content(quotes_of):
    q = _one(quotes_of("Governor Pratt called the bridge a disaster Tuesday in a statement to reporters."), "called")
    assert q.text == "the bridge a disaster"


# -- a second member after "and" that the parse hangs on the cue ---------------------------------

def test_second_complement_after_and_is_in_the_content(quotes_of):
    q = _one(quotes_of("Premier Olek condemned the launch as “reckless” and a “grave threat” to the region."),
             "condemned")
    assert q.text == "the launch as “reckless” and a “grave threat” to the region"


def test_second_question_clause_after_and_is_in_the_content(quotes_of):
    q = _one(quotes_of("Judge Amos Kell spoke of the legacy of the mills, and how the fight for fair wages "
                       "was sometimes set back by the courts."), "spoke of")
    assert q.text.endswith("and how the fight for fair wages was sometimes set back by the courts")


def test_bare_verb_after_a_past_cue_goes_with_the_infinitive(quotes_of):
    q = _one(quotes_of("Dr. Lena Park said she wanted to speak directly to parents and let them know "
                       "that the school is safe."), "said")
    assert q.text == "she wanted to speak directly to parents and let them know that the school is safe"


def test_the_speakers_own_second_verb_stays_out(quotes_of):
    q = _one(quotes_of("Premier Olek condemned the launch as reckless and walked out of the hall."), "condemned")
    assert "walked" not in q.text


def test_prepositional_member_after_but_is_in_the_content(quotes_of):
    q = _one(quotes_of("Senator Voss called for an audit of the port, but on a wider scale."), "called for")
    assert q.text == "an audit of the port, but on a wider scale"


# -- ", including…" / ", particularly…" after the content: part of what was said -----------------

def test_including_phrase_elaborates_the_content(quotes_of):
    q = _one(quotes_of("Senator Voss railed against the influence of lobby groups, including the one backing "
                       "the port plan."), "railed against")
    assert q.text == "the influence of lobby groups, including the one backing the port plan"


def test_focusing_adverb_phrase_elaborates_the_content(quotes_of):
    q = _one(quotes_of("Mayor Holt complained about the rents, particularly in the harbour district."),
             "complained about")
    assert q.text == "the rents, particularly in the harbour district"
