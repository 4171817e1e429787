"""Rule-based quote attribution over spaCy's dependency parse.

No maintained library does this well enough (textacy's `direct_quotations` finds only direct
quotes with a verb next to them and scores far lower on PolNeAR), so the rules are our own:

1. quotation marks are paired per paragraph (`marks.find_quotations`), across paragraphs when a
   quotation runs on;
2. every reporting cue (a reporting verb, "according to X", a colon after a speaker) gets its
   content clause from the parse (ccomp, the clause around "according to", an infinitive for
   "vowed to…");
3. a quotation that is (most of) a cue's content, or sits next to a cue in its sentence, is a
   direct quote of that cue's speaker (a mixed quote of the clause when it opens after the clause's
   subject: "Prices “will rise,” X said"); quotations split by their attribution are merged; a long
   quotation with no cue belongs to the speaker of the same or previous paragraph; a short one
   with no cue is a term or scare quote and is dropped;
4. cue clauses left over are reported speech, "mixed" when they hold quoted words.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: extracting needs a parsed Doc, not spaCy's import here
    from spacy.tokens import Doc, Span, Token

from quotetrail.model import Quote

from ..nlp import doc_text, span_entities
from .lexicon import (DOCUMENT_NOUNS, HEARER_OBJECT, INTENT, NEEDS_COMPLEMENT, NP_CONTENT, OF_FOR, PERCEPTION,
                      PHYSICAL_TOO, PREP_CUES, QUESTIONERS, QUOTED_OBJECT, SMALL_CLAUSE_PERCEPTION, SPEECH,
                      SPEAKING_SETTING, SPEECH_NOUNS, SUPPORT_VERBS, VIA_VERBS, WORK_NOUNS, EVIDENCE_NOUNS)
from .lexicon import GERUND_CONTENT, HEADLINE_NOT_SPEAKER, NAMING_PREDICATE
from .marks import WORD, Region, Segment, find_quotations, paragraphs

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# "She was quoted as saying…": the passive subject of these spoke. Of other reporting verbs it is
# who was spoken to ("Zelensky was asked whether…", "he was told that…")
PASSIVE_SPEAKER_VERBS = frozenset({"quote", "hear", "cite", "record"})
CLIMB = ("conj", "advcl", "xcomp", "pcomp", "prep", "acl", "relcl", "ccomp", "parataxis")
MIN_STATEMENT_WORDS = 5  # a shorter quotation with no cue is a term or scare quote
NEAR_TOKENS = 14  # how far from a quotation an attribution like "he said" may sit


@dataclass
class Cue:
    tokens: list[Token]  # the cue as written ("said", "according to")
    speaker: tuple[int, int] | None  # char span of the speaker as written
    content: tuple[int, int] | None  # char span of the (largest) content clause
    paragraph: int
    contents: list[tuple[int, int]] = field(default_factory=list)  # every content clause
    hole: tuple[int, int] | None = None  # the cue's own words inside `content` ("A, he said, B")
    via: str | None = None
    used: bool = False
    void: bool = False  # a cue of what is not a statement (a reporter's question): its quotation is dropped
    anonymous: bool = False  # a speech noun with no speaker ("allegations that…"): no speaker is lent to it

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1])

    @property
    def head(self) -> Token:
        return self.tokens[0]


@dataclass
class Found:
    kind: str
    spans: list[tuple[int, int]]
    cue: Cue | None
    speaker: tuple[int, int] | None
    paragraph: int
    regions: list[Region] = field(default_factory=list)
    cue_text: str | None = None
    via: str | None = None


class _Text:
    """Character-level lookups over one doc: paragraph of an offset, quoted-or-not."""

    def __init__(self, doc: Doc, regions: list[Region], paras: list[tuple[int, int]]):
        self.doc, self.text, self.paras = doc, doc_text(doc), paras
        self.para_starts = [s for s, _ in paras]
        self.quoted: list[tuple[int, int, int]] = []  # (start, end, region index), marks included
        for i, r in enumerate(regions):
            for seg in r.segments:
                self.quoted.append((seg.start, seg.end, i))
        self.quoted.sort()
        self.quoted_starts = [s for s, _, _ in self.quoted]
        self.regions = regions
        self.region_spans = sorted((r.start, r.end) for r in regions)  # for look-ups by offset
        self.region_starts = [s for s, _ in self.region_spans]
        self.marks = {i: r for r, region in enumerate(regions) for seg in region.segments for i in seg.mark_offsets()}
        self.scare = {i for i, r in enumerate(regions) if _is_scare_quote(r, doc, self.text)}

    def paragraph(self, offset: int) -> int:
        return max(0, bisect_right(self.para_starts, offset) - 1)

    def region_at(self, offset: int) -> int | None:
        k = bisect_right(self.quoted_starts, offset) - 1
        if k >= 0:
            s, e, r = self.quoted[k]
            if s <= offset < e:
                return r
        return None

    def in_quote(self, tok: Token) -> bool:
        return self.region_at(tok.idx) is not None

    def regions_marked(self, s: int, e: int) -> set[int]:
        """Regions with a quotation mark in [s, e)."""
        if e - s < len(self.marks):
            return {self.marks[i] for i in range(s, e) if i in self.marks}
        return {r for i, r in self.marks.items() if s <= i < e}

    def quoting(self, s: int, e: int) -> set[int]:
        """Regions marked in [s, e) that quote someone's words: not scare quotes (`_is_scare_quote`)."""
        return self.regions_marked(s, e) - self.scare


def _is_scare_quote(region: Region, doc: Doc, text: str) -> bool:
    """A word or two in quotation marks that name a thing rather than say something: a noun, a name
    or a proper adjective modifying a noun outside the marks ("“peacekeeping” forces", the “Today”
    show, "the ‘Korean’ scenario"), or whatever follows "so-called". Such marks set off a term or a
    label (the writer's distance, a name in use), not the speaker's words, so they do not make the
    clause around them a partial quotation. Not one of these: a quoted head or predicate (“a disgrace”,
    was “inconclusive”), an evaluation (a “ferocious” battle: an adjective is the speaker's
    judgement, quoted as theirs), anything with a verb or longer than two words, and what a naming
    verb names (called him “Little Marco”, what he calls the “rigged” system)."""
    s, e = region.segments[0].content
    if len(region.segments) != 1 or not region.segments[0].closed or not 1 <= len(text[s:e].split()) <= 2:
        return False  # (words as written: "Commander-in-Chief" is one)
    if re.search(r"\bso-called\s*$", text[max(0, region.start - 12):region.start], re.IGNORECASE):
        return True
    span = doc.char_span(s, e, alignment_mode="expand") if doc.has_annotation("DEP") else None
    if span is None or not len(span) or any(t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and not _proper(t)) for t in span):
        return False
    head = span.root.head
    if not (span.root.dep_ in ("amod", "compound", "nmod") and head.i >= span.end
            and head.pos_ in ("NOUN", "PROPN") and head.idx >= region.end):
        return False
    up = head
    for _ in range(3):  # the noun phrase's verb, past "as": "described it as the “…” plan"
        up = up.head
        if up.lemma_.lower() in NAMING_VERBS or up.lemma_.lower() == "describe":
            return False
        if up.pos_ in ("VERB", "AUX") or up.head.i == up.i:
            break
    return True


def _proper(adj: Token) -> bool:
    """A proper adjective (‘Korean’, “Danish”), which names rather than judges: capitalized before a
    lower-case noun (in a headline in title case, where every word is, it cannot be told)."""
    return adj.ent_type_ == "NORP" or (adj.text[:1].isupper() and adj.head.i != adj.i and adj.head.text[:1].islower())


