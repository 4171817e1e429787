"""Content extent, merging of quote parts, and which mention speaks (issue 14).

Every sentence here is invented for the test (people, places, outlets)."""
import pytest

from quotetrail.quotes.marks import find_quotations


def by_cue(quotes):
    return {(q.cue, q.mention): q for q in quotes}


# -- one statement, not two ----------------------------------------------------------------

def test_cue_inside_content_is_part_of_it(quotes_of):
    text = "Mayor Ilsa Varga said on Tuesday she planned to close the old harbour bridge next spring."
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert qs[0].mention == "Mayor Ilsa Varga"
    assert qs[0].text.startswith("she planned to close")


def test_nested_says_inside_plans_inside_said(quotes_of):
    text = ("He said he plans to spend the $4 million he says he raised on new clinics in Dorland.")
    qs = quotes_of(text)
    assert [q.cue for q in qs] == ["said"], qs


def test_outlet_reporting_after_the_statement_is_via(quotes_of):
    text = "Governor Pell told the assembly that the dam would hold, the Marlow Ledger reported."
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert qs[0].mention == "Governor Pell"
    assert qs[0].via == "the Marlow Ledger"


def test_outlet_reporting_before_the_statement_stays_the_statement(quotes_of):
    text = "The Marlow Ledger reported that Governor Pell had claimed a loss of $9 million in 2004."
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert qs[0].mention == "The Marlow Ledger"


# -- merging -----------------------------------------------------------------------------------

def test_attribution_with_initial_between_two_parts_is_merged(quotes_of):
    text = ("“It has the virtue of being cheap,” Leo E. Marsh, director of the Harbor Center and a "
            "lecturer at the Dorland Institute of Shipping, said of the plan. “It does not make our problems worse.”")
    qs = quotes_of(text)
    assert len(qs) == 1, qs
    assert len(qs[0].spans) == 2 and qs[0].mention == "Leo E. Marsh"


def test_nested_quotation_in_other_marks_does_not_close_the_outer_one():
    text = ('"The issue is partisan, and I will read you the question: “Did the mayor leave early?” '
            'That is what we asked."\n\n“This is in their minds,” said Dalton.')
    regions = find_quotations(text)
    assert len(regions) == 2
    assert text[regions[0].start:regions[0].end].endswith('we asked."')
    assert text[regions[1].start:regions[1].end] == "“This is in their minds,”"


def test_nested_closing_mark_at_paragraph_end_closes_the_quotation_too():
    text = '"The crowd kept chanting “Dor-land! Dor-land!”\n\n“That is right,” Vera said.'
    regions = find_quotations(text)
    assert [len(r.segments) for r in regions] == [1, 1]


# -- whole content, and no more --------------------------------------------------------------

