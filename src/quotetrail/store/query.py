"""Read queries shared by the CLI and the web API. Values from users only ever travel as SQL
parameters; the SQL text is fixed here."""
from __future__ import annotations

import json
from itertools import chain
from dataclasses import dataclass, fields
from typing import Any, Iterable

from .sqlite import Store, _fts_query


def speaker_ids(store: Store, name: str) -> list[str]:
    """People whose name or any alias contains `name` (case-insensitive); when none does, people
    with an alias spelled alike word for word ("Zelenskiy" for "Zelensky", "Andrei" for "Andriy",
    "Tomas" for "Tomáš": `spelling_key`)."""
    pattern = f"%{name.strip().casefold()}%"
    rows = store.db.execute(
        "SELECT DISTINCT p.id FROM people p, json_each(p.row, '$.aliases') alias"
        " WHERE lower(p.name) LIKE ? OR lower(alias.value) LIKE ?",
        (pattern, pattern),
    )
    found = [r[0] for r in rows]
    if found or not name.strip():
        return found
    return _people_spelled_alike(store, name)


_SPELLING_RULES = (("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("j", "i"), ("y", "i"), ("ei", "i"),
                   ("ie", "i"), ("cz", "c"), ("sz", "s"), ("tch", "ch"), ("ou", "u"))


def spelling_key(word: str) -> str:
    """A word as its transliterations have it in common: accents dropped, case folded, a few
    letter groups that spellings of one name alternate between made one (y/i/j, kh/h, w/v…), and
    doubled letters made single."""
    import unicodedata

    text = "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if ch.isalpha() and ord(ch) < 128)
    for a, b in _SPELLING_RULES:
        text = text.replace(a, b)
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _near(a: str, b: str) -> bool:
    """Same key, or (words of five letters or more) one letter added, dropped or changed."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _people_spelled_alike(store: Store, name: str) -> list[str]:
    import re

    wanted = [spelling_key(w) for w in re.split(r"[\s\-]+", name) if spelling_key(w)]
    if not wanted:
        return []
    out = []
    for person_id, row_json in store.db.execute("SELECT id, row FROM people WHERE quotes > 0"):
        row = json.loads(row_json)
        for alias in [row.get("name") or "", *row.get("aliases", [])]:
            words = [spelling_key(w) for w in re.split(r"[\s\-]+", alias)]
            if all(any(_near(w, a) for a in words) for w in wanted):
                out.append(person_id)
                break
    return out


def find_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    search: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    article: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    where, params = [], []
    if speaker:
        ids = speaker_ids(store, speaker)
        marks = ",".join("?" * len(ids))
        where.append(f"(q.speaker_id IN ({marks}) OR lower(q.speaker) LIKE ?)" if ids else "lower(q.speaker) LIKE ?")
        params += ids + [f"%{speaker.casefold()}%"]
    if search:
        where.append("q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(_fts_query(search))
    _add_filters(where, params, (("q.kind", kind), ("a.outlet", outlet), ("q.article", article)),
                 _QUOTE_DAY, since, until)
    order = f"{_QUOTE_DAY} IS NULL, {_QUOTE_DAY}, q.seq"
    return list(store.iter_quotes(" AND ".join(where), params, order=order, with_article=True,
                                  limit=limit, offset=offset))


def timeline(
    store: Store,
    speaker: str,
    *,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """A person's statements in the order they were said: one row per statement, with the date,
    the outlets that carried it, its canonical wording and its topics. Statements with no date
    (neither said on a known day nor published on one) come last, with `said_on` None and the
    date words of their text in `date_text` ("on Friday"), if any."""
    from ..statements import canonical_wording
    from ..statements.topics import topic_matches

    quotes = find_quotes(store, speaker=speaker, since=since, until=until, limit=1_000_000)
    rows: dict[str, dict[str, Any]] = {}
    for q in quotes:  # already in time order
        row = rows.get(q["statement"])
        if row is None:
            row = rows[q["statement"]] = {
                "said_on": q["said_on"] or q["published"], "precision": q["said_on_precision"],
                "date_text": q["date_text"],
                "speaker": q["speaker"], "statement": q["statement"], "kind": q["kind"],
                "outlets": [], "variants": [], "topics": [],
            }
        if q["outlet"] and q["outlet"] not in row["outlets"]:
            row["outlets"].append(q["outlet"])
        row["variants"].append({"text": q["text"], "outlet": q["outlet"], "published": q["published"],
                                "article": q["article"]})
        row["topics"] += [t for t in q["topics"] if t not in row["topics"]]
    out = []
    for row in rows.values():
        if topic and not topic_matches(topic, row["topics"]):
            continue
        row["text"] = canonical_wording(row["variants"])
        out.append(row)
    return out


def stories(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    from .export import story_rows

    rows = sorted(story_rows(store), key=lambda s: (-len(s["articles"]), s["first_published"] or ""))
    return rows[:limit]


# -- paged reads for the web app and HTTP API ------------------------------------------------------
# Each reads one page (LIMIT/OFFSET) or one item's rows through an index, never a whole big table.
# As above, user values travel only as parameters; every SQL fragment is written here.

_QUOTE_DAY = "COALESCE(q.said_on, a.published)"


def overview(store: Store) -> dict[str, Any]:
    """The corpus at a glance: counts (articles, quotes, statements and people as `counts` defines
    them, the same numbers the run summary and the export give) and the span of publication dates."""
    from .counts import corpus_counts

    one = lambda sql: store.db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        **corpus_counts(store),
        "outlets": one("SELECT COUNT(DISTINCT outlet) FROM articles"),
        "stories": one("SELECT COUNT(DISTINCT story) FROM articles"),
        "first_published": one("SELECT MIN(published) FROM articles"),
        "last_published": one("SELECT MAX(published) FROM articles"),
    }


def outlet_counts(store: Store, limit: int = 50) -> list[tuple[str, int]]:
    rows = store.db.execute(
        "SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL GROUP BY outlet"
        " ORDER BY n DESC, outlet LIMIT ?", (limit,))
    return [(r[0], r[1]) for r in rows]


def _speaker_clause(store: Store, speaker: str) -> tuple[str, list[Any]]:
    """Quotes by any person whose name or alias contains `speaker`, or by an unresolved speaker
    written that way. Two indexed sub-selects instead of an OR, so SQLite can use quotes_speaker."""
    ids = speaker_ids(store, speaker)
    parts, params = [], []
    if ids:
        parts.append(f"SELECT seq FROM quotes WHERE speaker_id IN ({','.join('?' * len(ids))})")
        params += ids
    parts.append("SELECT seq FROM quotes WHERE speaker_id IS NULL AND lower(speaker) LIKE ?")
    params.append(f"%{speaker.strip().casefold()}%")
    return "q.seq IN (" + " UNION ALL ".join(parts) + ")", params


def _quote_filters(store: Store, *, search: str | None = None, speaker: str | None = None, kind: str | None = None,
                   outlet: str | None = None, story: str | None = None, article: str | None = None,
                   since: str | None = None, until: str | None = None, or_people: list[str] | None = None
                   ) -> tuple[list[str], list[Any]]:
    """WHERE clauses (over quotes q JOIN articles a) and their parameters for the quote filters.
    `or_people`: quotes by these people match `search` too (a name searched for finds the
    person's quotes under any spelling, not only quotes that contain the name)."""
    where: list[str] = []
    params: list[Any] = []
    if speaker and speaker.strip():
        clause, values = _speaker_clause(store, speaker)
        where.append(clause)
        params += values
    if search and search.strip():
        words = "q.seq IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        if or_people:
            where.append(f"({words} OR q.speaker_id IN ({','.join('?' * len(or_people))}))")
            params += [_fts_query(search), *or_people]
        else:
            where.append(words)
            params.append(_fts_query(search))
    _add_filters(where, params, (("q.kind", kind), ("a.outlet", outlet), ("a.story", story), ("q.article", article)),
                 _QUOTE_DAY, since, until)
    return where, params


def _add_filters(where: list[str], params: list[Any], equal: Iterable[tuple[str, str | None]], day: str,
                 since: str | None, until: str | None) -> None:
    """Append `column = value` for each given value, and the `since`/`until` bounds on `day`."""
    for column, value in equal:
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append(f"{day} >= ?")
        params.append(since)
    if until:
        where.append(f"{day} <= ?")
        params.append(until)


def search_quote_rows(
    store: Store,
    *,
    search: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    story: str | None = None,
    article: str | None = None,
    since: str | None = None,
    until: str | None = None,
    newest_first: bool = True,
    or_people: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of quotes matching every given filter, with their article's outlet, date and story."""
    where, params = _quote_filters(store, search=search, speaker=speaker, kind=kind, outlet=outlet, story=story,
                                   article=article, since=since, until=until, or_people=or_people)
    direction = "DESC" if newest_first else "ASC"
    order = f"{_QUOTE_DAY} IS NULL, {_QUOTE_DAY} {direction}, q.seq {direction}"
    return list(store.iter_quotes(" AND ".join(where), params, order=order, with_article=True,
                                  limit=limit, offset=offset))


def search_statement_groups(
    store: Store,
    *,
    search: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    story: str | None = None,
    since: str | None = None,
    until: str | None = None,
    or_people: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[int, int, list[dict[str, Any]]]:
    """Search results with each statement once, however many outlets carried it: (statements
    matching, quotes matching, one page of groups newest first). A group is `statement` (None for a
    quote that belongs to no statement), `quotes` (every version of the statement, earliest reported
    first, with `canonical` and `changes`; or the lone quote) and `outlets` (distinct, in that order)."""
    where, params = _quote_filters(store, search=search, speaker=speaker, kind=kind, outlet=outlet, story=story,
                                   since=since, until=until, or_people=or_people)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    source = f"FROM quotes q JOIN articles a ON a.id = q.article{clause}"
    statements, quotes = store.db.execute(
        f"SELECT COUNT(DISTINCT COALESCE(q.statement, '#' || q.id)), COUNT(*) {source}", params).fetchone()
    rows = store.db.execute(
        f"SELECT q.statement, MIN(q.id) AS one, MAX({_QUOTE_DAY}) AS day, MAX(q.seq) AS last {source}"
        " GROUP BY COALESCE(q.statement, '#' || q.id) ORDER BY day IS NULL, day DESC, last DESC LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    variants = variants_of(store, [r["statement"] for r in rows if r["statement"]])
    lone_ids = [r["one"] for r in rows if not r["statement"]]
    lone = {q["id"]: q for q in store.iter_quotes(f"q.id IN ({','.join('?' * len(lone_ids))})", lone_ids,
                                                   with_article=True)} if lone_ids else {}
    groups = []
    for r in rows:
        found = variants.get(r["statement"]) if r["statement"] else None
        if not found:
            q = lone.get(r["one"])
            if q is None:
                continue
            q["canonical"], q["changes"] = q["text"], []
            found = [q]
        groups.append({"statement": r["statement"], "quotes": found,
                       "outlets": list(dict.fromkeys(q["outlet"] for q in found if q["outlet"]))})
    return statements, quotes, groups


def article_quote_rows(store: Store, article: str) -> list[dict[str, Any]]:
    """Every quote of one article, in text order."""
    return list(store.iter_quotes("q.article = ?", (article,), with_article=True))


def _article_filters(outlet: str | None, story: str | None, since: str | None,
                     until: str | None) -> tuple[list[str], list[Any]]:
    """The WHERE terms (on `articles a`) and their parameters for the article list's filters."""
    where: list[str] = []
    params: list[Any] = []
    _add_filters(where, params, (("a.outlet", outlet), ("a.story", story)), "a.published", since, until)
    return where, params


def search_article_rows(
    store: Store,
    *,
    search: str | None = None,
    outlet: str | None = None,
    story: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """One page of articles (summaries, with a snippet when searching), best match or newest first."""
    where, params = _article_filters(outlet, story, since, until)
    columns = "a.id, a.title, a.outlet, a.published, a.url, a.duplicate_of, a.story"
    if search and search.strip():
        sql = (f"SELECT {columns}, snippet(articles_fts, 1, '', '', '…', 16) AS snippet"
               " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ?"
               + "".join(f" AND {w}" for w in where) + " ORDER BY rank LIMIT ? OFFSET ?")
        params.insert(0, _fts_query(search))
    else:
        sql = (f"SELECT {columns}, NULL AS snippet FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY a.published IS NULL, a.published DESC, a.seq DESC LIMIT ? OFFSET ?")
    return [dict(r) for r in store.db.execute(sql, (*params, limit, offset))]


def count_article_rows(store: Store, *, search: str | None = None, outlet: str | None = None,
                       story: str | None = None, since: str | None = None, until: str | None = None) -> int:
    """How many articles `search_article_rows` finds with the same filters."""
    where, params = _article_filters(outlet, story, since, until)
    if search and search.strip():
        sql = ("SELECT COUNT(*) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
               " WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where))
        params.insert(0, _fts_query(search))
    else:
        sql = "SELECT COUNT(*) FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
    return int(store.db.execute(sql, params).fetchone()[0])


def _person(row_json: str) -> dict[str, Any]:
    import json

    row = json.loads(row_json)
    return {"id": row["id"], "name": row["name"], "kind": row.get("kind", "person"),
            "aliases": row.get("aliases", []), "descriptions": row.get("descriptions", []),
            "quotes": int(row.get("quotes", 0))}


def people_page(store: Store, *, name: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The listed people and organisations (`counts.LISTED_PEOPLE`: quoted, or named in more than
    one article), most quoted first; `name` matches any alias or part of a name."""
    from .counts import LISTED_PEOPLE

    if name and name.strip():
        ids = speaker_ids(store, name)
        if not ids:
            return []
        rows = store.db.execute(
            f"SELECT row FROM people WHERE id IN ({','.join('?' * len(ids))}) AND {LISTED_PEOPLE}"
            " ORDER BY quotes DESC, name, id LIMIT ? OFFSET ?", (*ids, limit, offset))
    else:
        rows = store.db.execute(
            f"SELECT row FROM people WHERE {LISTED_PEOPLE} ORDER BY quotes DESC, name, id LIMIT ? OFFSET ?",
            (limit, offset))
    return [_person(r[0]) for r in rows]


def person_row(store: Store, person_id: str) -> dict[str, Any] | None:
    row = store.db.execute("SELECT row FROM people WHERE id = ?", (person_id,)).fetchone()
    return _person(row[0]) if row else None


def statements_of(
    store: Store,
    person_ids: list[str],
    *,
    speaker_as_written: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """A speaker's statements in the order they were said, light enough to chart thousands of them:
    `statement`, `said_on` (when said, else when first published), `topics` (of the earliest
    variant) and `variants` (how many quotes carry it). Read from the statement_days summary (one
    row per statement, kept by triggers); wordings, outlets and the rest come from `variants_of` for
    the statements actually shown. `speaker_as_written` adds the statements of unresolved speakers
    written that way."""
    sources, params = [], []
    if person_ids:
        sources.append(f"speaker_id IN ({','.join('?' * len(person_ids))})")
        params += person_ids
    if speaker_as_written and speaker_as_written.strip():
        sources.append("(speaker_id IS NULL AND lower(speaker) LIKE ?)")
        params.append(f"%{speaker_as_written.strip().casefold()}%")
    if not sources:
        return []
    days = _statement_days(store, " OR ".join(sources), params, since, until)
    topic_lists = days.topic_lists()
    keep = on_topic(topic, topic_lists) if topic and topic.strip() else range(len(days))
    return days.rows(keep, topic_lists)


def on_topic(topic: str, topic_lists: list[list[str]]) -> list[int]:
    """Positions of the statements with a topic `topic_matches` finds for `topic`; each distinct
    spelling is matched once, however many statements carry it."""
    from ..statements.topics import topic_matches

    matching = {t for t in dict.fromkeys(chain.from_iterable(topic_lists)) if topic_matches(topic, [t])}
    return [i for i, topics in enumerate(topic_lists) if not matching.isdisjoint(topics)]


def corpus_topic_weights(store: Store) -> Any:
    """How common each topic is across every statement of the store (`topics.TopicWeights`), read
    in one pass over statement_days (one row per statement)."""
    from ..statements.topics import topic_weights

    cursor = store.db.cursor()
    cursor.row_factory = None
    rows = cursor.execute("SELECT topics FROM statement_days").fetchall()
    if not rows:
        return topic_weights([])
    return topic_weights(json.loads("[" + ",".join(r[0] for r in rows) + "]"))


def person_statement_stories(
    store: Store, person_id: str, *, since: str | None = None, until: str | None = None
) -> dict[str, str | None]:
    """statement id → the story of the article that reported it first, for the statements
    `person_statement_days` gives: read along the same index (looking up a head of government's
    thousands of statement ids one by one took as long as the rest of the view)."""
    where, params = ["d.speaker_id = ?"], [person_id]
    _add_filters(where, params, (), "d.day", since, until)
    cursor = store.db.cursor()
    cursor.row_factory = None
    return dict(cursor.execute(
        "SELECT d.statement, a.story FROM statement_days d JOIN quotes q ON q.seq = d.first_seq"
        " JOIN articles a ON a.id = q.article WHERE " + " AND ".join(where), params))


def story_topic_names(store: Store, story: str) -> frozenset[str]:
    """The words naming a story's own places and people (`topics.story_names`): from its first
    title, the people quoted in it and the names most of its statements carry."""
    from ..statements.topics import story_names

    title = store.db.execute(
        "SELECT title FROM articles WHERE story = ? AND title IS NOT NULL ORDER BY published IS NULL, published, seq"
        " LIMIT 1", (story,)).fetchone()
    people: set[str] = set()
    per_statement: dict[str, list[str]] = {}
    for r in store.db.execute(
            "SELECT q.statement, q.topics, q.speaker, p.name, p.row FROM articles a JOIN quotes q ON q.article = a.id"
            " LEFT JOIN people p ON p.id = q.speaker_id WHERE a.story = ?", (story,)):
        if r[1]:
            per_statement.setdefault(r[0] or f"#{len(per_statement)}", []).extend(json.loads(r[1]))
        if r[3]:
            person = json.loads(r[4])
            if person.get("kind", "person") == "person":  # an organisation quoted is still a topic
                people.add(r[3])
                people.update(person.get("aliases", []))
    return story_names(title[0] if title else None, people, per_statement.values())


def quotes_version(store: Store) -> int:
    """Changes whenever quotes are added (the largest quote seq; AUTOINCREMENT never reuses one):
    what a view computed from a person's statements depends on."""
    return int(store.db.execute("SELECT COALESCE(MAX(seq), 0) FROM quotes").fetchone()[0])


@dataclass(frozen=True, slots=True)
class StatementDays:
    """A speaker's statements in the order said (undated last), column by column: `statements`
    (ids), `days` (when said, else when first published), `said` (1 when the day came from the
    quotes), `topics_json` (the earliest variant's topics, as stored) and `variants` (quotes
    carrying it). Tuples of plain values: a head of government's thousands of statements are read
    in one pass, and can be kept between requests without giving the garbage collector anything to
    walk (per-statement dicts and lists made its full collections the person page's slow tail)."""
    statements: tuple[str, ...] = ()
    days: tuple[str | None, ...] = ()
    said: tuple[int, ...] = ()
    topics_json: tuple[str, ...] = ()
    variants: tuple[int, ...] = ()

    def __len__(self) -> int:  # the statements, not the columns
        return len(self.statements)

    def topic_lists(self) -> list[list[str]]:
        """Every statement's topics, parsed in one JSON call."""
        return json.loads("[" + ",".join(self.topics_json) + "]")

    def rows(self, positions: Iterable[int], topic_lists: list[list[str]] | None = None) -> list[dict[str, Any]]:
        """The statements at `positions` as rows: `statement`, `said_on`, `said`, `topics` (from
        `topic_lists` when already parsed) and `variants`."""
        return [{"statement": self.statements[i], "said_on": self.days[i], "said": bool(self.said[i]),
                 "topics": topic_lists[i] if topic_lists is not None else json.loads(self.topics_json[i]),
                 "variants": self.variants[i]} for i in positions]

    def take(self, positions: list[int]) -> StatementDays:
        """The statements at `positions`, in that order."""
        return StatementDays(*(tuple(getattr(self, f.name)[i] for i in positions) for f in fields(self)))


def person_statement_days(
    store: Store, person_id: str, *, since: str | None = None, until: str | None = None
) -> StatementDays:
    """One person's statements in the order said, for the person page's chart, topic list and
    statement pages: one indexed read of statement_days (no grouping of the person's quotes)."""
    return _statement_days(store, "speaker_id = ?", [person_id], since, until)


def _statement_days(store: Store, who: str, params: list[Any], since: str | None, until: str | None
                    ) -> StatementDays:
    """The statement_days rows matching `who`, in the order said (undated last), within
    [since, until] when given."""
    where, params = [f"({who})"], list(params)
    _add_filters(where, params, (), "day", since, until)
    cursor = store.db.cursor()
    cursor.row_factory = None  # plain tuples: thousands of rows for a head of government
    rows = cursor.execute(
        "SELECT statement, day, said IS NOT NULL, topics, variants FROM statement_days WHERE " + " AND ".join(where)
        + " ORDER BY day, first_seq", params).fetchall()  # the index's own order: no sort in SQLite
    undated = 0
    while undated < len(rows) and rows[undated][1] is None:  # NULL sorts first in SQLite; shown last
        undated += 1
    return StatementDays(*zip(*rows[undated:], *rows[:undated])) if rows else StatementDays()


def variants_of(store: Store, statements: list[str]) -> dict[str, list[dict[str, Any]]]:
    """statement id → its quotes (earliest reported first), each with `changes` from the canonical
    wording; the canonical wording itself is under the key (statement id, "text")."""
    from ..statements import canonical_wording, differences

    if not statements:
        return {}
    rows = store.iter_quotes(f"q.statement IN ({','.join('?' * len(statements))})", statements,
                             order="a.published IS NULL, a.published, a.seq, q.seq", with_article=True)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["statement"], []).append(row)
    # earliest reported first: by date, and on the same day the wire the others credit before the
    # papers that ran its story (`original_first`), never by the order the articles were read
    infos = article_credits(store, sorted({row["article"] for variants in grouped.values() for row in variants}))
    for statement, variants in grouped.items():
        rank = {a: i for i, a in enumerate(original_first(infos, dict.fromkeys(v["article"] for v in variants)))}
        variants.sort(key=lambda v: rank[v["article"]])  # stable: quotes of one article stay in order
    for variants in grouped.values():
        canonical = canonical_wording(variants)
        for v in variants:
            v["canonical"] = canonical
            v["changes"] = differences(canonical, v["text"])
    return grouped


def statement_detail(store: Store, statement: str) -> dict[str, Any] | None:
    """One statement as in statements.jsonl (SPEC §3), with each variant's quote row and changes."""
    variants = variants_of(store, [statement]).get(statement)
    if not variants:
        return None
    first = variants[0]
    return {
        "id": statement, "speaker_id": first["speaker_id"], "speaker": first["speaker"],
        "text": first["canonical"], "variants": variants,
        "first_reported": {"article": first["article"], "outlet": first["outlet"], "published": first["published"]},
    }


def story_summaries(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, largest first: size, outlets, time span and the earliest article's title."""
    rows = store.db.execute(
        "SELECT story, COUNT(*) AS size, COUNT(DISTINCT outlet) AS outlets, MIN(published) AS first_published,"
        " MAX(published) AS last_published FROM articles WHERE story IS NOT NULL GROUP BY story"
        " ORDER BY size DESC, first_published, story LIMIT ? OFFSET ?", (limit, offset))
    out = [dict(r) for r in rows]
    for row in out:
        title = store.db.execute(
            "SELECT title FROM articles WHERE story = ? AND title IS NOT NULL"
            " ORDER BY published IS NULL, published, seq LIMIT 1", (row["story"],)).fetchone()
        row["id"] = row.pop("story")
        row["title"] = title[0] if title else None
    return out


def story_detail(store: Store, story: str, *, max_articles: int = 500) -> dict[str, Any] | None:
    """One story as in stories.jsonl (SPEC §3), with its articles (up to `max_articles`, oldest first)."""
    from ..stories import representative_title

    size = store.db.execute("SELECT COUNT(*) FROM articles WHERE story = ?", (story,)).fetchone()[0]
    if not size:
        return None
    articles = [dict(r) for r in store.db.execute(
        "SELECT id, title, outlet, published, url, duplicate_of FROM articles WHERE story = ?"
        " ORDER BY published IS NULL, published, seq LIMIT ?", (story, max_articles))]
    title = representative_title(articles, store.story_vectors([a["id"] for a in articles]))
    span = store.db.execute("SELECT MIN(published), MAX(published) FROM articles WHERE story = ?", (story,)).fetchone()
    outlets = [r[0] for r in store.db.execute(
        "SELECT DISTINCT outlet FROM articles WHERE story = ? AND outlet IS NOT NULL ORDER BY outlet", (story,))]
    return {
        "id": story, "title": title, "size": size, "articles": articles,
        "outlets": outlets, "first_published": span[0], "last_published": span[1],
        "people": store.story_speakers(story),
    }


def story_copies(store: Store, story: str) -> list[dict[str, Any]]:
    """Which articles of a story carry which others' text: pairs (`later` carries text of `earlier`)
    with the number of paragraphs they share and their similarity score."""
    shared = store.db.execute(
        "SELECT p.article AS a, o.article AS b, COUNT(*) AS n FROM articles x"
        " JOIN paragraphs p ON p.article = x.id JOIN paragraphs o ON o.hash = p.hash AND o.article != p.article"
        " WHERE x.story = ? GROUP BY p.article, o.article", (story,))
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    for r in shared:
        key = (min(r["a"], r["b"]), max(r["a"], r["b"]))
        entry = pairs.setdefault(key, {"paragraphs": 0, "score": None})
        entry["paragraphs"] = max(entry["paragraphs"], r["n"])
    for r in store.db.execute(
        "SELECT s.a, s.b, s.score FROM similar s JOIN articles x ON x.id = s.a WHERE x.story = ?"
        " UNION SELECT s.a, s.b, s.score FROM similar s JOIN articles x ON x.id = s.b WHERE x.story = ?",
        (story, story)):
        pairs.setdefault((r[0], r[1]), {"paragraphs": 0, "score": None})["score"] = round(r[2], 3)
    infos = article_credits(store, sorted({a for pair in pairs for a in pair}))
    rank = {a: i for i, a in enumerate(original_first(infos, infos))}
    out = []
    for (a, b), found in pairs.items():
        earlier, later = original_first(infos, (a, b))
        out.append({"later": later, "earlier": earlier, **found})
    out.sort(key=lambda p: (rank.get(p["later"], len(rank)), p["earlier"]))
    return out


_SMALL_WORDS = {"the", "of", "and", "for", "de", "la", "le", "der", "die", "das", "a", "an", "&"}


def credits_outlet(credit: str, outlet: str) -> bool:
    """Whether a credit in an article ("(CPA)" in a dateline, an author "Carvessan Press Agency")
    names `outlet`: the same name, or an abbreviation of it whose letters run through the name in
    order, from its first letter, and take in the initial of every word ("CPA" for "Carvessan Press
    Agency", "MNW" for "Meridian Newswire")."""
    import re

    credit, name = credit.strip().casefold(), outlet.strip().casefold()
    if not credit or not name:
        return False
    if credit == name:
        return True
    letters = re.sub(r"[^\w]", "", credit)
    if not (2 <= len(letters) <= 8) or " " in credit.strip():
        return False
    words = [w for w in re.findall(r"\w+", name) if w not in _SMALL_WORDS]
    if not words or letters[0] != words[0][0] or not set(w[0] for w in words) <= set(letters):
        return False
    flat = "".join(words)
    i = 0
    for ch in letters:
        i = flat.find(ch, i)
        if i < 0:
            return False
        i += 1
    return True


def article_credits(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → outlet, published, seq, and `credits`: the outlets its dateline names (the cues the
    reader kept: "VALMORA, March 3 (CPA) —") and its byline when that is not a person's name on
    the same outlet."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for r in store.db.execute(
                "SELECT id, outlet, published, seq, author, meta FROM articles"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            try:
                cues = json.loads(r["meta"] or "{}").get("cues", [])
            except (ValueError, AttributeError):
                cues = []
            credits = [c.get("value") for c in cues if isinstance(c, dict) and c.get("kind") == "outlet"
                       and c.get("rule") == "dateline" and c.get("value")]
            if r["author"]:
                credits.append(r["author"])
            out[r["id"]] = {"outlet": r["outlet"], "published": r["published"], "seq": r["seq"],
                            "credits": credits}
    return out


def original_first(infos: dict[str, dict[str, Any]], ids: Iterable[str]) -> list[str]:
    """Articles carrying the same text, the original first: of the dated ones, the one whose outlet
    the others credit (a wire story: the agency's own article, not a paper that ran it the same
    day), then by publication time, then the order stored; undated articles last (an article with
    no date is never named the first to report). Input order alone never decides it."""
    ids = list(ids)

    def credited(a: str) -> bool:
        outlet = (infos.get(a) or {}).get("outlet")
        if not outlet:
            return False
        return any(credits_outlet(c, outlet) for b in ids if b != a and (infos.get(b) or {}).get("outlet") != outlet
                   for c in (infos.get(b) or {}).get("credits", []))

    def key(a: str) -> tuple:
        info = infos.get(a) or {}
        return (info.get("published") is None, not credited(a), info.get("published") or "", info.get("seq", 0), a)

    return sorted(ids, key=key)


def copy_originals(store: Store, ids: list[str]) -> dict[str, str | None]:
    """For each of `ids`: the article it copies (None for an original or an article no other
    carries), with the direction decided by `original_first` over each group of copies (an
    article, the one its `duplicate_of` names, and every other naming that one), so a wire
    agency's own story is never shown as a copy of a paper that ran it the same day."""
    if not ids:
        return {}
    rows = store._rows_in("SELECT id, duplicate_of FROM articles WHERE id IN ({ids})", ids)
    target = {r[0]: r[1] for r in rows}
    roots = sorted({t for t in target.values() if t} | set(target))
    group_of: dict[str, set[str]] = {}
    if roots:
        for r in store._rows_in("SELECT id, duplicate_of FROM articles WHERE duplicate_of IN ({ids})", roots):
            group_of.setdefault(r[1], {r[1]}).add(r[0])
    members = sorted({a for g in group_of.values() for a in g})
    infos = article_credits(store, members)
    out: dict[str, str | None] = {a: None for a in ids}
    for group in group_of.values():
        first = original_first(infos, group)[0]
        for a in group:
            if a in out:
                out[a] = None if a == first else first
    return out


def story_statement_ids(store: Store, story: str, *, min_variants: int = 2, limit: int = 50,
                        offset: int = 0) -> list[str]:
    """Statements quoted in a story's articles, the most widely carried first."""
    rows = store.db.execute(
        "SELECT q.statement, COUNT(*) AS n, MIN(a.published) AS first FROM articles a"
        " JOIN quotes q ON q.article = a.id WHERE a.story = ? AND q.statement IS NOT NULL"
        " GROUP BY q.statement HAVING n >= ? ORDER BY n DESC, first, q.statement LIMIT ? OFFSET ?",
        (story, min_variants, limit, offset))
    return [r[0] for r in rows]


def article_summary_rows(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """id → title, outlet, published for the given articles (for labelling links)."""
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update((r["id"], dict(r)) for r in store.db.execute(
            f"SELECT id, title, outlet, published FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out
