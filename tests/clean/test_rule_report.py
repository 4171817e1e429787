"""`benchmarks/html_rules.py`: what each cleaning rule removed, as gold words against junk words."""
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("html_rules", REPO / "benchmarks" / "html_rules.py")
html_rules = importlib.util.module_from_spec(spec)
spec.loader.exec_module(html_rules)

BODY = "The harbour council of Orsa voted on Monday to close the old bridge for repairs until spring."


def test_gold_junk_and_second_copies_are_counted_per_rule():
    gold = {"p1": {"articleBody": f"{BODY}\n{BODY}"}}  # the page prints its body twice; both marked
    article = {"source": "pages/p1.html.gz", "text": BODY, "removed": [
        {"reason": "repeat:body", "text": BODY},
        {"reason": "boilerplate:share", "text": "Share on Facebook"},
    ]}
    table = html_rules.rule_report(gold, [article])
    words = len(BODY.split())
    assert table["repeat:body"] == {"lines": 1, "gold": words, "junk": 0, "pages": 1, "gold_copies_of_kept": words}
    assert table["boilerplate:share"]["junk"] == 3 and table["boilerplate:share"]["gold"] == 0


def test_a_removed_line_the_gold_holds_once_and_the_text_keeps_is_junk():
    gold = {"p1": {"articleBody": BODY}}
    article = {"source": "p1.html", "text": BODY, "removed": [{"reason": "repeat", "text": BODY}]}
    row = html_rules.rule_report(gold, [article])["repeat"]
    assert row["gold"] == 0 and row["junk"] == len(BODY.split())
