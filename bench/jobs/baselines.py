"""What the matcher is measured against: the same score in a plain per-row Python loop (for
speed, and as an independent check of the numbers), and ranking by job title text alone (for
quality)."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils
from sklearn.feature_extraction.text import TfidfVectorizer

from wegweiser.jobs.matching import (
    FIT_SAME_MINOR_GROUP,
    FIT_SAME_OCCUPATION,
    FIT_SAME_UNIT_GROUP,
    FIT_SKILLS_MAX,
    NEAR_KM,
    REACH_KM_WITH_LICENCE,
    REACH_KM_WITHOUT_LICENCE,
    WEIGHTS,
    CourseTime,
    Hours,
    Permission,
    PersonFeatures,
    Recognition,
    VacancyFeatures,
)

from .synthetic import Occupations

# ---------------------------------------------------------------------------------------------
# The score, one pair at a time


@dataclass(frozen=True)
class PlainSpace:
    """Occupations as Python sets and strings."""

    isco: list[str]
    skills: list[frozenset[int]]

    @classmethod
    def of(cls, occ: Occupations) -> PlainSpace:
        matrix = occ.space.essential
        return cls(
            isco=[code if code.isdigit() else "" for code in occ.isco],
            skills=[
                frozenset(matrix.indices[matrix.indptr[o] : matrix.indptr[o + 1]].tolist())
                for o in range(len(occ.isco))
            ],
        )

    def fit(self, person_occupations: Sequence[int], vacancy_occupation: int) -> float:
        best = 0.0
        wanted = self.skills[vacancy_occupation]
        code = self.isco[vacancy_occupation]
        for occupation in person_occupations:
            if occupation == vacancy_occupation:
                return FIT_SAME_OCCUPATION
            fit = FIT_SKILLS_MAX * len(wanted & self.skills[occupation]) / max(len(wanted), 1)
            if code and self.isco[occupation] == code:
                fit = max(fit, FIT_SAME_UNIT_GROUP)
            elif code and self.isco[occupation][:3] == code[:3]:
                fit = max(fit, FIT_SAME_MINOR_GROUP)
            best = max(best, fit)
        return best


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(max(a, 0.0), 1.0)))


def pair_score(space: PlainSpace, p: PersonFeatures, v: VacancyFeatures) -> float | None:
    """The pair's score, or None when a hard constraint keeps it apart."""
    if p.permission in (Permission.NOT_ALLOWED, Permission.UNKNOWN):
        return None
    if v.regulated and p.recognitions.get(v.occupation, Recognition.NONE) < Recognition.FULL:
        return None
    if v.driving_required and not p.driving_licence:
        return None

    gap = p.german - v.german
    german = 1.0 if gap >= 0 else (0.5 if gap == -1 else 0.1)
    if gap < 0 and v.little_german_ok:
        german = max(german, 0.7)

    km = _km(p.latitude, p.longitude, v.latitude, v.longitude)
    if math.isnan(km):
        commute = 0.5
    else:
        reach = REACH_KM_WITH_LICENCE if p.driving_licence else REACH_KM_WITHOUT_LICENCE
        commute = min(max(1.0 - max(km - NEAR_KM, 0.0) / reach, 0.0), 1.0)

    availability = 1.0
    if p.childcare_needed and v.hours != Hours.PART_TIME:
        availability = 0.4
    if p.course_time != CourseTime.NONE and (
        v.hours == Hours.SHIFTS
        or (v.hours == Hours.FULL_TIME and p.course_time != CourseTime.EVENING)
    ):
        availability = min(availability, 0.5)

    return (
        WEIGHTS["occupation"] * space.fit(p.occupations, v.occupation)
        + WEIGHTS["german"] * german
        + WEIGHTS["commute"] * commute
        + WEIGHTS["availability"] * availability
    )


def loop_rank_vacancies(
    space: PlainSpace, p: PersonFeatures, vacancies: Sequence[VacancyFeatures], k: int
) -> list[tuple[float, int]]:
    scored = ((pair_score(space, p, v), v.id) for v in vacancies)
    return heapq.nlargest(k, ((s, -i) for s, i in scored if s is not None))


def loop_rank_persons(
    space: PlainSpace, v: VacancyFeatures, persons: Sequence[PersonFeatures], k: int
) -> list[tuple[float, int]]:
    scored = ((pair_score(space, p, v), p.id) for p in persons)
    return heapq.nlargest(k, ((s, -i) for s, i in scored if s is not None))


# ---------------------------------------------------------------------------------------------
# Ranking vacancies by title text alone


class TitleSearch:
    """Scores every vacancy title against a told job title (distinct titles scored once)."""

    def __init__(self, titles: Sequence[str]) -> None:
        distinct = sorted(set(titles))
        position = {title: i for i, title in enumerate(distinct)}
        self.titles = distinct
        self.of_vacancy = np.array([position[t] for t in titles], dtype=np.int64)
        self.processed = [utils.default_process(t) for t in distinct]
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self.matrix = self.vectorizer.fit_transform(distinct)

    def token_set(self, query: str) -> np.ndarray:
        scores = process.cdist(
            [utils.default_process(query)], self.processed, scorer=fuzz.token_set_ratio, workers=1
        )[0]
        return np.asarray(scores, dtype=np.float32)[self.of_vacancy]

    def char_tfidf(self, query: str) -> np.ndarray:
        cosine = self.matrix @ self.vectorizer.transform([query]).T
        return np.asarray(cosine.todense(), dtype=np.float32).ravel()[self.of_vacancy]


def top_rows(scores: np.ndarray, eligible: np.ndarray, k: int) -> np.ndarray:
    """Rows of the k best scores among the eligible, ties to the lower row."""
    rows = np.flatnonzero(eligible)
    order = np.lexsort((rows, -scores[rows]))
    return rows[order[:k]]
