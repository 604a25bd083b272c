"""Reads of courses and of people's course data: always scoped to the user, always audited.

Scope: caseworkers and team leads see every course in the county, and the course data of
the persons of their teams. A course provider's staff see their own courses only, and in them
the participants who accepted a seat and whose consent (or other legal basis) for the referral
to this provider is in force; a withdrawal takes effect on the next request.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Orientation
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.models import Municipality
from wegweiser.people.models import Consent, Person, PersonLanguage
from wegweiser.people.selectors import person_in_scope, person_reference_value, persons_visible_to

from .assignment import Weights
from .models import (
    LID_ORIENTATION_PASS,
    AssignmentRun,
    AttendanceRecord,
    Course,
    CourseKind,
    CourseLocation,
    Enrolment,
    Entitlement,
    Exam,
    ExamResult,
    LevelRecord,
    Programme,
    Proposal,
    WaitingEntry,
    level_rank,
)

DEMAND_HORIZON_DAYS = 91  # "seats starting in the next three months"
SMALL_CELL = 5  # published figures suppress cells of fewer than five persons


# ---------------------------------------------------------------------------------------------
# Courses


def courses_visible_to(user: User) -> QuerySet[Course]:
    """Every course for case workers; a provider's own courses for its staff; none otherwise."""
    if not user.is_authenticated:
        return Course.objects.none()
    if user.is_course_provider:
        if user.organisation_id is None:
            return Course.objects.none()
        return Course.objects.filter(provider_id=user.organisation_id)
    if user.works_cases:
        return Course.objects.all()
    return Course.objects.none()


def with_seats(courses: QuerySet[Course]) -> QuerySet[Course]:
    """Adds `taken` and `free`: seats held from the offer on (see `Enrolment.HOLDS_SEAT`)."""
    return courses.annotate(
        taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDS_SEAT))
    ).annotate(free=F("seats") - F("taken"))


def course_get_for_user(*, user: User, pk: int) -> Course:
    return get_object_or_404(
        with_seats(courses_visible_to(user)).select_related(
            "provider", "location", "location__municipality"
        ),
        pk=pk,
    )


def locations_visible_to(user: User) -> QuerySet[CourseLocation]:
    locations = CourseLocation.objects.select_related("provider", "municipality")
    if user.is_course_provider:
        return locations.filter(provider_id=user.organisation_id)
    if user.works_cases:
        return locations
    return locations.none()


def course_providers() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=Organisation.Kind.COURSE_PROVIDER).order_by("name")


class Period:
    """Which courses by their dates, seen from a day: not ended yet, running, starting."""

    CURRENT = "current"
    RUNNING = "running"
    UPCOMING = "upcoming"
    ENDED = "ended"


@dataclass(frozen=True)
class CourseFilters:
    kind: str = ""
    municipality: int | None = None
    provider: int | None = None
    starting_from: dt.date | None = None
    free_seats_only: bool = False
    period: str = ""
    today: dt.date | None = None  # the day `period` is seen from


def course_catalogue(
    *, user: User, filters: CourseFilters, page: int | str | None = 1, per_page: int = 25
) -> Page:
    courses = with_seats(courses_visible_to(user)).select_related(
        "provider", "location__municipality"
    )
    if filters.kind:
        courses = courses.filter(kind=filters.kind)
    if filters.municipality:
        courses = courses.filter(location__municipality_id=filters.municipality)
    if filters.provider:
        courses = courses.filter(provider_id=filters.provider)
    if filters.starting_from:
        courses = courses.filter(starts_on__gte=filters.starting_from)
    if filters.free_seats_only:
        courses = courses.filter(seats__gt=F("taken"))
    today = filters.today or timezone.localdate()
    if filters.period == Period.CURRENT:
        courses = courses.filter(ends_on__gte=today)
    elif filters.period == Period.RUNNING:
        courses = courses.filter(starts_on__lte=today, ends_on__gte=today)
    elif filters.period == Period.UPCOMING:
        courses = courses.filter(starts_on__gte=today)
    elif filters.period == Period.ENDED:
        courses = courses.filter(ends_on__lt=today)
    return Paginator(courses.order_by("starts_on", "title", "id"), per_page).get_page(page)


