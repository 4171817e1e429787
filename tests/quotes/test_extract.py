import pytest


def one(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_direct_quote_with_cue_and_speaker(quotes_of):
    text = "“We will rebuild every bridge,” the mayor said on Monday."
    q = one(quotes_of(text))
    assert q.kind == "direct"
    assert q.text == "We will rebuild every bridge"
    assert q.cue == "said"
    assert q.mention == "the mayor"
    assert text[q.mention_start:q.mention_end] == "the mayor"
    assert [text[s:e] for s, e in q.spans] == ["We will rebuild every bridge"]
    assert q.article == "a1" and q.id.startswith("a1-")
    assert q.speaker is None and q.speaker_id is None


def test_ids_are_stable(quotes_of):
    text = "“We will rebuild every bridge,” the mayor said."
    assert [q.id for q in quotes_of(text)] == [q.id for q in quotes_of(text)]


@pytest.mark.parametrize("text", [
    'Anna Berg said: "The budget is balanced and the debt is falling."',
    "«The budget is balanced and the debt is falling», Anna Berg said.",
    "„The budget is balanced and the debt is falling“, Anna Berg said.",
    "‘The budget is balanced and the debt is falling,’ Anna Berg said.",
])
def test_quotation_mark_styles(quotes_of, text):
    q = one(quotes_of(text))
    assert q.kind == "direct"
    assert q.text.startswith("The budget is balanced")
    assert q.mention == "Anna Berg"


def test_interrupted_quote_is_one_quote(quotes_of):
    text = "“The talks were useful,” the envoy said. “But nothing is agreed until everything is agreed.”"
    q = one(quotes_of(text))
    assert len(q.spans) == 2
    assert [text[s:e] for s, e in q.spans] == [
        "The talks were useful", "But nothing is agreed until everything is agreed."]
    assert q.mention == "the envoy"
    # the words cut between the two parts are marked, so the sentences do not run together
    assert q.text == "The talks were useful … But nothing is agreed until everything is agreed."


def test_quote_over_paragraphs_with_attribution_at_the_end(quotes_of):
    text = ("“The harvest came early this year and the prices dropped fast.\n\n"
            "“Nobody was ready for it,” said farmer Jon Dahl.\n")
    q = one(quotes_of(text))
    assert len(q.spans) == 2
    assert q.mention == "farmer Jon Dahl"
    assert q.cue == "said"


def test_quote_paragraph_without_attribution_gets_previous_speaker(quotes_of):
    text = ("The minister told parliament that the reform would pass this year.\n\n"
            "“We have the votes and we have the time to do it properly.”\n")
    quotes = quotes_of(text)
    assert len(quotes) == 2
    indirect, direct = quotes
    assert indirect.kind == "indirect" and indirect.mention == "The minister"
    assert direct.kind == "direct" and direct.cue is None
    assert direct.mention == "The minister"
    assert (direct.mention_start, direct.mention_end) == (indirect.mention_start, indirect.mention_end)


def test_speaker_in_previous_sentence_of_same_paragraph(quotes_of):
    text = ("Carla Diaz spoke after the vote. “We lost this round, but the fight for clean water "
            "goes on,” she said. “We will be back next year with more signatures.”")
    q = one(quotes_of(text))
    assert q.mention == "she"
    assert len(q.spans) == 2


def test_mixed_quote(quotes_of):
    text = 'The chairman said the deal was "unethical" and "horrifying" for the company.'
    q = one(quotes_of(text))
    assert q.kind == "mixed"
    assert q.text == 'the deal was "unethical" and "horrifying" for the company'
    assert q.mention == "The chairman"


@pytest.mark.parametrize("text, content, mention, cue", [
    ("The governor said that the roads would reopen on Friday.",
     "the roads would reopen on Friday", "The governor", "said"),
    ("The roads will reopen on Friday, the governor insisted.",
     "The roads will reopen on Friday", "the governor", "insisted"),
    ("Officials have warned that the river could flood again.",
     "the river could flood again", "Officials", "warned"),
    ("The company told reporters it had no plans to close the plant.",
     "it had no plans to close the plant", "The company", "told"),
    ("According to the health ministry, three hospitals are out of oxygen.",
     "three hospitals are out of oxygen", "the health ministry", "According to"),
    ("Three hospitals are out of oxygen, according to the health ministry.",
     "Three hospitals are out of oxygen", "the health ministry", "according to"),
    ("She was quoted as saying that the vote had been rigged.",
     "the vote had been rigged", "She", "saying"),
    ("In an interview with a local paper, the coach acknowledged that the team had played badly.",
     "the team had played badly", "the coach", "acknowledged"),
])
def test_reported_speech(quotes_of, text, content, mention, cue):
    q = one(quotes_of(text))
    assert q.kind == "indirect"
    assert q.text == content
    assert q.mention == mention
    assert q.cue == cue


@pytest.mark.parametrize("text", [
    "At a briefing on Friday, the minister was asked whether the port would reopen before the harvest.",
    "The dockworkers were told that their contracts would not be renewed.",
    "The mayor was accused of hiding the cost of the new bridge from the council.",
])
def test_a_passive_report_is_not_its_subjects_statement(quotes_of, text):
    """Who was asked, told or accused did not say the words: with no one named as the one who
    spoke, there is no statement to attribute."""
    assert [q.text for q in quotes_of(text)] == []


def test_a_passive_report_with_its_agent_is_the_agents(quotes_of):
    # (a reporter's question is not a statement: tests/quotes/test_cues.py)
    q = one(quotes_of("The minister was asked by the judge whether the port would reopen before the harvest."))
    assert q.mention == "the judge" and q.text.startswith("whether the port would reopen")


def test_via_according_to(quotes_of):
    text = "“The ceasefire must hold for a month first,” the president told journalists, according to Radio Nord."
    q = one(quotes_of(text))
    assert q.mention == "the president"
    assert q.via == "Radio Nord"


def test_via_quoted_by(quotes_of):
    text = "“There is no other way out of this crisis,” the senator said, quoted by the Daily Ledger."
    q = one(quotes_of(text))
    assert q.mention == "the senator"
    assert q.via == "the Daily Ledger"


def test_via_translation_by(quotes_of):
    text = ("“We should protect the land we hold now and talk about the rest later,” the general said "
            "in the interview, according to a translation by Channel Nine.")
    q = one(quotes_of(text))
    assert q.via == "Channel Nine"


def test_scare_quotes_and_terms_are_not_statements(quotes_of):
    text = ("The plan would send “peacekeeping” troops as part of a “coalition of the able.” "
            "Critics read the “Art of Winning” twice.")
    assert quotes_of(text) == []


def test_title_of_a_work_is_not_a_statement(quotes_of):
    assert quotes_of("She starred in the series “Long Nights In The Harbor City” last year.") == []


def test_quote_inside_a_headline(quotes_of):
    text = "Mayor: ‘We will not raise taxes this year or next’\n\nThe city council met on Tuesday.\n"
    q = one(quotes_of(text))
    assert q.text == "We will not raise taxes this year or next"
    assert q.mention == "Mayor"


def test_short_quoted_headline_phrase_is_not_a_statement(quotes_of):
    assert quotes_of("‘Top priority’\n\nThe city council met on Tuesday.\n") == []


def test_nested_quote_stays_in_its_quote(quotes_of):
    text = "“They keep calling it a ‘special operation’, but it is a war,” the official said."
    q = one(quotes_of(text))
    assert "‘special operation’" in q.text
    assert q.mention == "the official"


def test_speech_inside_a_quote_is_not_a_separate_statement(quotes_of):
    text = "“My father said we should never sell the farm to anyone,” Maria Lopes told the court."
    q = one(quotes_of(text))
    assert q.mention == "Maria Lopes"


def test_unbalanced_marks_do_not_swallow_the_article(quotes_of):
    text = ("The report called it “a disaster for the region and its people.\n\n"
            "Weather in the north stayed dry all week.\n\n"
            "Trade rose by four percent in March.\n")
    for q in quotes_of(text):
        for s, e in q.spans:
            assert "Weather" not in text[s:e] and "Trade" not in text[s:e]


def test_odd_input_never_crashes(quotes_of):
    for text in ["", "\n\n", "”", "“ said", "He said.", "‘’ ” “ «", '"' * 7, "said said said"]:
        quotes_of(text)


def test_spacy_component():
    """spaCy finds the "quotetrail" factory by the package's entry point (pyproject.toml), and
    `quotetrail.nlp.load` registers it too."""
    from quotetrail import nlp as qnlp

    own = qnlp._load.__wrapped__(("ner",))  # a private copy: adding a pipe must not touch the cache
    own.add_pipe("quotetrail")
    doc = own("“The bridge will reopen in May,” the engineer said.")
    assert [q.mention for q in doc._.quotes] == ["the engineer"]
    assert [q.kind for q in doc._.quotes] == ["direct"]


def test_two_apostrophe_quotation_with_long_attribution_is_one_quote(quotes_of):
    text = ("''The harbour will reopen in spring,'' said Mara Lind, the head of the port board and a former "
            "customs officer. ''Nobody should expect it sooner.''\n")
    q = one([q for q in quotes_of(text) if q.kind == "direct"])
    assert [text[s:e] for s, e in q.spans] == ["The harbour will reopen in spring", "Nobody should expect it sooner."]
    assert q.mention == "Mara Lind"


def test_reported_speech_around_a_parenthetical_cue(quotes_of):
    text = "Most of the closed schools, the inspector said, had been losing pupils for a decade.\n"
    q = one(quotes_of(text))
    assert q.kind == "indirect"
    assert [text[s:e] for s, e in q.spans] == ["Most of the closed schools", "had been losing pupils for a decade"]
    assert q.mention == "the inspector"


def test_name_after_a_dash_closing_the_paragraph(quotes_of):
    text = "“The ferry is late every single morning and nobody answers the phone.” ― Tomas Berg\n"
    q = one(quotes_of(text))
    assert q.kind == "direct" and q.mention == "Tomas Berg"


def test_dateline_is_not_the_speaker(quotes_of):
    text = "OSLOVA (Wire) — Harbour master Petra Vik said the cranes would run again on Monday.\n"
    q = one(quotes_of(text))
    assert q.mention is not None and "Vik" in q.mention and "OSLOVA" not in q.mention


def test_called_it_with_quoted_words_after_the_object(quotes_of):
    text = ("The talks collapsed on Monday, with the union calling the board’s revised offer “insulting” "
            "and “a trick.”\n")
    q = one(quotes_of(text))
    assert q.kind == "mixed"
    assert "“insulting” and “a trick" in q.text
    assert q.mention == "the union"
