"""The embedded store: one SQLite file in WAL mode with FTS5 search. All SQL lives here.

Every write is keyed by the article's stable id and uses INSERT OR IGNORE, so storing the same
input twice adds nothing, and a run killed midway loses at most its last uncommitted batch.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from ..dedup.fingerprints import Fingerprint
from ..model import Article, Quote, Removal

SCHEMA_VERSION = 1
# Our mark in the SQLite header (PRAGMA application_id, bytes 68-71): "QtTr". Set when a store is
# created or migrated; a database with tables of its own and without this mark is another
# program's, and quotetrail refuses to open it rather than add its tables to it.
APPLICATION_ID = 0x51745472


class StoreError(Exception):
    """A store problem a user can act on (a locked, corrupt or newer-version database)."""


@functools.lru_cache(maxsize=1)
def _schema_hash() -> str:
    """Which schema.sql a store was brought up to: read-only opens migrate when it differs."""
    schema = resources.files("quotetrail.store").joinpath("schema.sql").read_text()
    return hashlib.blake2b(schema.encode(), digest_size=8).hexdigest()


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store:
    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0):
        self.path = str(path)
        self.readonly = readonly
        self.timeout = timeout
        try:
            if readonly:
                self.db = _connect_readonly(self.path, timeout)
                earlier = self._check_ours()
                if earlier or self._meta("schema_hash") != _schema_hash():
                    # A store from an earlier release: bring it up to date once, then read it.
                    self.db.close()
                    try:
                        Store(self.path, timeout=timeout).close()
                    except StoreError as exc:
                        if not _writable(self.path):
                            raise StoreError(f"{self.path} is from an earlier quotetrail and on read-only media: "
                                             "copy it somewhere writable and open it once to upgrade it") from exc
                        raise
                    self.db = _connect_readonly(self.path, timeout)
            else:
                if os.path.isfile(self.path) and os.path.getsize(self.path) > 0:
                    # Look before writing anything: even journal_mode = WAL rewrites a foreign file's header.
                    # Read-only, so that closing this look cannot checkpoint or roll back another program's journal.
                    self.db = _connect_readonly(self.path, timeout)
                    try:
                        self._check_ours()
                    finally:
                        self.db.close()
                self.db = sqlite3.connect(self.path, timeout=timeout)
            self.db.row_factory = sqlite3.Row
            # busy_timeout makes concurrent readers/writers wait instead of failing with "locked".
            self.db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self._create()
        except BaseException as exc:
            if getattr(self, "db", None) is not None:
                self.db.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.path}: not a usable quotetrail database ({exc})") from exc
            raise

    def _check_ours(self) -> bool:
        """Raise StoreError unless this database is a quotetrail store or empty; True when it is a
        store of an earlier release, not marked yet (it gets the mark when next opened writable).

        Ours: marked with APPLICATION_ID, or (earlier releases did not mark) holding our `meta`
        table with a schema_version and an `articles` table. Anything else with tables of its own,
        or another program's application_id, belongs to someone else: quotetrail writes nothing to it.
        """
        mark = self.db.execute("PRAGMA application_id").fetchone()[0]
        if mark == APPLICATION_ID:
            return False
        names = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master")}
        if mark == 0 and not names:
            return False  # an empty file: a new store
        try:
            version = self._schema_version()
        except ValueError:  # a `meta` table of someone else's, whose schema_version is not ours
            version = None
        if mark == 0 and "articles" in names and version is not None:
            return True
        raise StoreError(f"{self.path} is not a quotetrail store (it is another program's database): "
                         "left untouched; use another --db")

    def _create(self) -> None:
        """Create the schema, or bring an older store up to it, in one write transaction.

        The migration is derived from schema.sql itself: tables and indexes a store lacks are
        created, columns it lacks are added (then filled where they can be computed), and full-text
        indexes that are new are rebuilt from their tables. So a store from any earlier release
        opens with its data kept, and schema.sql stays the one description of the store.
        """
        found = self._schema_version()
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer quotetrail (schema {found} > {SCHEMA_VERSION}); upgrade quotetrail"
            )
        schema = resources.files("quotetrail.store").joinpath("schema.sql").read_text()
        with self.transaction():
            existing = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            added = self._add_missing_columns(schema, existing) if existing else []
            for statement in _statements(schema):
                self.db.execute(statement)
            created = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} - existing
            if existing:
                self._fill_migrated(added, created)
            self.db.executemany(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                [("schema_version", str(SCHEMA_VERSION)), ("schema_hash", _schema_hash())],
            )
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # in the header: part of this transaction

    def _add_missing_columns(self, schema: str, existing: set[str]) -> list[tuple[str, str]]:
        """ALTER TABLE … ADD COLUMN for every column schema.sql has and a stored table lacks."""
        reference = sqlite3.connect(":memory:")
        try:
            reference.executescript(schema)
            added = []
            for table in sorted(existing):
                if not reference.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                         (table,)).fetchone():
                    continue
                have = {r[1] for r in self.db.execute(f'PRAGMA table_info("{table}")')}
                for _, name, kind, notnull, default, _pk in reference.execute(f'PRAGMA table_info("{table}")'):
                    if name in have:
                        continue
                    clause = f'"{name}" {kind}'
                    if default is None:
                        self.db.execute(f'ALTER TABLE "{table}" ADD COLUMN {clause}')
                    else:
                        try:
                            self.db.execute(f'ALTER TABLE "{table}" ADD COLUMN {clause}'
                                            + (" NOT NULL" if notnull else "") + f" DEFAULT {default}")
                        except sqlite3.OperationalError:
                            # ADD COLUMN takes only a literal default (not strftime(…)): add the
                            # column bare and give the stored rows the default's value now.
                            self.db.execute(f'ALTER TABLE "{table}" ADD COLUMN {clause}')
                            self.db.execute(f'UPDATE "{table}" SET "{name}" = ({default})')
                    added.append((table, name))
            return added
        finally:
            reference.close()

    def _fill_migrated(self, added: list[tuple[str, str]], created: set[str]) -> None:
        """Compute what an older store lacks and can be derived from what it has."""
        if ("quotes", "speaker_key") in added:
            from ..statements import speaker_key

            rows = self.db.execute("SELECT id, speaker_id, speaker FROM quotes").fetchall()
            self.db.executemany("UPDATE quotes SET speaker_key = ? WHERE id = ?",
                                [(speaker_key(r[1], r[2]), r[0]) for r in rows])
        if "wordings" in created:  # kept by add_quotes from now on; filled once from the quotes stored
            from ..statements import normalise

            rows = self.db.execute("SELECT speaker_key, text, statement FROM quotes WHERE speaker_key IS NOT NULL"
                                   " AND statement IS NOT NULL ORDER BY seq").fetchall()
            self.db.executemany("INSERT OR IGNORE INTO wordings (speaker_key, wording, statement) VALUES (?, ?, ?)",
                                [(key, normalise(text), statement) for key, text, statement in rows])
        if "statement_days" in created:  # kept by triggers from now on; filled once from the quotes stored
            self.db.execute(_FILL_STATEMENT_DAYS)
        for fts in sorted(created):
            if fts.endswith("_fts"):  # external-content FTS5 tables index rows stored before they existed
                self.db.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")

    def _meta(self, key: str) -> str | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def _schema_version(self) -> int | None:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            return None
        return int(row[0]) if row else None

    def close(self) -> None:
        """Close the connection; a writable store first folds its -wal into the .db file, so that the
        .db alone holds all the data (a user copying "the store" copies one file)."""
        if not self.readonly and not _run_lock_held(self.path):  # a run writing folds it when it ends
            _fold_wal(self.db, min(self.timeout, 5.0))
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ------------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        with self.db:
            cur = self.db.execute(
                "INSERT INTO runs (started, inputs) VALUES (?, ?)", (_now(), json.dumps(list(inputs)))
            )
        return int(cur.lastrowid)

    def finish_run(self, run: int, summary: dict[str, Any]) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished = ?, summary = ? WHERE id = ?", (_now(), json.dumps(summary), run)
            )

    def add_skipped(self, run: int, skipped: Iterable[tuple[str, str]]) -> None:
        """Inside the caller's transaction (a nested `with self.db` would commit the batch half-way)."""
        self.db.executemany(
            "INSERT INTO skipped (run, source, reason) VALUES (?, ?, ?)", [(run, s, r) for s, r in skipped]
        )

    # -- articles --------------------------------------------------------------------------------
    def _rows_in(self, sql: str, ids: Sequence[str]) -> Iterator[sqlite3.Row]:
        """Rows of `sql`, whose `{ids}` is an IN list, for all `ids`: in chunks under SQLite's
        limit on bound variables."""
        for chunk in _chunks(list(ids), 500):
            yield from self.db.execute(sql.format(ids=",".join("?" * len(chunk))), chunk)

    def known_ids(self, ids: Sequence[str]) -> set[str]:
        return {r[0] for r in self._rows_in("SELECT id FROM articles WHERE id IN ({ids})", ids)}

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """`with store.transaction():` commits everything inside at once, or nothing on error.

        BEGIN IMMEDIATE takes the write lock up front (waiting up to busy_timeout for another
        writer): a deferred transaction that reads first and writes later can fail at once with
        "database is locked" when another process committed in between, whatever the timeout.
        Nested use joins the outer transaction.
        """
        if self.db.in_transaction:
            yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.commit()

    @contextmanager
    def run_lock(self, wait: float = 0.0) -> Iterator[None]:
        """Hold the store's run lock: one run writes to a store at a time.

        A run keeps corpus state in memory (people index, story links) between its batches, so two
        runs interleaving batches on one store would overwrite each other's view; batches alone are
        safe (transactions), whole runs need this. The lock is an OS file lock on `<db>.lock`, so a
        killed run never leaves it behind. Raises StoreError naming the holder when it is still held
        after `wait` seconds.
        """
        lock_path = _lock_path(self.path)
        if lock_path is None:
            yield
            return
        try:
            handle = open(lock_path, "a+")
        except OSError as exc:
            raise StoreError(f"cannot create the run lock {lock_path} ({exc.strerror or exc})") from exc
        with handle:
            deadline = time.monotonic() + wait
            while not _try_lock(handle):
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip()
                    raise StoreError(
                        f"another quotetrail run is writing to {self.path}"
                        + (f" (process {holder})" if holder else "")
                        + "; wait for it to finish, or use another --db"
                    )
                time.sleep(0.2)
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(str(os.getpid()))
                handle.flush()
                yield
            finally:
                handle.seek(0)
                handle.truncate()
                _unlock(handle)

    def add_articles(self, items: Sequence[tuple[Article, Fingerprint]]) -> list[Article]:
        """Store articles with their fingerprints (inside the caller's transaction); returns the new ones."""
        known = self.known_ids([a.id for a, _ in items])
        new: list[Article] = []
        articles, prints, paragraphs = [], [], []
        for article, fp in items:
            if article.id in known:
                continue
            known.add(article.id)  # the same article twice in one batch
            articles.append((
                article.id, article.source, article.url, article.outlet, article.title, article.author,
                article.published, article.text, article.raw,
                json.dumps([asdict(r) for r in article.removed], ensure_ascii=False),
                json.dumps(article.meta, ensure_ascii=False, default=str),
            ))
            prints.append((article.id, fp.content_hash, fp.minhash))
            paragraphs.extend((h, article.id, i) for i, h in fp.paragraphs)
            new.append(article)
        # one statement per table for the whole batch: rows go in in the same order (and get the
        # same rowids) as one INSERT per article would give them
        self.db.executemany(
            "INSERT INTO articles (id, source, url, outlet, title, author, published, text, raw, removed, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", articles)
        self.db.executemany("INSERT INTO fingerprints (article, content_hash, minhash) VALUES (?, ?, ?)", prints)
        self._add_paragraphs(paragraphs)
        return new

    # The number of paragraphs shared across articles, kept in `meta` with the paragraphs' last rowid
    # it counts up to: counting it afresh reads the whole table (1-2 s at 50,000 articles), and a
    # run's summary and every web upload asked for it.
    SHARED_KEY = "shared_paragraphs"

    def _add_paragraphs(self, rows: list[tuple[str, str, int]]) -> None:
        """Insert (hash, article, idx) rows of new articles, bringing the kept shared count along
        when it is current: a paragraph is newly shared when it had at most one carrier before and
        has two now (the batch's articles are new, so each is a carrier more)."""
        kept = self._kept_shared()
        if kept is None:
            self.db.executemany("INSERT INTO paragraphs (hash, article, idx) VALUES (?, ?, ?)", rows)
            return
        batch_carriers: dict[int, set[str]] = {}
        for h, article, _ in rows:
            batch_carriers.setdefault(h, set()).add(article)
        # up to two carriers per paragraph, read per hash: a template paragraph carried by
        # thousands of articles would be counted in full by one GROUP BY (1.4 ms per article at 50k)
        upto_two = "SELECT COUNT(*) FROM (SELECT DISTINCT article FROM paragraphs WHERE hash = ? LIMIT 2)"
        newly = 0
        for h, carriers in batch_carriers.items():
            before = self.db.execute(upto_two, (h,)).fetchone()[0]
            newly += before <= 1 and before + len(carriers) >= 2
        self.db.executemany("INSERT INTO paragraphs (hash, article, idx) VALUES (?, ?, ?)", rows)
        self._keep_shared(kept + newly)

    def _last_paragraph(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(rowid), 0) FROM paragraphs").fetchone()[0]

    def _kept_shared(self) -> int | None:
        """The kept count, when it counts every paragraph the table holds (else None)."""
        value, last = self._meta(self.SHARED_KEY), self._last_paragraph()
        if value is None:
            return 0 if last == 0 else None  # a new store's count starts here
        count, upto = (int(x) for x in value.split(":"))
        return count if upto == last else None

    def _keep_shared(self, count: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                        (self.SHARED_KEY, f"{count}:{self._last_paragraph()}"))

    # -- quotes and people -----------------------------------------------------------------------
    QUOTE_COLUMNS = ("id", "article", "kind", "text", "spans", "speaker", "speaker_id", "mention", "mention_start",
                     "mention_end", "cue", "via", "said_on", "said_on_precision", "date_text", "statement", "topics")

    def add_quotes(self, quotes: Sequence[Quote], speaker_keys: Sequence[str | None] | None = None) -> None:
        """Store quotes; with `speaker_keys` (`statements.speaker_key` of each), their wordings are
        kept for matching later quotes of the same speaker (`speaker_wordings`)."""
        from ..statements import normalise

        columns = (*self.QUOTE_COLUMNS, "speaker_key")
        marks = ",".join("?" * len(columns))
        rows, wordings = [], []
        for n, q in enumerate(quotes):
            values = {c: getattr(q, c) for c in self.QUOTE_COLUMNS}
            values["spans"] = json.dumps([list(s) for s in q.spans])
            values["topics"] = json.dumps(q.topics, ensure_ascii=False)
            values["speaker_key"] = speaker_keys[n] if speaker_keys else None
            rows.append(tuple(values[c] for c in columns))
            if values["speaker_key"] and q.statement:
                wordings.append((values["speaker_key"], normalise(q.text), q.statement))
        self.db.executemany(f"INSERT OR IGNORE INTO quotes ({', '.join(columns)}) VALUES ({marks})", rows)
        self.db.executemany("INSERT OR IGNORE INTO wordings (speaker_key, wording, statement) VALUES (?, ?, ?)",
                            wordings)

    def speaker_wordings(self, speaker_key: str) -> dict[str, str]:
        """wording (normalised) → statement id, of every distinct wording this speaker was quoted
        with, in the order first stored."""
        return dict(self.db.execute("SELECT wording, statement FROM wordings WHERE speaker_key = ? ORDER BY rowid",
                                    (speaker_key,)).fetchall())

    def iter_statements(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(statement id, its quotes in reporting order: earliest published first)."""
        rows = self.iter_quotes("q.statement IS NOT NULL", (), with_article=True,
                                order="q.statement, a.published IS NULL, a.published, a.seq, q.seq")
        for statement, group in itertools.groupby(rows, key=lambda row: row["statement"]):
            yield statement, list(group)

    def iter_quotes(self, where: str = "", params: Sequence[Any] = (), order: str = "q.seq",
                    with_article: bool = False, limit: int | None = None,
                    offset: int = 0) -> Iterator[dict[str, Any]]:
        """Quotes as export rows, `speaker` being the canonical name where the person is known;
        `with_article` adds the article's outlet, published date, title and story.

        `where` and `order` are SQL written by this package, never by a user: values go in `params`.
        """
        sql = (
            "SELECT q.*, a.source, a.outlet, a.published, a.title, a.story, COALESCE(p.name, q.speaker) AS canonical"
            " FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN people p ON p.id = q.speaker_id"
            + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = (*params, limit, offset)
        for r in self.db.execute(sql, params):
            row = {c: r[c] for c in self.QUOTE_COLUMNS}
            row["spans"] = json.loads(r["spans"])
            row["topics"] = json.loads(r["topics"])
            row["speaker"] = r["canonical"]
            row["source"] = r["source"]
            if with_article:
                row.update(outlet=r["outlet"], published=r["published"], title=r["title"], story=r["story"])
            yield row

    def quotes_of(self, article: str) -> list[Quote]:
        out = []
        for row in self.iter_quotes("q.article = ?", (article,)):
            row.pop("source")
            row["spans"] = [tuple(s) for s in row["spans"]]
            out.append(Quote(**row))
        return out

    def save_people(self, rows: Iterable[dict[str, Any]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO people (id, name, kind, quotes, row) VALUES (?, ?, ?, ?, ?)",
            [(r["id"], r["name"], r.get("kind", "person"), int(r.get("quotes", 0)), json.dumps(r, ensure_ascii=False))
             for r in rows],
        )

    def people_rows(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.db.execute("SELECT row FROM people ORDER BY quotes DESC, name, id")]

    # -- stories ---------------------------------------------------------------------------------
    def add_story_vector(self, article: str, vector: dict[str, float], counts: dict[str, float]) -> None:
        """Keep an article's story vector (as weighted when it arrived) and its word counts (which
        rebuild the document frequencies of the next run's in-memory `StoryIndex`)."""
        self.add_story_vectors([(article, vector, counts)])

    def add_story_vectors(self, rows: Iterable[tuple[str, dict[str, float], dict[str, float]]]) -> None:
        # orjson: the same JSON text for these flat maps of words to numbers (floats written
        # shortest, as json does), several times faster, and every run decodes all of it again
        self.db.executemany("INSERT OR REPLACE INTO story_vectors (article, vector, counts) VALUES (?, ?, ?)",
                            [(article, orjson.dumps(vector).decode(), orjson.dumps(counts).decode())
                             for article, vector, counts in rows])

    def iter_story_index(self) -> Iterator[tuple[str, dict[str, float], dict[str, float] | None, str | None, str]]:
        """(article, vector, counts, published, story) of every article with a story, in arrival order."""
        rows = self.db.execute(
            "SELECT a.id, v.vector, v.counts, a.published, a.story FROM articles a JOIN story_vectors v"
            " ON v.article = a.id WHERE a.story IS NOT NULL ORDER BY a.seq")
        for r in rows:
            yield r[0], orjson.loads(r[1]), orjson.loads(r[2]) if r[2] else None, r[3], r[4]

    def story_vectors(self, ids: Sequence[str]) -> dict[str, dict[str, float]]:
        rows = self._rows_in("SELECT article, vector FROM story_vectors WHERE article IN ({ids})", ids)
        return {r[0]: orjson.loads(r[1]) for r in rows}

    def shared_statement_articles(self, article: str) -> dict[str, int]:
        """Other articles carrying a statement this one carries: how many statements each shares."""
        rows = self.db.execute(
            "SELECT o.article, COUNT(DISTINCT q.statement) FROM quotes q JOIN quotes o ON o.statement = q.statement"
            " WHERE q.article = ? AND o.article != ? AND q.statement IS NOT NULL GROUP BY o.article ORDER BY o.article",
            (article, article))
        return {r[0]: int(r[1]) for r in rows}

    def stories_of(self, ids: Sequence[str]) -> dict[str, str | None]:
        return {r[0]: r[1] for r in self._rows_in("SELECT id, story FROM articles WHERE id IN ({ids})", ids)}

    def set_story(self, article: str, story: str) -> None:
        self.set_stories([(article, story)])

    def set_stories(self, pairs: Iterable[tuple[str, str]]) -> None:
        """(article, story) pairs."""
        self.db.executemany("UPDATE articles SET story = ? WHERE id = ?", [(story, article) for article, story in pairs])

    def merge_stories(self, into: str, others: Iterable[str]) -> None:
        self.db.executemany("UPDATE articles SET story = ? WHERE story = ?", [(into, o) for o in others])

    def iter_stories(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """(story id, its articles as dicts: id, title, outlet, published, duplicate_of), oldest first."""
        rows = self.db.execute(
            "SELECT id, story, title, outlet, published, duplicate_of FROM articles WHERE story IS NOT NULL"
            " ORDER BY story, published IS NULL, published, seq"
        )
        for story, group in itertools.groupby(rows, key=lambda row: row["story"]):
            yield story, [dict(row) for row in group]

    def story_speakers(self, story: str) -> list[tuple[str, int]]:
        rows = self.db.execute(
            "SELECT COALESCE(p.name, q.speaker) AS name, COUNT(*) AS n FROM quotes q"
            " JOIN articles a ON a.id = q.article LEFT JOIN people p ON p.id = q.speaker_id"
            " WHERE a.story = ? AND p.kind = 'person' GROUP BY name ORDER BY n DESC, name", (story,))
        return [(r[0], r[1]) for r in rows]

    # -- resumption ------------------------------------------------------------------------------
    def is_done(self, source: str, stamp: str) -> bool:
        row = self.db.execute("SELECT stamp FROM done WHERE source = ?", (source,)).fetchone()
        return row is not None and row[0] == stamp

    def mark_done(self, items: Iterable[tuple[str, str]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO done (source, stamp) VALUES (?, ?)", list(items))

    # -- outlets ---------------------------------------------------------------------------------
    def name_outlets(self, articles: Sequence[Article]) -> None:
        """Learn domain → display name from these articles, and use it for every article (new or
        stored) that names its outlet only by its domain."""
        for article in articles:
            domain = url_domain(article.url)
            if not domain or not article.outlet:
                continue
            if article.outlet.casefold() != domain:
                self.db.execute("INSERT OR IGNORE INTO outlets (domain, name) VALUES (?, ?)", (domain, article.outlet))
                self.db.execute("UPDATE articles SET outlet = ? WHERE outlet = ?", (article.outlet, domain))
            else:
                row = self.db.execute("SELECT name FROM outlets WHERE domain = ?", (domain,)).fetchone()
                if row:
                    article.outlet = row[0]
                    self.db.execute("UPDATE articles SET outlet = ? WHERE id = ?", (row[0], article.id))

    def count(self, table: str) -> int:
        assert table in {"articles", "similar", "runs", "skipped", "paragraphs", "quotes", "people"}
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def iter_articles(self, *, order: str = "seq") -> Iterator[Article]:
        assert order in {"seq", "published"}
        sql = "SELECT * FROM articles ORDER BY " + ("seq" if order == "seq" else "published IS NULL, published, seq")
        for row in self.db.execute(sql):
            yield self._article(row)

    def get_article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def _article(self, row: sqlite3.Row) -> Article:
        article = Article(
            source=row["source"], raw=row["raw"], text=row["text"], title=row["title"], url=row["url"],
            outlet=row["outlet"], author=row["author"], published=row["published"],
            removed=[Removal(**r) for r in json.loads(row["removed"])], meta=json.loads(row["meta"]),
            id=row["id"], duplicate_of=row["duplicate_of"], story=row["story"],
        )
        article.similar = self.similar_to(article.id)
        return article

    def search_articles(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT a.id, a.title, a.outlet, a.published, snippet(articles_fts, 1, '[', ']', '…', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(query), limit),
        )
        return [dict(r) for r in rows]

    # -- dedup indexes ---------------------------------------------------------------------------
    def lsh_candidates(self, keys: Sequence[int], exclude: str, limit: int = 200) -> list[str]:
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(
            f"SELECT DISTINCT article FROM lsh WHERE key IN ({marks}) AND article != ? LIMIT ?",
            (*keys, exclude, limit),
        )
        return [r[0] for r in rows]

    def add_lsh(self, article: str, keys: Sequence[int]) -> None:
        self.db.executemany("INSERT INTO lsh (key, article) VALUES (?, ?)", [(k, article) for k in keys])

    def save_analysis(self, text_key: str, analysis: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO analyses (text_key, analysis) VALUES (?, ?)", (text_key, analysis))

    def analyses(self, text_keys: Sequence[str]) -> dict[str, str]:
        """text key → stored analysis (`pipeline.analyse`), for those the store has."""
        return {r[0]: r[1] for r in self._rows_in(
            "SELECT text_key, analysis FROM analyses WHERE text_key IN ({ids})", text_keys)}

    def same_content(self, content_hash: str, exclude: str) -> list[str]:
        rows = self.db.execute(
            "SELECT article FROM fingerprints WHERE content_hash = ? AND article != ?", (content_hash, exclude)
        )
        return [r[0] for r in rows]

    def minhashes(self, ids: Sequence[str]) -> dict[str, bytes]:
        return {r[0]: r[1] for r in self._rows_in("SELECT article, minhash FROM fingerprints WHERE article IN ({ids})", ids)}

    def add_similar(self, pairs: Iterable[tuple[str, str, float]]) -> None:
        # a < b, so each pair is stored once whichever article arrived first
        self.db.executemany(
            "INSERT OR REPLACE INTO similar (a, b, score) VALUES (?, ?, ?)",
            [(min(a, b), max(a, b), s) for a, b, s in pairs],
        )

    def similar_to(self, article: str, min_score: float = 0.0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT b AS other, score FROM similar WHERE a = ? AND score >= ?"
            " UNION ALL SELECT a AS other, score FROM similar WHERE b = ? AND score >= ?"
            " ORDER BY score DESC, other",
            (article, min_score, article, min_score),
        )
        return [{"id": r[0], "score": round(r[1], 3)} for r in rows]

    def arrival(self, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
        """(published or a far-future placeholder, seq) per article: the order that makes one 'earliest'."""
        rows = self._rows_in("SELECT id, published, seq FROM articles WHERE id IN ({ids})", ids)
        return {r[0]: (r[1] or "9999-99-99", r[2]) for r in rows}

    def set_duplicate_of(self, pairs: Iterable[tuple[str | None, str]]) -> None:
        self.db.executemany("UPDATE articles SET duplicate_of = ? WHERE id = ?", list(pairs))

    def shared_paragraphs(self, article: str) -> list[dict[str, Any]]:
        """Paragraphs of `article` that other articles carry too (syndicated copy), earliest carrier first."""
        rows = self.db.execute(
            "SELECT p.idx, o.article AS other, oa.published, oa.seq FROM paragraphs p"
            " JOIN paragraphs o ON o.hash = p.hash AND o.article != p.article"
            " JOIN articles oa ON oa.id = o.article"
            " WHERE p.article = ? ORDER BY p.idx, oa.published IS NULL, oa.published, oa.seq",
            (article,),
        )
        out: dict[int, dict[str, Any]] = {}
        for r in rows:
            out.setdefault(r["idx"], {"paragraph": r["idx"], "articles": []})["articles"].append(r["other"])
        return list(out.values())

    def paragraphs_shared_count(self) -> int:
        """Paragraphs (by hash) that more than one article carries: kept by `add_articles`, counted
        afresh (and kept from then on, when this store is writable) when it is not current."""
        kept = self._kept_shared()
        if kept is not None:
            return kept
        row = self.db.execute(
            "SELECT COUNT(*) FROM (SELECT hash FROM paragraphs GROUP BY hash HAVING COUNT(DISTINCT article) > 1)"
        ).fetchone()
        if not self.readonly:
            with self.transaction():
                self._keep_shared(int(row[0]))
        return int(row[0])

    def commit(self) -> None:
        self.db.commit()


def checkpoint(path: str | Path, timeout: float = 30.0) -> bool:
    """Fold the -wal of the quotetrail store at `path` into its .db file, when this process may write
    there (read-only media are left as they are) and no run is writing to it (that run folds it when
    it ends). For the ends of commands that only read (`export`, `serve`): whatever a killed run
    left in the -wal ends up in the one file a user copies. True when the -wal is now empty.
    """
    path = str(path)
    if not _writable(path) or _run_lock_held(path):
        return False
    try:
        con = sqlite3.connect(path, timeout=timeout)
    except sqlite3.Error:
        return False
    try:
        return _fold_wal(con, min(timeout, 5.0))
    finally:
        con.close()


def _fold_wal(con: sqlite3.Connection, wait: float = 5.0) -> bool:
    """PRAGMA wal_checkpoint(TRUNCATE): every page of the -wal written into the .db, the -wal emptied.

    It waits for readers still on an older snapshot (a long export), at most `wait` seconds: what
    it cannot fold now stays safely in the -wal, and whoever closes the store last folds it, so
    giving up here is no error. Never inside an open transaction (closing rolls that back).
    """
    if con.in_transaction:
        return False
    try:
        con.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return busy == 0
    except sqlite3.Error:
        return False


def _lock_path(path: str) -> str | None:
    """The run lock of the store at `path`, or None for a store with no file of its own. On the file
    itself, not on the name given: a symlink, a relative path or `x/../x.db` name the same store and
    must meet the same lock. (Hard links are the one alias this misses.)"""
    if path == ":memory:" or path.startswith("file:"):
        return None
    return os.path.realpath(path) + ".lock"


def _run_lock_held(path: str) -> bool:
    """Whether a run holds the run lock of the store at `path` (without creating the lock file)."""
    lock_path = _lock_path(path)
    if lock_path is None or not os.path.exists(lock_path):
        return False
    try:
        with open(lock_path, "a+") as handle:
            if not _try_lock(handle):
                return True
            _unlock(handle)
    except OSError:
        return False
    return False


def _writable(path: str) -> bool:
    """Whether SQLite could write the store at `path`: the file, and its folder (for -wal and -shm)."""
    real = os.path.realpath(path)
    return os.access(real, os.W_OK) and os.access(os.path.dirname(real) or ".", os.W_OK)


def _connect_readonly(path: str, timeout: float) -> sqlite3.Connection:
    """A read-only connection; on read-only media (a folder or file not writable), an immutable one.

    A WAL store needs its -shm file even to be read, and creates it when missing: in a read-only
    folder that fails ("unable to open database file" / "attempt to write a readonly database").
    Nothing can write such a store, so `immutable=1` (no locks, no -shm) reads it safely, as long as
    the -wal holds nothing: immutable reads the .db file only, and rows still in a -wal would be
    missing without a word, so that case is refused with what to do.
    """
    uri = Path(path).resolve().as_uri()
    con = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout, check_same_thread=False)
    try:
        con.execute("SELECT 1 FROM sqlite_master LIMIT 1")  # the file is opened lazily: here is where it fails
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        message = str(exc).lower()
        cannot_write = "readonly" in message or "unable to open" in message
        if not cannot_write or not os.path.isfile(path) or _writable(path):
            raise
        wal = path + "-wal"
        if os.path.exists(wal) and os.path.getsize(wal) > 0:
            raise StoreError(f"{path} is on read-only media and its -wal holds data not yet in the .db file: "
                             "copy the store with its -wal somewhere writable and open it there") from exc
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout, check_same_thread=False)


def url_domain(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    host = url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].casefold()
    return host.removeprefix("www.") or None


# statement_days from the quotes already stored: what the triggers in schema.sql would have written
_FILL_STATEMENT_DAYS = """
INSERT INTO statement_days (statement, speaker_id, speaker, said, published, topics, variants, first_seq, day)
SELECT statement, speaker_id, speaker, said_on, first_published, topics, n, seq, COALESCE(said_on, first_published) FROM (
    SELECT q.statement, q.speaker_id, q.speaker, q.said_on, q.topics, q.seq,
           COUNT(*) OVER whole AS n, MIN(a.published) OVER whole AS first_published,
           ROW_NUMBER() OVER (PARTITION BY q.statement ORDER BY q.said_on IS NULL, q.said_on, q.seq) AS rank
    FROM quotes q LEFT JOIN articles a ON a.id = q.article WHERE q.statement IS NOT NULL
    WINDOW whole AS (PARTITION BY q.statement))
WHERE rank = 1
"""


def _statements(script: str) -> Iterator[str]:
    """The statements of an SQL script one by one (triggers included), so they can run inside one
    transaction: `executescript` would commit first."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending.strip()
            pending = ""
    if pending.strip() and not all(l.strip().startswith("--") or not l.strip() for l in pending.splitlines()):
        yield pending.strip()


try:  # POSIX
    import fcntl

    def _try_lock(handle) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(handle) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

except ImportError:  # Windows
    import msvcrt

    def _try_lock(handle) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(handle) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms: no operator or syntax error can come from input."""
    terms = [t.replace('"', '""') for t in text.split() if t.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'
