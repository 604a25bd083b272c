"""Reads of labour-market data: always scoped to the user, always audited where personal.

Scope: caseworkers and team leads see every employer and vacancy of the county and the
persons of their teams. An employer's staff see their own organisation's vacancies and the
proposals made to it, each only while the person's consent to share the profile with that
employer is in force; a withdrawal takes effect on the next request.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case, Orientation
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.dates import add_months
from wegweiser.courses.models import Enrolment, LevelRecord
from wegweiser.courses.selectors import current_levels
from wegweiser.occupations.models import Occupation, OccupationSkill
from wegweiser.people.models import Consent, Person, PersonLanguage, ResidenceStatus
from wegweiser.people.selectors import persons_visible_to, residence_in_force
from wegweiser.recognition.models import Outcome, Qualification, RecognitionProcedure

from . import matching, tables
from .models import (
    Employer,
    Experience,
    FollowUp,
    Hours,
    JobProposal,
    Placement,
    Vacancy,
)

FOLLOW_UP_NOTICE_DAYS = 7  # follow-ups show on the dashboard this many days before they are due
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


# ---------------------------------------------------------------------------------------------
# Employers and vacancies


def _organisation(user: User) -> int:
    """The user's organisation id; 0 (matches nothing) for an account without one."""
    return user.organisation_id or 0


def employers_visible_to(user: User) -> QuerySet[Employer]:
    employers = Employer.objects.select_related("organisation", "municipality")
    if not user.is_authenticated:
        return employers.none()
    if user.is_employer:
        return employers.filter(organisation_id=_organisation(user))
    if user.works_cases:
        return employers
    return employers.none()


def employer_get_for_user(*, user: User, pk: int) -> Employer:
    return get_object_or_404(employers_visible_to(user), pk=pk)


def own_employer(user: User) -> Employer | None:
    if not user.is_employer:
        return None
    return Employer.objects.filter(organisation_id=_organisation(user)).first()


def vacancies_visible_to(user: User) -> QuerySet[Vacancy]:
    vacancies = Vacancy.objects.select_related(
        "employer__organisation", "occupation", "municipality", "site"
    )
    if not user.is_authenticated:
        return vacancies.none()
    if user.is_employer:
        return vacancies.filter(employer__organisation_id=_organisation(user))
    if user.works_cases:
        return vacancies
    return vacancies.none()


def vacancy_get_for_user(*, user: User, pk: int) -> Vacancy:
    return get_object_or_404(vacancies_visible_to(user), pk=pk)


@dataclass(frozen=True)
class VacancyFilters:
    status: str = Vacancy.Status.OPEN
    employer: int | None = None
    municipality: int | None = None
    text: str = ""


def vacancy_list(*, user: User, filters: VacancyFilters) -> QuerySet[Vacancy]:
    vacancies = vacancies_visible_to(user)
    if filters.status:
        vacancies = vacancies.filter(status=filters.status)
    if filters.employer:
        vacancies = vacancies.filter(employer_id=filters.employer)
    if filters.municipality:
        vacancies = vacancies.filter(municipality_id=filters.municipality)
    if filters.text:
        vacancies = vacancies.filter(
            Q(title__icontains=filters.text)
            | Q(occupation__preferred_label_de__icontains=filters.text)
            | Q(occupation__preferred_label_en__icontains=filters.text)
        )
    return vacancies.order_by("starts_on", "id")


# ---------------------------------------------------------------------------------------------
# Facts about a person that decide a proposal


def current_work_permission(person: Person) -> str | None:
    residence = residence_in_force(person)
    return residence.work_permission if residence else None


def _active_consents(today: dt.date) -> QuerySet[Consent]:
    return Consent.objects.filter(
        purpose=Consent.Purpose.JOB_PLACEMENT, withdrawn_on__isnull=True, given_on__lte=today
    )


def sharing_consent(*, person: Person, employer: Employer) -> Consent | None:
    """The consent in force to share the person's profile with this employer."""
    return (
        _active_consents(timezone.localdate())
        .filter(person=person, recipient_id=employer.organisation_id)
        .order_by("-given_on", "-id")
        .first()
    )


# ---------------------------------------------------------------------------------------------
# Proposals, placements, follow-ups