def _span_of(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _trim(text: str, s: int, e: int, doc: Doc | None = None) -> tuple[int, int]:
    """Drop surrounding spaces, commas, dashes and a leading "that" from a content span (with the
    parse at hand, only the "that" that introduces the clause: "said that claim was false" keeps it)."""
    while True:
        old = (s, e)
        while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
            e -= 1
        m = re.match(r"that\b", text[s:e])
        if m and doc is not None:
            tok = doc.char_span(s, s + m.end())
            if tok is not None and len(tok) == 1 and tok[0].dep_ not in ("mark", ""):
                m = None  # a determiner or pronoun: part of the content
        if m:
            s += m.end()
        m = re.search(r"\s(?:and|or|but)$", text[s:e])
        if m:
            e = s + m.start()  # a clause does not end on a coordinator the parse left in it
        if (s, e) == old:
            return s, e


def _clip(span: tuple[int, int], bounds: tuple[int, int]) -> tuple[int, int]:
    return max(span[0], bounds[0]), min(span[1], bounds[1])


_INVERTING = frozenset("said says added adds told asked wrote".split())  # "Said Ellis: …"


def _mention_tokens(head: Token) -> list[Token]:
    """The speaker noun phrase without trailing relative clauses, appositions or prepositions."""
    doc = head.doc
    start = head.left_edge.i
    # left part: determiners, adjectives, compounds, possessives
    end = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end + 1:
            end = child.i
        else:
            break
    end = _through_coordinated_names(head, end)
    for k in range(head.i - 1, start - 1, -1):
        if doc[k].text in ("—", "–", "--", "―"):  # "FLINT, Mich. (UPI) — Former President X": past the dateline
            start = k + 1
            break
        if doc[k].text in (")", "]") and not any(doc[j].text in ("(", "[") for j in range(start + 1, k)):
            # "(MENAFN) Ukrainian President X": a bracket opening the phrase (or opened before it)
            # and closed before its head is a wire tag or an aside, not the speaker's name
            start = k + 1
            break
    while start < head.i and (doc[start].is_punct or (doc[start].dep_ == "compound" and doc[start].lower_ in _INVERTING)):
        start += 1  # (and "Said" of "Said Ellis:")
    return list(doc[start:end + 1])


def _through_coordinated_names(head: Token, end: int) -> int:
    """"The US and Ukraine have long insisted": both names speak, so the mention runs through a
    name joined by "and" (a name, not any noun: "the mayor and her staff" is left as the parse
    has it). Returns the new last token index."""
    doc = head.doc
    for child in head.rights:
        if child.dep_ != "conj" or child.i <= end:
            continue
        between = doc[end + 1:child.left_edge.i]
        named = child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        if named and len(between) == 1 and between[0].lower_ in ("and", "&"):
            last = child.i
            for grand in child.rights:
                if grand.dep_ in ("compound", "flat") and grand.i == last + 1:
                    last = grand.i
            return last
        break
    return end


def _person_right_before(verb: Token, subj: Token | None) -> list[Token] | None:
    """A named person written right before the verb (past its auxiliaries), when the parse gave
    the verb a subject that cannot speak: "as troops make steady advances from the east and US
    President-elect Donald Trump has pledged to end…" hangs Trump inside the prepositional phrase
    and makes "advances" the subject. English puts the subject right before its verb, so the name
    there speaks. Returns the name with its title words, or None."""
    if subj is None or subj.pos_ == "PRON" or subj.ent_type_ or subj.pos_ == "PROPN":
        return None
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or doc[i].ent_type_ != "PERSON" or i == subj.i or subj.i > i:
        return None
    if not subj.left_edge.i <= i <= subj.right_edge.i:
        return None  # only when the parse buried the name inside the non-speaking subject's phrase
    start = i
    while start - 1 >= 0 and doc[start - 1].ent_type_ == "PERSON":
        start -= 1
    # title words before the name: compounds and hyphens hung on it ("US President-elect")
    while (start - 1 >= 0 and doc[start - 1].dep_ in ("compound", "punct") and not doc[start - 1].is_space
           and start - 1 < doc[start - 1].head.i <= i and doc[start - 1].text not in (",", "(", ")")):
        start -= 1
    return list(doc[start:i + 1])


def _relative_subject(verb: Token, clause: Token) -> tuple[tuple[int, int], int] | None:
    """"a contentious exchange, which he acknowledged was not beneficial to either side": the
    reported clause's subject is a relative pronoun written before the speaker, so what was said is
    the antecedent with the rest of the clause ("a contentious exchange … was not beneficial…").
    Returns the antecedent's span and where the rest of the clause starts, or None."""
    if verb.dep_ != "relcl":
        return None
    relative = next((c for c in clause.children if c.dep_ in SUBJECTS and c.i < verb.i
                     and c.lower_ in ("which", "that", "who")), None)
    rest = [t for t in clause.subtree if t.i > verb.i]
    if relative is None or not rest:
        return None
    doc, noun = verb.doc, verb.head
    last = relative.i - 1
    while last > noun.left_edge.i and doc[last].is_punct:
        last -= 1
    return (noun.left_edge.idx, doc[last].idx + len(doc[last])), rest[0].idx


def _join_adjacent(contents: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Two contents of one cue with nothing but spaces between them are one: "noted that Macron
    had argued security guarantees should not wait…" is parsed as two clauses of "noted", but a
    verb of saying takes one clause, and nothing (no "and", no comma) joins a second."""
    ordered = sorted(contents)
    joined: list[tuple[int, int]] = []
    for span in ordered:
        if joined and not text[joined[-1][1]:span[0]].strip():
            joined[-1] = (joined[-1][0], max(joined[-1][1], span[1]))
        else:
            joined.append(span)
    if len(joined) == len(ordered):
        return contents
    return joined


def _past_dateline(subj: Token) -> Token:
    """"MACAU (AP) — Top donor Sheldon Adelson said": the parse makes the dateline the subject
    and the speaker its apposition after the dash."""
    for child in subj.rights:
        if child.dep_ == "appos" and any(t.text in ("—", "–", "--", "-") for t in subj.doc[subj.i + 1:child.left_edge.i]):
            return child
    return subj


def _inverted_subject(verb: Token) -> Token | None:
    """“…,” said Skelly — the speaker after the verb, which the parse often does not call a subject."""
    doc = verb.doc
    if verb.dep_ == "compound" and verb.head.i > verb.i and (verb.head.pos_ == "PROPN" or verb.head.text.istitle()):
        return verb.head  # "Said Ellis: “…”": the parse makes the verb part of the name
    before = doc[verb.i - 1] if verb.i > 0 else None
    if before is not None and not (before.is_punct or before.is_space):
        return None
    if verb.tag_ in ("VBG", "VBN", "TO") or verb.lemma_.lower() in HEARER_VERBS:
        return None  # "…, telling O'Reilly that": a participle's object is who was spoken to
    for child in verb.rights:
        if child.dep_ in ("advmod", "npadvmod", "dobj", "attr", "oprd", "dative", "appos") and child.pos_ in ("PROPN", "NOUN"):
            if child.left_edge.i == verb.i + 1 and (child.pos_ == "PROPN" or child.ent_type_ in ("PERSON", "ORG", "NORP")
                                                    or doc[verb.i + 1].pos_ == "DET"):
                return child
        break
    return None


# who is spoken to, as the verb's object ("told X that", "assured X that")
HEARER_VERBS = frozenset("tell assure inform remind warn advise notify brief".split())
# verbs whose object does what their infinitive or participle says ("forced X to admit", "left X
# feeling that"); a promise, an offer or a threat is carried out by its subject
SUBJECT_CONTROL = frozenset("promise vow pledge offer threaten agree".split())


def _object_before(verb: Token, clause: Token, preps: tuple[str, ...] = ()) -> Token | None:
    """The object `verb` hangs before its infinitive or participle `clause`, which is the one who
    is to do what `clause` says ("urged residents to stay", "forced X to admit"; with `preps`,
    also "called on Congress to act"); None for a promise, which its subject keeps."""
    if verb.lemma_.lower() in SUBJECT_CONTROL:
        return None
    for child in reversed([c for c in verb.children if c.i < clause.i]):
        if child.dep_ == "dobj":
            return child
        if child.dep_ == "prep" and child.lower_ in preps and child.i > verb.i:
            obj = _pobj(child)
            return None if obj is None or _is_time_phrase(obj) else obj  # "asked on Friday to…"
    return None


def _object_controller(v: Token) -> Token | None:
    """"forced Stumpf to admit that…", "left many nations feeling that…": the speaker of an
    infinitive or a participle hung on a verb with an object is that object (the footage of X
    asking → X)."""
    head = v.head
    if v.dep_ != "xcomp" or head.i == v.i:
        return None
    obj = _object_before(head, v)
    if obj is None:
        return None
    if obj.ent_type_ in ("DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL") or any(
            c.dep_ in SUBJECTS and c.lower_ == "it" for c in head.children):
        return None  # "it may take several days to determine…": no one
    if obj.pos_ == "NOUN" and not obj.ent_type_:
        for prep in obj.children:  # "footage of Hillary Clinton asking"
            inner = _pobj(prep) if prep.dep_ == "prep" and prep.lower_ == "of" else None
            if inner is not None and (inner.ent_type_ in ("PERSON", "ORG", "NORP") or inner.pos_ == "PROPN"):
                return inner
        if obj.lemma_.lower() in DOCUMENT_NOUNS or obj.lemma_.lower() in WORK_NOUNS:
            return None
    return obj if obj.pos_ in ("PROPN", "NOUN", "PRON") else None


def _appos_before_verb(subj: Token, verb: Token) -> Token:
    """"To understand the real Dred Scott, Chief Justice Roberts said, …": the parse makes the
    speaker an apposition of a noun of the clause before; the name right before the verb speaks."""
    doc = subj.doc
    if subj.i > verb.i:
        return subj
    for child in subj.rights:
        if (child.dep_ == "appos" and child.right_edge.i == verb.i - 1 and child.pos_ == "PROPN"
                and doc[child.left_edge.i - 1].text == "," and subj.left_edge.i > subj.sent.start):
            return child
    return subj


def _speaker_of(verb: Token) -> Token | None:
    v = verb
    for _ in range(5):
        agents = [c for c in v.children if c.dep_ == "agent"]
        subjects = [c for c in v.children if c.dep_ in SUBJECTS]
        if subjects:
            before = [c for c in subjects if c.i < v.i]
            subj = before[-1] if before else subjects[0]  # "CITY — Petra Vik said": two subjects, the nearer speaks
            if subj.dep_ == "nsubjpass" and agents:
                objs = [c for c in agents[0].children if c.dep_ == "pobj"]
                if objs:
                    return objs[0]
            return _appos_before_verb(_past_dateline(subj), v)  # a relative "who" stays as written: the people stage resolves it
        controller = _object_controller(v)
        if controller is not None:
            return controller
        if v.i == verb.i and v.lemma_.lower() in SPEECH:
            inverted = _inverted_subject(v)
            if inverted is not None:
                return inverted
        if v.dep_ in ("relcl", "acl") and (v.head.pos_ in ("PROPN", "PRON") or v.head.ent_type_ in ("PERSON", "ORG", "NORP")):
            return v.head
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ == "NOUN":
            return v.head  # "a letter alleging…", "a sign saying…"
        if v.dep_ in CLIMB and v.head.i != v.i:
            v = v.head
            continue
        break
    return None


# verbs that name what they quote: "dubbed him “Mr. Pothole”" is the namer's mixed quote
NAMING_VERBS = frozenset("call dub label brand term nickname".split())
# -ing nouns that name a text or a record, which does say things ("the ruling said…")
WRITTEN_ING = frozenset("ruling filing briefing posting recording listing finding reading writing warning "
                        "ranking polling hearing meeting rating".split())
REFLEXIVES = frozenset("itself himself herself themselves ourselves myself yourself".split())


def _hung_on_reported_clause(verb: Token) -> bool:
    """"X said A and added B", "X said “A,” and added": the parse hangs the second cue on the
    first one's reported clause; its speaker is the first cue's subject, not the clause's."""
    return (verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in verb.children)
            and verb.head.dep_ == "ccomp" and verb.head.head.lemma_.lower() in SPEECH)


def _speaker_past_quote(verb: Token, tx: _Text) -> Token | None:
    """The speaker of a cue hung on another cue's reported clause (whose subject, or a word of
    a quotation, the parse offers): the subject of the cue the clause belongs to."""
    if not _hung_on_reported_clause(verb):
        return None
    subj = _speaker_of(verb.head.head)
    return subj if subj is not None and not tx.in_quote(subj) else None


def _can_speak(subj: Token, verb: Token) -> bool:
    """A subject that makes no statement: an action named by a gerund ("the fighting has
    shown…"), or one that finds or shows itself ("Dorland finds itself navigating…")."""
    if (subj.pos_ == "NOUN" and subj.tag_ == "NN" and subj.lower_.endswith("ing") and not subj.ent_type_
            and subj.lower_ not in WRITTEN_ING):
        return False
    if subj.lower_ in ("'s", "’s", "us") and subj.i > 0 and subj.doc[subj.i - 1].lower_ == "let":
        return False  # "Let's say you think…": a supposition, nobody's statement
    if (subj.lower_ == "it" and subj.head.i != verb.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)):
        return False  # "it may take days to determine how…": an infinitive with a dummy "it"
    if verb.lemma_.lower() not in ("say", "tell"):
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in verb.children if c.dep_ in ("ccomp", "xcomp", "oprd") for g in c.children if g.dep_ == "nsubj"]
        if any(o.lower_ in REFLEXIVES for o in objects):
            return False
    return True


def _pobj(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _via_target(noun: Token) -> Token:
    """"a translation by Sky News" → Sky News; "a report from X" → X."""
    if noun.pos_ == "NOUN":
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("by", "from", "in", "on"):
                obj = _pobj(prep)
                if obj is not None:
                    return obj
    return noun


def _phrase(tokens: list[Token]) -> str:
    doc = tokens[0].doc
    return doc_text(doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]


def _find_via(verb: Token, sent: Span) -> str | None:
    """An intermediary attached to a reporting verb: "according to X", "quoted by X"…"""
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            if tok.head == verb or tok.head.head == verb or (tok.head.dep_ == "punct" and tok.head.head == verb):
                obj = _pobj(tok.doc[tok.i + 1])
                if obj is not None:
                    return _phrase(_mention_tokens(_via_target(obj)))
        if tok.lemma_ in VIA_VERBS and tok.i != verb.i and tok.tag_ == "VBN":
            if tok.head == verb or tok.head.head == verb or tok.head == _speaker_of(verb):
                for agent in tok.children:
                    if agent.dep_ == "agent":
                        obj = _pobj(agent)
                        if obj is not None:
                            return _phrase(_mention_tokens(_via_target(obj)))
    return None


def _is_via_verb(tok: Token) -> bool:
    """"(as) reported by X", "quoted by X": an intermediary, not a new statement."""
    return tok.lemma_ in VIA_VERBS and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)


def _verb_cue(tok: Token, tx: _Text) -> Cue | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if (lemma not in SPEECH and lemma not in INTENT and lemma not in OF_FOR and lemma not in NP_CONTENT
            and lemma not in PREP_CUES and lemma not in NAMING_VERBS and not _is_put_it(tok)):
        return None
    if _is_via_verb(tok):
        return None
    if _reduced_passive(tok):
        return None  # "when asked about the plan": put to the one the clause hangs on, not said by them
    first = _coordinated_with(tok)
    if first is not None and not _realized(first):
        return None  # "declined to threaten X or declare Y": the second verb did not happen either
    if (lemma not in PASSIVE_SPEAKER_VERBS and any(c.dep_ == "nsubjpass" for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children)):
        return None  # put to its subject by someone unnamed: not the subject's statement
    para = tx.paragraph(tok.idx)
    bounds = tx.paras[para]
    content = hole = None
    clauses = [c for c in tok.children if c.dep_ == "ccomp" and lemma in SPEECH and not _perceived(tok, c)]
    if not clauses and lemma in INTENT:
        clauses = [c for c in tok.children if c.dep_ == "xcomp"]
    if not clauses and lemma in OF_FOR:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("of", "for"):
                obj = _pobj(prep)
                if obj is not None and obj.pos_ == "VERB":
                    clauses = [obj]
    contents = []
    gaps: dict[tuple[int, int], tuple[int, int]] = {}
    for clause in sorted(clauses, key=lambda c: c.left_edge.i - c.right_edge.i):
        span = _clause_span(clause)
        addressee = _object_before(tok, clause, ("on", "upon")) if clause.dep_ == "xcomp" else None
        if addressee is not None and tok.i < addressee.left_edge.i:
            # "urged residents to stay indoors": who is to stay is part of what was urged
            span = (addressee.left_edge.idx, span[1])
        more = _coordinated_content(tok, clause, tx) if clause.dep_ == "ccomp" else None
        gap = None
        if more is not None:
            if clause.right_edge.i < tok.i < more.i:
                # “A,” X wrote in an email, and “B.”: the cue and its words lie between the parts
                member = more
                while member.head.i != tok.i and member.head.i != member.i:
                    member = member.head
                g0 = span[1]
                while g0 < member.left_edge.idx and (tx.text[g0] in ", " or g0 in tx.marks):
                    g0 += 1  # the closing mark of the first part stays with it
                gap = (g0, member.left_edge.idx)
            span = (span[0], more.idx + len(more))
        relative = _relative_subject(tok, clause)
        if relative is not None and gap is None:
            antecedent, rest = relative
            span, gap = (antecedent[0], span[1]), (antecedent[1], rest)
        span = _trim(tx.text, *_clip(span, bounds), doc=tx.doc)
        if len(WORD.findall(tx.text[span[0]:span[1]])) >= 2:
            contents.append(span)
            if gap is not None:
                gaps[span] = gap
    contents = _join_adjacent(contents, tx.text)
    if not contents and lemma in QUOTED_OBJECT:
        contents = _quoted_object(tok, tx, bounds)
    extra: list[Token] = []
    if not contents:
        contents, extra = _np_content(tok, tx, bounds)
        contents = [_coordinated_gerund(tok, span, bounds, tx) for span in contents]
    if not contents and _is_put_it(tok):
        contents = _put_it_content(tok, tx, bounds)
    if contents:
        contents = [_elaborated_on_cue(tok, _coordinated_on_cue(tok, span, bounds, tx), bounds, tx)
                    if span not in gaps else span for span in contents]
        content = contents[0]
        hole = gaps.get(content)
    elif tok.dep_ == "parataxis" and lemma in SPEECH and tok.head.i != tok.i:
        # "Clinton is ahead, he said, in every poll" parsed as parataxis: content is the head clause
        head = tok.head
        inner = _span_of([tok.left_edge, tok.right_edge])
        whole = _span_of([head.left_edge, head.right_edge])
        if inner[0] > whole[0] and _words(tx.text, inner[1], whole[1]) >= 2:
            content, hole = (whole[0], whole[1]), inner  # the cue sits inside its content
        elif inner[0] > whole[0]:
            content = (whole[0], inner[0])
        elif inner[1] < whole[1]:
            content = (inner[1], whole[1])
        if content:
            content = _clip(content, bounds)
    if content:
        content = _trim(tx.text, *content, doc=tx.doc)
        if len(WORD.findall(tx.text[content[0]:content[1]])) < 2:
            content = None
    if content is None or hole is None or not (content[0] < hole[0] and hole[1] < content[1]):
        hole = None
    subj = _issuer(tok) or _speaker_of(tok)
    subj = _speaker_past_quote(tok, tx) or subj
    if subj is not None and tx.in_quote(subj):
        subj = _subject_outside_quote(tok, tx)  # a word of the quotation does not speak it
    if subj is not None and not _can_speak(subj, tok):
        return None  # "the fighting has shown…", "Dorland finds itself…": no one speaks
    named = _person_right_before(tok, subj)
    if named is not None:
        speaker = _span_of(named)
    else:
        speaker = _span_of(_mention_tokens(subj)) if subj is not None else None
    cue_tokens = [tok] + [c for c in tok.children if c.dep_ == "prt"] + extra
    cue_tokens.sort(key=lambda t: t.i)
    return Cue(cue_tokens, speaker, content, para, via=_find_via(tok, tok.sent),
               contents=contents or ([content] if content else []), hole=hole,
               void=_reporters_question(tok, subj))


