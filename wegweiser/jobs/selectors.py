"""Reads of labour-market data: always scoped to the user, always audited where personal.

Scope: caseworkers and team leads see every employer and vacancy of the county and the
persons of their teams. An employer's staff see their own organisation's vacancies and the
proposals made to it, each only while the person's consent to share the profile with that
employer is in force; a withdrawal takes effect on the next request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Orientation, open_cases_of
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.dates import add_months
from wegweiser.courses.selectors import current_levels
from wegweiser.people.models import Consent, Person, ResidenceStatus
from wegweiser.people.selectors import persons_visible_to, residence_in_force
from wegweiser.recognition.models import Qualification

from . import matching, tables
from .features import (
    DRIVING,
    OccupationSource,
    occupation_sources,
    occupation_space,
    person_features,
    person_table,
    vacancy_features,
)
from .features import _german_levels as _german_levels  # read by the tests under this name
from .models import (
    Employer,
    Experience,
    FollowUp,
    JobProposal,
    Placement,
    Vacancy,
)

FOLLOW_UP_NOTICE_DAYS = 7  # follow-ups show on the dashboard this many days before they are due


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
    due = list(
        FollowUp.objects.filter(
            open_cases_of(user, path="placement__person__case__"),
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
