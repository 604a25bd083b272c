"""Matching persons and vacancies, both ways, with a score that explains itself (no Django).

Every pair gets points for four factors and is checked against hard constraints:

* occupation fit (50 points): the same ESCO occupation; else the same ISCO-08 unit group;
  else the share of the vacancy occupation's essential skills that one of the person's
  occupations also has as essential skills (ESCO occupation-skill relations); else the same
  ISCO minor group. The best of the person's occupations counts.
* German (20): the person's current level against the required CEFR level; an employer who
  hires people with little German softens a shortfall.
* commute (20): straight-line distance between the person's municipality and the place of
  work; without a driving licence the reachable radius is shorter (public transport is thin).
* availability (10): childcare still to be arranged, or a German course during working hours.

Hard constraints are never scored away: a person who may not work, whose work permission is
not on record, who lacks the recognition a regulated occupation needs, or who lacks a required
driving licence is not ranked among the candidates but listed apart, with the reason. Work
"only with the immigration office's approval" is ranked and flagged.

Scores are computed for all rows at once with numpy; explanations only for the rows shown.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import numpy as np
from scipy import sparse

WEIGHTS = {"occupation": 50.0, "german": 20.0, "commute": 20.0, "availability": 10.0}

FIT_SAME_OCCUPATION = 1.0
FIT_SAME_UNIT_GROUP = 0.7
FIT_SKILLS_MAX = 0.8  # all essential skills shared, but not the same occupation
FIT_SAME_MINOR_GROUP = 0.35

NEAR_KM = 5.0  # no deduction up to here
REACH_KM_WITH_LICENCE = 45.0  # points fall to zero this far beyond NEAR_KM
REACH_KM_WITHOUT_LICENCE = 25.0

LEVELS = ("", "A1", "A2", "B1", "B2", "C1", "C2", "native")


def level_rank(code: str) -> int:
    """0 for none, 1 for A1 … 6 for C2, 7 for a native speaker."""
    return LEVELS.index(code) if code in LEVELS else 0


class Permission(IntEnum):
    ALLOWED = 0
    APPROVAL = 1  # only with the immigration office's approval
    NOT_ALLOWED = 2
    UNKNOWN = 3  # no residence title on record


class Hours(IntEnum):
    FULL_TIME = 0
    PART_TIME = 1
    SHIFTS = 2


class CourseTime(IntEnum):
    NONE = 0
    MORNING = 1
    AFTERNOON = 2
    EVENING = 3


class Recognition(IntEnum):
    NONE = 0
    PENDING = 1
    PARTIAL = 2
    FULL = 3


# ---------------------------------------------------------------------------------------------
# Reference data: occupations with their groups and essential skills


@dataclass
class OccupationSpace:
    """Occupations by row: ISCO unit group (4 digits) and minor group (3 digits) as integer
    codes, and a binary occupation x skill matrix of essential skills."""

    isco4: np.ndarray
    isco3: np.ndarray
    essential: sparse.csr_matrix
    essential_count: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.essential = sparse.csr_matrix(self.essential, dtype=np.float32)
        self.essential_count = np.asarray(self.essential.sum(axis=1)).ravel()

    @classmethod
    def build(
        cls, isco_codes: Sequence[str], essential_skills: Sequence[Sequence[int]], n_skills: int
    ) -> OccupationSpace:
        isco4 = np.array([int(c) if c.isdigit() else -1 for c in isco_codes], dtype=np.int32)
        isco3 = np.where(isco4 >= 0, isco4 // 10, -1).astype(np.int32)
        rows = np.repeat(np.arange(len(essential_skills)), [len(s) for s in essential_skills])
        cols = np.fromiter((s for skills in essential_skills for s in skills), dtype=np.int64)
        matrix = sparse.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (rows, cols)),
            shape=(len(essential_skills), n_skills),
        )
        matrix.data[:] = 1.0  # duplicates summed to 2 become 1
        return cls(isco4=isco4, isco3=isco3, essential=matrix)

    def __len__(self) -> int:
        return len(self.isco4)

    def fit_for_vacancy_occupation(self, occupation: int) -> tuple[np.ndarray, np.ndarray]:
        """For a vacancy's occupation: the fit of every occupation a person may have, and the
        number of the vacancy occupation's essential skills each of them shares."""
        shared = np.asarray(
            (self.essential @ self.essential[occupation].T).todense(), dtype=np.float32
        ).ravel()
        total = max(float(self.essential_count[occupation]), 1.0)
        fit = np.maximum(FIT_SKILLS_MAX * shared / total, 0.0)
        if self.isco4[occupation] >= 0:
            fit = np.where(
                self.isco3 == self.isco3[occupation], np.maximum(fit, FIT_SAME_MINOR_GROUP), fit
            )
            fit = np.where(
                self.isco4 == self.isco4[occupation], np.maximum(fit, FIT_SAME_UNIT_GROUP), fit
            )
        fit[occupation] = FIT_SAME_OCCUPATION
        return fit.astype(np.float32), shared

    def fit_for_person_occupations(
        self, occupations: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """For a person's occupations: the fit of every vacancy occupation (the best over the
        person's occupations) and which of the person's occupations gives it (-1 for none)."""
        n = len(self)
        person = np.asarray(occupations, dtype=np.int64)
        person = person[person >= 0]  # -1 pads a person's row in PersonTable
        if not len(person):
            return np.zeros(n, dtype=np.float32), np.full(n, -1, dtype=np.int64)
        shared = np.asarray(
            (self.essential @ self.essential[person].T).todense(), dtype=np.float32
        )  # n x k: skills of vacancy occupation o that person occupation j also has
        share = shared / np.maximum(self.essential_count, 1.0)[:, None]
        fits = FIT_SKILLS_MAX * share
        for j, occ in enumerate(person):
            column = fits[:, j]
            if self.isco4[occ] >= 0:
                column = np.where(
                    self.isco3 == self.isco3[occ], np.maximum(column, FIT_SAME_MINOR_GROUP), column
                )
                column = np.where(
                    self.isco4 == self.isco4[occ], np.maximum(column, FIT_SAME_UNIT_GROUP), column
                )
            column[occ] = FIT_SAME_OCCUPATION
            fits[:, j] = column
        best = np.argmax(fits, axis=1)
        fit = fits[np.arange(n), best]
        source = np.where(fit > 0, person[best], -1)
        return fit.astype(np.float32), source

    def fit_kind(
        self, person_occupation: int, vacancy_occupation: int
    ) -> tuple[str, dict[str, Any]]:
        """Why a person's occupation fits a vacancy's: the reason code and its numbers."""
        if person_occupation < 0:
            return "none", {}
        if person_occupation == vacancy_occupation:
            return "same_occupation", {}
        total = int(self.essential_count[vacancy_occupation])
        shared = int(
            self.essential[vacancy_occupation].multiply(self.essential[person_occupation]).sum()
        )
        params = {"shared": shared, "total": total}
        options = [(FIT_SKILLS_MAX * shared / max(total, 1), "shared_skills")]
        if self.isco4[vacancy_occupation] >= 0:
            if self.isco4[vacancy_occupation] == self.isco4[person_occupation]:
                options.append((FIT_SAME_UNIT_GROUP, "same_unit_group"))
            elif self.isco3[vacancy_occupation] == self.isco3[person_occupation]:
                options.append((FIT_SAME_MINOR_GROUP, "same_minor_group"))
        fit, code = max(options, key=lambda option: option[0])
        return (code, params) if fit > 0 else ("none", {})


# ---------------------------------------------------------------------------------------------
# The two sides as column tables


@dataclass
class PersonTable:
    """Persons by row. `occupations` is n x k with -1 padding (experience, training, wishes,
    qualifications, recognised reference occupations)."""

    ids: np.ndarray
    occupations: np.ndarray
    german: np.ndarray
    latitude: np.ndarray  # NaN where the municipality is unknown
    longitude: np.ndarray
    permission: np.ndarray
    driving_licence: np.ndarray
    childcare_needed: np.ndarray
    course_time: np.ndarray
    # recognition procedures: (row, reference occupation, Recognition) triples
    recognition_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    recognition_occupations: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    recognition_states: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int8))

    def __len__(self) -> int:
        return len(self.ids)

    def recognition_for(self, occupation: int) -> np.ndarray:
        """Per person, the best recognition state for this reference occupation."""
        state = np.zeros(len(self), dtype=np.int8)
        hit = self.recognition_occupations == occupation
        if hit.any():
            np.maximum.at(state, self.recognition_rows[hit], self.recognition_states[hit])
        return state