def _subject_outside_quote(verb: Token, tx: _Text) -> Token | None:
    """“… Full panic mode,” said Leslie Wimes: the parse takes a word of the quotation as the
    subject; the speaker is the verb's other subject, or the name right after the verb."""
    others = [c for c in verb.children if c.dep_ in SUBJECTS and c.i > verb.i and not tx.in_quote(c)]
    if others:
        return others[0]
    inverted = _inverted_subject(verb) if verb.lemma_.lower() in SPEECH else None
    return inverted if inverted is not None and not tx.in_quote(inverted) else None


def _is_own_cue(tok: Token) -> bool:
    """A reporting verb with a clause of its own ("…but did not suggest it would be Trump")."""
    return tok.lemma_.lower() in SPEECH and any(c.dep_ == "ccomp" for c in tok.children)


def _clause_span(clause: Token) -> tuple[int, int]:
    """The clause's subtree, without a trailing ", referring to…" participle aside or a
    coordinated report of its own."""
    right = clause.right_edge
    tail = _writers_tail(clause)
    if tail is not None:
        right = tail
    for child in reversed(list(clause.rights)):
        if child.i > right.i:
            continue
        if child.dep_ == "conj" and _coordinates_with_the_cue(clause, child):
            ccs = [c for c in clause.children if c.dep_ == "cc" and c.i < child.i]
            right = child.doc[(ccs[-1].i if ccs else child.left_edge.i) - 1]
            break
        if (child.dep_ == "conj" and _is_own_cue(child) and not (clause.dep_ == "xcomp" and child.tag_ == "VB")
                and not _second_that_clause(child)):
            # ("declined to threaten the union or declare it responsible": one infinitive, one content)
            ccs = [c for c in clause.children if c.dep_ == "cc" and c.i < child.i]
            right = child.doc[(ccs[-1].i if ccs else child.left_edge.i) - 1]
            break
    if right.dep_ == "cc" and right.head.i == clause.i:
        # "declined to threaten the union or even declare it…": the parse hangs the second
        # member on the cue; a clause does not end on "or", so it goes on to that member
        same_form = ("VB", "VBP") if clause.tag_ == "VB" else (clause.tag_,)  # a bare verb is often tagged VBP
        nxt = [c for c in clause.head.rights if c.left_edge.i == right.i + 1 and c.tag_ in same_form
               and not any(g.dep_ in SUBJECTS for g in c.children)]
        if nxt:
            right = nxt[0].right_edge
    more = _infinitive_coordinated_on_cue(clause, right)
    if more is not None:
        right = more.right_edge
    return _span_of([_past_leading_time(clause), right])


def _tokens_starting_in(doc: Doc, span: tuple[int, int]) -> list[Token]:
    """The tokens that start inside `span`, found by bisection over the token offsets (cached per
    Doc): a scan of the whole Doc for every cue made a long article's extraction quadratic."""
    starts = doc.user_data.get(_TOKEN_STARTS)
    if starts is None or len(starts) != len(doc):
        starts = doc.user_data[_TOKEN_STARTS] = [t.idx for t in doc]
    return list(doc[bisect_left(starts, span[0]):bisect_left(starts, span[1])])


_TOKEN_STARTS = "quotetrail.token_starts"


def _coordinated_gerund(verb: Token, span: tuple[int, int], bounds: tuple[int, int], tx: _Text) -> tuple[int, int]:
    """"mentioned refinancing student loans and forcing colleges to spend more": when the object
    is a gerund phrase (the parse may read its gerund as an adjective), a gerund phrase after
    "and"/"or" is coordinated with it and is part of what was said, wherever the parse hangs it.
    Only gerund with gerund: "mentioned the loans and leaving early" stays as it is."""
    doc = verb.doc
    toks = _tokens_starting_in(doc, span)
    if not toks or toks[0].tag_ != "VBG" or toks[-1].i + 1 >= len(doc):
        return span
    cc = doc[toks[-1].i + 1]
    if cc.dep_ != "cc" or cc.lower_ not in ("and", "or"):
        return span
    i = cc.i + 1
    while i < len(doc) and doc[i].dep_ == "advmod":
        i += 1
    if i >= len(doc):
        return span
    nxt = doc[i]
    inside = {t.i for t in toks}
    if (nxt.tag_ != "VBG" or any(c.dep_ in SUBJECTS for c in nxt.children)
            or not (nxt.head.i == verb.i or nxt.head.i in inside)):
        return span
    end = max(t.idx + len(t) for t in nxt.subtree if t.i >= nxt.i)
    return _trim(tx.text, *_clip((span[0], end), bounds), doc=tx.doc)  # doc.text rebuilds the whole text


_CLOSING = frozenset(",\"”’'") | {"''"}


def _coordinated_on_cue(verb: Token, span: tuple[int, int], bounds: tuple[int, int], tx: _Text) -> tuple[int, int]:
    """A second member coordinated with the end of the content, which the parse hangs on the cue
    verb: "memories of her father, and of all the people…" (a preposition), "condemned the test
    as “reckless” and a “grave threat”" (a second noun phrase), "spoke of the legacy…, and how
    the fight…" (a question clause), "said she wanted to speak to them and let them know…" (a bare
    verb after a past cue: it goes with the infinitive, not with "said"). None of these can be the
    cue's own second predicate, which is a verb in the cue's form ("said X and left"), or a clause
    with a subject of its own ("said X and the mayor agreed"): those stay out."""
    doc = verb.doc
    toks = _tokens_starting_in(doc, span)
    j = _past_closing(doc, toks, _CLOSING)
    if j is None:
        return span
    cc = doc[j]
    if cc.dep_ != "cc" or cc.lower_ not in ("and", "or", "but") or cc.head.i != verb.i:
        return span
    member = next((c for c in verb.rights if c.i > cc.i and c.left_edge.i == cc.i + 1), None)
    if member is None:
        return span
    kids = list(member.children)
    if member.pos_ == "ADP":
        ok = True  # "…, and of all the people"
    elif member.pos_ in ("NOUN", "PROPN") and member.dep_ in ("dobj", "conj", "pobj"):
        ok = True  # "…as “reckless” and a “grave threat”"
    elif member.pos_ in ("VERB", "AUX"):
        wh = doc[member.left_edge.i]
        ok = ((wh.tag_ in ("WRB", "WP") or (wh.dep_ == "mark" and wh.lower_ in ("whether", "if")))
              and wh.head.i == member.i)  # "…, and how the fight for justice went on"
        ok = ok or (member.tag_ == "VB" and verb.tag_ == "VBD" and cc.lower_ != "but"
                    and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass") for c in kids)
                    and any(t.tag_ == "VB" and any(a.lower_ == "to" for a in t.children) for t in toks))
    else:
        ok = False
    return _through_member(member, span, bounds, tx) if ok else span


_FOCUS = frozenset("particularly especially notably mainly mostly chiefly largely".split())


def _elaborated_on_cue(verb: Token, span: tuple[int, int], bounds: tuple[int, int], tx: _Text) -> tuple[int, int]:
    """"railed against the influence of super PACs, including the one supporting Bush" / "speaks
    about racial issues, particularly in the context of policing": a phrase after a comma that
    names part of what was said ("including…") or narrows it with a focusing adverb
    ("particularly…", "especially…") elaborates the content, though the parse hangs it on the cue."""
    doc = verb.doc
    j = _past_closing(doc, _tokens_starting_in(doc, span), _CLOSING - {","})
    if j is None or doc[j].text != ",":
        return span
    member = next((c for c in verb.rights if c.i > j and c.left_edge.i == j + 1), None)
    if member is None or member.dep_ not in ("prep", "advcl", "npadvmod"):
        return span
    first = doc[j + 1]
    if not (member.lower_ == "including" and member.i == j + 1) and not (
            first.lower_ in _FOCUS and first.dep_ == "advmod" and first.head.i == member.i):
        return span
    return _through_member(member, span, bounds, tx)


def _past_closing(doc: Doc, toks: list[Token], closing: frozenset[str]) -> int | None:
    """The index of the first token after a content's tokens and the closing marks in `closing`
    right after them; None when the content is empty or nothing follows past that token."""
    if not toks:
        return None
    j = toks[-1].i + 1
    while j < len(doc) and doc[j].text in closing:
        j += 1
    return j if j + 1 < len(doc) else None


def _through_member(member: Token, span: tuple[int, int], bounds: tuple[int, int], tx: _Text) -> tuple[int, int]:
    """`span` run on to the end of `member`, unless that lies past the paragraph."""
    end = member.right_edge.idx + len(member.right_edge)
    if member.right_edge.idx >= bounds[1]:
        return span
    return _trim(tx.text, *_clip((span[0], end), bounds), doc=tx.doc)


def _second_that_clause(conj: Token) -> bool:
    """"said the tapes were inconclusive and that the footage did not show…": a clause
    coordinated with the reported one under its own "that" is a second clause of the same report,
    even when its verb could report ("show", "suggest"): the "that" ties it to the cue."""
    return any(c.dep_ == "mark" and c.lower_ == "that" and c.i < conj.i for c in conj.children)


def _infinitive_coordinated_on_cue(clause: Token, right: Token) -> Token | None:
    """"promised to meet and in some cases exceed the targets": a second bare infinitive after
    "and"/"or" shares the first one's "to" and is part of what was promised, but the parse hangs it
    (and the coordinator) on the cue. Only a subjectless bare verb: "promised to help and kept his
    word" (a past form) or "…and said…" (a report of its own) is the cue's own second verb. A verb
    tagged as a present plural counts as bare unless the cue is one too ("they vow to fight and
    win" vs. "they vow to fight and say…")."""
    if clause.dep_ != "xcomp" or clause.tag_ != "VB" or right.i + 1 >= len(clause.doc):
        return None
    cue, cc = clause.head, clause.doc[right.i + 1]
    if cc.dep_ != "cc" or cc.head.i != cue.i:
        return None
    forms = ("VB",) if cue.tag_ == "VBP" else ("VB", "VBP")
    # the second verb, with whatever stands before it ("and in some cases exceed"), starts right
    # after the coordinator; the parse may hang it on the cue or on the cue's own head
    for c in clause.doc[cc.i + 1:min(cc.i + 8, len(clause.doc))]:
        if (c.dep_ == "conj" and c.left_edge.i == cc.i + 1 and c.tag_ in forms and not _is_own_cue(c)
                and c.lemma_.lower() not in SPEECH
                and not any(g.dep_ in SUBJECTS or g.dep_ == "aux" for g in c.children)):
            return c
    return None


# nouns that sum up the reported event in the writer's words: ", the clearest sign yet that…"
SUMMARY_NOUNS = frozenset("sign signal indication move step blow setback reversal escalation shift turn "
                          "departure rebuke boost twist acknowledgment acknowledgement admission".split())


def _writers_tail(clause: Token) -> Token | None:
    """The last token of the reported clause before the writer's own words begin, if they do:
    a participle after a comma (", implicitly putting his name on the line"), a "which" clause
    after a comma in the writer's present where the report is in the past ("said the tax would…,
    which has sparked anger"), or a summing-up apposition (", the strongest
    signal yet that…"). None when the clause runs to its end."""
    doc = clause.doc
    for tok in doc[clause.i + 1:clause.right_edge.i + 1]:
        left = tok.left_edge
        if left.i <= clause.i + 1 or doc[left.i - 1].text != ",":
            continue
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ in SUBJECTS for c in tok.children):
            pass
        elif tok.dep_ == "relcl" and left.lower_ == "which" and _in_writers_present(clause, tok):
            pass
        elif tok.dep_ == "advcl" and left.lower_ in ("although", "though") and _in_writers_present(clause, tok):
            pass  # ", although it may take days to know": the writer's caveat
        elif tok.dep_ in ("appos", "dobj", "npadvmod") and tok.pos_ == "NOUN" and (
                tok.lemma_.lower() in SUMMARY_NOUNS or any(c.tag_ == "JJS" for c in tok.children)):
            pass
        else:
            continue
        if tok.dep_ not in ("appos", "dobj", "npadvmod") and any(not t.is_punct for t in doc[tok.right_edge.i + 1:clause.right_edge.i + 1]):
            continue  # an aside in the middle ("the deals, which now cover five aides, did not…")
        # (a summing-up apposition is not: the parse hangs its "that…" on the reported verb)
        return doc[left.i - 2] if left.i - 2 >= clause.left_edge.i else None
    return None


_QUOTE_CHARS = set("\"“”«»„‘’'")


def _in_writers_present(clause: Token, relcl: Token) -> bool:
    """A "which" clause in the present tense after a report in the past ("Vik said the plan
    would…, which has angered…"): reported speech shifts its tenses back, the writer's own
    comment does not. Quoted words in it are the speaker's."""
    cue = clause.head
    if cue.tag_ != "VBD" or any(t.text in _QUOTE_CHARS for t in relcl.subtree):
        return False
    def tense(v):  # "past" for a past form or a backshifted modal, "present" for a present one
        out = set()
        for t in [v] + [a for a in v.children if a.dep_ in ("aux", "auxpass")]:
            if t.tag_ == "VBD" or (t.tag_ == "MD" and t.lower_ in ("would", "could", "might", "should", "'d", "’d")):
                out.add("past")
            elif t.tag_ in ("VBZ", "VBP") or t.tag_ == "MD":
                out.add("present")
        return out
    return "past" in tense(clause) and tense(relcl) == {"present"}


