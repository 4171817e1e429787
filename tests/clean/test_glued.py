"""A standfirst glued to the first sentence with no full stop is split; the many legitimate
sentences where a lower-case word meets a capitalised name are not. Texts written here."""
from __future__ import annotations

import pytest

from quotetrail.clean import clean_text
from quotetrail.clean.glued import split_seams

GLUED = [
    ("Dravnik has long said it is ready to talk, provided its concerns are addressed "
     "Ilse Varo has rejected the idea of a divided country.",
     "Ilse Varo has rejected the idea of a divided country."),
    ("The council was warned the bridge was unsafe and repairs were delayed "
     "Mayor Tomas Brel said on Monday the crossing would close.",
     "Mayor Tomas Brel said on Monday the crossing would close."),
    ("Fishermen say quotas have been cut again and boats are moored "
     "Nina Falk told the harbour board that the fleet could not survive.",
     "Nina Falk told the harbour board that the fleet could not survive."),
]


@pytest.mark.parametrize("text,second", GLUED)
def test_glued_standfirst_is_split(text, second):
    pieces = split_seams(text)
    assert len(pieces) == 2 and pieces[1] == second
    assert pieces[0] + " " + pieces[1] == text


NOT_GLUED = [
    "The company said its chairman Ed Wong will step down.",  # apposition after a role noun
    "Critics have attacked the deal Ed Wong has signed with the port.",  # relative clause, no "that"
    "He told reporters Mayor Ann Lee had resigned.",  # a reporting verb's object clause
    "Officials said Ilse Varo was not at the meeting.",
    "The minister believes Tomas Brel will win the vote.",
    "The ruling was welcomed by party leader Nina Falk said to be pleased.",  # role noun
    "Residents who were evacuated from Dravnik said they were cold.",
    "The storm that hit the coast in Orsa killed two people.",  # preposition before the name
    "Orsa has been hit hard this winter and Dravnik is next.",  # a conjunction joins them
    "Prices have risen sharply since March increased the levy.",  # a month is not a name
    "The trial had been delayed until Monday was declared a holiday.",
    "“We were told the bridge was safe Tomas Brel said nothing,” she said.",  # inside a quotation
    "The board met today.",
    "He said he did not mention Dravnik's ties to the port.",  # an active verb's object
    "At the debate, Ann Lee cited disparaging remarks Ed Wong had made about her.",  # zero relative
    "The guard is backing Ann Lee because he worries Ed Wong would lose in the fall.",
    "And those are just things Ed Wong has done in the past three weeks!",
    "A year ago it seemed unlikely Ed Wong would become mayor.",
    "I was surprised Ed Wong won the vote.",  # an emotive participle takes a clause
    "It is understood Ed Wong has resigned.",
    "He was named Chief Executive Officer last spring.",
    "The officers were given Ed Wong's file yesterday.",  # a participle with an object slot
    "“The cables were older than the city,” chief engineer Piet Moll said.",  # attribution after a quotation
    "When the storm hit, repairs were halted and engineers Piet Moll and Ann Lee were sent home.",  # too short to be a sentence glued to another
    "Former mayor Tomas Brel has said the bridge was unsafe.",  # no finite verb before the name
    "It was the first time Ilse Varo had spoken in public.",  # "time" after a determiner
    "The vote was postponed again Friday told us nothing.",  # a weekday is not a name
    "The inquiry has found that ministers ignored warnings Brel said were urgent.",  # relative clause, subject gapped
]


@pytest.mark.parametrize("text", NOT_GLUED)
def test_legitimate_sentences_are_not_split(text):
    assert split_seams(text) == [text]


def test_clean_text_puts_the_glued_sentence_in_its_own_paragraph():
    raw = ("Dravnik has long said it is ready to talk, provided its concerns are addressed "
           "Ilse Varo has rejected the idea of a divided country, and said talks must wait.\n\n"
           "“We will not give up,” Varo said on Friday in the capital of the country.\n")
    text = clean_text(raw).text
    assert "are addressed\nIlse Varo has rejected" in text


# --- photo captions ---------------------------------------------------------------------------

from quotetrail.clean.glued import is_caption  # noqa: E402


@pytest.mark.parametrize("line", [
    "Photo: Councillor Tomas Brel speaks to dockers in Dravnik on Monday (Getty Images)",
    "Tomas Brel at the council meeting in Dravnik on Monday. Photograph: Ann Lee/Reuters",
    "Tomas Brel at the council meeting in Dravnik (AP Photo/Ann Lee)",
    "Ann Lee via Getty Images.",
    "Pictured: the harbour bridge in Orsa",
    # the wire services' caption style, with the photo's kind and date at the end or in front
    "Mayor Ann Lee arrives at the council in Dravnik, in this June 3, 2007, file photo.",
    "Tomas Brel, left, and Ann Lee are seen in this combined image.",
    "A docker at the Orsa port, in this undated handout photo taken in May.",
    "In this Jan. 5, 2020, file photo, Mayor Ann Lee speaks in Orsa.",
])
def test_captions(line):
    assert is_caption(line)


@pytest.mark.parametrize("line", [
    "Mayor Ann Lee said the photo was fake.",
    "He said the report was leaked to Reuters.",
    "\u201cWe are ready,\u201d he said (Reuters).",  # a wire credit for the text
    "The picture is clear: the port will close.",
    "Getty Images, the photo agency, said it had cut 40 jobs in Orsa this year.",
    "He appeared in this photo.",  # no kind of photo, no date: a sentence about a picture
    "In this file, the council lists its debts.",
])
def test_not_captions(line):
    assert not is_caption(line)


def test_clean_text_removes_a_caption_with_its_reason():
    raw = ("Tomas Brel at the council meeting in Dravnik on Monday. Photograph: Ann Lee/Reuters\n"
           "The council voted on Monday to close the harbour bridge for repairs until the spring.\n")
    result = clean_text(raw)
    assert "Photograph" not in result.text
    assert [r.reason for r in result.removed] == ["caption"]