def proposals_visible_to(user: User) -> QuerySet[JobProposal]:
    proposals = JobProposal.objects.select_related(
        "person", "vacancy", "vacancy__occupation", "employer__organisation", "proposed_by"
    )
    if not user.is_authenticated:
        return proposals.none()
    if user.is_employer:
        consent = _active_consents(timezone.localdate()).filter(
            person=OuterRef("person"), recipient_id=_organisation(user)
        )
        return proposals.filter(employer__organisation_id=_organisation(user)).filter(
            Exists(consent)
        )
    if user.works_cases:
        return proposals.filter(person__in=persons_visible_to(user))
    return proposals.none()


def proposal_get_for_user(*, user: User, pk: int) -> JobProposal:
    proposal = get_object_or_404(proposals_visible_to(user), pk=pk)
    audit_read(actor=user, obj=proposal, purpose="job_proposal")
    return proposal


def proposals_for_vacancy(*, user: User, vacancy: Vacancy) -> list[JobProposal]:
    """The proposals for a vacancy the user may see; the persons shown are logged."""
    proposals = list(proposals_visible_to(user).filter(vacancy=vacancy).order_by("-updated_on"))
    if proposals:
        audit_list(
            actor=user,
            model=JobProposal,
            ids=[p.pk for p in proposals],
            purpose="vacancy_proposals",
        )
    return proposals


PROPOSALS_PAGE_SIZE = 25


def proposals_page(*, user: User, page: int | str | None = 1) -> Page:
    """One page of the proposals the user sees: an employer's staff all made to them, case
    work those still running; the persons shown are logged."""
    proposals = proposals_visible_to(user)
    if not user.is_employer:
        proposals = proposals.exclude(status__in=JobProposal.ENDED)
    result = Paginator(proposals.order_by("-updated_on", "-id"), PROPOSALS_PAGE_SIZE).get_page(page)
    if result.object_list:
        audit_list(
            actor=user,
            model=JobProposal,
            ids=[p.pk for p in result],
            purpose="employer_proposals" if user.is_employer else "proposals",
        )
    return result


def proposals_for_employer(*, user: User) -> list[JobProposal]:
    proposals = list(proposals_visible_to(user).order_by("-updated_on", "-id"))
    audit_list(
        actor=user, model=JobProposal, ids=[p.pk for p in proposals], purpose="employer_proposals"
    )
    return proposals


def placements_visible_to(user: User) -> QuerySet[Placement]:
    if not user.is_authenticated or not user.works_cases:
        return Placement.objects.none()
    return Placement.objects.filter(person__in=persons_visible_to(user)).select_related(
        "person", "employer__organisation", "occupation", "vacancy"
    )


def placement_get_for_user(*, user: User, pk: int) -> Placement:
    placement = get_object_or_404(placements_visible_to(user), pk=pk)
    audit_read(actor=user, obj=placement, purpose="placement")
    return placement


def follow_up_get_for_user(*, user: User, pk: int) -> FollowUp:
    follow_up = get_object_or_404(
        FollowUp.objects.filter(placement__in=placements_visible_to(user)).select_related(
            "placement", "placement__person", "placement__employer__organisation"
        ),
        pk=pk,
    )
    audit_read(actor=user, obj=follow_up, purpose="follow_up")
    return follow_up


def follow_ups_due(*, user: User, today: dt.date | None = None) -> list[FollowUp]:
    """Follow-up contacts of the user's own cases that are due within a week or overdue, for
    placements that still run."""
    today = today or timezone.localdate()
    cases = Case.objects.visible_to(user).filter(caseworker=user).exclude(status=Case.Status.CLOSED)
    due = list(
        FollowUp.objects.filter(
            placement__person__case__in=cases,
            placement__ended_on__isnull=True,
            contacted_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=FOLLOW_UP_NOTICE_DAYS),
        )
        .select_related("placement__person", "placement__employer__organisation")
        .order_by("due_on", "id")
    )
    if due:
        audit_list(actor=user, model=FollowUp, ids=[f.pk for f in due], purpose="follow_ups_due")
    return due


def sustained_outcome(
    *, contact: bool | None, starts_on: dt.date, ended_on: dt.date | None, months: int
) -> bool | None:
    """Still employed `months` after the start: the follow-up contact says so; else an end of
    employment before the mark says no; else not yet known (None)."""
    if contact is not None:
        return contact
    if ended_on is not None and ended_on < add_months(starts_on, months):
        return False
    return None


