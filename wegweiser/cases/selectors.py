"""Reads of case data: scoped to the user's teams and audited."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Team, User
from wegweiser.appointments.selectors import appointments_for_person
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.paging import CappedPaginator
from wegweiser.courses.models import Enrolment, WaitingEntry
from wegweiser.jobs.models import JobProposal
from wegweiser.letters.selectors import letters_for_case
from wegweiser.partners.selectors import referrals_for_person
from wegweiser.people.models import ResidenceStatus
from wegweiser.recognition.models import Qualification, RecognitionProcedure

from .models import (
    Case,
    NextStep,
    Plan,
    PlanGoal,
    PlanQuerySet,
    PlanReview,
    PlanStep,
    in_teams_of,
    open_cases_of,
    plan_name,
    team_ids_of,
)

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
    return user.is_team_lead and case.team_id in team_ids_of(user)


def my_cases(*, user: User) -> QuerySet[Case]:
    return (
        Case.objects.filter(open_cases_of(user, path=""))
        .select_related("person", "team")
        .order_by("person__family_name_latin", "person__given_names_latin")
    )


DASHBOARD_PAGE_SIZE = 25
# The open cases and the due next steps are counted up to this many ("more than 1,000"):
# counting a caseload of tens of thousands read every case on each visit of the start page.
DASHBOARD_COUNT_CAP = 1000


@dataclass
class Dashboard:
    """The caseworker's start page: one page of open cases and one of due next steps (each
    paged on its own), and the residence titles that run out soon."""

    cases: Page
    steps_due: Page
    expiring: Page  # of (case, residence title)
    plan_reviews: Page | list[Plan] = field(default_factory=list)


def expiring_titles(*, user: User, today: dt.date) -> list[tuple[Case, ResidenceStatus]]:
    """Of the user's open cases, the persons whose latest residence title runs out within
    the warning period (read in the database, not case by case)."""
    return [(status.person.case, status) for status in expiring_statuses(user=user, today=today)]


def expiring_statuses(*, user: User, today: dt.date) -> QuerySet[ResidenceStatus]:
    """The residence titles of `expiring_titles`, as a query (the dashboard pages it)."""
    horizon = today + dt.timedelta(days=settings.WEGWEISER_TITLE_EXPIRY_WARNING_DAYS)
    later = ResidenceStatus.objects.filter(
        person_id=OuterRef("person_id"), valid_from__gt=OuterRef("valid_from")
    )
    # The persons of the open cases as a subquery on the title's own person column: joined
    # through the person table, PostgreSQL read each case's person row as well (30,697 of them
    # at 1,000,000 persons; about 200 → 170 ms).
    open_persons = Case.objects.filter(open_cases_of(user, path="")).values("person_id")
    statuses = (
        ResidenceStatus.objects.filter(
            person_id__in=open_persons,
            valid_until__gte=today,
            valid_until__lte=horizon,
        )
        .exclude(Exists(later))
        # The case's person is the title's person: Django sets it on the case from the
        # reverse one-to-one join, no second join of the person table.
        .select_related("person__case")
        .order_by("valid_until", "pk")
    )
    return statuses


def steps_due_soon(*, user: User, today: dt.date) -> QuerySet[NextStep]:
    """The user's open next steps due within `DUE_SOON_DAYS`, of cases of the user's teams."""
    # The team scope as a correlated subquery, checked per step through the primary key: as
    # a join (or EXISTS) PostgreSQL hashes every case of the team (47,686 at 100,000 persons)
    # to keep the few hundred steps of one caseworker.
    of_teams = Case.objects.filter(in_teams_of(user, path=""), pk=OuterRef("case_id"))
    return (
        NextStep.objects.filter(
            owner=user,
            done_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
            case__in=of_teams.values("pk"),
        )
        .select_related("case__person")
        .order_by("due_on", "pk")
    )


def dashboard(
    *,
    user: User,
    cases_page: int | str | None = 1,
    steps_page: int | str | None = 1,
    expiring_page: int | str | None = 1,
    reviews_page: int | str | None = 1,
) -> Dashboard:
    """Every list of the start page is paged on its own: its size does not grow with the
    caseload."""
    today = timezone.localdate()
    cases = CappedPaginator(
        my_cases(user=user), DASHBOARD_PAGE_SIZE, cap=DASHBOARD_COUNT_CAP
    ).get_page(cases_page)
    steps = CappedPaginator(
        steps_due_soon(user=user, today=today), DASHBOARD_PAGE_SIZE, cap=DASHBOARD_COUNT_CAP
    ).get_page(steps_page)
    # The expiring titles are found once, as ids in their order (the count is their number),
    # and only the page's titles are read in full: finding them is the expensive part, a
    # count and a page each did it again.
    expiring: Page = Paginator(
        list(expiring_statuses(user=user, today=today).values_list("pk", flat=True)),
        DASHBOARD_PAGE_SIZE,
    ).get_page(expiring_page)
    by_id = ResidenceStatus.objects.select_related("person__case").in_bulk(expiring.object_list)
    titles: list[tuple[Case, ResidenceStatus]] = [
        (by_id[pk].person.case, by_id[pk]) for pk in expiring.object_list
    ]
    expiring.object_list = titles
    shown = {c.pk for c in cases} | {s.case_id for s in steps} | {c.pk for c, _s in titles}
    audit_list(actor=user, model=Case, ids=sorted(shown), purpose="my_cases")
    plan_reviews = Paginator(
        plan_reviews_due(as_of=today, user=user), DASHBOARD_PAGE_SIZE
    ).get_page(reviews_page)
    if plan_reviews:
        audit_list(
            actor=user, model=Plan, ids=[p.pk for p in plan_reviews], purpose="plan_reviews_due"
        )
    return Dashboard(cases=cases, steps_due=steps, expiring=expiring, plan_reviews=plan_reviews)


API_PAGE_SIZE = 100


def my_cases_api_page(*, user: User, page: int | str | None = 1) -> list[Case]:
    """One page of the caseworker's open cases for the API (100 a page, in name order); the
    cases returned are audited as listed."""
    cases = list(Paginator(my_cases(user=user), API_PAGE_SIZE).get_page(page))
    audit_list(actor=user, model=Case, ids=[c.pk for c in cases], purpose="my_cases")
    return cases


def team_workload(*, user: User) -> list[dict[str, Any]]:
    """Per caseworker of the lead's teams: open cases by status and overdue next steps.

    Three queries whatever the teams' size: the members, the cases grouped by caseworker and
    status, the overdue steps grouped by owner (counting both through one join would count
    every case once per step)."""
    teams = user.teams.all()
    today = timezone.localdate()
    members = list(
        User.objects.filter(teams__in=teams, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    ids = [member.pk for member in members]
    by_status: dict[tuple[int, str], int] = {
        (row["caseworker_id"], row["status"]): row["n"]
        for row in Case.objects.filter(team__in=teams, caseworker_id__in=ids)
        .values("caseworker_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    overdue: dict[int, int] = {
        row["owner_id"]: row["n"]
        for row in NextStep.objects.filter(
            owner_id__in=ids, done_on__isnull=True, due_on__lt=today, case__team__in=teams
        )
        .values("owner_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for member in members:
        counts = {s: by_status.get((member.pk, s), 0) for s in Case.Status.values}
        rows.append(
            {
                "user": member,
                "counts": [counts[s] for s in Case.Status.values],
                "open": sum(v for s, v in counts.items() if s != Case.Status.CLOSED),
                "overdue": overdue.get(member.pk, 0),
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
    steps: tuple[NextStep, ...] = ()  # a note's next steps


@dataclass(frozen=True)
class TimelineRecords:
    """The lists a page has read already (the person page reads each once for its timeline and
    its sections): a source with its list here uses it instead of asking the database again.
    Plans and next steps are the case's, all versions and all steps; the others the person's,
    documents as `documents_for_person` gives them to the user."""

    plans: list[Plan] | None = None
    next_steps: list[NextStep] | None = None
    enrolments: list[Enrolment] | None = None
    qualifications: list[Qualification] | None = None
    documents: list[Any] | None = None


# The timeline is the union of its sources: one function per kind of record, each giving
# the items of one case. A new kind of record adds a function and a line in TIMELINE_SOURCES
# (and its branch in cases/partials/timeline.html).


def _timeline_notes(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    notes = case.notes.select_related("author")
    if records.next_steps is None:
        steps = NextStep.objects.select_related("owner")
        for note in notes.prefetch_related(Prefetch("next_steps", queryset=steps)):
            yield TimelineItem(note.date, "note", note, tuple(note.next_steps.all()))
        return
    by_note: dict[int, list[NextStep]] = defaultdict(list)
    for step in records.next_steps:  # in the model's order, as the prefetch gives them
        if step.note_id is not None:
            by_note[step.note_id].append(step)
    for note in notes:
        yield TimelineItem(note.date, "note", note, tuple(by_note.get(note.pk, ())))


def _timeline_status_changes(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    for change in case.status_changes.select_related("changed_by"):
        yield TimelineItem(timezone.localdate(change.changed_at), "status", change)


def _timeline_orientation(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    # Read with the case where the caller selected it (the person page), else read here.
    orientation = getattr(case, "orientation", None)
    if orientation:
        yield TimelineItem(orientation.assessed_on, "orientation", orientation)


def _timeline_residence(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    for status in case.person.residence.all():
        yield TimelineItem(status.valid_from, "residence", status)


def _timeline_enrolments(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    enrolments = records.enrolments
    if enrolments is None:
        enrolments = list(case.person.course_enrolments.select_related("course"))
    for enrolment in enrolments:
        yield TimelineItem(enrolment.offered_on, "enrolment", enrolment)


def _timeline_qualifications(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    qualifications = records.qualifications
    if qualifications is None:
        qualifications = list(case.person.qualifications.all())
    for qualification in qualifications:
        yield TimelineItem(
            timezone.localdate(qualification.created_at), "qualification", qualification
        )


def _timeline_proposals(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    for proposal in case.person.job_proposals.select_related("vacancy", "employer__organisation"):
        yield TimelineItem(proposal.proposed_on, "proposal", proposal)


def _timeline_placements(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    for placement in case.person.placements.select_related("employer__organisation"):
        yield TimelineItem(placement.starts_on, "placement", placement)


def _timeline_documents(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    documents = records.documents
    if documents is None:
        documents = list(case.person.documents.select_related("uploaded_by"))
    for document in documents:
        yield TimelineItem(timezone.localdate(document.uploaded_at), "document", document)


def _timeline_plans(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    plans = records.plans
    if plans is None:
        plans = list(case.plans.select_related("created_by"))
    for plan in plans:
        plan.case = case  # its name depends on the case's legal domain
        if plan.agreed_on:
            yield TimelineItem(plan.agreed_on, "plan_agreed", plan)
        else:
            yield TimelineItem(timezone.localdate(plan.created_at), "plan_draft", plan)
        if plan.disagreement_recorded_on:
            yield TimelineItem(plan.disagreement_recorded_on, "plan_disagreement", plan)


def _timeline_plan_reviews(case: Case, records: TimelineRecords) -> Iterable[TimelineItem]:
    reviews = PlanReview.objects.filter(plan__case=case).select_related("reviewed_by")
    plans = {plan.pk: plan for plan in records.plans} if records.plans is not None else None
    if plans is None:
        reviews = reviews.select_related("plan")
    for review in reviews:
        if plans is not None:
            review.plan = plans[review.plan_id]
        review.plan.case = case
        yield TimelineItem(review.reviewed_on, "plan_review", review)


def _timeline_appointments(case: Case, user: User) -> Iterable[TimelineItem]:
    for appointment in appointments_for_person(user=user, person=case.person):
        yield TimelineItem(timezone.localdate(appointment.starts_at), "appointment", appointment)


def _timeline_letters(case: Case, user: User) -> Iterable[TimelineItem]:
    for letter in letters_for_case(user=user, case=case):
        yield TimelineItem(letter.date, "letter", letter)


def _timeline_referrals(case: Case, user: User) -> Iterable[TimelineItem]:
    for referral in referrals_for_person(user=user, person=case.person):
        yield TimelineItem(referral.sent_on or referral.drafted_on, "referral", referral)


TIMELINE_SOURCES: tuple[Callable[[Case, TimelineRecords], Iterable[TimelineItem]], ...] = (
    _timeline_plans,
    _timeline_plan_reviews,
    _timeline_notes,
    _timeline_status_changes,
    _timeline_orientation,
    _timeline_residence,
    _timeline_enrolments,
    _timeline_qualifications,
    _timeline_proposals,
    _timeline_placements,
    _timeline_documents,
)


# Sources that are scoped to what the user may see (appointments and letters).
USER_TIMELINE_SOURCES: tuple[Callable[[Case, User], Iterable[TimelineItem]], ...] = (
    _timeline_appointments,
    _timeline_letters,
    _timeline_referrals,
)


def case_timeline(
    *, case: Case, user: User | None = None, records: TimelineRecords | None = None
) -> list[TimelineItem]:
    """Everything recorded for the case and its person, and, for a user, the appointments and
    letters in their scope; newest first. `records`: what the caller has read already."""
    records = records or TimelineRecords()
    items = [item for source in TIMELINE_SOURCES for item in source(case, records)]
    if user is not None:
        items += [item for source in USER_TIMELINE_SOURCES for item in source(case, user)]
    items.sort(key=lambda item: (item.when, item.kind), reverse=True)
    return items


def open_steps(*, case: Case) -> QuerySet[NextStep]:
    return case.next_steps.filter(done_on__isnull=True).select_related("owner").order_by("due_on")


def case_next_steps(*, case: Case) -> list[NextStep]:
    """Every next step of the case with its owner, in the model's order: the person page shows
    the open ones and each note's from this one read."""
    return list(case.next_steps.select_related("owner"))


