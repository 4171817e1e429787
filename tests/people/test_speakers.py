"""The right speaker (issue 14, item 4, resolution side), on sentences written for these tests."""
from __future__ import annotations

from quotetrail.people import resolve_article


def resolve(nlp, text, quotes):
    return resolve_article(nlp(text), quotes)


# ----------------------------------------------------------------- a possessive is not the speaker


def test_possessive_relative_with_name_is_the_named_person(nlp, make_quote):
    text = (
        "Tomas Halvorsen was arrested in Bremerton on Friday.\n"
        "Halvorsen's aunt, Mira Castellane, said the family had not been told of any charge.\n"
    )
    q = make_quote(text, "the family had not been told of any charge", "Halvorsen's aunt, Mira Castellane",
                   kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Mira Castellane"


def test_possessive_role_without_name_is_not_the_possessor(nlp, make_quote):
    text = (
        "Peter Dalby appeared in court in Farrowgate on Monday.\n"
        "Dalby's lawyer said his client would plead not guilty to every count.\n"
    )
    q = make_quote(text, "his client would plead not guilty to every count", "Dalby's lawyer", kind="indirect")
    people = resolve(nlp, text, [q])
    assert q.speaker != "Peter Dalby"
    assert "lawyer" in (q.speaker or "")
    assert people.speaker_of(q.id) is None or people.speaker_of(q.id).name != "Peter Dalby"


def test_possessive_son_is_not_the_father(nlp, make_quote):
    text = (
        "Arnold Vesterby, the former mayor, died on Sunday at the age of 91.\n"
        "“He never stopped working for this town,” Vesterby's son said.\n"
    )
    q = make_quote(text, "He never stopped working for this town", "Vesterby's son")
    resolve(nlp, text, [q])
    assert q.speaker != "Arnold Vesterby"


def test_possessive_document_is_its_author(nlp, make_quote):
    text = (
        "Senator Clara Whitcombe criticised the harbour plan on Tuesday.\n"
        "Whitcombe's statement said the plan would cost the port two thousand jobs.\n"
    )
    q = make_quote(text, "the plan would cost the port two thousand jobs", "Whitcombe's statement", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Clara Whitcombe"


def test_name_inside_title_is_not_the_speaker(nlp, make_quote):
    text = (
        "Governor Helen Marsh will visit Daleport on Friday.\n"
        "“The governor has no plans to change the budget,” Marsh spokesman Owen Pratt said.\n"
    )
    q = make_quote(text, "The governor has no plans to change the budget", "Marsh spokesman Owen Pratt")
    resolve(nlp, text, [q])
    assert q.speaker == "Owen Pratt"


def test_campaign_named_after_a_person_is_an_organisation(nlp, make_quote):
    text = (
        "Dana Kessler is running for governor of Eastmoor.\n"
        "The Kessler campaign said the poll was deeply flawed.\n"
    )
    q = make_quote(text, "the poll was deeply flawed", "The Kessler campaign", kind="indirect")
    people = resolve(nlp, text, [q])
    assert q.speaker != "Dana Kessler"
    entity = people.speaker_of(q.id)
    assert entity is None or entity.kind == "organisation"


# ----------------------------------------------------------------- title words never stand for the person


def test_long_title_before_name(nlp, make_quote):
    text = "“The seal has never left the palace,” said Keeper of the Royal Seal, Anton Brevik.\n"
    q = make_quote(text, "The seal has never left the palace", "Keeper of the Royal Seal, Anton Brevik")
    resolve(nlp, text, [q])
    assert q.speaker == "Anton Brevik"


def test_title_after_name(nlp, make_quote):
    text = "“We expect the merger to close in spring,” says Lydia Harrow, vice-president, external affairs.\n"
    q = make_quote(text, "We expect the merger to close in spring", "Lydia Harrow, vice-president, external affairs")
    resolve(nlp, text, [q])
    assert q.speaker == "Lydia Harrow"


def test_party_and_office_before_name(nlp, make_quote):
    text = "“The bill is dead on arrival,” Liberal MP Gareth Ellory said on Tuesday.\n"
    q = make_quote(text, "The bill is dead on arrival", "Liberal MP Gareth Ellory")
    resolve(nlp, text, [q])
    assert q.speaker == "Gareth Ellory"


# ----------------------------------------------------------------- groups stay groups


def test_plural_description_is_not_the_one_person_described_so(nlp, make_quote):
    text = (
        "Ruth Calloway, a senior analyst at Northgate Capital, expects rates to fall.\n"
        "Analysts said the central bank would wait until the autumn.\n"
    )
    q = make_quote(text, "the central bank would wait until the autumn", "Analysts", kind="indirect")
    people = resolve(nlp, text, [q])
    assert q.speaker != "Ruth Calloway"
    assert people.speaker_of(q.id) is None or people.speaker_of(q.id).kind != "person"


def test_officials_are_not_the_official_named_earlier(nlp, make_quote):
    text = (
        "Mark Tennyson, a city official, opened the depot in Harlow on Monday.\n"
        "Officials say the depot will handle four hundred buses a day.\n"
    )
    q = make_quote(text, "the depot will handle four hundred buses a day", "Officials", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker != "Mark Tennyson"


def test_senators_are_not_the_senator(nlp, make_quote):
    text = (
        "Senator Irene Vasquez introduced the water bill on Monday.\n"
        "The senators said the bill would pass before the recess.\n"
    )
    q = make_quote(text, "the bill would pass before the recess", "The senators", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker != "Irene Vasquez"


def test_experts_told_me(nlp, make_quote):
    text = (
        "Professor Alan Birch studies river floods at Kestrel University.\n"
        "“The levees will not hold another winter,” experts told me.\n"
    )
    q = make_quote(text, "The levees will not hold another winter", "experts")
    resolve(nlp, text, [q])
    assert q.speaker != "Alan Birch"


def test_committee_is_not_its_chairman(nlp, make_quote):
    text = (
        "Budget committee chairman Leon Farrow opened the hearing on Thursday.\n"
        "The committee said the agency had missed every deadline.\n"
    )
    q = make_quote(text, "the agency had missed every deadline", "The committee", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker != "Leon Farrow"


# ----------------------------------------------------------------- institutions and capitals stay speakers


def test_capital_and_building_stay_speakers(nlp, make_quote):
    text = (
        "President Ivo Radek met the envoy in Velmar on Monday.\n"
        "Moscow said the talks had been useful.\n"
        "The White House said the envoy would return in May.\n"
    )
    q1 = make_quote(text, "the talks had been useful", "Moscow", kind="indirect", qid="q1")
    q2 = make_quote(text, "the envoy would return in May", "The White House", kind="indirect", qid="q2")
    people = resolve(nlp, text, [q1, q2])
    assert q1.speaker == "Moscow"
    assert q2.speaker == "White House"
    assert people.speaker_of(q1.id).kind == "organisation"


# ----------------------------------------------------------------- pronouns


def test_she_skips_a_man_known_from_his_pronouns(nlp, make_quote):
    text = (
        "Senator Ruth Okafor questioned the bank's chief executive, Daniel Merrow, for three hours.\n"
        "Merrow said he had not been told about the accounts until last year.\n"
        "“You knew and you did nothing,” she said.\n"
    )
    q = make_quote(text, "You knew and you did nothing", "she")
    resolve(nlp, text, [q])
    assert q.speaker == "Ruth Okafor"


def test_mr_surname_is_not_a_woman_with_that_surname(nlp, make_quote):
    text = (
        "Mrs. Helena Farrant spoke at the school on Monday.\n"
        "Mr. Farrant, the governor, arrived later.\n"
        "“The school will stay open,” Mr. Farrant said.\n"
    )
    q = make_quote(text, "The school will stay open", "Mr. Farrant")
    resolve(nlp, text, [q])
    assert q.speaker != "Helena Farrant"


def test_mr_surname_is_not_the_woman_described_in_apposition(nlp, make_quote):
    text = (
        "Mr. Garrow spoke in Hallam on Monday with the first lady, Nadia Garrow, at his side.\n"
        "“We will win this state,” Mr. Garrow said.\n"
        "The president said the economy was strong.\n"
    )
    q1 = make_quote(text, "We will win this state", "Mr. Garrow", qid="q1")
    resolve(nlp, text, [q1])
    assert q1.speaker != "Nadia Garrow"


def test_a_committee_is_not_the_member_whose_title_names_it(nlp, make_quote):
    text = (
        "House oversight panel chairman Rupert Kellaway opened the inquiry on Monday.\n"
        "The panel said the agency had ignored three subpoenas.\n"
    )
    q = make_quote(text, "the agency had ignored three subpoenas", "The panel", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker != "Rupert Kellaway"


def test_the_chairman_is_the_chairman_named_earlier(nlp, make_quote):
    text = (
        "House oversight panel chairman Rupert Kellaway opened the inquiry on Monday.\n"
        "The chairman said the agency had ignored three subpoenas.\n"
    )
    q = make_quote(text, "the agency had ignored three subpoenas", "The chairman", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Rupert Kellaway"


def test_speech_a_person_delivered(nlp, make_quote):
    text = (
        "Celia Brandwood and Hugo Lenz spoke at the harbour on Tuesday.\n"
        "The tunnel will open in 2031, according to a speech Ms. Brandwood delivered at the port.\n"
    )
    q = make_quote(text, "The tunnel will open in 2031", "a speech", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Celia Brandwood"


def test_his_tweets_are_his(nlp, make_quote):
    text = (
        "Governor Amos Tredwell lost the vote on Friday.\n"
        "Tredwell's tweets said the count had been rigged.\n"
    )
    q = make_quote(text, "the count had been rigged", "Tredwell's tweets", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Amos Tredwell"


def test_unowned_documents_are_not_the_last_speaker(nlp, make_quote):
    text = (
        "“The show is a gold mine,” Victor Lanning wrote in an email to a colleague.\n"
        "Other leaked emails suggest the network cared only about ratings.\n"
    )
    q1 = make_quote(text, "The show is a gold mine", "Victor Lanning", qid="q1")
    q2 = make_quote(text, "the network cared only about ratings", "Other leaked emails", kind="indirect", qid="q2")
    resolve(nlp, text, [q1, q2])
    assert q2.speaker != "Victor Lanning"


def test_name_inside_quotation_marks_is_not_the_antecedent(nlp, make_quote):
    text = (
        "Mr. Dorrance dismissed the criticism on Monday.\n"
        "“You know, I admire Walter,” he said, “but he is wrong about the dam.”\n"
    )
    q = make_quote(text, "but he is wrong about the dam", "he")
    resolve(nlp, text, [q])
    assert q.speaker == "Dorrance"


def test_a_guessed_pronoun_does_not_teach_a_gender(nlp, make_quote):
    text = (
        "“Give the money back,” Senator Ruth Okafor told Daniel Merrow, after he admitted the bank had failed.\n"
        "“You knew and you did nothing,” she said.\n"
    )
    q1 = make_quote(text, "Give the money back", "Senator Ruth Okafor", qid="q1")
    q2 = make_quote(text, "You knew and you did nothing", "she", qid="q2")
    resolve(nlp, text, [q1, q2])
    assert q2.speaker == "Ruth Okafor"


def test_gender_from_the_articles_own_pronouns(nlp, make_quote):
    text = (
        "Councillor Dana Whitlow met Robin Asher at the depot on Monday.\n"
        "Asher said he would close the depot by June.\n"
        "“We cannot let this happen,” she said.\n"
    )
    q = make_quote(text, "We cannot let this happen", "she")
    resolve(nlp, text, [q])
    assert q.speaker == "Dana Whitlow"


def test_a_court_filing_is_its_filer(nlp, make_quote):
    text = (
        "Marta Quellen asked the court on Monday to keep the records sealed.\n"
        "Marta Quellen's brief said the records held nothing of public interest.\n"
    )
    q = make_quote(text, "the records held nothing of public interest", "Marta Quellen's brief", kind="indirect")
    resolve(nlp, text, [q])
    assert q.speaker == "Marta Quellen"


def test_names_joined_by_and_are_kept_together_as_written():
    from quotetrail import nlp, quotes
    from quotetrail.people import resolve_article

    doc = next(nlp.parse(nlp.load(), ["Ostra and Dorland have long insisted that the border stay open to trucks."]))
    found = quotes.extract(doc, "a1")
    people = resolve_article(doc, found, "a1")
    (quote,) = found
    assert quote.mention == "Ostra and Dorland"
    assert people.speakers.get(quote.id) is None