def sustained(placement: Placement, months: int) -> bool | None:
    """Still employed `months` after the start: True, False, or None while not yet known."""
    contact = next(
        (
            bool(f.still_employed)
            for f in placement.follow_ups.all()
            if f.month == months and f.is_done
        ),
        None,
    )
    return sustained_outcome(
        contact=contact, starts_on=placement.starts_on, ended_on=placement.ended_on, months=months
    )


@dataclass
class PersonJobs:
    person: Person
    experiences: list[Experience]
    proposals: list[JobProposal]
    placements: list[Placement]
    work_permission: str | None
    consents: list[Consent] = field(default_factory=list)


def person_jobs(*, user: User, pk: int) -> PersonJobs:
    """A person's coded experience, proposals and placements (404 outside the scope)."""
    person = get_object_or_404(persons_visible_to(user), pk=pk)
    audit_read(actor=user, obj=person, purpose="person_jobs")
    return PersonJobs(
        person=person,
        experiences=list(person.experiences.select_related("occupation")),
        proposals=list(
            person.job_proposals.select_related(
                "vacancy", "employer__organisation", "vacancy__occupation"
            ).order_by("-proposed_on", "-id")
        ),
        placements=list(
            person.placements.select_related(
                "employer__organisation", "occupation"
            ).prefetch_related("follow_ups")
        ),
        work_permission=current_work_permission(person),
        consents=list(
            _active_consents(timezone.localdate()).filter(person=person).select_related("recipient")
        ),
    )


@dataclass(frozen=True)
class SharedProfile:
    """What an employer sees of a proposed person: the minimum for the decision. No residence
    details beyond the work permission, no health data, no address."""

    name: str
    german_level: str
    experience: list[str]
    qualifications: list[str]
    work_permission: str
    driving_licence: bool


def _whole(value: Any) -> Any:
    """3.0 years read as 3 years; 2.5 stays."""
    return int(value) if value == int(value) else value


def shared_profile(proposal: JobProposal) -> SharedProfile:
    person = proposal.person
    permission = current_work_permission(person)
    orientation = Orientation.objects.filter(case__person=person).first()
    labels = dict(ResidenceStatus.WorkPermission.choices)
    return SharedProfile(
        name=person.latin_name,
        german_level=current_levels([person.pk]).get(person.pk, ""),
        experience=[
            f"{e.occupation.preferred_label_de or e.occupation.preferred_label_en}"
            + (
                " (" + _("%(years)s years") % {"years": formats.localize(_whole(e.years))} + ")"
                if e.years is not None
                else ""
            )
            for e in person.experiences.select_related("occupation")
            if e.kind != Experience.Kind.WANTED
        ],
        qualifications=[q.title_german for q in Qualification.objects.filter(person=person)],
        work_permission=str(labels.get(permission or "", "")),
        driving_licence=bool(orientation and orientation.driving_licence in DRIVING),
    )


# ---------------------------------------------------------------------------------------------
# Matching: tables for the pure module


@dataclass
class _Space:
    key: tuple[Any, ...]
    space: matching.OccupationSpace
    row_of: dict[int, int]
    regulated: np.ndarray


_space_lock = threading.Lock()
_space_cache: dict[str, _Space] = {}


def occupation_space() -> _Space:
    """ESCO occupations with their ISCO groups and essential skills, built once per data
    version (the key changes when occupations or skills are loaded)."""
    key = (
        Occupation.objects.count(),
        Occupation.objects.aggregate(m=Max("pk"))["m"],
        OccupationSkill.objects.count(),
    )
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


def _person_occupations(person_ids: QuerySet[Person, Any]) -> dict[int, set[int]]:
    occupations: dict[int, set[int]] = defaultdict(set)
    for person_id, occupation_id in Experience.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "occupation_id"
    ):
        occupations[person_id].add(occupation_id)
    for person_id, occupation_id in Qualification.objects.filter(
        person_id__in=person_ids, occupation__isnull=False
    ).values_list("person_id", "occupation_id"):
        occupations[person_id].add(occupation_id)
    for person_id, occupation_id in RecognitionProcedure.objects.filter(
        person_id__in=person_ids, reference_occupation__isnull=False
    ).values_list("person_id", "reference_occupation_id"):
        occupations[person_id].add(occupation_id)
    for person_id, occupation_id in Orientation.objects.filter(
        case__person_id__in=person_ids, occupation__isnull=False
    ).values_list("case__person_id", "occupation_id"):
        occupations[person_id].add(occupation_id)
    return occupations


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


