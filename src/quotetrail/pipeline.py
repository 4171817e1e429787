"""The pipeline: per-article stages run by an engine, corpus-level stages over their compact output.

Per-article stages (read.parse → clean → nlp → quotes → speakers in the article → fingerprint)
are plain functions over a batch, run in
worker processes by whichever engine is chosen. Corpus-level stages (dedup, and later people,
stories, statements) run in the main process on fingerprints and the store, one transaction per
batch, so a run killed midway resumes with nothing lost and nothing doubled.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import signal
import sqlite3
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from . import clean, dates, people, quotes, read, statements, stories
from .stories.corpus import StoryLinker
from .dedup.corpus import Deduplicator
from .dedup.fingerprints import Fingerprint, fingerprints
from .engines import Engine
from .engines.local import LocalEngine
from .model import Article, Quote, RawDocument, Skipped, article_id
from .read.limits import ARTICLE_SECONDS_ENV, DEFAULT_ARTICLE_SECONDS
from .store.counts import corpus_counts
from .store.sqlite import Store

BATCH_SIZE = 32


@dataclass
class Processed:
    """What a worker sends back for one article: the article (with its quotes), its compact
    fingerprint, and the people it mentions (for the corpus-wide people index)."""

    article: Article
    fingerprint: Fingerprint
    people: people.ArticlePeople | None = None
    story_vector: dict[str, float] = field(default_factory=dict)
    analysis: str | None = None  # what the NLP stages found in this text, when they ran on it (see `analyse`)
    text_key: str = ""  # `text_key(article.text)`, under which `analysis` is stored
    reused: bool = False  # took the analysis of an identical text instead of being parsed


def find_statements(articles: list[Article]) -> list[people.ArticlePeople | None]:
    """nlp → quotes → in-article speakers → dates → topics for a batch. Parsing is the cost: one `nlp.pipe` over the
    batch, and only paragraphs that may hold a statement (and their neighbours) are parsed."""
    if not articles:
        return []
    # imported here: spaCy is for the workers; a run's main process never parses (and so never
    # pays spaCy's import time and memory)
    from . import nlp
    from .statements.topics import quote_topics

    model = nlp.load()
    # The parse is bounded per article like every other stage (`--max-article-seconds`), and by
    # size: past either limit the rest of an article is not parsed, and it says so.
    parse = functools.partial(nlp.parse, model, only=quotes.may_hold_statement, seconds=article_seconds(),
                              max_chars=MAX_PARSED_CHARS, model_text=quotes.curly_singles)
    try:
        docs = list(parse([a.text for a in articles]))
    except Exception:  # one bad text must not cost the batch: parse one by one
        docs = []
        for article in articles:
            try:
                docs.append(next(parse([article.text])))
            except Exception as exc:
                docs.append(None)
                _note_error(article, "nlp", exc)
    found: list[people.ArticlePeople | None] = []
    for article, doc in zip(articles, docs):
        if doc is None:
            found.append(None)
            continue
        if nlp.PARSE_CUT_KEY in doc.user_data:  # kept, with the statements of the part that was parsed
            article.meta.setdefault("errors", []).append(f"nlp: {doc.user_data[nlp.PARSE_CUT_KEY]}")
        try:
            with time_limit(article_seconds()):  # a timeout keeps the article, without statements
                article.quotes = quotes.extract(doc, article.id)
                mentioned = people.resolve_article(doc, article.quotes, article.id)
                dates.date_article(article, doc)
                for quote in article.quotes:
                    quote.topics = quote_topics(doc, quote.spans, exclude=[quote.mention or "", quote.speaker or ""])
            found.append(mentioned)
        except Exception as exc:  # keep the article, without its statements, and say why
            article.quotes = []
            found.append(None)
            _note_error(article, "quotes", exc)
    return found


# -- the same text twice: wire copies, re-deliveries ---------------------------------------------
# Syndicated articles are republished word for word by many outlets. Once junk is removed their
# texts are identical, and so is everything the NLP stages find in them (the parse is
# deterministic): quotes, offsets, speakers in the article, topics. Only the dates differ, since
# "yesterday" depends on when each copy was published, and dating needs the text alone. So the
# NLP result of each new text is stored by content hash (`Processed.analysis`, table `analyses`),
# and a later article with the same clean text takes it instead of being parsed again.

_REUSED_QUOTE_FIELDS = ("kind", "text", "spans", "cue", "mention", "mention_start", "mention_end", "speaker", "via",
                        "topics")


def text_key(text: str) -> str:
    """The key analyses are stored under: a hash of the clean text as the NLP stages see it
    (offsets must match; white space at the very end is parsed apart, `nlp.paragraph_chunks`)."""
    return hashlib.blake2b(text.rstrip().encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def analysis_json(article: Article, found: people.ArticlePeople) -> str:
    """The NLP result of `article`'s text, free of the article's id and dates."""
    prefix = f"{article.id}-"
    quotes = [{"id": q.id.removeprefix(prefix), **{f: getattr(q, f) for f in _REUSED_QUOTE_FIELDS}}
              for q in article.quotes]
    entities = [vars(e) for e in found.entities]
    speakers = {qid.removeprefix(prefix): index for qid, index in found.speakers.items()}
    return json.dumps({"quotes": quotes, "people": {"entities": entities, "speakers": speakers}}, ensure_ascii=False)


def apply_analysis(analysis: str, article: Article) -> people.ArticlePeople:
    """Give `article` the quotes of an identical text's analysis (dated for this article); its people."""
    found = json.loads(analysis)
    article.quotes = [Quote(**{**q, "id": f"{article.id}-{q['id']}", "article": article.id,
                               "spans": [tuple(span) for span in q["spans"]]}) for q in found["quotes"]]
    dates.date_article(article)
    return people.ArticlePeople(
        article=article.id, entities=[people.ArticleEntity(**e) for e in found["people"]["entities"]],
        speakers={f"{article.id}-{qid}": index for qid, index in found["people"]["speakers"].items()})


