"""Per-article speaker resolution over spaCy's parse and entities.

No coreference model is installable offline, so this is a small rule-based resolver:

1. people in the article are clustered from PERSON entities by name (full names first, then bare
   surnames; mis-labelled single tokens such as "Zelenskyy"/ORG join when they match a surname);
2. each person collects descriptions from titles before the name ("Kremlin spokesperson Dmitry
   Peskov"), titles inside the entity and appositions ("Dmitry Peskov, the Kremlin spokesman,");
3. definite descriptions in the running text ("the Ukrainian leader") are matched to a person
   introduced earlier with a compatible role and nationality;
4. pronouns and quote cues are resolved in text order, so each resolved mention becomes a
   candidate antecedent for the next pronoun.

The result (`ArticlePeople`) is small and picklable: it is what a worker process sends back for
the corpus-level `PeopleIndex`.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Doc, Span, Token

from ..model import Quote
from ..nlp import doc_text, span_entities
from .mentions import ArticleEntity, ArticlePeople
from .lexicon import (
    DOCUMENT_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    INSTITUTION_NOUNS,
    MALE_PRONOUNS,
    MALE_WORDS,
    NEUTRAL_MODIFIERS,
    NOT_NAMES,
    PLURAL_PRONOUNS,
    ROLE_CLASSES,
    STAFF_NOUNS,
    TITLE_WORDS,
)
from .names import PersonName, fold, is_title_word, names_compatible, nationality_key, parse_name, translit_key

_ROLE_WORDS = frozenset(ROLE_CLASSES).union(*ROLE_CLASSES.values())
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
NON_TITLE_LABELS = frozenset({"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
GENDERED_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS
LOOKBACK_SENTENCES = 4
LOOKBACK_PARAGRAPHS = 2  # a long quote spans many sentences, so paragraphs count too
MAX_TITLE_TOKENS = 6


# --------------------------------------------------------------------------- working state


@dataclass
class _Description:
    text: str
    roles: frozenset[str]  # role nouns ("president", "spokesman", "prime-minister")
    nations: frozenset[str]  # nationality stems ("ukrai", "kreml")
    words: frozenset[str]  # every lower-case word, for qualifier checks ("foreign")


@dataclass
class _Cluster:
    index: int
    kind: str
    names: list[PersonName] = field(default_factory=list)
    variants: Counter = field(default_factory=Counter)
    descriptions: list[_Description] = field(default_factory=list)
    gender: str | None = None
    weak: bool = False  # a lone single-token PERSON entity that may be a mislabelled place

    @property
    def full_names(self) -> list[PersonName]:
        return [n for n in self.names if n.is_full]

    @property
    def surname_keys(self) -> set[str]:
        return {n.surname_key for n in self.names}

    @property
    def nations(self) -> set[str]:
        return set().union(*(d.nations for d in self.descriptions)) if self.descriptions else set()

    def display_name(self) -> str:
        forms = Counter({f: c for f, c in self.variants.items()})
        full = {f: c for f, c in forms.items() if len(f.split()) > 1} or dict(forms)
        # Most frequent full form; ties go to the longer, then the first seen (dict order).
        return max(full, key=lambda f: (full[f], len(f)))

    def add_description(self, desc: _Description) -> None:
        if all(d.text.lower() != desc.text.lower() for d in self.descriptions):
            self.descriptions.append(desc)
        words = desc.words
        if self.gender is None:
            if words & MALE_WORDS:
                self.gender = "m"
            elif words & FEMALE_WORDS:
                self.gender = "f"


@dataclass
class _Mention:
    start: int
    end: int
    cluster: _Cluster
    sent: int
    para: int
    rank: float  # 0 subject of the main verb, 1 other subject, 2 anything else


class _ArticleResolver:
    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc = doc
        self.quotes = quotes
        self.clusters: list[_Cluster] = []
        self.mentions: list[_Mention] = []
        text = doc_text(doc)
        # Quoted words are spoken, not narrated: a name inside quotation marks is never an antecedent,
        # whether or not the quote was extracted ("“You know, I love Larry,” he said").
        self.quote_ranges = sorted({(s, e) for q in quotes for s, e in q.spans} | set(_quoted_ranges(text)))
        self.para_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n" and text[i + 1 : i + 2].strip()]
        self.sent_starts = [s.start_char for s in doc.sents]
        self.ents = list(doc.ents)  # `doc.ents` builds every entity anew each time it is asked
        self.person_token: dict[int, _Cluster] = {}  # token index -> person cluster
        self.as_written: dict[str, str] = {}  # quote id -> the speaker phrase actually resolved
        self.pronoun_certain = False  # the last pronoun resolved had one candidate or was the last speaker

    # ------------------------------------------------------------------ positions
    def para_of(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def sent_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def in_quote(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.quote_ranges, (start, float("inf"))) - 1
        return any(s <= start and end <= e for s, e in self.quote_ranges[max(0, i - 6) : i + 1])

    def rank_of(self, token: Token) -> float:
        """Salience of a mention: 0 subject of the main verb, 1 other subject, 2 anything else;
        a possessor of a subject ("Zelenskyy's comments referenced…") ranks just below it."""
        while token.dep_ in ("compound", "appos", "flat") and token.head.i != token.i:
            token = token.head
        if token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS:
            return self.rank_of(token.head) + 0.5
        if token.dep_ in SUBJECT_DEPS:
            verb = token.head
            return 0 if verb.dep_ == "ROOT" or verb.head.i == verb.i else 1
        return 2

    def add_mention(self, span: Span, cluster: _Cluster) -> _Mention:
        mention = _Mention(
            span.start_char, span.end_char, cluster, self.sent_of(span.start_char),
            self.para_of(span.start_char), self.rank_of(span.root),
        )
        bisect.insort(self.mentions, mention, key=lambda m: m.start)
        return mention

    # ------------------------------------------------------------------ people in the article
    def new_cluster(self, kind: str) -> _Cluster:
        cluster = _Cluster(len(self.clusters), kind)
        self.clusters.append(cluster)
        return cluster

    def name_span(self, span: Span) -> tuple[Span, list[Token]]:
        """Drop a possessive (and what follows it) and leading title words from a PERSON entity."""
        start, end = span.start, span.end
        for t in span:
            if t.tag_ == "POS":  # "Putin's Offer" is Putin
                end = t.i
                break
        while end > start and self.doc[end - 1].is_punct:
            end -= 1
        titles = []
        while start < end - 1 and is_title_word(self.doc[start].text):
            titles.append(self.doc[start])
            start += 1
        return self.doc[start:end], titles

    def title_gender(self, span: Span, titles: list[Token]) -> str | None:
        """The gender an honorific or gendered title right before a name gives ("Mrs.", "Lord")."""
        words = {t.lower_ for t in titles}
        if span.start > 0:
            words.add(self.doc[span.start - 1].lower_)
        words &= MALE_WORDS | FEMALE_WORDS
        if words and words <= MALE_WORDS:
            return "m"
        if words and words <= FEMALE_WORDS:
            return "f"
        return None

    def find_person(self, name: PersonName, before: int | None = None, gender: str | None = None) -> _Cluster | None:
        # "Mr. Farrant" is not "Mrs. Helena Farrant": a gendered title keeps apart the other gender
        persons = [c for c in self.clusters if c.kind == "person" and not (gender and c.gender and c.gender != gender)]
        if name.is_full:
            for cluster in persons:
                if any(names_compatible(name, other) for other in cluster.full_names):
                    return cluster
            # A full name completes a surname-only cluster (surname first, full name later).
            bare = [c for c in persons if not c.full_names and name.surname_key in c.surname_keys]
            return bare[0] if len(bare) == 1 else None
        matching = [c for c in persons if any(names_compatible(name, n) for n in c.full_names)]
        if len(matching) > 1 and before is not None:
            # Two people share the surname: the bare surname means the one mentioned last.
            last = {m.cluster.index: m.start for m in self.mentions if m.start < before}
            matching.sort(key=lambda c: last.get(c.index, -1), reverse=True)
        if matching:
            return matching[0]
        bare = [c for c in persons if name.surname_key in c.surname_keys]
        return bare[0] if bare else None

    def collect_people(self) -> None:
        doc = self.doc
        occurrences: list[tuple[Span, list[Token], PersonName]] = []
        for ent in self.ents:
            if ent.label_ != "PERSON" and not _person_labelled_org(ent):
                continue
            span, titles = self.name_span(ent)
            name = parse_name(span.text)
            if name is not None and span.text.strip() and not any(t.tag_.startswith("VB") for t in span):
                occurrences.append((span, titles, name))
        other_labels = {fold(e.text): e.label_ for e in self.ents if e.label_ in ORG_LABELS}
        occurrences = _split_run_on_names(occurrences)
        # Full names first so that bare surnames can join them wherever they occur.
        occurrences.sort(key=lambda o: (not o[2].is_full, o[0].start))
        placed: list[tuple[Span, list[Token], _Cluster]] = []
        for span, titles, name in occurrences:
            gender = self.title_gender(span, titles)
            cluster = self.find_person(name, before=span.start_char, gender=gender)
            if cluster is None:
                cluster = self.new_cluster("person")
                cluster.weak = not name.is_full and fold(span.text) in other_labels
            if cluster.gender is None and gender is not None:
                cluster.gender = gender
            if cluster.gender is None and name.is_full:
                # "the first lady, Michelle Obama": known before any bare "Mr. Obama" is placed
                cluster.gender = _gender_of(d.words for d in self.descriptions_around(span, titles))
            cluster.names.append(name)
            cluster.variants[name.full] += 1
            placed.append((span, titles, cluster))
        # Single tokens the tagger labelled ORG/GPE or not at all, that spell a known surname.
        surname_index = {k: c for c in self.clusters if c.full_names for k in c.surname_keys}
        taken = {t.i for span, _, _ in placed for t in span}
        for token in doc if surname_index else ():
            if token.i in taken or token.ent_type_ == "PERSON" or not token.is_alpha or not token.text[:1].isupper():
                continue
            cluster = surname_index.get(translit_key(token.text))
            if cluster is not None:
                given = doc[token.i - 1] if token.i > 0 else None
                if (given is not None and given.i not in taken and given.is_alpha and given.text[:1].isupper()
                        and given.pos_ == "PROPN" and not is_title_word(given.text)):
                    # "Helena Brandt" mislabelled ORG while "Ivo Brandt" is a person: a relative, not him
                    full = parse_name(f"{given.text} {token.text}")
                    if full is not None and full.is_full and not any(names_compatible(full, n) for n in cluster.full_names):
                        other = self.find_person(full) or self.new_cluster("person")
                        other.names.append(full)
                        other.variants[full.full] += 1
                        placed.append((doc[given.i : token.i + 1], [], other))
                        taken.update((given.i, token.i))
                        continue
                cluster.names.append(PersonName((), token.text))
                cluster.variants[token.text] += 1
                placed.append((doc[token.i : token.i + 1], [], cluster))
        for span, titles, cluster in sorted(placed, key=lambda p: p[0].start):
            for t in span:
                self.person_token[t.i] = cluster
        for span, titles, cluster in sorted(placed, key=lambda p: p[0].start):
            root = span.root
            if root.dep_ == "compound" and root.head.i >= span.end and root.head.i not in self.person_token:
                continue  # attributive use ("the Trump administration"): not a mention of the person
            for desc in self.descriptions_around(span, titles):
                cluster.add_description(desc)
            if not self.in_quote(span.start_char, span.end_char):
                self.add_mention(span, cluster)

    # ------------------------------------------------------------------ descriptions
    def describe(self, tokens: list[Token]) -> _Description | None:
        """Turn title/role tokens into a description; None if there is no role word."""
        while tokens and (tokens[0].pos_ == "DET" or tokens[0].tag_ in ("POS", "HYPH") or tokens[0].is_punct):
            tokens = tokens[1:]
        while tokens and (tokens[-1].tag_ in ("POS", "HYPH") or tokens[-1].is_punct):
            tokens = tokens[:-1]
        if not tokens:
            return None
        last = tokens[-1]
        if last.pos_ not in ("NOUN", "PROPN") or last.ent_type_ in ORG_LABELS:
            return None
        elected = last.lower_ == "elect" and len(tokens) > 1 and tokens[-2].tag_ == "HYPH"
        if last.pos_ == "PROPN" and last.lower_ not in TITLE_WORDS and not elected:
            return None  # a capitalised non-title word before a name is more name than title
        roles, nations, words = set(), set(), set()
        for i, t in enumerate(tokens):
            low = t.text.lower()
            words.add(low)
            if t.ent_type_ in ORG_LABELS or (t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper() and low not in TITLE_WORDS):
                nations.add(nationality_key(t.text))
            elif t.pos_ in ("NOUN", "PROPN") or low in TITLE_WORDS:
                roles.add(t.lemma_.lower() if t.pos_ == "NOUN" else low)
        roles |= _compound_roles(tokens)
        text = self.doc[tokens[0].i : tokens[-1].i + 1].text
        # Only the head and title words name the office: "House panel chairman" is a chairman, not a panel.
        head = last.lemma_.lower() if last.pos_ == "NOUN" else last.lower_
        roles = {r for r in roles if r == head or r in TITLE_WORDS or r in _ROLE_WORDS}
        return _Description(text, frozenset(roles), frozenset(nations), frozenset(words))

    def pre_name_title(self, span: Span) -> list[Token]:
        """Tokens right before a name that form its title: "Kremlin spokesperson", "U.S. Senator"."""
        tokens: list[Token] = []
        i = span.start - 1
        sent_start = span.sent.start
        while i >= sent_start and len(tokens) < MAX_TITLE_TOKENS:
            t = self.doc[i]
            if t.is_space or t.ent_type_ in NON_TITLE_LABELS or t.i in self.person_token:
                break
            if not (t.pos_ in ("PROPN", "NOUN", "ADJ") or t.tag_ in ("HYPH", "POS")):
                break
            tokens.insert(0, t)
            i -= 1
        return tokens

    def descriptions_around(self, span: Span, titles: list[Token]) -> Iterable[_Description]:
        pre = self.pre_name_title(span) + titles
        desc = self.describe(pre)
        if desc is not None:
            yield desc
        root = span.root
        for child in root.children:
            # An apposition is set off by a comma: "Dmitry Peskov, the Kremlin spokesman,".
            if (
                child.dep_ == "appos" and child.i not in self.person_token and child.pos_ == "NOUN"
                and child.left_edge.i > 0 and self.doc[child.left_edge.i - 1].text == ","
            ):
                desc = self.describe(list(self.doc[child.left_edge.i : child.i + 1]))
                if desc is not None:
                    yield desc
        head = root.head
        if (
            root.dep_ == "appos" and head.pos_ == "NOUN" and head.i not in self.person_token
            and span.start > 0 and self.doc[span.start - 1].text == ","
        ):
            desc = self.describe(list(self.doc[head.left_edge.i : head.i + 1]))
            if desc is not None:
                yield desc

    def match_description(self, tokens: list[Token], before: int) -> _Cluster | None:
        """The person a definite description refers to, learned from the article, or None."""
        head = _head_of(tokens)
        if head is None:
            return None
        head_word = head.lemma_.lower()
        wanted_roles = {head_word} | ROLE_CLASSES.get(head_word, frozenset())
        wanted_roles |= _compound_roles(tokens) & {"prime-minister", "press-secretary"}
        nations, qualifiers = set(), set()
        for t in tokens:
            if t.i >= head.i or t.pos_ == "DET" or t.tag_ == "POS" or t.is_punct:
                continue
            low = t.text.lower()
            if t.ent_type_ in ORG_LABELS or (t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN")):
                nations.add(nationality_key(t.text))
            elif low not in NEUTRAL_MODIFIERS and low not in ("prime", "press"):
                qualifiers.add(low)
        last_seen = {m.cluster.index: m.start for m in self.mentions if m.start < before}
        scored = []
        for cluster in self.clusters:
            if cluster.kind != "person":
                continue
            cluster_nations = cluster.nations
            if nations and cluster_nations and not nations & cluster_nations:
                continue
            best = None
            for desc in cluster.descriptions:
                if not desc.roles & wanted_roles or not qualifiers <= desc.words:
                    continue
                score = 1 + (2 if nations & desc.nations else 0) + (1 if head_word in desc.roles else 0)
                best = max(best or 0, score)
            if best is not None:
                scored.append((cluster.index in last_seen, best, last_seen.get(cluster.index, -1), cluster))
        if not scored:
            return None
        scored.sort(key=lambda s: s[:3], reverse=True)
        if not scored[0][0] and len(scored) > 1:
            return None  # only later introductions, and more than one: do not guess
        return scored[0][3]

    def collect_description_mentions(self) -> None:
        """Definite descriptions in running text ("The Ukrainian leader added…") become mentions."""
        for token in self.doc:
            if token.pos_ != "NOUN" or token.i in self.person_token or _is_group(token):
                continue
            lemma = token.lemma_.lower()
            if lemma not in TITLE_WORDS and lemma not in ROLE_CLASSES:
                continue
            if not any(c.dep_ in ("det", "poss") for c in token.children):
                continue
            if token.i + 1 < len(self.doc) and self.doc[token.i + 1].i in self.person_token:
                continue  # a title in front of a name, already counted with the name
            tokens = list(self.doc[token.left_edge.i : token.i + 1])
            span = self.doc[tokens[0].i : token.i + 1]
            if self.in_quote(span.start_char, span.end_char):
                continue
            cluster = self.match_description(tokens, span.start_char)
            if cluster is not None:
                self.add_mention(span, cluster)

    # ------------------------------------------------------------------ pronouns and cues
    def compatible(self, cluster: _Cluster, pronoun: str) -> bool:
        if pronoun in PLURAL_PRONOUNS or pronoun in ("it", "we"):
            return cluster.kind == "organisation"
        if cluster.kind != "person":
            return False
        if pronoun in MALE_PRONOUNS:
            return cluster.gender != "f"
        if pronoun in FEMALE_PRONOUNS:
            return cluster.gender != "m"
        return False

    def resolve_pronoun(self, pronoun: str, pos: int, previous_speaker: tuple[_Cluster, int] | None) -> _Cluster | None:
        here_sent, here_para = self.sent_of(pos), self.para_of(pos)
        candidates = [
            m for m in self.mentions
            if m.start < pos
            and (here_sent - m.sent <= LOOKBACK_SENTENCES or here_para - m.para <= LOOKBACK_PARAGRAPHS)
            and self.compatible(m.cluster, pronoun)
        ]
        strong = [m for m in candidates if not m.cluster.weak] or candidates
        if previous_speaker is not None:
            speaker, speaker_end = previous_speaker
            intervening = [m for m in strong if m.start > speaker_end and m.rank == 0 and m.cluster is not speaker]
            if self.compatible(speaker, pronoun) and not intervening and here_para - self.para_of(speaker_end) <= 1:
                self.pronoun_certain = True
                return speaker
        # Only a choice without a rival may teach the chosen person a gender (a wrong guess would
        # otherwise spread: "Warren told Stumpf, after he admitted…" must not make Warren a man).
        self.pronoun_certain = len({m.cluster.index for m in strong}) == 1
        by_sentence: dict[int, list[_Mention]] = {}
        for m in strong:
            by_sentence.setdefault(m.sent, []).append(m)
        for sent in sorted(by_sentence, reverse=True):
            # Subject of the main clause over other subjects over objects; then the latest.
            return min(by_sentence[sent], key=lambda m: (m.rank, -m.start)).cluster
        return None

    def organisation_for(self, span: Span) -> _Cluster:
        name = span.text.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        key = fold(name)
        for cluster in self.clusters:
            if cluster.kind == "organisation" and any(fold(v) == key for v in cluster.variants):
                cluster.variants[name] += 1
                return cluster
        cluster = self.new_cluster("organisation")
        cluster.variants[name] += 1
        return cluster

    def institution_for(self, head: Token, before: int) -> _Cluster | None:
        """ "the ministry" -> the latest organisation named earlier whose name has that noun."""
        word = head.lemma_.lower()
        for ent in reversed([e for e in self.ents if e.label_ == "ORG" and e.end_char <= before]):
            if word in {t.lemma_.lower() for t in ent}:
                return self.organisation_for(ent)
        return None

    def is_named(self, words: list[Token]) -> bool:
        """A proper name (person or organisation) rather than a description headed by a common noun."""
        if any(t.i in self.person_token for t in words):
            return True
        head = _head_of(words)
        if head is None:
            return False
        if head.pos_ == "NOUN" or (head.text[:1].islower() and head.lower_ not in ("de", "van", "von")):
            return False
        return head.pos_ == "PROPN" or bool(head.ent_type_) or head.text[:1].isupper()

    def resolve_named(self, span: Span) -> _Cluster | None:
        for t in span:
            if t.i in self.person_token:
                return self.person_token[t.i]
        ents = span_entities(span)
        if any(e.label_ in ORG_LABELS for e in ents) and not any(e.label_ == "PERSON" for e in ents):
            org_ent = next(e for e in ents if e.label_ in ORG_LABELS)
            # The small model often tags a person's name ORG ("Brandt said"): a name that matches a
            # person already met in the article is that person.
            as_name = parse_name(org_ent.text)
            institutional = org_ent[0].lower_ == "the" or any(t.lower_ in INSTITUTION_NOUNS for t in org_ent)
            known = self.find_person(as_name, before=span.start_char) if as_name is not None else None
            if known is not None and not institutional:
                return known
            # A two- or three-word proper name with no institution word, speaking: far more often
            # a person the model mislabelled than a company named like one ("Goldman Sachs").
            if (as_name is not None and as_name.is_full and not institutional and 2 <= len(org_ent) <= 3
                    and all(t.pos_ == "PROPN" for t in org_ent)):
                cluster = self.new_cluster("person")
                cluster.names.append(as_name)
                cluster.variants[as_name.full] += 1
                return cluster
            return self.organisation_for(org_ent)
        name_tokens = [t for t in span if t.pos_ == "PROPN" or t.text[:1].isupper()]
        if not name_tokens or all(t.lower_ in NOT_NAMES for t in name_tokens):
            return None
        if span[0].lower_ == "the" or any(t.lower_ in INSTITUTION_NOUNS for t in name_tokens):
            # "The Carvessan Chamber", "Ministry of Transport": an institution's name, not a person's
            return self.organisation_for(span)
        name = parse_name(self.doc[name_tokens[0].i : name_tokens[-1].i + 1].text)
        if name is None:
            return None
        cluster = self.find_person(name, before=span.start_char)
        if cluster is None:
            cluster = self.new_cluster("person")
        cluster.names.append(name)
        cluster.variants[name.full] += 1
        titles = [t for t in span if t.i < name_tokens[0].i]
        desc = self.describe(titles)
        if desc is not None:
            cluster.add_description(desc)
        return cluster

    def mention_span(self, quote: Quote) -> Span | None:
        if quote.mention_start is None or quote.mention_end is None:
            if not quote.mention:
                return None
            anchor = quote.spans[0][0] if quote.spans else 0
            found = [i for i in _find_all(doc_text(self.doc), quote.mention)]
            if not found:
                return None
            start = min(found, key=lambda i: abs(i - anchor))
            return self.doc.char_span(start, start + len(quote.mention), alignment_mode="expand")
        return self.doc.char_span(quote.mention_start, quote.mention_end, alignment_mode="expand")

    def resolve_quote(self, quote: Quote, previous: tuple[_Cluster, int] | None) -> _Cluster | None:
        span = self.mention_span(quote)
        if span is None or not span.text.strip():
            return self.unattributed(quote, previous)
        words = [t for t in span if not t.is_punct]
        antecedent = _relative_antecedent(words)
        if antecedent is not None:  # "Macron, who has argued that…": the relative clause's noun
            span = self.doc[antecedent.left_edge.i : antecedent.i + 1]
            if antecedent.i in self.person_token:
                span = self.doc[antecedent.i : antecedent.i + 1]
            words = [t for t in span if not t.is_punct]
        self.as_written[quote.id] = span.text.strip()
        groups = self.person_groups(words)
        speaking = [g for g in groups if not self.modifies_noun(g, span)]
        head = _head_of(words)
        if len(words) == 1 and words[0].lower_ in FEMALE_PRONOUNS | MALE_PRONOUNS | PLURAL_PRONOUNS | {"it", "we"}:
            cluster = self.resolve_pronoun(words[0].lower_, span.start_char, previous)
        elif speaking:
            # "Marsh spokesman Owen Pratt", "Keeper of the Royal Seal, Anton Brevik": the name that is
            # not a modifier speaks; a name as written in full over a lone word the model took for one.
            full = [g for g in speaking if len(g) > 1]
            cluster = self.person_token[(full or speaking)[0][0].i]
        elif groups:
            # Only a possessor or modifier is named: "Dalby's lawyer", "the Kessler campaign".
            cluster = self.modified_description(head, groups, span)
        elif _is_group(head) and head.i not in self.person_token and head.lemma_.lower() not in DOCUMENT_NOUNS:
            cluster = None  # "analysts said", "officials say": a group stays a group, kept as written
        elif _names_joined(words):
            cluster = None  # "The US and Ukraine insisted": both speak; kept as written, not one of them
        elif self.is_named(words):
            cluster = self.resolve_named(span)
        elif span.end < len(self.doc) and span.end in self.person_token:
            cluster = self.person_token[span.end]  # a title just before a name: "Kremlin spokesman | Dmitry Peskov"
        elif head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
            cluster = self.document_author(head, span, previous)
        else:
            if head is not None and head.lemma_.lower() in INSTITUTION_NOUNS:
                cluster = self.institution_for(head, span.start_char)
            else:
                cluster = self.match_description(words, span.start_char)
        if cluster is not None:
            self.add_mention(span, cluster)
            if cluster.kind == "person" and len(words) == 1 and self.pronoun_certain:
                pronoun = words[0].lower_
                if cluster.gender is None and pronoun in MALE_PRONOUNS:
                    cluster.gender = "m"
                elif cluster.gender is None and pronoun in FEMALE_PRONOUNS:
                    cluster.gender = "f"
        return cluster

    def person_groups(self, words: list[Token]) -> list[list[Token]]:
        """Runs of tokens in the mention that belong to one person's name, in order."""
        groups: list[list[Token]] = []
        for t in words:
            cluster = self.person_token.get(t.i)
            if cluster is None:
                continue
            last = groups[-1][-1] if groups else None
            if last is not None and last.i == t.i - 1 and self.person_token.get(last.i) is cluster:
                groups[-1].append(t)
            else:
                groups.append([t])
        return groups

    def modifies_noun(self, group: list[Token], span: Span) -> bool:
        """A name that is a possessor ("Halvorsen's aunt") or an attributive modifier ("Marsh
        spokesman", "the Kessler campaign") of a common noun later in the mention."""
        j = group[-1].i + 1
        if j < span.end and self.doc[j].tag_ == "POS":
            return any(t.pos_ in ("NOUN", "PROPN") and t.i not in self.person_token for t in self.doc[j + 1 : span.end]) or (
                j + 1 >= span.end
            )
        return j < span.end and self.doc[j].pos_ == "NOUN" and j not in self.person_token

    def modified_description(self, head: Token | None, groups: list[list[Token]], span: Span) -> _Cluster | None:
        """Who "Dalby's lawyer", "the Kessler campaign", "Whitcombe's statement" is: never the
        person named as the possessor, except for a document that person issued."""
        if head is None:
            return None
        owner = self.person_token[groups[-1][0].i]
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            return owner
        for child in head.children:  # "Halvorsen's aunt, Mira Castellane," as one mention
            if child.dep_ == "appos" and child.i in self.person_token:
                return self.person_token[child.i]
        if head.dep_ == "appos" and head.head.i in self.person_token and head.head.i not in {t.i for g in groups for t in g}:
            return self.person_token[head.head.i]
        if lemma in INSTITUTION_NOUNS or lemma in STAFF_NOUNS:
            return self.organisation_for(self.doc[span.start : head.i + 1])
        return None  # a relative, a lawyer, an aide: kept as written

    def document_author(self, head: Token, span: Span, previous: tuple[_Cluster, int] | None) -> _Cluster | None:
        """ "the statement said…": whoever issued it — its possessor ("Rell's statement", "his
        letter"), else the speaker just before it ("In a statement, Rell said… “…,” the statement said")."""
        # "a speech Mrs. Clinton delivered": the subject of the relative clause on the document
        for clause in (c for c in head.children if c.dep_ in ("relcl", "acl")):
            for subject in (c for c in clause.children if c.dep_ in SUBJECT_DEPS):
                if subject.i in self.person_token:
                    return self.person_token[subject.i]
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            owner = owners[0]
            if owner.lower_ in GENDERED_PRONOUNS:
                return self.resolve_pronoun(owner.lower_, owner.idx, previous)
            owner_span = self.doc[owner.left_edge.i : owner.i + 1]
            return self.resolve_named(owner_span) if self.is_named(list(owner_span)) else None
        if _is_group(head):
            return None  # "other leaked emails suggest…": many documents, not the last speaker's
        here = self.para_of(span.start_char)
        if previous is not None and 0 <= here - self.para_of(previous[1]) <= 1:
            return previous[0]
        subjects = [m for m in self.mentions if m.start < span.start_char and 0 <= here - m.para <= 1 and m.rank == 0]
        return subjects[-1].cluster if subjects else None

    def continues(self, quote: Quote, previous: tuple[_Cluster, int]) -> bool:
        """An unattributed quote continues the previous speaker in the same or next paragraph."""
        if not quote.spans:
            return False
        return 0 <= self.para_of(quote.spans[0][0]) - self.para_of(previous[1]) <= 1

    def unattributed(self, quote: Quote, previous: tuple[_Cluster, int] | None) -> _Cluster | None:
        """Who an unattributed quote belongs to: the main subject of its own sentence/paragraph
        before it ("Peskov criticized the approach, accusing them of “…”"); else the previous
        speaker in the same or previous paragraph; else the main subject of the previous paragraph
        ("The Ukrainian president reiterated that…" followed by a bare quote paragraph)."""
        if not quote.spans:
            return None
        start = quote.spans[0][0]
        para = self.para_of(start)
        sent = self.sent_of(start)
        own = [
            m for m in self.mentions
            if m.para == para and m.start < start and m.rank == 0 and m.cluster.kind == "person"
            and (previous is None or m.start > previous[1]) and sent - m.sent <= 1
        ]
        if own:
            return own[-1].cluster
        if previous and self.continues(quote, previous):
            return previous[0]
        subjects = [m for m in self.mentions if m.para == para - 1 and m.rank == 0 and m.cluster.kind == "person"]
        return subjects[-1].cluster if subjects else None

    def resolve_free_pronoun(self, token: Token, previous: tuple[_Cluster, int] | None) -> None:
        """A subject pronoun outside quotes: resolve it so that later pronouns can chain to it."""
        cluster = self.resolve_pronoun(token.lower_, token.idx, None)
        if cluster is not None:
            span = self.doc[token.i : token.i + 1]
            self.add_mention(span, cluster)
            if cluster.gender is None and self.pronoun_certain:
                cluster.gender = "m" if token.lower_ in MALE_PRONOUNS else "f"

    def infer_genders(self) -> None:
        """Gender from the pronouns the article itself uses: in a sentence that names one person as
        a subject and no other, a later "he"/"she" subject or "himself"/"herself" is most often that
        person ("Merrow said he had not been told"). Votes over the article; a clear majority wins,
        and a title's gender is never overridden."""
        votes: dict[int, Counter] = {}
        by_index = {c.index: c for c in self.clusters}
        in_sentence: dict[int, list[_Mention]] = {}  # grouped once: not every mention again for every sentence
        for m in self.mentions:
            if m.cluster.kind == "person":
                in_sentence.setdefault(self.sent_of(m.start), []).append(m)
        for n, sent in enumerate(self.doc.sents):
            ms = in_sentence.get(n, [])
            if len({m.cluster.index for m in ms}) != 1 or not any(m.rank <= 1 for m in ms):
                continue
            first = min(m.start for m in ms)
            for t in sent:
                if t.idx <= first or self.in_quote(t.idx, t.idx + len(t)):
                    continue
                low = t.lower_
                if (low in ("he", "she") and t.dep_ in SUBJECT_DEPS) or low in ("himself", "herself"):
                    votes.setdefault(ms[0].cluster.index, Counter())["m" if low in MALE_PRONOUNS else "f"] += 1
        for index, counter in votes.items():
            cluster = by_index[index]
            (best, n), = counter.most_common(1)
            other = sum(counter.values()) - n
            if cluster.gender is None and n > 2 * other:
                cluster.gender = best

    def run(self) -> dict[str, _Cluster]:
        self.collect_people()
        self.collect_description_mentions()
        self.infer_genders()
        events: list[tuple[int, int, object]] = []
        quote_cue_chars = set()
        for order, quote in enumerate(self.quotes):
            if quote.mention_start is not None:
                pos = quote.mention_start
                quote_cue_chars.update(range(quote.mention_start, quote.mention_end or quote.mention_start + 1))
            else:
                pos = quote.spans[0][0] if quote.spans else 0
            events.append((pos, 1, quote))
        for token in self.doc:
            if (
                token.dep_ in SUBJECT_DEPS
                and token.lower_ in GENDERED_PRONOUNS
                and token.idx not in quote_cue_chars
                and not self.in_quote(token.idx, token.idx + len(token))
            ):
                events.append((token.idx, 0, token))
        events.sort(key=lambda e: (e[0], e[1]))
        resolved: dict[str, _Cluster] = {}
        spoken: list[tuple[int, _Cluster, int]] = []  # (content start, speaker, last char of cue/quote)
        for _, kind, item in events:
            if kind == 0:
                self.resolve_free_pronoun(item, None)
                continue
            quote: Quote = item
            content_start = quote.spans[0][0] if quote.spans else (quote.mention_start or 0)
            earlier = [s for s in spoken if s[0] < content_start]
            previous = (earlier[-1][1], earlier[-1][2]) if earlier else None
            cluster = self.resolve_quote(quote, previous)
            if cluster is not None:
                resolved[quote.id] = cluster
                end = max([e for _, e in quote.spans] + [quote.mention_end or 0])
                bisect.insort(spoken, (content_start, cluster, end), key=lambda s: s[0])
        return resolved


