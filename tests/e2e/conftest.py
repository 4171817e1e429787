import json
from pathlib import Path

import pytest

from .helpers import EXAMPLES, quotetrail


@pytest.fixture(scope="session")
def examples_run(tmp_path_factory):
    """The sample corpus run once through the CLI: (db path, export folder, completed process)."""
    base = tmp_path_factory.mktemp("examples")
    db, out = base / "e.db", base / "out"
    done = quotetrail("run", EXAMPLES, "--db", db, "--export", out, "--summary", base / "summary.json")
    assert done.returncode == 0, done.stderr
    return db, out, json.loads((base / "summary.json").read_text())


@pytest.fixture(scope="session")
def expected():
    return json.loads((Path(__file__).parent / "examples_expected.json").read_text(encoding="utf-8"))