def analyse(articles: list[Article], keys: list[str], known: Callable[[list[str]], dict[str, str]] | None = None
            ) -> tuple[list[people.ArticlePeople | None], list[str | None], set[int]]:
    """`find_statements` for a batch, parsing each distinct text once: an article whose clean text
    (`keys`: their `text_key`s) was analysed before (`known(keys)` → key → analysis) or earlier in
    this batch takes that analysis. Returns the people per article, the analysis of each text parsed
    here (to store), and which articles took an earlier analysis."""
    stored = known(sorted(set(keys))) if known else {}
    first: dict[str, int] = {}
    parse: list[int] = []
    for i, key in enumerate(keys):
        if key not in stored and key not in first:
            parse.append(i)
        first.setdefault(key, i)
    mentions: list[people.ArticlePeople | None] = [None] * len(articles)
    fresh: list[str | None] = [None] * len(articles)

    def run(indexes: list[int]) -> None:
        for i, found in zip(indexes, find_statements([articles[i] for i in indexes])):
            mentions[i] = found
            if found is not None and not articles[i].meta.get("errors"):
                fresh[i] = analysis_json(articles[i], found)

    run(parse)
    parsed, again, reused = set(parse), [], set()
    for i, key in enumerate(keys):
        if i in parsed:
            continue
        analysis = stored.get(key) or fresh[first[key]]
        if analysis is None:  # the first copy's analysis failed (a time limit, an error): try this one
            again.append(i)
            continue
        mentions[i] = apply_analysis(analysis, articles[i])
        reused.add(i)
    run(again)
    return mentions, fresh, reused


def stored_analyses(store_path: str, keys: list[str]) -> dict[str, str]:
    """Analyses already in the store at `store_path`, read from a worker through its own read-only
    connection (SQLite's WAL lets it read while the main process writes). A store this process
    cannot open (a Ray worker on another machine) just means every text is parsed.

    The connection lives for this one read, not for the worker's life: opening one costs well under
    a millisecond beside a batch's parsing, and a connection left open in a pool or Ray worker
    outlives the run, so the run's end could not fold the -wal into the .db file (one file to copy)."""
    try:
        store = Store(store_path, readonly=True)
    except Exception:
        return {}
    try:
        return store.analyses(keys)
    except sqlite3.Error:
        return {}
    finally:
        store.close()


def _note_error(article: Article, stage: str, exc: Exception) -> None:
    article.meta.setdefault("errors", []).append(f"{stage}: {type(exc).__name__}: {exc}")