def _coordinates_with_the_cue(clause: Token, conj: Token) -> bool:
    """"said he would order a review and warned against…": a past-tense verb with no subject of
    its own, coordinated with a reported clause that is not in the past, goes with the cue (the
    parse hangs it on the clause). Only when a coordinator joins them: "any guarantees agreed on
    with Ukraine" is a participle the parse took for a second verb, and stays in the content."""
    return (conj.tag_ == "VBD" and clause.tag_ in ("VB", "VBZ", "VBP")
            and not any(c.dep_ in SUBJECTS for c in conj.children)
            and any(t.dep_ == "cc" for t in conj.doc[clause.i + 1:conj.i]))


def _is_time_phrase(tok: Token) -> bool:
    """"on Tuesday", "last week", "this morning": a phrase made only of a date or time."""
    words = [t for t in tok.subtree if not (t.is_punct or t.dep_ in ("det", "case") or (t.i == tok.i and t.dep_ == "prep"))]
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


def _past_leading_time(clause: Token) -> Token:
    """"said on Tuesday she would…": the parse hangs "on Tuesday" on the reported clause, but
    before the clause's subject (and with no "that") it says when the speaker spoke; so does a
    participle aside set off by commas ("said, referring to the plan, that…")."""
    subjects = [c for c in clause.lefts if c.dep_ in SUBJECTS]
    left = clause.left_edge
    if not subjects:
        return left
    for child in clause.lefts:
        if child.i >= subjects[0].left_edge.i:
            break
        aside = (child.dep_ == "advcl" and child.tag_ == "VBG" and child.right_edge.i + 1 < len(child.doc)
                 and child.doc[child.right_edge.i + 1].text == ",")  # "said, referring to the plan, that…"
        if child.left_edge.i != left.i or not (aside or (child.dep_ in ("prep", "npadvmod") and _is_time_phrase(child))):
            break
        left = child.doc[child.right_edge.i + 1]
        while left.is_punct and left.i < subjects[0].left_edge.i:
            left = left.doc[left.i + 1]
    return left


def _coordinated_content(verb: Token, clause: Token, tx: _Text) -> Token | None:
    """ "said X, but that Y" / "said X, but “Y”": a clause coordinated with the cue verb that
    continues its content (the parse hangs it on the verb). Returns its last token."""
    for child in verb.rights:
        if child.dep_ != "conj" or child.i <= clause.right_edge.i or _is_own_cue(child):
            continue
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child.right_edge
        if tx.regions_marked(child.left_edge.idx, child.idx) or tx.text[child.left_edge.idx:child.left_edge.idx + 1] in "“\"":
            return child.right_edge
        left = child.doc[child.left_edge.i]
        if left.is_punct and left.idx in tx.marks:
            return child.right_edge
    return None


OBJECT_DEPS = ("dobj", "oprd", "xcomp", "prep", "dative", "attr", "acomp", "advcl")


def _quoted_object(verb: Token, tx: _Text, bounds: tuple[int, int]) -> list[tuple[int, int]]:
    """Content for a cue with no clause but quoted words in its object: "called him a “nice guy”",
    "warned of a “ferocious” battle". Without quotation marks such objects are not statements."""
    rights = [c for c in verb.rights if c.dep_ in OBJECT_DEPS]
    if not rights:
        return []
    span = _clip(_span_of([rights[0].left_edge, rights[-1].right_edge]), bounds)
    marked = tx.quoting(*span)  # (a scare-quoted term in it is no statement either)
    if not marked and verb.lemma_.lower() in ("call", "label", "dub", "brand", "term", "describe"):
        # the parse often loses "called the offer “insulting” and “a stunt”": the quoted words
        # right after the object, up to the end of the sentence, are what it was called
        sent_end = min(verb.sent.end_char, bounds[1])
        starts = sorted({tx.regions[r].start: r for i, r in tx.marks.items() if span[1] <= tx.regions[r].start < sent_end}.items())
        gap = tx.doc.char_span(span[1], starts[0][0], alignment_mode="expand") if starts else None
        if (gap is not None and _words(tx.text, span[1], starts[0][0]) <= 4 and not tx.regions_marked(span[1], starts[0][0])
                and not any((t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) or (t.is_punct and t.text not in "’'-") for t in gap)):
            closing = tx.regions[starts[0][1]].end
            for start, r in starts[1:]:  # “insulting” and “a stunt”
                if not re.fullmatch(r"[\s,]*(?:and|or)?\s*", tx.text[closing:start]):
                    break
                closing = tx.regions[r].end
            span = (span[0], closing)
            marked = tx.quoting(*span)
    if not marked:
        return []
    span = (span[0], _through_coordinated_quotations(tx, span[1], min(verb.sent.end_char, bounds[1])))
    marked = tx.regions_marked(*span)
    closings = sorted({tx.regions[r].end for r in marked if span[0] < tx.regions[r].end <= span[1]})
    for end in closings:
        if re.match(r"\s*[,;(—–-]", tx.text[end:span[1]]):
            span = (span[0], end)  # an aside after the quoted words is the writer's: “X” – a man who…
            break
        if re.match(r"\s+(?:during|at|in|on|after|before|amid|while|when|since)\b", tx.text[end:span[1]]):
            span = (span[0], end)  # …and so is when and where it was said: “a crazy system” during a stop in…
            break
    span = _trim(tx.text, *span)
    return [span] if len(WORD.findall(tx.text[span[0]:span[1]])) >= 2 else []


# -- cues whose content is not a clause (issue 14) ------------------------------------------------

_SCENE_PREPS = frozenset("at during in on after before amid since while until throughout inside outside near".split())
_SCENE_ENTS = frozenset("DATE TIME GPE LOC FAC EVENT".split())
_COMPLEMENT_PREPS = {"as": None, "for": None, "over": None, "of": None, "about": None,
                     "to": ("liken", "compare", "refer"), "with": ("compare",)}


def _scene_pp(tok: Token) -> bool:
    """A prepositional phrase that sets the scene ("at the dinner", "on Monday", "in Ohio")."""
    if tok.dep_ != "prep" or tok.lower_ not in _SCENE_PREPS:
        return False
    obj = _pobj(tok)
    if tok.lower_ in ("during", "amid", "throughout", "while", "until"):
        return True
    return obj is not None and (obj.ent_type_ in _SCENE_ENTS or obj.lower_ in ("event", "rally", "dinner", "meeting",
                                                                              "interview", "hearing", "speech", "debate"))


def _np_span(head: Token, last: Token) -> tuple[int, int]:
    """From `head`'s left edge to `last`'s right edge, without a scene-setting phrase at its end or
    a comma-led aside ("the report, which…")."""
    doc = head.doc
    end = last.right_edge.i
    for t in doc[head.left_edge.i:end + 1]:
        if t.i > head.i and (_scene_pp(t) and t.right_edge.i == end):
            end = t.i - 1
            break
        if t.i > head.i and t.right_edge.i == end and (
                (t.dep_ == "relcl" and doc[t.left_edge.i - 1].text == "," and doc[t.left_edge.i].lower_ in ("which", "who"))
                or (t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("after", "before", "when", "while", "as", "because", "since")
                                              for m in t.children))):
            end = t.left_edge.i - 1  # a writer's aside (", which…") or the time of the act ("after she…")
            while end > head.i and doc[end].is_punct:
                end -= 1
            break
        if t.i > head.i and t.dep_ == "npadvmod" and t.ent_type_ in ("DATE", "TIME") and (
                t.right_edge.i == end or _only_scene_after(t, end)):
            end = t.left_edge.i - 1  # "…as a disgrace Wednesday (on The Morning Show)"
            break
    end = max(end, head.i)
    return _span_of([doc[head.left_edge.i], doc[end]])


def _only_scene_after(date: Token, end: int) -> bool:
    """"blasted him as a “disgrace” Wednesday on The Morning Show": after the day the act took
    place, phrases with a preposition hung beside the day (where, on what programme, in what
    interview) set the scene of the act too; they are not what was said."""
    doc = date.doc
    i = date.right_edge.i + 1
    if i > end:
        return False
    while i <= end:
        t = doc[i]
        if t.dep_ != "prep" or t.head.i != date.head.i or t.right_edge.i > end:
            return False
        i = t.right_edge.i + 1
    return True


def _personal(tok: Token) -> bool:
    return (tok.pos_ == "PRON" and tok.lower_ not in ("it", "this", "that", "what", "which", "these", "those")) or tok.ent_type_ == "PERSON"


def _np_content(verb: Token, tx: _Text, bounds: tuple[int, int]) -> tuple[list[tuple[int, int]], list[Token]]:
    """What was said when it is a noun phrase: the object with its complement ("denied the report",
    "accused Moscow of interfering", "called the plan a disaster", "likened him to a snake"), the
    object of a phrasal cue ("called for his replacement", "spoke of the legacy"), or, in the
    passive, the subject ("the talks were confirmed by the ministry"). Returns the content spans
    and the cue's extra tokens (the preposition of a phrasal cue)."""
    lemma = verb.lemma_.lower()
    if verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl") and not any(c.dep_ == "agent" for c in verb.children):
        return [], []  # "the denied request", "a plan proposed last year": not a report of speech
    if not _realized(verb) or _nested(verb):
        return [], []
    subj = _speaker_of(verb)
    if subj is None or subj.lemma_.lower() in EVIDENCE_NOUNS or subj.lower_ in ("that", "which"):
        return [], []  # no one speaks: "the study contradicted…", "a problem that demands…"
    spans: list[tuple[int, int]] = []
    extra: list[Token] = []
    rights = [c for c in verb.rights]
    preps = PREP_CUES.get(lemma, ())
    if preps:
        for c in rights:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = _pobj(c)
                if obj is not None and (obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in SPEAKING_SETTING):
                    continue  # when or how it was said ("spoke on Monday", "on condition of anonymity"), not what
                if obj is not None and not (lemma in ("ask", "warn") and _personal(obj)):
                    spans.append(_np_span(obj, obj))
                    extra = [c]
                break
            if c.dep_ in ("dobj", "ccomp", "xcomp"):
                break
    if not spans and lemma in NP_CONTENT:
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        objs = [c for c in rights if c.dep_ == "dobj"]
        if passive and any(c.dep_ == "agent" for c in verb.children):
            objs = passive
        if objs:
            obj = objs[0]
            physical = lemma in PHYSICAL_TOO and (obj.ent_type_ in ("GPE", "LOC", "FAC") or not _speaks(_speaker_of(verb)))
            hearer = lemma in HEARER_OBJECT and _personal(obj)
            said_noun = lemma in SUPPORT_VERBS and obj.lemma_.lower() in SPEECH_NOUNS  # the noun is the cue
            if not physical and not hearer and not said_noun and obj.lower_ not in ("what", "which", "who", "that"):
                last = obj
                complement = False
                for c in rights:
                    if c.i <= obj.i and obj.dep_ == "dobj":
                        continue
                    if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPS
                                            and (_COMPLEMENT_PREPS[c.lower_] is None or lemma in _COMPLEMENT_PREPS[c.lower_])):
                        last, complement = c, True
                        continue
                    if c.dep_ == "punct" or c.dep_ in ("advmod", "npadvmod"):
                        break
                    if c.dep_ not in ("agent",):
                        break
                if lemma not in NEEDS_COMPLEMENT or complement:
                    s, e = _np_span(obj, obj)
                    if last.i != obj.i:
                        e = _np_span(last, last)[1]
                    spans.append((s, e))
    out = []
    for span in spans:
        span = _trim(tx.text, *_clip(span, bounds))
        if _words(tx.text, *span) >= 2:
            out.append(span)
    return out, (extra if out else [])


_MODALS = frozenset("will would can could may might should must shall 'll 'd ca wo".split())


def _realized(verb: Token) -> bool:
    """A speech act that took place, as opposed to one wanted, possible or denied: not an
    infinitive ("to discuss the plan", "refused to disclose"), not under a modal ("would question",
    "cannot defend"), not negated, not a gerund after a preposition ("refrain from attacking")."""
    v = verb
    for _ in range(4):
        kids = list(v.children)
        if any(c.dep_ == "neg" for c in kids) or any(c.dep_ == "aux" and (c.lower_ in _MODALS or c.lower_ == "to") for c in kids):
            return False
        if v.dep_ in ("xcomp", "pcomp") or (v.dep_ == "advcl" and v.tag_ == "VB"):
            return False
        if v.dep_ == "conj" and v.head.i != v.i:
            v = v.head  # "will meet and discuss…": the first verb's auxiliaries count
            continue
        break
    return True


