# ruff: noqa: RUF001 - names in Cyrillic script are data in these tests
"""What the second round of matching promises: persons found by their date of birth when both
names are spelled differently, swapped and respelled names, other languages' spellings of
Cyrillic names, and a probability that does not read 0 % for the right person."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.identity.dates import BirthDate
from wegweiser.identity.reconciliation import Entry, Register, link
from wegweiser.identity.scorer import PersonRecord, compare_name_strings

FILLER_GIVEN = ["Anna", "Bela", "Carla", "Dora", "Emil", "Fritz", "Greta", "Hugo", "Ida", "Jan"]
FILLER_FAMILY = ["Lopresti", "Loparev", "Goyal", "Gorski", "Lombardi", "Goetz", "Lorenz"]


def _register(*extra: Entry) -> Register:
    entries = [
        Entry(
            f"f{number:03d}",
            PersonRecord(
                FILLER_GIVEN[number % 10],
                FILLER_FAMILY[number % 7],
                birth_date=BirthDate(dt.date(1950 + number % 50, 1 + number % 12, 1 + number % 27)),
            ),
        )
        for number in range(300)
    ]
    return Register([*entries, *extra])


@pytest.mark.parametrize(
    ("typed", "registered", "typed_date", "registered_date"),
    [
        (("Om", "Lopes"), ("Ohm", "Lopez"), dt.date(1984, 3, 17), dt.date(1984, 3, 17)),
        (("Munn", "Goya"), ("Mann", "Goia"), dt.date(1990, 11, 5), dt.date(1990, 11, 5)),
        (("Munn", "Goya"), ("Mann", "Goia"), dt.date(1990, 5, 11), dt.date(1990, 11, 5)),
        (
            ("Sylvan", "Sundberg"),
            ("Sandberg", "Silvanus"),
            dt.date(1977, 6, 2),
            dt.date(1977, 6, 2),
        ),
    ],
)
def test_a_person_born_on_the_typed_day_is_found_under_other_spellings(
    typed, registered, typed_date, registered_date
):
    register = _register(
        Entry("right", PersonRecord(*registered, birth_date=BirthDate(registered_date)))
    )
    query = Entry("q", PersonRecord(*typed, birth_date=BirthDate(typed_date)))
    best = link([query], register, top=10)[0]
    assert best.registry_id == "right"
    assert best.score >= 0.5  # shown as a probability a caseworker can read


def test_a_placeholder_date_finds_persons_of_that_year():
    register = _register(
        Entry("right", PersonRecord("Mann", "Goia", birth_date=BirthDate(dt.date(1971, 1, 1))))
    )
    query = Entry("q", PersonRecord("Munn", "Goya", birth_date=BirthDate(dt.date(1971, 8, 14))))
    assert [x.registry_id for x in link([query], register, top=10)][:1] == ["right"]


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Сюсукэ Такахаси", "Shusuke Takahashi"),  # Japanese, Polivanov
        ("Лёринц Ковач", "Lőrinc Kovács"),  # Hungarian
        ("Ярослав Ивашкевич", "Jarosław Iwaszkiewicz"),  # Polish
        ("Щукин", "Chtchoukine"),  # French transcription of Russian
        ("Щукин", "Szczukin"),  # Polish transcription
        ("Хосе Гарсия", "José García"),  # Spanish
    ],
)
def test_cyrillic_names_of_other_origins_match_their_own_spelling(cyrillic, latin):
    assert compare_name_strings(cyrillic, latin).is_match


def test_unrelated_names_stay_apart():
    assert not compare_name_strings("Ярослав Ивашкевич", "Jan Kowalski").is_match
    assert not compare_name_strings("Om Lopes", "Ida Lorenz").is_match


def test_a_placeholder_typed_finds_persons_born_any_day_of_that_year():
    register = _register(
        Entry("right", PersonRecord("Mann", "Goia", birth_date=BirthDate(dt.date(1971, 8, 14))))
    )
    query = Entry("q", PersonRecord("Munn", "Goya", birth_date=BirthDate(dt.date(1971, 1, 1))))
    assert [x.registry_id for x in link([query], register, top=10)][:1] == ["right"]
