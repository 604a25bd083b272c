"""The shown probability weighs the date of birth and the namesakes among the candidates: a
person with the name but another date of birth is not "likely", and a name several persons
carry does not reach "likely" by itself."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.identity.calibration import match_probability, name_probability
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.reconciliation import Entry, Register, link
from wegweiser.identity.scorer import PersonRecord, compare_many, prior_for_registry

PRIOR = prior_for_registry(3_000)


def record(given: str, family: str, born: str | None = None) -> PersonRecord:
    birth = BirthDate(dt.date.fromisoformat(born)) if born else None
    return PersonRecord(given, family, birth_date=birth)


def typed(name: str, born: str | None = None) -> PersonRecord:
    """What a caseworker types in the intake search: the name as one string."""
    return record(name, "", born)


def levels(result) -> set[str]:
    return {e.level for e in result.evidence}


def test_the_namesake_with_the_typed_date_is_likely_the_other_not() -> None:
    first = record("Haider", "Haddad", "1979-04-07")
    second = record("Haider", "Haddad", "1983-11-25")
    same, other = compare_many(typed("Haider Haddad", "1979-04-07"), [first, second], prior=PRIOR)
    assert same.calibrated >= 0.99
    assert other.calibrated < 0.1
    assert "dob.different" in levels(other)


def test_namesakes_without_a_date_share_the_name() -> None:
    results = compare_many(
        typed("Haider Haddad"),
        [record("Haider", "Haddad", "1979-04-07"), record("Haider", "Haddad", "1983-11-25")],
        prior=PRIOR,
    )
    for result in results:
        assert result.namesakes == 2
        assert 0.25 <= result.calibrated < 0.5  # either may be the one: neither is likely
        assert "names.namesakes" in levels(result)
        assert "carried by several candidates (2)" in result.explanation


def test_the_same_name_across_scripts_counts_as_a_namesake() -> None:
    results = compare_many(
        typed("Haider Haddad"),
        [record("Haider", "Haddad", "1979-04-07"), record("حيدر", "حداد", "1983-11-25")],
        prior=PRIOR,
    )
    assert [r.namesakes for r in results] == [2, 2]
    assert all(r.calibrated < 0.5 for r in results)


def test_a_name_dozens_carry_is_weak_evidence_for_each_of_them() -> None:
    register = [record("Mohammad", "Ahmadi", f"{1960 + n}-03-{n % 27 + 1:02d}") for n in range(30)]
    results = compare_many(typed("Mohammad Ahmadi"), register, prior=PRIOR)
    assert all(r.namesakes == 30 for r in results)
    assert max(r.calibrated for r in results) < 0.05
    # the date of birth still singles out the one born that day
    dated = compare_many(typed("Mohammad Ahmadi", "1965-03-06"), register, prior=PRIOR)
    best = max(dated, key=lambda r: r.calibrated)
    assert best is dated[5] and best.calibrated >= 0.9
    assert sorted(r.calibrated for r in dated)[-2] < 0.05


def test_one_person_with_the_name_is_likely_and_the_date_moves_it_both_ways() -> None:
    candidate = record("Farhad", "Zamanzadeh", "1985-09-03")

    def shown(born: str | None) -> float:
        (result,) = compare_many(typed("Farhad Zamanzadeh", born), [candidate], prior=PRIOR)
        return result.calibrated

    unknown, same, swapped, different = (
        shown(None),
        shown("1985-09-03"),
        shown("1985-03-09"),
        shown("1990-05-14"),
    )
    assert unknown >= 0.9
    assert different < unknown < swapped < same
    assert same >= 0.99


def test_a_stranger_born_the_same_day_is_not_made_likely_by_the_date() -> None:
    (result,) = compare_many(
        typed("Farhad Zamanzadeh", "1985-09-03"), [record("Olena", "Kovalenko", "1985-09-03")]
    )
    assert "dob.exact" in levels(result)
    assert result.calibrated < 0.05


def test_the_shown_value_is_the_name_share_divided_among_namesakes() -> None:
    alone = name_probability(12.0)
    assert match_probability(name_weight=12.0, other_weight=0.0) == pytest.approx(alone)
    assert match_probability(name_weight=12.0, other_weight=0.0, namesakes=4) == pytest.approx(
        alone / 4
    )
    # names that disagree keep falling below the fitted points
    assert name_probability(-20.0) < name_probability(-10.0) <= name_probability(-5.0)


def test_identity_link_shows_what_the_search_page_shows() -> None:
    register = Register(
        [
            Entry("r1", record("Haider", "Haddad", "1979-04-07")),
            Entry("r2", record("Haider", "Haddad", "1983-11-25")),
            Entry("r3", record("Olena", "Kovalenko", "1990-05-14")),
        ]
    )
    query = Entry("q1", record("Haider", "Haddad", "1979-04-07"))
    scores = {x.registry_id: x.score for x in link([query], register)}
    ids = register.candidates(query.record)
    expected = compare_many(
        query.record,
        [register.records[i] for i in ids],
        prior=prior_for_registry(len(register.records)),
    )
    assert scores == {i: r.calibrated for i, r in zip(ids, expected, strict=True)}
    assert scores["r1"] >= 0.99 and scores["r2"] < 0.1