def _reduced_passive(verb: Token) -> bool:
    """A past participle heading a clause of its own with no subject, auxiliary or agent ("when
    asked about the plan", "if pressed on the deadline") is passive: its unnamed
    speaker put it to the one the clause hangs on. "having said that" has its auxiliary; "asked by
    reporters" has its agent and is read as theirs."""
    if verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "acl"):
        return False
    kids = list(verb.children)
    # with a subordinator ("when", "if", "after"): a clause-initial "Asked whether…, X said" is left
    # to the cue it introduces, which already gives X the answer
    return (any((c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")) and c.i < verb.i for c in kids)
            and not any(c.dep_ in SUBJECTS or c.dep_ in ("aux", "auxpass", "agent") for c in kids))


def _coordinated_with(verb: Token) -> Token | None:
    """The earlier verb a subjectless `verb` is coordinated with when the parse did not say so:
    "…to threaten the union or even directly declare it responsible" hangs "declare" elsewhere,
    but the "or" before it (past its adverbs) belongs to "threaten". None when `verb` has its own
    subject or no such coordinator precedes it."""
    if any(c.dep_ in SUBJECTS for c in verb.children) or verb.dep_ == "conj":
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ == "advmod" and verb.doc[i].head.i == verb.i:
        i -= 1
    if i < 0:
        return None
    cc = verb.doc[i]
    if cc.dep_ == "cc" and cc.head.i < verb.i and cc.head.pos_ in ("VERB", "AUX"):
        return cc.head
    return None


def _nested(verb: Token) -> bool:
    """A noun-phrase report inside another report's content ("he said he talked about…"): the
    outer report is the statement."""
    v = verb
    for _ in range(8):
        if v.head.i == v.i:
            return False
        if v.dep_ == "ccomp" and v.head.lemma_.lower() in SPEECH:
            return True
        v = v.head
    return False


def _speaks(tok: Token | None) -> bool:
    """A subject that can speak: a person, an organisation, a pronoun or a name."""
    return tok is not None and (tok.pos_ == "PRON" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"))


def _is_put_it(verb: Token) -> bool:
    """"as she put it", "as the memo puts it": the clause around is what was said."""
    return (verb.lemma_.lower() == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children))


def _put_it_content(verb: Token, tx: _Text, bounds: tuple[int, int]) -> list[tuple[int, int]]:
    head = verb.head
    if head.i == verb.i:
        return []
    inner = _span_of([verb.left_edge, verb.right_edge])
    whole = _span_of([head.left_edge, head.right_edge])
    if inner[0] > whole[0]:
        span = (whole[0], inner[0])
    else:
        span = (inner[1], whole[1])
    span = _trim(tx.text, *_clip(span, bounds))
    return [span] if _words(tx.text, *span) >= 2 else []


def _perceived(verb: Token, clause: Token) -> bool:
    """"she found her son lying on the floor", "he saw them leave": a small clause after a verb of
    perception (no tense, no "that") is what was perceived, not said."""
    if verb.lemma_.lower() not in SMALL_CLAUSE_PERCEPTION:
        return False
    finite = any(c.dep_ in ("aux", "auxpass", "mark") for c in clause.children) or clause.tag_ in ("VBD", "VBZ", "VBP", "MD")
    return not finite


def _issuer(verb: Token) -> Token | None:
    """"The group issued a statement saying…": the group speaks, not the statement."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.i == verb.i or noun.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in SUPPORT_VERBS:
        return _speaker_of(noun.head)
    return None


def _reporters_question(verb: Token, subj: Token | None) -> bool:
    """A question put by a reporter or an interviewer ("a reporter asked"): not a statement."""
    return (verb.lemma_.lower() in ("ask", "question", "press", "wonder") and subj is not None
            and subj.lemma_.lower() in QUESTIONERS)


def _noun_cue(tok: Token, tx: _Text) -> Cue | None:
    """A speech noun with a "that" clause: "allegations that…", "his claim that…", "she repeated
    her warning that…". The speaker is the possessor, a "by"/"from" phrase, or the subject of a
    verb that makes the noun its act ("made the claim that…")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in SPEECH_NOUNS:
        return None
    clause = None
    for c in tok.rights:
        # ("relcl" too: the parse often calls "the claim that he lied" a relative clause; "that" as
        # its mark, not its subject or object, makes it the noun's content)
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and c.pos_ in ("VERB", "AUX") and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children):
            clause = c
            break
    if clause is None:
        return None
    para = tx.paragraph(tok.idx)
    bounds = tx.paras[para]
    content = _trim(tx.text, *_clip(_clause_span(clause), bounds))
    if _words(tx.text, *content) < 3:
        return None
    who = None
    for c in tok.children:
        if c.dep_ == "poss":
            who = c
        elif c.dep_ == "prep" and c.lower_ in ("by", "from") and _pobj(c) is not None and c.i < clause.i:
            who = _pobj(c)
    if who is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in SUPPORT_VERBS:
        who = _speaker_of(tok.head)
    speaker = _span_of(_mention_tokens(who)) if who is not None else None
    return Cue([tok], speaker, content, para, contents=[content], anonymous=who is None)


def _names_a_work(region: Region, tx: _Text) -> bool:
    """A quotation that is the name of a work or a motto: "his favourite book is “…”", "“…” is my
    new motto", "a film titled “…”"."""
    doc, text = tx.doc, tx.text
    before = doc.char_span(max(0, region.start - 1), region.start, alignment_mode="expand")
    if before is not None and len(before) and before[0].i > 0:
        prev = doc[before[0].i - 1]
        while prev.i > 0 and (prev.is_space or prev.text in "“\"‘'"):
            prev = doc[prev.i - 1]
        if prev.lemma_ in ("be", "title", "entitle", "name", "call", "dub") or prev.lower_ in ("titled", "entitled", "called", "named"):
            nouns = [t for t in doc[max(prev.sent.start, prev.i - 5):prev.i] if t.pos_ == "NOUN"]
            if nouns and nouns[-1].lemma_.lower() in WORK_NOUNS:
                return True
    m = re.match(r"[\s,\"”’']*(?:is|was|has been|remains|became|will be)\s+((?:[A-Za-z’'-]+\s*){1,4})", text[region.end:region.end + 80])
    if m:
        for word in m.group(1).lower().split()[:4]:
            if word in WORK_NOUNS or (word.endswith("s") and word[:-1] in WORK_NOUNS):
                return True
    return False


def _through_coordinated_quotations(tx: _Text, end: int, limit: int) -> int:
    """“insulting” and “a stunt”: quotations joined by "and"/"or" right after `end` (the parse
    often hangs the second elsewhere) are named together. Returns the new end."""
    region = tx.region_at(end - 1)
    if region is None or tx.regions[region].end != end:
        return end
    following = tx.region_spans[bisect_right(tx.region_starts, end):bisect_left(tx.region_starts, limit)]
    for start, stop in following:
        if not re.fullmatch(r"[\s,]*(?:and|or)\s*", tx.text[end:start]):
            break
        end = stop
    return end


def _according_cue(tok: Token, tx: _Text) -> Cue | None:
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    obj = _pobj(doc[tok.i + 1])
    if obj is None:
        return None
    para = tx.paragraph(tok.idx)
    bounds = tx.paras[para]
    mention = _mention_tokens(obj)
    phrase = _span_of([tok, tok.right_edge])
    comma = tx.text.find(",", _span_of(mention)[1], phrase[1])
    if comma >= 0 and not re.match(r",\s+(?:a|an|the|who|which|whose)\b", tx.text[comma:phrase[1]]):
        phrase = (phrase[0], comma)  # "According to X, Ukraine and its allies are…": the parse ran on past X
    # the clause the phrase hangs on, minus the phrase itself
    head = tok.head
    while head.dep_ not in ("ROOT", "ccomp", "conj", "parataxis", "advcl") and head.head.i != head.i:
        head = head.head
    sent = tok.sent
    whole = _clip((sent.start_char, sent.end_char), bounds)
    text = tx.text
    hole = None
    if (text[:phrase[0]].rstrip().endswith(",") and text[phrase[1]:].lstrip().startswith(",")
            and _words(text, whole[0], phrase[0]) >= 3 and _words(text, phrase[1], whole[1]) >= 3):
        content, hole = whole, phrase  # "The plan, according to aides, will cost less"
    elif phrase[0] - whole[0] > whole[1] - phrase[1]:
        content = (whole[0], phrase[0])
    else:
        content = (phrase[1], whole[1])
    content = _trim(tx.text, *content)
    if len(WORD.findall(tx.text[content[0]:content[1]])) < 3:
        content = hole = None
    return Cue([tok, doc[tok.i + 1]], _span_of(mention), content, para, via=None,
               contents=[content] if content else [], hole=hole)


def _colon_cue(region: Region, tx: _Text) -> Cue | None:
    """"Trump: “…”" — a speaker right before a colon that opens the quotation."""
    s = region.start
    para = tx.paragraph(s)
    ps = tx.paras[para][0]
    before = tx.text[ps:s].rstrip()
    if not before and para > 0 and tx.text[tx.paras[para - 1][0]:tx.paras[para - 1][1]].rstrip().endswith(":"):
        # "He said:" / "The New York Times reports:" closing the paragraph before the quotation
        ps, s = tx.paras[para - 1][0], tx.paras[para - 1][1]
        before = tx.text[ps:s].rstrip()
    if not before.endswith(":"):
        return None
    pe = tx.paras[region.segments[-1].paragraph][1]
    if region.words(tx.text) < MIN_STATEMENT_WORDS and tx.text[region.end:pe].strip(" .!?"):
        return None  # "Sanders: ‘Of Course’ Clinton Is Qualified" — a quoted phrase in a headline
    colon = ps + len(before) - 1
    colon_tok = tx.doc.char_span(colon, colon + 1, alignment_mode="expand")
    if colon_tok is None:
        return None
    sent_start = max(ps, colon_tok[0].sent.start_char)
    span = tx.doc.char_span(sent_start, colon, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    if len(span) > 6:
        named = [e for e in span_entities(span) if e.end_char == colon and e.label_ in ("PERSON", "ORG")]
        if named:  # "… - Frank Newport and Jim Harter: “…”"
            return Cue([colon_tok[0]], _span_of(list(named[-1])), None, para)
        # "McConnell delivered a blunt message to Trump: “…”": the subject of the clause before
        tops = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        root = tops[-1] if tops else None
        subj = _speaker_of(root) if root is not None and root.pos_ in ("VERB", "AUX") else None
        if subj is None or tx.in_quote(subj) or subj.pos_ not in ("PROPN", "PRON", "NOUN") or subj.lower_ in ("it", "this", "that"):
            return None
        return Cue([colon_tok[0]], _span_of(_mention_tokens(subj)), None, para)
    heads = [t for t in span if t.pos_ in ("PROPN", "PRON", "NOUN") and not tx.in_quote(t)]
    if not heads:
        return None
    head = heads[-1]
    return Cue([colon_tok[0]], _span_of(_mention_tokens(head)), None, para)


_DASH_BYLINE = re.compile(r"[\s,.]*[―—–-]{1,2}\s*")


def _dash_cue(region: Region, tx: _Text) -> Cue | None:
    """"“…” ― Krystal Correa": a name after a dash that closes the quotation's paragraph."""
    last = region.segments[-1]
    pe = tx.paras[last.paragraph][1]
    m = _DASH_BYLINE.match(tx.text, region.end, pe)
    if m is None or not last.closed:
        return None
    tail = tx.doc.char_span(m.end(), pe, alignment_mode="expand")
    if tail is None or len(tail) == 0:
        return None
    name = []
    for t in tail:
        if t.pos_ == "PROPN" or (name and t.text in (".", "-")) or t.ent_type_ == "PERSON":
            name.append(t)
        else:
            break
    rest = tx.text[name[-1].idx + len(name[-1]):pe].strip() if name else ""
    if not name or len(name) > 6 or (rest and not rest.startswith((",", "(", "."))):
        return None
    while name and name[-1].is_punct:
        name.pop()
    return Cue([tail[0]], _span_of(name), None, last.paragraph) if name else None


REPORTING_OUTLET_VERBS = ("report", "write", "publish")


def _comma_before(text: str, at: int) -> bool:
    """Whether the last character before `at`, past white space, is a comma (looked for by index:
    slicing the text up to `at` copied most of the article for every cue)."""
    i = at - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] == ","


def _trailing_reports_are_via(cues: list[Cue], text: str) -> list[Cue]:
    """"Rebels took the airport, Colonel Ruiz told reporters, the Herald reported.": an outlet's
    report tacked on after a statement (the parse hangs it on the statement's cue, with no
    content of its own) names the intermediary, not a second statement."""
    by_head = {c.head.i: c for c in cues}
    out = []
    for c in cues:
        host = by_head.get(c.head.head.i)
        if (c.content is None and c.speaker and c.head.lemma_ in REPORTING_OUTLET_VERBS and host is not None
                and host is not c and host.speaker and host.end < c.speaker[0]
                and _comma_before(text, c.speaker[0])):
            host.via = host.via or text[c.speaker[0]:c.speaker[1]]
            continue
        out.append(c)
    return out


def _source_behind_report(host: Cue, according: Cue, text: str) -> bool:
    """"Bloomberg reports that…, according to the Roper Center": an outlet reporting what a
    source found; the source speaks and the outlet is the intermediary. Moves the speaker."""
    if host.head.lemma_ not in REPORTING_OUTLET_VERBS or according.speaker is None or host.speaker is None:
        return False
    if host.content is None or according.start < host.end or according.head.sent.start != host.head.sent.start:
        return False
    host.via = text[host.speaker[0]:host.speaker[1]]
    host.speaker = according.speaker
    return True


def _one_statement_per_report(cues: list[Cue], by_start: list[Cue], cue_starts: list[int]) -> list[Cue]:
    """A cue inside another cue's content is part of that content, not a statement of its own:
    "X said he planned to…" is X's statement only ("planned" is what X said). The exception is
    an outlet's report after a statement ("X said that…, the Post reported"): there the outlet is
    the intermediary (`via`, set before) and the statement is X's, so the outer cue goes. ("The
    Post reported that X had claimed…" stays the Post's: what X claimed is what it reported.)"""
    dropped: set[int] = set()
    outers = sorted((c for c in cues if c.content is not None and c.head.lower_ != "according"),
                    key=lambda c: c.content[0] - c.content[1])  # widest first
    for c in outers:
        if id(c) in dropped:
            continue
        inner = [i for i in by_start[bisect_left(cue_starts, c.content[0]):bisect_left(cue_starts, c.content[1])]
                 if i is not c and id(i) not in dropped and i.end <= c.content[1]
                 and not (c.hole is not None and c.hole[0] <= i.start < c.hole[1])]
        if not inner:
            continue
        if (c.head.lemma_ in REPORTING_OUTLET_VERBS and c.speaker and c.start >= c.content[1]
                and any(i.speaker and i.via is not None and i.head.lower_ != "according" for i in inner)):
            dropped.add(id(c))  # the report is how we know: the statement inside is the one
            continue
        dropped.update(id(i) for i in inner)
    return [c for c in cues if id(c) not in dropped]


class _ContentIndex:
    """The cues' content clauses by position: `index(start, end)` gives the (cue, content) pairs
    whose content overlaps [start, end), in the order of `cues` and of each cue's contents (the
    first good match wins, so order matters), without testing every content of the text."""

    def __init__(self, cues: list[Cue]):
        entries = sorted(((content[0], content[1], i, j, cue, content)
                          for i, cue in enumerate(cues) for j, content in enumerate(cue.contents)),
                         key=lambda e: e[0])
        self.entries = entries
        self.starts = [e[0] for e in entries]
        self.longest = max((e[1] - e[0] for e in entries), default=0)

    def __call__(self, start: int, end: int) -> list[tuple[Cue, tuple[int, int]]]:
        lo = bisect_left(self.starts, start - self.longest)
        hi = bisect_left(self.starts, end)
        found = sorted((e for e in self.entries[lo:hi] if e[1] > start), key=lambda e: (e[2], e[3]))
        return [(e[4], e[5]) for e in found]


def _words(text: str, s: int, e: int) -> int:
    return len(WORD.findall(text[s:e]))


def _overlap_words(text: str, spans: list[tuple[int, int]], s: int, e: int) -> int:
    n = 0
    for a, b in spans:
        lo, hi = max(a, s), min(b, e)
        if hi > lo:
            n += _words(text, lo, hi)
    return n


def _looks_like_title(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’']*", text)
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "at", "by", "with", "from"}
    big = [w for w in words if w.lower() not in small]
    return bool(big) and len(words) <= 10 and all(w[0].isupper() for w in big) and not re.search(r"[.!?]$", text)


def _single_quoted_subhead(region: Region, tx: _Text) -> bool:
    """A paragraph that is nothing but a short title in single marks ('All Bets Are Off.'): a
    subhead, as some outlets set them, not someone's words going on from the paragraph before.
    A title in title case, or a phrase of a few words with no verb; a sentence is left alone,
    as British outlets quote in single marks ('We will fight on.')."""
    seg = region.segments[0]
    if len(region.segments) != 1 or not seg.closed or tx.text[seg.start] not in "'\u2018" or not _whole_paragraph(region, tx):
        return False
    s, e = seg.content
    if _looks_like_title(tx.text[s:e].strip().rstrip(".!?…,")):
        return True
    span = tx.doc.char_span(s, e, alignment_mode="expand") if tx.doc.has_annotation("POS") else None
    return (_words(tx.text, s, e) < MIN_STATEMENT_WORDS and span is not None
            and not any(t.pos_ in ("VERB", "AUX") for t in span))


def _standalone(region: Region, tx: _Text) -> bool:
    """A quotation set off from its sentence (at its start, or after "," ":" "—"), as opposed to
    quoted words inside a sentence (a “phony attack”, the “Washington cartel”)."""
    text = tx.text
    seg = region.segments[0]
    ps = tx.paras[seg.paragraph][0]
    before = text[ps:seg.start].rstrip()
    if before and not (before[-1] in ",:;.!?—–-([" or before[-1] in "\"“”’'"):
        return False
    if region.words(text) < MIN_STATEMENT_WORDS:
        # a short one must also be set off after: “No,” he said — not “Daily Show” host
        last = region.segments[-1]
        inside = text[slice(*last.content)].rstrip() if last.closed else ""
        after = text[last.end:last.end + 2].lstrip()
        return inside[-1:] in (",", ".", "!", "?", "…") or after[:1] in (",", ".", "!", "?", ":", ";", "—", "–")
    return True


# a transcript's speaker label: "WALLACE: …", "SEN. VIK: …" (capitals, then a colon)
_SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'’\- ]{0,38}[A-Z]:\s+")


_STAGE_DIRECTION = re.compile(r"\s*[(\[][^()\[\]]{1,60}[)\]]\W*")


def _split_at_speaker_labels(regions: list[Region], text: str) -> list[Region]:
    """A quoted transcript ("WALLACE: …" / "PENCE: …", each paragraph opened by a mark that the
    last one never closes) is one turn per label, not one quotation: each labelled paragraph
    starts a quotation of its own, and the label is left outside it, where the colon rule
    (`_colon_cue`) reads it as the speaker. The content never runs into the next label."""
    out = []
    for region in regions:
        current: list[Segment] = []
        labelled = False
        for seg in region.segments:
            s = seg.content[0]
            m = _SPEAKER_LABEL.match(text, s, seg.content[1])
            if m is not None:
                if current:
                    out.append(Region(current))
                seg = Segment(m.end(), seg.end, seg.closed, seg.paragraph, 0, seg.close_len)
                current = []
            elif labelled and _STAGE_DIRECTION.fullmatch(text, s, seg.content[1]):
                if current:  # "(CROSSTALK.)" ends a turn and is nobody's words
                    out.append(Region(current))
                out.append(Region([seg]))
                current = []
                continue
            labelled = labelled or m is not None
            current.append(seg)
        if current:
            out.append(Region(current))
    return out


def _opens_inside_content(region: Region, cue: Cue, text: str) -> bool:
    """The quotation opens after words of the cue's own content clause ("that they “be…”"),
    so the statement is the clause: a mixed quote, not the quoted words alone."""
    if (cue.content is None or not (cue.content[0] < region.start <= cue.content[1]) or cue.start > cue.content[0]
            or len(region.segments) > 1 or _words(text, cue.content[1], region.end) > 0):
        return False  # (only a quotation after its clause's cue, closed where the clause ends)
    before = re.sub(r"^\W*that\b", "", text[cue.content[0]:region.start])
    return bool(WORD.search(before))


def _subject_before_quotation(region: Region, cue: Cue, tx: _Text) -> int | None:
    """“Prices “will keep rising,” the minister said”, “both sides “will have to…,” according to
    X”: the quotation opens inside the clause after its subject, and the cue that follows
    attributes that clause. English makes the subject part of the statement (without it the reader
    no longer knows who "will have to"), so what was said is the whole clause, of which only the
    predicate is quoted: a mixed quote from the subject to the closing mark. A sentence adverbial or
    a conjunction before the subject ("However,", "But") is the writer's link, not the statement.
    The quoted predicate's verb must be the cue's own clause (its head, or hung on it), so a
    quotation inside a clause the cue does not report ("X believes the council “…”, Y said") is
    left as it was. Returns where the statement starts (the subject, or a word of the clause before
    it that is no adverbial: "What the council did “was…”"), or None."""
    seg = region.segments[0]
    if len(region.segments) != 1 or not seg.closed or cue.start < region.end or cue.paragraph != seg.paragraph:
        return None
    if _SENTENCE_BREAK.search(tx.text[region.end:cue.start].strip()):
        return None  # (the cue must attribute this sentence)
    q0, q1 = seg.content
    quoted = [t for t in _tokens_starting_in(tx.doc, (q0, q1)) if not (t.is_punct or t.is_space)]
    verbs = [t for t in quoted if (t.head.i == t.i or not q0 <= t.head.idx < q1) and t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1:
        return None
    verb = verbs[0]
    if not (verb.head.i == cue.head.i or (cue.head.head.i == verb.i and cue.head.i != verb.i)):
        return None
    subj = next((c for c in verb.children if c.dep_ in SUBJECTS + ("expl",)), None)
    if subj is None or subj.idx >= seg.start or tx.in_quote(subj) or subj.tag_ in ("WDT", "WP", "WP$"):
        return None
    # the clause's other words before its subject ("What the council did…", "Will the council…"),
    # not its sentence adverbials and conjunctions
    first = min([subj] + [c for c in verb.children if c.i < subj.i and c.dep_ not in _SENTENCE_LINKS],
                key=lambda c: c.left_edge.i).left_edge
    if first.idx < tx.paras[seg.paragraph][0] or first.sent.start != verb.sent.start:
        return None
    return first.idx


# what links a sentence to the one before or sets its scene, the writer's words before a statement:
# "However,", "But", "On Monday", "If talks fail," (and the punctuation between)
_SENTENCE_LINKS = frozenset("cc advmod npadvmod prep advcl mark intj punct dep meta".split())


def _quotes_whole_content(ri: int, cue: Cue, content: tuple[int, int], tx: _Text) -> bool:
    """The cue's content is the quotation ("said “the budget is balanced” and left"): it opens the
    content clause, no unquoted word of the clause governs a quoted one, and the clause does not
    go on past the closing mark. The marks then enclose the whole of what was said, a direct quote
    however short. Not so "said “boots on the ground” would be…" ("would be" governs the quotation),
    "said the budget was “balanced”" (the clause opens before it) or "said “race still matters” in
    America, including…" (it goes on after it): mixed quotes. Nor what a naming verb names (what
    they called “fraud”): a label, as `_naming_content` has it."""
    region = tx.regions[ri]
    seg = region.segments[0]
    s, e = content
    if len(region.segments) != 1 or not seg.closed or ri in tx.scare or cue.head.lemma_.lower() in NAMING_VERBS:
        return False
    q0, q1 = seg.content
    if _words(tx.text, *sorted((s, q0))) or _words(tx.text, e, q1):
        return False
    quoted = [t for t in _tokens_starting_in(tx.doc, (q0, q1)) if not t.is_space]
    if not quoted or any(s <= t.head.idx < e and not q0 <= t.head.idx < q1 for t in quoted):
        return False
    # the parse hangs what follows the closing mark on the quoted words: only a phrase that says
    # when it was said ("on Friday", "before leaving") is outside the clause, the writer's words
    tail = _tokens_starting_in(tx.doc, (seg.end, e))
    return all(t.is_punct or _said_when(t) for t in tail if q0 <= t.head.idx < q1)


def _said_when(tok: Token) -> bool:
    """"on Friday", "last week", "before leaving", "after she…", "when he…": the time of the act."""
    if _is_time_phrase(tok) or (tok.dep_ == "prep" and tok.lower_ in ("before", "after")):
        return True
    return tok.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in ("before", "after", "when", "while")
                                       for m in tok.children)


def _cue_right_before(region: Region, cues: list[Cue], tx: _Text) -> Cue | None:
    start = region.start
    if region.words(tx.text) < 2:
        return None
    for cue in cues:
        if (cue.head.lower_ != "according" and cue.head.lemma_ not in PERCEPTION and cue.end <= start
                and not tx.text[cue.end:start].strip(" ,:")):
            return cue
    return None


def _whole_paragraph(region: Region, tx: _Text) -> bool:
    seg = region.segments[0]
    ps, pe = tx.paras[seg.paragraph]
    last = region.segments[-1]
    return seg.start == ps and tx.text[last.end:tx.paras[last.paragraph][1]].strip() == ""


def _ends_paragraph(found: Found, tx: _Text) -> bool:
    """The quote's last quotation (and its attribution, if after it) closes its paragraph."""
    region = found.regions[-1]
    pe = tx.paras[region.segments[-1].paragraph][1]
    tail = tx.text[region.end:pe]
    if found.cue is not None and found.cue.start >= region.end:
        return _words(tx.text, region.end, pe) <= NEAR_TOKENS and not _SENTENCE_BREAK.search(tail)
    return tail.strip() in ("", ".")


# a sentence ends at . ! ? and a space, but not after an initial or a title ("Leo E. Marsh", "Dr. Vik")
_SENTENCE_BREAK = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Jr|Sr))(?<!\b(?:Mrs|Sen|Rep|Gov|Gen|Col|Lt\.))(?<!\bSgt)(?<!\bProf)[.!?]\s+\S")


