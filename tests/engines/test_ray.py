"""The Ray engine gives exactly the local engine's results (a local Ray instance, 2 CPUs)."""
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ray")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = ["articles.jsonl", "quotes.jsonl", "people.jsonl", "statements.jsonl", "stories.jsonl"]


def run(tmp_path, name, *extra):
    done = subprocess.run([sys.executable, "-m", "quotetrail.cli", "run", str(EXAMPLES), "--db", str(tmp_path / f"{name}.db"),
                           "--export", str(tmp_path / name), "-q", *extra], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {f: (tmp_path / name / f).read_text(encoding="utf-8") for f in FILES}


def test_ray_engine_export_equals_local_engine_export(tmp_path):
    local = run(tmp_path, "local")
    on_ray = run(tmp_path, "ray", "--engine", "ray", "--workers", "2")
    for name in FILES:
        assert on_ray[name] == local[name], name
    assert local["quotes.jsonl"].count("\n") > 100
