"""The sample corpus end to end, checked against its answer key (tests/e2e/examples_expected.json)."""
import json

from .helpers import EXAMPLES, quotetrail, read_jsonl

ARTICLE_FIELDS = {"id", "source", "url", "outlet", "title", "author", "published", "text", "removed",
                  "duplicate_of", "similar", "story"}


def by_key(rows):
    """Answer-key keys are paths relative to examples/ ("path" or "path#N")."""
    return {str(r["source"]).split("examples/", 1)[1]: r for r in rows}


def test_every_article_is_read_with_the_contract_fields(examples_run, expected):
    _, out, summary = examples_run
    rows = by_key(read_jsonl(out / "articles.jsonl"))
    assert set(rows) == set(expected["articles"])
    for key, row in rows.items():
        assert ARTICLE_FIELDS <= set(row), key
        want = expected["articles"][key]
        assert (row["published"], row["title"]) == (want["published"], want["title"]), key
        # a record that names its outlet only by domain keeps the domain
        assert row["outlet"] in (want["outlet"], row["url"].split("/")[2].removeprefix("www.")), key
    assert (summary["documents"], summary["stored"], summary["skipped"]) == (20, 20, 0)
    assert summary["exact_duplicates"] + summary["near_duplicates"] == 3


def test_junk_is_removed_with_reasons_and_article_text_kept(examples_run, expected):
    _, out, _ = examples_run
    rows = by_key(read_jsonl(out / "articles.jsonl"))
    for key, want in expected["articles"].items():
        lines = {line.strip() for line in rows[key]["text"].split("\n")}
        for junk in want["junk"]:
            assert junk.strip() not in lines, (key, junk)
        for sentence in want["keep"]:
            assert sentence in rows[key]["text"], (key, sentence)
            assert rows[key]["text"].count(sentence) == 1, (key, sentence)
        if want["junk"]:
            assert all(r["reason"] for r in rows[key]["removed"])
        if want.get("repeats"):
            assert any(r["reason"].startswith("repeat") for r in rows[key]["removed"]), key


def test_copies_point_to_one_original_and_rewrites_do_not(examples_run, expected):
    _, out, _ = examples_run
    rows = read_jsonl(out / "articles.jsonl")
    by_id = {r["id"]: r for r in rows}
    keyed = by_key(rows)

    def root(key):
        row = keyed[key]
        return row["duplicate_of"] or row["id"]

    for copy, original in expected["duplicates"]:
        assert root(copy) == root(original), (copy, original)
        # the group's original is the earliest published of its members
        group = [r for r in rows if (r["duplicate_of"] or r["id"]) == root(copy)]
        assert by_id[root(copy)]["published"] == min(r["published"] for r in group)
    for rewrite, original in expected["rewrites"]:
        assert root(rewrite) != root(original)
    copies = sum(1 for r in rows if r["duplicate_of"])
    assert copies == len({c for c, _ in expected["duplicates"]} | {o for _, o in expected["duplicates"]}) - len(
        {root(c) for c, _ in expected["duplicates"]})


def test_running_twice_stores_nothing_twice_and_exports_the_same(examples_run, tmp_path):
    db, out, _ = examples_run
    first = (out / "articles.jsonl").read_text(encoding="utf-8")
    again = quotetrail("run", EXAMPLES, "--db", db, "--export", tmp_path / "again", "--summary", tmp_path / "s.json")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / "articles.jsonl").read_text(encoding="utf-8") == first
    summary = json.loads((tmp_path / "s.json").read_text())
    # unchanged inputs are skipped before parsing: nothing is read twice
    assert (summary["stored"], summary["unchanged"], summary["documents"], summary["store_articles"]) == (0, 20, 0, 20)


def test_an_edited_input_is_read_again_and_the_rest_skipped(tmp_path):
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES / "text", folder)
    db = tmp_path / "s.db"
    assert quotetrail("run", folder, "--db", db).returncode == 0
    edited = sorted(folder.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA correction was appended to this report on Friday.\n",
                      encoding="utf-8")
    done = quotetrail("run", folder, "--db", db, "--summary", tmp_path / "s.json")
    summary = json.loads((tmp_path / "s.json").read_text())
    assert done.returncode == 0 and (summary["unchanged"], summary["documents"], summary["stored"]) == (2, 1, 1)


def test_workers_give_the_same_store(examples_run, tmp_path):
    _, out, _ = examples_run
    done = quotetrail("run", EXAMPLES, "--db", tmp_path / "w.db", "--workers", "2", "--export", tmp_path / "w")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "w" / "articles.jsonl").read_text() == (out / "articles.jsonl").read_text()
