#!/usr/bin/env python3
"""Quote-attribution quality on PolNeAR (shared/polnear), scored by shared/eval/score_attribution.py.

    python benchmarks/quality.py [--split dev|train] [--out DIR] [--limit N]

Parses only paragraphs that may hold a statement (plus their neighbours), extracts quotes,
resolves speakers when `quotetrail.people` provides `resolve_article`, writes quotes.jsonl and
articles.jsonl into --out, runs the scorer and prints its figures (JSON on the last line).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
def run(split: str, out: Path, limit: int | None = None) -> dict:
    gold = SHARED / "polnear" / split
    scorer = SHARED / "eval" / "score_attribution.py"
    if not gold.is_dir() or not scorer.is_file():
        raise SystemExit(f"error: evaluation data not found at {SHARED} (need polnear/{split} and eval/)")
    from quotetrail import nlp as qnlp
    from quotetrail.quotes import extract, may_hold_statement

    try:
        from quotetrail.people import resolve_article
    except ImportError:
        resolve_article = None

    files = sorted((gold / "text").glob("*.txt"))[:limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    nlp = qnlp.load()
    n_quotes = 0
    with open(out / "quotes.jsonl", "w", encoding="utf-8") as fq, open(out / "articles.jsonl", "w", encoding="utf-8") as fa:
        for path, text, doc in zip(files, texts, qnlp.parse(nlp, texts, only=may_hold_statement)):
            aid = path.stem
            quotes = extract(doc, aid)
            if resolve_article is not None:
                try:
                    resolve_article(doc, quotes, aid)  # sets quote.speaker in place
                except Exception as exc:  # a resolver bug must not hide extraction figures
                    print(f"warning: resolve_article failed on {path.name}: {exc}", file=sys.stderr)
            for q in quotes:
                row = asdict(q)
                row["source"] = str(path)
                row["spans"] = [list(s) for s in q.spans]
                fq.write(json.dumps(row, ensure_ascii=False) + "\n")
                n_quotes += 1
            fa.write(json.dumps({"id": aid, "source": str(path), "text": text}, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - t0
    res = subprocess.run(
        [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(out / "quotes.jsonl"),
         "--articles", str(out / "articles.jsonl"), "--json"],
        capture_output=True, text=True, check=True,
    )
    figures = json.loads(res.stdout.strip().splitlines()[-1])
    figures.update(split=split, seconds=round(seconds, 1), quotes=n_quotes,
                   resolver=resolve_article is not None)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args(argv)
    out = a.out or Path(tempfile.mkdtemp(prefix="quotetrail-quality-"))
    figures = run(a.split, out, a.limit)
    for key in ("P_all", "R_all", "F1_all", "P_direct", "R_direct", "F1_direct", "speaker"):
        print(f"{key:10} {figures[key]:.3f}")
    print(f"output in {out}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
