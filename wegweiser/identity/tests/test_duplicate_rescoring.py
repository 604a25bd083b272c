"""The duplicate job's second stage: the scorer's name comparison, weighed by the register's
own name frequencies, lifts a pair Splink's keys miss across scripts, and leaves different
people and namesakes of common names below the threshold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wegweiser.identity import duplicate_model, duplicate_rescoring
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.duplicate_rescoring import (
    DEFAULT_THRESHOLD,
    MATCHER_LEVEL,
    MATCHER_WEAKER_LEVEL,
    NAME_WEIGHT_CAP,
    find_duplicates,
    register_frequencies,
    register_place_shares,
    rescore,
    upper_bound,
)
from wegweiser.identity.scorer import NameSpelling, PersonRecord, compare_persons

BORN = BirthDate(dt.date(1996, 3, 7))


def _splink_pair(name_level: str, name_weight: float) -> duplicate_model.PredictedPair:
    """A pair as Splink scores it: the same real birthday and nationality, the name as given,
    and a prior of a register of 100,000 persons (-21 bits)."""
    fields: dict[str, dict[str, Any]] = {
        "name": {"level": name_level, "weight": name_weight},
        "dob": {"level": "exact", "weight": 14.4},
        "nationality": {"level": "same", "weight": 2.6},
        "place_of_birth": {"level": "missing", "weight": 0.0},
        "sex": {"level": "same", "weight": 1.0},
    }
    weight = -21.0 + sum(f["weight"] for f in fields.values())
    return duplicate_model.PredictedPair(1, 2, 1 / (1 + 2**-weight), weight, fields)


def _arabic(given: str, family: str) -> PersonRecord:
    return PersonRecord("", "", other_spellings=(NameSpelling(given, family),), birth_date=BORN)


def test_a_person_written_in_the_other_script_is_lifted_over_the_threshold():
    latin = PersonRecord("Alaric", "Dragomir", birth_date=BORN, nationalities=("SY",))
    arabic = _arabic("ألاريك", "دراغومير")
    pair = _splink_pair("different", -5.6)  # Splink's keys do not meet: no shared skeleton
    assert pair.probability < DEFAULT_THRESHOLD

    rescored = rescore(pair, compare_persons(latin, arabic, prior=0.5))

    assert rescored.probability >= DEFAULT_THRESHOLD
    assert rescored.fields["name"]["level"] == MATCHER_LEVEL
    assert rescored.fields["name"]["splink_level"] == "different"
    assert rescored.fields["name"]["weight"] > 0


def test_different_people_born_the_same_day_stay_below_the_threshold():
    latin = PersonRecord("Alaric", "Dragomir", birth_date=BORN, nationalities=("SY",))
    other = _arabic("سسمو", "قمبيز")  # Susumu Cambyses
    pair = _splink_pair("different", -5.6)

    rescored = rescore(pair, compare_persons(latin, other, prior=0.5))

    assert rescored.probability < DEFAULT_THRESHOLD
    assert rescored.fields["name"]["weight"] < 0  # the scorer finds the names different too


def test_splink_keeps_its_weight_where_it_is_the_stronger_evidence():
    same = PersonRecord("Alaric", "Dragomir", birth_date=BORN)
    pair = _splink_pair("same_spelling", 15.0)

    rescored = rescore(pair, compare_persons(same, same, prior=0.5))

    assert rescored.fields["name"] == pair.fields["name"]
    assert rescored.match_weight >= pair.match_weight


def test_a_common_name_splink_matched_keeps_its_register_frequency_weight():
    # Splink saw the same spelling but weighs it little: the name is common in this register
    # (namesakes). The scorer, without the register's frequencies, would weigh it more.
    same = PersonRecord("Alaric", "Dragomir", birth_date=BORN)
    pair = _splink_pair("same_spelling", 1.0)

    rescored = rescore(pair, compare_persons(same, same, prior=0.5))

    assert rescored.fields["name"] == pair.fields["name"]
    assert rescored.probability == pair.probability


# --- the register's name frequencies ---------------------------------------------------------

PLACEHOLDER = BirthDate(dt.date(1996, 1, 1), placeholder=True)
OTHER_DAY = BirthDate(dt.date(1971, 10, 2))


def _pair_with_date(
    dob_level: str, dob_weight: float, name_level: str = "consonants", name_weight: float = 9.8
) -> duplicate_model.PredictedPair:
    """A cross-script pair as Splink scores it in a register of 100,000 persons (-21 bits):
    its keys meet only on the consonants of the names (by default; its trained weight, 9.8
    bits), the nationality and the sex agree, the date of birth as given."""
    fields: dict[str, dict[str, Any]] = {
        "name": {"level": name_level, "weight": name_weight},
        "dob": {"level": dob_level, "weight": dob_weight},
        "nationality": {"level": "same", "weight": 2.9},
        "place_of_birth": {"level": "missing", "weight": 0.0},
        "sex": {"level": "same", "weight": 1.0},
    }
    weight = -21.0 + sum(f["weight"] for f in fields.values())
    return duplicate_model.PredictedPair(1, 2, 1 / (1 + 2**-weight), weight, fields)


def _carried_by(share: float):
    """Name frequencies of a register in which every name part is carried by ``share``."""
    return lambda key: share


# Alaric Aaltonen, written in Latin and in Arabic script: the spelling dictionary knows
# neither name, the scorer reads each Latin spelling out of the Arabic letters ("reading").
LATIN = PersonRecord("Alaric", "Aaltonen", birth_date=PLACEHOLDER, nationalities=("SY",))


def _in_arabic(birth_date: BirthDate) -> PersonRecord:
    return PersonRecord(
        "", "", other_spellings=(NameSpelling("ألاريك", "آلتونن"),), birth_date=birth_date
    )


def test_a_rare_name_in_the_other_script_with_a_placeholder_date_is_proposed():
    # The old job missed this pair: Splink's keys meet only on the consonants, the date is a
    # placeholder year, and the scorer weighed the names as names of ordinary frequency.
    pair = _pair_with_date("placeholder_same_year", 5.4)
    assert pair.probability < DEFAULT_THRESHOLD

    rare = compare_persons(LATIN, _in_arabic(BORN), prior=0.5, frequencies=_carried_by(2e-5))
    rescored = rescore(pair, rare)

    assert {e.level for e in rare.evidence} >= {"given_name.reading", "family_name.reading"}
    assert rescored.probability >= DEFAULT_THRESHOLD
    assert rescored.fields["name"]["level"] == MATCHER_LEVEL
    assert rescored.fields["name"]["splink_level"] == "consonants"


def test_namesakes_of_common_names_in_the_same_birth_year_are_not_proposed():
    # Each name part carried by one person in 50 (as Mohammad and Ahmadi are): agreeing on
    # them and on a placeholder year is what namesakes do. Splink's weight for names whose
    # keys meet on one name and look similar on the other (12.3 bits, trained) does not know
    # that and would propose the pair; the register's frequencies do, and they replace it.
    pair = _pair_with_date("placeholder_same_year", 5.4, "one_similar", 12.3)
    assert pair.probability >= DEFAULT_THRESHOLD

    common = compare_persons(LATIN, _in_arabic(BORN), prior=0.5, frequencies=_carried_by(0.02))
    rescored = rescore(pair, common)

    assert rescored.probability < DEFAULT_THRESHOLD
    assert rescored.fields["name"]["weight"] < 12.3
    assert rescored.fields["name"]["level"] == MATCHER_WEAKER_LEVEL  # the review page says why


def test_a_namesake_with_another_date_of_birth_is_not_proposed():
    # Names each carried by one person in 1,000, and two different real dates of birth.
    pair = _pair_with_date("different", -3.9)
    namesake = PersonRecord(
        "Alaric", "Aaltonen", birth_date=BirthDate(dt.date(1996, 3, 7)), nationalities=("SY",)
    )

    result = compare_persons(
        namesake, _in_arabic(OTHER_DAY), prior=0.5, frequencies=_carried_by(1e-3)
    )

    assert rescore(pair, result).probability < DEFAULT_THRESHOLD


def test_the_register_frequencies_count_each_person_once_in_any_script():
    records = [
        PersonRecord("Mohammad", "Ahmadi"),
        PersonRecord("", "", other_spellings=(NameSpelling("محمد", "محمد"),)),
        PersonRecord("Alaric", "Mohammed"),
        PersonRecord("Alaric", "Aaltonen"),
    ]
    table = duplicate_model.comparison_table(
        duplicate_model.comparison_row(i, r) for i, r in enumerate(records, 1)
    )

    frequency = register_frequencies(table)

    assert frequency("g:muhammad") == 3 / 4  # given or family name, Latin or Arabic script
    assert frequency(next(k for k in _keys("Alaric") if k.startswith("p:"))) == 2 / 4
    assert frequency("p:nobody-is-called-this") is None


def _keys(name: str) -> tuple[str, ...]:
    from wegweiser.identity.analysis import analyse_name

    return analyse_name(name).parts[0].frequency_keys


def _register_with(others: list[PersonRecord]) -> Any:
    records = [LATIN, _in_arabic(BORN), *others]
    return duplicate_model.comparison_table(
        duplicate_model.comparison_row(i, r) for i, r in enumerate(records, 1)
    ), {i: r for i, r in enumerate(records, 1)}


def _job_on(others: list[PersonRecord], monkeypatch) -> list[duplicate_model.PredictedPair]:
    """The rescoring stage as the job runs it, on a register of the pair and ``others``, with
    Splink's candidate (weights of a register of 100,000) given."""
    table, records = _register_with(others)
    candidate = _pair_with_date("placeholder_same_year", 5.4, "one_similar", 12.3)
    monkeypatch.setattr(
        duplicate_model,
        "find_duplicates",
        lambda *args, keep, **kwargs: duplicate_model.LinkageResult(keep([candidate]), {}),
    )
    return find_duplicates(table, lambda ids: {i: records[i] for i in ids}).pairs


