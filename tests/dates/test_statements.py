"""When each statement was said, from the words attached to its cue. Texts are written here;
quotes are built by hand with the offsets the quote stage would give."""
from __future__ import annotations

import pytest

from quotetrail.dates import date_article, date_statements
from quotetrail.model import Article, Quote

FRIDAY = "2025-03-07"


def quote(text: str, content: str, cue: str | None, mention: str | None, kind: str = "direct",
          occurrence: int = 0) -> Quote:
    """A quote whose content, cue and mention are the given substrings (the `occurrence`-th content)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(content, start + 1)
    q = Quote(id=f"q{start}", article="a", kind=kind, text=content,
              spans=[(start, start + len(content))], cue=cue)
    if mention is not None:  # the occurrence nearest the content
        occurrences = [i for i in range(len(text)) if text.startswith(mention, i)]
        ms = min(occurrences, key=lambda i: abs(i - start))
        q.mention, q.mention_start, q.mention_end = mention, ms, ms + len(mention)
    return q


def dated(text: str, q: Quote, published: str | None = FRIDAY) -> tuple:
    date_statements(text, [q], published)
    return q.said_on, q.said_on_precision, q.date_text


def test_cue_with_weekday_after_it():
    text = "“We will not give up,” Mara Lint said on Wednesday. The talks went on."
    q = quote(text, "We will not give up", "said", "Mara Lint")
    assert dated(text, q) == ("2025-03-05", "day", "on Wednesday")


def test_weekday_on_the_publication_day_is_that_day():
    text = "“The offer stands,” the director said on Friday."
    assert dated(text, quote(text, "The offer stands", "said", "the director")) == (FRIDAY, "day", "on Friday")


def test_fronted_scene_with_the_date():
    text = "In a press briefing on Tuesday, Ilse Varo said the plan was dead."
    q = quote(text, "the plan was dead", "said", "Ilse Varo", kind="indirect")
    assert dated(text, q) == ("2025-03-04", "day", "on Tuesday")


def test_date_between_speaker_and_verb_and_before_that_clause():
    text = "Spokesman Ted Orr reiterated on Monday that the ministry would \u201cstay the course.\u201d"
    q = quote(text, "the ministry would \u201cstay the course.\u201d", "reiterated", "Spokesman Ted Orr", kind="mixed")
    assert dated(text, q) == ("2025-03-03", "day", "on Monday")


def test_month_and_fronted_relative_forms():
    text = ("The treasurer said in December that reserves were low. "
            "Earlier this month, Ana Bel said the fund was safe. "
            "Ana Bel told reporters last week that nothing had changed. "
            "“It was a mistake,” Ana Bel said yesterday. "
            "Ana Bel said on Jan. 20 that she would stay.")
    cases = [
        ("reserves were low", "said", "The treasurer", ("2024-12-01", "month", "in December")),
        ("the fund was safe", "said", "Ana Bel", ("2025-03-01", "month", "Earlier this month")),
        ("nothing had changed", "told", "Ana Bel", ("2025-02-24", "week", "last week")),
        ("It was a mistake", "said", "Ana Bel", ("2025-03-06", "day", "yesterday")),
        ("she would stay", "said", "Ana Bel", ("2025-01-20", "day", "on Jan. 20")),
    ]
    for content, cue, mention, expected in cases:
        q = quote(text, content, cue, mention, kind="indirect")
        assert dated(text, q) == expected, content


def test_date_inside_the_quoted_words_is_not_when_it_was_said():
    text = "“We lost everything in 2022 and again on Monday,” the farmer said."
    q = quote(text, "We lost everything in 2022 and again on Monday", "said", "the farmer")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_date_inside_reported_content_is_not_when_it_was_said():
    text = "The minister said that the strike began on Monday."
    q = quote(text, "the strike began on Monday", "said", "The minister", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_future_reference_is_not_when_it_was_said():
    text = "“We are ready,” said Pim Dorn, who will meet the union on Friday."
    q = quote(text, "We are ready", "said", "Pim Dorn")
    assert dated(text, q) == (FRIDAY, "published", None)
    text = "“We are ready,” Pim Dorn said, adding that talks would resume next week."
    q = quote(text, "We are ready", "said", "Pim Dorn")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_date_in_a_subordinate_clause_belongs_to_something_else():
    text = ("Lea Moss, who was sworn in on January 20, said the reforms would wait. "
            "The mayor resigned on Tuesday, two days after insisting she would stay.")
    q = quote(text, "the reforms would wait", "said", "Lea Moss", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)
    q = quote(text, "she would stay", "insisting", "The mayor", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_span_bounds_are_not_points():
    text = "“Nothing has moved,” the harbour master said, as ships have waited since March 4."
    q = quote(text, "Nothing has moved", "said", "the harbour master")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_nearest_expression_to_the_cue_wins():
    text = "On Monday the vote was held, and on Wednesday Jo Kale said the result stood."
    q = quote(text, "the result stood", "said", "Jo Kale", kind="indirect")
    assert dated(text, q) == ("2025-03-05", "day", "on Wednesday")


def test_no_expression_gives_the_publication_date():
    text = "“The port is open,” said the harbour master."
    q = quote(text, "The port is open", "said", "the harbour master")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_no_publication_date_and_no_expression_gives_nothing():
    text = "“The port is open,” said the harbour master."
    q = quote(text, "The port is open", "said", "the harbour master")
    assert dated(text, q, published=None) == (None, None, None)


def test_relative_expression_without_publication_date_keeps_the_words():
    text = "“The port is open,” the harbour master said on Friday."
    q = quote(text, "The port is open", "said", "the harbour master")
    assert dated(text, q, published=None) == (None, None, "on Friday")
    text = "“The port is open,” the harbour master said on March 3, 2025."
    q = quote(text, "The port is open", "said", "the harbour master")
    assert dated(text, q, published=None) == ("2025-03-03", "day", "on March 3, 2025")


def test_scene_set_in_the_previous_paragraph_carries_to_the_statement():
    text = ("At a news conference on Thursday, Nina Falk was asked about the deal.\n"
            "“There is no deal yet,” Falk replied.\n"
            "“We have time,” she added.")
    q1 = quote(text, "There is no deal yet", "replied", "Falk")
    q2 = quote(text, "We have time", "added", "she")
    date_statements(text, [q1, q2], FRIDAY)
    assert (q1.said_on, q1.said_on_precision, q1.date_text) == ("2025-03-06", "day", "on Thursday")
    assert (q2.said_on, q2.date_text) == ("2025-03-06", "on Thursday")


def test_scene_of_someone_else_does_not_carry():
    text = ("Oda Renn said on Thursday that prices would rise.\n"
            "“We disagree,” Piet Hals said.")
    q1 = quote(text, "prices would rise", "said", "Oda Renn", kind="indirect")
    q2 = quote(text, "We disagree", "said", "Piet Hals")
    date_statements(text, [q1, q2], FRIDAY)
    assert q1.said_on == "2025-03-06"
    assert (q2.said_on, q2.said_on_precision, q2.date_text) == (FRIDAY, "published", None)


def test_an_organisation_does_not_take_a_persons_scene():
    text = ("On Thursday she said she was hopeful.\n"
            "The port authority says it has lost patience.")
    q = quote(text, "it has lost patience", "says", "The port authority", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_dateline_date_is_not_a_statement_date():
    text = "DRAVNIK, March 5 (CPA) — Ola Strand said the vote was close."
    q = quote(text, "the vote was close", "said", "Ola Strand", kind="indirect")
    assert dated(text, q, published="2025-03-05") == ("2025-03-05", "published", None)


def test_date_after_publication_is_dropped():
    text = "“We will see,” Ray Fenn said on Jan. 20, 2026."
    q = quote(text, "We will see", "said", "Ray Fenn")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_values_are_reset_on_a_second_run():
    text = "“The port is open,” said the harbour master."
    q = quote(text, "The port is open", "said", "the harbour master")
    q.said_on, q.said_on_precision, q.date_text = "1999-01-01", "day", "stale"
    assert dated(text, q) == (FRIDAY, "published", None)


def test_date_article_takes_the_dateline_when_metadata_has_none():
    text = "PORT TERAL, 4 March 2025 (CPA) — “We wait,” Ivan Lusk said on Monday."
    art = Article(source="x.txt", raw=text, text=text)
    art.quotes = [quote(text, "We wait", "said", "Ivan Lusk")]
    date_article(art)
    assert art.published == "2025-03-04" and art.meta["date_source"] == "dateline"
    assert art.quotes[0].said_on == "2025-03-03"


def test_date_article_prefers_a_dateline_to_the_crawl_date():
    text = "VALMORA, March 3 (CPA) — “We wait,” Ivan Lusk said yesterday."
    art = Article(source="crawl.warc#0", raw=text, text=text, published="2025-03-18",
                  meta={"date_source": "crawl"})
    art.quotes = [quote(text, "We wait", "said", "Ivan Lusk")]
    date_article(art)
    assert art.published == "2025-03-03" and art.meta["date_source"] == "dateline"
    assert art.quotes[0].said_on == "2025-03-02"


def test_date_article_keeps_a_page_date():
    text = "VALMORA, March 3 (CPA) — “We wait,” Ivan Lusk said."
    art = Article(source="a.html", raw=text, text=text, published="2025-03-04",
                  meta={"date_source": "page"})
    art.quotes = [quote(text, "We wait", "said", "Ivan Lusk")]
    date_article(art)
    assert art.published == "2025-03-04" and art.quotes[0].said_on_precision == "published"


@pytest.mark.parametrize("words, expected", [
    ("said Friday", (FRIDAY, "day", "Friday")),
    ("said this morning", (FRIDAY, "day", "this morning")),
    ("said last night", ("2025-03-06", "day", "last night")),
    ("told reporters on Monday night", ("2025-03-03", "day", "on Monday night")),
    ("said in 2023", ("2023-01-01", "year", "in 2023")),
    ("said last year", ("2024-01-01", "year", "last year")),
    ("said this week", ("2025-03-03", "week", "this week")),
    ("said earlier this month", ("2025-03-01", "month", "earlier this month")),
    ("said last month", ("2025-02-01", "month", "last month")),
    ("said in early December", ("2024-12-01", "month", "in early December")),
    ("said on March 3, 2025,", ("2025-03-03", "day", "on March 3, 2025")),
    ("said on 2025-03-03", ("2025-03-03", "day", "on 2025-03-03")),
    ("said on 20 January", ("2025-01-20", "day", "on 20 January")),
    ("said today", (FRIDAY, "day", "today")),
])
def test_forms_after_the_cue(words, expected):
    text = f"“The port stays shut,” Kai Lund {words} in Dravnik."
    cue = words.split()[0]
    q = quote(text, "The port stays shut", cue, "Kai Lund")
    assert dated(text, q) == expected


# --- shifts ("two days later", "a year earlier") count from the date the text set --------------

def test_shift_counts_from_the_date_of_the_sentence_before():
    text = ("The plant closed on Monday. Two days later, Mara Lint said the town would recover.")
    q = quote(text, "the town would recover", "said", "Mara Lint", kind="indirect")
    assert dated(text, q) == ("2025-03-05", "day", "Two days later")


def test_shift_keeps_no_more_precision_than_its_reference():
    text = "The strike began in 2019. A year earlier, Ilse Varo said pay talks had failed."
    q = quote(text, "pay talks had failed", "said", "Ilse Varo", kind="indirect")
    assert dated(text, q) == ("2018-01-01", "year", "A year earlier")


def test_shift_in_the_same_sentence_counts_from_the_date_before_it():
    text = "The vote was held on March 3, and the next day Teo Brand said he would appeal."
    q = quote(text, "he would appeal", "said", "Teo Brand", kind="indirect")
    said_on, precision, words = dated(text, q)
    assert (said_on, precision) == ("2025-03-04", "day")


def test_shift_with_no_date_to_count_from_falls_back_to_publication():
    text = "A year earlier, Ilse Varo said pay talks had failed."
    q = quote(text, "pay talks had failed", "said", "Ilse Varo", kind="indirect")
    assert dated(text, q) == (FRIDAY, "published", None)


def test_shift_landing_after_publication_is_not_when_it_was_said():
    text = "The hearing is on Friday. The day after, Teo Brand said, he will resign."
    q = quote(text, "he will resign", "said", "Teo Brand", kind="indirect")
    assert dated(text, q)[1] == "published"