_QUOTED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|''(?:(?!'')[^\n])*''")


def _quoted_ranges(text: str) -> Iterable[tuple[int, int]]:
    """Character ranges between paired quotation marks within one paragraph."""
    for m in _QUOTED.finditer(text):
        yield (m.start(), m.end())


def _split_run_on_names(occurrences):
    """Repair PERSON entities that ran past the name ("Zelensky Rejects Korea-Style" in a glued
    headline): when a full name's first word is the surname of another full name in the article,
    only the first word is a name."""
    surnames = {o[2].surname_key for o in occurrences if o[2].is_full}
    repaired = []
    for span, titles, name in occurrences:
        if name.is_full and translit_key(name.given[0]) in surnames - {name.surname_key}:
            first = span[0:1]
            repaired.append((first, titles, PersonName((), first.text)))
        else:
            repaired.append((span, titles, name))
    return repaired


def _person_labelled_org(ent: Span) -> bool:
    """A person the small model labelled ORG: a two- or three-word proper name with a personal
    title before it ("Union leader Ivo Brandt") or a role in apposition ("Ivo Brandt, the union's
    general secretary,")."""
    if ent.label_ != "ORG" or not 2 <= len(ent) <= 3:
        return False
    if not all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and t.text[1:].islower() for t in ent):
        return False
    if any(t.lower_ in INSTITUTION_NOUNS or is_title_word(t.text) for t in ent):
        return False
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.lower_ in TITLE_WORDS and before.lower_ not in ("chief", "head", "official", "officer"):
        return True
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i > ent.end and child.lower_ in TITLE_WORDS:
            return True
    return False


