# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""The scorer separates true duplicates from different people who share common names."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.identity.dates import BirthDate, DatePrecision
from wegweiser.identity.keys import name_keys
from wegweiser.identity.scorer import (
    EXPLANATIONS,
    FIELD_LEVELS,
    NameSpelling,
    PersonRecord,
    compare_many,
    compare_name_strings,
    compare_persons,
    prepare_person,
    prior_for_registry,
)


def born(iso: str, precision: DatePrecision = DatePrecision.EXACT) -> BirthDate:
    return BirthDate(dt.date.fromisoformat(iso), precision)


def placeholder(year: int) -> BirthDate:
    return BirthDate(dt.date(year, 1, 1), DatePrecision.EXACT, placeholder=True)


def person(
    given: str,
    family: str,
    dob: BirthDate | None = None,
    nationalities: tuple[str, ...] = (),
    place: str = "",
    other: tuple[tuple[str, str], ...] = (),
) -> PersonRecord:
    spellings = tuple(NameSpelling(g, f) for g, f in other)
    return PersonRecord(given, family, spellings, dob, nationalities, place)


TRUE_PAIRS_CASES: list[tuple[str, PersonRecord, PersonRecord]] = [
    (
        "transliteration variants of both names",
        person("Mohammad", "Ahmadi", born("1990-03-14"), ("AF",)),
        person("Muhammad", "Ahmady", born("1990-03-14"), ("AF",)),
    ),
    (
        "arabic script against latin, placeholder birthday, place in both scripts",
        person("محمد", "أحمدي", placeholder(1992), ("AF",), "کابل"),
        person("Mohamed", "Ahmadi", placeholder(1992), ("AF",), "Kabul"),
    ),
    (
        "ukrainian cyrillic against passport spelling, day and month swapped",
        person("Олександр", "Шевченко", born("1985-04-07"), ("UA",)),
        person("Oleksandr", "Shevchenko", born("1985-07-04"), ("UA",)),
    ),
    (
        "russian form of a ukrainian given name",
        person("Oleksandr", "Kovalenko", born("1979-11-23"), ("UA",)),
        person("Aleksandr", "Kovalenko", born("1979-11-23"), ("UA",)),
    ),
    (
        "german transcription of cyrillic",
        person("Юлія", "Коваленко", born("1993-02-11")),
        person("Julija", "Kowalenko", born("1993-02-11")),
    ),
    (
        "persian vowels and a year-only date of birth",
        person("Hossein", "Rezaei", born("1988-05-05"), ("IR",), "Mashhad"),
        person("Hussein", "Rezai", born("1988-06-30", DatePrecision.YEAR), ("IR",), "مشهد"),
    ),
    (
        "abd with its name as one unit, article dropped",
        person("Abdulrahman", "Al-Khalil", born("1980-02-02"), ("SY",)),
        person("Abd al-Rahman", "Khalil", born("1980-02-02"), ("SY",)),
    ),
    (
        "given and family name swapped",
        person("Zainab", "Rahimi", born("1995-09-30"), ("AF",)),
        person("Rahimi", "Zainab", born("1995-09-30"), ("AF",)),
    ),
    (
        "tigrinya in ge'ez script",
        person("ተስፋይ", "ገብረመድህን", placeholder(1996), ("ER",)),
        person("Tesfay", "Gebremedhin", placeholder(1996), ("ER",)),
    ),
    (
        "german umlaut",
        person("Anna", "Müller", born("1970-05-05"), ("DE",)),
        person("Anna", "Mueller", born("1970-05-05"), ("DE",)),
    ),
    (
        "year off by one",
        person("Khaled", "Al-Masri", born("1991-05-12"), ("SY",)),
        person("Khalid", "Almasri", born("1990-05-12"), ("SY",)),
    ),
    (
        "compound given name written together",
        person("Mohammad Reza", "Hosseini", born("1988-06-01"), ("IR",)),
        person("Mohammadreza", "Hosseini", born("1988-06-01"), ("IR",)),
    ),
    (
        "turkish dotless i",
        person("Mehmet", "Yılmaz", born("1975-12-01"), ("TR",)),
        person("Mehmet", "Yilmaz", born("1975-12-01"), ("TR",)),
    ),
    (
        "patronymic in one record only",
        person("Іван Петрович", "Сидоренко", born("1966-08-19"), ("UA",)),
        person("Ivan", "Sydorenko", born("1966-08-19"), ("UA",)),
    ),
    (
        "title in one record",
        person("Haji Gul Mohammad", "Stanikzai", placeholder(1970), ("AF",)),
        person("Gul Mohammad", "Stanikzai", placeholder(1970), ("AF",)),
    ),
    (
        "original script kept as a further spelling",
        person("Hussein", "Al-Ali", born("1984-10-10"), ("IQ",), other=(("حسين", "العلي"),)),
        person("Husain", "Alali", born("1984-10-10"), ("IQ",)),
    ),
    (
        "no family name in one record",
        person("Noor Ahmad", "", placeholder(1990), ("AF",)),
        person("Noor Ahmad", "Noori", placeholder(1990), ("AF",)),
    ),
    (
        "unflagged first of january",
        person("Ahmad Shah", "Ahmadzai", born("1985-01-01"), ("AF",)),
        person("Ahmad Shah", "Ahmadzai", placeholder(1985), ("AF",)),
    ),
]
TRUE_PAIRS = [pytest.param(a, b, id=label) for label, a, b in TRUE_PAIRS_CASES]

