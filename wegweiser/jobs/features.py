"""The matching features of persons and vacancies, read from the database as the tables and
feature records of the pure `matching` module, and the occupation space they are coded in.

Both `selectors` (a match for one person or vacancy) and `tables` (the kept tables of whole
teams) build on these reads, so they live apart from both and each imports them at the top.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from django.db.models import Count, Max, Q, QuerySet, Subquery
from django.utils import timezone

from wegweiser.cases.models import Orientation
from wegweiser.core.request_memo import once
from wegweiser.courses.models import Enrolment, LevelRecord
from wegweiser.occupations.models import DataVersion, Occupation, OccupationSkill
from wegweiser.people.models import Person, PersonLanguage, ResidenceStatus
from wegweiser.recognition.models import Outcome, Qualification, RecognitionProcedure

from . import matching
from .models import Experience, Hours, Vacancy

DRIVING = {
    Orientation.DrivingLicence.B,
    Orientation.DrivingLicence.TRUCK,
    Orientation.DrivingLicence.OTHER,
}
HOURS = {Hours.FULL_TIME: 0, Hours.PART_TIME: 1, Hours.SHIFTS: 2}
COURSE_TIMES = {"morning": 1, "afternoon": 2, "evening": 3}
PERMISSIONS: dict[str, matching.Permission] = {
    ResidenceStatus.WorkPermission.ALLOWED: matching.Permission.ALLOWED,
    ResidenceStatus.WorkPermission.APPROVAL: matching.Permission.APPROVAL,
    ResidenceStatus.WorkPermission.NOT_ALLOWED: matching.Permission.NOT_ALLOWED,
}


@dataclass
class _Space:
    key: tuple[Any, ...]
    space: matching.OccupationSpace
    row_of: dict[int, int]
    regulated: np.ndarray


_space_lock = threading.Lock()
_space_cache: dict[str, _Space] = {}


def _space_key() -> tuple[Any, ...]:
    """The occupations' count and newest id, the newest skill link's id and when the reference
    data was last loaded (a load may change links in place): one query, none of it a scan of
    the 120,000 skill links (their count was)."""
    newest_link = OccupationSkill.objects.order_by("-pk").values("pk")[:1]
    loaded = DataVersion.objects.order_by("-loaded_at").values("loaded_at")[:1]
    row = Occupation.objects.aggregate(
        count=Count("pk"),
        newest=Max("pk"),
        newest_link=Max(Subquery(newest_link)),
        loaded=Max(Subquery(loaded)),
    )
    return (row["count"], row["newest"], row["newest_link"], row["loaded"])


def occupation_space() -> _Space:
    """ESCO occupations with their ISCO groups and essential skills, built once per data
    version (the key changes when occupations or skills are loaded). The key is read once per
    request however many parts of the page ask."""
    return once("jobs.occupation_space", _occupation_space)


def _occupation_space() -> _Space:
    key = _space_key()
    with _space_lock:
        cached = _space_cache.get("space")
        if cached is not None and cached.key == key:
            return cached
        rows = list(Occupation.objects.order_by("pk").values_list("pk", "isco_code", "regulated"))
        row_of = {pk: i for i, (pk, _isco, _reg) in enumerate(rows)}
        skills: list[list[int]] = [[] for _ in rows]
        skill_col: dict[int, int] = {}
        for occupation_id, skill_id in OccupationSkill.objects.filter(
            relation=OccupationSkill.Relation.ESSENTIAL
        ).values_list("occupation_id", "skill_id"):
            column = skill_col.setdefault(skill_id, len(skill_col))
            skills[row_of[occupation_id]].append(column)
        space = matching.OccupationSpace.build(
            [isco for _pk, isco, _reg in rows], skills, max(len(skill_col), 1)
        )
        cached = _Space(
            key=key,
            space=space,
            row_of=row_of,
            regulated=np.array([reg for _pk, _isco, reg in rows], dtype=bool),
        )
        _space_cache["space"] = cached
        return cached


# The rows of the orientation and of the recognition procedures that the features use, each
# read once for all features (occupations, German level, driving licence and childcare,
# recognition states).
ProcedureRow = tuple[int, int, str, dt.date | None]


class OrientationRow(NamedTuple):
    person_id: int
    occupation_id: int | None
    german_level: str
    assessed_on: dt.date | None
    german_source: str
    driving_licence: str
    childcare_needed: bool


def _person_occupations(
    person_ids: QuerySet[Person, Any],
    orientations: list[OrientationRow],
    procedures: list[ProcedureRow],
) -> dict[int, set[int]]:
    occupations: dict[int, set[int]] = defaultdict(set)
    for person_id, occupation_id in Experience.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "occupation_id"
    ):
        occupations[person_id].add(occupation_id)
    for person_id, occupation_id in Qualification.objects.filter(
        person_id__in=person_ids, occupation__isnull=False
    ).values_list("person_id", "occupation_id"):
        occupations[person_id].add(occupation_id)
    for person_id, occupation_id, _outcome, _submitted in procedures:
        occupations[person_id].add(occupation_id)
    for row in orientations:
        if row.occupation_id is not None:
            occupations[row.person_id].add(row.occupation_id)
    return occupations


def _orientations(person_ids: QuerySet[Person, Any]) -> list[OrientationRow]:
    return [
        OrientationRow._make(row)
        for row in Orientation.objects.filter(case__person_id__in=person_ids).values_list(
            "case__person_id",
            "occupation_id",
            "german_level",
            "assessed_on",
            "german_source",
            "driving_licence",
            "childcare_needed",
        )
    ]


def _procedures(person_ids: QuerySet[Person, Any]) -> list[ProcedureRow]:
    return list(
        RecognitionProcedure.objects.filter(
            person_id__in=person_ids, reference_occupation__isnull=False
        ).values_list("person_id", "reference_occupation_id", "outcome", "application_submitted_on")
    )


@dataclass(frozen=True)
class OccupationSource:
    """Where a person's coded occupation is recorded: the kind of record and its title."""

    kind: str  # worked, trained, wanted, qualification, recognition, orientation
    title: str


