"""The markup built in Python: highlighting, changed words, safe links, the timeline's layout."""
from __future__ import annotations

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
    return [{"statement": f"s{i}", "said_on": f"2025-03-{1 + i % days:02d}", "text": f"text {i}",
             "topics": ["ports"] if i % 3 else ["Ports", "wages"]} for i in range(n)]


def test_timeline_chart_rows_dots_and_links():
    chart = render.timeline_chart(_statements(9) + [{"statement": "u", "said_on": None, "topics": []}],
                                  lambda s: f"/statements/{s}", lambda t: f"?topic={t}")
    assert [r["label"] for r in chart["rows"]] == ["Ports", "other topics"]  # "ports" merges into the first spelling
    assert len(chart["dots"]) == 9 and chart["undated"] == 1
    assert {d["href"] for d in chart["dots"]} == {f"/statements/s{i}" for i in range(9)}
    xs = sorted(d["x"] for d in chart["dots"])
    assert chart["left"] <= xs[0] < xs[-1] <= chart["right"]
    assert render.timeline_chart([{"statement": "u", "said_on": None}], str, str) is None


def test_timeline_chart_groups_dots_past_the_limit():
    many = _statements(render.MAX_DOTS + 50)
    chart = render.timeline_chart(many, str, str, bucket_href=lambda t, lo, hi: f"?topic={t}&since={lo}&until={hi}")
    assert chart["grouped"] and len(chart["dots"]) < 100
    counts = [int(d["title"].split(": ")[1].split(" ")[0]) for d in chart["dots"]]
    assert sum(counts) == len(many)
    assert all(d["href"].startswith("?topic=") for d in chart["dots"])