@dataclass
class PersonFeatures:
    """One person, as `rank_vacancies` needs them."""

    id: int
    occupations: tuple[int, ...]
    german: int
    latitude: float
    longitude: float
    permission: Permission
    driving_licence: bool
    childcare_needed: bool
    course_time: CourseTime
    recognitions: dict[int, Recognition] = field(default_factory=dict)


@dataclass
class VacancyTable:
    ids: np.ndarray
    occupation: np.ndarray
    german: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    hours: np.ndarray
    regulated: np.ndarray  # recognition required, or a regulated occupation
    driving_required: np.ndarray
    little_german_ok: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class VacancyFeatures:
    id: int
    occupation: int
    german: int
    latitude: float
    longitude: float
    hours: Hours
    regulated: bool
    driving_required: bool
    little_german_ok: bool


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Factor:
    name: str  # occupation, german, commute, availability
    points: float
    max_points: float
    code: str
    params: dict[str, Any] = field(default_factory=dict)


GOOD_OCCUPATION_FIT = FIT_SAME_UNIT_GROUP  # the same occupation or ISCO unit group
WEAK_FACTOR = 0.5  # a factor below half its points keeps a fit from being "good"


@dataclass(frozen=True)
class Match:
    id: int  # the other side's id (vacancy id for a person, person id for a vacancy)
    score: float  # 0 … 100
    factors: tuple[Factor, ...]
    constraints: tuple[str, ...]  # hard constraints that keep the pair apart
    flags: tuple[str, ...]  # to know before proposing (e.g. approval needed)

    @property
    def band(self) -> str:
        """The fit in one word, from the factors rather than the sum: "good" when the
        occupation fits (same occupation or ISCO unit group) and no other factor is below
        half its points; "partial" with some occupational relation; "weak" without one."""
        by_name = {f.name: f for f in self.factors}
        occupation = by_name["occupation"]
        share = occupation.points / occupation.max_points if occupation.max_points else 0.0
        if share <= 0:
            return "weak"
        others_fine = all(
            f.points >= WEAK_FACTOR * f.max_points for f in self.factors if f.name != "occupation"
        )
        return "good" if share >= GOOD_OCCUPATION_FIT - 1e-6 and others_fine else "partial"