def occupation_sources(person_ids: list[int]) -> dict[int, dict[int, list[OccupationSource]]]:
    """For the persons shown: per occupation row of the matching space, the records that name
    it (the same sources as `_person_occupations`, with their titles)."""
    row_of = occupation_space().row_of
    sources: dict[int, dict[int, list[OccupationSource]]] = defaultdict(lambda: defaultdict(list))

    def add(person_id: int, occupation_id: int | None, kind: str, title: str) -> None:
        if occupation_id in row_of:
            sources[person_id][row_of[occupation_id]].append(OccupationSource(kind, title))

    for person_id, occupation_id, kind, title in Experience.objects.filter(
        person_id__in=person_ids
    ).values_list("person_id", "occupation_id", "kind", "title"):
        add(person_id, occupation_id, kind, title)
    for person_id, occupation_id, german, original in Qualification.objects.filter(
        person_id__in=person_ids, occupation__isnull=False
    ).values_list("person_id", "occupation_id", "title_german", "title_original"):
        add(person_id, occupation_id, "qualification", german or original)
    for person_id, occupation_id, title, label in RecognitionProcedure.objects.filter(
        person_id__in=person_ids, reference_occupation__isnull=False
    ).values_list(
        "person_id",
        "reference_occupation_id",
        "reference_title",
        "reference_occupation__preferred_label_de",
    ):
        add(person_id, occupation_id, "recognition", title or label)
    for person_id, occupation_id, label in Orientation.objects.filter(
        case__person_id__in=person_ids, occupation__isnull=False
    ).values_list("case__person_id", "occupation_id", "occupation__preferred_label_de"):
        add(person_id, occupation_id, "orientation", label)
    return {person_id: dict(rows) for person_id, rows in sources.items()}


def _recognitions(procedures: list[ProcedureRow]) -> list[tuple[int, int, int]]:
    """(person id, reference occupation id, matching.Recognition) per procedure."""
    states: dict[str, matching.Recognition] = {
        str(Outcome.FULL): matching.Recognition.FULL,
        str(Outcome.PARTIAL): matching.Recognition.PARTIAL,
    }
    result = []
    for person_id, occupation_id, outcome, submitted in procedures:
        if outcome in states:
            state = states[outcome]
        elif not outcome and submitted is not None:
            state = matching.Recognition.PENDING
        else:
            state = matching.Recognition.NONE
        result.append((person_id, occupation_id, int(state)))
    return result


