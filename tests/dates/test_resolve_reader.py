"""Dates as a careful reader resolves them (issue 15, item 3): each rule on expressions written
here, against anchors chosen to put the rule on its edge."""
from __future__ import annotations

import datetime as dt

import pytest

from quotetrail.dates import find_expressions, resolve

D = dt.date
OCT27 = D(2025, 10, 27)  # a Monday late in the year


# --- a year-less date takes the year that puts it nearest the anchor ---------------------------

@pytest.mark.parametrize("expression, expected", [
    ("On Nov. 22", D(2025, 11, 22)),  # four weeks ahead, not eleven months ago
    ("Jan. 2", D(2026, 1, 2)),  # across the new year
    ("Oct. 20", D(2025, 10, 20)),  # a week ago
    ("March 31", D(2026, 3, 31)),  # five months ahead is nearer than seven back
])
def test_year_less_day_is_the_nearest(expression, expected):
    assert resolve(expression, OCT27) == (expected, "day")


def test_year_less_month_is_the_nearest_and_a_six_month_tie_is_the_past():
    assert resolve("in December", OCT27) == (D(2025, 12, 1), "month")
    assert resolve("in February", OCT27) == (D(2026, 2, 1), "month")
    assert resolve("in April", OCT27) == (D(2025, 4, 1), "month")  # six months either way
    assert resolve("in June", OCT27) == (D(2025, 6, 1), "month")
    assert resolve("mid-November", OCT27) == (D(2025, 11, 1), "month")


def test_words_that_lean_one_way_override_nearness():
    assert resolve("since Nov. 22", OCT27) == (D(2024, 11, 22), "day")
    assert resolve("earlier in December", OCT27) == (D(2024, 12, 1), "month")
    assert resolve("later in August", D(2025, 3, 1)) == (D(2025, 8, 1), "month")
    assert resolve("next January 20", D(2025, 2, 10)) == (D(2026, 1, 20), "day")
    assert resolve("last November", OCT27) == (D(2024, 11, 1), "month")
    assert resolve("last October", OCT27) == (D(2024, 10, 1), "month")
    assert resolve("last September", OCT27) == (D(2025, 9, 1), "month")


def test_this_month_name_is_the_anchor_years():
    assert resolve("this September", D(2025, 2, 5)) == (D(2025, 9, 1), "month")
    assert resolve("this past May", OCT27) == (D(2025, 5, 1), "month")


def test_month_with_a_relative_year():
    assert resolve("June last year", D(2025, 2, 19)) == (D(2024, 6, 1), "month")
    assert resolve("January this year", D(2025, 2, 19)) == (D(2025, 1, 1), "month")
    assert resolve("Nov. 22 last year", D(2025, 2, 19)) == (D(2024, 11, 22), "day")
    assert resolve("March next year", OCT27) == (D(2026, 3, 1), "month")


def test_29_february_only_in_a_leap_year():
    assert resolve("Feb. 29", D(2024, 6, 1)) == (D(2024, 2, 29), "day")
    assert resolve("Feb. 29", D(2025, 6, 1)) == (D(2024, 2, 29), "day")  # the only one near


# --- an explicit date wins over a weekday written with it ---------------------------------------

@pytest.mark.parametrize("expression, anchor, expected", [
    ("Friday, Oct. 14, 2016", D(2016, 10, 24), D(2016, 10, 14)),  # not the 21st
    ("on Friday, Oct. 14, 2016", D(2016, 10, 24), D(2016, 10, 14)),
    ("Saturday, April 25", D(2026, 4, 24), D(2026, 4, 25)),  # tomorrow, not last Saturday
    ("Friday Oct. 13", D(2025, 10, 27), D(2025, 10, 13)),
    ("Tuesday, 4 March", D(2025, 3, 7), D(2025, 3, 4)),
    ("Monday, March 3, 2025", None, D(2025, 3, 3)),
])
def test_explicit_date_wins_over_weekday(expression, anchor, expected):
    assert resolve(expression, anchor) == (expected, "day")


def test_finder_takes_weekday_and_date_as_one_expression():
    found = find_expressions("The council met on Friday, Oct. 14, 2016, and voted.")
    assert [e.text for e in found] == ["on Friday, Oct. 14, 2016"]


