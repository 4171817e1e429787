"""A benchmark corpus of real-length news articles with scraper junk and planted copies.

    build_corpus(folder, n_articles, seed=..., source_texts=...) -> Corpus

Fresh articles come from `source_texts` (e.g. PolNeAR, read at run time and only ever written to a
temp folder) or, without them, from a fictional vocabulary. To reach `n_articles`, the corpus adds
paragraph mosaics (fresh articles built from paragraphs of many different sources), verbatim copies
carrying different junk, lightly edited copies, and byte-identical re-deliveries. Every article
gets some web-page furniture (share lines, cookie notices, related-headline lists, footers) so the
cleaner has real work. Half the articles are written as `.txt` files with front matter, half as
records of one JSONL dump. Which article copies which is recorded in `Corpus.planted`, keyed by the
`source` quotetrail will report, so a run's duplicate findings can be checked.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

# Planted share of the corpus, by kind (the rest are fresh articles).
EXACT_COPY_SHARE = 0.20  # same body, different outlet, URL and junk: an exact duplicate once cleaned
LIGHT_EDIT_SHARE = 0.10  # a paragraph dropped, ~1 word in 25 changed: a near duplicate (~0.6-0.75 Jaccard)
REDELIVERED_SHARE = 0.01  # the very same item again (same URL, same text): "already stored", not a copy
EDIT_EVERY_WORDS = 25

_SYLLABLES = ("ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu "
              "ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu dra kre tro "
              "vel mor sten lak dor ven gar los mir tal").split()
# Function words at roughly their natural frequency, so generated prose has English-like shape
# (stop-word density matters to the cleaner's topical rules).
_FUNCTION = ("the the the the of of of and and and to to a a in in that is was for on with as by "
             "at from it its this be has have had not but or are were will would said also").split()
_CUES = ("said", "told reporters", "said in a statement", "added", "warned")


@dataclass
class Article:
    title: str
    body: str  # paragraphs separated by blank lines, junk included
    url: str
    outlet: str
    published: str
    author: str
    family: int  # articles of one family are copies of each other
    kind: str  # "fresh" | "exact" | "edit" | "redelivered"
    clean_body: str = ""  # the body without the junk added here (for Jaccard checks)
    source: str = ""  # as quotetrail names it once written
    as_record: bool = False  # written as a JSONL record (else as a .txt file)


@dataclass
class Corpus:
    folder: Path
    articles: list[Article]
    origin: str  # "polnear" or "synthetic"
    planted: dict[str, dict] = field(default_factory=dict)  # source -> {"family", "kind"}

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for a in self.articles:
            out[a.kind] = out.get(a.kind, 0) + 1
        return out


class Vocabulary:
    """Invented words, names and outlets: nothing here is real text."""

    def __init__(self, rng: random.Random, size: int = 4000):
        self.rng = rng
        words: set[str] = set()
        while len(words) < size:
            words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 2, 2, 3)))))
        self.words = sorted(words)
        self.names = [w.capitalize() for w in self.words[: size // 10]]
        self.outlets = [f"The {rng.choice(self.names)} {rng.choice(('Courier', 'Post', 'Herald', 'Times', 'Daily', 'Wire', 'Review', 'Ledger'))}"
                        for _ in range(60)]

    def phrase(self, n: int) -> str:
        # Zipf-ish: a few content words recur, as topic words do in real articles.
        picks = []
        for _ in range(n):
            if self.rng.random() < 0.35:
                picks.append(self.rng.choice(_FUNCTION))
            else:
                picks.append(self.words[min(int(self.rng.paretovariate(0.6)) - 1, len(self.words) - 1)]
                             if self.rng.random() < 0.2 else self.rng.choice(self.words))
        return " ".join(picks)

    def person(self) -> str:
        return f"{self.rng.choice(self.names)} {self.rng.choice(self.names)}"

    def headline(self) -> str:
        text = self.phrase(self.rng.randint(5, 10))
        return text[0].upper() + text[1:]

    def sentence(self) -> str:
        text = self.phrase(self.rng.randint(10, 28))
        text = text[0].upper() + text[1:] + "."
        if self.rng.random() < 0.15:
            quote = self.phrase(self.rng.randint(8, 18))
            text = f"\u201c{quote[0].upper() + quote[1:]},\u201d {self.person()} {self.rng.choice(_CUES)}."
        return text

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def article(self) -> tuple[str, list[str]]:
        return self.headline(), [self.paragraph() for _ in range(self.rng.randint(6, 18))]


def _junk(vocab: Vocabulary, outlet: str, year: str, paragraphs: list[str]) -> list[str]:
    """The body with a random choice of the furniture scrapers leave in article text."""
    rng = vocab.rng
    body = list(paragraphs)
    if rng.random() < 0.5:
        body.insert(0, rng.choice(("share facebook x whatsapp email print", "Share this article: Facebook | X | Email",
                                   "Listen to this article \u00b7 4 min")))
    if rng.random() < 0.4:
        body.insert(rng.randint(1, max(1, len(body) - 1)), "Advertisement")
    if rng.random() < 0.4:
        body.insert(rng.randint(1, max(1, len(body) - 1)), f"Read more: {vocab.headline()}")
    if rng.random() < 0.5:
        body.append(rng.choice((
            "We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
            "This site uses cookies. Accept all cookies | Manage preferences",
        )))
    if rng.random() < 0.3:
        body.append("Sign up for our morning newsletter and get the top stories in your inbox every day.")
    if rng.random() < 0.7:
        body.append(rng.choice(("Most read", "Related", "Trending now", "More from this section")))
        body.extend(vocab.headline() for _ in range(rng.randint(3, 6)))
    if rng.random() < 0.6:
        body.append(f"\u00a9 {year} {outlet} | All rights reserved")
    return body


def _light_edit(vocab: Vocabulary, paragraphs: list[str]) -> list[str]:
    """Drop one paragraph after the first and change about one word in EDIT_EVERY_WORDS."""
    rng = vocab.rng
    kept = list(paragraphs)
    if len(kept) > 3:
        del kept[rng.randint(1, len(kept) - 1)]
    out = []
    for para in kept:
        tokens = para.split(" ")
        for i in range(len(tokens)):
            if rng.random() < 1 / EDIT_EVERY_WORDS and re.fullmatch(r"[A-Za-z]+", tokens[i]):
                tokens[i] = rng.choice(vocab.words)
        out.append(" ".join(tokens))
    return out


def _split_source_text(text: str) -> tuple[str | None, list[str]]:
    """(first-line title if it looks like one, paragraphs) of a plain-text article."""
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    title = None
    if lines and lines[0] and len(lines[0].split()) <= 25 and not lines[0].endswith("."):
        title = lines.pop(0)
    paragraphs = [line for line in lines if line]
    return title, paragraphs


def _fresh_from_sources(vocab: Vocabulary, sources: list[list[str]], n: int) -> list[tuple[str, list[str]]]:
    """All source articles, then mosaics of paragraphs drawn from many different sources."""
    rng = vocab.rng
    usable = [paras for paras in sources if paras]
    if len(usable) > n:
        usable = rng.sample(usable, n)
    out = [(vocab.headline(), paras) for paras in usable]
    long_paragraphs = [(k, p) for k, paras in enumerate(sources) for p in paras if len(p.split()) >= 15]
    while len(out) < n:
        picks, used = [], set()
        for _ in range(rng.randint(6, 16)):
            k, p = rng.choice(long_paragraphs)
            if k not in used:  # one paragraph per source: a mosaic is a copy of nothing
                used.add(k)
                picks.append(p)
        out.append((vocab.headline(), picks))
    return out


def build_corpus(folder: Path, n_articles: int, *, seed: int = 7, source_texts: list[str] | None = None) -> Corpus:
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    n_exact = int(n_articles * EXACT_COPY_SHARE)
    n_edit = int(n_articles * LIGHT_EDIT_SHARE)
    n_again = int(n_articles * REDELIVERED_SHARE)
    n_fresh = max(1, n_articles - n_exact - n_edit - n_again)
    if source_texts:
        fresh = _fresh_from_sources(vocab, [_split_source_text(t)[1] for t in source_texts], n_fresh)
        origin = "polnear"
    else:
        fresh = [vocab.article() for _ in range(n_fresh)]
        origin = "synthetic"

    articles: list[Article] = []

    def make(title: str, paragraphs: list[str], family: int, kind: str) -> Article:
        outlet = rng.choice(vocab.outlets)
        year = str(rng.randint(2015, 2024))
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        slug = "-".join(title.lower().split()[:6])
        domain = re.sub(r"\W+", "", outlet.lower()) + ".example"
        url = f"https://www.{domain}/news/{published}/{slug}-{len(articles)}"
        body = "\n\n".join(_junk(vocab, outlet, year, paragraphs))
        return Article(title, body, url, outlet, published, vocab.person(), family, kind, "\n\n".join(paragraphs),
                       as_record=rng.random() < 0.5)

    for family, (title, paragraphs) in enumerate(fresh):
        articles.append(make(title, paragraphs, family, "fresh"))
    # Copy only articles long enough to survive an edit (a 3-line brief edited is another story).
    copyable = [a for a in articles if len(a.clean_body.split()) >= 150] or articles
    for kind, count in (("exact", n_exact), ("edit", n_edit)):
        for _ in range(count):
            original = rng.choice(copyable)
            paragraphs = original.clean_body.split("\n\n")
            if kind == "edit":
                paragraphs = _light_edit(vocab, paragraphs)
            articles.append(make(original.title, paragraphs, original.family, kind))
    rng.shuffle(articles)
    for _ in range(n_again):
        # Appended after everything, so the original has arrived by then; the same format as the
        # original, so quotetrail sees the same URL and the same raw text (the same article id).
        original = rng.choice([a for a in articles if a.kind == "fresh"])
        articles.append(Article(**{**original.__dict__, "kind": "redelivered"}))

    folder.mkdir(parents=True, exist_ok=True)
    text_dir = folder / "text"
    text_dir.mkdir(exist_ok=True)
    jsonl_path = folder / "dump.jsonl"
    corpus = Corpus(folder, articles, origin)
    with open(jsonl_path, "w", encoding="utf-8") as dump:
        line = 0
        for i, a in enumerate(articles):
            if not a.as_record:
                path = text_dir / f"{i:06d}.txt"
                front = (f"---\ntitle: {a.title}\nurl: {a.url}\noutlet: {a.outlet}\npublished: {a.published}\n"
                         f"author: {a.author}\n---\n")
                path.write_text(front + a.title + "\n\n" + a.body + "\n", encoding="utf-8")
                a.source = str(path)
            else:
                record = {"title": a.title, "url": a.url, "date": a.published, "source": a.outlet,
                          "authors": [a.author], "text": a.body}
                dump.write(json.dumps(record, ensure_ascii=False) + "\n")
                a.source = f"{jsonl_path}#{line}"
                line += 1
            corpus.planted[a.source] = {"family": a.family, "kind": a.kind}
    return corpus
