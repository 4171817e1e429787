"""The markup built in Python: highlighting, changed words, safe links, the timeline's layout."""
from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import given, settings, strategies as st

from quotetrail.statements.topics import normalise_topic
from quotetrail.web import render


def test_safe_href_keeps_only_absolute_http_links():
    assert render.safe_href("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert render.safe_href(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:alert(1)", "data:text/html,<b>",
                "//evil.example/x", "/local/path", "vbscript:x", "https:///nohost", "", None):
        assert render.safe_href(bad) is None, bad


def test_highlight_escapes_every_piece_and_follows_offsets():
    text = 'He said "<b>x</b> & y" loudly.\nAnother line, unquoted.'
    start = text.index("<b>")
    quotes = [{"id": "q1", "spans": [[start, start + 12]], "speaker": 'Eve "<i>"', "speaker_id": "p1",
               "mention_start": 0, "mention_end": 2}]
    paragraphs = render.highlighted_paragraphs(text, quotes, lambda pid: f"/people/{pid}")
    first = str(paragraphs[0]["html"])
    assert '<mark class="quote sp0" title="Eve &#34;&lt;i&gt;&#34;">&lt;b&gt;x&lt;/b&gt; &amp; y</mark>' in first
    assert '<span class="mention sp0">He</span>' in first
    assert '<a class="who sp0" href="/people/p1">Eve &#34;&lt;i&gt;&#34;</a>' in first
    assert str(paragraphs[1]["html"]) == "Another line, unquoted." and paragraphs[1]["index"] == 1


def test_highlight_of_overlapping_and_split_quotes():
    text = "AAAA BBBB CCCC DDDD"
    quotes = [
        {"id": "outer", "spans": [[0, 14]], "speaker": "P", "speaker_id": None},
        {"id": "inner", "spans": [[5, 9], [15, 19]], "speaker": "Q", "speaker_id": "q"},
    ]
    html = str(render.highlighted_paragraphs(text, quotes, lambda pid: "/people/" + pid)[0]["html"])
    # the shared stretch is shown by the innermost quote and names both speakers
    assert '<mark class="quote sp1" title="P, Q">BBBB</mark>' in html
    assert '<mark class="quote sp0" title="P">AAAA </mark>' in html
    assert '<mark class="quote sp1" title="Q">DDDD</mark> <a class="who sp1" href="/people/q">Q</a>' in html
    assert html.count('id="q-inner"') == 1 and html.count('id="q-outer"') == 1
    # spans outside the text are ignored rather than breaking the page
    assert render.highlighted_paragraphs("short", [{"id": "x", "spans": [[3, 99]]}], str)[0]["html"] == "short"


def test_marked_variant_marks_only_changed_words():
    marked = str(render.marked_variant("We will not yield on tariffs.", "We will never yield on <tariffs>!"))
    assert marked == "We will <ins>never</ins> yield on &lt;tariffs&gt;!"
    assert str(render.marked_variant("Same words here", "same words, here")) == "same words, here"
    added = str(render.marked_variant("one two", "one extra added two"))
    assert added == "one <ins>extra added</ins> two"


def _statements(n, days=30):
    """Columns of n statements: ids, days said, topics."""
    return ([f"s{i}" for i in range(n)], [f"2025-03-{1 + i % days:02d}" for i in range(n)],
            [["ports"] if i % 3 else ["Ports", "wages"] for i in range(n)])


def test_timeline_chart_rows_dots_and_links():
    ids, days, topics = _statements(9)
    chart = render.timeline_chart(ids + ["u"], days + [None], topics + [[]],
                                  lambda s: f"/statements/{s}", lambda t: f"?topic={t}")
    assert [r["label"] for r in chart["rows"]] == ["Ports", "other topics"]  # "ports" merges into the first spelling
    assert len(chart["dots"]) == 9 and chart["undated"] == 1
    assert {d["href"] for d in chart["dots"]} == {f"/statements/s{i}" for i in range(9)}
    xs = sorted(d["x"] for d in chart["dots"])
    assert chart["left"] <= xs[0] < xs[-1] <= chart["right"]
    assert render.timeline_chart(["u"], [None], [[]], str, str) is None
    svg = str(chart["dots_svg"])
    assert svg.count("<circle") == 9 and svg.count('<a href="/statements/s') == 9


