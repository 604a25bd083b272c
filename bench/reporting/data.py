"""Synthetic persons and their histories for the reporting benchmark, written straight into the
tables: COPY on PostgreSQL, executemany on SQLite. No model instances, no save(), no audit
signals: the rows are built in database form from the models' own table and column names.

Per person about ten events: case status changes (2-3), consultation notes (3), a course
enrolment, an exam result (7 in 10), a placement (4 in 10) with its four follow-ups, and a
qualification with an ISCED level. Persons enter between 2015 and 2025; everything is drawn
from a seeded numpy generator, so a seed gives the same data.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np
from django.db import connection, models, transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, Team, User
from wegweiser.cases.models import Case, CaseStatusChange, Note
from wegweiser.cases.status_periods import status_periods_rebuild
from wegweiser.core.models import Municipality
from wegweiser.courses.models import Course, CourseLocation, Enrolment, ExamResult
from wegweiser.jobs.models import Employer, FollowUp, Placement
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Person
from wegweiser.recognition.models import Qualification

BATCH = 50_000
FIRST_DAY = dt.date(2015, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
DAYS = (LAST_DAY - FIRST_DAY).days
NATIONALITIES = np.array(["SY", "AF", "UA", "IQ", "ER", "TR", "RO", "PL", "BG", "IR"])
SEXES = np.array(["f", "m", "d", "u"])
DOMAINS = np.array(["sgb2", "sgb3", "asylblg", "none"])
REASONS = np.array(["employment", "moved", "no_contact", "declined", "other_service", "left"])
ENROLMENT = np.array(["completed", "attending", "dropped_out", "declined", "interrupted"])
EXAMS = np.array(["dtz", "lid", "dtb", "telc"])
LEVELS = np.array(["", "A2", "B1", "B1", "B2", "C1"])
CONTRACTS = np.array(["permanent", "fixed", "temporary"])
HOURS = np.array(["full_time", "part_time", "mini_job"])
ISCED = np.array(["1", "2", "3", "4", "6", "7"])
OUTCOMES_MONTHS = (1, 3, 6, 12)


def day(offsets: np.ndarray) -> list[dt.date]:
    base = np.datetime64(FIRST_DAY.isoformat())
    return (base + offsets.astype("timedelta64[D]")).astype(object).tolist()


class Writer:
    """Rows of one model in database form, written in batches; the columns not given get the
    field's default."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields]
        self.table = model._meta.db_table
        self.rows = 0
        self.now = timezone.now()

    def defaults(self, given: set[str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for f in self.fields:
            if f.attname in given:
                continue
            if isinstance(f, models.DateTimeField):
                values[f.attname] = self.now
            elif f.has_default():
                value = f.get_default()
                values[f.attname] = json.dumps(value) if isinstance(f, models.JSONField) else value
            elif f.null:
                values[f.attname] = None
            elif isinstance(f, models.CharField | models.TextField):
                values[f.attname] = ""
            else:
                raise ValueError(f"{self.table}.{f.attname} needs a value")
        return values

    def write(self, columns: dict[str, Sequence[Any]]) -> None:
        n = len(next(iter(columns.values())))
        defaults = self.defaults(set(columns))
        names = [str(f.column) for f in self.fields]
        data = [
            columns[f.attname] if f.attname in columns else [defaults[f.attname]] * n
            for f in self.fields
        ]
        rows = list(zip(*data, strict=True))
        if connection.vendor == "postgresql":
            self._copy(names, rows)
        else:
            marks = ", ".join(["%s"] * len(names))
            sql = f'INSERT INTO "{self.table}" ({", ".join(names)}) VALUES ({marks})'  # noqa: S608 - model names
            with connection.cursor() as cursor:
                cursor.executemany(sql, rows)
        self.rows += n

    def _copy(self, names: list[str], rows: list[tuple[Any, ...]]) -> None:
        raw = connection.connection
        assert raw is not None
        with raw.cursor() as cursor:
            statement = f'COPY "{self.table}" ({", ".join(names)}) FROM STDIN'
            with cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)


def _next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _reference_rows(organisation_name: str) -> dict[str, Any]:
    """The organisation, a team, a caseworker, an employer and a course per half-year."""
    from wegweiser.core.audit import acting_as

    with transaction.atomic(), acting_as(None):
        organisation, _ = Organisation.objects.get_or_create(name=organisation_name)
        team, _ = Team.objects.get_or_create(organisation=organisation, name="Bench")
        user = User.objects.filter(username="bench-caseworker").first()
        if user is None:
            user = User.objects.create(
                username="bench-caseworker", organisation=organisation, role="caseworker"
            )
        manager = User.objects.filter(username="bench-manager").first()
        if manager is None:
            manager = User.objects.create(
                username="bench-manager", organisation=organisation, role="management"
            )
        place, _ = Municipality.objects.get_or_create(
            name="Bench", defaults={"latitude": 50.58, "longitude": 8.67}
        )
        employer_org, _ = Organisation.objects.get_or_create(
            name="Bench Arbeitgeber", kind=Organisation.Kind.EMPLOYER
        )
        employer = Employer.objects.filter(organisation=employer_org).first()
        if employer is None:
            employer = Employer.objects.create(
                organisation=employer_org, sector="C", municipality=place
            )
        provider, _ = Organisation.objects.get_or_create(
            name="Bench Kursträger", kind=Organisation.Kind.COURSE_PROVIDER
        )
        location = CourseLocation.objects.filter(provider=provider).first()
        if location is None:
            location = CourseLocation.objects.create(
                provider=provider, name="Bench", municipality=place
            )
        occupation = Occupation.objects.order_by("pk").first()
        if occupation is None:
            occupation = Occupation.objects.create(
                concept_uri="bench:occupation", isco_code="9329", preferred_label_en="helper"
            )
        courses = []
        for year in range(2015, 2026):
            for month in (1, 7):
                start = dt.date(year, month, 15)
                course, _ = Course.objects.get_or_create(
                    bamf_number=f"B{year}{month:02d}",
                    defaults={
                        "provider": provider,
                        "location": location,
                        "kind": "integration_general",
                        "title": f"Bench {year}-{month}",
                        "starts_on": start,
                        "ends_on": start + dt.timedelta(days=300),
                        "time_of_day": "morning",
                        "weekdays": "12345",
                        "units": 700,
                        "seats": 25,
                        "target_level": "B1",
                    },
                )
                courses.append(course)
    return {
        "organisation": organisation,
        "team": team,
        "user": user,
        "manager": manager,
        "employer": employer,
        "occupation": occupation,
        "courses": courses,
    }


def generate(
    persons: int, *, seed: int = 2015, log: Callable[[str], None] = print
) -> dict[str, int]:
    """Write `persons` persons with their histories; return the rows written per table."""
    rng = np.random.default_rng(seed)
    ref = _reference_rows("Bench Migrationszentrum")
    writers: dict[type[models.Model], Writer] = {
        m: Writer(m)
        for m in (
            Person,
            Case,
            CaseStatusChange,
            Note,
            Enrolment,
            ExamResult,
            Placement,
            FollowUp,
            Qualification,
        )
    }
    ids: dict[type[models.Model], int] = {m: _next_id(m) for m in writers}
    course_ids = np.array([c.pk for c in ref["courses"]])
    course_starts = np.array([(c.starts_on - FIRST_DAY).days for c in ref["courses"]])
    started = time.perf_counter()
    done = 0
    while done < persons:
        n = min(BATCH, persons - done)
        with transaction.atomic():
            _batch(n, rng, ref, writers, ids, course_ids, course_starts)
        done += n
        log(f"  {done:,} persons, {time.perf_counter() - started:.1f} s")
    rebuilt = time.perf_counter()
    periods = status_periods_rebuild()  # the rows went in past the ORM
    log(f"  {periods:,} status periods rebuilt in {time.perf_counter() - rebuilt:.1f} s")
    rows = {m._meta.label_lower: w.rows for m, w in writers.items()}
    return {**rows, "cases.casestatusperiod": periods}


def _batch(
    n: int,
    rng: np.random.Generator,
    ref: dict[str, Any],
    writers: dict[type[models.Model], Writer],
    ids: dict[type[models.Model], int],
    course_ids: np.ndarray,
    course_starts: np.ndarray,
) -> None:
    person_ids = np.arange(ids[Person], ids[Person] + n)
    ids[Person] += n
    opened = rng.integers(0, DAYS, n)
    closed_after = rng.integers(60, 1500, n)
    is_closed = (opened + closed_after < DAYS) & (rng.random(n) < 0.8)
    born = rng.integers(-60 * 365, -16 * 365, n) + opened
    nationality = NATIONALITIES[rng.integers(0, len(NATIONALITIES), n)]
    writers[Person].write(
        {
            "id": person_ids.tolist(),
            "organisation_id": [ref["organisation"].pk] * n,
            "given_names_latin": ["Bench"] * n,
            "family_name_latin": [f"P{i}" for i in person_ids],
            "date_of_birth": day(born),
            "sex": SEXES[rng.choice(4, n, p=[0.45, 0.5, 0.01, 0.04])].tolist(),
            "nationalities": nationality.tolist(),
        }
    )
    case_ids = np.arange(ids[Case], ids[Case] + n)
    ids[Case] += n
    closed_on = np.where(is_closed, opened + closed_after, 0)
    writers[Case].write(
        {
            "id": case_ids.tolist(),
            "person_id": person_ids.tolist(),
            "status": np.where(is_closed, "closed", "active").tolist(),
            "closing_reason": np.where(
                is_closed, REASONS[rng.integers(0, len(REASONS), n)], ""
            ).tolist(),
            "legal_domain": DOMAINS[rng.integers(0, 4, n)].tolist(),
            "caseworker_id": [ref["user"].pk] * n,
            "team_id": [ref["team"].pk] * n,
            "opened_on": day(opened),
            "closed_on": [d if c else None for d, c in zip(day(closed_on), is_closed, strict=True)],
        }
    )
    # status changes: intake -> active, and -> closed for the closed ones
    change_case = np.concatenate([case_ids, case_ids[is_closed]])
    change_day = np.concatenate([opened + 7, closed_on[is_closed]])
    m = len(change_case)
    writers[CaseStatusChange].write(
        {
            "id": list(range(ids[CaseStatusChange], ids[CaseStatusChange] + m)),
            "case_id": change_case.tolist(),
            "from_status": ["intake"] * n + ["active"] * int(is_closed.sum()),
            "to_status": ["active"] * n + ["closed"] * int(is_closed.sum()),
            "changed_by_id": [ref["user"].pk] * m,
            "changed_at": [
                dt.datetime.combine(d, dt.time(10), tzinfo=dt.UTC) for d in day(change_day)
            ],
        }
    )
    ids[CaseStatusChange] += m
    # three notes each, within the first year of the case
    note_case = np.repeat(case_ids, 3)
    note_day = np.minimum(np.repeat(opened, 3) + rng.integers(0, 365, 3 * n), DAYS)
    k = len(note_case)
    writers[Note].write(
        {
            "id": list(range(ids[Note], ids[Note] + k)),
            "case_id": note_case.tolist(),
            "date": day(note_day),
            "channel": ["in_person"] * k,
            "summary": ["Beratung"] * k,
            "author_id": [ref["user"].pk] * k,
        }
    )
    ids[Note] += k
    # one enrolment in the next course after the opening
    course = np.minimum(np.searchsorted(course_starts, opened), len(course_ids) - 1)
    status = ENROLMENT[rng.choice(len(ENROLMENT), n, p=[0.55, 0.15, 0.1, 0.1, 0.1])]
    enrolment_ids = np.arange(ids[Enrolment], ids[Enrolment] + n)
    ids[Enrolment] += n
    writers[Enrolment].write(
        {
            "id": enrolment_ids.tolist(),
            "person_id": person_ids.tolist(),
            "course_id": course_ids[course].tolist(),
            "status": status.tolist(),
            "offered_on": day(opened),
            "status_changed_on": day(np.minimum(course_starts[course] + 300, DAYS)),
        }
    )
    # an exam at the end of the course for seven in ten
    takes = rng.random(n) < 0.7
    t = int(takes.sum())
    exam = EXAMS[rng.integers(0, len(EXAMS), t)]
    writers[ExamResult].write(
        {
            "id": list(range(ids[ExamResult], ids[ExamResult] + t)),
            "person_id": person_ids[takes].tolist(),
            "enrolment_id": enrolment_ids[takes].tolist(),
            "exam": exam.tolist(),
            "taken_on": day(np.minimum(course_starts[course][takes] + 300, DAYS)),
            "level_reached": np.where(
                exam == "lid", "", LEVELS[rng.integers(0, len(LEVELS), t)]
            ).tolist(),
            "points": [
                int(points) if kind == "lid" else None
                for kind, points in zip(exam, rng.integers(8, 34, t), strict=True)
            ],
            "recorded_by_id": [ref["user"].pk] * t,
        }
    )
    ids[ExamResult] += t
    # a placement for four in ten, with the four follow-ups
    placed = rng.random(n) < 0.4
    p = int(placed.sum())
    placement_ids = np.arange(ids[Placement], ids[Placement] + p)
    ids[Placement] += p
    starts = np.minimum(opened[placed] + rng.integers(120, 900, p), DAYS)
    ends = rng.random(p) < 0.3
    writers[Placement].write(
        {
            "id": placement_ids.tolist(),
            "person_id": person_ids[placed].tolist(),
            "employer_id": [ref["employer"].pk] * p,
            "occupation_id": [ref["occupation"].pk] * p,
            "starts_on": day(starts),
            "contract": CONTRACTS[rng.integers(0, 3, p)].tolist(),
            "hours": HOURS[rng.integers(0, 3, p)].tolist(),
            "ended_on": [
                d if e else None
                for d, e in zip(day(np.minimum(starts + 200, DAYS)), ends, strict=True)
            ],
            "recorded_by_id": [ref["user"].pk] * p,
        }
    )
    months = np.tile(OUTCOMES_MONTHS, p)
    f = len(months)
    due = np.repeat(starts, 4) + months * 30
    known = due < DAYS
    writers[FollowUp].write(
        {
            "id": list(range(ids[FollowUp], ids[FollowUp] + f)),
            "placement_id": np.repeat(placement_ids, 4).tolist(),
            "month": months.tolist(),
            "due_on": day(due),
            "contacted_on": [d if k else None for d, k in zip(day(due), known, strict=True)],
            "still_employed": [
                bool(s) if k else None for s, k in zip(rng.random(f) < 0.75, known, strict=True)
            ],
        }
    )
    ids[FollowUp] += f
    writers[Qualification].write(
        {
            "id": list(range(ids[Qualification], ids[Qualification] + n)),
            "person_id": person_ids.tolist(),
            "kind": ["school"] * n,
            "title_original": ["Abschluss"] * n,
            "title_german": ["Abschluss"] * n,
            "isced_level": ISCED[rng.integers(0, len(ISCED), n)].tolist(),
        }
    )
    ids[Qualification] += n


def table_rows() -> Iterator[tuple[str, int]]:
    for model in (Person, Case, CaseStatusChange, Note, Enrolment, ExamResult, Placement, FollowUp):
        yield model._meta.db_table, model.objects.count()