_CONTINUED = re.compile(r",\s*(?:and|but)\s*$")  # “A,” said B, and “C.”: C goes on with A


def _between_is_attribution(text: str, a: int, b: int, cue: Cue) -> bool:
    """Only the attribution lies between two quotations: a few words, or one sentence holding the
    cue (“A,” said X, a long description of X. “B.”)."""
    if not (a <= cue.start and cue.end <= b):
        return False
    n = _words(text, a, b)
    return n <= NEAR_TOKENS or (n <= 3 * NEAR_TOKENS and not _SENTENCE_BREAK.search(text[a:b].strip()))


def _within_attribution(cue: Cue, host: Cue) -> bool:
    """“A,” X said at the gala, where Y also spoke. “B.”: a cue with nothing said, inside the
    attribution of the quotation before (a clause of its verb), does not take the next one."""
    return (cue.content is None and not cue.contents and cue.speaker is not None and host.start < cue.start
            and host.head.sent.start == cue.head.sent.start and host.head.is_ancestor(cue.head))


_ELIDED = re.compile(r"\w")


def joined_text(text: str, spans: list[tuple[int, int]]) -> str:
    """A quote's words from its spans: a space where only quotation marks and line breaks lie
    between two spans (a quotation running on over paragraphs), " … " where words were left out
    (“We are ready,” she said. “We will talk.” → "We are ready … We will talk."), so the two
    sentences do not run into one."""
    parts = [text[spans[0][0]:spans[0][1]]] if spans else []
    for (_, end), (start, stop) in zip(spans, spans[1:]):
        parts.append(" … " if _ELIDED.search(text, end, start) else " ")
        parts.append(text[start:stop])
    return "".join(parts)


