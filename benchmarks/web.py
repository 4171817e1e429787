"""How fast the web app answers on a big store: p50/p95 per page over a synthetic store of 100k quotes.

    python benchmarks/web.py [--quotes 100000] [--db FILE] [--requests 40] [--keep]

The store is written straight through `Store`'s methods (no NLP: seconds, not hours): fictional
articles in stories, copies sharing paragraphs, people with aliases (a few quoted thousands of
times, most rarely), statements carried by several articles with changed words. Then
`quotetrail serve` runs over it and each page is requested `--requests` times over loopback.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from quotetrail.dedup.fingerprints import Fingerprint
from quotetrail.dedup.minhash import NUM_PERM
from quotetrail.model import Article, Quote
from quotetrail.statements import speaker_key
from quotetrail.store.sqlite import Store

TARGET_MS = 100  # issue: search, person and story pages answer in under 100 ms at p95
TARGET_PAGES = ("search", "person", "story")
QUOTES_PER_ARTICLE = 8
ARTICLES_PER_STORY = 25
STATEMENTS_PER_STORY = 60
OUTLETS = 40
COPY_SHARE = 0.1

_SYLLABLES = "ba de ki lo mu ra se ti vo za dra kre tro vel mor sten lak dor ven gar los mir tal".split()
_FILLER = ("the of and to a in that is was for on with as by at from it this be has have had not but "
           "will would also").split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))


def _sentence(rng: random.Random, vocab: list[str], n: int) -> str:
    words = [rng.choice(vocab) if rng.random() < 0.55 else rng.choice(_FILLER) for _ in range(n)]
    return " ".join(words).capitalize()


def build_store(path: str, n_quotes: int, seed: int = 7) -> dict:
    """Write a synthetic store of about `n_quotes` quotes; returns ids worth requesting."""
    rng = random.Random(seed)
    vocab = list(dict.fromkeys(_word(rng) for _ in range(3000)))
    topics = vocab[:300]
    outlets = [f"{_word(rng).title()} {rng.choice(['Post', 'Herald', 'Times', 'Daily', 'Courier'])}"
               for _ in range(OUTLETS)]
    n_articles = n_quotes // QUOTES_PER_ARTICLE
    n_stories = max(1, n_articles // ARTICLES_PER_STORY)
    n_people = max(10, n_quotes // 50)
    people = []
    for i in range(n_people):
        first, last = _word(rng).title(), _word(rng).title()
        people.append({"id": f"pb{i:06d}", "name": f"{first} {last}", "kind": "person",
                       "aliases": [f"{first} {last}", last, f"{first[0]}. {last}"],
                       "descriptions": [f"{_word(rng)} minister"], "quotes": 0, "articles": []})
    # a few people are quoted very often (Zipf-like), as heads of government are
    weights = [1 / (i + 1) ** 1.1 for i in range(n_people)]
    store = Store(path)
    seq = 0
    with store.transaction():
        for story_no in range(n_stories):
            story = f"stb{story_no:06d}"
            day0 = 20000 + rng.randint(0, 700)  # days since 1970: 2024-10 … 2026-09
            speakers = rng.choices(range(n_people), weights=weights, k=12)
            statements = []
            for k in range(STATEMENTS_PER_STORY):
                who = people[rng.choice(speakers)]
                text = _sentence(rng, vocab, rng.randint(8, 22))
                statements.append((who, text, f"sb{story_no:06d}{k:03d}", rng.sample(topics, 3)))
            story_articles: list[str] = []
            for a_no in range(ARTICLES_PER_STORY):
                published = time.strftime("%Y-%m-%d", time.gmtime((day0 + a_no // 3) * 86400))
                outlet = rng.choice(outlets)
                paragraphs, spans, quotes = [], [], []
                offset = 0
                picked = rng.sample(statements, QUOTES_PER_ARTICLE)
                for who, text, statement, topic_list in picked:
                    said = text if rng.random() > 0.2 else text.replace(" the ", " a ", 1)  # a changed word
                    lead = f"{who['name']} said: \""
                    para = lead + said + "\" " + _sentence(rng, vocab, 14) + "."
                    start = offset + len(lead)
                    spans.append((start, start + len(said)))
                    quotes.append((who, said, statement, topic_list, offset, offset + len(who["name"])))
                    paragraphs.append(para)
                    offset += len(para) + 1
                text = "\n".join(paragraphs)
                seq += 1
                article = Article(source=f"synthetic/{seq}.txt", raw=text, text=text,
                                  title=_sentence(rng, vocab, 8), url=f"https://example.org/{seq}",
                                  outlet=outlet, author=None, published=published, id=f"ab{seq:07d}", story=story)
                hashes = [(i, rng.getrandbits(62)) for i in range(len(paragraphs))]
                copy_of = None
                if story_articles and rng.random() < COPY_SHARE:
                    copy_of = rng.choice(story_articles)
                    shared = store.db.execute("SELECT idx, hash FROM paragraphs WHERE article = ?", (copy_of,))
                    hashes = [(i, h) for i, h in shared]
                fp = Fingerprint(content_hash=f"{rng.getrandbits(64):016x}", minhash=bytes(4 * NUM_PERM),
                                 paragraphs=hashes)
                store.add_articles([(article, fp)])
                store.set_story(article.id, story)
                store.add_story_vector(article.id, {w: 1.0 for w in article.title.lower().split()[:6]},
                                       {w: 1 for w in article.title.lower().split()[:6]})
                if copy_of:
                    store.set_duplicate_of([(copy_of, article.id)])
                    store.add_similar([(article.id, copy_of, 0.9)])
                objs, keys = [], []
                for n, ((who, said, statement, topic_list, ms, me), span) in enumerate(zip(quotes, spans)):
                    objs.append(Quote(id=f"{article.id}-{n}", article=article.id, kind="direct", text=said,
                                      spans=[span], cue="said", mention=who["name"], mention_start=ms,
                                      mention_end=me, speaker=who["name"], speaker_id=who["id"],
                                      said_on=published, said_on_precision="day", statement=statement,
                                      topics=topic_list))
                    keys.append(speaker_key(who["id"], who["name"]))
                    who["quotes"] += 1
                store.add_quotes(objs, keys)
                story_articles.append(article.id)
        store.save_people([p for p in people if p["quotes"]])
    store.close()
    top = sorted(people, key=lambda p: -p["quotes"])
    return {"people": [p["id"] for p in top[:3]] + [p["id"] for p in rng.sample(top[:500], 17)],
            "names": [p["aliases"][1] for p in rng.sample(top[:200], 20)],
            "stories": [f"stb{rng.randrange(n_stories):06d}" for _ in range(20)],
            "articles": [f"ab{rng.randint(1, seq):07d}" for _ in range(20)],
            "words": rng.sample(vocab[:300], 10) + rng.sample(vocab[1000:], 10),
            "top_person": top[0]["id"], "top_quotes": top[0]["quotes"]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(db: str, picks: dict, requests: int) -> dict[str, list[float]]:
    port = _free_port()
    exe = Path(sys.executable).with_name("quotetrail")
    server = subprocess.Popen([str(exe), "serve", "--db", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pages = {
        "home": lambda i: "/",
        "search (words)": lambda i: f"/search?q={picks['words'][i % len(picks['words'])]}",
        "search (person name)": lambda i: f"/search?q={picks['names'][i % len(picks['names'])]}",
        "search (speaker+outlet filter)": lambda i: f"/search?speaker={picks['names'][i % 20]}&since=2025-01-01",
        "search page 5": lambda i: f"/search?q={picks['words'][i % 10]}&page=5",
        "person (most quoted)": lambda i: f"/people/{picks['top_person']}",
        # a different (harmless) since= each time, more of them than the app keeps: never cached
        "person (most quoted, uncached)": lambda i: f"/people/{picks['top_person']}?since=1990-01-{i % 28 + 1:02d}",
        "person (most quoted) page 3": lambda i: f"/people/{picks['top_person']}?page=3",
        "person": lambda i: f"/people/{picks['people'][i % len(picks['people'])]}",
        "story": lambda i: f"/stories/{picks['stories'][i % len(picks['stories'])]}",
        "article": lambda i: f"/articles/{picks['articles'][i % len(picks['articles'])]}",
        "api quotes speaker=": lambda i: f"/api/quotes?speaker={picks['names'][i % 20]}",
        "api timeline": lambda i: f"/api/timeline?speaker={picks['names'][i % 20]}",
    }
    timings: dict[str, list[float]] = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            for _ in range(200):  # wait for the server, at most ~20 s
                try:
                    client.get("/static/app.css")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            for name, path in pages.items():
                client.get(path(0))  # warm up this page's code path
                times = []
                for i in range(requests):
                    t0 = time.perf_counter()
                    response = client.get(path(i))
                    times.append((time.perf_counter() - t0) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{path(i)} answered {response.status_code}")
                timings[name] = times
    finally:
        server.terminate()
        server.wait(10)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--db", help="where to build the store (default: a temp file, removed afterwards)")
    parser.add_argument("--requests", type=int, default=40, help="requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the store")
    args = parser.parse_args()
    if args.db:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        db = args.db
    else:
        folder = tempfile.mkdtemp(prefix="qt-web-bench-")
        db = os.path.join(folder, "bench.db")
    picks_file = Path(db + ".picks.json")
    if os.path.exists(db) and picks_file.exists():
        picks = json.loads(picks_file.read_text())
        print(f"reusing {db}")
    else:
        t0 = time.perf_counter()
        picks = build_store(db, args.quotes)
        picks_file.write_text(json.dumps(picks))
        print(f"built {db}: {args.quotes:,} quotes in {time.perf_counter() - t0:.0f} s "
              f"(most quoted person: {picks['top_quotes']:,} quotes)")
    t0 = time.perf_counter()
    sum(i * i for i in range(1_000_000))
    print(f"machine check: a 1e6-step Python loop takes {(time.perf_counter() - t0) * 1000:.0f} ms "
          f"(compare across runs: higher when other work shares the CPUs); load {os.getloadavg()[0]:.1f}")
    timings = measure(db, picks, args.requests)
    print(f"\n{'page':34} {'p50 ms':>8} {'p95 ms':>8}   ({args.requests} requests each, loopback HTTP)")
    over = []
    for name, times in timings.items():
        p95 = statistics.quantiles(times, n=20)[-1]
        targeted = name.startswith(TARGET_PAGES)
        if targeted and p95 >= TARGET_MS:
            over.append(name)
        print(f"{name:34} {statistics.median(times):8.1f} {p95:8.1f}" + ("   *" if targeted else ""))
    print(f"* target: p95 under {TARGET_MS} ms for search, person and story pages: "
          + ("met" if not over else f"NOT met ({', '.join(over)})"))
    if not args.keep and not args.db:
        for suffix in ("", "-wal", "-shm", ".picks.json"):
            Path(db + suffix).unlink(missing_ok=True)
        os.rmdir(folder)


if __name__ == "__main__":
    main()