def open_steps_of(steps: Iterable[NextStep]) -> list[NextStep]:
    """The open steps among `steps`, in the order of `open_steps`."""
    return sorted((s for s in steps if s.done_on is None), key=lambda s: (s.due_on, s.pk))


def team_members(*, team: Team) -> QuerySet[User]:
    return User.objects.filter(teams=team, is_active=True).exclude(role=User.Role.AUDITOR)


# The plan (Kooperationsplan / Integrationsplan) ------------------------------------------------


def _plan_queryset() -> PlanQuerySet:
    return Plan.objects.select_related("case__person", "case__caseworker", "case__team")


def plan_current_for_case(*, user: User, case: Case) -> Plan | None:
    """The newest version of the case's plan (a draft under discussion or the agreed one)."""
    plan = (
        _plan_queryset()
        .filter(case__in=Case.objects.visible_to(user), case=case)
        .order_by("-version")
        .first()
    )
    if plan is not None:
        audit_read(actor=user, obj=plan, purpose="plan_view")
    return plan


def case_plans(*, case: Case) -> list[Plan]:
    """Every version of the case's plan with its author and its number of open steps
    (`open_step_count`), in one query; not audited (the caller records what it shows)."""
    open_steps = Count("goals__steps", filter=Q(goals__steps__status=PlanStep.Status.OPEN))
    plans: list[Plan] = [
        plan
        for plan in case.plans.select_related("created_by").annotate(open_step_count=open_steps)
    ]
    for plan in plans:
        plan.case = case
    return plans


