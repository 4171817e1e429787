"""Issue 17, item 7: the Parquet export has typed columns, the same data as the JSON Lines export
(SPEC §3: the same columns in every format)."""
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

REPO = Path(__file__).resolve().parents[2]
TABLES = ("articles", "quotes", "people", "statements", "stories")


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    base = tmp_path_factory.mktemp("parquet")
    run = [sys.executable, "-m", "quotetrail.cli"]
    done = subprocess.run([*run, "run", str(REPO / "examples"), "--db", str(base / "e.db"), "--export",
                           str(base / "jsonl"), "-q"], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    done = subprocess.run([*run, "export", str(base / "parquet"), "--db", str(base / "e.db"), "--format", "parquet"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    return base


def test_columns_are_typed(exports):
    quotes = pq.read_schema(exports / "parquet" / "quotes.parquet")
    assert quotes.field("mention_start").type == pa.int64() and quotes.field("mention_end").type == pa.int64()
    assert quotes.field("said_on").type == pa.date32()
    assert quotes.field("spans").type == pa.list_(pa.list_(pa.int32()))
    assert quotes.field("topics").type == pa.list_(pa.string())
    assert pq.read_schema(exports / "parquet" / "people.parquet").field("quotes").type == pa.int64()
    articles = pq.read_schema(exports / "parquet" / "articles.parquet")
    assert articles.field("published").type == pa.date32()
    assert pa.types.is_struct(articles.field("removed").type.value_type)
    stories = pq.read_schema(exports / "parquet" / "stories.parquet")
    assert stories.field("first_published").type == pa.date32() and stories.field("articles").type == pa.list_(pa.string())
    for name in TABLES:
        schema = pq.read_schema(exports / "parquet" / f"{name}.parquet")
        assert all(field.nullable for field in schema), name
        assert not all(field.type == pa.string() for field in schema), name


def _as_json(value):
    """A value read from Parquet, written as the JSON export writes it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("name", TABLES)
def test_parquet_holds_the_same_data_as_json_lines(exports, name):
    rows = [json.loads(line) for line in (exports / "jsonl" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(exports / "parquet" / f"{name}.parquet")
    assert table.column_names == list(rows[0])  # the contract's columns, in its order
    assert [_as_json(r) for r in table.to_pylist()] == rows


def test_nulls_stay_null(exports):
    quotes = pq.read_table(exports / "parquet" / "quotes.parquet").to_pylist()
    assert any(q["via"] is None for q in quotes) and any(q["date_text"] is None for q in quotes)
