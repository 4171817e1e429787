"""Corpus-level people: one entry per person (or organisation) across articles and outlets."""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..model import Quote
from .mentions import ArticleEntity, ArticlePeople
from .lexicon import INSTITUTION_NOUNS, NEUTRAL_MODIFIERS
from .names import PersonName, fold, names_compatible, parse_name, surnames_match


@dataclass
class _Person:
    id: str
    kind: str  # "person" | "organisation"
    variants: Counter = field(default_factory=Counter)  # name form -> mentions
    descriptions: Counter = field(default_factory=Counter)  # description -> articles
    quotes: int = 0
    articles: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def name(self) -> str:
        full = {f: c for f, c in self.variants.items() if len(f.split()) > 1} or dict(self.variants)
        # Most frequent full form; ties go to the longer form, then the first seen.
        return max(full, key=lambda f: (full[f], len(f)))

    def parsed(self) -> list[PersonName]:
        return [n for n in map(parse_name, self.variants) if n is not None]

    @property
    def full(self) -> bool:
        return any(n.is_full for n in self.parsed())

    def description_words(self) -> set[str]:
        return _description_words(self.descriptions)

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": sorted(self.variants, key=lambda v: (-self.variants[v], v)),
            "descriptions": [d for d, _ in sorted(self.descriptions.items(), key=lambda kv: (-kv[1], kv[0]))],
            "quotes": self.quotes,
            "kind": self.kind,
        }


def _description_words(descriptions: Iterable[str]) -> set[str]:
    words = set()
    for desc in descriptions:
        for w in desc.lower().replace("’s", " ").replace("'s", " ").split():
            if w not in NEUTRAL_MODIFIERS and w not in ("the", "a", "an", "of"):
                words.add(fold(w)[:5])  # stem-ish: "ukrainian" ~ "ukraine"
    return words


