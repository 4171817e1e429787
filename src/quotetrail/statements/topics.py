"""Topics: the key phrases of a statement, so a user can follow a person on one subject.

`quote_topics(doc, spans)` reads the phrases off the parse the pipeline already made (no extra spaCy
run): nominal phrases headed by a noun (their compounds and classifying adjectives, without
determiners, possessors, pronouns, numbers or evaluative adjectives) and named things (organisations,
places, groups, events, laws, products). Paragraphs that were only tokenized get a cheaper token
heuristic. Phrases are merged on a key that ignores case, number and hyphen/space spelling
(`cease-fire` / `ceasefire`, `guarantee` / `guarantees`) and ranked so that multi-word phrases and
named things come before single nouns.

Hand-written rather than textacy's key-term rankers: those score terms over a whole document with
corpus-style statistics, while a statement is a sentence or two and we need stable, comparable keys
for filtering (`topic_matches`), not a score.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..nlp import span_entities

# Entity labels that name what a statement is about. PERSON is left out (people are the speakers
# and their interlocutors, followed through `speaker`), as are dates, times and quantities.
TOPIC_ENTITIES = {"ORG", "GPE", "NORP", "EVENT", "LAW", "PRODUCT", "FAC", "LOC", "WORK_OF_ART"}
NON_TOPIC_ENTITIES = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}

# Nouns too general to say what a statement is about on their own (they still count inside a
# longer phrase: "time frame", "executive order"); a few come from idioms ("in order to",
# "take aim", "get the chance").
GENERIC_NOUNS = frozenset("""
    thing things something anything everything nothing someone anyone everyone nobody somebody
    anybody one ones way ways time times people person persons man men woman women situation
    situations lot lots kind kinds sort sorts type types part parts number numbers fact facts point
    points case cases place places day days week weeks month months year years today tomorrow
    yesterday moment moments period end side sides bit bits example instance course level levels
    term terms matter matters reason reasons question questions issue issues idea ideas problem
    problems result results area areas world country countries nation nations state states percent
    million millions billion billions thousand thousands hundred hundreds dozen dozens group groups
    member members fellow guy guys thanks look word words stuff right everybody self others other
    sense need needs hand hands eye eyes head job line lines mr mrs ms dr sir madam size eve means
    ability attempt role path step steps approach top name hour hours minute minutes dawn morning
    mornings evening night nights afternoon weekend order aim chance
""".split())

# Nouns that describe a person ("the Ukrainian leader", "its spokesperson"): a phrase headed by one
# is a mention of someone, who is followed as a speaker, not a topic.
PERSON_ROLES = frozenset("""
    leader leaders president presidents minister ministers spokesman spokeswoman spokesperson
    secretary senator counterpart chancellor premier official officials adviser advisor aide aides
    chief head envoy ambassador representative deputy mayor governor director nominee candidate
""".split())

# Adjectives that grade or situate a noun rather than classify it: "strong security guarantees" and
# "concrete security guarantees" are both about "security guarantees"; "military aid" keeps its
# adjective because it names a different kind of aid.
GENERIC_ADJECTIVES = frozenset("""
    new old big small large great good bad best better worse worst strong weak clear real whole full
    entire other another such same different certain main major minor key important crucial critical
    serious possible impossible potential current recent future past present last next first second
    third final formal informal concrete specific general particular further more most less least
    many much few several various own only single double simple high low long short early late true
    false right wrong sure free open close fair huge massive enormous vast significant necessary
    actual direct indirect broad wide narrow additional extra so-called alleged reported proposed
    likely unlikely ongoing continued renewed increasing growing rising falling escalating
    unprecedented complete total absolute considerable substantial tremendous difficult easy hard
    positive negative previous initial latest upcoming incoming outgoing existing proper appropriate
    mutual
