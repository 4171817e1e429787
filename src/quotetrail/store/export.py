"""Exports of the store in the public contract of SPEC §3: JSON Lines, CSV or Parquet.

Field names here are a public interface; change them only with the spec.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .sqlite import Store

ARTICLE_FIELDS = [
    "id", "source", "url", "outlet", "title", "author", "published", "text", "removed",
    "duplicate_of", "similar", "story", "shared_paragraphs",
]
FORMATS = ("jsonl", "csv", "parquet")


def article_rows(store: Store) -> Iterator[dict[str, Any]]:
    for article in store.iter_articles():
        row = {
            "id": article.id, "source": article.source, "url": article.url, "outlet": article.outlet,
            "title": article.title, "author": article.author, "published": article.published,
            "text": article.text, "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
            "duplicate_of": article.duplicate_of, "similar": article.similar, "story": article.story,
            # beyond the contract: paragraphs other articles carry too (syndicated copy)
            "shared_paragraphs": store.shared_paragraphs(article.id),
        }
        yield row


QUOTE_FIELDS = [
    "id", "article", "source", "kind", "text", "spans", "speaker", "speaker_id", "mention", "mention_start",
    "mention_end", "cue", "via", "said_on", "said_on_precision", "date_text", "statement", "topics",
]
PEOPLE_FIELDS = ["id", "name", "aliases", "descriptions", "quotes", "kind"]


def quote_rows(store: Store) -> Iterator[dict[str, Any]]:
    return store.iter_quotes()


def people_rows(store: Store) -> Iterator[dict[str, Any]]:
    """The people listed (`counts.LISTED_PEOPLE`, the definition every count of people uses),
    most quoted first."""
    from .counts import LISTED_PEOPLE

    for (row,) in store.db.execute(f"SELECT row FROM people WHERE {LISTED_PEOPLE} ORDER BY quotes DESC, name, id"):
        row = json.loads(row)
        yield {k: row.get(k) for k in PEOPLE_FIELDS}


STATEMENT_FIELDS = ["id", "speaker_id", "speaker", "text", "variants", "first_reported"]


def statement_rows(store: Store) -> Iterator[dict[str, Any]]:
    from ..statements import canonical_wording, differences

    for statement, quotes in store.iter_statements():
        variants = [
            {"quote": q["id"], "article": q["article"], "outlet": q["outlet"], "published": q["published"],
             "text": q["text"], "said_on": q["said_on"]}
            for q in quotes
        ]
        canonical = canonical_wording(variants)
        for v in variants:
            v["changes"] = differences(canonical, v["text"])  # beyond the contract: how the wording differs
        first = quotes[0]
        yield {
            "id": statement, "speaker_id": first["speaker_id"], "speaker": first["speaker"], "text": canonical,
            "variants": variants,
            "first_reported": {"article": first["article"], "outlet": first["outlet"], "published": first["published"]},
        }


STORY_FIELDS = ["id", "title", "articles", "outlets", "first_published", "last_published", "people"]


def story_rows(store: Store) -> Iterator[dict[str, Any]]:
    from ..stories import representative_title

    for story, articles in store.iter_stories():
        title = representative_title(articles, store.story_vectors([a["id"] for a in articles]))
        dates = [a["published"] for a in articles if a["published"]]
        yield {
            "id": story,
            "title": title,
            "articles": [a["id"] for a in articles],
            "outlets": sorted({a["outlet"] for a in articles if a["outlet"]}),
            "first_published": min(dates, default=None),
            "last_published": max(dates, default=None),
            "people": [name for name, _ in store.story_speakers(story)],
        }


TABLES = {
    "articles": (ARTICLE_FIELDS, article_rows),
    "quotes": (QUOTE_FIELDS, quote_rows),
    "people": (PEOPLE_FIELDS, people_rows),
    "statements": (STATEMENT_FIELDS, statement_rows),
    "stories": (STORY_FIELDS, story_rows),
}


def export(store: Store, directory: str | Path, fmt: str = "jsonl") -> dict[str, int]:
    """Write one file per table into `directory`; returns rows written per file.

    All files come from one snapshot of the store: one read transaction around every SELECT, so an
    export taken while a run writes never has a story naming an article, or a statement a quote,
    that the other files lack. Each file is written under a temporary name (".part") and all are
    renamed into place at the end: a reader, or a killed export, never leaves half a file under a
    real name; the .part files a killed export left are removed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (choose: {', '.join(FORMATS)})")
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name in TABLES:  # a killed export's leftovers, in any format: only files named as ours
        for kind in FORMATS:
            out.joinpath(f"{name}.{kind}.part").unlink(missing_ok=True)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    counts, written = {}, []
    try:
        with _snapshot(store):
            for name, (fields, rows) in TABLES.items():
                path = out / f"{name}.{fmt}"
                tmp = path.with_suffix(path.suffix + ".part")
                written.append((tmp, path))
                counts[path.name] = writer(tmp, fields, rows(store))
        for tmp, path in written:
            tmp.replace(path)
    finally:
        for tmp, _ in written:
            tmp.unlink(missing_ok=True)
    return counts