def open_courses(*, on: dt.date) -> QuerySet[Course]:
    """Courses that have not started yet and still have free seats."""
    return (
        with_seats(Course.objects.filter(starts_on__gte=on))
        .filter(seats__gt=F("taken"))
        .select_related("location__municipality", "provider")
        .order_by("starts_on", "id")
    )


# ---------------------------------------------------------------------------------------------
# Enrolments


def referral_basis(*, person: Person, provider_id: int) -> Consent | None:
    """The consent or legal basis in force for referring the person to this provider."""
    return (
        Consent.objects.filter(
            person=person,
            purpose=Consent.Purpose.COURSE_REFERRAL,
            recipient_id=provider_id,
            withdrawn_on__isnull=True,
            given_on__lte=timezone.localdate(),
        )
        .order_by("-given_on", "-id")
        .first()
    )


def enrolments_visible_to(user: User) -> QuerySet[Enrolment]:
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if user.is_course_provider:
        basis = Consent.objects.filter(
            person=OuterRef("person"),
            purpose=Consent.Purpose.COURSE_REFERRAL,
            recipient_id=user.organisation_id,
            withdrawn_on__isnull=True,
            given_on__lte=timezone.localdate(),
        )
        return Enrolment.objects.filter(
            course__provider_id=user.organisation_id, status__in=Enrolment.SHARED
        ).filter(Exists(basis))
    if user.works_cases:
        return Enrolment.objects.filter(person__in=persons_visible_to(user))
    return Enrolment.objects.none()


def enrolment_get_for_user(*, user: User, pk: int, purpose: str) -> Enrolment:
    enrolment = get_object_or_404(
        enrolments_visible_to(user).select_related(
            "person", "course", "course__provider", "course__location__municipality"
        ),
        pk=pk,
    )
    audit_read(actor=user, obj=enrolment, purpose=purpose)
    return enrolment


def course_participants(*, user: User, course: Course) -> list[Enrolment]:
    """The enrolments in a course the user may see, with attendance and exams."""
    enrolments = list(
        enrolments_visible_to(user)
        .filter(course=course)
        .select_related("person")
        .prefetch_related(
            Prefetch("attendance", queryset=AttendanceRecord.objects.order_by("month")),
            "exam_results",
        )
        .order_by("person__family_name_latin", "person__given_names_latin", "id")
    )
    audit_list(
        actor=user, model=Enrolment, ids=[e.pk for e in enrolments], purpose="course_participants"
    )
    return enrolments


# ---------------------------------------------------------------------------------------------
# German levels: every source, tested or self-assessed


@dataclass(frozen=True)
class LevelEntry:
    level: str
    on: dt.date | None
    source: str
    tested: bool
    detail: str = ""


def _latest(entries: Iterable[LevelEntry]) -> str:
    """The most recent level; on the same day a tested level wins; undated entries last."""
    ranked = sorted(
        entries, key=lambda e: (e.on is not None, e.on or dt.date.min, e.tested), reverse=True
    )
    return ranked[0].level if ranked else ""


LEVEL_BATCH = 5000  # person ids per query: databases bound the number of query parameters


def _level_entries(person_ids: Iterable[int]) -> dict[int, list[LevelEntry]]:
    all_ids = list(person_ids)
    entries: dict[int, list[LevelEntry]] = defaultdict(list)
    for start in range(0, len(all_ids), LEVEL_BATCH):
        _add_level_entries(entries, all_ids[start : start + LEVEL_BATCH])
    return entries


