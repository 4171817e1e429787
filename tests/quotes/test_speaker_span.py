"""Which mention is the speaker as written.

Every sentence here is invented for the test (people, places, outlets)."""


def mentions(quotes):
    return [(q.mention, q.cue) for q in quotes]


def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


# -- inverted attribution after a quotation -------------------------------------------------

def test_words_of_the_quotation_are_not_the_subject_of_an_inverted_said(quotes_of):
    q = only(quotes_of("“The harbour plan is in trouble. Deep trouble,” said Oona Brekke, "
                       "a Marlow-based chair of the Dockworkers Guild."))
    assert q.mention == "Oona Brekke"


def test_pronoun_of_the_quotation_is_not_the_subject_of_an_inverted_said(quotes_of):
    q = only(quotes_of("\"If the dam does not hold this year, it will fail at some point, probably sooner "
                       "rather than later,\" said Tomas Hale, an engineer at the Varga Institute."))
    assert q.mention == "Tomas Hale"


def test_verb_first_said_with_a_colon(quotes_of):
    q = only(quotes_of("Said Ellery: “I don’t get the sense she’s the least bit interested in the harbour.”"))
    assert q.mention == "Ellery"


def test_participle_object_is_the_hearer_not_the_speaker(quotes_of):
    q = only(quotes_of("Pell and his aides have also had choice words for the debate hosts, telling Marlow "
                       "that \"I'm not okay with Greta Vik because I think she treats me unfairly.\""))
    assert q.mention != "Marlow"
    assert q.mention.startswith("Pell")


# -- the object of the verb an infinitive or a participle hangs on ---------------------------

def test_forced_someone_to_admit(quotes_of):
    qs = quotes_of("The senator also forced Brekke, who was under questioning from the harbour committee, "
                   "to admit that no senior managers have been held accountable.")
    assert ("Brekke", "admit") in mentions(qs), qs


def test_left_someone_feeling_that(quotes_of):
    qs = quotes_of("The collapse of the old treaty also left many Baltic nations feeling that they "
                   "faced no obvious threat.")
    assert [q.mention for q in qs] == ["many Baltic nations"], qs


def test_footage_of_someone_asking(quotes_of):
    q = only(quotes_of("The ad uses footage of Greta Vik asking, “Why aren’t I 50 points ahead, you might ask?”"))
    assert q.mention == "Greta Vik"


def test_dummy_it_taking_days_has_no_speaker(quotes_of):
    qs = quotes_of("The navy said the test was its biggest yet, although it may take several days "
                   "to determine how far the missile flew.")
    assert [q.mention for q in qs] == ["The navy"], qs


# -- the name right before the verb ---------------------------------------------------------

def test_name_before_the_verb_parsed_as_an_apposition(quotes_of):
    qs = quotes_of("To understand the real Harbour Act, Judge Ilsa Moreau said, one should visit this museum.")
    assert [q.mention for q in qs] == ["Judge Ilsa Moreau"], qs


# -- a colon closing the paragraph before the quotation --------------------------------------

def test_he_said_colon_then_a_quotation_paragraph(quotes_of):
    text = ("The mayor spoke at length about the harbour.\n\nHe said:\n\n"
            "\"We have a situation where the docks are falling apart because nobody pays for them. "
            "We have to stop the decline.\"")
    q = only(quotes_of(text))
    assert q.mention == "He"


def test_outlet_reports_colon_then_a_block_quotation(quotes_of):
    text = ("Few small donors have given to the campaign.\n\nThe Marlow Ledger reports:\n\n"
            "\"In an illustration of the lack of enthusiasm, just 24 percent of the contributors have "
            "given $200 or less this year.\"")
    q = only(quotes_of(text))
    assert q.mention == "The Marlow Ledger"


# -- the source behind an outlet's report ----------------------------------------------------

def test_according_to_after_an_outlet_report_is_the_source(quotes_of):
    q = only(quotes_of("The Marlow Ledger reports that the governor has won among wealthy voters, "
                       "according to the Brekke Center for Public Opinion Research."))
    assert q.mention.startswith("the Brekke Center")
    assert q.via == "The Marlow Ledger"


# -- a cue inside the attribution of the quotation before ------------------------------------

def test_who_else_spoke_at_the_event_does_not_take_the_next_quotation(quotes_of):
    text = ("\"My name may not be on the ballot, but our harbour is on the ballot,\" Mayor Pell said on "
            "Saturday at the gala dinner in Marlow, where Governor Vik also spoke. "
            "\"Tolerance is on the ballot. Justice is on the ballot.\"")
    q = only(quotes_of(text))
    assert q.mention == "Mayor Pell"
    assert "Tolerance" in q.text


# -- no speaker ------------------------------------------------------------------------------

def test_lets_say_is_a_supposition(quotes_of):
    qs = quotes_of("Let's say a degree from the harbour college will cost $160,000 in 18 years.")
    assert all(q.mention not in ("'s", "’s") for q in qs), qs


# -- a wire tag in brackets before the speaker ---------------------------------------------------

def test_a_bracketed_wire_tag_before_the_speaker_is_not_part_of_the_mention(quotes_of):
    text = ("(NEWSWIRE) Harbour Minister Ilse Varga has firmly rejected the notion of ending the strike "
            "through a split of the port, emphasizing that there may be no formal deal signed.")
    found = quotes_of(text)
    assert found and all(q.mention == "Harbour Minister Ilse Varga" for q in found), mentions(found)
    assert all(text[q.mention_start:q.mention_end] == q.mention for q in found)


def test_brackets_closed_inside_the_phrase_stay(quotes_of):
    q = only(quotes_of("The harbour minister (Labour) said the ferries would run on Monday."))
    assert q.mention == "The harbour minister"


def test_a_bracket_inside_the_phrase_stays(quotes_of):
    q = only(quotes_of("The (acting) harbour minister said the ferries would run on Monday."))
    assert q.mention == "The (acting) harbour minister"