def _compound_roles(tokens: list[Token]) -> set[str]:
    words = [t.text.lower() for t in tokens]
    out = set()
    for a, b in zip(words, words[1:]):
        if (a, b) in (("prime", "minister"), ("press", "secretary")):
            out.add(f"{a}-{b}")
    joined = "".join(words)
    if "president-elect" in joined:
        out.add("president-elect")
    return out


def _relative_antecedent(words: list[Token]) -> Token | None:
    if len(words) != 1 or words[0].lower_ not in ("who", "which", "that", "whom"):
        return None
    verb = words[0].head
    if verb.dep_ == "relcl" and verb.head.i != verb.i:
        return verb.head
    return None


def _gender_of(word_sets: Iterable[frozenset[str]]) -> str | None:
    for words in word_sets:
        if words & MALE_WORDS and not words & FEMALE_WORDS:
            return "m"
        if words & FEMALE_WORDS and not words & MALE_WORDS:
            return "f"
    return None


def _names_joined(words: list[Token]) -> bool:
    """A speaker phrase of names joined by "and" ("The US and Ukraine", "Ostra and Dorland"): more
    than one speaker."""
    return any(t.lower_ in ("and", "&") and t.dep_ == "cc" and t.head.i < t.i
               and any(c.dep_ == "conj" and c.i > t.i for c in t.head.children)
               for t in words)