# An article's statements are looked for in its first 300,000 characters (about 50,000 words, a
# few times the longest news features): past that a text is a book or a dump, and each further
# statement of its speaker costs the main process a comparison with all the others
# (`statements.StatementMatcher`): 3,000 of them took 12 s there, 12,000 several minutes.
MAX_PARSED_CHARS = 300_000


class ArticleTimeout(Exception):
    """One article's per-article stages took longer than the limit."""


def article_seconds() -> float:
    try:
        return float(os.environ.get(ARTICLE_SECONDS_ENV, DEFAULT_ARTICLE_SECONDS))
    except ValueError:
        return DEFAULT_ARTICLE_SECONDS


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeout in this block after `seconds` (0: no limit). A real-time timer signal,
    so it works only in a process's main thread, where the engines run stages; elsewhere (a web
    server's worker thread) the size limits alone bound the work."""
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"took longer than {seconds:g} s to process (--max-article-seconds)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fill_defaults(article: Article, published: str | None = None, outlet: str | None = None) -> None:
    """Give an article that lacks them the run's `--published` date and `--outlet` name. The
    date is marked `date_source = "given default"`: a date in the article's own dateline, found
    when its statements are dated, still wins over it."""
    if outlet and not article.outlet:
        article.outlet = outlet
        article.meta["outlet_source"] = "given default"
    if published and not article.published:
        article.published = published
        article.meta["date_source"] = "given default"


@dataclass
class Prepared:
    """An input with the stages before the model done (`prepare_batch`): what `process_batch`
    needs of it besides the parse."""

    article: Article
    fingerprint: Fingerprint
    story_vector: dict[str, float]
    text_key: str


def prepare_document(doc: RawDocument | Skipped | Article | Prepared, published: str | None = None,
                     outlet: str | None = None) -> Article | Skipped | Prepared:
    """Read and clean one input, and fill what its article lacks (`fill_defaults`); what is
    already an article, prepared or skipped is taken as it is. Never raises for one bad input."""
    if isinstance(doc, (Skipped, Article, Prepared)):
        return doc
    try:
        with time_limit(article_seconds()):
            article = clean.clean_article(read.parse(doc))
        fill_defaults(article, published, outlet)
        if not article.text.strip():
            return Skipped(doc.source, "no article text left after removing boilerplate")
        return article
    except (read.BadInput, ArticleTimeout) as exc:
        return Skipped(doc.source, str(exc))
    except Exception as exc:  # a bug must cost one article, not the run; the reason names it
        return Skipped(doc.source, f"internal error ({type(exc).__name__}: {exc})")


def prepare_batch(docs: list[RawDocument | Skipped | Article | Prepared], published: str | None = None,
                  outlet: str | None = None) -> list[Prepared | Skipped]:
    """The stages that need no model, for each input: read, clean (`prepare_document`), then the
    fingerprint, story vector and text key of each article. A run's main process does this for
    the first batches while its workers are still loading the model (`LocalEngine.map`'s `ahead`)."""
    items = [prepare_document(doc, published, outlet) for doc in docs]
    fresh = [i for i, item in enumerate(items) if isinstance(item, Article)]
    for i, fingerprint in zip(fresh, fingerprints([items[i].text for i in fresh])):
        article = items[i]
        items[i] = Prepared(article, fingerprint, stories.story_vector(article.title, article.text),
                            text_key(article.text))
    return items  # type: ignore[return-value]  # every Article is now Prepared


def process_batch(docs: list[RawDocument | Skipped | Article | Prepared], store_path: str | None = None,
                  published: str | None = None, outlet: str | None = None) -> list[Processed | Skipped]:
    """All per-article stages over one batch (of inputs, or of what `prepare_batch` gave).
    Runs in a worker; never raises for one bad input. With `store_path`, texts the store has
    analysed before are not parsed again (`analyse`). `published` and `outlet` fill what an
    article lacks (`fill_defaults`)."""
    items = prepare_batch(docs, published, outlet)
    prepared = [item for item in items if isinstance(item, Prepared)]
    known = functools.partial(stored_analyses, store_path) if store_path else None
    keys = [p.text_key for p in prepared]
    mentions, analyses, reused = analyse([p.article for p in prepared], keys, known)
    processed = iter([Processed(p.article, p.fingerprint, mentions[n], p.story_vector, analyses[n],
                                keys[n] if analyses[n] is not None else "", n in reused)
                      for n, p in enumerate(prepared)])
    return [item if isinstance(item, Skipped) else next(processed) for item in items]