def _made_up_name(number: int) -> str:
    syllables = ("ba", "ko", "ri", "tu", "me", "sa", "lo", "fi", "ne", "du")
    return "".join(syllables[int(d)] for d in f"{number:03d}").capitalize()


def test_the_job_weighs_the_names_by_how_common_they_are_in_its_register(monkeypatch):
    strangers = [PersonRecord(_made_up_name(i), _made_up_name(999 - i)) for i in range(500)]
    namesakes = [PersonRecord("Alaric", "Aaltonen") for _ in range(30)]

    # two of 502 persons carry the names: the pair goes to the review queue
    assert [(p.low_id, p.high_id) for p in _job_on(strangers, monkeypatch)] == [(1, 2)]
    # 32 of 532 do: as likely namesakes as one person
    assert _job_on(strangers + namesakes, monkeypatch) == []


# --- the cap on the names, places across scripts, the bound -----------------------------------

# Three rare parts (given name, the father's name, family name), written in Latin and in
# Arabic script, none of them in the spelling dictionary.
THREE_PARTS = PersonRecord("Alaric Dragomir", "Aaltonen", birth_date=PLACEHOLDER)
THREE_PARTS_ARABIC = PersonRecord(
    "",
    "",
    other_spellings=(NameSpelling("ألاريك دراغومير", "آلتونن"),),
    birth_date=PLACEHOLDER,
)


