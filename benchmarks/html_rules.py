#!/usr/bin/env python3
"""What each cleaning rule removed on an annotated set: gold words (article text lost) against junk
words (boilerplate removed), so a rule that costs more than it gains shows up.

    python benchmarks/html_rules.py GROUND_TRUTH.json ARTICLES.jsonl [--json]

`ARTICLES.jsonl` is quotetrail's export (each article's `removed` lists the lines a rule took out,
with the rule's reason); `GROUND_TRUTH.json` the annotators' text per page (`articleBody`), keyed
by the page file's name as in `eval/html/score.py`. A removed word counts as gold when it sits in
an n-gram (4 words, or the whole line when shorter) that the gold text holds and the kept text does
not already account for (multisets, so one copy of a paragraph the gold has once is gold, a second
copy junk). Standard library only.

A column apart counts the gold words of removed lines that the kept text already holds word for
word: a second copy of a paragraph that stays in the article (a page that prints its body twice,
where the annotators marked both copies as article). They are gold by the annotation and are
counted as such; the column only says where a rule's cost is of that kind.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

_TOKEN = re.compile(r"\w+")
N = 4


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(text or "")]


def ngrams(toks: list[str], n: int) -> Counter:
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def page_id(source: str) -> str:
    name = Path(source).name
    for suffix in (".gz", ".html", ".htm"):
        name = name.removesuffix(suffix)
    return name


def gold_words(removed: str, available: dict[int, Counter]) -> int:
    """How many words of `removed` the gold text holds (consuming the n-grams it matched)."""
    toks = tokens(removed)
    if not toks:
        return 0
    n = min(N, len(toks))
    pool = available[n]
    covered = [False] * len(toks)
    for i in range(len(toks) - n + 1):
        gram = tuple(toks[i:i + n])
        if pool[gram] > 0:
            pool[gram] -= 1
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered)


def rule_report(gold: dict, articles: list[dict]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(
        lambda: {"lines": 0, "gold": 0, "junk": 0, "pages": 0, "gold_copies_of_kept": 0})
    for article in articles:
        entry = gold.get(page_id(article.get("source", "")))
        if entry is None:
            continue
        body = entry["articleBody"] if isinstance(entry, dict) else entry
        gold_toks, kept_toks = tokens(body), tokens(article.get("text", ""))
        available = {n: ngrams(gold_toks, n) - ngrams(kept_toks, n) for n in range(1, N + 1)}
        kept_joined = f" {' '.join(kept_toks)} "
        seen_rules = set()
        for removal in article.get("removed", []):
            row = table[removal["reason"]]
            n_words = len(tokens(removal["text"]))
            hit = gold_words(removal["text"], available)
            row["lines"] += 1
            row["gold"] += hit
            if hit and f" {' '.join(tokens(removal['text']))} " in kept_joined:
                row["gold_copies_of_kept"] += hit
            row["junk"] += n_words - hit
            if removal["reason"] not in seen_rules:
                row["pages"] += 1
                seen_rules.add(removal["reason"])
    return dict(table)


def format_table(table: dict[str, dict[str, int]]) -> str:
    rows = ["| rule (reason) | pages | lines | gold words removed | of which copies of kept text |"
            " junk words removed | junk - gold |",
            "|---|---|---|---|---|---|---|"]
    for reason, row in sorted(table.items(), key=lambda kv: -(kv[1]["gold"] + kv[1]["junk"])):
        flag = " **costs more than it gains**" if row["gold"] > row["junk"] else ""
        rows.append(f"| `{reason}` | {row['pages']} | {row['lines']} | {row['gold']} | {row['gold_copies_of_kept']} |"
                    f" {row['junk']} | {row['junk'] - row['gold']}{flag} |")
    total_gold = sum(r["gold"] for r in table.values())
    total_junk = sum(r["junk"] for r in table.values())
    copies = sum(r["gold_copies_of_kept"] for r in table.values())
    rows.append(f"| all | | {sum(r['lines'] for r in table.values())} | {total_gold} | {copies} | {total_junk} | "
                f"{total_junk - total_gold} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold")
    parser.add_argument("articles")
    parser.add_argument("--json", action="store_true", help="end with a one-line JSON of the table")
    args = parser.parse_args(argv)
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    with open(args.articles, encoding="utf-8") as fh:
        articles = [json.loads(line) for line in fh if line.strip()]
    table = rule_report(gold, articles)
    print(format_table(table))
    losing = sorted(r for r, row in table.items() if row["gold"] > row["junk"])
    print(f"rules removing more gold words than junk words: {', '.join(losing) if losing else 'none'}")
    beyond_copies = sorted(r for r, row in table.items() if row["gold"] - row["gold_copies_of_kept"] > row["junk"])
    print("... not counting second copies of text the article keeps:"
          f" {', '.join(beyond_copies) if beyond_copies else 'none'}")
    if args.json:
        print(json.dumps({"rules": table, "losing": losing, "losing_beyond_copies": beyond_copies}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
