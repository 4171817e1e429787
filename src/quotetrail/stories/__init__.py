"""Stories: articles that report the same event, grouped incrementally and deterministically.

A worker turns each article into the counts of its words (`story_vector`: title words count twice,
and a capitalised word inside a sentence NAMES times: two events of one kind — two shootings, two
celebrity rehab stays — share their common words and differ in their names and places).
The main process keeps a `StoryIndex` in memory: how many articles so far carry each word (document
frequency), and for every story the sum of its members' unit vectors. A new article is weighted
TF-IDF against the corpus so far, with a background prior for a young corpus (`idf`): words that
many articles carry (a site's template, "police said", "shooting") weigh little, the event's own
names and places weigh much. The article then joins the story it is most like *as a whole* (the
cosine with the story's centroid, the normalised sum of its members' vectors), when that clears a
threshold that depends on time (`threshold`):

  - published within NEAR_DAYS of the story's median day: NEAR (a story's span does not stretch
    the window: a run of similar events cannot walk a story through months);
  - within FOLLOW_UP_DAYS (an arrest, a trial a few weeks later): FOLLOW_UP — the text must say
    more plainly that it is the same event;
  - further apart: FAR;
  - an article or story without dates: UNDATED, text alone; PAIR higher when the story has one member
    (or two one-member stories would merge): a pair rests on a single cosine, and two events of one
    kind (two title defences of one boxer) are that alike while the topic's words are new to the index.

Evidence beyond words lowers the bar by EVIDENCE (never below FLOOR): a near-copy found by the
dedup stage (when the text agrees too: template pages are near-copies of each other but not alike
in their words once template words weigh nothing), or at least STATEMENTS_TO_LINK statements the
story's articles carry too (one routine "police said the shooting was accidental" links nothing).
After joining, two stories the article clears both merge only when their average link (the mean
cosine over all pairs of their members) clears the same bar: there is no single-link chaining.
Candidates come from an in-memory inverted index on each article's heaviest words (the most recent
POSTINGS_PER_TERM per word, the CANDIDATES stories sharing most weight), so a new article costs the
same however big the store. The dated thresholds, PRIOR_DOCS and NAMES were chosen on the
gun-violence dev set and confirmed on ECB+; UNDATED was chosen on ECB+ (docs/quality.md).
"""
from __future__ import annotations

import bisect
import heapq
import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import islice, repeat
from operator import mul

import numpy

from ..stop_words import STOP_WORDS

MAX_COUNTED = 400  # distinct words counted per article (the most frequent)
TERMS = 400  # weighted words kept per article vector
INDEX_TERMS = 30  # of which this many are indexed and looked up to find candidates (30 and 40: the same stories)
POSTINGS_PER_TERM = 200  # most recent articles read per looked-up word
WEIGHT_SCALE = 100_000  # vector weights are rounded to 5 decimals: candidates sum them as integers
_WORD_BITS = INDEX_TERMS.bit_length()  # bits for a looked-up word's position in a candidate key
_WORD_MASK = (1 << _WORD_BITS) - 1
CANDIDATES = 32  # stories compared, those sharing the most weight of the looked-up words (16, 32 and 64
# gave the same stories on both dev sets and a 10,000-article generated corpus; each costs a cosine)
PRIOR_DOCS = 60.0  # the background prior weighs as much as this many articles
BACKGROUND_WORDS = 400  # a typical article's length, to turn a word frequency into a document frequency
COMMON = 0.5  # words in more than this share of articles carry nothing (as TF-IDF's max_df)

NEAR_DAYS = 7
FOLLOW_UP_DAYS = 60
NEAR = 0.20
FOLLOW_UP = 0.30
FAR = 0.45
UNDATED = 0.25
EVIDENCE = 0.08
FLOOR = 0.15
STATEMENTS_TO_LINK = 2
YOUNG = 0.25  # a young corpus's undated bar is this much higher, fading as it grows (see `threshold`)
YOUNG_DOCS = 10  # ... to half of it at this many articles
PAIR = 0.03  # an undated article founding a story with one other (joining a one-member story, or two
# one-member stories merging) needs this much more: one cosine is the only evidence, no dates back it

