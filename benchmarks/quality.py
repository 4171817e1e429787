#!/usr/bin/env python3
"""Quote-attribution quality on PolNeAR (shared/polnear), scored by shared/eval/score_attribution.py.

    python benchmarks/quality.py [--split dev|train] [--out DIR] [--limit N] [--direct]

Default: the product path. `quotetrail run TEXT_DIR --db … --export OUT` (read → clean → nlp →
quotes → people → store → export) on the split's text folder, then the scorer on OUT/quotes.jsonl
with --articles OUT/articles.jsonl (exported offsets are mapped back to the original files).

--direct: the in-process path. Each file's text is parsed as is (only paragraphs that may hold a
statement, plus neighbours), quotes are extracted and speakers resolved, and the quotes are written
with offsets into the original text. It isolates the quote and speaker rules from reading and
cleaning; the difference between the two figures is what reading and cleaning cost.

The scorer finds exported spans in the original files by their text, which is exact for content but
puts a short mention ("he", "Trump") at its first occurrence in the file; the product path is also
scored after mapping every exported offset onto the original through aligned words ("aligned"
figures), which measures the speaker as the direct path does.

--limit N scores the first N files against their own annotations only (a gold folder of links),
so recall is not diluted by the files that were not run. Prints the figures; JSON on the last line.
"""
from __future__ import annotations

import argparse
import bisect
import difflib
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SCORER = SHARED / "eval" / "score_attribution.py"
FIGURES = ("P_all", "R_all", "F1_all", "P_direct", "R_direct", "F1_direct", "speaker")


def _gold_subset(gold: Path, files: list[Path], into: Path) -> Path:
    """A gold folder holding only `files` and their annotations (symbolic links, nothing copied)."""
    (into / "text").mkdir(parents=True, exist_ok=True)
    (into / "attributions").mkdir(parents=True, exist_ok=True)
    stems = {f.stem for f in files}
    for f in files:
        (into / "text" / f.name).symlink_to(f)
    for ann in (gold / "attributions").glob("*.ann"):
        if ann.stem.rsplit("_", 1)[0] in stems:
            (into / "attributions" / ann.name).symlink_to(ann)
    return into


def _score(gold: Path, quotes: Path, articles: Path | None) -> dict:
    extra = ["--articles", str(articles)] if articles is not None else []
    res = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(quotes), "--json"] + extra,
        capture_output=True, text=True, check=True,
    )
    return json.loads(res.stdout.strip().splitlines()[-1])


_WORD = re.compile(r"\w+")


def _aligner(exported: str, original: str):
    """Offset map from the exported text to the original file, through aligned word tokens (the
    cleaner drops the title line and normalises spaces and blank lines, so offsets shift)."""
    a = [(m.start(), m.group()) for m in _WORD.finditer(exported)]
    b = [(m.start(), m.group()) for m in _WORD.finditer(original)]
    pairs = []
    for block in difflib.SequenceMatcher(None, [w for _, w in a], [w for _, w in b], autojunk=False).get_matching_blocks():
        pairs += [(a[block.a + k][0], b[block.b + k][0]) for k in range(block.size)]
    starts = [x for x, _ in pairs]

    def to_original(offset: int) -> int:
        k = bisect.bisect_right(starts, offset) - 1
        if k < 0:
            return offset
        return pairs[k][1] + (offset - pairs[k][0])

    return to_original


def _aligned_copy(quotes: Path, articles: Path) -> Path:
    """quotes.jsonl with every offset moved into the original file, so that the scorer uses offsets
    instead of looking short mentions ("he") up by text, which finds their first occurrence."""
    texts = {}
    for line in articles.open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            texts[str(row["id"])] = (row["source"], row.get("text") or "")
    maps: dict[str, tuple[str, object]] = {}
    out = quotes.with_name("quotes_aligned.jsonl")
    with out.open("w", encoding="utf-8") as fo:
        for line in quotes.open(encoding="utf-8"):
            if not line.strip():
                continue
            q = json.loads(line)
            aid = str(q["article"])
            if aid not in maps:
                source, text = texts[aid]
                maps[aid] = (source, _aligner(text, Path(source).read_text(encoding="utf-8")))
            source, f = maps[aid]
            q["spans"] = [[f(s), f(e - 1) + 1] for s, e in q["spans"]]
            if q.get("mention_start") is not None and q.get("mention_end") is not None:
                q["mention_start"], q["mention_end"] = f(q["mention_start"]), f(q["mention_end"] - 1) + 1
            q["source"] = source
            fo.write(json.dumps(q, ensure_ascii=False) + "\n")
    return out