def _namesakes(nationality_level: str, nationality_weight: float) -> duplicate_model.PredictedPair:
    """Two records of one rare three-part name and birth year (a placeholder 01.01. on both),
    sexes the same, as Splink scores them in a register of 100,000 (-21 bits)."""
    fields: dict[str, dict[str, Any]] = {
        "name": {"level": "consonants", "weight": 9.8},
        "dob": {"level": "placeholder_same_year", "weight": 5.4},
        "nationality": {"level": nationality_level, "weight": nationality_weight},
        "place_of_birth": {"level": "missing", "weight": 0.0},
        "sex": {"level": "same", "weight": 1.0},
    }
    weight = -21.0 + sum(f["weight"] for f in fields.values())
    return duplicate_model.PredictedPair(1, 2, 1 / (1 + 2**-weight), weight, fields)


def test_a_whole_name_weighs_at_most_the_cap_so_the_other_fields_decide(monkeypatch):
    rare = compare_persons(
        THREE_PARTS, THREE_PARTS_ARABIC, prior=0.5, frequencies=_carried_by(2e-5)
    )
    # another nationality: namesakes (a father's and a family name repeat among relatives)
    namesakes = rescore(_namesakes("different", -4.4), rare)
    # the same nationality: as likely the same person as the fields can tell
    same = rescore(_namesakes("same", 2.9), rare)

    assert namesakes.fields["name"]["weight"] == NAME_WEIGHT_CAP
    assert namesakes.fields["name"]["capped_from"] > NAME_WEIGHT_CAP + 5  # three rare parts
    assert namesakes.probability < DEFAULT_THRESHOLD
    assert same.probability >= DEFAULT_THRESHOLD

    # without the cap, the summed parts would outweigh the different nationality
    monkeypatch.setattr(duplicate_rescoring, "NAME_WEIGHT_CAP", 1000.0)
    assert rescore(_namesakes("different", -4.4), rare).probability >= DEFAULT_THRESHOLD


