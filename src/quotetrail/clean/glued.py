"""A standfirst or heading glued to the first sentence with no full stop between them.

Extraction sometimes joins two blocks with a bare space: "…provided its security concerns are
addressed Vladimir Zelensky has rejected the idea…". Left joined, the parser reads "addressed
Vladimir Zelensky" as one phrase and the next sentence's verb loses its subject. The seam is split
(into two paragraphs) only where English rules out one sentence running on:

- the left part is a clause of its own: at least five words since the last sentence end, and its
  last clause (after the last comma, dash or quotation mark) has a finite verb (an auxiliary or
  copula, "said", or a past form in -ed) before its last word;
- it ends on a passive participle ("…are addressed", "…were delayed"), which leaves no object
  slot for the name to fill (an active verb or a noun at the end may go on into a clause with no
  "that": "cited remarks Ed Wong had made", "worries Ed Wong would lose"), and not one that takes a
  clause or complement ("was surprised Ed Wong won", "was named Chief Executive");
- that word is in lower case: not a function word, not a
  reporting or thinking verb ("said Zelensky has…" is one sentence), not a role or kinship noun
  ("its chairman Ed Wong will…" is an apposition), and with no determiner, possessive or
  preposition in its last three words ("the deal Ed Wong has signed" is a relative clause);
- the right part starts with a capitalised name of one to four words (no month, weekday or "I")
  and goes straight on with a finite verb: an auxiliary, "said/says/told", or a past form in -ed;
- the seam is outside any quotation, and not a relative clause missing its subject ("warnings Ed
  Wong said were urgent").

When unsure, the text stays as it is: an unsplit glue costs one statement, a wrong split cuts a
sentence in two.
"""
from __future__ import annotations

import re