def _is_group(token: Token | None) -> bool:
    """A plural common noun ("analysts", "officials", "the senators"): a group, not one person."""
    return token is not None and token.tag_ == "NNS"


def _head_of(tokens: list[Token]) -> Token | None:
    content = [t for t in tokens if not t.is_punct]
    if not content:
        return None
    ids = {t.i for t in content}
    heads = [t for t in content if t.head.i not in ids or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN")]
    return (nouns or heads or content)[-1]


def _find_all(text: str, needle: str) -> Iterable[int]:
    start = text.find(needle)
    while start != -1:
        yield start
        start = text.find(needle, start + 1)


def resolve_article(doc: Doc, quotes: list[Quote], article_id: str | None = None) -> ArticlePeople:
    """Set `quote.speaker` for each quote and return the article's people evidence.

    `quote.speaker` becomes the fullest name of the person or organisation within the article;
    a description that matches nobody is kept as written ("Russia's foreign secretary"); an
    unresolved pronoun leaves it None. `PeopleIndex.add_article` later makes names canonical
    across the corpus and assigns `speaker_id`.
    """
    resolver = _ArticleResolver(doc, quotes)
    resolved = resolver.run()
    used = {c.index for c in resolved.values()}
    keep = [
        c for c in resolver.clusters
        if c.index in used or (c.kind == "person" and c.full_names and not c.weak)
    ]
    renumber = {c.index: i for i, c in enumerate(keep)}
    entities = [
        ArticleEntity(
            index=renumber[c.index],
            kind=c.kind,
            name=c.display_name(),
            variants=dict(c.variants),
            descriptions=[d.text for d in c.descriptions],
            gender=c.gender,
            full=bool(c.full_names),
        )
        for c in keep
    ]
    result = ArticlePeople(article=article_id or (quotes[0].article if quotes else None), entities=entities)
    for quote in quotes:
        cluster = resolved.get(quote.id)
        if cluster is not None:
            quote.speaker = entities[renumber[cluster.index]].name
            result.speakers[quote.id] = renumber[cluster.index]
        elif resolver.as_written.get(quote.id, (quote.mention or "").strip()).lower() not in (
            MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | {"", "it", "we", "i", "you", "who", "which", "that"}
        ):
            # An unmatched description is kept as written, not invented.
            quote.speaker = resolver.as_written.get(quote.id, (quote.mention or "").strip())
        else:
            quote.speaker = None
    return result
