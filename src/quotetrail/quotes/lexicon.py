"""Reporting verbs and phrases (general English, not taken from any corpus text)."""
from __future__ import annotations

import re
from collections.abc import Iterable

# verbs that introduce what someone said, wrote, or holds to be true, with a clause as content
SPEECH = set("""
say tell add insist warn argue claim note stress explain announce acknowledge suggest state write
report reply respond answer ask declare confirm deny admit assert contend maintain predict promise
vow pledge reveal tweet post recall observe remark comment emphasize emphasise indicate concede
caution complain testify allege accuse charge estimate conclude agree reiterate repeat urge propose
recommend describe joke quip boast brag counter retort muse mention signal hint wonder underline
underscore highlight echo tout lament fear hope believe think feel know expect worry
point continue acknowledge assure inform advise declare proclaim affirm swear guarantee
threaten demand question speculate theorize surmise reckon guess imagine figure recount explain
concur object protest criticize criticise blame praise dismiss reject defend insist disclose
announce publish show find learn hear read see conclude determine discover calculate forecast
project tell notify remind brief reassure counsel preach shout scream yell whisper mutter exclaim
cry plead beg interject chant acknowledge apologize apologise clarify elaborate specify summarize summarise
""".split())

# verbs whose object in quotation marks is what was said ("called him a “nice guy”")
QUOTED_OBJECT = set("""
call describe label dub brand refer term characterize characterise warn cite promise vow pledge
urge say tell write tweet add accuse charge blame criticize criticise praise insist note claim
allege mention denounce decry hail tout dismiss
""".split())

# verbs of perception or belief: a quotation right after them is what was seen, not said
PERCEPTION = set("read see hear show find learn know discover feel think believe wear".split())

# verbs whose content is an infinitive clause ("vowed to…", "urged Congress to…")
# (not "plan", "refuse", "decline": intentions and acts, not speech — "refused to release his returns")
INTENT = set("promise vow pledge threaten urge offer agree ask call".split())

# verbs whose content follows "of"/"for" ("accused Ukraine of…", "criticized X for…")
OF_FOR = set("accuse criticize criticise blame praise thank condemn".split())

# verbs that mark an intermediary when used with "by" ("quoted by…", "as reported by…")
VIA_VERBS = set("quote report cite translate publish carry broadcast air".split())


# ---------------------------------------------------------------------------------------------
# Speech with a noun-phrase content. Verbs of communication (after Levin's classes) whose object
# is what was said: "the campaign denied the report", "she accused Moscow of interfering",
# "senators called for his replacement". Grouped by the speech act; each lemma is one a
# journalist would report as a statement when its object is a proposition, a proposal or a
# judged act. Not here: verbs whose object is the hearer (tell, ask, inform, brief), stances and
# evidence (endorse, support, oppose, show, find), and perception/belief (see, know, think).
NP_CONTENT_CLASSES = {
    # confirming and denying (Levin 37.7-ish "say" verbs with a proposition object)
    "confirm_deny": "confirm deny dispute acknowledge admit concede reject dismiss refute rebut "
                    "contest disavow repudiate retract recant reaffirm reiterate repeat "
                    "corroborate contradict",
    # announcing and revealing
    "announce": "announce reveal declare proclaim outline detail predict "
                "forecast mention cite discuss recount recall describe characterize characterise "
                "portray",
    # judging speech acts: accusing, criticizing, praising (Levin 33 "judgment" verbs when
    # voiced), plus the informal newsroom verbs of attack
    "judge": "accuse blame criticize criticise condemn denounce decry attack blast slam lambaste "
             "chide scold rebuke deride mock ridicule lampoon castigate assail berate fault "
             "excoriate skewer disparage belittle praise hail laud applaud commend tout "
             "defend question liken compare label dub brand call",
    # asking and demanding (directives with a noun-phrase content)
    "demand": "demand request propose suggest recommend urge",
    # promising and warning (commissives)
    "promise": "promise pledge vow guarantee threaten",
    # complaining, claiming, joking
    "claim": "claim allege protest lament bemoan quip",
}
NP_CONTENT = frozenset(w for ws in NP_CONTENT_CLASSES.values() for w in ws.split())