def _permissions(person_ids: QuerySet[Person, Any], today: dt.date) -> dict[int, int]:
    permissions: dict[int, int] = {}
    for person_id, permission in (
        ResidenceStatus.objects.filter(person_id__in=person_ids, valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("person_id", "-valid_from", "-id")
        .values_list("person_id", "work_permission")
    ):
        permissions.setdefault(person_id, int(PERMISSIONS[permission]))
    return permissions


def _course_times(person_ids: QuerySet[Person, Any], today: dt.date) -> dict[int, int]:
    times: dict[int, int] = {}
    for person_id, time_of_day in Enrolment.objects.filter(
        person_id__in=person_ids,
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.ATTENDING],
        course__ends_on__gte=today,
    ).values_list("person_id", "course__time_of_day"):
        times.setdefault(person_id, COURSE_TIMES.get(time_of_day, 0))
    return times


def _german_levels(
    person_ids: QuerySet[Person, Any], orientations: list[OrientationRow] | None = None
) -> dict[int, str]:
    """Each person's current German level by the rule of `courses.selectors.current_levels`
    (the latest dated entry, on the same day a tested one, undated languages last), read as
    plain values for whole teams at once."""
    best: dict[int, tuple[bool, dt.date, bool, str]] = {}

    def offer(person_id: int, on: dt.date | None, tested: bool, level: str) -> None:
        key = (on is not None, on or dt.date.min, tested)
        current = best.get(person_id)
        if current is None or key > current[:3]:
            best[person_id] = (*key, level)

    for person_id, level, on, source in LevelRecord.objects.filter(
        person_id__in=person_ids
    ).values_list("person_id", "level", "assessed_on", "source"):
        offer(person_id, on, source in LevelRecord.TESTED, level)
    for row in _orientations(person_ids) if orientations is None else orientations:
        if row.german_level:
            offer(
                row.person_id,
                row.assessed_on,
                row.german_source == Orientation.GermanSource.TESTED,
                row.german_level,
            )
    for person_id, level in (
        PersonLanguage.objects.filter(person_id__in=person_ids, language="de")
        .exclude(level="native")
        .values_list("person_id", "level")
    ):
        offer(person_id, None, False, level)
    return {person_id: value[3] for person_id, value in best.items()}


def person_table(persons: QuerySet[Person]) -> matching.PersonTable:
    """The matching features of the persons, one row each."""
    today = timezone.localdate()
    space = occupation_space()
    rows = list(
        persons.values_list("pk", "municipality__latitude", "municipality__longitude").order_by(
            "pk"
        )
    )
    ids = [pk for pk, _lat, _lon in rows]
    # Related rows are read by subquery, not by a list of ids: a team may hold more persons
    # than a database accepts as query parameters.
    subquery = persons.order_by().values("pk")
    orientations = _orientations(subquery)
    procedures = _procedures(subquery)
    occupations = _person_occupations(subquery, orientations, procedures)
    width = max([len(o) for o in occupations.values()] + [1])
    occupation_rows = np.full((len(ids), width), -1, dtype=np.int64)
    for i, pk in enumerate(ids):
        mapped = sorted(space.row_of[o] for o in occupations.get(pk, ()) if o in space.row_of)
        occupation_rows[i, : len(mapped)] = mapped
    levels = _german_levels(subquery, orientations)
    orientation = {
        row.person_id: (row.driving_licence, row.childcare_needed) for row in orientations
    }
    permissions = _permissions(subquery, today)
    course_times = _course_times(subquery, today)
    row_of_person = {pk: i for i, pk in enumerate(ids)}
    recognitions = [
        (row_of_person[p], space.row_of[o], s)
        for p, o, s in _recognitions(procedures)
        if o in space.row_of and p in row_of_person
    ]
    return matching.PersonTable(
        ids=np.array(ids, dtype=np.int64),
        occupations=occupation_rows,
        german=np.array([matching.level_rank(levels.get(pk, "")) for pk in ids], dtype=np.int8),
        latitude=np.array([lat if lat is not None else np.nan for _pk, lat, _lon in rows]),
        longitude=np.array([lon if lon is not None else np.nan for _pk, _lat, lon in rows]),
        permission=np.array(
            [permissions.get(pk, int(matching.Permission.UNKNOWN)) for pk in ids], dtype=np.int8
        ),
        driving_licence=np.array(
            [orientation.get(pk, ("none", False))[0] in DRIVING for pk in ids], dtype=bool
        ),
        childcare_needed=np.array(
            [bool(orientation.get(pk, ("none", False))[1]) for pk in ids], dtype=bool
        ),
        course_time=np.array([course_times.get(pk, 0) for pk in ids], dtype=np.int8),
        recognition_rows=np.array([r for r, _o, _s in recognitions], dtype=np.int64),
        recognition_occupations=np.array([o for _r, o, _s in recognitions], dtype=np.int64),
        recognition_states=np.array([s for _r, _o, s in recognitions], dtype=np.int8),
    )