""".split())

_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&]+s?$")
_QUOTES = "\"'“”‘’«»„‚‹›`´[]()"
_HYPHENS = "-‐‑"  # join the parts of one word
_DASHES = "‒–—"  # separate words
_SPACED_HYPHEN = re.compile(r"(?<=\w)\s*[" + re.escape(_HYPHENS) + r"]\s*(?=\w)")
_INNER_HYPHEN = re.compile(r"(?<=\w)[" + re.escape(_HYPHENS) + r"](?=\w)")
_ACRONYM_DOT = re.compile(r"(?<=\w)\.(?=\w)|(?<=\b\w)\.")  # u.s. → us
_SPACES = re.compile(r"\s+")
_WORD_SPLIT = re.compile(r"[\s" + re.escape(_HYPHENS + _DASHES) + r"/]+")
_IRREGULAR_SINGULARS = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "bases": "basis", "feet": "foot", "mice": "mouse",
}


def _singular(word: str) -> str:
    """A plural's singular by suffix rules. Hand-written because the same key must come out of a
    user's query without loading a model; both sides pass through it, so consistency matters more
    than perfect English (a rare wrong stem is still the same stem on both sides)."""
    if word in _IRREGULAR_SINGULARS:
        return _IRREGULAR_SINGULARS[word]
    if len(word) <= 3 or not word.isalpha() or word.endswith(("ss", "us", "is", "news")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes", "oes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=65536)
def _tidy(phrase: str) -> str:
    """Readable form: NFKC, no surrounding quotes/brackets/punctuation, single spaces, no spaces
    around hyphens, typographic apostrophes made plain; the last dot of "U.S." kept."""
    text = unicodedata.normalize("NFKC", phrase).replace("’", "'")
    text = _SPACES.sub(" ", _SPACED_HYPHEN.sub("-", text)).strip(_QUOTES + " ,;:!?")
    is_dotted_acronym = len(text) >= 4 and text[-1] == "." and text[-3] == "." and text[-2].isalpha()
    return text if is_dotted_acronym else text.rstrip(".")


@lru_cache(maxsize=65536)
def _key_words(phrase: str) -> tuple[str, ...]:
    """The phrase as comparable words: case-folded, dots of acronyms dropped, hyphenated parts
    closed up ("cease-fire" → "ceasefire"), each word made singular."""
    text = _ACRONYM_DOT.sub("", _INNER_HYPHEN.sub("", _tidy(phrase).casefold()))
    words = [w.strip(_QUOTES + ".,;:!?") for w in _WORD_SPLIT.split(text)]
    return tuple(_singular(w[:-2] if w.endswith("'s") else w) for w in words if w)


def normalise_topic(phrase: str) -> str:
    """The canonical key of a phrase, for storing alongside topics and for a user's --topic filter:
    lower case, hyphen spellings closed up, every word singular. "Cease-fire", "ceasefire" and
    "Ceasefires" give "ceasefire"; "Security Guarantees" and "security guarantee" give
    "security guarantee"; "NATO" gives "nato". Display the surface form `quote_topics` returns."""
    return " ".join(_key_words(phrase))


def topic_matches(query: str, topics: list[str]) -> bool:
    """Whether a user's topic query names one of a statement's topics or a part of one: case,
    singular/plural and hyphen/space spelling do not matter ("cease fire" finds "ceasefire",
    "guarantee" finds "security guarantees"); the query must match whole words."""
    wanted = "".join(_key_words(query))
    if not wanted:
        return False
    for topic in topics:
        words = _key_words(topic)
        for start in range(len(words)):
            joined = ""
            for end in range(start, len(words)):
                joined += words[end]
                if joined == wanted:
                    return True
                if len(joined) >= len(wanted):
                    break
    return False


@dataclass
class _Candidate:
    surfaces: dict[str, int] = field(default_factory=dict)
    score: float = 0.0
    first: int = 0
    words: int = 1
    named: bool = False  # a named thing (entity or proper noun): kept even inside a longer phrase

    def add(self, surface: str, weight: float, position: int) -> None:
        self.surfaces[surface] = self.surfaces.get(surface, 0) + 1
        self.score += weight
        self.first = min(self.first, position)

    def surface(self) -> str:
        # the spelling used most in the statement; on a tie the plural one (phrases such as
        # "security guarantees" or "peace talks" are usually plural), then the first seen
        return max(self.surfaces, key=lambda s: (self.surfaces[s], s.endswith("s")))


class _Collector:
    def __init__(self, exclude: Iterable[str]):
        self.found: dict[str, _Candidate] = {}
        self.excluded = {w for name in exclude if name for w in _key_words(name) if len(w) > 1}

    def add(self, surface: str, weight: float, position: int, *, named: bool = False) -> None:
        surface = _tidy(surface)
        words = _key_words(surface)
        if not _acceptable(words):
            return
        if named and self.excluded and set(words) <= self.excluded:
            return  # the speaker's own name
        merge_key = "".join(words)  # "cease fire" and "ceasefire" are one topic
        cand = self.found.get(merge_key)
        if cand is None:
            cand = self.found[merge_key] = _Candidate(first=position, words=len(words), named=named)
        cand.named = cand.named or named
        cand.add(surface, weight, position)

    def ranked(self, limit: int) -> list[str]:
        cands = list(self.found.items())
        # a plain single noun that is the head or a part of a longer phrase adds to that phrase
        # instead of standing alone ("guarantees" next to "security guarantees")
        longer = [(key, c, _key_words(c.surface())) for key, c in cands if c.words > 1]
        kept = []
        for key, cand in cands:
            if cand.words == 1 and not cand.named:
                host = next((c for _, c, words in longer if key in words), None)
                if host is not None:
                    host.score += cand.score * 0.5
                    continue
            kept.append(cand)
        kept.sort(key=lambda c: (-c.score, c.first))
        return [c.surface() for c in kept[:limit]]


def _acceptable(words: tuple[str, ...]) -> bool:
    if not words or any(len(w) < 2 and not w.isalpha() for w in words):
        return False
    if len(words) == 1:
        word = words[0]
        if len(word) < 2 or word in GENERIC_NOUNS or not any(ch.isalpha() for ch in word):
            return False
    if all(w in GENERIC_NOUNS or w in GENERIC_ADJECTIVES for w in words):
        return False
    return not any(w.isdigit() for w in words)


def _is_parsed(span: Span) -> bool:
    return all(tok.dep_ != "" for tok in span if not tok.is_space)


def quote_topics(doc: Doc, spans: list[tuple[int, int]], limit: int = 5, *,
                 exclude: Iterable[str] = ()) -> list[str]:
    """Key phrases of the statement whose content is at `spans` (char offsets into `doc.text`), most
    telling first, as written (readable, case kept for names). `exclude`: names not to return as
    topics, e.g. the speaker's name and mention."""
    collector = _Collector(exclude)
    if len(doc) == 0:
        return []
    text_end = doc[-1].idx + len(doc[-1].text_with_ws)  # not len(doc.text): that rebuilds the text
    for start, end in spans:
        span = doc.char_span(max(0, start), min(text_end, end), alignment_mode="contract")
        if span is None or len(span) == 0:
            continue
        if _is_parsed(span):
            _from_parse(span, collector)
        else:
            _from_tokens(span, collector)
    return collector.ranked(limit)


