"""The seat optimiser: exact against brute force and an LP solver, its rules and its reasons."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace

import numpy as np
import pytest
from scipy import sparse
from scipy.optimize import linprog

from wegweiser.courses.assignment import (
    NOT_ENTITLED,
    UNLIMITED,
    Applicant,
    Childcare,
    Offer,
    Reason,
    Weights,
    _edges,
    assign,
    breakdown,
    explain,
    explain_all,
    first_come_first_served,
)

START = dt.date(2026, 4, 1).toordinal()
TOWN = (50.58, 8.67)  # a municipality; 0.1 degrees of latitude are about 11 km
KIND = "integration_general"


def person(key: int, **overrides: object) -> Applicant:
    values: dict[str, object] = {
        "key": key,
        "kind": KIND,
        "level": 0,
        "latitude": TOWN[0],
        "longitude": TOWN[1],
        "days_waited": 30,
    }
    values.update(overrides)
    return Applicant(**values)  # type: ignore[arg-type]


def course(key: int, **overrides: object) -> Offer:
    values: dict[str, object] = {
        "key": key,
        "kind": KIND,
        "entry_level": 0,
        "target_level": 3,
        "seats": 1,
        "latitude": TOWN[0],
        "longitude": TOWN[1],
        "starts_on": START,
    }
    values.update(overrides)
    return Offer(**values)  # type: ignore[arg-type]


def random_instance(rng: random.Random, persons: int, courses: int) -> tuple[list, list]:
    kinds = ["integration_general", "job_b2"]
    applicants = [
        person(
            key,
            kind=rng.choice(kinds),
            level=rng.randint(0, 4),
            latitude=TOWN[0] + rng.uniform(-0.4, 0.4),
            days_waited=rng.randint(0, 500),
            obligated=rng.random() < 0.3,
            childcare=rng.choice(list(Childcare)),
            entitled_until=rng.choice([UNLIMITED, UNLIMITED, START - 1, START + 10]),
            blocked_times=frozenset(rng.sample(["morning", "evening"], rng.randint(0, 1))),
        )
        for key in range(1, persons + 1)
    ]
    offers = [
        course(
            100 + key,
            kind=rng.choice(kinds),
            entry_level=(entry := rng.randint(0, 3)),
            target_level=entry + rng.randint(1, 2),
            seats=rng.randint(0, 2),
            latitude=TOWN[0] + rng.uniform(-0.4, 0.4),
            online=rng.random() < 0.15,
            time_of_day=rng.choice(["morning", "afternoon", "evening"]),
            childcare=rng.random() < 0.5,
        )
        for key in range(courses)
    ]
    return applicants, offers


def brute_force(applicants: list[Applicant], offers: list[Offer]) -> float:
    """The best total over every way of giving each person one fitting course or none."""
    options = []
    for applicant in applicants:
        fitting: list[tuple[int | None, float]] = [(None, 0.0)]
        for offer in offers:
            option = breakdown(applicant, offer)
            if option.breakdown is not None:
                fitting.append((offer.key, option.breakdown.total))
        options.append(fitting)
    seats = {o.key: o.seats for o in offers}
    best = 0.0
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        for key, _points in choice:
            if key is not None:
                used[key] = used.get(key, 0) + 1
        if all(n <= seats[key] for key, n in used.items()):
            best = max(best, sum(points for _key, points in choice))
    return round(best, 2)


def assert_valid(result, applicants, offers) -> None:
    by_key = {o.key: o for o in offers}
    people = {a.key: a for a in applicants}
    for key, count in _count(result.placements.values()).items():
        assert count <= by_key[key].seats
    for applicant_key, offer_key in result.placements.items():
        option = breakdown(people[applicant_key], by_key[offer_key])
        assert option.reason is None
        assert option.breakdown is not None
        assert result.scores[applicant_key] == option.breakdown.total


def _count(values) -> dict[int, int]:
    counts: dict[int, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


@pytest.mark.parametrize("seed", range(60))
def test_small_cases_match_brute_force(seed):
    rng = random.Random(seed)
    applicants, offers = random_instance(rng, persons=rng.randint(1, 6), courses=rng.randint(1, 4))
    result = assign(applicants, offers)
    assert_valid(result, applicants, offers)
    assert result.objective == pytest.approx(brute_force(applicants, offers), abs=1e-6)
    assert result.gap == 0


@pytest.mark.parametrize("seed", range(5))
def test_larger_cases_match_a_linear_programming_solver(seed):
    rng = random.Random(1000 + seed)
    applicants, offers = random_instance(rng, persons=300, courses=25)
    offers = [replace(o, seats=rng.randint(1, 12)) for o in offers]
    result = assign(applicants, offers)
    assert_valid(result, applicants, offers)
    pairs = _edges(applicants, offers, Weights())  # every fitting pair with its points
    n_pairs = len(pairs.score)
    matrix = sparse.csr_matrix(
        (
            np.ones(2 * n_pairs),
            (
                np.concatenate([pairs.applicant, len(applicants) + pairs.offer]),
                [*range(n_pairs)] * 2,
            ),
        ),
        shape=(len(applicants) + len(offers), n_pairs),
    )
    limits = [1] * len(applicants) + [o.seats for o in offers]
    lp = linprog(-pairs.score, A_ub=matrix, b_ub=limits, method="highs")
    assert result.objective == pytest.approx(-lp.fun, abs=1e-6)
    assert result.bound == pytest.approx(result.objective, abs=1e-6)


@pytest.mark.parametrize("seed", range(20))
def test_everyone_who_waits_scored_at_most_the_seat_price_of_every_fitting_course(seed):
    rng = random.Random(500 + seed)
    applicants, offers = random_instance(rng, persons=40, courses=6)
    result = assign(applicants, offers)
    for applicant in applicants:
        options = explain(applicant, offers, result.thresholds)
        placed = result.placements.get(applicant.key)
        for option in options:
            if option.breakdown is None or option.offer_key == placed:
                continue
            if placed is None:
                assert option.breakdown.total <= option.needed + 1e-9
            else:  # nobody would rather have another course at its price
                kept = result.scores[applicant.key] - result.thresholds[placed]
                assert option.breakdown.total - option.needed <= kept + 1e-9


def test_the_last_seat_goes_to_the_person_who_waited_longer():
    applicants = [person(1, days_waited=40), person(2, days_waited=200)]
    result = assign(applicants, [course(10)])
    assert result.placements == {2: 10}
    waiting = explain(applicants[0], [course(10)], result.thresholds)[0]
    assert waiting.breakdown is not None and waiting.needed is not None
    assert waiting.breakdown.total < waiting.needed


def test_an_obliged_person_comes_before_one_who_waited_a_little_longer():
    applicants = [person(1, days_waited=90), person(2, days_waited=60, obligated=True)]
    assert assign(applicants, [course(10)]).placements == {2: 10}


def test_exact_assignment_places_more_than_first_come_first_served():
    # The long waiter fits both courses and prefers the nearer one, which is the only course
    # the second person can reach; first come, first served leaves the second person out.
    near = course(10)
    far = course(11, latitude=TOWN[0] + 0.3)
    applicants = [
        person(1, days_waited=300),
        person(2, days_waited=10, latitude=TOWN[0] - 0.2),
    ]
    fcfs = first_come_first_served(applicants, [near, far])
    best = assign(applicants, [near, far])
    assert fcfs.placements == {1: 10}
    assert best.placements == {1: 11, 2: 10}
    assert best.objective > fcfs.objective


def test_nearer_course_is_preferred_when_both_have_room():
    offers = [course(10, latitude=TOWN[0] + 0.2), course(11, latitude=TOWN[0] + 0.05)]
    assert assign([person(1)], offers).placements == {1: 11}


@pytest.mark.parametrize(
    ("applicant", "offer", "reason"),
    [
        (person(1, kind="job_b2"), course(10), Reason.KIND),
        (person(1), course(10, seats=0), Reason.NO_SEATS),
        (person(1, entitled_until=NOT_ENTITLED), course(10), Reason.ENTITLEMENT),
        (person(1, entitled_until=START - 1), course(10), Reason.ENTITLEMENT),
        (person(1, level=1), course(10, entry_level=2), Reason.BELOW_ENTRY),
        (person(1, level=3), course(10), Reason.AT_TARGET),
        (person(1, blocked_times=frozenset({"morning"})), course(10), Reason.WORK_HOURS),
        (person(1), course(10, latitude=TOWN[0] + 0.5), Reason.TOO_FAR),
    ],
)
def test_hard_rules_keep_a_person_out_of_a_course(applicant, offer, reason):
    assert breakdown(applicant, offer).reason == reason
    assert assign([applicant], [offer]).placements == {}


def test_an_online_course_is_never_too_far():
    option = breakdown(person(1), course(10, latitude=TOWN[0] + 2, online=True))
    assert option.reason is None and option.breakdown is not None
    assert option.breakdown.distance == Weights().distance


def test_points_add_up_as_documented():
    applicant = person(1, level=1, days_waited=180, obligated=True, childcare=Childcare.NEEDED)
    offer = course(10, entry_level=0, latitude=TOWN[0] + 0.18)  # about 20 km away
    points = breakdown(applicant, offer).breakdown
    assert points is not None
    assert points.level == 10.0  # one level above the entry level: half
    assert points.schedule == 0.0  # needs childcare, the course has none
    assert points.waiting == 15.0  # half a year of the one-year cap
    assert points.obligation == 15.0
    assert 19.5 < points.distance_km < 20.5
    assert points.total == pytest.approx(100 + 10 + points.distance + 0 + 15 + 15)


@pytest.mark.parametrize("seed", range(5))
def test_explanations_for_many_match_those_for_one(seed):
    rng = random.Random(800 + seed)
    applicants, offers = random_instance(rng, persons=30, courses=8)
    result = assign(applicants, offers)
    many = explain_all(applicants, offers, result, limit=100)
    for applicant in applicants:
        one = explain(applicant, offers, result.thresholds)
        assert many[applicant.key].options == [o for o in one if o.reason is None]
        ruled_out = _count(o.reason for o in one if o.reason is not None)
        assert many[applicant.key].ruled_out == ruled_out


def lp_optimum(applicants, offers) -> float:
    pairs = _edges(applicants, offers, Weights())
    n_pairs = len(pairs.score)
    matrix = sparse.csr_matrix(
        (
            np.ones(2 * n_pairs),
            (
                np.concatenate([pairs.applicant, len(applicants) + pairs.offer]),
                [*range(n_pairs)] * 2,
            ),
        ),
        shape=(len(applicants) + len(offers), n_pairs),
    )
    limits = [1] * len(applicants) + [o.seats for o in offers]
    points = np.round(pairs.score * 100) / 100
    return -linprog(-points, A_ub=matrix, b_ub=limits, method="highs").fun


@pytest.mark.parametrize("seed", range(3))
def test_the_gap_is_measured_against_a_true_bound_and_shows_a_bad_solver(seed, monkeypatch):
    """A solver that considers only half the persons leaves fitting persons waiting beside
    free seats. The bound comes from the seat prices alone, so it stays above the best
    possible total (HiGHS), and the bad solver's gap shows; the exact one's is 0."""
    from wegweiser.courses import assignment

    rng = random.Random(2000 + seed)
    applicants, offers = random_instance(rng, persons=200, courses=15)
    offers = [replace(o, seats=rng.randint(3, 12)) for o in offers]
    optimum = lp_optimum(applicants, offers)
    exact = assign(applicants, offers)
    assert exact.objective == pytest.approx(optimum, abs=1e-6)
    assert exact.bound == pytest.approx(optimum, abs=1e-6)
    assert exact.gap == pytest.approx(0, abs=1e-9)

    solve = assignment._solve_kind

    def half_the_persons(persons, seats, rows, cols, points):
        keep = rows % 2 == 0
        return solve(persons, seats, rows[keep], cols[keep], points[keep])

    monkeypatch.setattr(assignment, "_solve_kind", half_the_persons)
    bad = assign(applicants, offers)
    assert bad.objective < optimum - 1
    assert bad.bound >= optimum - 1e-6  # still a true upper bound
    assert bad.gap >= (optimum - bad.objective) / bad.bound - 1e-9
    assert bad.gap > 0.01


def test_first_come_first_served_claims_no_bound():
    applicants = [person(1), person(2)]
    offers = [course(10, seats=1)]
    result = first_come_first_served(applicants, offers)
    assert result.placed == 1
    assert np.isnan(result.bound) and np.isnan(result.gap)
