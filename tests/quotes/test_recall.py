"""Recall of reported speech: constructions of English the clause and noun-phrase rules miss.

Every sentence here is invented for the test (people, places, outlets)."""


def _one(qs, cue):
    found = [q for q in qs if q.cue == cue]
    assert len(found) == 1, qs
    return found[0]


# -- a gerund clause as what was proposed or said ------------------------------------------------

def test_gerund_object_of_propose_is_content(quotes_of):
    q = _one(quotes_of("Senator Alda Brenn proposes doing away with the harbour toll for fishing boats."), "proposes")
    assert q.mention == "Senator Alda Brenn"
    assert q.text == "doing away with the harbour toll for fishing boats"


def test_gerund_object_of_suggest_is_content(quotes_of):
    q = _one(quotes_of("The planner Ivo Marsh suggested moving the market to the old rail yard."), "suggested")
    assert q.text.startswith("moving the market")


def test_gerund_after_plan_or_try_is_no_statement(quotes_of):
    qs = quotes_of("Mayor Tove Lind tried building a second ferry pier and considered raising the toll.")
    assert qs == [], qs


# -- "called for X to be done" ------------------------------------------------------------------

def test_call_for_with_infinitive_clause(quotes_of):
    q = _one(quotes_of("Councillor Rhee called for the bonuses to be clawed back from the board."), "called")
    assert q.mention == "Councillor Rhee"
    assert q.text.startswith("the bonuses to be clawed back")


# -- "called X (…) a Y" ----------------------------------------------------------------------------

def test_call_object_predicate_with_modifier_between(quotes_of):
    q = _one(quotes_of("At the forum, Ilse Varga called her vote in favor of the dam a mistake."), "called")
    assert q.mention == "Ilse Varga"
    assert q.text == "her vote in favor of the dam a mistake"


def test_call_to_service_is_no_statement(quotes_of):
    qs = quotes_of("The governor called National Guard members to service in Dorland.")
    assert qs == [], qs


# -- a headline "Name: …" ------------------------------------------------------------------------

def test_headline_name_colon_is_statement(quotes_of):
    text = ("Brenn: Harbour toll will hurt the fishing towns.\n\n"
            "Senator Alda Brenn spoke to farmers in Dorland on Tuesday about the new toll.")
    q = _one(quotes_of(text), ":")
    assert q.mention == "Brenn"
    assert q.text == "Harbour toll will hurt the fishing towns"


def test_headline_label_is_no_speaker(quotes_of):
    for label in ("The Latest", "Poll", "Stealth Over Tolls"):
        text = (f"{label}: Harbour toll will hurt the fishing towns.\n\n"
                "Senator Alda Brenn spoke to farmers in Dorland on Tuesday about the new toll.")
        assert [q for q in quotes_of(text) if q.cue == ":"] == [], label


# -- "hoped"/"hoping": the model lemmatises them as "hop" ----------------------------------------

def test_hoped_is_a_belief_report_like_thinks(quotes_of):
    q = _one(quotes_of("Ilse Varga hoped the ferry operators would accept her new timetable."), "hoped")
    assert q.mention == "Ilse Varga"
    assert q.text == "the ferry operators would accept her new timetable"


def test_is_hoping_that(quotes_of):
    q = _one(quotes_of("He is hoping that the council will approve the second pier this year."), "hoping")
    assert q.text.startswith("the council will approve")


# -- "As X noted, CLAUSE" -----------------------------------------------------------------------

def test_as_clause_before_the_statement(quotes_of):
    q = _one(quotes_of("As several harbour engineers have pointed out, the old pier cannot carry trucks."), "pointed out")
    assert q.mention == "several harbour engineers"
    assert q.text == "the old pier cannot carry trucks"


def test_as_clause_after_the_statement(quotes_of):
    q = _one(quotes_of("The bridge will close in May, as Mayor Ilsa Varga noted on Tuesday."), "noted")
    assert q.mention == "Mayor Ilsa Varga"
    assert q.text == "The bridge will close in May"


def test_as_stated_in_a_text(quotes_of):
    q = _one(quotes_of("As stated in the Dorland Ledger's editorial, there are many questions about the contract."), "stated")
    assert q.text.startswith("there are many questions")


def test_as_expected_is_no_statement(quotes_of):
    assert quotes_of("As expected, the bridge closed in May.") == []


# -- "said A, but B": the report goes on past "but" -----------------------------------------------

def test_said_a_but_could_not_bear(quotes_of):
    q = _one(quotes_of("Owens said they had misgivings about the mayor, but could not bear to insult the governor."), "said")
    assert q.text.endswith("but could not bear to insult the governor")


def test_says_she_hopes_a_but_she_knows_b_is_one_statement(quotes_of):
    qs = quotes_of("Marla says she hopes to be elected mayor, but she knows that “Dorland will always vote red.”")
    assert len(qs) == 1, qs
    assert qs[0].cue == "says"
    assert qs[0].text.startswith("she hopes to be elected mayor, but she knows that")


def test_said_a_but_a_speech_act_or_deed_of_its_own_is_not_content(quotes_of):
    qs = quotes_of("Owens said the plan was sound, but would not say when it starts.")
    assert {q.text for q in qs} == {"the plan was sound", "when it starts"}, qs
    qs = quotes_of("Owens said the plan was sound, but left the hall early.")
    assert [q.text for q in qs] == ["the plan was sound"], qs


# -- "said [phrase] he would…": the clause the parse took for an adverbial one -------------------

def test_said_after_a_phrase_then_clause(quotes_of):
    q = _one(quotes_of("Mayor Brenn said after the vote he would not accept the council's offer."), "said")
    assert q.mention == "Mayor Brenn"
    assert q.text.startswith("he would not accept the council's offer")


def test_said_with_subordinate_clause_is_not_content(quotes_of):
    assert quotes_of("She smiled when he said it.") == []


def test_have_not_said_is_no_statement(quotes_of):
    qs = quotes_of("Lawmakers in Dorland have not said after all this when they would vote on the toll.")
    assert qs == [], qs