NAMES = 3  # a capitalised word inside a sentence (a name, a place) counts this many times
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")


def story_vector(title: str | None, text: str) -> dict[str, float]:
    """The counts of the article's words (lower-cased, stop words out; the title's count twice; a
    capitalised word not at the start of a sentence, likely a name or place, NAMES times)."""
    counts: Counter[str] = Counter()
    for weight, part in ((2, title or ""), (1, text)):
        for match in _WORD.finditer(part):
            token = match.group()
            word = token.lower().replace("’", "'")
            if word.endswith("'s"):
                word = word[:-2]
            if len(word) > 2 and word not in STOP_WORDS:
                name = NAMES and token[0].isupper() and not _starts_sentence(part, match.start())
                counts[word] += weight * (NAMES if name else 1)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COUNTED])


def _starts_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 4):start].rstrip(" \t\"'“‘(’”)")
    return not before or before[-1] in ".!?:\n" or start - 4 <= 0 and not before.strip()


@lru_cache(maxsize=200_000)
def background(word: str) -> float:
    """The share of articles in general English expected to carry `word` (from wordfreq)."""
    per_word = 10 ** (_zipf()(word, "en") - 9)
    return min(0.9, 1 - math.exp(-per_word * BACKGROUND_WORDS)) or 1e-7


@lru_cache(maxsize=1)
def _zipf() -> Callable[[str, str], float]:
    """wordfreq's `zipf_frequency`, its English list loaded. Imported here, not with this module:
    only the main process weighs words, and wordfreq took 0.1 s of the workers' forkserver's
    start-up, which every run waits for."""
    from wordfreq import zipf_frequency

    zipf_frequency("the", "en")  # loads the word list
    return zipf_frequency


def load_background() -> None:
    """Load the background word frequencies now (about 0.2 s), not when the first article is
    weighed: a run calls this while its workers are still loading the model, when this process
    would only wait."""
    _zipf()


def idf(df: int, n: int, word: str) -> float:
    """Inverse document frequency of a word `df` of `n` articles carry, with a background prior
    worth PRIOR_DOCS articles (so the first articles of a corpus are weighted by general English)."""
    share = (df + PRIOR_DOCS * background(word)) / (n + PRIOR_DOCS)
    if n >= 2 * PRIOR_DOCS and df > COMMON * n:
        return 0.0
    return max(0.0, -math.log(share))


