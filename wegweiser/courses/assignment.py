"""Fair seat assignment: the best overall assignment of open course seats to waiting persons.

Python and numpy only, no Django, so it can be tested against brute force and benchmarked
alone (bench/courses).

Every pair of a waiting person and a course either breaks a hard rule (another course type,
no seat, no valid entitlement on the first course day, below the entry level, already at the
target level, the course runs while the person works, beyond the reachable distance) or gets
a score in points that anyone can recompute by hand:

    placement        100   a seat filled at all
    level fit         20   full when the course starts exactly at the person's level,
                           half for one level above, nothing for two or more
    distance          20   full for an online course or one in the home municipality,
                           falling linearly to nothing at the reachable distance
    schedule          15   full unless the person needs childcare the course does not offer
    days waited       30   one point per 12 days, capped at a year
    obligation        15   the person is obliged to attend
    childcare ready    5   the person's childcare is arranged, so the seat will be used

The assignment maximises the sum of the scores of all placed persons under the capacity of each
course and one seat per person: a maximum-weight b-matching, solved exactly as a min-cost flow
by successive shortest paths in integer hundredths of a point. At the end the shortest-path
distances give a seat price per course (the dual of the capacity constraint), and the prices
explain each decision: a person who still waits scored at most the price of every course that
fits them.

`Assignment.bound` is a true upper bound on every assignment's total, computed from the prices
alone (weak linear programming duality, see `dual_bound`), and `Assignment.gap` is measured
against it. It does not look at the placements, so a solver that leaves fitting persons
waiting beside free seats shows a gap; for this solver it is 0 when the prices are optimal,
which the tests check against brute force and HiGHS. (An earlier version added up what the
placed persons keep and the priced seats; free seats cost nothing there, so that "bound"
equalled the objective of any solution, however bad: a gap of 0 by construction.)
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

LEVELS = ("", "A1", "A2", "B1", "B2", "C1", "C2")  # index 0: no prior knowledge of German
TIMES = ("morning", "afternoon", "evening")
UNLIMITED = dt.date.max.toordinal()  # an entitlement without an end date
NOT_ENTITLED = 0
EARTH_RADIUS_KM = 6371.0
SCALE = 100  # points are exact to a hundredth
INF = 10**15


class Childcare(StrEnum):
    NONE = "none"  # no children to look after during the course
    NEEDED = "needed"  # needs childcare and has none arranged
    ARRANGED = "arranged"  # has childcare arranged


class Reason(StrEnum):
    """Why a person cannot take a seat in a course (a hard rule)."""

    KIND = "kind"
    NO_SEATS = "no_seats"
    ENTITLEMENT = "entitlement"
    BELOW_ENTRY = "below_entry"
    AT_TARGET = "at_target"
    WORK_HOURS = "work_hours"
    TOO_FAR = "too_far"


_REASONS = list(Reason)


@dataclass(frozen=True)
class Weights:
    placement: float = 100.0
    level: float = 20.0
    distance: float = 20.0
    schedule: float = 15.0
    waiting: float = 30.0
    obligation: float = 15.0
    childcare_arranged: float = 5.0
    max_distance_km: float = 40.0
    waiting_cap_days: int = 360


@dataclass(frozen=True)
class Applicant:
    """A waiting-list entry: one person waiting for one course type."""

    key: int
    kind: str
    level: int
    latitude: float
    longitude: float
    days_waited: int
    entitled_until: int = UNLIMITED  # ordinal day; NOT_ENTITLED if there is no entitlement
    obligated: bool = False
    childcare: Childcare = Childcare.NONE
    blocked_times: frozenset[str] = frozenset()  # times of day the person works


@dataclass(frozen=True)
class Offer:
    """A course with its open seats."""

    key: int
    kind: str
    entry_level: int
    target_level: int
    seats: int
    latitude: float
    longitude: float
    starts_on: int  # ordinal day of the first course day
    online: bool = False
    time_of_day: str = "morning"
    childcare: bool = False


@dataclass(frozen=True)
class Breakdown:
    """The points of one person in one course, by component."""

    placement: float
    level: float
    distance: float
    schedule: float
    waiting: float
    obligation: float
    childcare_arranged: float
    distance_km: float

    @property
    def total(self) -> float:
        return round(
            self.placement
            + self.level
            + self.distance
            + self.schedule
            + self.waiting
            + self.obligation
            + self.childcare_arranged,
            2,
        )


@dataclass(frozen=True)
class Option:
    """One course as seen from one person: a hard rule it breaks, or its points."""

    offer_key: int
    reason: Reason | None
    breakdown: Breakdown | None = None
    needed: float | None = None  # the points a seat in this course went for


@dataclass(frozen=True)
class Assignment:
    placements: dict[int, int]  # applicant key -> offer key
    scores: dict[int, float]  # applicant key -> points of the placement
    distances_km: dict[int, float]
    thresholds: dict[int, float] = field(default_factory=dict)  # offer key -> dual price
    objective: float = 0.0
    bound: float = math.nan  # upper bound from the prices (dual_bound); none for FCFS
    seconds: float = 0.0
    pairs: int = 0  # feasible person-course pairs

    @property
    def placed(self) -> int:
        return len(self.placements)

    @property
    def gap(self) -> float:
        """Relative distance from the objective to the upper bound (NaN without a bound)."""
        if math.isnan(self.bound):
            return math.nan
        if self.bound <= 0:
            return 0.0
        return max(0.0, (self.bound - self.objective) / self.bound)


# ---------------------------------------------------------------------------------------------
# Rules and scores, vectorised over all pairs of persons and courses


@dataclass(frozen=True)
class _Pairs:
    """Every pair of person and course of one course type: the rule broken (-1 for none), points."""

    reason: np.ndarray  # int8, index into _REASONS or -1
    distance_km: np.ndarray
    level: np.ndarray
    distance: np.ndarray
    schedule: np.ndarray
    person_points: np.ndarray  # waiting, obligation and childcare_arranged, per person

    @property
    def total(self) -> np.ndarray:
        """The sum of the components as shown, each rounded to a hundredth of a point."""
        shown = np.round(self.level, 2) + np.round(self.distance, 2) + np.round(self.schedule, 2)
        return np.round(shown + self.person_points[:, None], 2)


def _person_components(applicants: Sequence[Applicant], weights: Weights) -> np.ndarray:
    """Per person: waiting, obligation and childcare-arranged points (columns 0..2)."""
    days = np.array([a.days_waited for a in applicants], dtype=float)
    waiting = (
        weights.waiting * np.clip(days, 0, weights.waiting_cap_days) / weights.waiting_cap_days
    )
    obligation = weights.obligation * np.array([a.obligated for a in applicants], dtype=float)
    arranged = weights.childcare_arranged * np.array(
        [a.childcare == Childcare.ARRANGED for a in applicants], dtype=float
    )
    return np.column_stack([waiting, obligation, arranged])


def _haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    h = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _evaluate(applicants: Sequence[Applicant], offers: Sequence[Offer], weights: Weights) -> _Pairs:
    """Rules and points for every pair; the first rule broken, in the order of `Reason`."""
    a_kind = np.array([a.kind for a in applicants], dtype=object)
    level = np.array([a.level for a in applicants])[:, None]
    a_lat = np.array([a.latitude for a in applicants], dtype=float)[:, None]
    a_lon = np.array([a.longitude for a in applicants], dtype=float)[:, None]
    until = np.array([a.entitled_until for a in applicants], dtype=np.int64)[:, None]
    needs_care = np.array([a.childcare == Childcare.NEEDED for a in applicants])[:, None]
    blocked = np.array(
        [[time_ in a.blocked_times for time_ in TIMES] for a in applicants], dtype=bool
    ).reshape(len(applicants), len(TIMES))

    o_kind = np.array([o.kind for o in offers], dtype=object)
    entry = np.array([o.entry_level for o in offers])[None, :]
    target = np.array([o.target_level for o in offers])[None, :]
    seats = np.array([o.seats for o in offers])[None, :]
    o_lat = np.array([o.latitude for o in offers], dtype=float)[None, :]
    o_lon = np.array([o.longitude for o in offers], dtype=float)[None, :]
    starts = np.array([o.starts_on for o in offers], dtype=np.int64)[None, :]
    online = np.array([o.online for o in offers])[None, :]
    has_care = np.array([o.childcare for o in offers])[None, :]
    time_index = np.array([TIMES.index(o.time_of_day) for o in offers], dtype=int)

    distance_km = np.where(online, 0.0, _haversine_km(a_lat, a_lon, o_lat, o_lon))
    works_then = blocked[:, time_index] if len(offers) else np.zeros((len(applicants), 0), bool)
    checks = [
        a_kind[:, None] != o_kind[None, :],
        np.broadcast_to(seats <= 0, distance_km.shape),
        np.broadcast_to(until < starts, distance_km.shape),
        np.broadcast_to(level < entry, distance_km.shape),
        np.broadcast_to(level >= target, distance_km.shape),
        works_then,
        distance_km > weights.max_distance_km,
    ]
    reason = np.full(distance_km.shape, -1, dtype=np.int8)
    for index in range(len(checks) - 1, -1, -1):
        reason[checks[index]] = index

    level_fit = np.clip(1.0 - (level - entry) / 2.0, 0.0, 1.0)
    distance_fit = np.clip(1.0 - distance_km / weights.max_distance_km, 0.0, 1.0)
    schedule_fit = np.where(needs_care & ~has_care, 0.0, 1.0)
    person = _person_components(applicants, weights)
    return _Pairs(
        reason=reason,
        distance_km=distance_km,
        level=np.broadcast_to(weights.level * level_fit, distance_km.shape),
        distance=weights.distance * distance_fit,
        schedule=np.broadcast_to(weights.schedule * schedule_fit, distance_km.shape),
        person_points=weights.placement + np.round(person, 2).sum(axis=1),
    )


def breakdown(applicant: Applicant, offer: Offer, weights: Weights | None = None) -> Option:
    """The rule one person breaks in one course, or their points there."""
    weights = weights or Weights()
    pairs = _evaluate([applicant], [offer], weights)
    code = int(pairs.reason[0, 0])
    if code >= 0:
        return Option(offer_key=offer.key, reason=_REASONS[code])
    person = _person_components([applicant], weights)[0]
    return Option(
        offer_key=offer.key,
        reason=None,
        breakdown=Breakdown(
            placement=weights.placement,
            level=round(float(pairs.level[0, 0]), 2),
            distance=round(float(pairs.distance[0, 0]), 2),
            schedule=round(float(pairs.schedule[0, 0]), 2),
            waiting=round(float(person[0]), 2),
            obligation=round(float(person[1]), 2),
            childcare_arranged=round(float(person[2]), 2),
            distance_km=round(float(pairs.distance_km[0, 0]), 1),
        ),
    )


@dataclass(frozen=True)
class _Edges:
    applicant: np.ndarray  # index into the applicant list
    offer: np.ndarray  # index into the offer list
    score: np.ndarray
    distance_km: np.ndarray


def _edges(applicants: Sequence[Applicant], offers: Sequence[Offer], weights: Weights) -> _Edges:
    """The feasible pairs with their points. Pairs of different course types are never built."""
    by_kind_a: dict[str, list[int]] = defaultdict(list)
    by_kind_o: dict[str, list[int]] = defaultdict(list)
    for index, applicant in enumerate(applicants):
        by_kind_a[applicant.kind].append(index)
    for index, offer in enumerate(offers):
        if offer.seats > 0:
            by_kind_o[offer.kind].append(index)
    parts: list[tuple[np.ndarray, ...]] = []
    for kind, a_index in by_kind_a.items():
        o_index = by_kind_o.get(kind)
        if not o_index:
            continue
        pairs = _evaluate([applicants[i] for i in a_index], [offers[j] for j in o_index], weights)
        rows, cols = np.nonzero(pairs.reason < 0)
        parts.append(
            (
                np.asarray(a_index)[rows],
                np.asarray(o_index)[cols],
                pairs.total[rows, cols],
                pairs.distance_km[rows, cols],
            )
        )
    if not parts:
        empty = np.zeros(0, dtype=int)
        return _Edges(empty, empty, np.zeros(0), np.zeros(0))
    return _Edges(*(np.concatenate([p[k] for p in parts]) for k in range(4)))


# ---------------------------------------------------------------------------------------------
# Solvers


def _solve_kind(
    n_persons: int, seats: np.ndarray, rows: np.ndarray, cols: np.ndarray, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Course per person (-1: waits) and seat price per course, for one course type.

    A min-cost flow by successive shortest paths, in integer hundredths of a point. Courses
    are few and persons many, so paths run over courses: an unplaced person enters a course,
    then possibly someone there moves on to another course, and so on until a course with a
    free seat. Each step takes the shortest such path (Bellman-Ford, no negative cycles
    because the solution so far is optimal for its number of placed persons), and the solve
    stops when no path gains any more points.
    """
    m = len(seats)
    gains = np.full((n_persons, m), -INF, dtype=np.int64)
    gains[rows, cols] = points
    order = np.lexsort((rows, -points, cols))
    candidates: list[int] = rows[order].tolist()
    bounds = np.searchsorted(cols[order], np.arange(m + 1)).tolist()
    pointer, stop = bounds[:-1], bounds[1:]
    course_of = [-1] * n_persons
    members: list[list[int]] = [[] for _ in range(m)]
    taken = np.zeros(m, dtype=np.int64)
    move_cost = np.full((m, m), INF, dtype=np.int64)  # cheapest move of a member of j to k
    mover = np.full((m, m), -1)
    entry_cost = np.full(m, INF, dtype=np.int64)  # best unplaced person entering j, negated
    entrant = np.full(m, -1)
    columns = np.arange(m)

    def next_entrant(j: int) -> None:
        at, end = pointer[j], stop[j]
        while at < end and course_of[candidates[at]] >= 0:
            at += 1
        pointer[j] = at
        if at < end:
            entrant[j] = candidates[at]
            entry_cost[j] = -gains[candidates[at], j]
        else:
            entrant[j], entry_cost[j] = -1, INF

    def refresh_moves(j: int) -> None:
        if not members[j]:
            move_cost[j], mover[j] = INF, -1
        else:
            block = gains[members[j]]
            costs = block[:, j][:, None] - block
            best = costs.argmin(axis=0)
            move_cost[j] = np.minimum(costs[best, columns], INF)
            mover[j] = np.asarray(members[j])[best]
        move_cost[j, j] = INF

    def shortest(start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Bellman-Ford, relaxing each round only from the courses whose distance changed."""
        dist, pred = start.copy(), np.full(m, -1)
        frontier = np.nonzero(dist < INF)[0]
        while len(frontier):
            through = dist[frontier, None] + move_cost[frontier]
            best = through.argmin(axis=0)
            value = through[best, columns]
            better = value < dist
            dist[better], pred[better] = value[better], frontier[best[better]]
            frontier = np.nonzero(better)[0]
        return dist, pred

    for j in range(m):
        next_entrant(j)
    while True:
        dist, pred = shortest(entry_cost)
        ends = np.where(taken < seats, dist, INF)
        k = last = int(ends.argmin())
        if ends[k] >= 0:
            break
        changed = {k}
        while pred[k] >= 0:
            j = int(pred[k])
            person = int(mover[j, k])
            members[j].remove(person)
            members[k].append(person)
            course_of[person] = k
            changed.add(j)
            k = j
        person = int(entrant[k])
        members[k].append(person)
        course_of[person] = k
        taken[last] += 1
        for j in changed:
            refresh_moves(j)
        for course in np.nonzero(entrant == person)[0].tolist():
            next_entrant(course)
    # Seat prices: what giving up one seat of a full course would cost, as the shortest chain
    # of moves that ends with a member leaving (losing their points) or reaching a free seat.
    # These are the highest optimal dual prices; a person who waits scored at most them.
    exit_cost = np.array(
        [0 if taken[j] < seats[j] else min(gains[p, j] for p in members[j]) for j in range(m)],
        dtype=np.int64,
    )
    cost, frontier = exit_cost.copy(), np.arange(m)
    while len(frontier):
        through = move_cost[:, frontier] + cost[frontier][None, :]
        value = through.min(axis=1)
        better = value < cost
        cost[better] = value[better]
        frontier = np.nonzero(better)[0]
    prices = np.where(taken >= seats, cost, 0)
    return np.asarray(course_of), prices


def dual_bound(
    persons: int,
    seats: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    points: np.ndarray,
    prices: np.ndarray,
) -> int:
    """An upper bound on the total points of any assignment, from seat prices alone.

    The linear relaxation's dual: a value u_i >= 0 per person and a price v_j >= 0 per course
    with u_i + v_j >= points_ij on every fitting pair; then sum(u) + sum(seats * v) bounds every
    assignment from above (weak duality). For given prices the least feasible u_i is what the
    person could keep at best, max(0, points_ij - v_j) over their courses. Any prices give a
    valid bound; optimal prices give the optimum."""
    keep = np.zeros(persons, dtype=np.int64)
    np.maximum.at(keep, rows, points - prices[cols])
    return int(keep.sum() + (prices * seats).sum())


def assign(
    applicants: Sequence[Applicant], offers: Sequence[Offer], weights: Weights | None = None
) -> Assignment:
    """The assignment with the highest total score (exact), with the seat price per course."""
    weights = weights or Weights()
    started = time.perf_counter()
    edges = _edges(applicants, offers, weights)
    placements: dict[int, int] = {}
    scores: dict[int, float] = {}
    distances: dict[int, float] = {}
    thresholds: dict[int, float] = {o.key: 0.0 for o in offers}
    objective = 0
    kinds = np.array([offers[j].kind for j in edges.offer], dtype=object)
    dual = 0
    for kind in sorted(set(kinds)):
        mask = kinds == kind
        a_ids, rows = np.unique(edges.applicant[mask], return_inverse=True)
        o_ids, cols = np.unique(edges.offer[mask], return_inverse=True)
        seats = np.array([offers[j].seats for j in o_ids])
        points = np.round(edges.score[mask] * SCALE).astype(np.int64)
        course_of, prices = _solve_kind(len(a_ids), seats, rows, cols, points)
        distance_km = edges.distance_km[mask]
        for e in np.nonzero(course_of[rows] == cols)[0]:
            applicant = applicants[a_ids[rows[e]]]
            placements[applicant.key] = offers[o_ids[cols[e]]].key
            scores[applicant.key] = float(points[e]) / SCALE
            distances[applicant.key] = float(distance_km[e])
            objective += int(points[e])
        dual += dual_bound(len(a_ids), seats, rows, cols, points, prices)
        for j, price in zip(o_ids, prices, strict=True):
            thresholds[offers[j].key] = float(price) / SCALE
    return Assignment(
        placements=placements,
        scores=scores,
        distances_km=distances,
        thresholds=thresholds,
        objective=objective / SCALE,
        bound=dual / SCALE,
        seconds=time.perf_counter() - started,
        pairs=len(edges.score),
    )


def first_come_first_served(
    applicants: Sequence[Applicant], offers: Sequence[Offer], weights: Weights | None = None
) -> Assignment:
    """The usual practice, for comparison: longest waiting first, each takes the best free
    seat for them (highest points), ties to the lower course key."""
    weights = weights or Weights()
    started = time.perf_counter()
    edges = _edges(applicants, offers, weights)
    offer_keys = np.array([o.key for o in offers])
    order = np.lexsort((offer_keys[edges.offer], -edges.score, edges.applicant))
    first = np.searchsorted(edges.applicant[order], np.arange(len(applicants) + 1))
    remaining = {o.key: o.seats for o in offers}
    placements: dict[int, int] = {}
    scores: dict[int, float] = {}
    distances: dict[int, float] = {}
    queue = sorted(range(len(applicants)), key=lambda i: (-applicants[i].days_waited, i))
    for i in queue:
        for e in order[first[i] : first[i + 1]]:
            key = int(offer_keys[edges.offer[e]])
            if remaining[key] > 0:
                remaining[key] -= 1
                placements[applicants[i].key] = key
                scores[applicants[i].key] = float(edges.score[e])
                distances[applicants[i].key] = float(edges.distance_km[e])
                break
    objective = round(sum(scores.values()), 2)
    return Assignment(
        placements=placements,
        scores=scores,
        distances_km=distances,
        objective=objective,
        seconds=time.perf_counter() - started,
        pairs=len(edges.score),
    )


@dataclass(frozen=True)
class Explanation:
    options: list[Option]  # fitting courses, best first (the placed one always included)
    ruled_out: dict[Reason, int]  # courses of the person's type per rule they break


def explain_all(
    applicants: Sequence[Applicant],
    offers: Sequence[Offer],
    assignment: Assignment,
    weights: Weights | None = None,
    limit: int = 5,
) -> dict[int, Explanation]:
    """`explain` for many persons at once, keeping the best `limit` fitting courses each."""
    weights = weights or Weights()
    result: dict[int, Explanation] = {}
    by_kind: dict[str, list[Offer]] = defaultdict(list)
    for offer in offers:
        by_kind[offer.kind].append(offer)
    groups: dict[str, list[Applicant]] = defaultdict(list)
    for applicant in applicants:
        groups[applicant.kind].append(applicant)
    for kind, members in groups.items():
        same_kind = by_kind.get(kind, [])
        if not same_kind:
            result.update({a.key: Explanation([], {}) for a in members})
            continue
        pairs = _evaluate(members, same_kind, weights)
        person = np.round(_person_components(members, weights), 2)
        totals = pairs.total
        for row, applicant in enumerate(members):
            fitting = np.nonzero(pairs.reason[row] < 0)[0]
            ranked = sorted(fitting.tolist(), key=lambda j: (-totals[row, j], same_kind[j].key))
            placed = assignment.placements.get(applicant.key)
            keep = ranked[:limit] + [j for j in ranked[limit:] if same_kind[j].key == placed]
            options = [
                Option(
                    offer_key=same_kind[j].key,
                    reason=None,
                    breakdown=Breakdown(
                        placement=weights.placement,
                        level=round(float(pairs.level[row, j]), 2),
                        distance=round(float(pairs.distance[row, j]), 2),
                        schedule=round(float(pairs.schedule[row, j]), 2),
                        waiting=float(person[row, 0]),
                        obligation=float(person[row, 1]),
                        childcare_arranged=float(person[row, 2]),
                        distance_km=round(float(pairs.distance_km[row, j]), 1),
                    ),
                    needed=assignment.thresholds.get(same_kind[j].key),
                )
                for j in keep
            ]
            codes, counts = np.unique(pairs.reason[row][pairs.reason[row] >= 0], return_counts=True)
            ruled_out = {_REASONS[int(c)]: int(n) for c, n in zip(codes, counts, strict=True)}
            result[applicant.key] = Explanation(options, ruled_out)
    return result


def explain(
    applicant: Applicant,
    offers: Sequence[Offer],
    thresholds: dict[int, float],
    weights: Weights | None = None,
) -> list[Option]:
    """Every course of the person's type as the person sees it: the rule it breaks, or the
    person's points and what a seat there went for. Fitting courses first, best first."""
    weights = weights or Weights()
    options = [
        breakdown(applicant, offer, weights) for offer in offers if offer.kind == applicant.kind
    ]
    options = [
        Option(o.offer_key, o.reason, o.breakdown, thresholds.get(o.offer_key))
        if o.reason is None
        else o
        for o in options
    ]
    return sorted(
        options,
        key=lambda o: (
            o.reason is not None,
            -(o.breakdown.total if o.breakdown else 0.0),
            _REASONS.index(o.reason) if o.reason else 0,
            o.offer_key,
        ),
    )
