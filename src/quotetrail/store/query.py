"""Read queries shared by the CLI and the web API. Values from users only ever travel as SQL
parameters; the SQL text is fixed here."""
from __future__ import annotations

from typing import Any

from .sqlite import Store, _fts_query


def speaker_ids(store: Store, name: str) -> list[str]:
    """People whose name or any alias contains `name` (case-insensitive)."""
    pattern = f"%{name.strip().casefold()}%"
    rows = store.db.execute(
        "SELECT DISTINCT p.id FROM people p, json_each(p.row, '$.aliases') alias"
        " WHERE lower(p.name) LIKE ? OR lower(alias.value) LIKE ?",
        (pattern, pattern),
    )
    return [r[0] for r in rows]


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
    for column, value in (("q.kind", kind), ("a.outlet", outlet), ("q.article", article)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if since:
        where.append("COALESCE(q.said_on, a.published) >= ?")
        params.append(since)
    if until:
        where.append("COALESCE(q.said_on, a.published) <= ?")
        params.append(until)
    rows = []
    sql_where = " AND ".join(where)
    order = "COALESCE(q.said_on, a.published) IS NULL, COALESCE(q.said_on, a.published), q.seq"
    for _, row in zip(range(offset + limit), store.iter_quotes(sql_where, params, order=order, with_article=True)):
        rows.append(row)
    return rows[offset:]


def timeline(
    store: Store,
    speaker: str,
    *,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict[str, Any]]:
    """A person's statements in the order they were said: one row per statement, with the date,
    the outlets that carried it, its canonical wording and its topics."""
    from ..statements import canonical_wording
    from ..statements.topics import topic_matches

    quotes = find_quotes(store, speaker=speaker, since=since, until=until, limit=1_000_000)
    rows: dict[str, dict[str, Any]] = {}
    for q in quotes:  # already in time order
        row = rows.get(q["statement"])
        if row is None:
            row = rows[q["statement"]] = {
                "said_on": q["said_on"] or q["published"], "precision": q["said_on_precision"],
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
