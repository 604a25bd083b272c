"""Reads of case data: scoped to the user's teams and audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wegweiser.accounts.models import Team, User
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.people.models import Person, ResidenceStatus

from .models import Case, NextStep, Orientation

DUE_SOON_DAYS = 7


def case_get_for_user(*, user: User, pk: int, purpose: str = "case_view") -> Case:
    case = get_object_or_404(
        Case.objects.visible_to(user).select_related("person", "team", "caseworker"), pk=pk
    )
    audit_read(actor=user, obj=case, purpose=purpose)
    return case


def may_see_health_data(*, user: User, case: Case) -> bool:
    """Special category data: the assigned caseworker and the team's leads only."""
    if case.caseworker_id == user.pk:
        return True
    return user.is_team_lead and user.teams.filter(pk=case.team_id).exists()


def current_residence(person: Person) -> ResidenceStatus | None:
    return person.residence.order_by("-valid_from", "-id").first()


@dataclass
class Attention:
    expiring: list[tuple[Case, ResidenceStatus]] = field(default_factory=list)
    steps_due: list[NextStep] = field(default_factory=list)


def my_cases(*, user: User) -> QuerySet[Case]:
    return (
        Case.objects.visible_to(user)
        .filter(caseworker=user)
        .exclude(status=Case.Status.CLOSED)
        .select_related("person", "team")
        .order_by("person__family_name_latin", "person__given_names_latin")
    )


def attention_for(*, user: User, today: dt.date | None = None) -> Attention:
    """What needs the caseworker: titles expiring within 8 weeks, next steps due or overdue."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=settings.WEGWEISER_TITLE_EXPIRY_WARNING_DAYS)
    cases = list(my_cases(user=user))
    by_person = {c.person_id: c for c in cases}
    latest_ids = (
        ResidenceStatus.objects.filter(person_id__in=by_person)
        .order_by("person_id", "-valid_from", "-id")
        .values_list("person_id", "id", "valid_until")
    )
    seen: set[int] = set()
    expiring: list[tuple[Case, ResidenceStatus]] = []
    wanted: list[int] = []
    for person_id, status_id, until in latest_ids:
        if person_id in seen:
            continue
        seen.add(person_id)
        if until is not None and today <= until <= horizon:
            wanted.append(status_id)
    for status in ResidenceStatus.objects.filter(pk__in=wanted).order_by("valid_until"):
        expiring.append((by_person[status.person_id], status))
    steps = list(
        NextStep.objects.filter(
            case__in=Case.objects.visible_to(user),
            owner=user,
            done_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("case__person")
        .order_by("due_on")
    )
    return Attention(expiring=expiring, steps_due=steps)


DASHBOARD_PAGE_SIZE = 25


@dataclass
class Dashboard:
    """The caseworker's start page: one page of open cases and one of due next steps (each
    paged on its own), and the residence titles that run out soon."""

    cases: Page
    steps_due: Page
    expiring: list[tuple[Case, ResidenceStatus]]


def expiring_titles(*, user: User, today: dt.date) -> list[tuple[Case, ResidenceStatus]]:
    """Of the user's open cases, the persons whose latest residence title runs out within
    the warning period (read in the database, not case by case)."""
    horizon = today + dt.timedelta(days=settings.WEGWEISER_TITLE_EXPIRY_WARNING_DAYS)
    mine = my_cases(user=user)
    later = ResidenceStatus.objects.filter(
        person_id=OuterRef("person_id"), valid_from__gt=OuterRef("valid_from")
    )
    statuses = (
        ResidenceStatus.objects.filter(
            person__case__in=mine, valid_until__gte=today, valid_until__lte=horizon
        )
        .exclude(Exists(later))
        .select_related("person__case__person")
        .order_by("valid_until", "pk")
    )
    return [(status.person.case, status) for status in statuses]


def dashboard(
    *, user: User, cases_page: int | str | None = 1, steps_page: int | str | None = 1
) -> Dashboard:
    today = timezone.localdate()
    cases = Paginator(my_cases(user=user), DASHBOARD_PAGE_SIZE).get_page(cases_page)
    steps = Paginator(
        NextStep.objects.filter(
            case__in=Case.objects.visible_to(user),
            owner=user,
            done_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("case__person")
        .order_by("due_on", "pk"),
        DASHBOARD_PAGE_SIZE,
    ).get_page(steps_page)
    expiring = expiring_titles(user=user, today=today)
    shown = {c.pk for c in cases} | {s.case_id for s in steps} | {c.pk for c, _s in expiring}
    audit_list(actor=user, model=Case, ids=sorted(shown), purpose="my_cases")
    return Dashboard(cases=cases, steps_due=steps, expiring=expiring)


def my_cases_page(*, user: User) -> tuple[list[Case], Attention]:
    cases = list(my_cases(user=user))
    attention = attention_for(user=user)
    audit_list(actor=user, model=Case, ids=[c.pk for c in cases], purpose="my_cases")
    return cases, attention


def team_workload(*, user: User) -> list[dict[str, Any]]:
    """Per caseworker of the lead's teams: open cases by status and overdue next steps."""
    teams = user.teams.all()
    today = timezone.localdate()
    members = (
        User.objects.filter(teams__in=teams, is_active=True)
        .distinct()
        .annotate(
            **{
                f"n_{status}": Count(
                    "cases", filter=Q(cases__status=status, cases__team__in=teams), distinct=True
                )
                for status in Case.Status.values
            },
            n_overdue=Count(
                "next_steps",
                filter=Q(
                    next_steps__done_on__isnull=True,
                    next_steps__due_on__lt=today,
                    next_steps__case__team__in=teams,
                ),
                distinct=True,
            ),
        )
        .order_by("last_name", "first_name")
    )
    rows = []
    for member in members:
        counts = {s: getattr(member, f"n_{s}") for s in Case.Status.values}
        rows.append(
            {
                "user": member,
                "counts": [counts[s] for s in Case.Status.values],
                "open": sum(v for s, v in counts.items() if s != Case.Status.CLOSED),
                "overdue": member.n_overdue,
            }
        )
    return rows