def person_features(person: Person) -> matching.PersonFeatures:
    table = person_table(Person.objects.filter(pk=person.pk))
    recognitions: dict[int, matching.Recognition] = {}
    for occupation, state in zip(
        table.recognition_occupations, table.recognition_states, strict=True
    ):
        recognitions[int(occupation)] = matching.Recognition(
            max(int(state), int(recognitions.get(int(occupation), 0)))
        )
    return matching.PersonFeatures(
        id=person.pk,
        occupations=tuple(int(o) for o in table.occupations[0] if o >= 0),
        german=int(table.german[0]),
        latitude=float(table.latitude[0]),
        longitude=float(table.longitude[0]),
        permission=matching.Permission(int(table.permission[0])),
        driving_licence=bool(table.driving_licence[0]),
        childcare_needed=bool(table.childcare_needed[0]),
        course_time=matching.CourseTime(int(table.course_time[0])),
        recognitions=recognitions,
    )


def _vacancy_values(vacancies: QuerySet[Vacancy]) -> list[tuple[Any, ...]]:
    return list(
        vacancies.order_by("pk").values_list(
            "pk",
            "occupation_id",
            "german_level",
            "municipality__latitude",
            "municipality__longitude",
            "hours",
            "recognition_required",
            "driving_licence_required",
            "employer__little_german_ok",
        )
    )


def vacancy_table(vacancies: QuerySet[Vacancy]) -> matching.VacancyTable:
    space = occupation_space()
    rows = [r for r in _vacancy_values(vacancies) if r[1] in space.row_of]
    occupation = np.array([space.row_of[r[1]] for r in rows], dtype=np.int64)
    return matching.VacancyTable(
        ids=np.array([r[0] for r in rows], dtype=np.int64),
        occupation=occupation,
        german=np.array([matching.level_rank(r[2]) for r in rows], dtype=np.int8),
        latitude=np.array([r[3] for r in rows], dtype=np.float64),
        longitude=np.array([r[4] for r in rows], dtype=np.float64),
        hours=np.array([HOURS.get(r[5], 0) for r in rows], dtype=np.int8),
        regulated=np.array([bool(r[6]) for r in rows], dtype=bool)
        | (space.regulated[occupation] if len(rows) else np.zeros(0, dtype=bool)),
        driving_required=np.array([bool(r[7]) for r in rows], dtype=bool),
        little_german_ok=np.array([bool(r[8]) for r in rows], dtype=bool),
    )


def vacancy_features(vacancy: Vacancy) -> matching.VacancyFeatures:
    table = vacancy_table(Vacancy.objects.filter(pk=vacancy.pk))
    return matching.VacancyFeatures(
        id=vacancy.pk,
        occupation=int(table.occupation[0]),
        german=int(table.german[0]),
        latitude=float(table.latitude[0]),
        longitude=float(table.longitude[0]),
        hours=matching.Hours(int(table.hours[0])),
        regulated=bool(table.regulated[0]),
        driving_required=bool(table.driving_required[0]),
        little_german_ok=bool(table.little_german_ok[0]),
    )