# ----------------------------------------------------------------------------- parsed text

_MODIFIER_DEPS = {"compound", "amod", "nmod", "punct", "npadvmod"}


def _surface(tokens: list[Token]) -> str:
    parts = []
    for tok in tokens:
        keep_case = tok.pos_ == "PROPN" or tok.ent_type_ in TOPIC_ENTITIES or _ACRONYM.match(tok.text)
        parts.append((tok.text if keep_case else tok.text.lower()) + tok.whitespace_)
    return "".join(parts)


def _strippable(tok: Token) -> bool:
    return (tok.pos_ in {"DET", "PRON", "NUM", "ADP", "PART", "CCONJ", "SCONJ", "ADV", "AUX", "VERB"}
            and not (tok.pos_ == "VERB" and tok.dep_ == "amod")) or tok.like_num \
        or tok.ent_type_ in NON_TOPIC_ENTITIES or tok.is_stop and tok.pos_ != "PROPN"


def _phrase_for(head: Token, span: Span) -> list[Token]:
    """The head noun with the contiguous run of compounds and adjectives right before it, inside
    the statement, without evaluative adjectives or participles at its left edge."""
    tokens = [head]
    i = head.i - 1
    while i >= span.start:
        tok = head.doc[i]
        if tok.tag_ == "HYPH" and i - 1 >= span.start and not head.doc[i - 1].whitespace_ \
                and not tok.whitespace_:
            tokens.insert(0, tok)  # "cease - fire": the hyphen joins the parts of one word
            i -= 1
            continue
        if tok.dep_ not in _MODIFIER_DEPS or tok.tag_ == "HYPH" or _strippable(tok) \
                or tok.pos_ not in {"NOUN", "PROPN", "ADJ", "VERB"} or not tok.is_alpha \
                or not (tok.head == head or tok.head.i in range(i + 1, head.i + 1)):
            break
        tokens.insert(0, tok)
        i -= 1
    while tokens and tokens[0].tag_ == "HYPH":
        tokens.pop(0)
    # drop evaluative adjectives and participles from the left edge: "strong security guarantees"
    while len(tokens) > 1 and (tokens[0].lower_ in GENERIC_ADJECTIVES
                               or (tokens[0].tag_ in {"VBG", "VBN", "JJR", "JJS", "RBR"}
                                   and tokens[0].ent_type_ not in TOPIC_ENTITIES)
                               or (tokens[0].pos_ == "ADJ" and tokens[0].lower_ in GENERIC_NOUNS)):
        tokens.pop(0)
        while tokens and tokens[0].tag_ == "HYPH":
            tokens.pop(0)
    # at most four words, counting a hyphenated compound as one: the nearest ones to the head
    words = 0
    for j in range(len(tokens) - 1, -1, -1):
        if tokens[j].tag_ != "HYPH" and not (j + 1 < len(tokens) and tokens[j + 1].tag_ == "HYPH"):
            words += 1
        if words > 4:
            return tokens[j + 1:]
    return tokens