def _add_level_entries(entries: dict[int, list[LevelEntry]], ids: list[int]) -> None:
    for record in LevelRecord.objects.filter(person_id__in=ids).select_related("exam_result"):
        entries[record.person_id].append(_record_entry(record))
    for orientation in (
        Orientation.objects.filter(case__person_id__in=ids)
        .exclude(german_level="")
        .values("case__person_id", "german_level", "german_source", "german_exam", "assessed_on")
    ):
        entries[orientation["case__person_id"]].append(
            _orientation_entry(
                orientation["german_level"],
                orientation["german_source"],
                orientation["german_exam"],
                orientation["assessed_on"],
            )
        )
    for language in PersonLanguage.objects.filter(person_id__in=ids, language="de").exclude(
        level="native"
    ):
        entries[language.person_id].append(_language_entry(language))


def _record_entry(record: LevelRecord) -> LevelEntry:
    detail = record.test_name
    if record.exam_result is not None:
        detail = record.exam_result.get_exam_display()
    source = dict(LevelRecord.Source.choices)[record.source]
    return LevelEntry(record.level, record.assessed_on, str(source), record.tested, detail)


def _orientation_entry(level: str, source: str, exam: str, assessed_on: dt.date) -> LevelEntry:
    tested = source == Orientation.GermanSource.TESTED
    label = dict(Orientation.GermanSource.choices).get(source, "")
    return LevelEntry(
        level, assessed_on, _("initial orientation (%(source)s)") % {"source": label}, tested, exam
    )


def _language_entry(language: PersonLanguage) -> LevelEntry:
    return LevelEntry(language.level, None, _("languages spoken"), tested=False)


def _person_level_entries(person: Person) -> list[LevelEntry] | None:
    """The level entries of one person from the orientation and the languages read with them
    (the person page); None when they were not read with the person."""
    languages = getattr(person, "_prefetched_objects_cache", {}).get("languages")
    if languages is None or not Person.case.is_cached(person):
        return None
    case = getattr(person, "case", None)
    if case is not None and not type(case).orientation.is_cached(case):
        return None
    entries = [
        _record_entry(record)
        for record in LevelRecord.objects.filter(person=person).select_related("exam_result")
    ]
    orientation = getattr(case, "orientation", None) if case is not None else None
    if orientation is not None and orientation.german_level:
        entries.append(
            _orientation_entry(
                orientation.german_level,
                orientation.german_source,
                orientation.german_exam,
                orientation.assessed_on,
            )
        )
    entries += [
        _language_entry(language)
        for language in languages
        if language.language == "de" and language.level != "native"
    ]
    return entries


def german_history(person: Person) -> list[LevelEntry]:
    """The person's German levels from every source, newest first (undated last)."""
    entries = _person_level_entries(person)
    if entries is None:
        entries = _level_entries([person.pk]).get(person.pk, [])
    return sorted(entries, key=lambda e: (e.on is not None, e.on or dt.date.min), reverse=True)


def current_levels(person_ids: Iterable[int]) -> dict[int, str]:
    return {pid: _latest(entries) for pid, entries in _level_entries(person_ids).items()}


def current_level(person: Person) -> str:
    return current_levels([person.pk]).get(person.pk, "")


# ---------------------------------------------------------------------------------------------
# Entitlements and eligibility


def entitlement_for(
    entitlements: Iterable[Entitlement], programme: str, on: dt.date
) -> Entitlement | None:
    """The entitlement of the programme valid on the day, if any (obligations first)."""
    valid = [e for e in entitlements if e.programme == programme and e.valid_on(on)]
    valid.sort(key=lambda e: (e.kind != Entitlement.Kind.INTEGRATION_OBLIGED, -e.pk))
    return valid[0] if valid else None