def file_stamp(path: str | None, cache: dict[str, str | None]) -> str | None:
    """Size and mtime of the file a document was read from (`RawDocument.file`, `Article.file`);
    None when it was not read from a file (stdin, documents handed in such as web API posts).

    Only that explicit field is stat'ed, never a path parsed out of `source`: a name holding "#"
    was cut short and got no mark, and a posted article whose url was a path was taken for that
    file (new text under the same url dropped as "unchanged"; files probed by whoever may post)."""
    if path is None:
        return None
    if path not in cache:
        try:
            st = os.stat(path)
            cache[path] = f"{st.st_size}:{st.st_mtime_ns}"
        except OSError:
            cache[path] = None
        if len(cache) > 10_000:  # bounded: only recent files are asked again
            cache.pop(next(iter(cache)))
    return cache[path]


def adopt_legacy_ids(store: Store, articles: list[Article]) -> None:
    """Give an article read from a file the id a store made before ids were keyed by the file's
    resolved path (`RawDocument.origin`), when the store holds it under that older id.

    Older stores keyed an article without url by its source as given ("corpus/a.txt"); the same
    file re-run is then found as already stored instead of being stored a second time. Only ids
    change here: an article found under its older id is not new, so nothing else of it is stored.
    """
    older = {}
    for article in articles:
        if article.origin and not article.url:
            old = article_id(None, article.source, article.raw)
            if old != article.id:
                older[old] = article
    if older:
        for old in store.known_ids(list(older)):
            older[old].id = old


@dataclass
class Summary:
    documents: int = 0  # inputs found: files and records
    unchanged: int = 0  # processed by an earlier run and unchanged since: skipped without parsing
    articles: int = 0  # parsed into articles
    stored: int = 0  # new in the store
    already_stored: int = 0  # seen in an earlier run (or twice in this one)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    quotes: int = 0  # quotes found in new articles (`store.counts` defines quotes, statements, people)
    statements: int = 0  # statements new to the store: what was said, however many articles carried it
    analyses_reused: int = 0  # articles not parsed: their clean text was analysed before (wire copies)
    removed: Counter = field(default_factory=Counter)  # junk removed, by reason
    exact_duplicates: int = 0
    near_duplicates: int = 0
    similar_pairs: int = 0
    shared_paragraphs: int = 0  # paragraphs carried by more than one article in the store
    store_articles: int = 0
    store_quotes: int = 0
    store_statements: int = 0
    store_people: int = 0  # people listed (people.jsonl), not every name the index holds
    undated: int = 0  # new articles with no publication date (none given, none in the text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "unchanged": self.unchanged, "articles": self.articles, "stored": self.stored,
            "already_stored": self.already_stored, "skipped": len(self.skipped),
            "skipped_inputs": [{"source": s, "reason": r} for s, r in self.skipped],
            "removed": dict(self.removed), "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates, "similar_pairs": self.similar_pairs,
            "shared_paragraphs": self.shared_paragraphs, "store_articles": self.store_articles,
            "quotes": self.quotes, "statements": self.statements, "analyses_reused": self.analyses_reused,
            "store_quotes": self.store_quotes, "store_statements": self.store_statements,
            "store_people": self.store_people, "undated": self.undated,
        }