def _run_product(text_dir: Path, out: Path) -> tuple[Path, Path, int]:
    """`quotetrail run` into a fresh store, exported as JSON Lines."""
    export = out / "export"
    db = out / "quality.db"
    for stale in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        stale.unlink(missing_ok=True)
    cli = Path(sys.executable).with_name("quotetrail")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "quotetrail.cli"]
    done = subprocess.run(command + ["run", str(text_dir), "--db", str(db), "--export", str(export), "--quiet"],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"error: quotetrail run failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
    quotes = export / "quotes.jsonl"
    n = sum(1 for line in quotes.open(encoding="utf-8") if line.strip()) if quotes.exists() else 0
    return quotes, export / "articles.jsonl", n


def _run_direct(files: list[Path], out: Path) -> tuple[Path, Path, int]:
    """Extraction and in-article speakers on each original text, without reading or cleaning."""
    from quotetrail import nlp as qnlp
    from quotetrail.people import resolve_article
    from quotetrail.quotes import curly_singles, extract, may_hold_statement

    texts = [f.read_text(encoding="utf-8") for f in files]
    nlp = qnlp.load()
    n = 0
    quotes_path, articles_path = out / "quotes.jsonl", out / "articles.jsonl"
    with open(quotes_path, "w", encoding="utf-8") as fq, open(articles_path, "w", encoding="utf-8") as fa:
        for path, text, doc in zip(files, texts, qnlp.parse(nlp, texts, only=may_hold_statement, model_text=curly_singles)):
            aid = path.stem
            quotes = extract(doc, aid)
            resolve_article(doc, quotes, aid)  # sets quote.speaker in place
            for q in quotes:
                row = asdict(q)
                row["source"] = str(path)
                row["spans"] = [list(s) for s in q.spans]
                fq.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
            fa.write(json.dumps({"id": aid, "source": str(path), "text": text}, ensure_ascii=False) + "\n")
    return quotes_path, articles_path, n


def run(split: str, out: Path, limit: int | None = None, direct: bool = False) -> dict:
    gold = SHARED / "polnear" / split
    if not gold.is_dir() or not SCORER.is_file():
        raise SystemExit(f"error: evaluation data not found at {SHARED} (need polnear/{split} and eval/)")
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((gold / "text").glob("*.txt"))
    text_dir = gold / "text"
    if limit is not None and limit < len(files):
        files = files[:limit]
        subset = Path(tempfile.mkdtemp(prefix="gold-", dir=out))
        gold = _gold_subset(gold, files, subset)
        text_dir = gold / "text"
    t0 = time.perf_counter()
    quotes, articles, n = _run_direct(files, out) if direct else _run_product(text_dir, out)
    seconds = time.perf_counter() - t0
    figures = _score(gold, quotes, articles)
    if not direct:
        aligned = _score(gold, _aligned_copy(quotes, articles), None)  # offsets are the files' own now
        figures.update({f"{k}_aligned": aligned[k] for k in FIGURES})
    figures.update(split=split, path="direct" if direct else "product", seconds=round(seconds, 1), quotes=n,
                   output=str(quotes.parent))
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--direct", action="store_true", help="in-process extraction on the original texts")
    a = ap.parse_args(argv)
    out = a.out or Path(tempfile.mkdtemp(prefix="quotetrail-quality-"))
    figures = run(a.split, out, a.limit, a.direct)
    print(f"{a.split} ({figures['path']} path, {figures['articles']} articles, {figures['seconds']} s)")
    for key in FIGURES:
        aligned = figures.get(f"{key}_aligned")
        print(f"{key:10} {figures[key]:.3f}" + (f"   aligned {aligned:.3f}" if aligned is not None else ""))
    print(f"output in {figures['output']}")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
