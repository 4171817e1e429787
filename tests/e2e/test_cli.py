"""User mistakes get one clear line and a usage exit code, never a traceback."""
import json

from .helpers import EXAMPLES, quotetrail


def test_usage_mistakes_exit_2_with_one_line(tmp_path):
    for args in (["export", tmp_path / "out", "--db", tmp_path / "none.db"],
                 ["run", EXAMPLES / "jsonl", "--db", tmp_path / "s.db", "--format", "xml"],
                 ["run", EXAMPLES / "jsonl", "--db", tmp_path / "s.db", "--workers", "0"],
                 ["run", EXAMPLES / "jsonl", "--db", tmp_path / "s.db", "--engine", "spark"]):
        done = quotetrail(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.strip().startswith("error:")


def test_a_store_that_is_not_a_database_fails_cleanly(tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_text("not a database " * 200)
    done = quotetrail("run", EXAMPLES / "jsonl", "--db", bogus)
    assert done.returncode == 1 and "not a usable quotetrail database" in done.stderr
    assert "Traceback" not in done.stderr


def test_stdin_and_export_formats(tmp_path):
    record = json.dumps({"text": "The mayor said the port would reopen on Monday after the strike ended.",
                         "title": "Port to reopen", "url": "https://v.example/a", "published": "2025-03-02"})
    done = quotetrail("run", "-", "--db", tmp_path / "s.db", stdin=record + "\n")
    assert done.returncode == 0, done.stderr
    for fmt in ("jsonl", "csv", "parquet"):
        assert quotetrail("export", tmp_path / fmt, "--db", tmp_path / "s.db", "--format", fmt).returncode == 0
    row = json.loads((tmp_path / "jsonl" / "articles.jsonl").read_text())
    assert (row["title"], row["published"], row["outlet"]) == ("Port to reopen", "2025-03-02", "v.example")
    header = (tmp_path / "csv" / "articles.csv").read_text().splitlines()[0].split(",")
    assert header[:3] == ["id", "source", "url"]
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "parquet" / "articles.parquet").column("title").to_pylist() == ["Port to reopen"]
    listed = quotetrail("articles", "--db", tmp_path / "s.db", "--format", "json")
    assert json.loads(listed.stdout.splitlines()[0])["title"] == "Port to reopen"
    found = quotetrail("articles", "--db", tmp_path / "s.db", "--search", "reopen", "--format", "json")
    assert json.loads(found.stdout.splitlines()[0])["title"] == "Port to reopen"


def test_an_internal_bug_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    import sys

    import pytest

    from quotetrail import cli, pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline, "run", broken)
    monkeypatch.setattr(sys, "argv", ["quotetrail", "run", str(EXAMPLES / "jsonl"), "--db", str(tmp_path / "s.db")])
    monkeypatch.delenv("QUOTETRAIL_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    message = capsys.readouterr().err
    assert "internal error: RuntimeError: stage exploded" in message and "Traceback" not in message