# --- "ago" keeps the precision of its words -----------------------------------------------------

def test_ago_precision():
    assert resolve("a year ago", D(2025, 3, 7)) == (D(2024, 3, 7), "day")  # this day last year
    assert resolve("one year ago", D(2024, 2, 29)) == (D(2023, 2, 28), "day")
    assert resolve("two years ago", D(2025, 3, 7)) == (D(2023, 1, 1), "year")
    assert resolve("three months ago", D(2025, 3, 7)) == (D(2024, 12, 1), "month")
    assert resolve("last week", D(2025, 3, 7)) == (D(2025, 2, 24), "week")


# --- forms counted from another date: resolved against the anchor they are given --------------

@pytest.mark.parametrize("expression, expected", [
    ("the following year", (D(2020, 1, 1), "year")),
    ("the year after", (D(2020, 1, 1), "year")),
    ("a year earlier", (D(2018, 1, 1), "year")),  # the year, not the day: it compares periods
    ("two years later", (D(2021, 1, 1), "year")),
    ("year-earlier", (D(2018, 1, 1), "year")),
    ("the previous month", (D(2019, 5, 1), "month")),
    ("the following month", (D(2019, 7, 1), "month")),
    ("the day before", (D(2019, 6, 13), "day")),
    ("three days later", (D(2019, 6, 17), "day")),
    ("the current fiscal year", (D(2019, 1, 1), "year")),
    ("the same year", (D(2019, 1, 1), "year")),
    ("the year", (D(2019, 1, 1), "year")),
    ("the full year", (D(2019, 1, 1), "year")),
    ("by the end of the year", (D(2019, 1, 1), "year")),
    ("earlier in the year", (D(2019, 1, 1), "year")),
])
def test_text_relative_forms(expression, expected):
    assert resolve(expression, D(2019, 6, 14)) == expected


def test_text_relative_forms_are_not_found_in_running_text():
    # they count from a date of the text, not the publication date: the finder leaves them out
    assert [e.text for e in find_expressions("A year earlier, the year had been quiet.")] == []


# --- spelled-out years --------------------------------------------------------------------------

@pytest.mark.parametrize("expression, year", [
    ("nineteen ninety-six", 1996),
    ("nineteen seventy nine", 1979),
    ("in nineteen oh five", 1905),
    ("nineteen hundred", 1900),
    ("the year two thousand", 2000),
    ("two thousand and eight", 2008),
    ("two thousand twelve", 2012),
    ("twenty twenty-five", 2025),
    ("eighteen sixty-one", 1861),
])
def test_spelled_years(expression, year):
    assert resolve(expression, D(2025, 3, 7)) == (D(year, 1, 1), "year")
    assert resolve(expression, None) == (D(year, 1, 1), "year")


def test_spelled_year_with_a_month():
    assert resolve("January nineteen ninety-seven", D(1998, 2, 27)) == (D(1997, 1, 1), "month")


def test_finder_spelled_years_but_not_counts():
    found = [e.text for e in find_expressions(
        "It began in nineteen ninety-six. From two thousand to three thousand people came.")]
    assert found == ["in nineteen ninety-six"]


# --- the end of the year, however it is written -------------------------------------------------

@pytest.mark.parametrize("expression", ["year-end", "year end", "year's end", "by year-end",
                                        "around year end", "the end of the year"])
def test_year_end_is_the_end_of_the_anchor_year(expression):
    assert resolve(expression, D(2019, 10, 26)) == (D(2019, 1, 1), "year")


def test_year_end_in_running_text_is_a_deadline_not_when_words_were_said():
    assert find_expressions("The firm said its year-end results would improve.") == []


# --- "or so" hedges a count without moving the date -------------------------------------------

def test_or_so_keeps_the_date_of_the_plain_count():
    assert resolve("a week or so ago", D(2025, 3, 7)) == resolve("a week ago", D(2025, 3, 7))
    assert resolve("two months or so ago", D(2025, 3, 7)) == (D(2025, 1, 1), "month")
    # a hedged year is not "this day last year"
    assert resolve("a year or so ago", D(2025, 3, 7)) == (D(2024, 1, 1), "year")
    assert [e.text for e in find_expressions("He left a week or so ago, she said.")] == ["a week or so ago"]