def _from_parse(span: Span, collector: _Collector) -> None:
    for tok in span:
        if tok.pos_ not in {"NOUN", "PROPN"} or not any(ch.isalpha() for ch in tok.text):
            continue
        # a noun modifying the next noun is part of that noun's phrase, not a head of its own
        if tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.i < span.end:
            continue
        if tok.ent_type_ in NON_TOPIC_ENTITIES or tok.ent_type_ in TOPIC_ENTITIES:
            continue  # names are taken whole from the entity pass below
        if tok.i + 1 < span.end and tok.nbor(1).tag_ == "HYPH" and not tok.whitespace_:
            continue  # first half of "cease-fire": the phrase is built from the second half
        if tok.lower_ in PERSON_ROLES:
            continue
        tokens = _phrase_for(tok, span)
        if not tokens:
            continue
        words = sum(1 for t in tokens if t.tag_ != "HYPH") - sum(1 for t in tokens if t.tag_ == "HYPH")
        named_inside = any(t.ent_type_ in TOPIC_ENTITIES or t.pos_ == "PROPN" for t in tokens)
        weight = 1.0 if words == 1 else 2.0 + 0.25 * min(words - 1, 3)
        if tok.pos_ == "PROPN" and words == 1:
            weight, named = 1.5, True  # a name the NER missed
        else:
            named = False
        if named_inside and words > 1:
            weight += 0.25
        collector.add(_surface(tokens), weight, tokens[0].idx, named=named)
    for ent in span_entities(span):
        if ent.label_ not in TOPIC_ENTITIES:
            continue
        tokens = [t for t in ent if not (t.pos_ in {"DET", "PART", "PUNCT"} and t.tag_ != "HYPH")]
        if not tokens:
            continue
        if ent.label_ == "NORP" and (ent.root.tag_ == "JJ" or ent.root.dep_ == "amod"):
            continue  # "Russian aggression": the adjective is part of the phrase, not a topic
        weight = 1.75 if len(tokens) == 1 else 2.5
        collector.add("".join(t.text + t.whitespace_ for t in tokens), weight, tokens[0].idx, named=True)


# ------------------------------------------------------------------------ tokenized-only text

_EDGE_SUFFIXES = ("ly", "ing", "ed")


def _from_tokens(span: Span, collector: _Collector) -> None:
    """Without tags or a parse: names (capitalised or upper-case runs not opening a sentence) and
    runs of two or three content words between stop words and punctuation (a RAKE-style cut)."""
    run: list[Token] = []
    names: list[Token] = []

    def flush_run() -> None:
        while run and run[-1].lower_.endswith(_EDGE_SUFFIXES):
            run.pop()
        while run and run[0].lower_.endswith(_EDGE_SUFFIXES):
            run.pop(0)
        if 2 <= len(run) <= 3:
            collector.add("".join(t.text + t.whitespace_ for t in run).lower(), 1.5, run[0].idx)
        run.clear()

    def flush_names() -> None:
        if names:
            collector.add("".join(t.text + t.whitespace_ for t in names), 1.5, names[0].idx, named=True)
        names.clear()

    for tok in span:
        opens_sentence = tok.i == span.start or tok.nbor(-1).is_sent_end \
            or tok.nbor(-1).text in ".!?:;" or tok.nbor(-1).is_quote or tok.nbor(-1).is_space
        capitalised = tok.is_alpha and (tok.is_title or _ACRONYM.match(tok.text)) and len(tok) > 1
        if capitalised and (not opens_sentence or _ACRONYM.match(tok.text)) and not tok.is_stop:
            flush_run()
            names.append(tok)
            continue
        flush_names()
        if tok.is_alpha and tok.is_lower and not tok.is_stop and len(tok) > 2 \
                and tok.lower_ not in GENERIC_NOUNS and tok.lower_ not in GENERIC_ADJECTIVES:
            run.append(tok)
        else:
            flush_run()
    flush_run()
    flush_names()


# ------------------------------------------------------------------- distinctive within a corpus