def weigh(counts: dict[str, float], df: dict[str, int], n: int) -> dict[str, float]:
    """Unit-length TF-IDF weights of an article's heaviest TERMS words, heaviest first."""
    # `idf` written out in the loop (the same arithmetic, so the same floats): this runs for every
    # word of every article in the main process
    log, prior, total = math.log, PRIOR_DOCS, n + PRIOR_DOCS
    common = COMMON * n if n >= 2 * PRIOR_DOCS else math.inf
    ranked = []
    for w, c in counts.items():
        if c > 0:
            d = df.get(w, 0)
            if d > common:
                continue
            v = (1 + log(c)) * max(0.0, -log((d + prior * background(w)) / total))
            if v > 0:
                ranked.append((-v, w))
    ranked.sort()  # heaviest first, then by word
    top = [(w, -v) for v, w in ranked[:TERMS]]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {w: round(v / norm, 5) for w, v in top}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The dot product of two word vectors (unit vectors: their cosine). Placement compares a story's
    sum in arrays instead (`Story.dot`); this serves pages and tests."""
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))  # in C: a third faster than a generator


def day_number(published: str | None) -> int | None:
    if not published or published == "9999-99-99":
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    x, y = day_number(a), day_number(b)
    return None if x is None or y is None else abs(x - y)


def threshold(gap_days: int | None, n: int = 10**9) -> float:
    """The similarity an article needs to join a story whose nearest dated member is `gap_days`
    away (None: the article or the whole story is undated), in a corpus of `n` articles so far.

    Undated articles are linked on text alone, and while a corpus is young its document
    frequencies are mostly the background prior, which does not discount the words every article of
    a one-topic corpus shares (a handful of Ukraine articles all say "Zelensky", "Ukraine",
    "guarantees"): the undated bar starts YOUNG higher and the extra fades as the corpus grows."""
    if gap_days is None:
        return UNDATED + YOUNG * YOUNG_DOCS / (n + YOUNG_DOCS)
    if gap_days <= NEAR_DAYS:
        return NEAR
    if gap_days <= FOLLOW_UP_DAYS:
        return FOLLOW_UP
    return FAR


def linked(similarity: float, gap_days: int | None, evidence: bool = False, n: int = 10**9) -> bool:
    bar = threshold(gap_days, n)
    if evidence:
        bar = max(FLOOR, bar - EVIDENCE)
    return similarity >= bar


def _sorted_unique(values: numpy.ndarray) -> numpy.ndarray:
    """The distinct values (non-negative) in order: a sort and a mask. Not numpy.unique, which in
    numpy 2 hashes first: 18 times slower on the 5,000 keys of a candidate search."""
    values = numpy.sort(values)
    return values[numpy.diff(values, prepend=-1) != 0]


_NO_TERMS = numpy.zeros(0, dtype=numpy.int32)
_NO_WEIGHTS = numpy.zeros(0)


@dataclass
class Story:
    """A story's members and the sum of their unit vectors, as arrays: word numbers (sorted, given
    by the `StoryIndex`) and their summed weights. As a dict of words this sum cost about 30 KB a
    story, 1.1 GB of a 50,000-article run's main process; as arrays 12 bytes a word."""

    members: list[str] = field(default_factory=list)
    terms: numpy.ndarray = field(default_factory=lambda: _NO_TERMS)  # word numbers, sorted
    weights: numpy.ndarray = field(default_factory=lambda: _NO_WEIGHTS)  # summed weight of each
    squares: float = 0.0  # the squared length of the sum
    days: list[int] = field(default_factory=list)  # members' publication days, sorted

    def add(self, article: str, terms: numpy.ndarray, weights: numpy.ndarray, day: int | None) -> None:
        self.members.append(article)
        self._sum(terms, weights)
        if day is not None:
            bisect.insort(self.days, day)

    def absorb(self, other: Story) -> None:
        self.members += other.members
        self._sum(other.terms, other.weights)
        self.days = sorted(self.days + other.days)

    def dot(self, terms: numpy.ndarray, weights: numpy.ndarray) -> float:
        """The dot product of the story's sum with a vector of sorted word numbers and weights."""
        mine, my_weights = self.terms, self.weights
        if len(mine) < len(terms):  # look the shorter up in the longer
            mine, my_weights, terms, weights = terms, weights, mine, my_weights
        if not len(terms):
            return 0.0
        at = numpy.searchsorted(mine, terms)
        at[at == len(mine)] = 0
        found = mine[at] == terms
        return float(numpy.dot(weights[found], my_weights[at[found]]))

    def similarity(self, terms: numpy.ndarray, weights: numpy.ndarray) -> float:
        """Cosine of a unit vector with the story's centroid (the normalised sum of its members)."""
        return self.dot(terms, weights) / self.norm()

    def norm(self) -> float:
        return math.sqrt(self.squares) or 1.0

    def _sum(self, terms: numpy.ndarray, weights: numpy.ndarray) -> None:
        if not len(self.terms):
            self.terms, self.weights = terms, weights.copy()
        else:
            union = _sorted_unique(numpy.concatenate([self.terms, terms]))
            total = numpy.zeros(len(union))
            total[numpy.searchsorted(union, self.terms)] = self.weights
            total[numpy.searchsorted(union, terms)] += weights
            self.terms, self.weights = union, total
        self.squares = float(numpy.dot(self.weights, self.weights))

    def gap(self, day: int | None) -> int | None:
        """Days between `day` and the story's median day (counted from its nearest member instead,
        a run of similar events walked stories on for months: measured worse)."""
        if day is None or not self.days:
            return None
        return abs(day - self.days[len(self.days) // 2])


class _Numbers(dict):
    """Words numbered in the order they are first looked up (in C for the words already numbered)."""

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self)
        return number


def _count_words(df: Counter[str], counts: dict[str, float]) -> None:
    """One more article for each word it carries (a positive count)."""
    if min(counts.values(), default=1) > 0:  # the usual case, counted in C
        df.update(counts.keys())
    else:
        df.update(w for w, c in counts.items() if c > 0)


class _StoryOf(Mapping):
    """Article id -> story id, read from the index's numbers (kept nowhere else)."""

    def __init__(self, index: StoryIndex) -> None:
        self._index = index

    def __getitem__(self, article: str) -> str:
        index = self._index
        return index.story_name[index.story_at[index.number[article]]]

    def __contains__(self, article: object) -> bool:
        return article in self._index.number

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.number)

    def __len__(self) -> int:
        return len(self._index.number)


