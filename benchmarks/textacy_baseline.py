"""The peer baseline on PolNeAR: spaCy's full pipeline plus textacy's `direct_quotations`, scored
with the same scorer as quotetrail (`python benchmarks/textacy_baseline.py [--split dev]`).

Needs ../shared (PolNeAR and the scorer); nothing from it is written into the repository.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev")
    args = parser.parse_args(argv)
    gold = SHARED / "polnear" / args.split
    if not gold.is_dir():
        print(f"error: {gold} not found (PolNeAR lives in ../shared)", file=sys.stderr)
        return 1
    from textacy.extract.triples import direct_quotations

    from quotetrail import nlp

    model = nlp.load()
    files = sorted((gold / "text").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    out = Path(tempfile.mkdtemp(prefix="textacy-baseline-"))
    started = time.perf_counter()
    with open(out / "quotes.jsonl", "w", encoding="utf-8") as quotes:
        failed = 0
        for path, doc in zip(files, model.pipe(texts, batch_size=16)):
            try:
                found = list(direct_quotations(doc))
            except ValueError:  # textacy refuses texts with an unbalanced quotation mark
                failed += 1
                found = []
            for n, q in enumerate(found):
                content = q.content
                speaker = q.speaker[0] if q.speaker else None
                row = {"id": f"{path.stem}-{n}", "source": str(path), "kind": "direct", "text": content.text,
                       "spans": [[content.start_char, content.end_char]],
                       "mention": " ".join(t.text for t in q.speaker) if q.speaker else None,
                       "mention_start": speaker.idx if speaker is not None else None,
                       "mention_end": speaker.idx + len(speaker.text) if speaker is not None else None}
                quotes.write(json.dumps(row) + "\n")
    seconds = time.perf_counter() - started
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score_attribution.py"), "--gold", str(gold),
                             "--pred", str(out / "quotes.jsonl"), "--json"], capture_output=True, text=True, check=True)
    figures = json.loads(scored.stdout)
    figures.update(split=args.split, seconds=round(seconds, 1), articles_per_second=round(len(files) / seconds, 2),
                   textacy_refused=failed)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