@dataclass(frozen=True)
class PlanPanel:
    """The plan section of the person page."""

    case: Case
    plan: Plan | None  # the newest version: a draft under discussion or the agreed one
    in_force: Plan | None
    open_steps: int

    @property
    def name(self) -> str:
        return plan_name(self.case.legal_domain)


def plan_panel(*, user: User, case: Case, plans: list[Plan]) -> PlanPanel:
    """The plan section from the versions `case_plans` read, for a user who may see the case
    (the caller has checked): the newest version, whose read is recorded as
    `plan_current_for_case` records it, the version in force and its open steps."""
    plan = max(plans, key=lambda p: p.version, default=None)
    if plan is None:
        return PlanPanel(case=case, plan=None, in_force=None, open_steps=0)
    audit_read(actor=user, obj=plan, purpose="plan_view")
    in_force = next((p for p in plans if p.status == Plan.Status.AGREED), None)
    open_steps = plan.open_step_count  # type: ignore[attr-defined]  # counted by case_plans
    return PlanPanel(case=case, plan=plan, in_force=in_force, open_steps=open_steps)


def plan_in_force(*, case: Case) -> Plan | None:
    """The agreed version in force, if any (not audited: the caller has read the plan)."""
    return case.plans.filter(status=Plan.Status.AGREED).first()