_FUNCTION = frozenset("""
a an the this that these those its his her their our my your some any every each no which whose what
of in on at by for with from to into onto over under about after before since until as than via per
and or but nor so yet if when while where because although though unless whether once
i he she it we they you him them us me who whom not also just only even still very more most less
""".split())
_DETERMINERS = frozenset("""
a an the this that these those its his her their our my your some any every each no which whose what
of in on at by for with from to into onto over under about after before since until via per
""".split())
# Verbs that take a clause as object: "X said Ed Wong had left" is one sentence.
_CLAUSE_VERBS = frozenset("""
said say says saying told tell tells telling believe believes believed think thinks thought know knows
knew claim claims claimed argue argues argued add adds added insist insists insisted warn warns warned
state states stated announce announces announced report reports reported confirm confirms confirmed
deny denies denied hope hopes hoped fear fears feared suggest suggests suggested note notes noted
feel feels felt reckon reckons reckoned explain explains explained admit admits admitted agree agrees
agreed assert asserts asserted stress stresses stressed reveal reveals revealed predict predicts
predicted doubt doubts doubted learn learns learned learnt hear hears heard see sees saw read reads
show shows showed shown mean means meant ensure ensures ensured
""".split())
# Nouns that stand before a name in apposition: "its chairman Ed Wong will…".
_ROLE_NOUNS = frozenset("""
president minister leader spokesman spokeswoman spokesperson chairman chairwoman chair chief ceo
secretary senator governor mayor king queen prince princess ambassador envoy general commander
director founder owner candidate nominee lawyer attorney judge professor author writer analyst
reporter correspondent editor host presenter actor actress star singer rapper player striker
captain coach manager colleague counterpart ally rival predecessor successor deputy aide adviser
advisor official officer councillor councilor lawmaker mp premier chancellor pope bishop
wife husband son daughter brother sister father mother friend partner cousin uncle aunt
teammate boss member chairperson economist scientist researcher expert doctor detective sergeant
constable inspector superintendent commissioner administrator trustee prosecutor defendant
""".split())
_MONTHS_DAYS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday i
""".split())
_AUX = ("has|have|had|is|are|was|were|will|would|can|could|may|might|must|should|shall|did|does"
        "|said|says|told")
_GAP_VERBS = frozenset("is are was were has have had will would could can may might must should".split())
_FINITE = re.compile(rf"\b(?:{_AUX}|[a-z]{{2,}}ed)\b")

# lower-case word, one space, then a capitalised name of 1-4 words and a finite verb
_SEAM = re.compile(
    r"(?<=[a-z])(?P<space>[ \t]+)"
    r"(?P<name>[A-Z][a-z’'\-]+(?:[ ]+(?:[A-Z]\.|[A-Z][a-z’'\-]+)){0,3})"
    rf"[ ]+(?:(?:{_AUX})\b|[a-z]{{2,}}ed\b)")
_SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s")
_WORD = re.compile(r"[A-Za-z’'\-]+")
_OPEN_QUOTES = re.compile(r"[“«„]")
_CLOSE_QUOTES = re.compile(r"[”»]")


def _inside_quotation(text: str, pos: int) -> bool:
    before = text[:pos]
    if len(_OPEN_QUOTES.findall(before)) > len(_CLOSE_QUOTES.findall(before)):
        return True
    return before.count('"') % 2 == 1


_BE = frozenset("is are was were be been being get gets got gotten".split())
_ADVERB = re.compile(r"[a-z]+ly|not|never|also|already|now|still|finally|fully|all")
_PARTICIPLE = re.compile(r"[a-z]{2,}(?:ed|en)|known|shown|held|made|done|built|kept|lost|met|paid|sold|sent|spent|won|set|cut|hit|shut|put")
# Participles that go on with a clause or a complement: "was surprised Ed Wong won", "is
# understood Ed Wong has…", "was named Chief Executive", "were given Ed Wong's file".
_OPEN_PARTICIPLES = frozenset("""
surprised shocked pleased disappointed worried concerned relieved delighted amazed stunned
satisfied convinced persuaded assured informed reminded warned advised alarmed astonished angered
saddened thrilled encouraged frustrated disturbed determined prepared scared terrified excited
interested honored honoured rumored rumoured alleged understood expected feared reported believed
thought known claimed estimated proven proved given shown asked offered sent promised granted handed
paid taught named appointed elected crowned dubbed called voted nicknamed titled made considered
deemed told
""".split())


def _closed_by_passive(clause: list[str]) -> bool:
    """The clause ends on a passive participle ("…its concerns are addressed"), which leaves no
    object for a following name to fill: the name can only start a new sentence. A noun or an
    active verb at the end ("cited remarks", "worries") may go on into a clause of its own."""
    last = clause[-1]
    if not _PARTICIPLE.fullmatch(last) or last in _OPEN_PARTICIPLES or last in _CLAUSE_VERBS:
        return False
    before = [w.lower() for w in clause[-4:-1]]
    while before and _ADVERB.fullmatch(before[-1]):
        before.pop()
    return bool(before) and before[-1] in _BE


def seams(text: str) -> list[int]:
    """Offsets in `text` (one paragraph) where a glued sentence starts."""
    out: list[int] = []
    for m in _SEAM.finditer(text):
        name = m.group("name").split()
        if name[0].lower() in _MONTHS_DAYS or name[0].lower() in _FUNCTION:
            continue
        start = m.start("space")
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, start)]
        sentence_start = max([0] + ends[-1:] + out[-1:])
        left = text[sentence_start:start]
        words = _WORD.findall(left)
        if len(words) < 5:
            continue
        last = words[-1]
        if not last.islower() or len(last) < 3 or last in _FUNCTION or last in _CLAUSE_VERBS or last in _ROLE_NOUNS:
            continue
        if any(w.lower() in _DETERMINERS or w.lower() in _CLAUSE_VERBS for w in words[-3:-1]):
            continue
        clause = _WORD.findall(left[max(left.rfind(c) for c in ",;:—–”»\"()") + 1:])
        if len(clause) < 3 or not _FINITE.search(" ".join(clause[:-1])):
            continue  # “…,” chief engineer Ed Wong said: the name's own clause has no verb before it
        if not _closed_by_passive(clause):
            continue  # "cited remarks Ed Wong had made", "worries Ed Wong would lose": one sentence
        after = _WORD.findall(text[m.end("name"):m.end("name") + 40])
        if len(after) >= 2 and after[0] in _CLAUSE_VERBS and after[1] in _GAP_VERBS:
            continue  # "ignored warnings Ed Wong said were urgent": a relative clause, its subject gapped
        if _inside_quotation(text, start):
            continue
        out.append(m.start("name"))
    return out


def split_seams(text: str) -> list[str]:
    """`text` cut at its seams, each piece stripped of the space at the cut."""
    points = seams(text)
    if not points:
        return [text]
    pieces, start = [], 0
    for p in points:
        pieces.append(text[start:p].rstrip())
        start = p
    pieces.append(text[start:])
    return [p for p in pieces if p.strip()]


# --- photo captions -----------------------------------------------------------------------------

# A caption says whose picture it is: a label in front ("Photo: …", "Pictured: …") or a picture
# credit at its end ("(Getty Images)", "(AP Photo/Ann Lee)", "Photograph: Ann Lee/Reuters").
_THIS_PHOTO = (r"this (?:(?:file|handout|undated|combined|composite|recent|courtesy)\s+"
               r"|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4},? )+(?:photo(?:graph)?|image|picture)")
_CAPTION_LABEL = re.compile(r"(?i)^(?:photo(?:graph)?|image|picture|pictured|caption|file photo|photo credit)\s*[:|]\s*\S"
                            # the wire services' caption style: "In this Jan. 5, 2020, file photo, …"
                            rf"|^In {_THIS_PHOTO}(?: (?:taken|made|released|provided) [^,]{{2,60}})?,")
_PICTURE_AGENCIES = r"Getty\s+Images|Shutterstock|Alamy|AP\s+Photo|AFP\s+(?:via\s+Getty\s+Images|Photo)|EPA-EFE|Reuters/[A-Z]"
_CAPTION_CREDIT = re.compile(
    rf"(?:\((?:[^()]*?\b)?(?:{_PICTURE_AGENCIES})[^()]*\)"
    r"|\b(?:Photo(?:graph)?|Image|Picture)\s*(?:credit)?\s*:\s*[^.:]{2,80}"
    r"|\b(?:Photo(?:graph)?|Image|Picture)\s+by\s+[^.:]{2,60}"
    rf"|\b(?:{_PICTURE_AGENCIES})[^.]{{0,40}}"
    # the wire services' caption style: "… arrives in Orsa, in this June 3, 2007, file photo."
    rf"|\bin {_THIS_PHOTO}(?: (?:taken|made|released|provided) [^.]{{2,60}})?"
    r")\s*\.?\s*$")
# What every form of credit above holds: the one it has tells a line that may be a caption from
# one that cannot be, far faster than the credit pattern, which is tried at every character.
_CAPTION_CREDIT_HINT = re.compile(rf"\(|Photo|Image|Picture|(?:{_PICTURE_AGENCIES})|in this")


def is_caption(line: str) -> bool:
    """A photo caption: a picture label in front, or a picture credit closing the line (a news
    agency's name alone, "(Reuters)", is a wire credit for the text, not a caption)."""
    line = line.strip()
    if not line or len(line) > 400:
        return False
    return bool(_CAPTION_LABEL.match(line) or (_CAPTION_CREDIT_HINT.search(line) and _CAPTION_CREDIT.search(line)))
