"""The duplicate job's second stage: the scorer's name comparison lifts a pair Splink's keys
miss across scripts, and leaves a pair of different people where it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

from wegweiser.identity import duplicate_model
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.duplicate_rescoring import MATCHER_LEVEL, rescore
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
    assert pair.probability < 0.5

    rescored = rescore(pair, compare_persons(latin, arabic, prior=0.5))

    assert rescored.probability >= 0.5
    assert rescored.fields["name"]["level"] == MATCHER_LEVEL
    assert rescored.fields["name"]["splink_level"] == "different"
    assert rescored.fields["name"]["weight"] > 0


def test_different_people_born_the_same_day_stay_below_the_threshold():
    latin = PersonRecord("Alaric", "Dragomir", birth_date=BORN, nationalities=("SY",))
    other = _arabic("سسمو", "قمبيز")  # Susumu Cambyses
    pair = _splink_pair("different", -5.6)

    rescored = rescore(pair, compare_persons(latin, other, prior=0.5))

    assert rescored.probability < 0.5
    assert rescored.fields["name"]["level"] == "different"


def test_splink_keeps_its_weight_where_it_is_the_stronger_evidence():
    same = PersonRecord("Alaric", "Dragomir", birth_date=BORN)
    pair = _splink_pair("same_spelling", 30.0)

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