def _recognitions(person_ids: QuerySet[Person, Any]) -> list[tuple[int, int, int]]:
    """(person id, reference occupation id, matching.Recognition) per procedure."""
    states: dict[str, matching.Recognition] = {
        str(Outcome.FULL): matching.Recognition.FULL,
        str(Outcome.PARTIAL): matching.Recognition.PARTIAL,
    }
    result = []
    for person_id, occupation_id, outcome, submitted in RecognitionProcedure.objects.filter(
        person_id__in=person_ids, reference_occupation__isnull=False
    ).values_list("person_id", "reference_occupation_id", "outcome", "application_submitted_on"):
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


def _german_levels(person_ids: QuerySet[Person, Any]) -> dict[int, str]:
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
    for person_id, level, on, source in (
        Orientation.objects.filter(case__person_id__in=person_ids)
        .exclude(german_level="")
        .values_list("case__person_id", "german_level", "assessed_on", "german_source")
    ):
        offer(person_id, on, source == Orientation.GermanSource.TESTED, level)
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
    occupations = _person_occupations(subquery)
    width = max([len(o) for o in occupations.values()] + [1])
    occupation_rows = np.full((len(ids), width), -1, dtype=np.int64)
    for i, pk in enumerate(ids):
        mapped = sorted(space.row_of[o] for o in occupations.get(pk, ()) if o in space.row_of)
        occupation_rows[i, : len(mapped)] = mapped
    levels = _german_levels(subquery)
    orientation = {
        person_id: (licence, childcare)
        for person_id, licence, childcare in Orientation.objects.filter(
            case__person_id__in=subquery
        ).values_list("case__person_id", "driving_licence", "childcare_needed")
    }
    permissions = _permissions(subquery, today)
    course_times = _course_times(subquery, today)
    row_of_person = {pk: i for i, pk in enumerate(ids)}
    recognitions = [
        (row_of_person[p], space.row_of[o], s)
        for p, o, s in _recognitions(subquery)
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


@dataclass
class VacancyMatches:
    ranking: matching.Ranking
    vacancies: dict[int, Vacancy]
    sources: dict[int, list[OccupationSource]] = field(default_factory=dict)  # by space row


@dataclass
class PersonMatches:
    ranking: matching.Ranking
    persons: dict[int, Person]
    # per person shown, by space row
    sources: dict[int, dict[int, list[OccupationSource]]] = field(default_factory=dict)


def matches_for_person(*, user: User, person: Person, k: int = 20) -> VacancyMatches:
    """Open vacancies ranked for a person of the user's scope (the caller fetched the person
    through a scoped selector)."""
    space = occupation_space()
    ranking = matching.rank_vacancies(
        space.space, person_features(person), tables.open_vacancy_table(), k=k
    )
    shown = [m.id for m in ranking.matches + ranking.held_back]
    vacancies = vacancies_visible_to(user).in_bulk(shown)
    sources = occupation_sources([person.pk]).get(person.pk, {})
    return VacancyMatches(ranking=ranking, vacancies=vacancies, sources=sources)


def matches_for_vacancy(*, user: User, vacancy: Vacancy, k: int = 20) -> PersonMatches:
    """Persons of the user's scope with an open case, ranked for a vacancy. The persons shown
    are logged as a list read."""
    space = occupation_space()
    if user.organisation_id is None or not user.works_cases:
        table = person_table(Person.objects.none())
        scope = np.zeros(0, dtype=bool)
    else:
        snapshot = tables.person_snapshot(user.organisation_id)
        table = snapshot.table
        teams = list(user.teams.values_list("pk", flat=True))
        scope = np.isin(snapshot.teams, np.array(teams, dtype=np.int64))
    ranking = matching.rank_persons(space.space, vacancy_features(vacancy), table, k=k, scope=scope)
    shown = [m.id for m in ranking.matches + ranking.held_back]
    audit_list(actor=user, model=Person, ids=shown, purpose="vacancy_matching")
    persons = persons_visible_to(user).select_related("municipality").in_bulk(shown)
    return PersonMatches(
        ranking=ranking, persons=persons, sources=occupation_sources(list(persons))
    )


def employers_for_choice() -> QuerySet[Employer]:
    return Employer.objects.select_related("organisation").order_by("organisation__name")
