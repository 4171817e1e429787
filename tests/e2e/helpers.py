import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


def read_jsonl(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def quotetrail(*args, cwd=None, stdin=None):
    """Run the CLI as a user would; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "quotetrail.cli", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, input=stdin, timeout=300)
