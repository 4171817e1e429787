"""Coverage-guided fuzzing of read → clean → quotes with atheris.

    .venv/bin/python benchmarks/fuzz.py [SECONDS] [-- atheris/libFuzzer flags]

Each input's first byte picks the reader (html / text / JSON record); the rest is the document.
A run passes when every input ends as an Article (then cleaned, parsed and searched for quotes)
or as read.BadInput with a one-line reason; anything else is a crash, saved by libFuzzer as
crash-* in the working folder. libFuzzer's last line says the inputs run ("Done N runs in S second(s)");
a crash stops the run with the traceback and the input.
"""
from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["quotetrail"]):
    from quotetrail import clean, nlp, quotes, read
    from quotetrail.model import RawDocument

MODEL = nlp.load()
KINDS = ("html", "text", "record")
stats = {"inputs": 0, "articles": 0, "bad": 0, "quotes": 0}


def one_input(data: bytes) -> None:
    stats["inputs"] += 1
    if not data:
        return
    kind, body = KINDS[data[0] % 3], data[1:]
    if kind == "record":
        try:
            record = json.loads(body)
        except (ValueError, RecursionError):
            record = {"text": body.decode("utf-8", "surrogateescape")}
        if not isinstance(record, dict):
            record = {"text": str(record)}
        doc = RawDocument("fuzz.jsonl#0", "record", record)
    else:
        doc = RawDocument("fuzz." + kind, kind, body)
    try:
        article = read.parse(doc)
    except read.BadInput as exc:
        assert str(exc) and "\n" not in str(exc), repr(exc)
        stats["bad"] += 1
        return
    article = clean.clean_article(article)
    stats["articles"] += 1
    text = article.text.encode("utf-8", "replace").decode("utf-8")
    if text.strip() and len(text) < 100_000:
        parsed = next(nlp.parse(MODEL, [text], only=quotes.may_hold_statement, model_text=quotes.curly_singles))
        stats["quotes"] += len(quotes.extract(parsed, article.id))


def main() -> None:
    seconds = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 60
    extra = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", "-max_len=4096", "-timeout=20", *extra], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