def extract(doc: Doc, article_id: str = "") -> list[Quote]:
    """Direct, mixed and reported-speech quotes in `doc`, with cue, speaker as written and via."""
    text = doc_text(doc)
    paras = paragraphs(text)
    if not paras:
        return []
    regions = _split_at_speaker_labels(find_quotations(text, paras), text)
    tx = _Text(doc, regions, paras)
    parsed = doc.has_annotation("DEP")

    # 1. cues, outside quotations (speech inside a quotation stays inside it)
    cues: list[Cue] = []
    if parsed:
        _mend_lemmas(doc)
        for tok in doc:
            if not tok.dep_ or tx.in_quote(tok):
                continue
            cue = None
            if tok.lower_ == "according":
                cue = _according_cue(tok, tx)
            elif tok.pos_ in ("VERB", "AUX"):
                cue = _verb_cue(tok, tx)
            elif tok.pos_ == "NOUN":
                cue = _noun_cue(tok, tx)
            if cue is not None:
                cues.append(cue)
        cues += _recall_cues(tx, cues)
    # an "according to X" on a clause that already has a speaker is the intermediary, not a cue
    verb_cues = {c.head.i: c for c in cues if c.head.lower_ != "according"}
    kept = []
    for c in cues:
        if c.head.lower_ == "according":
            target = c.head.head
            hosts = [verb_cues.get(target.i), verb_cues.get(target.head.i)]
            host = next((h for h in hosts if h is not None and h.speaker), None)
            person = c.speaker is not None and any(
                t.ent_type_ == "PERSON" for t in doc.char_span(*c.speaker, alignment_mode="expand") or ())
            if host is not None and _source_behind_report(host, c, text):
                continue
            if host is not None and not person:
                host.via = host.via or text[c.speaker[0]:c.speaker[1]]
                continue
        kept.append(c)
    cues = kept
    # nested reports: "X said that…, the Post reported" → the Post is X's intermediary too.
    # Cues are looked up by position (a long text has thousands: each against each is too slow).
    by_start = sorted(cues, key=lambda c: c.start)
    cue_starts = [c.start for c in by_start]
    for c in cues:
        if c.content is None or not c.speaker or c.head.lemma_ not in REPORTING_OUTLET_VERBS:
            continue
        for inner in by_start[bisect_left(cue_starts, c.content[0]):bisect_left(cue_starts, c.content[1])]:
            if inner is not c and inner.via is None:
                inner.via = text[c.speaker[0]:c.speaker[1]]
    cues = _one_statement_per_report(_trailing_reports_are_via(cues, text), by_start, cue_starts)

    found: list[Found] = []
    region_cue: dict[int, Cue | None] = {}
    in_mixed: set[int] = set()
    from_subject: dict[int, int] = {}  # quotation → start of its clause's subject outside the marks

    # 2. quotations that are a cue's content, or sit next to a cue
    overlapping = _ContentIndex(cues)
    for ri, region in enumerate(regions):
        rspans = region.spans(text)
        if not rspans:
            continue
        best = None
        whole = False
        start = None  # where the statement starts when its subject is outside the marks (of `best`)
        for cue, content in overlapping(region.start, region.end):
            if _quotes_whole_content(ri, cue, content, tx):
                best, whole = cue, True
                break
            start = _subject_before_quotation(region, cue, tx)
            if start is not None:
                best = cue  # (however few of the clause's words are quoted: "Prices “will rise,” X said")
                break
            cwords = _words(text, *content)
            shared = _overlap_words(text, rspans, *content)
            if shared and shared * 2 >= cwords:
                best = cue
                break
            if shared and shared * 2 >= region.words(text):
                in_mixed.add(ri)  # quoted words inside a reported clause: a mixed quote
        standalone = whole or _standalone(region, tx)
        if not standalone and best is None:
            # "she declared “What a night!”": the quotation is the object of the cue right before it
            before = _cue_right_before(region, cues, tx)
            if before is not None:
                best, standalone = before, True
                start = _subject_before_quotation(region, before, tx)
        if start is not None and best.content is not None and best.content[1] > best.end and start < best.content[1]:
            # "Dorn “has lied,” Vik said, and “should resign”": the clause goes on past its cue, so the
            # cue's content is the mixed quote (step 4), from the subject
            best.contents = [(start, c[1]) if c == best.content else c for c in best.contents]
            best.content = (start, best.content[1])
            in_mixed.add(ri)
            best = None
        elif start is not None:  # "Prices “will keep rising,” X said": mixed, from the subject (step 3)
            from_subject[ri] = start
            standalone = True
            in_mixed.discard(ri)
        if best is not None and not standalone and region.words(text) < MIN_STATEMENT_WORDS:
            in_mixed.add(ri)  # a quoted term that is most of a short clause: the clause is the quote
            best = None
        if best is not None and not standalone and _opens_inside_content(region, best, text):
            in_mixed.add(ri)  # "insists that they “be drafted…”": the clause, with its quoted words
            best = None
        if not standalone and best is None:
            in_mixed.add(ri)  # a fragment inside a sentence: a term, or part of a mixed quote
        if best is None and ri not in in_mixed:
            best = _nearby_cue(region, cues, tx, regions)
        if best is None and ri not in in_mixed:
            best = _colon_cue(region, tx)
        if best is None and ri not in in_mixed:
            best = _dash_cue(region, tx)
        region_cue[ri] = best

    # 3. turn quotations into quotes, merging ones split by their attribution
    last: Found | None = None
    for ri, region in enumerate(regions):
        rspans = region.spans(text)
        if not rspans or ri in in_mixed:
            continue
        cue = region_cue.get(ri)
        if (cue is not None and cue.void) or _names_a_work(region, tx):
            continue  # a reporter's question, a title or a motto: not a statement
        para = region.segments[0].paragraph
        nwords = region.words(text)
        if last is not None and last.paragraph == para and last.cue is not None:
            prev_end = last.regions[-1].end
            same_cue = cue is not None and (cue is last.cue or _within_attribution(cue, last.cue)) and (
                _standalone(region, tx) or _CONTINUED.search(text, last.regions[-1].end, region.start) is not None)
            if same_cue or (cue is None and _between_is_attribution(text, prev_end, region.start, last.cue)):
                last.spans.extend(rspans)
                last.regions.append(region)
                continue
        if (last is not None and last.paragraph == para and last.cue is None and cue is not None
                and _standalone(region, tx) and _between_is_attribution(text, last.regions[-1].end, region.start, cue)):
            # “A,” X went on, “B.” where the parse gave the cue only B: A is X's too
            last.spans.extend(rspans)
            last.regions.append(region)
            last.cue, last.speaker = cue, cue.speaker
            cue.used = True
            continue
        if cue is None and _single_quoted_subhead(region, tx):
            continue  # a subhead, nobody's statement
        if (cue is None and last is not None and last.kind == "direct" and last.paragraph == para - 1
                and _whole_paragraph(region, tx) and _ends_paragraph(last, tx)):
            # a quote paragraph right after "…,” she said." goes on with the same quotation
            last.spans.extend(rspans)
            last.regions.append(region)
            last.paragraph = region.segments[-1].paragraph
            continue
        if cue is None:
            content = " ".join(text[s:e] for s, e in rspans)
            if nwords < MIN_STATEMENT_WORDS or _looks_like_title(content):
                continue  # a term, a scare quote or a title
        start = from_subject.get(ri)
        if start is None and cue is not None:
            start = _subject_before_quotation(region, cue, tx)  # (a cue found near the quotation)
        if start is not None:
            f = Found("mixed", [(start, region.end)], cue, cue.speaker, para, [region])
        else:
            f = Found("direct", list(rspans), cue, cue.speaker if cue else None, para, [region])
        if cue is not None:
            cue.used = True
        found.append(f)
        last = f

    # 4. reported speech: cue clauses not already a direct quote
    direct_chars = [(s, e) for f in found for s, e in f.spans]
    for cue in cues:
        if cue.used or cue.content is None or cue.void:
            continue
        s, e = cue.content
        cwords = _words(text, s, e)
        if _overlap_words(text, direct_chars, s, e) * 2 >= cwords:
            continue
        for ri in tx.regions_marked(s, e):  # keep quoted words whole: "in “serious trouble.”", not "in “serious trouble"
            segs = [seg for seg in regions[ri].segments if seg.paragraph == cue.paragraph]
            if segs and s <= segs[0].start < e < segs[-1].end and _words(text, e, segs[-1].end) <= cwords:
                e = segs[-1].end  # a quotation opened inside the clause runs to its closing mark
            if segs and segs[0].start < s <= segs[0].content[0] and segs[0].end <= e:
                s = segs[0].start  # and one the clause starts with keeps its opening mark (the parse may leave it out)
        spans = [(s, e)]
        if cue.hole is not None:
            spans = [p for p in (_trim(text, s, cue.hole[0]), _trim(text, cue.hole[1], e)) if p[1] > p[0]]
        inside = tx.quoting(s, e)  # (a scare-quoted term leaves the clause indirect)
        found.append(Found("mixed" if inside else "indirect", spans, cue, cue.speaker, cue.paragraph))

    # 5. quotations with no speaker of their own: the same paragraph's, else the previous one's
    found.sort(key=lambda f: f.spans[0][0])
    found = _continue_mixed_quotes(found, text)
    for i, f in enumerate(found):
        if f.speaker is not None or (f.cue is not None and f.cue.anonymous):
            continue
        donor = None
        for g in reversed(found[:i]):
            if g.paragraph < f.paragraph - 1:
                break
            if g.speaker is not None:
                donor = g
                break
        if donor is None:
            for g in found[i + 1:]:
                if g.paragraph != f.paragraph:
                    break
                if g.speaker is not None:
                    donor = g
                    break
        if donor is not None:
            f.speaker = donor.speaker
            f.via = donor.via or (donor.cue.via if donor.cue else None)

    quotes = []
    for f in found:
        spans = [(s, e) for s, e in f.spans if e > s]
        if not spans:
            continue
        key = f"{article_id}\0" + ";".join(f"{s},{e}" for s, e in spans)
        qid = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
        cue_text = None
        via = f.via
        if f.cue is not None:
            cue_text = text[f.cue.start:f.cue.end]
            via = via or f.cue.via
        quotes.append(Quote(
            id=f"{article_id}-{qid}" if article_id else qid,
            article=article_id,
            kind=f.kind,
            text=joined_text(text, spans),
            spans=spans,
            cue=cue_text,
            mention=text[f.speaker[0]:f.speaker[1]] if f.speaker else None,
            mention_start=f.speaker[0] if f.speaker else None,
            mention_end=f.speaker[1] if f.speaker else None,
            via=via,
        ))
    return quotes


def _continue_mixed_quotes(found: list[Found], text: str) -> list[Found]:
    """Its statement goes on in a quotation after a mixed quote's attribution: in “The answers
    are “not meeting the demand,” says X, a founder. “We often compare it to…”” the second
    quotation is X's statement continued, one quote with the first (as “A,” said X. “B.” is)."""
    out: list[Found] = []
    for f in found:
        g = out[-1] if out else None
        if (g is not None and f.kind == "direct" and f.cue is None and f.regions and g.kind == "mixed"
                and g.cue is not None and g.paragraph == f.paragraph
                and g.spans[-1][1] <= g.cue.start and g.cue.end <= f.regions[0].start
                and _between_is_attribution(text, g.spans[-1][1], f.regions[0].start, g.cue)):
            g.spans.extend(f.spans)
            continue
        out.append(f)
    return out


def _nearby_cue(region: Region, cues: list[Cue], tx: _Text, regions: list[Region]) -> Cue | None:
    """A cue in the same paragraph right after the quotation ("…,” he said) or right before it
    ("He said, “…”"), with nothing quoted in between."""
    text = tx.text
    first, last = region.segments[0], region.segments[-1]
    best, best_gap = None, None
    for cue in cues:
        if cue.head.lower_ == "according" and cue.content is not None:
            continue
        if cue.paragraph == last.paragraph and cue.start >= last.end:
            a, b = last.end, cue.start
        elif cue.paragraph == first.paragraph and cue.end <= first.start:
            a, b = cue.end, first.start
        else:
            continue
        gap = _words(text, a, b)
        if gap > NEAR_TOKENS or any(regions[r].words(text) > 2 for r in tx.regions_marked(a, b)):
            continue  # (a quoted nickname in between, Marcia “Cia” Vik, is part of the attribution)
        if cue.contents:
            # a cue whose content clauses lie elsewhere does not attribute this quotation
            if not any(_words(text, *c) <= 3 or _overlap_words(text, region.spans(text), *c) * 2 >= _words(text, *c)
                       for c in cue.contents):
                continue
        if best_gap is None or gap < best_gap:
            best, best_gap = cue, gap
    return best


# ---------------------------------------------------------------------------------------------
# Recall: reported speech the clause and noun-phrase rules above miss. Each returns a content
# span for a cue verb (or None); _recall_cues fills a contentless cue or adds a new one.

def _np_gate(verb: Token) -> Token | None:
    """The speaker of a noun-phrase report when the report counts: it took place, it is not inside
    another report, and its subject can speak (not "the study", not "which")."""
    if not _realized(verb) or _nested(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("amod", "acl")):
        return None
    subj = _speaker_of(verb)
    if subj is None or subj.lemma_.lower() in EVIDENCE_NOUNS or subj.lower_ in ("that", "which", "it"):
        return None
    return subj