class PeopleIndex:
    """Merges per-article entities into corpus-wide people.

    Spelling and transliteration variants merge (Zelensky / Zelenskyy / Zelenskiy; Vladimir /
    Volodymyr) through `names.names_compatible`; different given names with the same surname stay
    apart; a bare surname joins a person only when exactly one known person has it (or the
    article's descriptions single one out).
    """

    def __init__(self) -> None:
        self._people: dict[str, _Person] = {}
        self._by_surname: dict[str, set[str]] = {}
        self._by_prefix: dict[str, set[str]] = {}
        self._org_keys: dict[str, str] = {}
        self._articles: set[str] = set()

    # ------------------------------------------------------------------ persistence
    def to_rows(self) -> list[dict[str, Any]]:
        """Everything needed to continue incrementally (a superset of `people()` rows)."""
        return self.rows_for(self._people)

    def rows_for(self, person_ids: Iterable[str]) -> list[dict[str, Any]]:
        """`to_rows` for just these people: what a batch changed, for the store to save."""
        rows = []
        for person in (self._people[i] for i in person_ids if i in self._people):
            row = person.row()
            row.update(
                variant_counts=dict(person.variants),
                description_counts=dict(person.descriptions),
                articles=list(person.articles),
                gender=person.gender,
            )
            rows.append(row)
        return rows

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any]]) -> "PeopleIndex":
        index = cls()
        for row in rows:
            person = _Person(
                id=row["id"],
                kind=row.get("kind", "person"),
                variants=Counter(row.get("variant_counts") or {a: 1 for a in row.get("aliases", [])}),
                descriptions=Counter(row.get("description_counts") or {d: 1 for d in row.get("descriptions", [])}),
                quotes=int(row.get("quotes", 0)),
                articles=list(row.get("articles", [])),
                gender=row.get("gender"),
            )
            index._register(person)
            index._articles.update(person.articles)
        return index

    # ------------------------------------------------------------------ queries
    def people(self) -> list[dict[str, Any]]:
        """people.jsonl rows: id, name, aliases, descriptions, quotes (plus kind)."""
        return [p.row() for p in sorted(self._people.values(), key=lambda p: (-p.quotes, p.name, p.id))]

    def __len__(self) -> int:
        return len(self._people)

    def get(self, person_id: str) -> dict[str, Any] | None:
        person = self._people.get(person_id)
        return None if person is None else person.row()

    def lookup(self, name: str) -> str | None:
        """The id of the person (or organisation) a name refers to, if the index knows one."""
        entity = ArticleEntity(index=0, kind="person", name=name, variants={name: 1})
        parsed = parse_name(name)
        person = self._match_person(entity) if parsed is not None else None
        if person is None:
            org_id = self._org_keys.get(_org_key(name))
            return org_id
        return person.id

    # ------------------------------------------------------------------ adding
    def add_article(self, article_id: str, quotes: list[Quote], mentions: ArticlePeople) -> dict[int, str]:
        """Merge one article's entities; set `speaker` (canonical) and `speaker_id` on its quotes.

        Adding an article that is already in the index changes no counts (re-runs add nothing
        twice) but still fills in the quotes. Returns entity index -> person id.
        """
        repeat = article_id in self._articles
        quote_counts = Counter(mentions.speakers.values())
        assigned: dict[int, str] = {}
        for entity in mentions.entities:
            person = self._match(entity)
            if person is None:
                person = self._create(entity)
            if not repeat:
                self._absorb(person, entity, quote_counts.get(entity.index, 0), article_id)
            assigned[entity.index] = person.id
        self._articles.add(article_id)
        for quote in quotes:
            index = mentions.speakers.get(quote.id)
            if index is None:
                quote.speaker_id = None
                continue
            person = self._people[assigned[index]]
            quote.speaker_id = person.id
            quote.speaker = person.name
        return assigned

    def refresh(self, quotes: Iterable[Quote]) -> None:
        """Re-set `speaker` to the current canonical name: a later article can change which
        full form is the most frequent, and quotes indexed before then carry the old one."""
        for quote in quotes:
            person = self._people.get(quote.speaker_id) if quote.speaker_id else None
            if person is not None:
                quote.speaker = person.name

    def _match(self, entity: ArticleEntity) -> _Person | None:
        if entity.kind == "organisation":
            for variant in entity.variants:
                person_id = self._org_keys.get(_org_key(variant))
                if person_id is not None:
                    return self._people[person_id]
            # The small model tags many names ORG ("Sokol said"): an "organisation" named like
            # exactly one known person, with no institution word in it, is that person.
            if not any(w in INSTITUTION_NOUNS for v in entity.variants for w in fold(v).split()):
                person = self._match_person(entity)
                if person is not None and person.kind == "person":
                    return person
            return None
        return self._match_person(entity)

    def _candidates(self, names: list[PersonName]) -> list[_Person]:
        ids: set[str] = set()
        for name in names:
            key = name.surname_key
            ids |= self._by_surname.get(key, set())
            for other_id in self._by_prefix.get(key[:3], set()):
                if other_id not in ids and any(
                    surnames_match(name.surname, n.surname) for n in self._people[other_id].parsed()
                ):
                    ids.add(other_id)
        people = [self._people[i] for i in sorted(ids)]
        return [p for p in people if p.kind == "person"]

    def _match_person(self, entity: ArticleEntity) -> _Person | None:
        names = [n for n in map(parse_name, entity.variants) if n is not None]
        if not names:
            return None
        full = [n for n in names if n.is_full]
        same_full = {fold(n.full) for n in full}
        # A gender read off nearby pronouns is weak evidence: it keeps apart people whose names
        # merely resemble each other, never two mentions of the very same full name.
        candidates = [
            p for p in self._candidates(names)
            if not (entity.gender and p.gender and entity.gender != p.gender)
            or any(fold(b.full) in same_full for b in p.parsed() if b.is_full)
        ]
        entity_words = _description_words(entity.descriptions)
        if full:
            compatible = [
                p for p in candidates
                if any(names_compatible(a, b) for a in full for b in p.parsed() if b.is_full)
            ]
            if compatible:
                return max(compatible, key=lambda p: (len(entity_words & p.description_words()), p.quotes))
            bare = [p for p in candidates if not p.full]
            return bare[0] if len(bare) == 1 else None
        with_full = [p for p in candidates if p.full]
        if len(with_full) == 1:
            return with_full[0]
        if len(with_full) > 1 and entity_words:
            overlap = sorted(((len(entity_words & p.description_words()), p.id) for p in with_full), reverse=True)
            if overlap[0][0] > 0 and overlap[0][0] > overlap[1][0]:
                return self._people[overlap[0][1]]
        surname_keys = {n.surname_key for n in names}
        bare = [p for p in candidates if not p.full and {n.surname_key for n in p.parsed()} & surname_keys]
        return bare[0] if bare else None

    def _create(self, entity: ArticleEntity) -> _Person:
        base = f"{entity.kind}\0{fold(entity.name)}"
        digest = hashlib.blake2b(base.encode(), digest_size=6).hexdigest()
        prefix = "o" if entity.kind == "organisation" else "p"
        person_id, n = f"{prefix}{digest}", 1
        while person_id in self._people:
            n += 1
            person_id = f"{prefix}{digest}-{n}"
        person = _Person(id=person_id, kind=entity.kind)
        person.variants[entity.name] += 0  # keeps first-seen order for ties
        self._people[person_id] = person
        return person

    def _absorb(self, person: _Person, entity: ArticleEntity, quotes: int, article_id: str) -> None:
        for variant, count in entity.variants.items():
            person.variants[variant] += count
        for desc in entity.descriptions:
            person.descriptions[desc] += 1
        person.quotes += quotes
        person.articles.append(article_id)
        if person.gender is None:
            person.gender = entity.gender
        self._register(person)

    def _register(self, person: _Person) -> None:
        self._people[person.id] = person
        if person.kind == "organisation":
            for variant in person.variants:
                self._org_keys.setdefault(_org_key(variant), person.id)
            return
        for name in person.parsed():
            key = name.surname_key
            self._by_surname.setdefault(key, set()).add(person.id)
            self._by_prefix.setdefault(key[:3], set()).add(person.id)


def _org_key(name: str) -> str:
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return fold(name)