@dataclass(frozen=True)
class TopicWeights:
    """How common each topic key (`normalise_topic`) is across a store's statements: `df` (key →
    statements listing it) out of `statements`."""
    statements: int = 0
    df: dict[str, int] = field(default_factory=dict)

    def idf(self, key: str) -> float:
        """Inverse document frequency, smoothed: about 1 for a topic of every statement, growing as
        the topic gets rarer."""
        return math.log((1 + self.statements) / (1 + self.df.get(key, 0))) + 1.0

    def common(self, key: str) -> bool:
        """A topic too common in this store to tell statements apart: in more than one statement in
        twenty-five (and at least three), once the store has twenty statements or more."""
        n = self.df.get(key, 0)
        return self.statements >= 20 and n >= 3 and n * 25 > self.statements


def topic_weights(topic_lists: Iterable[Iterable[str]]) -> TopicWeights:
    """`TopicWeights` of statements given by their topic lists (each key counted once per statement)."""
    df: dict[str, int] = {}
    n = 0
    for topics in topic_lists:
        n += 1
        for key in {normalise_topic(t) for t in topics}:
            if key:
                df[key] = df.get(key, 0) + 1
    return TopicWeights(n, df)


def _is_name(surface: str) -> bool:
    return any(w[:1].isupper() for w in surface.split())


def story_names(title: str | None, people: Iterable[str], topic_lists: Iterable[Iterable[str]] = ()) -> frozenset[str]:
    """The key words naming a story's own places and people, which tell nothing about one statement
    of it: capitalised words of its title ("Valmora" in "Valmora port at standstill"), the names of
    people quoted in it, and names (capitalised topics) that a quarter or more of its statements
    carry (its country, its city)."""
    words: set[str] = set()
    for token in re.findall(r"[\w'’.-]+", title or ""):
        if token[:1].isupper():
            words.update(w for w in _key_words(token) if len(w) > 1)
    for name in people:
        words.update(w for w in _key_words(name or "") if len(w) > 1)
    lists = [list(t) for t in topic_lists]
    if lists:
        counts: dict[str, int] = {}
        surface: dict[str, str] = {}
        for topics in lists:
            for t in {t for t in topics if _is_name(t)}:
                key = normalise_topic(t)
                counts[key] = counts.get(key, 0) + 1
                surface[key] = t
        for key, n in counts.items():
            if n >= 2 and n * 4 >= len(lists):
                words.update(key.split())
    words.discard("")
    return frozenset(words)


# Words that make a place's name out of another name ("Port of Valmora", "City of Dravnik"): a
# name made of these and the story's own names is the story's place again.
PLACE_WORDS = frozenset("""
    of the port city town region province district county state republic kingdom island islands
    capital oblast harbour harbor airport bay coast north south east west northern southern eastern
    western central greater
""".split())


@lru_cache(maxsize=65536)
def _topic_shape(surface: str) -> tuple[str, frozenset[str], bool]:
    """A topic's key (`normalise_topic`), the words of that key and whether it is written as a
    name: worked out once per spelling, as the person page weighs the topics of thousands of
    statements, most of them spelt alike, on each new view."""
    key = normalise_topic(surface)
    return key, frozenset(key.split()), _is_name(surface)


def distinctive_topics(topics: Iterable[str], weights: TopicWeights, *, leave_out: frozenset[str] = frozenset(),
                       limit: int = 4) -> list[str]:
    """A statement's topics (as `quote_topics` ranked them) that say what sets it apart in the
    store: none made only of `leave_out` words (the story's own places and people, `story_names`),
    no single common noun that a large share of the store's statements carry (`TopicWeights.common`:
    "strike" in a store about a strike), then ranked by their rank in the statement weighted by how
    rare they are across the store (tf-idf: a phrase in two statements before one in twenty), noun
    phrases of several words before single words."""
    candidates = []
    longest = 0
    for rank, surface in enumerate(dict.fromkeys(topics)):
        key, words, is_name = _topic_shape(surface)
        if not key:
            continue
        if leave_out and (words <= leave_out or (is_name and words & leave_out
                                                 and words <= leave_out | PLACE_WORDS)):
            continue
        if len(words) == 1 and weights.common(key):
            continue
        candidates.append((rank, surface, key, words))
        if len(words) > longest:
            longest = len(words)
    scored = []
    for rank, surface, key, words in candidates:
        if len(words) < longest and any(words < other for *_, other in candidates):
            continue  # "fund" beside "theatre fund": the longer phrase says it
        weight = (1.0 / (1 + 0.35 * rank)) * weights.idf(key) * (1.4 if len(words) > 1 else 1.0)
        scored.append((-weight, rank, surface))
    scored.sort()
    return [s for _, _, s in scored[:limit]]
