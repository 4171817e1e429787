"""`quotetrail run --published YYYY-MM-DD --outlet NAME` for a folder whose files carry neither
(issue 15, item 4): they fill only what an article lacks, and a run over undated inputs says so."""
import json

from .helpers import quotetrail, read_jsonl

LIGHTHOUSE = ("Lighthouse to stay dark\n\n"
              "Harbourmaster Wenna Tolle said on Friday that the lighthouse at Orrin Point would stay "
              "dark until the spring.\n\n"
              "\"We have no spare lamps and no keeper,\" Tolle told reporters on the quay.\n")
FERRY = ("Ferry timetable cut\n\n"
         "ORRIN, March 3, 2025 — The ferry company said on Monday it would cut the winter timetable "
         "to two crossings a day.\n\n"
         "\"Fuel costs have doubled,\" said Imke Varga, the company's director.\n")


def folder(tmp_path):
    src = tmp_path / "plain"
    src.mkdir()
    (src / "lighthouse.txt").write_text(LIGHTHOUSE, encoding="utf-8")
    (src / "ferry.txt").write_text(FERRY, encoding="utf-8")
    return src


def run(tmp_path, name, *options):
    db, summary = tmp_path / f"{name}.db", tmp_path / f"{name}.json"
    done = quotetrail("run", folder(tmp_path), "--db", db, "--summary", summary, *options)
    assert done.returncode == 0, done.stderr
    out = tmp_path / f"{name}-export"
    assert quotetrail("export", out, "--db", db).returncode == 0
    articles = {a["title"]: a for a in read_jsonl(out / "articles.jsonl")}
    return done, json.loads(summary.read_text()), articles, read_jsonl(out / "quotes.jsonl"), db


def test_defaults_fill_only_what_an_article_lacks(tmp_path):
    done, summary, articles, quotes, _ = run(tmp_path, "given", "--published", "2025-03-07",
                                              "--outlet", "Orrin  Mail")
    light, ferry = articles["Lighthouse to stay dark"], articles["Ferry timetable cut"]
    assert (light["published"], light["outlet"]) == ("2025-03-07", "Orrin Mail")
    assert ferry["published"] == "2025-03-03"  # its own dateline wins over the default
    assert ferry["outlet"] == "Orrin Mail"
    assert summary["undated"] == 0 and "publication date" not in done.stderr
    # "on Friday" now has a day to count from: the default date, a Friday
    tolle = [q for q in quotes if "Tolle" in (q["speaker"] or "")]
    assert tolle and {q["said_on"] for q in tolle} <= {"2025-03-07"}


def test_an_undated_run_says_so_and_timelines_say_date_unknown(tmp_path):
    done, summary, articles, quotes, db = run(tmp_path, "bare")
    assert articles["Lighthouse to stay dark"]["published"] is None
    assert articles["Lighthouse to stay dark"]["outlet"] is None
    assert articles["Ferry timetable cut"]["published"] == "2025-03-03"  # its dateline
    assert summary["undated"] == 1
    assert "1 of the 2 new articles have no publication date" in " ".join(done.stderr.split())
    said = [q for q in quotes if "Tolle" in (q["speaker"] or "")]
    assert said and all(q["said_on"] is None for q in said)
    assert any(q["date_text"] == "on Friday" for q in said)
    shown = quotetrail("timeline", "Tolle", "--db", db)
    assert shown.returncode == 0, shown.stderr
    assert "date unknown" in shown.stdout and "on Friday" in shown.stdout


def test_published_must_be_a_date(tmp_path):
    done = quotetrail("run", folder(tmp_path), "--db", tmp_path / "s.db", "--published", "7 March")
    assert done.returncode == 2 and done.stderr.strip().startswith("error:")
    assert "YYYY-MM-DD" in done.stderr and "Traceback" not in done.stderr