def unassigned_count(*, user: User) -> int:
    return Case.objects.visible_to(user).filter(caseworker__isnull=True).count()


@dataclass(frozen=True)
class TimelineItem:
    when: dt.date
    kind: str
    obj: Any


# The timeline is the union of its sources: one function per kind of record, each giving
# the items of one case. A new kind of record adds a function and a line in TIMELINE_SOURCES
# (and its branch in cases/partials/timeline.html).


def _timeline_notes(case: Case) -> Iterable[TimelineItem]:
    for note in case.notes.select_related("author").prefetch_related(
        Prefetch("next_steps", queryset=NextStep.objects.select_related("owner"))
    ):
        yield TimelineItem(note.date, "note", note)


def _timeline_status_changes(case: Case) -> Iterable[TimelineItem]:
    for change in case.status_changes.select_related("changed_by"):
        yield TimelineItem(timezone.localdate(change.changed_at), "status", change)


def _timeline_orientation(case: Case) -> Iterable[TimelineItem]:
    orientation = Orientation.objects.filter(case=case).first()
    if orientation:
        yield TimelineItem(orientation.assessed_on, "orientation", orientation)


def _timeline_residence(case: Case) -> Iterable[TimelineItem]:
    for status in case.person.residence.all():
        yield TimelineItem(status.valid_from, "residence", status)


def _timeline_enrolments(case: Case) -> Iterable[TimelineItem]:
    for enrolment in case.person.course_enrolments.select_related("course"):
        yield TimelineItem(enrolment.offered_on, "enrolment", enrolment)


def _timeline_qualifications(case: Case) -> Iterable[TimelineItem]:
    for qualification in case.person.qualifications.all():
        yield TimelineItem(
            timezone.localdate(qualification.created_at), "qualification", qualification
        )


def _timeline_proposals(case: Case) -> Iterable[TimelineItem]:
    for proposal in case.person.job_proposals.select_related("vacancy", "employer"):
        yield TimelineItem(proposal.proposed_on, "proposal", proposal)


def _timeline_placements(case: Case) -> Iterable[TimelineItem]:
    for placement in case.person.placements.select_related("employer"):
        yield TimelineItem(placement.starts_on, "placement", placement)


TIMELINE_SOURCES: tuple[Callable[[Case], Iterable[TimelineItem]], ...] = (
    _timeline_notes,
    _timeline_status_changes,
    _timeline_orientation,
    _timeline_residence,
    _timeline_enrolments,
    _timeline_qualifications,
    _timeline_proposals,
    _timeline_placements,
)


def case_timeline(*, case: Case) -> list[TimelineItem]:
    """Everything recorded for the case and its person, newest first."""
    items = [item for source in TIMELINE_SOURCES for item in source(case)]
    items.sort(key=lambda item: (item.when, item.kind), reverse=True)
    return items


def open_steps(*, case: Case) -> QuerySet[NextStep]:
    return case.next_steps.filter(done_on__isnull=True).select_related("owner").order_by("due_on")


def team_members(*, team: Team) -> QuerySet[User]:
    return User.objects.filter(teams=team, is_active=True).exclude(role=User.Role.AUDITOR)
