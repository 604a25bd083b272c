"""The duplicate job's comparison levels for the date of birth, as Splink evaluates them."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from wegweiser.identity import duplicate_model
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.scorer import PersonRecord

DATE_COLUMNS = ("dob", "dob_full", "dob_year", "dob_month", "dob_day")


def _dob_level(first: BirthDate, second: BirthDate) -> str:
    """The level code Splink gives two records' dates of birth (the first condition that
    holds, as Splink takes them)."""
    rows = [
        duplicate_model.comparison_row(i, PersonRecord("Alaric", "Aaltonen", birth_date=born))
        for i, born in enumerate((first, second), 1)
    ]
    values = {
        f"{c}_{side}": row[c] for side, row in zip("lr", rows, strict=True) for c in DATE_COLUMNS
    }
    cases = []
    for code, condition, _ in duplicate_model.COMPARISON_LEVELS["dob"]:
        cases.append(f"ELSE '{code}'" if condition == "ELSE" else f"WHEN {condition} THEN '{code}'")
    connection = duckdb.connect()
    try:
        select = ", ".join(f"${name} AS {name}" for name in values)
        # the conditions are the module's own constants; the values are bound parameters
        query = f"SELECT CASE {' '.join(cases)} END FROM (SELECT {select})"  # noqa: S608
        row = connection.execute(query, values).fetchone()
        assert row is not None
        return str(row[0])
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("first", "second", "level"),
    [
        ((1990, 5, 14), (1990, 5, 14), "exact"),
        ((1990, 5, 4), (1990, 4, 5), "day_month_swapped"),
        # a date converted from the Solar Hijri or Hijri calendar: a year or a day off
        ((1990, 5, 14), (1991, 5, 14), "year_off_by_one"),
        ((1990, 5, 14), (1990, 5, 15), "day_off_by_one"),
        ((1990, 5, 31), (1990, 6, 1), "different"),  # two parts differ
        ((1990, 5, 14), (1990, 5, 24), "one_part_differs"),  # a typing error in the day
        ((1990, 5, 14), (1993, 5, 14), "one_part_differs"),
        ((1990, 5, 14), (1990, 7, 14), "one_part_differs"),
    ],
)
def test_a_year_or_a_day_off_by_one_is_its_own_level(first, second, level):
    assert _dob_level(BirthDate(dt.date(*first)), BirthDate(dt.date(*second))) == level


def test_a_placeholder_year_off_by_one_is_not_a_converted_date():
    placeholder = BirthDate(dt.date(1990, 1, 1), placeholder=True)
    real = BirthDate(dt.date(1991, 1, 1))
    assert _dob_level(placeholder, BirthDate(dt.date(1991, 1, 1), placeholder=True)) == "near_year"
    assert _dob_level(placeholder, real) == "near_year"


def test_every_date_level_has_a_prior():
    codes = {code for code, _, null in duplicate_model.COMPARISON_LEVELS["dob"] if not null}
    assert codes == set(duplicate_model.M_PRIORS["dob"])