def batched(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    inputs: Sequence[str],
    store: Store,
    *,
    engine: Engine | None = None,
    stdin: BinaryIO | None = None,
    limits: read.ReadLimits | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[int, int], None] | None = None,
    documents: Iterable[RawDocument | Skipped] | None = None,
    lock_wait: float = 600.0,
    published: str | None = None,
    outlet: str | None = None,
    new_ids: list[str] | None = None,
) -> Summary:
    """Read, process and store `inputs` (or the given `documents`). With `new_ids`, the ids of the
    articles this run stored are appended to it, in input order (the web ingest answers with them).

    `on_batch(documents_done, articles_stored)` reports progress. One run writes to a store at a time (`Store.run_lock`):
    another run waits up to `lock_wait` seconds, then gets a StoreError. `published` (YYYY-MM-DD)
    and `outlet` fill only what an article lacks (`fill_defaults`)."""
    with store.run_lock(lock_wait):
        engine = engine or LocalEngine()
        summary = Summary()
        run_id = store.start_run(inputs)
        statements_before = corpus_counts(store)["statements"]
        dedup = Deduplicator(store)
        index = people.PeopleIndex.from_rows(store.people_rows())
        linker = StoryLinker(store)
        matcher = statements.StatementMatcher(store.speaker_wordings)
        if documents is None:
            documents = read.iter_documents(inputs, stdin=stdin if stdin is not None else sys.stdin.buffer,
                                            limits=limits or read.ReadLimits())
        stamps: dict[str, str | None] = {}

        def not_done(docs: Iterable[RawDocument | Skipped]) -> Iterator[RawDocument | Skipped]:
            # Resume marks are keyed by `origin` (the file's resolved path, "#N" for a record), so
            # a file named another way (relative, absolute, through a symlink) is still the same.
            for doc in docs:
                stamp = file_stamp(doc.file, stamps) if isinstance(doc, RawDocument) and doc.origin else None
                if stamp is not None and store.is_done(doc.origin, stamp):
                    summary.unchanged += 1
                    continue
                # there is work: load what the stories stage weighs words by (once; cached), while a
                # pool's workers are still loading the model, rather than when their first results come
                stories.load_background()
                yield doc

        work = functools.partial(process_batch, store_path=store.path, published=published, outlet=outlet)
        ahead = functools.partial(prepare_batch, published=published, outlet=outlet)
        for results in engine.map(work, batched(not_done(documents), batch_size), ahead=ahead):
            processed = [r for r in results if isinstance(r, Processed)]
            skipped = [(r.source, r.reason) for r in results if isinstance(r, Skipped)]
            summary.documents += len(results)
            summary.articles += len(processed)
            summary.analyses_reused += sum(p.reused for p in processed)
            summary.skipped += skipped
            with store.transaction():
                adopt_legacy_ids(store, [p.article for p in processed])
                new = {a.id for a in store.add_articles([(p.article, p.fingerprint) for p in processed])}
                if new_ids is not None:
                    new_ids.extend(dict.fromkeys(p.article.id for p in processed if p.article.id in new))
                store.name_outlets([p.article for p in processed if p.article.id in new])
                touched: set[str] = set()
                for p in processed:
                    if p.article.id in new:
                        summary.removed.update(r.reason for r in p.article.removed)
                        summary.similar_pairs += dedup.add(p.article.id, p.fingerprint)
                        if p.people is not None:
                            touched.update(index.add_article(p.article.id, p.article.quotes, p.people).values())
                        store.add_quotes(p.article.quotes, matcher.assign(p.article.quotes))
                        summary.quotes += len(p.article.quotes)
                        summary.undated += not p.article.published
                    if p.analysis is not None:
                        store.save_analysis(p.text_key, p.analysis)
                store.save_people(index.rows_for(touched))
                found = dedup.resolve()
                # after dedup and statements: both are story links
                linker.add_batch([(p.article.id, p.story_vector, p.article.published,
                                   [s["id"] for s in store.similar_to(p.article.id)])
                                  for p in processed if p.article.id in new])
                if skipped:
                    store.add_skipped(run_id, skipped)
                store.mark_done((p.article.origin, stamp) for p in processed
                                if p.article.origin and (stamp := file_stamp(p.article.file, stamps)) is not None)
            summary.stored += len(new)
            summary.already_stored += len(processed) - len(new)
            summary.exact_duplicates += found.exact
            summary.near_duplicates += found.near
            if on_batch:
                on_batch(summary.documents, summary.stored)
        linker.keep()
        summary.shared_paragraphs = store.paragraphs_shared_count()
        counts = corpus_counts(store)  # the definitions the export and the web pages count by
        summary.store_articles, summary.store_quotes = counts["articles"], counts["quotes"]
        summary.store_statements, summary.store_people = counts["statements"], counts["people"]
        summary.statements = counts["statements"] - statements_before
        store.finish_run(run_id, summary.as_dict())
        return summary