def plan_get_for_user(*, user: User, pk: int, purpose: str = "plan_view") -> Plan:
    plan = get_object_or_404(_plan_queryset().visible_to(user), pk=pk)
    audit_read(actor=user, obj=plan, purpose=purpose)
    return plan


def plan_versions(*, user: User, case: Case) -> list[Plan]:
    plans = list(_plan_queryset().visible_to(user).filter(case=case).order_by("-version"))
    audit_list(actor=user, model=Plan, ids=[p.pk for p in plans], purpose="plan_versions")
    return plans


def plan_goals(*, plan: Plan) -> list[PlanGoal]:
    """Goals with their steps, each step with the record it links to."""
    steps = PlanStep.objects.select_related(
        "waiting_entry",
        "enrolment__course",
        "recognition_procedure",
        "job_proposal__vacancy",
        "next_step",
    ).order_by("due_on", "id")
    return list(
        plan.goals.prefetch_related(Prefetch("steps", queryset=steps)).order_by("position", "id")
    )


def plan_reviews_due(*, as_of: dt.date, user: User | None = None) -> QuerySet[Plan]:
    """Agreed plans of open cases whose review date has come; the user's own cases, or all
    cases when no user is given (the staff reminders)."""
    plans = (
        _plan_queryset()
        .filter(status=Plan.Status.AGREED, review_due_on__lte=as_of)
        .exclude(case__status=Case.Status.CLOSED)
    )
    if user is not None:
        plans = plans.filter(in_teams_of(user, path="case__"), case__caseworker=user)
    return plans.order_by("review_due_on", "id")