# verbs whose object is only speech with a second complement: "called the plan a disaster"
# (not "called the governor"), "described X as Y", "likened X to Y", "compared X to/with Y"
NEEDS_COMPLEMENT = frozenset("call liken compare label dub brand".split())

# of these a person as object is the hearer or the one acted on, not what was said ("urged Congress",
# "questioned the witness", "recalled the ambassador", "thanked the crowd")
HEARER_OBJECT = frozenset("urge promise pledge guarantee threaten question recall remind request propose suggest recommend defend cite mention discuss announce reveal unveil detail describe portray repeat reiterate".split())

# verbs of attack that are also physical ("rebels attacked the convoy"): speech only when a person
# or an organisation attacks something that is not a place
PHYSICAL_TOO = frozenset("attack blast slam assail hit skewer".split())

# phrasal cues: verb + preposition, whose object is the content ("called for his replacement",
# "spoke of the legacy", "talked about the plan", "referred to the deal", "warned of a crisis")
PREP_CUES = {
    "call": ("for",), "speak": ("of", "about", "on"), "talk": ("about", "of"),
    "refer": ("to",), "point": ("to",), "allude": ("to",), "warn": ("of", "about", "against"),
    "complain": ("about", "of"), "argue": ("for", "against"), "push": ("for",),
    "press": ("for",), "ask": ("for", "about"), "plead": ("for",), "appeal": ("for",),
    "joke": ("about",), "boast": ("about", "of"), "brag": ("about", "of"), "comment": ("on",),
    "testify": ("about", "on"), "elaborate": ("on",), "object": ("to",), "rail": ("against",),
    "inveigh": ("against",), "lash": ("at",), "hint": ("at",), "muse": ("about", "on"),
    "write": ("about", "of"), "tweet": ("about",), "reminisce": ("about",), "opine": ("on", "about"),
    "rant": ("about", "against"), "vent": ("about",), "lobby": ("for",), "campaign": ("for", "against"),
}

# what the object of a phrasal cue names when it is the setting of the speaking, not what was said:
# "spoke on condition of anonymity", "on behalf of the union", "on the record", "on the phone",
# "on national television" (a time, "spoke on Monday night", is told by its entity type)
SPEAKING_SETTING = frozenset("""condition behalf record background phone telephone television tv radio camera air
stage podcast show programme program line call floor panel video livestream broadcast""".split())

# manner-of-speaking verbs (Levin 37.3) and other verbs of saying that take a clause or a
# quotation, beyond the core list: "she blurted out that…", "he stammered, “…”"
MANNER = set("""
blurt stammer stutter mumble murmur snap bark growl hiss sigh gush rave grumble grouse gripe
fume marvel exult crow scoff sneer taunt jeer tease joke quip rant rail vent opine reminisce
concede contend posit aver avow attest allege assert intone lecture recite chime
""".split())

SPEECH |= MANNER

# nouns naming a speech act whose content is a "that" clause ("allegations that…", "his claim
# that…", "a warning that…"); a speaker is the possessor ("his claim"), a "by"/"from" phrase, or
# the subject of a support verb ("she made the claim that…")
SPEECH_NOUNS = frozenset("""
statement claim allegation accusation charge assertion argument remark comment suggestion promise
pledge vow warning threat denial admission announcement insistence contention prediction assurance
declaration demand complaint concession acknowledgment acknowledgement boast confirmation
revelation testimony
""".split())

# verbs that make a speech noun the subject's act: "made the claim that…", "issued a statement
# saying…", "repeated his warning that…"
SUPPORT_VERBS = frozenset("make issue release repeat reiterate deliver offer voice level raise give "
                          "send post publish put".split())

# nouns naming a speech document or event, whose "saying…" clause is its author's speech
DOCUMENT_NOUNS = frozenset("statement release letter memo note message tweet post email e-mail "
                           "report video ad advertisement filing complaint lawsuit".split())

# a quotation that names a work or a motto is not speech: "his favourite book is “…”"
WORK_NOUNS = frozenset("""
book novel memoir poem song album film movie show series play musical opera painting title headline
motto slogan mantra catchphrase tagline hashtag nickname name anthem hymn column essay article
episode documentary podcast website brand label logo sign banner
""".split())