def eligibility_problems(*, person: Person, course: Course, today: dt.date) -> list[str]:
    """Why the person cannot take a seat in the course (empty if they can)."""
    problems: list[str] = []
    day = max(course.starts_on, today)
    if course.programme != Programme.LOCAL:
        entitlements = list(person.course_entitlements.all())
        if entitlement_for(entitlements, course.programme, day) is None:
            problems.append(
                _("%(name)s has no entitlement for %(programme)s valid on %(day)s.")
                % {
                    "name": person.latin_name,
                    "programme": Programme(course.programme).label,
                    "day": formats.date_format(day, "SHORT_DATE_FORMAT"),
                }
            )
    level = current_level(person)
    if level_rank(level) < level_rank(course.entry_level):
        problems.append(
            _("The course starts at %(entry)s; %(name)s's German level is %(level)s.")
            % {
                "entry": course.entry_level,
                "name": person.latin_name,
                "level": level or _("not recorded"),
            }
        )
    elif level_rank(level) >= level_rank(course.target_level):
        problems.append(
            _("%(name)s already has %(level)s, the course leads to %(target)s.")
            % {"name": person.latin_name, "level": level, "target": course.target_level}
        )
    return problems


# ---------------------------------------------------------------------------------------------
# A person's courses, for the person page


@dataclass
class PersonCourses:
    person: Person
    entitlements: list[Entitlement]
    waiting: list[WaitingEntry]
    enrolments: list[Enrolment]
    exams: list[ExamResult]
    history: list[LevelEntry]
    current_level: str
    integration_certificate: bool = False  # DTZ B1 and Leben in Deutschland passed
    naturalisation_test: bool = False  # Leben in Deutschland with 17 points or more
    bamf_course_file: str = ""  # the BAMF file number to quote about the integration course
    today: dt.date = field(default_factory=timezone.localdate)

    @property
    def closing_reasons(self) -> list[tuple[str, Any]]:
        return list(WaitingEntry.ClosingReason.choices)


def person_courses(*, user: User, pk: int) -> PersonCourses:
    """Entitlements, waiting, enrolments, exams and German levels of a person in scope."""
    return person_courses_of(user=user, person=person_in_scope(user=user, pk=pk))


def person_enrolments(*, person: Person) -> list[Enrolment]:
    """The person's enrolments with course, provider, place and monthly attendance."""
    return list(
        person.course_enrolments.select_related(
            "course", "course__provider", "course__location__municipality"
        ).prefetch_related(
            Prefetch("attendance", queryset=AttendanceRecord.objects.order_by("month"))
        )
    )


def person_courses_of(
    *, user: User, person: Person, enrolments: list[Enrolment] | None = None
) -> PersonCourses:
    """`person_courses` of a person the caller has found in the user's scope (the person page),
    with the enrolments `person_enrolments` read if the caller has them; the read is recorded."""
    audit_read(actor=user, obj=person, purpose="person_courses")
    exams = list(person.exam_results.all())
    history = german_history(person)
    return PersonCourses(
        person=person,
        entitlements=list(person.course_entitlements.all()),
        bamf_course_file=person_reference_value(person=person, kind="bamf_course_file"),
        waiting=list(
            person.course_waiting.select_related("municipality").order_by("-registered_on", "-id")
        ),
        enrolments=person_enrolments(person=person) if enrolments is None else enrolments,
        exams=exams,
        history=history,
        current_level=_latest(history),
        integration_certificate=any(e.exam == Exam.DTZ and e.level_reached == "B1" for e in exams)
        and any(e.exam == Exam.LID and (e.points or 0) >= LID_ORIENTATION_PASS for e in exams),
        naturalisation_test=any(e.counts_as_naturalisation_test for e in exams),
    )


# ---------------------------------------------------------------------------------------------
# Waiting list


@dataclass(frozen=True)
class WaitingFilters:
    kind: str = ""
    municipality: int | None = None


@dataclass(frozen=True)
class WaitingRow:
    entry: WaitingEntry
    days_waited: int
    obligated: bool
    level: str
    priority: float  # the points that depend on the person only (waiting, obligation, childcare)