def test_timeline_chart_dots_escape_titles_and_links():
    chart = render.timeline_chart(['"><script>'], ["2025-03-01"], [["<b>ports</b>"]], lambda s: f"/s?x={s}", str)
    svg = str(chart["dots_svg"])
    assert "<script>" not in svg and "<b>" not in svg
    assert "&#34;&gt;&lt;script&gt;" in svg and "&lt;b&gt;ports&lt;/b&gt;" in svg


def test_timeline_chart_groups_dots_past_the_limit():
    ids, days, topics = _statements(render.MAX_DOTS + 50)
    chart = render.timeline_chart(ids, days, topics, str, str,
                                  bucket_href=lambda t, lo, hi: f"?topic={t}&since={lo}&until={hi}")
    assert chart["grouped"] and len(chart["dots"]) < 100
    counts = [int(d["title"].split(": ")[1].split(" ")[0]) for d in chart["dots"]]
    assert sum(counts) == len(ids)
    assert all(d["href"].startswith("?topic=") for d in chart["dots"])


_TOPIC_WORDS = ["ports", "Ports", "wages", "grain", "Grains", "ceasefire", "cease-fire", "tariffs", "nato",
                "elections", "energy", "debt"]


@given(st.lists(st.tuples(st.one_of(st.none(), st.dates(date(2024, 1, 1), date(2025, 12, 31)).map(str)),
                          st.lists(st.sampled_from(_TOPIC_WORDS), max_size=3)), min_size=1, max_size=900))
@settings(max_examples=60, deadline=None)
def test_timeline_chart_counts_each_dated_statement_once_in_its_most_frequent_topic(rows):
    """Whatever the statements, grouped or not: every dated statement is drawn once, in the row of
    its most frequent topic (spellings merged), and the rows are the topics chosen most often."""
    days = [d for d, _ in rows]
    topics = [t for _, t in rows]
    chart = render.timeline_chart([f"s{i}" for i in range(len(rows))], days, topics, str, str,
                                  bucket_href=lambda t, lo, hi: f"{t}|{lo}|{hi}")
    dated = [i for i, d in enumerate(days) if d]
    if not dated:
        assert chart is None
        return
    keys = [list(dict.fromkeys(normalise_topic(t) for t in ts)) for ts in topics]
    count = Counter(k for own in keys for k in own)
    chosen = [max(own, key=lambda k: count[k]) if own else None for own in keys]
    per_topic = Counter(chosen[i] for i in dated if chosen[i])
    labels = [r["label"] for r in chart["rows"][:-1]]
    assert sorted(normalise_topic(label) for label in labels) == sorted(k for k, _ in per_topic.most_common(8)) \
        or len(per_topic) > 8  # ties at the eighth row may pick either
    drawn: Counter = Counter()
    for dot in chart["dots"]:
        row = next(r for r in chart["rows"] if r["y"] == dot["y"] or abs(r["y"] - dot["y"]) <= 12)
        drawn[row["label"]] += int(dot["title"].split(": ")[1].split(" ")[0]) if chart["grouped"] else 1
    expected: Counter = Counter()
    for i in dated:
        label = next((label for label in labels if chosen[i] and normalise_topic(label) == chosen[i]), None)
        expected[label or chart["rows"][-1]["label"]] += 1
    assert chart["undated"] == len(rows) - len(dated)
    if len(per_topic) <= 8:
        assert drawn == expected
    else:
        assert sum(drawn.values()) == len(dated)


def test_topic_table_merges_spellings_and_chooses_each_statements_most_frequent_topic():
    table = render.topic_table([["Ceasefire", "ports"], ["cease-fire"], ["wages", "Ports"], ["ports", "ports"], []])
    assert table.topic_counts() == [("ports", 3), ("Ceasefire", 2), ("wages", 1)]
    chosen = [table.keys[k] if k >= 0 else None for k in table.chosen]
    # ports (3 statements) beats ceasefire (2); a statement naming ports twice counts once
    assert chosen == ["port", "ceasefire", "port", "port", None]