# nouns for those who ask questions on the press's behalf: their questions are not statements
QUESTIONERS = frozenset("reporter reporters journalist journalists interviewer correspondent "
                        "correspondents questioner anchor host".split())

# things that show or require rather than say: as the subject of a noun-phrase cue they are evidence
# or need, not a speaker ("the study contradicted…", "the problem demands a response")
EVIDENCE_NOUNS = frozenset("""
study poll survey data analysis report section chapter record records document documents figure figures
number numbers evidence research test result results plan problem law bill rule rules decision case
situation crisis issue question article book video footage image photo map chart table list
""".split())

# verbs of perception: with an object and a participle ("found her son lying…", "saw him leave")
# what follows is what was seen, not said
SMALL_CLAUSE_PERCEPTION = frozenset("find see hear watch notice spot catch observe discover feel".split())

_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "think": ["thought"],
    "know": ["knew", "known"], "see": ["saw", "seen"], "find": ["found"], "show": ["shown"],
    "hear": ["heard"], "swear": ["swore", "sworn"], "feel": ["felt"], "read": [], "forecast": [],
    "cry": ["cried"], "speak": ["spoke", "spoken"], "blurt": [], "put": ["put"],
    "lash": [], "quip": ["quipped", "quipping"], "refer": ["referred", "referring"],
}


def _forms(lemma: str) -> set[str]:
    out = {lemma}
    if lemma.endswith("e"):
        out |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        out |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        out |= {lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgkmnprt]$", lemma):  # admit → admitted
            out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    out |= set(_IRREGULAR.get(lemma, ()))
    return out


SURFACE_FORMS = sorted({f for lemma in SPEECH | INTENT | OF_FOR | NP_CONTENT | MANNER | set(PREP_CUES) for f in _forms(lemma)},
                       key=len, reverse=True)
PHRASES = ["according to", "in an interview", "in a statement", "quoted as", "quoted by", "told reporters", "put it"]
PHRASES += sorted(SPEECH_NOUNS | {n + "s" for n in SPEECH_NOUNS})


def literal_alternation(literals: Iterable[str]) -> str:
    """A regular expression for exactly these literal strings, written as a trie of their
    characters: the language of `a|b|c…`, factored by common beginnings. Python's `re` tries an
    alternation's branches one by one at every position of the text; the prefilter's 1,144 forms
    made it 87 µs a paragraph, 4% of a worker's time. As a trie it takes a 37th of that."""
    trie: dict = {}
    for literal in literals:
        node = trie
        for ch in literal:
            node = node.setdefault(ch, {})
        node[None] = {}  # a literal ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted((k, v) for k, v in node.items() if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if None not in node:
            return body
        return ("(?:" + body + ")?") if len(branches) == 1 and len(body) > 1 else body + "?"

    return pattern(trie)


PREFILTER = re.compile(r"(?i)\b(?:" + literal_alternation(PHRASES + SURFACE_FORMS) + r")\b")

# ---------------------------------------------------------------------------------------------
# Recall of reported speech the clause and noun-phrase rules miss (quotes/extract.py, _recall_cues)

# verbs whose content can be a gerund clause: "he proposes doing away with the mandate", "she
# suggested looking at the statements", "denied using the account". Speech acts only: not
# intentions or attempts ("plans", "tries", "avoids", "considers"), not stances ("supports").
GERUND_CONTENT = frozenset("""
propose suggest recommend urge advocate mention discuss deny admit acknowledge concede defend
reject dismiss recall describe announce promise pledge vow threaten tout joke boast brag
""".split())

# naming verbs whose object and predicate together are what was said: "called the vote a mistake"
NAMING_PREDICATE = frozenset("call label brand dub term".split())

# words that open a headline label that is not a speaker: "The Latest: …", "Poll: …"
HEADLINE_NOT_SPEAKER = frozenset("""
the a an latest poll polls survey update guide news breaking analysis fact-check factcheck
exclusive watch video live opinion editorial review report
""".split())
