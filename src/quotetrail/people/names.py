"""Personal-name normalisation: titles off, transliteration-aware keys, variant matching."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .lexicon import DEMONYM_ALIASES, NAME_PARTICLES, TITLE_WORDS

_POSSESSIVE = re.compile(r"['’]s?$")
_TOKEN = re.compile(r"[^\s]+")
# Letters that NFKD does not split into base letter + diacritic.
_UNDECOMPOSABLE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


# The name helpers below are pure and run thousands of times per article on a few hundred distinct
# words: cached per process.
@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII letters only: diacritics dropped via unicodedata, punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z]", "", ascii_only.lower())


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """Collapse the usual romanisation differences of one name word into one key.

    Zelensky / Zelenskyy / Zelenskiy / Zelenskij -> "zelenski"; Volodymyr / Wolodymyr -> "volodimir".
    Hand-written because no installed library normalises Slavic/Arabic romanisation variants.
    """
    key = fold(word)
    for old, new in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i")):
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)  # double letters: Zelenskyy, Hillary/Hilary
    return key


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """Consonant skeleton of a transliteration key: Vladimir / Volodymyr -> "vldmr"."""
    key = translit_key(word).replace("g", "h")  # Cyrillic г is "g" in Russian, "h" in Ukrainian
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]", "", key))


@dataclass(frozen=True)
class PersonName:
    """A personal name split into given names and surname, titles removed."""

    given: tuple[str, ...]  # first + middle names as written (may be initials)
    surname: str
    titles: tuple[str, ...] = ()

    @property
    def full(self) -> str:
        return " ".join((*self.given, self.surname))

    @property
    def is_full(self) -> bool:
        return bool(self.given)

    @property
    def surname_key(self) -> str:
        return translit_key(self.surname)

    @property
    def first(self) -> str | None:
        return self.given[0] if self.given else None


def is_title_word(word: str) -> bool:
    return word.lower().strip(",") in TITLE_WORDS


@lru_cache(maxsize=8192)  # pure, and the same few hundred names come back in every article
def parse_name(text: str) -> PersonName | None:
    """Split "Senator Marco Rubio's" into titles ("Senator",) and the name "Marco Rubio".

    Returns None when nothing that looks like a personal name is left.
    """
    words = _TOKEN.findall(text.strip().strip(",.;:()\"“”‘’"))
    if not words:
        return None
    words[-1] = _POSSESSIVE.sub("", words[-1])
    # Everything up to the last title or lower-case word is a title/description:
    # "U.S. Senator Marco Rubio", "Kremlin spokesperson Dmitry Peskov".
    cut = 0
    for i, w in enumerate(words):
        if is_title_word(w) or (w[:1].islower() and w.lower() not in NAME_PARTICLES) or not w[:1].isalpha():
            cut = i + 1
    titles = words[:cut]
    words = [w for w in words[cut:] if w]
    if not words:
        return None
    for w in words:
        if w.lower() in NAME_PARTICLES:
            continue
        if not w[0].isupper() or any(ch.isdigit() for ch in w):
            return None
    # "Putin" alone is a surname; "Vladimir Putin", "Donald J. Trump" have given names.
    return PersonName(given=tuple(words[:-1]), surname=words[-1], titles=tuple(titles))


def _initial(word: str) -> str:
    return translit_key(word)[:1]


def _is_initial(word: str) -> bool:
    return len(fold(word)) == 1


def given_names_compatible(a: str, b: str) -> bool:
    """First-name equivalence across spellings: Vladimir ~ Volodymyr ~ Wolodymyr, V. ~ Vladimir.

    Different initials never match (Hillary vs Bill); short names must match exactly after
    transliteration (Mark vs Mary), since edit distance on 4 letters says little.
    """
    ka, kb = translit_key(a), translit_key(b)
    sa, sb = skeleton(a), skeleton(b)
    if ka[:1] != kb[:1]:
        # Only an initial vowel may differ, and only with a long shared skeleton (Aleksandr/Oleksandr).
        return ka[:1] in "aeiou" and kb[:1] in "aeiou" and sa == sb and len(sa) >= 4
    if _is_initial(a) or _is_initial(b):
        return True
    if ka == kb or (sa == sb and len(sa) >= 3):
        return True
    return min(len(ka), len(kb)) >= 6 and Levenshtein.normalized_similarity(ka, kb) >= 0.8


def surnames_match(a: str, b: str) -> bool:
    """Same surname after transliteration folding, or a near spelling for long surnames."""
    ka, kb = translit_key(a), translit_key(b)
    if ka == kb:
        return True
    return (
        min(len(ka), len(kb)) >= 6
        and ka[0] == kb[0]
        and Levenshtein.normalized_similarity(ka, kb) >= 0.85
    )


def names_compatible(a: PersonName, b: PersonName) -> bool:
    """Could these two names denote the same person (ignoring context)?"""
    if not surnames_match(a.surname, b.surname):
        return False
    if not a.given or not b.given:
        return True
    if not given_names_compatible(a.given[0], b.given[0]):
        return False
    # Middle names/initials: only a clash when both sides give one (George W. vs George H. W.).
    ma, mb = a.given[1:], b.given[1:]
    if ma and mb:
        return [_initial(w) for w in ma] == [_initial(w) for w in mb]
    return True


def nationality_key(word: str) -> str:
    """Map a place or demonym to a comparable stem: Ukraine/Ukrainian -> "ukrai", Russia's -> "russi"."""
    w = _POSSESSIVE.sub("", word.strip().lower())
    w = DEMONYM_ALIASES.get(w, w)
    return fold(w)[:5]