@dataclass(frozen=True)
class Ranking:
    matches: list[Match]  # eligible pairs, best first
    held_back: list[Match]  # best pairs that fail a hard constraint, with the reasons
    held_back_counts: dict[str, int]  # how many rows each hard constraint kept apart
    considered: int


# ---------------------------------------------------------------------------------------------
# Factor scores, vectorised


def distance_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance (haversine), element-wise."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(v, dtype=np.float64)) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def german_score(person: Any, required: Any, little_german_ok: Any) -> np.ndarray:
    gap = np.asarray(person) - np.asarray(required)
    score = np.where(gap >= 0, 1.0, np.where(gap == -1, 0.5, 0.1))
    return np.where((gap < 0) & np.asarray(little_german_ok), np.maximum(score, 0.7), score)


def commute_score(km: Any, licence: Any) -> np.ndarray:
    km = np.asarray(km, dtype=np.float64)
    reach = np.where(np.asarray(licence), REACH_KM_WITH_LICENCE, REACH_KM_WITHOUT_LICENCE)
    score = np.clip(1.0 - np.maximum(km - NEAR_KM, 0.0) / reach, 0.0, 1.0)
    return np.where(np.isnan(km), 0.5, score)


def availability_score(childcare: Any, course_time: Any, hours: Any) -> np.ndarray:
    childcare, course_time, hours = (np.asarray(v) for v in (childcare, course_time, hours))
    demanding = hours != Hours.PART_TIME
    score = np.ones(np.broadcast(childcare, course_time, hours).shape)
    score = np.where(childcare & demanding, 0.4, score)
    in_course = course_time != CourseTime.NONE
    clash = in_course & (
        (hours == Hours.SHIFTS) | ((hours == Hours.FULL_TIME) & (course_time != CourseTime.EVENING))
    )
    return np.where(clash, np.minimum(score, 0.5), score)


def _constraint_masks(
    *,
    permission: np.ndarray,
    regulated: np.ndarray,
    recognition: np.ndarray,
    driving_required: np.ndarray,
    licence: np.ndarray,
) -> dict[str, np.ndarray]:
    return {
        "no_work_permission": permission == Permission.NOT_ALLOWED,
        "work_permission_unknown": permission == Permission.UNKNOWN,
        "recognition_missing": regulated & (recognition < Recognition.FULL),
        "driving_licence_missing": driving_required & ~licence,
    }


