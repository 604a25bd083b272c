"""The matcher ranks by occupation, German, commute and availability, and never scores away a
hard constraint; both directions give the same pair the same score."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.jobs.matching import (
    CourseTime,
    Hours,
    Match,
    OccupationSpace,
    Permission,
    PersonFeatures,
    PersonTable,
    Ranking,
    Recognition,
    VacancyFeatures,
    VacancyTable,
    commute_score,
    level_rank,
    rank_persons,
    rank_vacancies,
)

GIESSEN = (50.5841, 8.6784)
KM_PER_DEGREE_LATITUDE = 6371.0 * math.pi / 180  # along a meridian the haversine is exact

# A small occupation space. Welder (0) has four essential skills; the others relate to it in
# exactly one way each.
WELDER = 0
SAME_UNIT_GROUP = 1  # another 7212 occupation, no skill in common
SHARES_SKILLS = 2  # another major group, three of the welder's four essential skills
SAME_MINOR_GROUP = 3  # 7214, no skill in common
UNRELATED = 4  # a cook
NO_ISCO = 5  # no ISCO code on record
SPACE = OccupationSpace.build(
    ["7212", "7212", "8121", "7214", "5120", ""],
    [[0, 1, 2, 3], [10, 11], [0, 1, 2, 50], [30], [40], [60]],
    n_skills=64,
)


def person(**changes: object) -> PersonFeatures:
    base = PersonFeatures(
        id=1,
        occupations=(WELDER,),
        german=level_rank("B2"),
        latitude=GIESSEN[0],
        longitude=GIESSEN[1],
        permission=Permission.ALLOWED,
        driving_licence=True,
        childcare_needed=False,
        course_time=CourseTime.NONE,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def vacancy(**changes: object) -> VacancyFeatures:
    base = VacancyFeatures(
        id=100,
        occupation=WELDER,
        german=level_rank("B1"),
        latitude=GIESSEN[0],
        longitude=GIESSEN[1],
        hours=Hours.FULL_TIME,
        regulated=False,
        driving_required=False,
        little_german_ok=False,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def north_of_giessen(km: float) -> tuple[float, float]:
    return GIESSEN[0] + km / KM_PER_DEGREE_LATITUDE, GIESSEN[1]


def person_table(persons: Sequence[PersonFeatures]) -> PersonTable:
    width = max((len(p.occupations) for p in persons), default=0)
    occupations = np.full((len(persons), width), -1, dtype=np.int64)
    for row, p in enumerate(persons):
        occupations[row, : len(p.occupations)] = p.occupations
    recognitions = [
        (row, occupation, int(state))
        for row, p in enumerate(persons)
        for occupation, state in p.recognitions.items()
    ]
    rec = np.array(recognitions, dtype=np.int64).reshape(-1, 3)
    return PersonTable(
        ids=np.array([p.id for p in persons], dtype=np.int64),
        occupations=occupations,
        german=np.array([p.german for p in persons], dtype=np.int8),
        latitude=np.array([p.latitude for p in persons], dtype=np.float64),
        longitude=np.array([p.longitude for p in persons], dtype=np.float64),
        permission=np.array([int(p.permission) for p in persons], dtype=np.int8),
        driving_licence=np.array([p.driving_licence for p in persons], dtype=bool),
        childcare_needed=np.array([p.childcare_needed for p in persons], dtype=bool),
        course_time=np.array([int(p.course_time) for p in persons], dtype=np.int8),
        recognition_rows=rec[:, 0],
        recognition_occupations=rec[:, 1],
        recognition_states=rec[:, 2].astype(np.int8),
    )


def vacancy_table(vacancies: Sequence[VacancyFeatures]) -> VacancyTable:
    return VacancyTable(
        ids=np.array([v.id for v in vacancies], dtype=np.int64),
        occupation=np.array([v.occupation for v in vacancies], dtype=np.int64),
        german=np.array([v.german for v in vacancies], dtype=np.int8),
        latitude=np.array([v.latitude for v in vacancies], dtype=np.float64),
        longitude=np.array([v.longitude for v in vacancies], dtype=np.float64),
        hours=np.array([int(v.hours) for v in vacancies], dtype=np.int8),
        regulated=np.array([v.regulated for v in vacancies], dtype=bool),
        driving_required=np.array([v.driving_required for v in vacancies], dtype=bool),
        little_german_ok=np.array([v.little_german_ok for v in vacancies], dtype=bool),
    )


def only_pair(p: PersonFeatures, v: VacancyFeatures) -> Match:
    """The pair as the person's ranking shows it, checked against the vacancy's ranking."""
    from_person = rank_vacancies(SPACE, p, vacancy_table([v]))
    from_vacancy = rank_persons(SPACE, v, person_table([p]))
    (one,) = from_person.matches + from_person.held_back
    (other,) = from_vacancy.matches + from_vacancy.held_back
    assert one.score == other.score
    return one


def factor(match: Match, name: str) -> tuple[str, float]:
    (found,) = [f for f in match.factors if f.name == name]
    return found.code, round(found.points, 2)


# ---------------------------------------------------------------------------------------------
# Occupation fit


def test_occupation_fit_orders_same_occupation_unit_group_skills_minor_group_none() -> None:
    vacancies = [
        vacancy(id=10 + occupation, occupation=occupation)
        for occupation in (UNRELATED, SAME_MINOR_GROUP, SHARES_SKILLS, SAME_UNIT_GROUP, WELDER)
    ]
    ranking = rank_vacancies(SPACE, person(occupations=(WELDER,)), vacancy_table(vacancies))

    assert [m.id for m in ranking.matches] == [
        10 + WELDER,
        10 + SAME_UNIT_GROUP,
        10 + SHARES_SKILLS,
        10 + SAME_MINOR_GROUP,
        10 + UNRELATED,
    ]
    assert [factor(m, "occupation") for m in ranking.matches] == [
        ("same_occupation", 50.0),
        ("same_unit_group", 35.0),
        ("shared_skills", 30.0),  # 0.8 x 3 of 4 essential skills
        ("same_minor_group", 17.5),
        ("unrelated", 0.0),  # the person has an occupation on record, just not a related one
    ]
    assert [m.score for m in ranking.matches] == [100.0, 85.0, 80.0, 67.5, 50.0]


def test_persons_ranked_for_a_vacancy_in_the_same_occupation_order() -> None:
    persons = [
        person(id=occupation + 1, occupations=(occupation,))
        for occupation in (UNRELATED, SAME_MINOR_GROUP, WELDER, SHARES_SKILLS, SAME_UNIT_GROUP)
    ]
    ranking = rank_persons(SPACE, vacancy(occupation=WELDER), person_table(persons))

    assert [m.id for m in ranking.matches] == [
        WELDER + 1,
        SAME_UNIT_GROUP + 1,
        SHARES_SKILLS + 1,
        SAME_MINOR_GROUP + 1,
        UNRELATED + 1,
    ]
    assert [factor(m, "occupation")[0] for m in ranking.matches] == [
        "same_occupation",
        "same_unit_group",
        "shared_skills",
        "same_minor_group",
        "unrelated",
    ]


def test_best_of_the_persons_occupations_counts_and_is_named() -> None:
    p = person(occupations=(UNRELATED, SAME_MINOR_GROUP, SAME_UNIT_GROUP))
    match = only_pair(p, vacancy(occupation=WELDER))

    assert factor(match, "occupation") == ("same_unit_group", 35.0)


def test_fit_kind_gives_the_reason_code_and_its_numbers() -> None:
    assert SPACE.fit_kind(WELDER, WELDER) == ("same_occupation", {})
    assert SPACE.fit_kind(SAME_UNIT_GROUP, WELDER) == (
        "same_unit_group",
        {"shared": 0, "total": 4},
    )
    assert SPACE.fit_kind(SHARES_SKILLS, WELDER) == ("shared_skills", {"shared": 3, "total": 4})
    assert SPACE.fit_kind(SAME_MINOR_GROUP, WELDER) == (
        "same_minor_group",
        {"shared": 0, "total": 4},
    )
    assert SPACE.fit_kind(UNRELATED, WELDER) == ("none", {})
    assert SPACE.fit_kind(-1, WELDER) == ("none", {})
    assert SPACE.fit_kind(NO_ISCO, NO_ISCO) == ("same_occupation", {})
    assert SPACE.fit_kind(WELDER, NO_ISCO) == ("none", {})


def test_skill_overlap_counts_against_the_vacancy_occupations_essential_skills() -> None:
    # Occupation 0 has all 3 skills of occupation 1; occupation 1 has 3 of the 6 of occupation 0.
    space = OccupationSpace.build(["7212", "8121"], [[0, 1, 2, 3, 4, 5], [0, 1, 2]], n_skills=8)
    fit, shared = space.fit_for_vacancy_occupation(1)
    assert fit.tolist() == pytest.approx([0.8, 1.0])  # all 3 skills of occupation 1
    assert shared.tolist() == [3.0, 3.0]
    fit, _ = space.fit_for_vacancy_occupation(0)
    assert fit.tolist() == pytest.approx([1.0, 0.4])  # 3 of the 6 skills of occupation 0


def test_nearly_all_skills_shared_outweighs_the_unit_group_and_few_lose_to_the_minor_group() -> (
    None
):
    space = OccupationSpace.build(
        ["7212", "7212", "7213"],
        [list(range(10)), list(range(10)), [0]],
        n_skills=10,
    )
    assert space.fit_kind(1, 0) == ("shared_skills", {"shared": 10, "total": 10})
    assert space.fit_kind(2, 0) == ("same_minor_group", {"shared": 1, "total": 10})
    fit, _ = space.fit_for_vacancy_occupation(0)
    assert fit.tolist() == pytest.approx([1.0, 0.8, 0.35])


def test_person_without_any_occupation_gets_no_occupation_points() -> None:
    match = only_pair(person(occupations=()), vacancy())

    assert factor(match, "occupation") == ("none", 0.0)
    assert match.score == 50.0


# ---------------------------------------------------------------------------------------------
# German


@pytest.mark.parametrize(
    ("person_level", "required", "little_german_ok", "code", "points"),
    [
        ("B1", "B1", False, "meets", 20.0),
        ("C1", "B1", False, "meets", 20.0),
        ("A2", "B1", False, "one_below", 10.0),
        ("A1", "B2", False, "below", 2.0),
        ("", "B1", False, "below", 2.0),
        ("A1", "B2", True, "below_employer_open", 14.0),
        ("A2", "B1", True, "below_employer_open", 14.0),
        ("B2", "B1", True, "meets", 20.0),
        ("", "", False, "not_required", 20.0),
    ],
)
def test_german_points_by_gap_to_the_required_level(
    person_level: str, required: str, little_german_ok: bool, code: str, points: float
) -> None:
    match = only_pair(
        person(german=level_rank(person_level)),
        vacancy(german=level_rank(required), little_german_ok=little_german_ok),
    )

    assert factor(match, "german") == (code, points)
    german = next(f for f in match.factors if f.name == "german")
    assert german.params == {"person": person_level, "required": required}


# ---------------------------------------------------------------------------------------------
# Commute


@pytest.mark.parametrize(
    ("km", "licence", "code", "points"),
    [
        (3.0, True, "near", 20.0),
        (3.0, False, "near", 20.0),
        (20.0, True, "reachable", round(20 * (1 - 15 / 45), 2)),
        (20.0, False, "reachable_without_licence", round(20 * (1 - 15 / 25), 2)),
        (40.0, True, "reachable", round(20 * (1 - 35 / 45), 2)),
        (40.0, False, "far_without_licence", 0.0),
        (60.0, True, "far", 0.0),
    ],
)
def test_commute_points_fall_with_distance_and_faster_without_a_licence(
    km: float, licence: bool, code: str, points: float
) -> None:
    latitude, longitude = north_of_giessen(km)
    match = only_pair(
        person(driving_licence=licence), vacancy(latitude=latitude, longitude=longitude)
    )

    assert factor(match, "commute") == (code, points)
    commute = next(f for f in match.factors if f.name == "commute")
    assert commute.params == {"km": round(km)}


def test_closer_vacancy_ranks_first() -> None:
    vacancies = [vacancy(id=100 + km, latitude=north_of_giessen(km)[0]) for km in (30, 8, 50, 15)]
    ranking = rank_vacancies(SPACE, person(), vacancy_table(vacancies))

    assert [m.id for m in ranking.matches] == [108, 115, 130, 150]


@pytest.mark.parametrize("side", ["person", "vacancy", "both"])
def test_unknown_location_is_neutral(side: str) -> None:
    nowhere = {"latitude": math.nan, "longitude": math.nan}
    p = person(**nowhere) if side in ("person", "both") else person(driving_licence=False)
    v = vacancy(**nowhere) if side in ("vacancy", "both") else vacancy()

    match = only_pair(p, v)

    assert factor(match, "commute") == ("unknown", 10.0)
    assert math.isfinite(match.score)


def test_commute_score_function_neutral_for_nan_only() -> None:
    scores = commute_score([math.nan, 0.0, 5.0, 50.0], [True, True, False, True])
    assert scores.tolist() == [0.5, 1.0, 1.0, 0.0]


# ---------------------------------------------------------------------------------------------
# Availability


@pytest.mark.parametrize(
    ("childcare", "course", "hours", "code", "points"),
    [
        (False, CourseTime.NONE, Hours.FULL_TIME, "available", 10.0),
        (True, CourseTime.NONE, Hours.FULL_TIME, "childcare", 4.0),
        (True, CourseTime.NONE, Hours.SHIFTS, "childcare", 4.0),
        (True, CourseTime.NONE, Hours.PART_TIME, "available", 10.0),
        (False, CourseTime.MORNING, Hours.FULL_TIME, "course_clash", 5.0),
        (False, CourseTime.AFTERNOON, Hours.FULL_TIME, "course_clash", 5.0),
        (False, CourseTime.EVENING, Hours.FULL_TIME, "course_fits", 10.0),
        (False, CourseTime.EVENING, Hours.SHIFTS, "course_clash", 5.0),
        (False, CourseTime.MORNING, Hours.PART_TIME, "course_fits", 10.0),
        (True, CourseTime.MORNING, Hours.FULL_TIME, "childcare", 4.0),
    ],
)
def test_availability_childcare_and_course_times(
    childcare: bool, course: CourseTime, hours: Hours, code: str, points: float
) -> None:
    match = only_pair(person(childcare_needed=childcare, course_time=course), vacancy(hours=hours))

    assert factor(match, "availability") == (code, points)


# ---------------------------------------------------------------------------------------------
# Hard constraints


def by_id(matches: Sequence[Match]) -> dict[int, Match]:
    return {m.id: m for m in matches}


def test_person_without_work_permission_or_unknown_permission_is_never_ranked() -> None:
    persons = [
        person(id=1, permission=Permission.ALLOWED),
        person(id=2, permission=Permission.NOT_ALLOWED),
        person(id=3, permission=Permission.UNKNOWN),
        person(id=4, permission=Permission.APPROVAL),
    ]
    ranking = rank_persons(SPACE, vacancy(), person_table(persons))

    assert [m.id for m in ranking.matches] == [1, 4]
    held = by_id(ranking.held_back)
    assert set(held) == {2, 3}
    assert held[2].constraints == ("no_work_permission",)
    assert held[3].constraints == ("work_permission_unknown",)
    assert ranking.held_back_counts == {"no_work_permission": 1, "work_permission_unknown": 1}
    assert ranking.considered == 4


def test_held_back_pairs_keep_their_score_but_never_enter_the_matches() -> None:
    # The best-scoring person may not work; a weaker one is still the only match.
    persons = [
        person(id=1, permission=Permission.NOT_ALLOWED),
        person(id=2, occupations=(UNRELATED,)),
    ]
    ranking = rank_persons(SPACE, vacancy(), person_table(persons), k=1)

    assert [m.id for m in ranking.matches] == [2]
    assert [(m.id, m.score) for m in ranking.held_back] == [(1, 100.0)]


@pytest.mark.parametrize("permission", [Permission.NOT_ALLOWED, Permission.UNKNOWN])
def test_person_who_may_not_work_gets_no_vacancy_at_all(permission: Permission) -> None:
    vacancies = [vacancy(id=100 + i) for i in range(5)]
    ranking = rank_vacancies(SPACE, person(permission=permission), vacancy_table(vacancies), k=3)

    assert ranking.matches == []
    assert len(ranking.held_back) == 3
    reason = (
        "no_work_permission" if permission == Permission.NOT_ALLOWED else "work_permission_unknown"
    )
    assert all(m.constraints == (reason,) for m in ranking.held_back)
    assert ranking.held_back_counts == {reason: 5}


def test_work_with_approval_is_ranked_and_flagged() -> None:
    ranking = rank_persons(
        SPACE,
        vacancy(),
        person_table([person(id=1), person(id=2, permission=Permission.APPROVAL)]),
    )

    matches = by_id(ranking.matches)
    assert matches[2].flags == ("approval_needed",)
    assert matches[2].constraints == ()
    assert matches[1].flags == ()
    assert matches[1].score == matches[2].score
    assert ranking.held_back == []
    assert ranking.held_back_counts == {}


@pytest.mark.parametrize(
    ("recognitions", "ranked"),
    [
        ({}, False),
        ({WELDER: Recognition.NONE}, False),
        ({WELDER: Recognition.PENDING}, False),
        ({WELDER: Recognition.PARTIAL}, False),
        ({SAME_UNIT_GROUP: Recognition.FULL}, False),  # recognised for another occupation
        ({WELDER: Recognition.FULL}, True),
        ({WELDER: Recognition.FULL, UNRELATED: Recognition.PENDING}, True),
    ],
)
def test_regulated_vacancy_needs_full_recognition(
    recognitions: dict[int, Recognition], ranked: bool
) -> None:
    p = person(recognitions=recognitions)
    v = vacancy(regulated=True)

    for ranking in (
        rank_vacancies(SPACE, p, vacancy_table([v])),
        rank_persons(SPACE, v, person_table([p])),
    ):
        if ranked:
            assert len(ranking.matches) == 1 and ranking.held_back == []
            assert ranking.held_back_counts == {}
        else:
            assert ranking.matches == []
            assert [m.constraints for m in ranking.held_back] == [("recognition_missing",)]
            assert ranking.held_back_counts == {"recognition_missing": 1}


def test_recognition_is_not_asked_for_where_the_vacancy_is_not_regulated() -> None:
    match = only_pair(person(), vacancy(regulated=False))
    assert match.constraints == ()


def test_required_driving_licence_missing_holds_the_pair_back() -> None:
    persons = [person(id=1, driving_licence=False), person(id=2, driving_licence=True)]
    v = vacancy(driving_required=True)
    ranking = rank_persons(SPACE, v, person_table(persons))

    assert [m.id for m in ranking.matches] == [2]
    assert [(m.id, m.constraints) for m in ranking.held_back] == [(1, ("driving_licence_missing",))]
    assert ranking.held_back_counts == {"driving_licence_missing": 1}

    from_person = rank_vacancies(SPACE, persons[0], vacancy_table([v, vacancy(id=101)]))
    assert [m.id for m in from_person.matches] == [101]
    assert [m.id for m in from_person.held_back] == [100]


def test_every_reason_is_listed_when_several_constraints_hold() -> None:
    p = person(permission=Permission.UNKNOWN, driving_licence=False)
    v = vacancy(regulated=True, driving_required=True)
    ranking = rank_persons(SPACE, v, person_table([p]))

    (held,) = ranking.held_back
    assert held.constraints == (
        "work_permission_unknown",
        "recognition_missing",
        "driving_licence_missing",
    )
    assert ranking.held_back_counts == {
        "work_permission_unknown": 1,
        "recognition_missing": 1,
        "driving_licence_missing": 1,
    }


# ---------------------------------------------------------------------------------------------
# Ranking mechanics


def test_k_limits_both_lists_and_ties_go_to_the_lower_id() -> None:
    persons = [person(id=i) for i in (7, 3, 9, 5)] + [
        person(id=i, permission=Permission.NOT_ALLOWED) for i in (8, 2, 6)
    ]
    ranking = rank_persons(SPACE, vacancy(), person_table(persons), k=2)

    assert [m.id for m in ranking.matches] == [3, 5]
    assert [m.id for m in ranking.held_back] == [2, 6]
    assert ranking.held_back_counts == {"no_work_permission": 3}
    assert ranking.considered == 7


def test_score_is_the_sum_of_the_factor_points() -> None:
    latitude, _ = north_of_giessen(17.0)
    match = only_pair(
        person(occupations=(SHARES_SKILLS,), german=level_rank("A2"), driving_licence=False),
        vacancy(latitude=latitude, hours=Hours.SHIFTS),
    )
    assert match.score == round(sum(f.points for f in match.factors), 1)
    assert [f.max_points for f in match.factors] == [50.0, 20.0, 20.0, 10.0]


# ---------------------------------------------------------------------------------------------
# Both directions agree


ISCO_CODES = ["7212", "7212", "7213", "7223", "5120", ""]
LOCATIONS = st.one_of(
    st.just((math.nan, math.nan)),
    st.tuples(
        st.floats(50.2, 50.9, allow_nan=False),
        st.floats(8.3, 9.2, allow_nan=False),
    ),
)


@st.composite
def worlds(
    draw: st.DrawFn,
) -> tuple[OccupationSpace, list[PersonFeatures], list[VacancyFeatures]]:
    n_occupations = draw(st.integers(1, 6))
    n_skills = 8
    isco = draw(
        st.lists(st.sampled_from(ISCO_CODES), min_size=n_occupations, max_size=n_occupations)
    )
    skills = draw(
        st.lists(
            st.lists(st.integers(0, n_skills - 1), max_size=5),
            min_size=n_occupations,
            max_size=n_occupations,
        )
    )
    space = OccupationSpace.build(isco, skills, n_skills)
    occupation = st.integers(0, n_occupations - 1)

    persons = []
    for number in range(draw(st.integers(1, 5))):
        latitude, longitude = draw(LOCATIONS)
        persons.append(
            PersonFeatures(
                id=number + 1,
                occupations=tuple(draw(st.lists(occupation, max_size=3))),
                german=draw(st.integers(0, 7)),
                latitude=latitude,
                longitude=longitude,
                permission=draw(st.sampled_from(Permission)),
                driving_licence=draw(st.booleans()),
                childcare_needed=draw(st.booleans()),
                course_time=draw(st.sampled_from(CourseTime)),
                recognitions=draw(
                    st.dictionaries(occupation, st.sampled_from(Recognition), max_size=2)
                ),
            )
        )
    vacancies = []
    for number in range(draw(st.integers(1, 5))):
        latitude, longitude = draw(LOCATIONS)
        vacancies.append(
            VacancyFeatures(
                id=100 + number,
                occupation=draw(occupation),
                german=draw(st.integers(0, 6)),
                latitude=latitude,
                longitude=longitude,
                hours=draw(st.sampled_from(Hours)),
                regulated=draw(st.booleans()),
                driving_required=draw(st.booleans()),
                little_german_ok=draw(st.booleans()),
            )
        )
    return space, persons, vacancies


def pairs_of(ranking: Ranking) -> dict[int, tuple[bool, Match]]:
    found = {m.id: (True, m) for m in ranking.matches}
    found.update({m.id: (False, m) for m in ranking.held_back})
    return found


@settings(max_examples=300, deadline=None)
@given(worlds())
def test_both_directions_give_a_pair_the_same_score_and_reasons(
    world: tuple[OccupationSpace, list[PersonFeatures], list[VacancyFeatures]],
) -> None:
    space, persons, vacancies = world
    persons_table, vacancies_table = person_table(persons), vacancy_table(vacancies)
    k = max(len(persons), len(vacancies))
    from_persons = {p.id: pairs_of(rank_vacancies(space, p, vacancies_table, k=k)) for p in persons}
    from_vacancies = {v.id: pairs_of(rank_persons(space, v, persons_table, k=k)) for v in vacancies}

    for p in persons:
        assert set(from_persons[p.id]) == {v.id for v in vacancies}
        for v in vacancies:
            ranked, one = from_persons[p.id][v.id]
            ranked_too, other = from_vacancies[v.id][p.id]
            assert ranked == ranked_too
            assert one.constraints == other.constraints
            assert one.flags == other.flags
            assert abs(one.score - other.score) <= 0.1 + 1e-9
            for mine, theirs in zip(one.factors, other.factors, strict=True):
                assert mine.name == theirs.name
                assert mine.code == theirs.code
                assert mine.params == theirs.params
                assert mine.points == pytest.approx(theirs.points, abs=1e-4)
            if ranked:
                assert not one.constraints
            else:
                assert one.constraints
            assert one.flags == (
                ("approval_needed",) if p.permission == Permission.APPROVAL else ()
            )
