"""PolNeAR dev quality gate on the product path (`quotetrail run` + export), reading ../shared at run
time; skipped when it is absent. The targets are the issue's, kept below the measured figures on
purpose: the margin is what lets rules change without the gate flapping."""
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
SHARED = REPO / ".." / "shared"
# The scorer's own figures on the exported files, as a user would measure them: issue 14's targets
# (docs/quality.md has the figures measured against them).
TARGETS = {"F1_direct": 0.89, "F1_all": 0.70, "speaker": 0.95, "P_all": 0.82}

pytestmark = pytest.mark.skipif(
    not (SHARED / "polnear" / "dev").is_dir() or not (SHARED / "eval" / "score_attribution.py").is_file(),
    reason="shared/polnear or shared/eval not available",
)


def test_dev_quality_meets_targets(tmp_path):
    spec = importlib.util.spec_from_file_location("quality", REPO / "benchmarks" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    figures = quality.run("dev", tmp_path)
    assert figures["articles"] == 84
    low = {k: figures[k] for k, target in TARGETS.items() if figures[k] < target}
    assert not low, f"below target {TARGETS}: {figures}"