def obligated_person_ids(person_ids: Iterable[int], on: dt.date) -> set[int]:
    return set(
        Entitlement.objects.filter(
            person_id__in=list(person_ids),
            kind=Entitlement.Kind.INTEGRATION_OBLIGED,
            issued_on__lte=on,
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .values_list("person_id", flat=True)
    )


def priority_points(*, days_waited: int, obligated: bool, childcare: str) -> float:
    weights = Weights()
    waited = min(max(days_waited, 0), weights.waiting_cap_days) / weights.waiting_cap_days
    return round(
        round(weights.waiting * waited, 2)
        + (weights.obligation if obligated else 0.0)
        + (weights.childcare_arranged if childcare == "arranged" else 0.0),
        2,
    )


def waiting_list(*, user: User, filters: WaitingFilters) -> list[WaitingRow]:
    """Open waiting entries of the user's persons, highest priority first."""
    today = timezone.localdate()
    entries = (
        WaitingEntry.objects.filter(
            person__in=persons_visible_to(user), status__in=WaitingEntry.OPEN
        )
        .select_related("person", "municipality")
        .order_by("registered_on", "id")
    )
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.municipality:
        entries = entries.filter(municipality_id=filters.municipality)
    rows_entries = list(entries)
    person_ids = [e.person_id for e in rows_entries]
    obliged = obligated_person_ids(person_ids, today)
    levels = current_levels(person_ids)
    rows = [
        WaitingRow(
            entry=e,
            days_waited=e.days_waited(today),
            obligated=e.person_id in obliged,
            level=levels.get(e.person_id, ""),
            priority=priority_points(
                days_waited=e.days_waited(today),
                obligated=e.person_id in obliged,
                childcare=e.childcare,
            ),
        )
        for e in rows_entries
    ]
    rows.sort(key=lambda r: (-r.priority, r.entry.registered_on, r.entry.pk))
    audit_list(
        actor=user, model=WaitingEntry, ids=[r.entry.pk for r in rows], purpose="waiting_list"
    )
    return rows


# ---------------------------------------------------------------------------------------------
# Seat assignment runs


def runs_visible_to(user: User) -> QuerySet[AssignmentRun]:
    if not user.is_authenticated or not user.works_cases or user.organisation_id is None:
        return AssignmentRun.objects.none()
    return AssignmentRun.objects.filter(organisation_id=user.organisation_id)


def latest_run(*, user: User) -> AssignmentRun | None:
    return runs_visible_to(user).select_related("created_by").first()


def run_get_for_user(*, user: User, pk: int) -> AssignmentRun:
    return get_object_or_404(runs_visible_to(user).select_related("created_by"), pk=pk)


@dataclass
class RunView:
    run: AssignmentRun
    placed: list[Proposal]  # of the user's persons
    waiting: list[Proposal]
    other_placed: int  # persons of other teams, counted only
    other_waiting: int
    courses: dict[int, Course]


def run_details(*, user: User, run: AssignmentRun) -> RunView:
    """The run's proposals for the user's persons, and only counts for everyone else."""
    visible = persons_visible_to(user).values("pk")
    mine = list(
        run.proposals.filter(person__in=visible)
        .select_related("person", "course", "course__location__municipality", "waiting_entry")
        .order_by("-points", "id")
    )
    others = run.proposals.exclude(person__in=visible).aggregate(
        placed=Count("id", filter=Q(course__isnull=False)),
        waiting=Count("id", filter=Q(course__isnull=True)),
    )
    course_ids = {o["course"] for p in mine for o in p.options if o.get("course")}
    courses = {
        c.pk: c
        for c in Course.objects.filter(pk__in=course_ids).select_related("location__municipality")
    }
    audit_list(actor=user, model=Proposal, ids=[p.pk for p in mine], purpose="seat_assignment")
    return RunView(
        run=run,
        placed=[p for p in mine if p.course_id is not None],
        waiting=[p for p in mine if p.course_id is None],
        other_placed=others["placed"],
        other_waiting=others["waiting"],
        courses=courses,
    )


# ---------------------------------------------------------------------------------------------
# Unmet demand


@dataclass(frozen=True)
class DemandRow:
    municipality: str
    kind: str
    kind_label: str
    level: str
    waiting: int
    median_days: float
    p90_days: int
    seats: int
    shortfall: int


def _nearest_rank(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def unmet_demand(*, user: User, today: dt.date | None = None) -> list[DemandRow]:
    """Persons waiting by municipality, course type and German level, against the free seats
    in courses starting there within three months that fit that level. Covers the whole
    organisation's waiting list: these are counts, not persons."""
    today = today or timezone.localdate()
    if not user.works_cases or user.organisation_id is None:
        return []
    entries = list(
        WaitingEntry.objects.filter(
            person__organisation_id=user.organisation_id, status=WaitingEntry.Status.WAITING
        ).values("person_id", "kind", "municipality_id", "registered_on")
    )
    levels = current_levels(e["person_id"] for e in entries)
    groups: dict[tuple[int, str, str], list[int]] = defaultdict(list)
    for entry in entries:
        key = (entry["municipality_id"], entry["kind"], levels.get(entry["person_id"], ""))
        groups[key].append((today - entry["registered_on"]).days)
    horizon = today + dt.timedelta(days=DEMAND_HORIZON_DAYS)
    courses = list(
        Course.objects.filter(starts_on__gte=today, starts_on__lte=horizon)
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDS_SEAT)))
        .values(
            "kind", "location__municipality_id", "entry_level", "target_level", "seats", "taken"
        )
    )
    names = dict(Municipality.objects.values_list("pk", "name"))
    kinds = dict(CourseKind.choices)
    rows = []
    for (municipality_id, kind, level), days in groups.items():
        rank = level_rank(level)
        seats = sum(
            max(0, c["seats"] - c["taken"])
            for c in courses
            if c["kind"] == kind
            and (
                kind == CourseKind.LOCAL_ONLINE or c["location__municipality_id"] == municipality_id
            )
            and level_rank(c["entry_level"]) <= rank < level_rank(c["target_level"])
        )
        rows.append(
            DemandRow(
                municipality=names.get(municipality_id, ""),
                kind=kind,
                kind_label=str(kinds.get(kind, kind)),
                level=level,
                waiting=len(days),
                median_days=float(statistics.median(days)),
                p90_days=_nearest_rank(days, 0.9),
                seats=seats,
                shortfall=max(0, len(days) - seats),
            )
        )
    rows.sort(key=lambda r: (-r.shortfall, r.municipality, r.kind, level_rank(r.level)))
    return rows