class StoryIndex:
    """Everything story linking needs, in memory: document frequencies, stories, and an inverted
    index from words to the articles whose heaviest words they are.

    The inverted index is kept in numbers so that gathering candidates costs a few numpy calls
    however long the postings are: each article has a number (its arrival), each story a number,
    `story_at[article number]` is the article's story number, and a word's postings are an
    `array` of article numbers (read by numpy without a copy). Gathering with Python dicts cost
    1.8 ms per article at 50,000 stored and grew with the store (docs/performance.md)."""

    def __init__(self) -> None:
        self.n = 0
        self.df: Counter[str] = Counter()
        self.stories: dict[str, Story] = {}
        self.story_of: Mapping[str, str] = _StoryOf(self)  # article -> story id
        self.postings: dict[str, array] = {}
        self.number: dict[str, int] = {}  # article -> its number
        self.story_number: dict[str, int] = {}  # story id -> its number
        self.story_name: list[str] = []  # story number -> id
        self.story_at = numpy.zeros(1024, dtype=numpy.intc)  # article number -> story number
        self.term_number = _Numbers()  # word -> its number in story sums

    def numbered(self, vector: dict[str, float]) -> tuple[numpy.ndarray, numpy.ndarray]:
        """`vector` as word numbers (sorted; a new word gets the next number) and their weights."""
        terms = numpy.fromiter(map(self.term_number.__getitem__, vector), dtype=numpy.int32, count=len(vector))
        weights = numpy.fromiter(vector.values(), dtype=numpy.float64, count=len(vector))
        order = numpy.argsort(terms)
        return terms[order], weights[order]

    def weigh(self, counts: dict[str, float]) -> dict[str, float]:
        """Count the article into the document frequencies, then weigh it."""
        self.n += 1
        _count_words(self.df, counts)
        return weigh(counts, self.df, self.n)

    def candidates(self, vector: dict[str, float]) -> list[str]:
        """The CANDIDATES stories whose recent articles share the most weight of `vector`'s heaviest
        words (each story counts a word's weight once), most weight first, then by id."""
        parts, weights = [], []
        for term, weight in islice(vector.items(), INDEX_TERMS):
            posting = self.postings.get(term)
            if posting:
                parts.append(numpy.frombuffer(posting, dtype=numpy.intc)[-POSTINGS_PER_TERM:])
                weights.append(round(weight * WEIGHT_SCALE))
        if not parts:
            return []
        articles = numpy.concatenate(parts)
        word = numpy.repeat(numpy.arange(len(parts)), [len(p) for p in parts])
        # one key per (story, word), sorted: a story's words in a row, each once
        keys = _sorted_unique(self.story_at[articles].astype(numpy.int64) << _WORD_BITS | word)
        stories = keys >> _WORD_BITS
        starts = numpy.flatnonzero(numpy.diff(stories, prepend=-1))
        # vector weights have 5 decimals (`weigh`): summed as integers, exactly, in any order
        sums = numpy.add.reduceat(numpy.array(weights, dtype=numpy.int64)[keys & _WORD_MASK], starts)
        stories = stories[starts]
        if len(sums) > CANDIDATES:  # those at least as heavy as the CANDIDATES-th; ties by id below
            least = numpy.partition(sums, len(sums) - CANDIDATES)[len(sums) - CANDIDATES]
            heavy = sums >= least
            stories, sums = stories[heavy], sums[heavy]
        name = self.story_name
        best = heapq.nsmallest(CANDIDATES, zip((-sums).tolist(), [name[s] for s in stories.tolist()]))
        return sorted(story for _, story in best)

    def place(self, article: str, vector: dict[str, float], published: str | None,
              evidence: dict[str, set[str]] | None = None) -> tuple[str, list[str]]:
        """The story `article` joins (a new one when none is like it), and the stories merged into
        it. `evidence`: story id → why it is linked beyond words ("copy", "statements")."""
        day = day_number(published)
        evidence = evidence or {}
        terms, weights = self.numbered(vector)
        scored = []
        for story_id in sorted(set(self.candidates(vector)) | set(evidence)):
            story = self.stories[story_id]
            similarity = story.similarity(terms, weights)
            gap = story.gap(day)
            bar = threshold(gap, self.n)
            if evidence.get(story_id):
                bar = max(FLOOR, bar - EVIDENCE)
            if gap is None and len(story.members) == 1:
                bar += PAIR
            if similarity >= bar:
                scored.append((similarity - bar, similarity, story_id))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        if not scored:
            story_id = "st" + article
            self.stories[story_id] = Story()
            merged: list[str] = []
        else:
            story_id = scored[0][2]
            merged = []
            for _, _, other in scored[1:]:  # the two stories' average link must clear it, not one bridge
                a, b = self.stories[story_id], self.stories[other]
                mean = a.dot(b.terms, b.weights) / (len(a.members) * len(b.members))
                gap = self._story_gap(a, b)
                bar = threshold(gap, self.n)
                if gap is None and len(a.members) == len(b.members) == 1:
                    bar += PAIR
                if mean >= bar:
                    merged.append(other)
            for other in merged:
                self._merge(story_id, other)
        self._add(article, vector, day, story_id, (terms, weights))
        return story_id, merged

    def restore(self, article: str, vector: dict[str, float], counts: dict[str, float] | None,
                published: str | None, story_id: str) -> None:
        """Put back an article a store holds (at the start of a later run)."""
        self.n += 1
        if counts:
            _count_words(self.df, counts)
        self.stories.setdefault(story_id, Story())
        self._add(article, vector, day_number(published), story_id)

    def _add(self, article: str, vector: dict[str, float], day: int | None, story_id: str,
             numbered: tuple[numpy.ndarray, numpy.ndarray] | None = None) -> None:
        self.stories[story_id].add(article, *(numbered or self.numbered(vector)), day)
        number = self.number[article] = len(self.number)
        if number >= len(self.story_at):
            self.story_at = numpy.concatenate([self.story_at, numpy.zeros_like(self.story_at)])
        self.story_at[number] = self._story_number(story_id)
        for term in islice(vector, INDEX_TERMS):
            posting = self.postings.get(term)
            if posting is None:
                posting = self.postings[term] = array("i")
            posting.append(number)
            if len(posting) > 2 * POSTINGS_PER_TERM:  # only the most recent are read
                del posting[:-POSTINGS_PER_TERM]

    def _merge(self, story_id: str, other: str) -> None:
        """Story `other`'s articles join story `story_id`."""
        b = self.stories.pop(other)
        self.stories[story_id].absorb(b)
        into = self._story_number(story_id)
        for m in b.members:
            self.story_at[self.number[m]] = into

    def _story_number(self, story_id: str) -> int:
        number = self.story_number.get(story_id)
        if number is None:
            number = self.story_number[story_id] = len(self.story_name)
            self.story_name.append(story_id)
        return number

    @staticmethod
    def _story_gap(a: Story, b: Story) -> int | None:
        if not a.days or not b.days:
            return None
        if a.days[-1] < b.days[0]:
            return b.days[0] - a.days[-1]
        if b.days[-1] < a.days[0]:
            return a.days[0] - b.days[-1]
        return 0


def representative_title(articles: list[dict], vectors: dict[str, dict[str, float]]) -> str | None:
    """The title of the article closest to the story's centre (the sum of its articles' vectors)."""
    centroid: dict[str, float] = {}
    for vector in vectors.values():
        for word, weight in vector.items():
            centroid[word] = centroid.get(word, 0.0) + weight
    titled = [a for a in articles if a.get("title")]
    best = max(titled, key=lambda a: cosine(vectors.get(a["id"], {}), centroid), default=None)
    return best["title"] if best else None
