"""Issue 17, items 3 to 5: careless input is refused in one line with the right exit code, the
progress bar knows its total, and `--help` reads like the README."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
STORY = "Port reopens\n\nThe harbourmaster, Wenna Tolle, said on Friday that the port would reopen on Monday.\n"


def quotetrail(*args, cwd=REPO, stdin=None):
    return subprocess.run([sys.executable, "-m", "quotetrail.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, input=stdin, timeout=300)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("input")
    (base / "port.txt").write_text(STORY, encoding="utf-8")
    done = quotetrail("run", base / "port.txt", "--db", base / "s.db", "--published", "2025-03-07")
    assert done.returncode == 0, done.stderr
    return base / "s.db"


def one_error_line(done) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "Traceback" not in done.stderr, done.stderr
    assert done.stdout == ""
    return lines[0]


@pytest.mark.parametrize("args, valid", [
    (["quotes", "--kind", "quoted"], ["direct", "mixed", "indirect"]),
    (["quotes", "--format", "xml"], ["table", "json", "csv"]),
    (["people", "--format", "yaml"], ["table", "json", "csv"]),
    (["stories", "--format", "html"], ["table", "json", "csv"]),
    (["articles", "--format", "tsv"], ["table", "json", "csv"]),
    (["timeline", "Tolle", "--format", "md"], ["table", "json", "csv"]),
    (["export", "out", "--format", "xml"], ["jsonl", "csv", "parquet"]),
    (["run", "examples/jsonl", "--format", "xml"], ["jsonl", "csv", "parquet"]),
    (["run", "examples/jsonl", "--engine", "spark"], ["local", "ray"]),
])
def test_a_value_outside_the_choices_is_one_line_naming_the_valid_ones(db, tmp_path, args, valid):
    line = one_error_line(quotetrail(*args, "--db", db, cwd=REPO))
    assert all(v in line for v in valid), line
    assert not (tmp_path / "out").exists()


def test_other_usage_mistakes_are_one_line_too(db):
    assert "--limit" in one_error_line(quotetrail("quotes", "--db", db, "--limit", "many"))
    assert "--bogus" in one_error_line(quotetrail("quotes", "--db", db, "--bogus"))
    assert "frobnicate" in one_error_line(quotetrail("frobnicate"))
    assert "Missing argument" in one_error_line(quotetrail("timeline", "--db", db))


def test_a_valid_choice_still_filters(db):
    kinds = {line.split("\t")[1] for line in quotetrail("quotes", "--db", db, "--kind", "indirect").stdout.splitlines()[1:]}
    assert kinds == {"indirect"}


def test_a_run_over_inputs_that_do_not_exist_exits_2_and_creates_no_store(tmp_path):
    store = tmp_path / "new.db"
    line = one_error_line(quotetrail("run", tmp_path / "artciles", tmp_path / "nope/*.html", "--db", store))
    assert "artciles" in line and "nope/*.html" in line
    assert not any(tmp_path.glob("new.db*"))


def test_a_missing_input_beside_a_real_one_is_skipped_as_before(tmp_path):
    (tmp_path / "port.txt").write_text(STORY, encoding="utf-8")
    done = quotetrail("run", tmp_path / "port.txt", tmp_path / "missing.txt", "--db", tmp_path / "s.db")
    assert done.returncode == 0, done.stderr
    assert "missing.txt: no such file or directory" in done.stderr


@pytest.mark.parametrize("content", [{}, {"README.md": "# notes\n", "logo.png": "x"}, {"empty.txt": ""}])
def test_a_run_that_reads_nothing_says_so_and_exits_1(tmp_path, content):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in content.items():
        (folder / name).write_text(text)
    done = quotetrail("run", folder, "--db", tmp_path / "s.db", "--summary", tmp_path / "summary.json")
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: no article was read from")
    assert "articles read" not in done.stderr  # no table of zeros
    assert (tmp_path / "summary.json").exists() == ("empty.txt" in content)  # a run that read, and skipped
    if "empty.txt" in content:
        assert "empty.txt: empty file" in done.stderr
    else:  # no article file at all: known before a store is made
        assert not any(tmp_path.glob("s.db*"))


def test_a_rerun_of_unchanged_inputs_is_not_reading_nothing(tmp_path):
    (tmp_path / "port.txt").write_text(STORY, encoding="utf-8")
    for _ in range(2):
        done = quotetrail("run", tmp_path / "port.txt", "--db", tmp_path / "s.db")
        assert done.returncode == 0, done.stderr


def test_inputs_are_counted_ahead_cheaply(tmp_path):
    from quotetrail.cli import count_inputs

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / "a" / "one.txt").write_text(STORY)
    (tmp_path / "a" / "deep" / "two.html").write_text("<p>x</p>")
    (tmp_path / "a" / "dump.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n\n{"text": "c"}')  # 3 records
    (tmp_path / "a" / "README.md").write_text("not an article")
    (tmp_path / "a" / ".hidden.txt").write_text(STORY)
    (tmp_path / "a" / "manifest.csv").write_text("file,title\none.txt,One\n")
    assert count_inputs([str(tmp_path / "a")]) == 6  # one.txt, two.html, dump.jsonl's lines (the blank one too)
    assert count_inputs([str(tmp_path / "a" / "*.txt"), "-"]) == 2
    assert count_inputs([str(tmp_path / "nowhere")]) == 0
    assert count_inputs([str(tmp_path / "a" / "README.md")]) == 1  # named, it is read like any file
    os.mkfifo(tmp_path / "a" / "pipe.jsonl")  # never opened to be counted: it would wait for a writer
    os.mkfifo(tmp_path / "named.jsonl")
    assert count_inputs([str(tmp_path / "a"), str(tmp_path / "named.jsonl")]) == 8


def test_the_progress_bar_shows_the_total_rate_and_time_left(tmp_path):
    import pty

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(STORY.replace("Friday", ["Monday", "Tuesday", "Wednesday", "Thursday",
                                                                  "Saturday"][n]))
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "quotetrail.cli", "run", str(folder), "--db", str(tmp_path / "s.db"),
                             "--batch-size", "1"], cwd=REPO, stdout=follower, stderr=follower,
                            env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=300) == 0
    os.close(leader)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    assert "/5" in shown and "/?" not in shown, shown  # the total, known before the first batch
    assert "docs/s" in shown and "left" in shown


def test_help_has_no_type_placeholders_and_names_what_the_readme_names():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    usage = readme[readme.index("```sh\nquotetrail run"):]
    usage = usage[:usage.index("```", 5)]
    commands = {}
    command = None
    for line in usage.splitlines()[1:]:
        words = line.split()
        if words and words[0] == "quotetrail":
            command = words[1]
        commands.setdefault(command, set()).update(re.findall(r"--[a-z-]+", line))
    assert set(commands) == {"run", "quotes", "people", "timeline", "stories", "articles", "export", "serve"}
    for command, options in commands.items():
        shown = quotetrail(command, "--help").stdout
        assert "<bool>" not in shown and "<str>" not in shown and "<path>" not in shown and "list[" not in shown, shown
        assert "--db FILE" in shown
        for option in options:
            assert re.search(rf"{option}\b", shown), (command, option)
    run_help = quotetrail("run", "--help").stdout
    for written in ("--export DIR", "--format <jsonl|csv|parquet>", "--workers N", "--engine <local|ray>",
                    "--published YYYY-MM-DD", "-q, --quiet"):
        assert written in run_help, written
    assert "--kind <direct|mixed|indirect>" in quotetrail("quotes", "--help").stdout
