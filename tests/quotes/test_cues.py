"""Cue detection (issue 14): speech with a noun-phrase content, speech nouns, phrasal cues, and what
is not a statement. Every sentence is the test's own (invented people, places and outlets)."""
import pytest


def one(quotes):
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("text, cue, mention, content", [
    # confirming / denying: the object is what was said
    ("The Varna campaign denied the report on Monday.", "denied", "The Varna campaign", "the report"),
    ("Mayor Ilse Brandt rejected the idea of a Korean-style split.", "rejected", "Mayor Ilse Brandt",
     "the idea of a Korean-style split"),
    ("Governor Tomas Reid confirmed the talks with the rail union.", "confirmed", "Governor Tomas Reid",
     "the talks with the rail union"),
    # judging speech acts: the object with its complement
    ("Senator Anna Lund attacked the plan for its cost.", "attacked", "Senator Anna Lund", "the plan for its cost"),
    ("Councillor Ott called the harbour plan a disaster.", "called", "Councillor Ott", "the harbour plan a disaster"),
    ("Judge Mira Dahl likened the new tax to a toll on the poor.", "likened", "Judge Mira Dahl",
     "the new tax to a toll on the poor"),
    # phrasal cues: verb + preposition
    ("Senators called for his replacement.", "called for", "Senators", "his replacement"),
    ("Pastor Jon Berg spoke of the legacy of the flood at the dinner.", "spoke of", "Pastor Jon Berg",
     "the legacy of the flood"),
    ("Union leader Petra Vik talked about the new wage deal.", "talked about", "Union leader Petra Vik",
     "the new wage deal"),
])
def test_noun_phrase_content_is_a_statement(quotes_of, text, cue, mention, content):
    q = one(quotes_of(text))
    assert (q.kind, q.cue, q.mention, q.text) == ("indirect", cue, mention, content)


def test_passive_with_agent_speaker_is_the_agent(quotes_of):
    q = one(quotes_of("The border talks were confirmed by the Ostrava ministry."))
    assert q.mention == "the Ostrava ministry" and q.text == "The border talks"


def test_passive_without_agent_is_not_a_statement(quotes_of):
    assert quotes_of("The border talks were confirmed on Monday.") == []


@pytest.mark.parametrize("text", [
    "Rebels attacked the convoy near the border.",  # physical, not speech
    "The study contradicted half of the clinic's advice.",  # evidence, not a speaker
    "Minister Ana Holm refused to release the budget figures.",  # an act, not speech
    "Minister Ana Holm plans to visit the northern ports.",  # an intention
    "Mayor Lea Fenn wants to discuss the port deal with the union.",  # a wish: no speech took place
    "Mayor Lea Fenn would never criticize the port authority.",  # hypothetical
    "Mayor Lea Fenn did not mention the port deal.",  # negated
    "Ott called the governor on Monday.",  # "call" without a second complement: a phone call
])
def test_not_speech(quotes_of, text):
    assert quotes_of(text) == []


def test_report_inside_a_report_is_one_statement(quotes_of):
    q = one(quotes_of("Vera Lind said she discussed the harbour plan with the mayor."))
    assert q.cue == "said" and q.text.startswith("she discussed the harbour plan")


@pytest.mark.parametrize("text, cue, mention, content", [
    ("His claim that the vote was rigged was false.", "claim", "His", "the vote was rigged"),
    ("Lars Ekman made the claim that the dam was unsafe.", "claim", "Lars Ekman", "the dam was unsafe"),
])
def test_speech_noun_with_that_clause(quotes_of, text, cue, mention, content):
    q = one(quotes_of(text))
    assert (q.cue, q.mention, q.text) == (cue, mention, content)


def test_speech_noun_without_speaker_borrows_none(quotes_of):
    text = ("“The ferry will run all winter,” said harbour master Nils Aune.\n\n"
            "The allegation that the ferry company hid losses was repeated in the council.")
    quotes = quotes_of(text)
    noun = [q for q in quotes if q.cue == "allegation"]
    assert len(noun) == 1 and noun[0].mention is None
    assert noun[0].text.startswith("the ferry company hid losses")


def test_support_verb_gives_the_speech_noun_its_speaker_once(quotes_of):
    q = one(quotes_of("Critics repeated the allegation that the ferry company hid losses."))
    assert (q.cue, q.mention, q.text) == ("allegation", "Critics", "the ferry company hid losses")


def test_issued_a_statement_saying_speaker_is_the_issuer(quotes_of):
    q = one(quotes_of("The Kestrel Group issued a statement saying the plan would fail."))
    assert q.mention == "The Kestrel Group" and q.text == "the plan would fail"


def test_in_a_statement_x_said(quotes_of):
    q = one(quotes_of("In a statement, the Kestrel Group said the plan would fail."))
    assert q.mention == "the Kestrel Group" and q.text == "the plan would fail"


def test_as_x_put_it(quotes_of):
    q = one(quotes_of("As Vik put it, the town is broke and the mill is gone."))
    assert q.cue == "put" and q.mention == "Vik" and q.text == "the town is broke and the mill is gone"


@pytest.mark.parametrize("text, cue", [
    ("The mayor quipped that the bridge was older than the town.", "quipped"),
    ("The mayor blurted out that the budget was gone.", "blurted out"),
    ("The mayor stammered that the budget was gone.", "stammered"),
])
def test_manner_of_speaking_verbs(quotes_of, text, cue):
    q = one(quotes_of(text))
    assert q.cue == cue and q.mention == "The mayor"


# -- not statements ---------------------------------------------------------------------------

def test_title_of_a_work_is_not_a_statement(quotes_of):
    assert quotes_of('His favourite book is "The Long Winter of the Northern Lakes".') == []


def test_motto_is_not_a_statement(quotes_of):
    assert quotes_of('"Never give up on the small towns of the north" is my new motto.') == []


def test_perceived_scene_is_not_a_statement(quotes_of):
    assert quotes_of("She found her son lying on the kitchen floor.") == []


def test_reporters_question_is_not_a_statement(quotes_of):
    text = ('"Will you release your tax returns before the vote?" a reporter asked.\n\n'
            '"We will publish everything in time for the debate," Governor Tomas Reid said.')
    quotes = quotes_of(text)
    assert [q.mention for q in quotes] == ["Governor Tomas Reid"]


def test_passive_question_by_a_reporter_is_not_a_statement(quotes_of):
    assert quotes_of("The minister was asked by reporters whether the port would reopen before the harvest.") == []