def only(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


def test_leading_date_belongs_to_the_cue(quotes_of):
    q = only(quotes_of("Mayor Ilsa Varga said on Tuesday she would close the old harbour bridge."))
    assert q.text == "she would close the old harbour bridge"


def test_leading_participle_aside_belongs_to_the_cue(quotes_of):
    q = only(quotes_of("Varga said, referring to the plan, that it would fund new schools."))
    assert q.text == "it would fund new schools"


def test_trailing_participle_is_the_writers(quotes_of):
    q = only(quotes_of("The president told supporters he would consider it an insult if they stayed home, "
                       "implicitly putting his name on the line."))
    assert q.text == "he would consider it an insult if they stayed home"


def test_summing_up_apposition_is_the_writers(quotes_of):
    q = only(quotes_of("Varga said the tax would fund schools, the strongest signal yet that the council will back it."))
    assert q.text == "the tax would fund schools"


def test_which_clause_in_the_writers_present_is_the_writers(quotes_of):
    q = only(quotes_of("Varga said the tax would fund schools, which has sparked anger among landlords."))
    assert q.text == "the tax would fund schools"


def test_which_clause_in_reported_tense_is_the_speakers(quotes_of):
    q = only(quotes_of("Varga said the tax would fund a task force, which would include the coast guard."))
    assert q.text == "the tax would fund a task force, which would include the coast guard"


def test_which_aside_in_the_middle_stays(quotes_of):
    q = only(quotes_of("Dorn said the deals, which now cover five aides, did not require anyone to testify."))
    assert q.text == "the deals, which now cover five aides, did not require anyone to testify"


def test_past_verb_after_a_reported_clause_goes_with_the_cue(quotes_of):
    q = only(quotes_of("Ruiz said he would order a review of the port defenses and warned against hackers from abroad."))
    assert q.text == "he would order a review of the port defenses"


def test_a_participle_the_parse_takes_for_a_second_verb_stays_in_the_content(quotes_of):
    # the parse makes "agreed" a second verb of "observe"; no coordinator joins them
    q = only(quotes_of("Earlier this month, Vane said that Dorland will observe any security guarantees agreed on with Ostra."))
    assert q.text == "Dorland will observe any security guarantees agreed on with Ostra"


# -- which subject speaks ---------------------------------------------------------------------

def test_coordinated_quotation_keeps_every_part(quotes_of):
    q = only(quotes_of("“The bridge will hold for years,” said Ilsa Varga, and “the ferry can wait until spring.”"))
    assert q.mention == "Ilsa Varga"
    assert q.text == "The bridge will hold for years … the ferry can wait until spring."


def test_second_quote_speaker_is_the_subject_not_a_quoted_word(quotes_of):
    qs = quotes_of("Ilsa Varga said “nobody knows what the river will do next,” and added: “We are ready for the worst.”")
    assert [q.mention for q in qs] == ["Ilsa Varga", "Ilsa Varga"]
    assert qs[1].text == "We are ready for the worst."


def test_said_a_but_added_b_keeps_the_speaker(quotes_of):
    qs = quotes_of("Ilsa Varga also said the bridge would hold but added that the ferry could wait.")
    assert [(q.mention, q.text) for q in qs] == [
        ("Ilsa Varga", "the bridge would hold"), ("Ilsa Varga", "the ferry could wait")]


def test_an_action_makes_no_statement(quotes_of):
    assert quotes_of("The fighting has shown that the eastern line is weak.") == []


def test_a_place_finding_itself_somewhere_makes_no_statement(quotes_of):
    assert quotes_of("Dorland finds itself navigating a crisis it did not choose.") == []


def test_an_institution_standing_for_people_speaks(quotes_of):
    q = only(quotes_of("The Kremlin said the talks would resume next week."))
    assert q.mention == "The Kremlin"


def test_outlet_reporting_after_a_person_spoke_is_via(quotes_of):
    q = only(quotes_of("Rebels have seized the airport, Colonel Ruiz told reporters, the Harbor Herald website reported."))
    assert (q.mention, q.via) == ("Colonel Ruiz", "the Harbor Herald website")
    assert q.text == "Rebels have seized the airport"


def test_naming_verb_label_is_a_mixed_quote_of_the_namer(quotes_of):
    q = only(quotes_of("The mayor dubbed him “Mr. Pothole” last week."))
    assert (q.kind, q.mention, q.cue) == ("mixed", "The mayor", "dubbed")
    assert "Mr. Pothole" in q.text


def test_that_as_a_determiner_stays_in_the_content(quotes_of):
    assert only(quotes_of("Dorn said that claim smacked of hypocrisy.")).text == "that claim smacked of hypocrisy"
    assert only(quotes_of("Dorn said that the claim smacked of hypocrisy.")).text == "the claim smacked of hypocrisy"


def test_one_infinitive_with_two_members_is_one_content(quotes_of):
    q = only(quotes_of("The mayor promised to fix the roads or even rebuild the bridge."))
    assert q.text == "to fix the roads or even rebuild the bridge"


def test_speech_declined_in_both_members_is_no_statement(quotes_of):
    # what the mayor did not say is not the mayor's statement, in either member of the "or"
    assert quotes_of("The mayor declined to threaten the union or even directly declare it responsible.") == []


def test_content_does_not_end_on_a_coordinator(quotes_of):
    qs = quotes_of("She urges her son to come out of the car and repeatedly says, \"Don't you do it,\" until the doors open.")
    assert [q.text for q in qs] == ["her son to come out of the car", "Don't you do it"]
    assert {q.mention for q in qs} == {"She"}


def test_quotation_opening_inside_the_reported_clause_is_a_mixed_quote(quotes_of):
    qs = quotes_of("Varga said that Dorland will observe the deal, but insists that they “be drafted both for the city and the port.”")
    assert [(q.kind, q.mention) for q in qs] == [("indirect", "Varga"), ("mixed", "Varga")]
    assert qs[1].text == "they “be drafted both for the city and the port.”"


def test_quotation_that_runs_past_the_clause_stays_direct(quotes_of):
    q = only(quotes_of("“We will rebuild,” Varga said. “Every bridge, every road, every school will stand again.”"))
    assert q.kind == "direct"


def test_summing_up_phrase_parsed_as_an_object_is_the_writers(quotes_of):
    q = only(quotes_of("Mayor Ilsa Varga suggested she’d accept a toll on the bridge in return for grants over the rest, "
                       "the strongest signal yet that the mayor is open to ending the dispute."))
    assert q.text == "she’d accept a toll on the bridge in return for grants over the rest"


def test_quoted_transcript_is_one_quote_per_speaker_label(quotes_of):
    text = ('Part of the interview follows:\n\n"HOLM: Let us start with the bridge. Will it close in May?\n\n'
            '"VARGA: Well, look, the bridge is old. It will close, and the ferry will run instead.\n\n'
            '"(CROSSTALK.)\n\n"HOLM: If I may, one more question about the ferry and its schedule.')
    qs = quotes_of(text)
    assert [(q.mention, q.text) for q in qs] == [
        ("HOLM", "Let us start with the bridge. Will it close in May?"),
        ("VARGA", "Well, look, the bridge is old. It will close, and the ferry will run instead."),
        ("HOLM", "If I may, one more question about the ferry and its schedule."),
    ]


def test_speaker_after_a_dateline_leaves_the_dateline_out(quotes_of):
    q = only(quotes_of("DORLAND, Vel., Oct. 4 (DNS) — Former Mayor Ilsa Varga criticized the toll as a “crazy system” "
                       "during a campaign stop in Marlow."))
    assert q.mention == "Former Mayor Ilsa Varga"
    assert q.text == "the toll as a “crazy system”"  # when and where she said it is not what she said


def test_writers_caveat_after_a_past_report_is_not_content(quotes_of):
    qs = quotes_of("The navy said the latest test was its biggest yet, although it may take several days "
                   "to determine how far the missile flew.")
    assert [(q.mention, q.text) for q in qs] == [("The navy", "the latest test was its biggest yet")]


def test_quoted_object_ends_before_the_writers_after_clause(quotes_of):
    qs = quotes_of("Governor Pell described Mayor Ilsa Varga as a “disgrace” after she attacked the harbour police "
                   "and blamed the floods on “lazy planning” by the port.")
    assert (qs[0].mention, qs[0].text) == ("Governor Pell", "Mayor Ilsa Varga as a “disgrace”")


def test_quoted_names_joined_by_and_are_named_together(quotes_of):
    q = only(quotes_of("The mayor called the plan “insulting” and “a stunt.”"))
    assert q.text == "the plan “insulting” and “a stunt.”"


def test_interrupted_mixed_quote_leaves_the_attribution_out(quotes_of):
    text = "The plan is “smart as hell,” Ilsa Varga wrote in an email to the Harbor Board's Tom Holm, and “full of holes.”"
    q = only(quotes_of(text))
    assert q.mention == "Ilsa Varga"
    assert [text[s:e] for s, e in q.spans] == ["The plan is “smart as hell,”", "“full of holes.”"]


def test_quoted_nickname_in_the_attribution_does_not_break_the_quote(quotes_of):
    text = ('"This is a big year for our next senator, Tom Holm!" Holm\'s niece, state Del. Marcia "Cia" Vik '
            '(D-Dorland), shouted to the crowd. "The nation is watching Dorland. We have his back."')
    q = only(quotes_of(text))
    assert q.cue == "shouted" and "Vik" in q.mention
    assert len(q.spans) == 2


def test_quotation_after_a_mixed_quotes_attribution_continues_it(quotes_of):
    text = ('The answers to the flooding are "not meeting the demand," says Ilsa Varga, founder of Dorland Rivers. '
            '"We often compare it to the early days of the drought, when nobody was paying attention."')
    q = only(quotes_of(text))
    assert (q.kind, q.mention) == ("mixed", "Ilsa Varga")
    assert [text[s:e] for s, e in q.spans][1].startswith("We often compare it")


def test_according_to_content_starts_after_the_source_and_its_comma(quotes_of):
    q = only(quotes_of("According to port spokesman Tom Holm, Dorland and its river allies are "
                       "“doing everything possible to block the ships.”"))
    assert (q.kind, q.mention) == ("mixed", "port spokesman Tom Holm")
    assert q.text == "Dorland and its river allies are “doing everything possible to block the ships.”"


def test_a_written_ruling_still_says_things(quotes_of):
    q = only(quotes_of("The ruling said the toll law was void from the start."))
    assert q.mention == "The ruling"


def test_a_question_put_to_someone_is_not_their_statement(quotes_of):
    qs = quotes_of("Vik made the comments in an interview broadcast Friday when asked about a plan to close the port.")
    assert qs == []
    q = only(quotes_of("If pressed on the deadline, Vik says she has not decided."))
    assert q.text == "she has not decided" and q.mention == "Vik"


def test_two_clauses_of_one_cue_with_nothing_between_are_one_content(quotes_of):
    # the parse splits "had argued [guarantees should not wait…]" into two clauses of "noted"
    q = only(quotes_of("Vik noted that Mayor Ana Brandt had argued repairs should not wait until the storm is over."))
    assert q.text == "Mayor Ana Brandt had argued repairs should not wait until the storm is over"


def test_a_relative_pronoun_before_the_speaker_stands_for_its_antecedent(quotes_of):
    q = only(quotes_of("Her remarks also referenced the long and bitter dispute, which she acknowledged was not helpful to either side."))
    assert q.text == "the long and bitter dispute … was not helpful to either side"
    assert q.mention == "she"


def test_names_joined_by_and_speak_together(quotes_of):
    q = only(quotes_of("Ostra and Dorland have long insisted that the border stay open to trucks."))
    assert q.mention == "Ostra and Dorland" and q.text == "the border stay open to trucks"


def test_a_person_named_right_before_the_verb_speaks_when_the_parsed_subject_cannot(quotes_of):
    qs = quotes_of("The long strike is heading for a turning point as workers make steady advances from the docks "
                   "and Port Director Ana Brandt has pledged to end the dispute.")
    assert [(q.text, q.mention) for q in qs] == [("to end the dispute", "Port Director Ana Brandt")]


def test_quotation_starting_the_reported_clause_keeps_its_opening_mark(quotes_of):
    q = only(quotes_of('Varga said "boots on the ground" would be a mistake.'))
    assert q.kind == "mixed"
    assert q.text == '"boots on the ground" would be a mistake'


@pytest.mark.parametrize("text, content", [
    ("The mayor urged residents to stay indoors on Friday.", "residents to stay indoors on Friday"),
    ("Tolle asked the council to delay the vote until spring.", "the council to delay the vote until spring"),
    ("The union called on the port authority to reopen the north gate.",
     "the port authority to reopen the north gate"),
])
def test_who_is_urged_or_asked_is_part_of_the_content(quotes_of, text, content):
    """"urged residents to stay indoors": who is to do it belongs to what was said."""
    assert [q.text for q in quotes_of(text)] == [content]


@pytest.mark.parametrize("text, content", [
    ("The council asked on Friday to delay the vote.", "to delay the vote"),  # a day is no addressee
    ("Brin promised voters to resign if the vote failed.", "to resign if the vote failed"),  # Brin resigns
])
def test_a_time_or_a_promise_keeps_the_infinitive_alone(quotes_of, text, content):
    assert [q.text for q in quotes_of(text)] == [content]