@dataclass(frozen=True)
class DemandBar:
    municipality: str
    shortfall: int
    waiting: int


def demand_by_municipality(rows: Iterable[DemandRow]) -> list[DemandBar]:
    shortfall: dict[str, int] = defaultdict(int)
    waiting: dict[str, int] = defaultdict(int)
    for row in rows:
        shortfall[row.municipality] += row.shortfall
        waiting[row.municipality] += row.waiting
    bars = [DemandBar(m, shortfall[m], waiting[m]) for m in shortfall]
    return sorted(bars, key=lambda b: (-b.shortfall, b.municipality))


def waiting_entry_get_for_user(*, user: User, pk: int) -> WaitingEntry:
    entry = get_object_or_404(
        WaitingEntry.objects.filter(person__in=persons_visible_to(user)).select_related("person"),
        pk=pk,
    )
    audit_read(actor=user, obj=entry, purpose="waiting_entry")
    return entry


def offerable_courses(*, on: dt.date) -> QuerySet[Course]:
    """Courses that have not ended, for a caseworker's direct offer (full ones are refused
    with a message rather than hidden, so the caseworker learns why)."""
    return (
        with_seats(Course.objects.filter(ends_on__gte=on))
        .select_related("location__municipality")
        .order_by("starts_on", "title", "id")
    )