FALSE_PAIRS_CASES: list[tuple[str, PersonRecord, PersonRecord]] = [
    (
        "most common name, different dates of birth",
        person("Mohammad", "Ahmadi", born("1990-03-14"), ("AF",)),
        person("Mohammad", "Ahmadi", born("1987-07-02"), ("AF",)),
    ),
    (
        "most common name, placeholder birthdays five years apart",
        person("Mohammad", "Ahmadi", placeholder(1990), ("AF",)),
        person("Mohammad", "Ahmadi", placeholder(1995), ("AF",)),
    ),
    (
        "common ukrainian name, different date and place of birth",
        person("Oleksandr", "Shevchenko", born("1985-04-07"), ("UA",), "Kyiv"),
        person("Oleksandr", "Shevchenko", born("1979-11-23"), ("UA",), "Odesa"),
    ),
    (
        "same given name and year, different family name",
        person("Fatima", "Rahimi", placeholder(1990), ("AF",)),
        person("Fatima", "Karimi", placeholder(1990), ("AF",)),
    ),
    (
        "same name, placeholder birthdays two years apart",
        person("Ahmad", "Karimi", placeholder(1999), ("AF",)),
        person("Ahmad", "Karimi", placeholder(2001), ("AF",)),
    ),
    (
        "hassan and hussein are different names",
        person("Hassan", "Ali", born("1993-04-04"), ("SY",)),
        person("Hussein", "Ali", born("1991-10-21"), ("SY",)),
    ),
    (
        "brothers: abd names differ in the second word",
        person("Abdullah", "Mohammadi", placeholder(1994), ("AF",)),
        person("Abdulrahman", "Mohammadi", placeholder(1994), ("AF",)),
    ),
    (
        "same name, years apart",
        person("Maryam", "Hosseini", placeholder(1992), ("AF",)),
        person("Mariam", "Hosseini", born("1998-06-15"), ("AF",)),
    ),
    (
        "same name across scripts, different date of birth",
        person("محمد", "حسن", born("1988-02-17"), ("SY",)),
        person("Mohamed", "Hassan", born("1979-09-09"), ("SY",)),
    ),
    (
        "same birthday, different names",
        person("Ali", "Rezaei", born("1990-03-14"), ("AF",)),
        person("Omar", "Sultani", born("1990-03-14"), ("AF",)),
    ),
    (
        "sisters with placeholder birthdays in the same year",
        person("Zainab", "Ahmadi", placeholder(2001), ("AF",)),
        person("Fatima", "Ahmadi", placeholder(2001), ("AF",)),
    ),
]
FALSE_PAIRS = [pytest.param(a, b, id=label) for label, a, b in FALSE_PAIRS_CASES]


@pytest.mark.parametrize(("a", "b"), TRUE_PAIRS)
def test_true_duplicate_is_recognised(a: PersonRecord, b: PersonRecord) -> None:
    assert compare_persons(a, b).probability >= 0.8


@pytest.mark.parametrize(("a", "b"), FALSE_PAIRS)
def test_different_people_with_shared_names_are_kept_apart(
    a: PersonRecord, b: PersonRecord
) -> None:
    assert compare_persons(a, b).probability <= 0.05


def test_every_true_pair_scores_above_every_false_pair() -> None:
    true_scores = [compare_persons(a, b).match_weight for _, a, b in TRUE_PAIRS_CASES]
    false_scores = [compare_persons(a, b).match_weight for _, a, b in FALSE_PAIRS_CASES]
    assert min(true_scores) > max(false_scores)