def _top(scores: np.ndarray, mask: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Row indices of the k best scores among `mask`, best first, ties by id."""
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(mask)
    if len(rows) > k:
        part = np.argpartition(-scores[rows], k - 1)[:k]
        threshold = scores[rows[part]].min()
        rows = rows[scores[rows] >= threshold]
    order = np.lexsort((ids[rows], -scores[rows]))
    return rows[order][:k]


# ---------------------------------------------------------------------------------------------
# Explanations for the rows shown


def _german_factor(person: int, required: int, little_german_ok: bool, points: float) -> Factor:
    if required == 0:
        code = "not_required"
    elif person >= required:
        code = "meets"
    elif little_german_ok:
        code = "below_employer_open"
    elif person == required - 1:
        code = "one_below"
    else:
        code = "below"
    return Factor(
        "german",
        points,
        WEIGHTS["german"],
        code,
        {"person": LEVELS[person] if person else "", "required": LEVELS[required]},
    )


def _commute_factor(km: float, licence: bool, points: float) -> Factor:
    if math.isnan(km):
        return Factor("commute", points, WEIGHTS["commute"], "unknown")
    code = "near" if km <= NEAR_KM else ("far" if points == 0 else "reachable")
    return Factor(
        "commute",
        points,
        WEIGHTS["commute"],
        code if licence or code == "near" else f"{code}_without_licence",
        {"km": round(km)},
    )


def _availability_factor(childcare: bool, course_time: int, hours: int, points: float) -> Factor:
    demanding = hours != Hours.PART_TIME
    if childcare and demanding:
        code = "childcare"
    elif course_time != CourseTime.NONE and points < WEIGHTS["availability"]:
        code = "course_clash"
    elif course_time != CourseTime.NONE:
        code = "course_fits"
    else:
        code = "available"
    return Factor(
        "availability",
        points,
        WEIGHTS["availability"],
        code,
        {"course_time": CourseTime(course_time).name.lower()},
    )


def _occupation_reason(
    space: OccupationSpace, source: int, vacancy_occupation: int, own: tuple[int, ...]
) -> tuple[str, dict[str, Any]]:
    """The occupation factor's reason, naming the person's occupation it comes from (`via`,
    a row of the space) or, when none is related, the occupations on record (`own`)."""
    code, params = space.fit_kind(source, vacancy_occupation)
    if code != "none":
        return code, {**params, "via": source}
    if own:
        return "unrelated", {"own": own}
    return "none", {}


def _match(
    *,
    other_id: int,
    fit: float,
    fit_code: str,
    fit_params: dict[str, Any],
    german: tuple[int, int, bool, float],
    commute: tuple[float, bool, float],
    availability: tuple[bool, int, int, float],
    constraints: list[str],
    permission: int,
) -> Match:
    factors = (
        Factor(
            "occupation", fit * WEIGHTS["occupation"], WEIGHTS["occupation"], fit_code, fit_params
        ),
        _german_factor(*german),
        _commute_factor(*commute),
        _availability_factor(*availability),
    )
    flags = ("approval_needed",) if permission == Permission.APPROVAL else ()
    return Match(
        id=other_id,
        score=round(sum(f.points for f in factors), 1),
        factors=factors,
        constraints=tuple(constraints),
        flags=flags,
    )


# ---------------------------------------------------------------------------------------------
# The two directions


def rank_vacancies(
    space: OccupationSpace, person: PersonFeatures, vacancies: VacancyTable, *, k: int = 20
) -> Ranking:
    """The vacancies that fit one person, best first, and the best ones held back."""
    occ_fit, occ_source = space.fit_for_person_occupations(person.occupations)
    fit = occ_fit[vacancies.occupation]
    german = german_score(person.german, vacancies.german, vacancies.little_german_ok)
    km = distance_km(person.latitude, person.longitude, vacancies.latitude, vacancies.longitude)
    commute = commute_score(km, person.driving_licence)
    availability = availability_score(person.childcare_needed, person.course_time, vacancies.hours)
    scores = (
        WEIGHTS["occupation"] * fit
        + WEIGHTS["german"] * german
        + WEIGHTS["commute"] * commute
        + WEIGHTS["availability"] * availability
    )
    recognition = np.zeros(len(vacancies), dtype=np.int8)
    for occupation, state in person.recognitions.items():
        same = vacancies.occupation == occupation
        recognition[same] = np.maximum(recognition[same], int(state))
    masks = _constraint_masks(
        permission=np.full(len(vacancies), int(person.permission)),
        regulated=vacancies.regulated,
        recognition=recognition,
        driving_required=vacancies.driving_required,
        licence=np.full(len(vacancies), person.driving_licence),
    )

    own = tuple(sorted(int(o) for o in person.occupations if o >= 0))

    def explain(row: int, constraints: list[str]) -> Match:
        occupation = int(vacancies.occupation[row])
        code, params = _occupation_reason(space, int(occ_source[occupation]), occupation, own)
        return _match(
            other_id=int(vacancies.ids[row]),
            fit=float(fit[row]),
            fit_code=code,
            fit_params=params,
            german=(
                person.german,
                int(vacancies.german[row]),
                bool(vacancies.little_german_ok[row]),
                float(WEIGHTS["german"] * german[row]),
            ),
            commute=(
                float(km[row]),
                person.driving_licence,
                float(WEIGHTS["commute"] * commute[row]),
            ),
            availability=(
                person.childcare_needed,
                int(person.course_time),
                int(vacancies.hours[row]),
                float(WEIGHTS["availability"] * availability[row]),
            ),
            constraints=constraints,
            permission=int(person.permission),
        )

    return _ranking(scores=scores, masks=masks, ids=vacancies.ids, k=k, explain=explain)


def rank_persons(
    space: OccupationSpace,
    vacancy: VacancyFeatures,
    persons: PersonTable,
    *,
    k: int = 20,
    scope: np.ndarray | None = None,
) -> Ranking:
    """The persons who fit one vacancy, best first, and the best ones held back. `scope`
    (a boolean per row) limits everything, counts included, to the rows the caller may see."""
    occ_fit, _shared = space.fit_for_vacancy_occupation(vacancy.occupation)
    padded = np.append(occ_fit, np.float32(0.0))  # index -1 (padding) reads the 0 at the end
    per_slot = padded[persons.occupations]
    best_slot = np.argmax(per_slot, axis=1) if persons.occupations.shape[1] else None
    fit = per_slot.max(axis=1) if best_slot is not None else np.zeros(len(persons), np.float32)
    german = german_score(persons.german, vacancy.german, vacancy.little_german_ok)
    km = distance_km(persons.latitude, persons.longitude, vacancy.latitude, vacancy.longitude)
    commute = commute_score(km, persons.driving_licence)
    availability = availability_score(persons.childcare_needed, persons.course_time, vacancy.hours)
    scores = (
        WEIGHTS["occupation"] * fit
        + WEIGHTS["german"] * german
        + WEIGHTS["commute"] * commute
        + WEIGHTS["availability"] * availability
    )
    recognition = (
        persons.recognition_for(vacancy.occupation)
        if vacancy.regulated
        else np.zeros(len(persons), dtype=np.int8)
    )
    masks = _constraint_masks(
        permission=persons.permission,
        regulated=np.full(len(persons), vacancy.regulated),
        recognition=recognition,
        driving_required=np.full(len(persons), vacancy.driving_required),
        licence=persons.driving_licence,
    )

    def explain(row: int, constraints: list[str]) -> Match:
        source = -1
        if best_slot is not None and fit[row] > 0:
            source = int(persons.occupations[row, best_slot[row]])
        own = tuple(sorted(int(o) for o in persons.occupations[row] if o >= 0))
        code, params = _occupation_reason(space, source, vacancy.occupation, own)
        return _match(
            other_id=int(persons.ids[row]),
            fit=float(fit[row]),
            fit_code=code,
            fit_params=params,
            german=(
                int(persons.german[row]),
                vacancy.german,
                vacancy.little_german_ok,
                float(WEIGHTS["german"] * german[row]),
            ),
            commute=(
                float(km[row]),
                bool(persons.driving_licence[row]),
                float(WEIGHTS["commute"] * commute[row]),
            ),
            availability=(
                bool(persons.childcare_needed[row]),
                int(persons.course_time[row]),
                int(vacancy.hours),
                float(WEIGHTS["availability"] * availability[row]),
            ),
            constraints=constraints,
            permission=int(persons.permission[row]),
        )

    return _ranking(scores=scores, masks=masks, ids=persons.ids, k=k, explain=explain, scope=scope)


def _ranking(
    *,
    scores: np.ndarray,
    masks: dict[str, np.ndarray],
    ids: np.ndarray,
    k: int,
    explain: Any,
    scope: np.ndarray | None = None,
) -> Ranking:
    if scope is None:
        scope = np.ones(len(scores), dtype=bool)
    blocked = np.zeros(len(scores), dtype=bool)
    for mask in masks.values():
        blocked |= mask
    counts = Counter(
        {name: int((mask & scope).sum()) for name, mask in masks.items() if (mask & scope).any()}
    )

    def reasons(row: int) -> list[str]:
        return [name for name, mask in masks.items() if mask[row]]

    matches = [explain(int(row), []) for row in _top(scores, ~blocked & scope, ids, k)]
    held_back = [
        explain(int(row), reasons(int(row))) for row in _top(scores, blocked & scope, ids, k)
    ]
    return Ranking(
        matches=matches,
        held_back=held_back,
        held_back_counts=dict(counts),
        considered=int(scope.sum()),
    )
