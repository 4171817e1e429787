"""Reporting verbs and phrases (general English, not taken from any corpus text)."""
from __future__ import annotations

import re

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
INTENT = set("promise vow pledge threaten refuse decline urge offer agree ask call plan".split())

# verbs whose content follows "of"/"for" ("accused Ukraine of…", "criticized X for…")
OF_FOR = set("accuse criticize criticise blame praise thank condemn".split())

# verbs that mark an intermediary when used with "by" ("quoted by…", "as reported by…")
VIA_VERBS = set("quote report cite translate publish carry broadcast air".split())

_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "write": ["wrote", "written"], "think": ["thought"],
    "know": ["knew", "known"], "see": ["saw", "seen"], "find": ["found"], "show": ["shown"],
    "hear": ["heard"], "swear": ["swore", "sworn"], "feel": ["felt"], "read": [], "forecast": [],
    "cry": ["cried"], "speak": ["spoke", "spoken"],
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


SURFACE_FORMS = sorted({f for lemma in SPEECH | INTENT | OF_FOR for f in _forms(lemma)}, key=len, reverse=True)
PHRASES = ["according to", "in an interview", "in a statement", "quoted as", "quoted by", "told reporters"]
PREFILTER = re.compile(
    r"(?i)\b(?:" + "|".join(re.escape(p) for p in PHRASES + SURFACE_FORMS) + r")\b"
)