@pytest.mark.parametrize(("a", "b"), TRUE_PAIRS + FALSE_PAIRS)
def test_score_does_not_depend_on_which_record_comes_first(
    a: PersonRecord, b: PersonRecord
) -> None:
    assert compare_persons(a, b).match_weight == pytest.approx(compare_persons(b, a).match_weight)


def test_explanation_names_each_field_with_a_stable_code_and_a_sentence() -> None:
    result = compare_persons(
        person("حسين", "الحسن", placeholder(1990), ("SY",)),
        person("Hossein", "Al-Hassan", placeholder(1990), ("SY",)),
    )
    levels = {item.field: item.level for item in result.evidence}
    assert levels == {
        "given_name": "given_name.transliteration",
        "family_name": "family_name.transliteration",
        "dob": "dob.placeholder_same_year",
        "nationality": "nationality.same",
        "place_of_birth": "place_of_birth.missing",
    }
    assert "Date of birth: placeholder, same year" in result.explanation
    assert "Given name: same name, transliterated (حسين / Hossein)" in result.explanation


def test_same_arabic_spelling_is_explained_as_such() -> None:
    result = compare_persons(person("محمد", "الحسن"), person("محمد", "الحسن"))
    assert result.evidence[1].text == "Family name: same in Arabic script"


def test_every_level_the_scorer_can_report_has_an_english_sentence() -> None:
    for field_name, levels in FIELD_LEVELS.items():
        for code in levels:
            assert f"{field_name}.{code}" in EXPLANATIONS


def test_m_probabilities_of_each_field_sum_to_one() -> None:
    for field_name in ("family_name", "given_name", "nationality", "place_of_birth"):
        levels = FIELD_LEVELS[field_name]
        distinct = {
            code: level
            for code, level in levels.items()
            if code not in ("exact", "transliteration")
        }
        assert sum(level.m for level in distinct.values()) == pytest.approx(1.0)
    full_date_levels = (
        "exact",
        "day_month_swapped",
        "year_off_by_one",
        "one_part_differs",
        "different",
    )
    assert sum(FIELD_LEVELS["dob"][code].m for code in full_date_levels) == pytest.approx(1.0)


def test_placeholder_dates_match_on_the_year_only() -> None:
    names = ("Ahmad", "Karimi")
    same_day = compare_persons(
        person(*names, born("1990-03-14")), person(*names, born("1990-03-14"))
    )
    placeholders = compare_persons(
        person(*names, placeholder(1990)), person(*names, placeholder(1990))
    )
    assert placeholders.evidence[2].level == "dob.placeholder_same_year"
    assert 0 < placeholders.evidence[2].weight < same_day.evidence[2].weight


def test_swapped_day_and_month_is_near_and_year_off_by_one_weaker() -> None:
    def dob_weight(a: str, b: str) -> float:
        return (
            compare_persons(person("Ali", "Karimi", born(a)), person("Ali", "Karimi", born(b)))
            .evidence[2]
            .weight
        )

    exact = dob_weight("1990-03-14", "1990-03-14")
    swapped = dob_weight("1990-03-04", "1990-04-03")
    year_off = dob_weight("1990-03-14", "1991-03-14")
    different = dob_weight("1990-03-14", "1984-09-28")
    assert exact > swapped > year_off > 0 > different


def test_missing_data_is_neutral() -> None:
    a = person("Ali", "Karimi", born("1990-03-14"), ("AF",), "Herat")
    b = person("Ali", "Karimi")
    result = compare_persons(a, b)
    assert {
        item.field: item.weight for item in result.evidence if item.level.endswith(".missing")
    } == {
        "dob": 0.0,
        "nationality": 0.0,
        "place_of_birth": 0.0,
    }
    names_only = compare_persons(person("Ali", "Karimi"), person("Ali", "Karimi"))
    assert result.match_weight == pytest.approx(names_only.match_weight)


def test_common_names_are_weaker_evidence_than_rare_names() -> None:
    dob = born("1990-03-14")
    common = compare_persons(person("Mohammad", "Ahmadi", dob), person("Mohammad", "Ahmadi", dob))
    rare = compare_persons(person("Zarlasht", "Wardak", dob), person("Zarlasht", "Wardak", dob))
    assert rare.match_weight > common.match_weight + 4