def test_a_name_splink_weighed_above_the_cap_is_capped_too():
    same = PersonRecord("Alaric", "Dragomir", birth_date=BORN)
    pair = _splink_pair("same_spelling", 30.0)

    rescored = rescore(pair, compare_persons(same, same, prior=0.5))

    assert rescored.fields["name"]["weight"] == NAME_WEIGHT_CAP
    assert rescored.match_weight == pair.match_weight - (30.0 - NAME_WEIGHT_CAP)


def _with_places(place_a: str, place_b: str) -> tuple[PersonRecord, PersonRecord]:
    latin = PersonRecord("Alaric", "Aaltonen", birth_date=PLACEHOLDER, place_of_birth=place_a)
    arabic = PersonRecord(
        "",
        "",
        other_spellings=(NameSpelling("ألاريك", "آلتونن"),),
        birth_date=PLACEHOLDER,
        place_of_birth=place_b,
    )
    return latin, arabic


def _place_pair(place_level: str) -> duplicate_model.PredictedPair:
    pair = _pair_with_date("placeholder_same_year", 5.4)
    fields = {**pair.fields, "place_of_birth": {"level": place_level, "weight": -0.3}}
    weight = pair.match_weight - 0.3
    return duplicate_model.PredictedPair(1, 2, 1 / (1 + 2**-weight), weight, fields)


def test_a_place_written_in_two_scripts_weighs_by_how_common_it_is_in_the_register():
    latin, arabic = _with_places("Gigandet", "جيجنديت")
    result = compare_persons(latin, arabic, prior=0.5, frequencies=_carried_by(1e-3))

    village = rescore(_place_pair("different"), result, (1e-4, 1e-4))
    town = rescore(_place_pair("different"), result, (0.05, 0.05))

    assert village.fields["place_of_birth"]["level"] == MATCHER_LEVEL
    assert village.fields["place_of_birth"]["weight"] > 13  # 1 in 10,000 born there
    assert 4 <= town.fields["place_of_birth"]["weight"] < 5  # the scorer's "same" (4 bits)
    assert village.probability > town.probability


def test_different_places_in_two_scripts_are_not_read_alike():
    latin, arabic = _with_places("Gigandet", "مالوان")  # Mallowan
    result = compare_persons(latin, arabic, prior=0.5, frequencies=_carried_by(1e-3))

    rescored = rescore(_place_pair("different"), result, (1e-4, 1e-4))

    assert rescored.fields["place_of_birth"]["weight"] <= 0


def test_the_register_place_shares_count_persons_born_in_each_place():
    records = [
        PersonRecord("A", "B", place_of_birth="Aleppo"),
        PersonRecord("C", "D", place_of_birth="Aleppo"),
        PersonRecord("E", "F", place_of_birth="Gigandet"),
        PersonRecord("G", "H"),
    ]
    table = duplicate_model.comparison_table(
        duplicate_model.comparison_row(i, r) for i, r in enumerate(records, 1)
    )

    assert register_place_shares(table) == {1: 2 / 4, 2: 2 / 4, 3: 1 / 4}


def test_the_bound_is_never_below_what_rescoring_makes_of_a_pair():
    latin, arabic = _with_places("Gigandet", "جيجنديت")
    three = compare_persons(
        THREE_PARTS, THREE_PARTS_ARABIC, prior=0.5, frequencies=_carried_by(2e-5)
    )
    places = compare_persons(latin, arabic, prior=0.5, frequencies=_carried_by(2e-5))
    pairs = [
        _namesakes("different", -4.4),
        _splink_pair("same_spelling", 30.0),
        _splink_pair("different", -5.6),
        _place_pair("different"),
        _place_pair("similar"),
    ]
    for pair in pairs:
        for result in (three, places):
            for shares in (None, (1e-5, 2e-5), (0.3, 0.01)):
                rescored = rescore(pair, result, shares)
                assert rescored.match_weight <= upper_bound(pair, shares) + 1e-9
