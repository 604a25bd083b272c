"""Dates of birth: placeholders, swapped day and month, a year off by one, missing dates."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.identity.dates import (
    BirthDate,
    DateLevel,
    DatePrecision,
    compare_birth_dates,
    parse_date,
)


def exact(iso: str) -> BirthDate:
    return BirthDate(dt.date.fromisoformat(iso))


def placeholder(year: int) -> BirthDate:
    return BirthDate(dt.date(year, 1, 1), DatePrecision.EXACT, placeholder=True)


def year_only(year: int) -> BirthDate:
    return BirthDate(dt.date(year, 6, 30), DatePrecision.YEAR)


def month_only(iso: str) -> BirthDate:
    return BirthDate(dt.date.fromisoformat(iso), DatePrecision.MONTH)


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        (exact("1990-03-14"), exact("1990-03-14"), DateLevel.EXACT),
        (exact("1985-04-07"), exact("1985-07-04"), DateLevel.DAY_MONTH_SWAPPED),
        (exact("1991-05-12"), exact("1990-05-12"), DateLevel.YEAR_OFF_BY_ONE),
        (exact("1990-03-14"), exact("1990-03-15"), DateLevel.ONE_PART_DIFFERS),
        (exact("1990-03-14"), exact("1980-03-14"), DateLevel.ONE_PART_DIFFERS),
        (exact("1990-03-14"), exact("1987-07-02"), DateLevel.DIFFERENT),
        (exact("1990-03-14"), exact("1990-11-02"), DateLevel.DIFFERENT),
        (placeholder(1990), placeholder(1990), DateLevel.PLACEHOLDER_SAME_YEAR),
        (placeholder(1990), exact("1990-08-17"), DateLevel.PLACEHOLDER_SAME_YEAR),
        (placeholder(1990), placeholder(1991), DateLevel.NEAR_YEAR),
        (placeholder(1990), placeholder(1995), DateLevel.DIFFERENT),
        (year_only(1990), exact("1990-08-17"), DateLevel.SAME_YEAR),
        (year_only(1990), year_only(1989), DateLevel.NEAR_YEAR),
        (month_only("1990-08-01"), exact("1990-08-17"), DateLevel.SAME_MONTH),
        (month_only("1990-08-01"), exact("1990-09-17"), DateLevel.DIFFERENT),
        (exact("1990-03-14"), None, DateLevel.MISSING),
        (exact("1990-03-14"), BirthDate(None, DatePrecision.UNKNOWN), DateLevel.MISSING),
    ],
)
def test_dates_of_birth_agree_at_the_expected_level(
    a: BirthDate, b: BirthDate | None, level: DateLevel
) -> None:
    assert compare_birth_dates(a, b) == level
    assert compare_birth_dates(b, a) == level


def test_unflagged_first_of_january_counts_as_placeholder() -> None:
    assert exact("1990-01-01").is_placeholder
    assert (
        compare_birth_dates(exact("1990-01-01"), exact("1990-01-01"))
        == DateLevel.PLACEHOLDER_SAME_YEAR
    )


def test_placeholder_date_never_agrees_on_day_and_month() -> None:
    assert compare_birth_dates(placeholder(1990), exact("1990-01-01")) != DateLevel.EXACT


def test_date_displays_as_a_caseworker_reads_it() -> None:
    assert exact("1990-03-14").display() == "14.03.1990"
    assert placeholder(1990).display() == "01.01.1990 (placeholder)"
    assert month_only("1990-08-01").display() == "08.1990"
    assert year_only(1990).display() == "1990"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05.03.2024", dt.date(2024, 3, 5)),
        ("5.3.2024", dt.date(2024, 3, 5)),
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024-03-05 00:00:00", dt.date(2024, 3, 5)),
        ("  ", None),
    ],
)
def test_one_date_reader_takes_german_and_iso_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2024", "2024/03/05", "yesterday", "05.03.24"])
def test_a_wrong_date_is_an_error_not_a_missing_date(text):
    with pytest.raises(ValueError):
        parse_date(text)
