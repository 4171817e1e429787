"""Each time expression against a fixed anchor. Several cases are ones dateparser gets wrong
(noted per case): they would fail if `resolve` handed those forms to dateparser."""
from __future__ import annotations

import datetime as dt

import pytest

from quotetrail.dates import find_expressions, resolve

FRIDAY = dt.date(2025, 3, 7)  # anchor: a Friday
D = dt.date


@pytest.mark.parametrize("expression, expected", [
    # dateparser: the Friday a week before (2025-02-28)
    ("on Friday", (D(2025, 3, 7), "day")),
    ("Friday", (D(2025, 3, 7), "day")),
    ("on Thursday", (D(2025, 3, 6), "day")),
    ("on Saturday", (D(2025, 3, 1), "day")),
    ("last Friday", (D(2025, 2, 28), "day")),
    ("on Monday night", (D(2025, 3, 3), "day")),
    ("Wednesday's", (D(2025, 3, 5), "day")),
    ("yesterday", (D(2025, 3, 6), "day")),
    ("yesterday morning", (D(2025, 3, 6), "day")),
    ("the day before yesterday", (D(2025, 3, 5), "day")),
    ("today", (D(2025, 3, 7), "day")),
    ("this morning", (D(2025, 3, 7), "day")),
    ("last night", (D(2025, 3, 6), "day")),
    # dateparser: anchor - 7 days (2025-02-28), a day, not the week
    ("last week", (D(2025, 2, 24), "week")),
    ("this week", (D(2025, 3, 3), "week")),
    # dateparser: None
    ("last weekend", (D(2025, 3, 1), "week")),
    ("over the weekend", (D(2025, 3, 1), "week")),
    # dateparser: None
    ("earlier this month", (D(2025, 3, 1), "month")),
    # dateparser: the anchor's day (2025-03-07)
    ("this month", (D(2025, 3, 1), "month")),
    # dateparser: 2025-02-07, a day
    ("last month", (D(2025, 2, 1), "month")),
    ("in December", (D(2024, 12, 1), "month")),
    # dateparser: None
    ("in early December", (D(2024, 12, 1), "month")),
    ("Earlier in October", (D(2024, 10, 1), "month")),
    ("mid-March", (D(2025, 3, 1), "month")),
    ("in March 2024", (D(2024, 3, 1), "month")),
    ("January 20", (D(2025, 1, 20), "day")),
    ("Jan. 20", (D(2025, 1, 20), "day")),
    ("on Jan. 20", (D(2025, 1, 20), "day")),
    ("20 January", (D(2025, 1, 20), "day")),
    ("March 10", (D(2025, 3, 10), "day")),  # three days ahead, not a year ago
    ("March 3, 2025", (D(2025, 3, 3), "day")),
    ("2025-03-03", (D(2025, 3, 3), "day")),
    # dateparser: 2023-03-07, a day
    ("in 2023", (D(2023, 1, 1), "year")),
    # dateparser: 2024-03-07, a day
    ("last year", (D(2024, 1, 1), "year")),
    ("earlier this year", (D(2025, 1, 1), "year")),
    ("three days ago", (D(2025, 3, 4), "day")),
    ("two weeks ago", (D(2025, 2, 17), "week")),
])
def test_expression_against_a_friday(expression, expected):
    assert resolve(expression, FRIDAY) == expected


@pytest.mark.parametrize("expression, anchor, expected", [
    ("on Friday", D(2025, 3, 10), D(2025, 3, 7)),  # from a Monday: the Friday before
    ("on Monday", D(2025, 3, 10), D(2025, 3, 10)),  # the publication day itself
    ("on Sunday", D(2025, 3, 10), D(2025, 3, 9)),
    ("on Tuesday", D(2025, 3, 10), D(2025, 3, 4)),  # six days back, not tomorrow
    ("last Monday", D(2025, 3, 10), D(2025, 3, 3)),  # said on a Monday, "last Monday" is a week ago
    ("last Sunday", D(2025, 3, 10), D(2025, 3, 9)),
    ("on Saturday", D(2025, 3, 8), D(2025, 3, 8)),
])
def test_weekday_edges(expression, anchor, expected):
    assert resolve(expression, anchor) == (expected, "day")


def test_last_weekend_said_on_a_sunday_is_the_weekend_before():
    assert resolve("last weekend", D(2025, 3, 9)) == (D(2025, 3, 1), "week")
    assert resolve("over the weekend", D(2025, 3, 9)) == (D(2025, 3, 8), "week")


def test_year_rollover():
    assert resolve("in December", D(2025, 1, 15)) == (D(2024, 12, 1), "month")
    assert resolve("in January", D(2025, 1, 15)) == (D(2025, 1, 1), "month")  # this January
    assert resolve("last month", D(2025, 1, 15)) == (D(2024, 12, 1), "month")
    assert resolve("last week", D(2025, 1, 1)) == (D(2024, 12, 23), "week")
    # a year-less date takes the year that puts it nearest the anchor
    assert resolve("January 20", D(2024, 12, 10)) == (D(2025, 1, 20), "day")
    assert resolve("Dec. 31", D(2025, 1, 2)) == (D(2024, 12, 31), "day")
    # unless the words point forward
    assert resolve("next January 20", D(2024, 12, 10)) == (D(2025, 1, 20), "day")


def test_future_expressions_resolve_forward():
    assert resolve("next week", FRIDAY) == (D(2025, 3, 10), "week")
    assert resolve("next Friday", FRIDAY) == (D(2025, 3, 14), "day")
    assert resolve("tomorrow", FRIDAY) == (D(2025, 3, 8), "day")
    assert resolve("next month", FRIDAY) == (D(2025, 4, 1), "month")


def test_without_an_anchor_only_dates_with_a_year_resolve():
    assert resolve("on Friday", None) is None
    assert resolve("January 20", None) is None
    assert resolve("in December", None) is None
    assert resolve("March 3, 2025", None) == (D(2025, 3, 3), "day")
    assert resolve("in 2023", None) == (D(2023, 1, 1), "year")
    assert resolve("2025-03-03", None) == (D(2025, 3, 3), "day")


def test_not_an_expression():
    assert resolve("the port authority", FRIDAY) is None
    assert resolve("", FRIDAY) is None


def _found(text):
    return [e.text for e in find_expressions(text)]


def test_finder_skips_verbs_counts_and_names():
    assert _found("Crowds march to the port. May I ask why?") == []
    assert _found("About 2023 workers walked out.") == []  # a count, not a year
    assert _found("according to Carvessa Today, the deal holds") == []  # a name, not a day
    assert _found("shoppers on Black Friday spent more") == []
    assert _found("Today the port reopened.") == ["Today"]


def test_finder_keeps_the_words_around_the_date():
    text = ("In a press briefing on Friday, she spoke. Earlier in October, he said so. "
            "It began in 2013 and ended on Jan. 20, 2021, since March 4 at least.")
    assert _found(text) == ["on Friday", "Earlier in October", "in 2013", "on Jan. 20, 2021",
                            "since March 4"]
    assert [e.is_span_bound for e in find_expressions(text)] == [False, False, False, False, True]
