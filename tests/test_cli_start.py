"""`quotetrail run` starts its workers before typer parses the arguments (`cli.start_workers_early`),
with the decisions `run` itself makes: only when the local engine has more than one worker and the
INPUTs hold more than one batch, and with the run's article time limit in the workers' environment."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrail import cli, engines
from quotetrail.engines.local import LocalEngine
from quotetrail.read.limits import ARTICLE_SECONDS_ENV

REPO = Path(__file__).resolve().parents[1]
PORTS = ["Alder", "Brisk", "Cobble", "Dunmere", "Eskvale", "Farrow", "Gillan", "Holt"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def story(i: int) -> str:
    port, day = PORTS[i % len(PORTS)], DAYS[i // len(PORTS) % len(DAYS)]
    return (f"{port} port reopens\n\nThe harbourmaster of {port}, Wenna Tolle, said on Friday that the port would "
            f"reopen on {day}, after the storm of week {i}.\n")


@pytest.fixture
def started(monkeypatch):
    """The worker counts of the engines whose workers were started; nothing is started for real."""
    calls: list[int] = []
    monkeypatch.setattr(LocalEngine, "prepare", lambda self: calls.append(self.workers))
    monkeypatch.setattr(engines, "available_cores", lambda: 2)
    monkeypatch.delenv(ARTICLE_SECONDS_ENV, raising=False)
    monkeypatch.setattr(cli, "_counted_early", {})
    return calls


def folder(tmp_path: Path, files: int) -> str:
    base = tmp_path / f"in{files}"
    base.mkdir()
    for i in range(files):
        (base / f"{i}.txt").write_text(story(i), encoding="utf-8")
    return str(base)


def test_a_run_of_several_batches_starts_its_workers_before_the_parse(tmp_path, started):
    inputs = folder(tmp_path, 40)
    cli.start_workers_early(["run", inputs, "--db", str(tmp_path / "s.db"), "-q"])
    assert started == [2]
    assert cli._counted_early == {(inputs,): 40}
    assert os.environ[ARTICLE_SECONDS_ENV] == "60.0"  # the workers' forkserver inherits run's default limit


def test_run_takes_the_early_count_instead_of_counting_again(tmp_path, started, monkeypatch):
    inputs = folder(tmp_path, 40)
    cli.start_workers_early(["run", inputs, "--max-article-seconds=5"])
    monkeypatch.setattr(cli, "count_inputs", lambda given: pytest.fail("counted twice"))
    executor, total = cli.start_engine("local", workers=None, address=None, inputs=[inputs], batch_size=32,
                                       max_article_seconds=5.0)
    assert total == 40 and executor.workers == 2
    assert started == [2, 2]  # run's own start finds them running (`prepare` is idempotent)
    assert cli._counted_early == {}
    assert os.environ[ARTICLE_SECONDS_ENV] == "5.0"


@pytest.mark.parametrize("extra", [
    ["--workers", "1"],
    ["--workers=1"],
    ["--engine", "ray"],
    ["--batch-size", "64"],  # 40 articles: one batch, parsed in this process
    ["--help"],
    ["--workers", "two"],  # a usage mistake: `run` reports it
    ["--no-such-option"],
    ["--batch-size", "0"],
])
def test_nothing_starts_when_run_would_not_start_workers(tmp_path, started, extra):
    cli.start_workers_early(["run", folder(tmp_path, 40), *extra])
    assert started == []


def test_nothing_starts_for_one_batch_or_other_commands(tmp_path, started):
    cli.start_workers_early(["run", folder(tmp_path, 10)])
    cli.start_workers_early(["articles", folder(tmp_path, 41)])
    cli.start_workers_early(["run"])
    cli.start_workers_early([])
    assert started == []


def test_an_explicit_worker_count_is_the_one_started(tmp_path, started):
    cli.start_workers_early(["run", "--workers", "3", folder(tmp_path, 40)])
    assert started == [3]


def test_a_run_of_several_batches_from_the_command_line_stores_them_all(tmp_path):
    inputs = folder(tmp_path, 40)
    done = subprocess.run([sys.executable, "-m", "quotetrail.cli", "run", inputs, "--db", str(tmp_path / "s.db"),
                           "--workers", "2", "--batch-size", "16", "--summary", str(tmp_path / "sum.json")],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads((tmp_path / "sum.json").read_text())
    assert summary["articles"] == 40 and summary["quotes"] >= 40, summary