def _gerund_content(verb: Token) -> tuple[int, int] | None:
    """"He proposes doing away with the mandate", "she suggested looking at the bills": a gerund
    clause as the object of a verb of saying is what was proposed or said."""
    if verb.lemma_.lower() not in GERUND_CONTENT or any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None
    for c in verb.rights:
        if c.dep_ == "xcomp" and c.tag_ == "VBG" and not any(g.dep_ in SUBJECTS for g in c.children):
            return _np_span(c, c)
    return None


def _call_for_content(verb: Token) -> tuple[int, int] | None:
    """"called for compensation to be clawed back": the parse makes "for" a marker of an adverbial
    clause rather than a preposition; the clause after it is what was called for. Also "called
    Friday for releasing the videos", where the date is parsed as the object."""
    if verb.lemma_.lower() != "call":
        return None
    for c in verb.rights:
        marks = [m for m in c.children if m.dep_ == "mark" and m.lower_ == "for" and m.i < c.i]
        if c.dep_ == "advcl" and marks and marks[0].i == c.left_edge.i:
            return _span_of([verb.doc[marks[0].i + 1], c.right_edge])
        if c.dep_ == "prep" and c.lower_ == "for" and not list(c.children):
            # (or "for" hung bare on the verb, the clause after it as the verb's complement)
            nxt = [k for k in verb.rights if k.dep_ in ("ccomp", "advcl") and k.left_edge.i == c.i + 1]
            if nxt and any(a.dep_ == "aux" and a.lower_ == "to" for a in nxt[0].children):
                return _span_of([verb.doc[c.i + 1], nxt[0].right_edge])
    objs = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "npadvmod")]
    if objs and all(o.ent_type_ in ("DATE", "TIME") for o in objs):
        for c in verb.rights:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == objs[-1].right_edge.i + 1:
                obj = _pobj(c) or next((g for g in c.children if g.dep_ == "pcomp"), None)
                if obj is not None:
                    return _np_span(obj, obj)
    return None


def _naming_content(verb: Token) -> tuple[int, int] | None:
    """"Clinton called her vote in favor of the war a mistake": object and predicate, when a
    phrase the parse hung on the verb sits between them (the object's own modifier)."""
    if verb.lemma_.lower() not in NAMING_PREDICATE:
        return None
    objs = [c for c in verb.rights if c.dep_ == "dobj"]
    preds = [c for c in verb.rights if c.dep_ == "oprd" and c.pos_ in ("NOUN", "ADJ") and objs and c.i > objs[0].i]
    if not objs or not preds or objs[0].ent_type_ in ("DATE", "TIME"):
        return None
    obj, pred = objs[0], preds[0]
    between = [c for c in verb.rights if obj.i < c.i < pred.i]
    if not between or any(c.dep_ not in ("prep",) or _scene_pp(c) for c in between):
        return None
    if _personal(obj) and pred.pos_ == "NOUN" and pred.lower_ in ("name",):
        return None
    return (obj.left_edge.idx, _np_span(pred, pred)[1])


def _headline_cue(tx: _Text) -> Cue | None:
    """A title line "Sanders: Clinton needs to…": a name before the colon is the one who says what
    follows (the headline form of "Sanders says…"). The name must be a person or organisation the
    article itself names; "The Latest:", "Poll:" and other labels are not speakers."""
    doc = tx.doc
    if not tx.paras:
        return None
    ps, pe = tx.paras[0]
    line = tx.text[ps:pe]
    if "\n" in line.strip() or len(line) > 200:
        return None
    m = re.match(r"\s*([^:]{2,60}?):\s+(\S.*?)[\s.]*$", line)
    if m is None:
        return None
    label = m.group(1)
    name = re.split(r"\s+(?:on|to|about)\s+", label, maxsplit=1)[0]
    words = name.split()
    if not words or len(words) > 4 or words[0].lower() in HEADLINE_NOT_SPEAKER or any(
            w.lower() in HEADLINE_NOT_SPEAKER for w in words) or not all(w[:1].isupper() for w in words):
        return None
    last = re.sub(r"\W+$", "", words[-1])
    body = [e for e in doc.ents if e.start_char >= pe and e.label_ in ("PERSON", "ORG")]
    if not any(last in e.text.split() for e in body):
        return None  # not named in the article: a topic ("Stealth Over Health"), not a speaker
    s = ps + m.start(1)
    speaker = (s, s + len(name))
    cs, ce = ps + m.start(2), ps + m.end(2)
    if _words(tx.text, cs, ce) < 3:
        return None
    toks = doc.char_span(ps + m.end(1), ps + m.end(1) + 1, alignment_mode="expand")
    if toks is None or not len(toks):
        return None
    return Cue([toks[0]], speaker, (cs, ce), 0, contents=[(cs, ce)])


def _recall_cues(tx: _Text, cues: list[Cue]) -> list[Cue]:
    """Content for cues the rules above left without one, and new cues: a gerund object, "called
    for X to…", "called X (…) a Y", and a headline "Name: …". Returns the new cues (contentless
    ones are filled in place)."""
    doc = tx.doc
    by_head = {c.head.i: c for c in cues}
    new: list[Cue] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tx.in_quote(tok):
            continue
        have = by_head.get(tok.i)
        if have is not None and have.content is not None:
            continue
        span = _as_noted_content(tok)
        if span is not None:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None) or _passive_agent(tok)
            if subj is None and tok.tag_ == "VBN":  # "as stated in the report": the report speaks
                subj = next((_pobj(c) for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"), None)
        else:
            span = _gerund_content(tok) or _call_for_content(tok) or _naming_content(tok)
            if span is None:
                span = _clause_parsed_as_adverbial(tok)
                if span is None:
                    continue
                subj = _speaker_of(tok)
            else:
                subj = _np_gate(tok)
        if subj is None or tx.in_quote(subj) or not _can_speak(subj, tok):
            continue
        para = tx.paragraph(tok.idx)
        span = _trim(tx.text, *_clip(span, tx.paras[para]))
        if _words(tx.text, *span) < 2:
            continue
        if have is not None:
            have.content, have.contents = span, [span]
            continue
        new.append(Cue([tok], _span_of(_mention_tokens(subj)), span, para, contents=[span]))
    for cue in cues:
        _go_on_past_but(cue, by_head, tx)
        if cue.content is None and cue.speaker is not None:
            block = _block_quote(cue, tx)
            if block is not None:
                cue.content, cue.contents = block, [block]
    head = _headline_cue(tx)
    if head is not None and not any(c.content and c.content[0] < head.content[1] and head.content[0] < c.content[1]
                                    for c in cues):
        new.append(head)
    return new


def _block_quote(cue: Cue, tx: _Text) -> tuple[int, int] | None:
    """"The governor added:" closing its paragraph, then a paragraph of his words set off as a
    block, without quotation marks: the next paragraph is what he said. (A quotation in marks
    there is left to the colon rule.) Only a verb of saying with its speaker, and nothing but the
    colon after it: "He said the plan has three parts:" introduces a list, not his words."""
    tok = cue.head
    if tok.lemma_.lower() not in SPEECH or tok.i + 1 >= len(tx.doc):
        return None
    colon = tx.doc[tok.i + 1]
    if colon.text != ":":
        return None
    para = tx.paragraph(tok.idx)
    if para + 1 >= len(tx.paras) or tx.text[colon.idx + 1:tx.paras[para][1]].strip():
        return None
    s, e = _trim(tx.text, *tx.paras[para + 1])
    if e <= s or tx.regions_marked(s, e) or tx.text[s] in _QUOTE_CHARS or _words(tx.text, s, e) < 3:
        return None
    return s, e


# forms the small English model lemmatises to another verb ("hoped" → "hop", "griped" → "grip")
_MISLEMMATISED = {"hoped": "hope", "hoping": "hope", "griped": "gripe", "griping": "gripe",
                  "lambasted": "lambaste", "lambasting": "lambaste"}


@lru_cache(maxsize=1)
def _mislemmatised_ids():
    """The string ids of `_MISLEMMATISED`'s forms (spaCy hashes strings the same in every vocab)."""
    import numpy as np
    from spacy.strings import get_string_id

    return np.array([get_string_id(form) for form in _MISLEMMATISED], dtype=np.uint64)


def _mend_lemmas(doc: Doc) -> None:
    """Give a reporting verb its own lemma where the model gave it another verb's. The forms are
    looked for among the tokens' lowercase ids in one numpy pass instead of a `Token` per word
    (0.18 -> 0.05 ms per article on 168 PolNeAR texts)."""
    import numpy as np
    from spacy.attrs import LOWER

    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), _mislemmatised_ids())).tolist():
        tok = doc[i]
        right = _MISLEMMATISED[tok.lower_]
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_ != right:
            tok.lemma_ = right


def _as_noted_content(verb: Token) -> tuple[int, int] | None:
    """"As many experts have pointed out, Mr. Trump is free to…", "As stated in the report, …":
    a reporting verb in an "as" clause with no object of its own says the clause it hangs on."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i or verb.lemma_.lower() not in SPEECH:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i == verb.left_edge.i for c in verb.children):
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in verb.children):
        return None
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or not any(c.dep_ in SUBJECTS + ("expl",) for c in head.children):
        return None
    doc = verb.doc
    if verb.left_edge.i == head.left_edge.i:  # the "as" clause opens the sentence
        start = verb.right_edge.i + 1
        while start < len(doc) and doc[start].is_punct:
            start += 1
        return _span_of([doc[start], head.right_edge]) if start <= head.right_edge.i else None
    if verb.right_edge.i >= head.right_edge.i - 1 and doc[verb.left_edge.i - 1].text == ",":  # "…, as she noted."
        return _span_of([head.left_edge, doc[verb.left_edge.i - 2]])
    return None


def _passive_agent(verb: Token) -> Token | None:
    """"as reported by the Ledger": the agent of a passive report."""
    for c in verb.children:
        if c.dep_ == "agent":
            return _pobj(c)
    return None


# states of mind a speaker reports of herself in the same breath: "she hopes A, but she knows B"
_SELF_REPORTED = frozenset("know hope think believe want feel expect worry fear doubt understand realize".split())


def _go_on_past_but(cue: Cue, by_head: dict[int, Cue], tx: _Text) -> None:
    """"Owens said they had misgivings about her, but could not bear to insult him" and "she says
    she hopes to win, but she knows that…": the report goes on past "but" — a verb with no subject
    of its own under a modal ("could not bear"), or the speaker's own state of mind in the tense
    of the report ("she knows" after "she says she hopes"). The parse hangs that member on the
    cue; it is not a new statement, so the whole is one content."""
    verb = cue.head
    if cue.content is None or cue.hole is not None or verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH:
        return
    doc = verb.doc
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(clauses) != 1:
        return
    clause = clauses[0]
    subj = next((c for c in verb.children if c.dep_ in ("nsubj",)), None)
    for conj in verb.rights:
        if conj.dep_ != "conj" or conj.i <= clause.right_edge.i:
            continue
        ccs = [c for c in verb.children if c.dep_ == "cc" and clause.right_edge.i < c.i < conj.i]
        if not ccs or ccs[-1].lower_ != "but":
            return
        own = [c for c in conj.children if c.dep_ in SUBJECTS]
        lemma = conj.lemma_.lower()
        if not own:
            modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in conj.children)
            if not modal or lemma in SPEECH or lemma in NP_CONTENT or lemma in INTENT:
                return
        else:
            same = (subj is not None and subj.pos_ == "PRON" and own[0].lower_ == subj.lower_
                    or subj is not None and own[0].pos_ == "PRON" and any(
                        c.dep_ in SUBJECTS and c.lower_ == own[0].lower_ for c in clause.children))
            if not same or lemma not in _SELF_REPORTED or conj.tag_ != clause.tag_ or verb.tag_ not in ("VBZ", "VBP"):
                return
        end = conj.right_edge
        while end.i > conj.i and end.is_punct and end.text not in _QUOTE_CHARS:
            end = doc[end.i - 1]
        span = (cue.content[0], max(cue.content[1], end.idx + len(end)))
        span = _clip(span, tx.paras[cue.paragraph])
        if cue.contents and cue.contents[0] == cue.content:
            cue.contents[0] = span
        cue.content = span
        inner = by_head.get(conj.i)
        if inner is not None:
            inner.content, inner.contents = None, []
        return


def _clause_parsed_as_adverbial(verb: Token) -> tuple[int, int] | None:
    """"Trump said after the convention he would not accept…": a phrase between the cue and its
    clause makes the parse take the clause for an adverbial one. A finite clause with a subject of
    its own and no subordinator ("if", "when", "because"), right after the cue, is what was said."""
    if verb.lemma_.lower() not in SPEECH or verb.lemma_.lower() in PERCEPTION:
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "neg") for c in verb.children):
        return None  # ("have not said when they would…": no statement)
    for c in verb.rights:
        if c.dep_ != "advcl":
            continue
        if any(k.dep_ == "mark" for k in c.children) or c.lower_ in ("according",):
            return None
        subj = next((k for k in c.lefts if k.dep_ in ("nsubj", "nsubjpass")), None)
        finite = c.tag_ in ("VBD", "VBZ", "VBP") or any(k.dep_ in ("aux", "auxpass") and k.tag_ in ("MD", "VBD", "VBZ", "VBP") for k in c.children)
        if subj is None or not finite:
            return None
        before = [k for k in c.lefts if k.i < subj.left_edge.i]
        if any(k.dep_ not in ("prep", "npadvmod", "punct", "advmod") for k in before):
            return None
        gap = verb.doc[verb.i + 1:subj.left_edge.i]
        if any(t.text in ",;:" for t in gap) or len(gap) > 6:
            return None
        return _span_of([subj.left_edge, c.right_edge])
    return None
