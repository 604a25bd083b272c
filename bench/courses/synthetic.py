"""A synthetic county: municipalities, courses with seats and a waiting pool (no real data).

Demand and supply differ by course type and place on purpose: parents' and literacy courses
are short, rural municipalities are far from the towns where most courses run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from wegweiser.courses.assignment import (
    NOT_ENTITLED,
    TIMES,
    UNLIMITED,
    Applicant,
    Childcare,
    Offer,
)

TODAY = dt.date(2026, 3, 2)
CENTRE = (50.55, 8.70)
SEATS_PER_COURSE = 40


@dataclass(frozen=True)
class Kind:
    name: str
    demand: float  # share of the waiting persons
    supply: float  # share of the courses
    entry_levels: tuple[int, ...]  # possible entry levels of its courses
    target: int
    person_levels: tuple[int, ...]  # levels of the persons waiting for it
    needs_entitlement: bool = True
    online: bool = False


KINDS = (
    Kind("integration_general", 0.38, 0.40, (0, 0, 1, 2), 3, (0, 0, 1, 1, 2)),
    Kind("integration_literacy", 0.08, 0.05, (0,), 3, (0,)),
    Kind("integration_parents", 0.07, 0.03, (0, 1), 3, (0, 1, 2)),
    Kind("integration_women", 0.05, 0.04, (0, 1), 3, (0, 1, 2)),
    Kind("integration_youth", 0.03, 0.03, (0, 1), 3, (0, 1, 2)),
    Kind("integration_intensive", 0.03, 0.04, (1,), 3, (1, 2)),
    Kind("job_b2", 0.13, 0.15, (3,), 4, (3,)),
    Kind("job_c1", 0.04, 0.06, (4,), 5, (4,)),
    Kind("job_special_a2", 0.04, 0.04, (1,), 2, (1,)),
    Kind("job_special_b1", 0.05, 0.05, (2,), 3, (2,)),
    Kind("job_recognition_health", 0.03, 0.03, (3, 4), 5, (3, 4)),
    Kind("local_small_group", 0.04, 0.04, (0, 1), 2, (0, 1), needs_entitlement=False),
    Kind("local_online", 0.03, 0.04, (0, 1, 2), 3, (0, 1, 2), False, online=True),
)


@dataclass(frozen=True)
class County:
    municipalities: np.ndarray  # (n, 2) latitude, longitude
    population: np.ndarray


def county(rng: np.random.Generator, size: int = 30) -> County:
    """Three towns near the middle and villages around them, about 60 by 50 km."""
    lat = CENTRE[0] + rng.uniform(-0.25, 0.25, size)
    lon = CENTRE[1] + rng.uniform(-0.42, 0.42, size)
    lat[:3] = CENTRE[0] + np.array([0.0, 0.08, -0.1])
    lon[:3] = CENTRE[1] + np.array([0.0, -0.15, 0.12])
    population = rng.pareto(1.2, size) + 1.0
    population[:3] = population.max() * np.array([6.0, 3.0, 2.0])
    return County(np.column_stack([lat, lon]), population / population.sum())


def offers(rng: np.random.Generator, place: County, n: int) -> list[Offer]:
    kinds = rng.choice(len(KINDS), size=n, p=_shares("supply"))
    weight = place.population**1.5  # courses gather in the towns
    towns = rng.choice(len(weight), size=n, p=weight / weight.sum())
    seats = rng.integers(SEATS_PER_COURSE - 15, SEATS_PER_COURSE + 16, size=n)
    while (difference := int(seats.sum() - SEATS_PER_COURSE * n)) != 0:
        index = rng.integers(n)
        seats[index] = max(5, seats[index] - int(np.sign(difference)))
    result = []
    for key in range(n):
        kind = KINDS[kinds[key]]
        lat, lon = place.municipalities[towns[key]]
        result.append(
            Offer(
                key=key + 1,
                kind=kind.name,
                entry_level=int(rng.choice(kind.entry_levels)),
                target_level=kind.target,
                seats=int(seats[key]),
                latitude=float(lat),
                longitude=float(lon),
                starts_on=(TODAY + dt.timedelta(days=int(rng.integers(7, 180)))).toordinal(),
                online=kind.online,
                time_of_day=str(rng.choice(TIMES, p=[0.6, 0.25, 0.15])),
                childcare=bool(rng.random() < 0.25),
            )
        )
    return result


def applicants(rng: np.random.Generator, place: County, n: int) -> list[Applicant]:
    kinds = rng.choice(len(KINDS), size=n, p=_shares("demand"))
    homes = rng.choice(len(place.population), size=n, p=place.population)
    result = []
    for key in range(n):
        kind = KINDS[kinds[key]]
        lat, lon = place.municipalities[homes[key]]
        draw = rng.random()
        if not kind.needs_entitlement:
            until = UNLIMITED
        elif draw < 0.08:
            until = NOT_ENTITLED
        elif draw < 0.25:
            until = (TODAY + dt.timedelta(days=int(rng.integers(20, 400)))).toordinal()
        else:
            until = UNLIMITED
        care = rng.choice(
            [Childcare.NONE, Childcare.NEEDED, Childcare.ARRANGED], p=[0.75, 0.15, 0.1]
        )
        works = rng.random() < 0.2
        result.append(
            Applicant(
                key=key + 1,
                kind=kind.name,
                level=int(rng.choice(kind.person_levels)),
                latitude=float(lat + rng.normal(0, 0.01)),
                longitude=float(lon + rng.normal(0, 0.015)),
                days_waited=int(min(rng.exponential(120), 720)),
                entitled_until=until,
                obligated=kind.name.startswith("integration") and bool(rng.random() < 0.35),
                childcare=Childcare(care),
                blocked_times=frozenset({"morning"}) if works else frozenset(),
            )
        )
    return result


def _shares(which: str) -> np.ndarray:
    values = np.array([getattr(kind, which) for kind in KINDS])
    return values / values.sum()