def test_register_frequencies_replace_the_built_in_ones() -> None:
    a = person("Zarlasht", "Wardak", placeholder(1990))
    common_in_this_register = name_keys("Zarlasht Wardak")

    def register(key: str) -> float | None:
        return 0.05 if key in common_in_this_register else None

    built_in = compare_persons(a, a)
    from_register = compare_persons(a, a, frequencies=register)
    assert from_register.match_weight < built_in.match_weight - 5


def test_larger_register_lowers_the_probability_of_the_same_evidence() -> None:
    a = person("Mohammad", "Ahmadi", placeholder(1990), ("AF",))
    small = compare_persons(a, a, prior=prior_for_registry(1_000))
    large = compare_persons(a, a, prior=prior_for_registry(1_000_000))
    assert small.probability > 0.9 > large.probability
    assert small.match_weight - large.match_weight == pytest.approx(math.log2(1000), abs=0.01)


def test_swapped_names_cost_something_but_still_match() -> None:
    dob = born("1995-09-30")
    straight = compare_persons(person("Zainab", "Rahimi", dob), person("Zainab", "Rahimi", dob))
    swapped = compare_persons(person("Zainab", "Rahimi", dob), person("Rahimi", "Zainab", dob))
    assert any(item.level == "names.swapped" for item in swapped.evidence)
    assert straight.match_weight > swapped.match_weight
    assert swapped.is_match


def test_prepared_records_score_like_plain_records() -> None:
    query = person("Олександр", "Шевченко", born("1985-04-07"))
    candidates = [
        person("Oleksandr", "Shevchenko", born("1985-04-07")),
        person("Olena", "Shevchuk"),
    ]
    prepared = prepare_person(query)
    results = compare_many(prepared, candidates)
    assert [r.probability for r in results] == [
        compare_persons(query, c).probability for c in candidates
    ]
    assert results[0].probability > 0.99 > 0.01 > results[1].probability


NAME_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)


@settings(max_examples=150, deadline=None, database=None)
@given(NAME_TEXT, NAME_TEXT, NAME_TEXT, NAME_TEXT)
def test_scorer_never_crashes_and_returns_a_probability(ga: str, fa: str, gb: str, fb: str) -> None:
    result = compare_persons(person(ga, fa), person(gb, fb))
    assert 0.0 <= result.probability <= 1.0
    assert math.isfinite(result.match_weight)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammad Ahmadi", "Muhammad Ahmady"),
        ("محمد احمدی", "Mohammad Ahmadi"),
        ("Ahmadi Mohammad", "Mohammad Ahmadi"),
        ("Олександр Шевченко", "Oleksandr Shevchenko"),
        ("Abd al-Rahman Khalil", "Abdulrahman Khalil"),
    ],
)
def test_name_strings_that_spell_the_same_name_agree(a: str, b: str) -> None:
    assert compare_name_strings(a, b).probability > 0.95


def test_name_strings_are_only_as_close_as_their_weakest_part() -> None:
    weak = compare_name_strings("Hassan Ali", "Hussein Ali")
    assert weak.evidence[0].level == "name.similar"
    assert 0.5 < weak.probability < 0.7
    assert compare_name_strings("Fatima Rahimi", "Zainab Karimi").probability < 0.05


def test_unknown_name_in_arabic_script_is_explained_as_a_reading_of_the_latin_spelling() -> None:
    # Hertwig and Wolfsburg are in no spelling dictionary; read out of the Arabic letters
    # they agree, and the caseworker is told how
    arabic = person("هيرتفيغ", "فولفسبورغ", born("1990-03-14"))
    latin = person("Hertwig", "Wolfsburg", born("1990-03-14"))
    result = compare_persons(arabic, latin)
    assert "Given name: a possible reading of the Arabic-script spelling" in result.explanation
    assert "Family name: a possible reading of the Arabic-script spelling" in result.explanation
    assert result.is_match
    # the same consonants with other vowels are weaker evidence than a reading
    consonants_only = compare_persons(
        person("هيرتفيغ", "فولفسبورغ"), person("Hartwag", "Wolfsburg")
    )
    assert compare_persons(
        person("هيرتفيغ", "فولفسبورغ"), person("Hertwig", "Wolfsburg")
    ).match_weight > (consonants_only.match_weight)


def test_look_alike_latin_spelling_the_arabic_letters_cannot_give_is_not_the_same_name() -> None:
    # Hassan is a known spelling of حسن; حسين writes a long i that Hassan does not have
    assert not compare_name_strings("حسين", "Hassan").is_match
    assert compare_name_strings("حسين", "Hussein").is_match