@contextmanager
def _snapshot(store: Store) -> Iterator[None]:
    """One read transaction on the store's connection: every SELECT inside sees the same snapshot
    (WAL readers keep theirs while a writer commits). The export functions read through `store.db`
    only, never another connection, so this covers all of them."""
    if store.db.in_transaction:  # the caller's own transaction: already one snapshot
        yield
        return
    store.db.execute("BEGIN")
    try:
        yield
    finally:
        store.db.rollback()  # nothing was written: ending the read transaction is all


def _write_jsonl(path: Path, fields: list[str], rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({k: row[k] for k in fields}, ensure_ascii=False) + "\n")
            n += 1
    return n


def _flat(value: Any) -> Any:
    """Lists and objects go into CSV cells as JSON text, so every format has the same columns."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def _write_csv(path: Path, fields: list[str], rows: Iterator[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _flat(row[k]) for k in fields})
            n += 1
    return n


def parquet_schemas():
    """The Parquet column types of each file, field for field the JSON of the contract: integers
    as int64, dates (YYYY-MM-DD) as date32, lists and objects as Arrow lists and structs, every
    column nullable. Built on demand: pyarrow is optional."""
    import pyarrow as pa

    s, day, strings = pa.string(), pa.date32(), pa.list_(pa.string())
    struct = lambda *fields: pa.struct(list(fields))  # noqa: E731
    return {
        "articles": pa.schema([
            ("id", s), ("source", s), ("url", s), ("outlet", s), ("title", s), ("author", s), ("published", day),
            ("text", s), ("removed", pa.list_(struct(("text", s), ("reason", s)))), ("duplicate_of", s),
            ("similar", pa.list_(struct(("id", s), ("score", pa.float64())))), ("story", s),
            ("shared_paragraphs", pa.list_(struct(("paragraph", pa.int64()), ("articles", strings)))),
        ]),
        "quotes": pa.schema([
            ("id", s), ("article", s), ("source", s), ("kind", s), ("text", s), ("spans", pa.list_(pa.list_(pa.int32()))),
            ("speaker", s), ("speaker_id", s), ("mention", s), ("mention_start", pa.int64()), ("mention_end", pa.int64()),
            ("cue", s), ("via", s), ("said_on", day), ("said_on_precision", s), ("date_text", s), ("statement", s),
            ("topics", strings),
        ]),
        "people": pa.schema([
            ("id", s), ("name", s), ("aliases", strings), ("descriptions", strings), ("quotes", pa.int64()), ("kind", s),
        ]),
        "statements": pa.schema([
            ("id", s), ("speaker_id", s), ("speaker", s), ("text", s),
            ("variants", pa.list_(struct(
                ("quote", s), ("article", s), ("outlet", s), ("published", day), ("text", s), ("said_on", day),
                ("changes", pa.list_(struct(("op", s), ("canonical", s), ("variant", s))))))),
            ("first_reported", struct(("article", s), ("outlet", s), ("published", day))),
        ]),
        "stories": pa.schema([
            ("id", s), ("title", s), ("articles", strings), ("outlets", strings), ("first_published", day),
            ("last_published", day), ("people", strings),
        ]),
    }


def _arrow_value(value: Any, kind) -> Any:
    """`value` from a JSON row as pyarrow takes it for `kind`: dates as `date`, nested fields alike."""
    import pyarrow as pa

    if value is None:
        return None
    if pa.types.is_date32(kind):
        from datetime import date

        return date.fromisoformat(value)
    if pa.types.is_list(kind):
        return [_arrow_value(v, kind.value_type) for v in value]
    if pa.types.is_struct(kind):
        return {kind.field(i).name: _arrow_value(value.get(kind.field(i).name), kind.field(i).type)
                for i in range(kind.num_fields)}
    return value


def _write_parquet(path: Path, fields: list[str], rows: Iterator[dict[str, Any]], chunk: int = 5000) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # optional dependency: the message says how to get it
        raise RuntimeError("Parquet export needs pyarrow: pip install 'quotetrail[parquet]'") from exc
    schema = parquet_schemas()[path.name.split(".", 1)[0]]
    assert schema.names == fields, "the Parquet schema must name the contract's fields, in order"
    types = [(field.name, field.type) for field in schema]
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append({k: _arrow_value(row[k], kind) for k, kind in types})
            if len(batch) >= chunk:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
