#!/usr/bin/env python3
"""Every stage measured on real annotated data, beside its peer, in one table (`make eval`).

    python benchmarks/eval.py [--only attribution,stories,dates,html] [--json PATH] [--keep DIR]

Runs, from the project root, what ../shared/eval holds (read at run time, nothing copied):

| stage | data | quotetrail | peer |
|---|---|---|---|
| attribution | PolNeAR dev (84 articles) | `benchmarks/quality.py` (`quotetrail run` + export) | spaCy + textacy `direct_quotations` (`benchmarks/textacy_baseline.py`) |
| stories | gun-violence local news (1,762), ECB+ topics 1-35 (772) | `quotetrail run` + export (`eval/stories/run.sh`) | TF-IDF average link at 0.8 |
| dates | TimeBank DATE expressions (659 in scope) | `dates.resolve` (`eval/dates/run.sh`) | dateparser |
| html | L3S-GN1 news pages (621) | `quotetrail run` + export (`eval/html/run.sh`); per cleaning rule, gold and junk words removed (`benchmarks/html_rules.py`) | trafilatura, `include_comments=False` |

Each stage prints its own report as it goes, then one table: per stage and set, each figure for
quotetrail, the peer, and quotetrail minus the peer (higher is better for every figure shown).
A stage whose data is absent is listed as skipped, and the script still exits 0: the evaluation
data is not part of the repository. About 10 minutes on 2 cores.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
EVAL = SHARED / "eval"
STAGES = ("attribution", "stories", "dates", "html")


@dataclass
class Row:
    stage: str
    data: str
    figure: str
    quotetrail: float | None
    peer: float | None
    peer_name: str


def _last_json(output: str) -> dict:
    """The one-line JSON summary each script ends with."""
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise ValueError("no JSON summary line in the output")


def _run(command: list[str], env: dict | None = None) -> str:
    """Run a measuring script from the project root, show its report, return its output."""
    print(f"$ {' '.join(command)}", flush=True)
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "PROJ": str(REPO), **(env or {})})
    sys.stdout.write(done.stdout)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise RuntimeError(f"{command[0]} exited with {done.returncode}")
    return done.stdout


def attribution(keep: Path) -> list[Row]:
    if not (SHARED / "polnear" / "dev").is_dir() or not (EVAL / "score_attribution.py").is_file():
        raise FileNotFoundError("polnear/dev or eval/score_attribution.py")
    ours = _last_json(_run([sys.executable, "benchmarks/quality.py", "--split", "dev", "--out", str(keep / "polnear")]))
    peer = _last_json(_run([sys.executable, "benchmarks/textacy_baseline.py", "--split", "dev"]))
    return [Row("attribution", "PolNeAR dev", f, ours[f], peer[f], "spaCy+textacy")
            for f in ("P_all", "R_all", "F1_all", "P_direct", "R_direct", "F1_direct", "speaker")]


def stories(keep: Path) -> list[Row]:
    script = EVAL / "stories" / "run.sh"
    if not script.is_file():
        raise FileNotFoundError("eval/stories")
    found = _last_json(_run(["bash", str(script)], {"KEEP": str(keep / "stories")}))
    rows = []
    for data, label in (("gva", "gun-violence news"), ("ecbplus", "ECB+ 1-35")):
        ours, peer = found[data]["quotetrail"], found[data]["baseline@0.8"]
        rows += [Row("stories", label, f, ours[f], peer[f], "TF-IDF@0.8") for f in ("b3_f1", "pair_f1", "ari", "nmi")]
    return rows


def dates(keep: Path) -> list[Row]:
    script = EVAL / "dates" / "run.sh"
    if not script.is_file():
        raise FileNotFoundError("eval/dates")
    found = _last_json(_run(["bash", str(script)]))["systems"]
    ours, peer = found["quotetrail"], found["dateparser"]
    return [Row("dates", "TimeBank", f, ours[f], peer[f], "dateparser")
            for f in ("strict", "lenient", "on_or_before_dct", "after_dct")]


def html(keep: Path) -> list[Row]:
    script = EVAL / "html" / "run.sh"
    if not script.is_file():
        raise FileNotFoundError("eval/html")
    found = _last_json(_run(["bash", str(script)], {"KEEP": str(keep / "html")}))["systems"]
    ours, peer = found["quotetrail"], found["trafilatura_nocomments"]
    # What each cleaning rule removed there: gold words (article lost) against junk words.
    _run([sys.executable, "benchmarks/html_rules.py", str(EVAL / "html" / "ground-truth.json"),
          str(keep / "html" / "qt" / "articles.jsonl")])
    return [Row("html", "L3S-GN1", f, ours[f], peer[f], "trafilatura") for f in ("precision", "recall", "f1")]


def _cell(value: float | None, width: int, sign: str = "") -> str:
    return f"{value:>{sign}{width}.3f}" if value is not None else "-".rjust(width)


def table(rows: list[Row], skipped: dict[str, str]) -> str:
    lines = [f"{'stage':<12} {'data':<18} {'figure':<17} {'quotetrail':>10} {'peer':>10} {'diff':>8}  peer",
             "-" * 92]
    for r in rows:
        diff = r.quotetrail - r.peer if r.quotetrail is not None and r.peer is not None else None
        lines.append(f"{r.stage:<12} {r.data:<18} {r.figure:<17} {_cell(r.quotetrail, 10)} {_cell(r.peer, 10)} "
                     f"{_cell(diff, 8, '+')}  {r.peer_name}")
    for stage, why in skipped.items():
        lines.append(f"{stage:<12} skipped: {why}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default=",".join(STAGES), help="comma-separated stages: " + ", ".join(STAGES))
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--keep", type=Path, help="keep the exports and predictions in this folder")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(chosen) - set(STAGES)
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(sorted(unknown))} (choose from {', '.join(STAGES)})")
    keep = args.keep or Path(tempfile.mkdtemp(prefix="quotetrail-eval-"))
    keep.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    skipped: dict[str, str] = {}
    measure = {"attribution": attribution, "stories": stories, "dates": dates, "html": html}
    for stage in chosen:
        print(f"\n== {stage} ==", flush=True)
        try:
            rows += measure[stage](keep)
        except FileNotFoundError as exc:
            skipped[stage] = f"{exc} not found under {SHARED}"
        except (RuntimeError, ValueError, KeyError) as exc:
            skipped[stage] = f"failed: {exc}"
    print("\n" + table(rows, skipped))
    if args.json:
        args.json.write_text(json.dumps({"rows": [vars(r) for r in rows], "skipped": skipped}, indent=1))
    return 1 if any(why.startswith("failed") for why in skipped.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