def next_steps_due(*, as_of: dt.date, user: User | None = None) -> QuerySet[NextStep]:
    """Open next steps of notes due on or before `as_of`; the user's own, or everyone's."""
    steps = NextStep.objects.filter(done_on__isnull=True, due_on__lte=as_of).exclude(
        case__status=Case.Status.CLOSED
    )
    if user is not None:
        steps = steps.filter(case__in=Case.objects.visible_to(user), owner=user)
    return steps.select_related("case__person", "owner").order_by("due_on", "id")


def plan_steps_due(*, as_of: dt.date, user: User | None = None) -> QuerySet[PlanStep]:
    """Open plan steps the centre takes, due on or before `as_of`, of plans not superseded;
    for the case's caseworker, or for everyone."""
    steps = (
        PlanStep.objects.filter(
            status=PlanStep.Status.OPEN,
            who=PlanStep.Who.CASEWORKER,
            due_on__lte=as_of,
            goal__plan__status__in=[Plan.Status.DRAFT, Plan.Status.AGREED],
        )
        .exclude(goal__plan__case__status=Case.Status.CLOSED)
        # While a new version is drafted, its copies of the steps count, not the agreed ones.
        .filter(
            ~Q(goal__plan__status=Plan.Status.AGREED)
            | ~Exists(
                Plan.objects.filter(case=OuterRef("goal__plan__case"), status=Plan.Status.DRAFT)
            )
        )
    )
    if user is not None:
        steps = steps.filter(
            goal__plan__case__in=Case.objects.visible_to(user), goal__plan__case__caseworker=user
        )
    return steps.select_related("goal__plan__case__person").order_by("due_on", "id")


def plan_link_choices(*, case: Case) -> list[tuple[str, str]]:
    """The person's records a plan step may point to, as `field:id` choices."""
    person_id = case.person_id
    choices: list[tuple[str, str]] = []
    for entry in WaitingEntry.objects.filter(person_id=person_id).order_by("-registered_on"):
        choices.append((f"waiting_entry:{entry.pk}", f"{_('course wait-list entry')}: {entry}"))
    for enrolment in Enrolment.objects.filter(person_id=person_id).select_related("course"):
        choices.append((f"enrolment:{enrolment.pk}", f"{_('course enrolment')}: {enrolment}"))
    for procedure in RecognitionProcedure.objects.filter(person_id=person_id):
        choices.append(
            (
                f"recognition_procedure:{procedure.pk}",
                f"{_('recognition procedure')}: {procedure}",
            )
        )
    for proposal in JobProposal.objects.filter(person_id=person_id).select_related(
        "vacancy__employer__organisation"
    ):
        choices.append(
            (
                f"job_proposal:{proposal.pk}",
                f"{_('proposal to an employer')}: {proposal.vacancy} "
                f"({proposal.vacancy.employer}, {proposal.get_status_display()})",
            )
        )
    for step in case.next_steps.filter(done_on__isnull=True).order_by("due_on"):
        choices.append((f"next_step:{step.pk}", f"{_('next step of a note')}: {step}"))
    return choices


def plan_link_resolve(value: str) -> dict[str, Any]:
    """`field:id` → {field: record}; whether the record is the person's decides the model."""
    if not value:
        return {}
    name, _sep, pk = value.partition(":")
    if name not in PlanStep.LINK_FIELDS or not pk.isdigit():
        return {}
    model = PlanStep._meta.get_field(name).related_model
    record = model._default_manager.filter(pk=int(pk)).first()  # type: ignore[union-attr]
    return {name: record} if record is not None else {}


def plan_step_get(*, plan: Plan, pk: int) -> PlanStep:
    """A step of a plan the caller has fetched through `plan_get_for_user`."""
    return get_object_or_404(
        PlanStep.objects.select_related("goal__plan__case"), goal__plan=plan, pk=pk
    )
