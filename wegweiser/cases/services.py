"""Writes of case data, each in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Team, User
from wegweiser.core.audit import audit_event, service
from wegweiser.core.dates import add_months
from wegweiser.core.forms import writable_fields
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person
from wegweiser.people.services import person_create

from .models import (
    Case,
    CaseStatusChange,
    GoalOutcome,
    NextStep,
    Note,
    Orientation,
    Plan,
    PlanGoal,
    PlanReview,
    PlanStep,
)


@service
def intake_create(
    *,
    actor: User,
    person_data: dict[str, Any],
    case_data: dict[str, Any],
    orientation_data: dict[str, Any],
) -> Case:
    """Person, case and initial orientation in one step: all saved, or nothing."""
    person = person_create(actor=actor, **person_data)
    case = case_open(actor=actor, person=person, **case_data)
    orientation = Orientation(case=case, **orientation_data)
    orientation.full_clean()
    orientation.save()
    return case


@service
def case_open(
    *,
    actor: User,
    person: Person,
    team: Team,
    caseworker: User | None = None,
    legal_domain: str = Case.LegalDomain.NONE,
    opened_on: dt.date | None = None,
) -> Case:
    if not actor.teams.filter(pk=team.pk).exists():
        raise ValidationError({"team": _("You can only open cases in your own teams.")})
    case = Case(
        person=person,
        team=team,
        caseworker=caseworker,
        legal_domain=legal_domain,
        opened_on=opened_on or timezone.localdate(),
    )
    case.full_clean()
    case.save()
    CaseStatusChange.objects.create(
        case=case,
        from_status="",
        to_status=case.status,
        changed_by=actor,
        changed_at=timezone.now(),
    )
    return case


@service
def case_change_status(*, actor: User, case: Case, status: str, closing_reason: str = "") -> Case:
    if status == case.status:
        return case
    if status not in Case.TRANSITIONS.get(case.status, set()):
        raise ValidationError(
            {
                "status": _("A case cannot move from %(old)s to %(new)s.")
                % {
                    "old": case.get_status_display(),
                    "new": dict(Case.Status.choices).get(status, status),
                }
            }
        )
    previous = case.status
    case.status = status
    case.closing_reason = closing_reason
    case.closed_on = timezone.localdate() if status == Case.Status.CLOSED else None
    case.full_clean()
    case.save(update_fields=["status", "closing_reason", "closed_on"])
    CaseStatusChange.objects.create(
        case=case,
        from_status=previous,
        to_status=status,
        closing_reason=case.closing_reason,
        changed_by=actor,
        changed_at=timezone.now(),
    )
    return case


def _check_handover(*, actor: User, case: Case, previous: int | None, new: User | None) -> None:
    """Who may change a case's caseworker: a team lead of the case's team (any active member of
    the team, or nobody), or the assigned caseworker handing the case over to a colleague of the
    team. Nobody else, so that no one gives themselves a colleague's case (and its health data).
    """
    team_lead = actor.is_team_lead and actor.teams.filter(pk=case.team_id).exists()
    assigned = previous is not None and previous == actor.pk
    if not team_lead and not (assigned and new is not None):
        raise ValidationError(
            {
                "caseworker": _(
                    "Only a team lead assigns cases. The assigned caseworker can hand the case "
                    "over to a colleague of the team."
                )
            }
        )
    if new is not None and (
        not new.is_active or not new.works_cases or not new.teams.filter(pk=case.team_id).exists()
    ):
        raise ValidationError(
            {"caseworker": _("The case can only go to an active colleague of its team.")}
        )


@service
def case_update(*, actor: User, case: Case, data: dict[str, Any]) -> Case:
    """Changes legal domain and caseworker. A change of caseworker is a handover: checked here
    (so no page, API or command can skip it) and audited with the user ids from and to."""
    # From the database: a model form has already set the new value on the instance.
    previous_caseworker = (
        Case.objects.filter(pk=case.pk).values_list("caseworker_id", flat=True).first()
    )
    if "caseworker" in data:
        new = data["caseworker"]
        if (new.pk if new is not None else None) == previous_caseworker:
            data = {k: v for k, v in data.items() if k != "caseworker"}
        else:
            _check_handover(actor=actor, case=case, previous=previous_caseworker, new=new)
    for name, value in writable_fields(Case, data).items():
        setattr(case, name, value)
    case.full_clean()
    case.save(update_fields=list(data))
    if "caseworker" in data:
        audit_event(
            actor=actor,
            action=AuditEntry.Action.HANDOVER,
            object_type="cases.case",
            object_id=case.pk,
            person_id=case.person_id,
            fields=["caseworker"],
            object_ids=[previous_caseworker or "", case.caseworker_id or ""],
            purpose=f"from user {previous_caseworker or '-'} to user {case.caseworker_id or '-'}",
        )
    return case


@service
def orientation_update(
    *, actor: User, case: Case, data: dict[str, Any], may_write_health: bool
) -> Orientation:
    """Updates the orientation; the health field is only written by those who may see it."""
    orientation = Orientation.objects.filter(case=case).first() or Orientation(case=case)
    if not may_write_health:
        data = {k: v for k, v in data.items() if k != "health_limitations"}
    for name, value in writable_fields(Orientation, data).items():
        setattr(orientation, name, value)
    orientation.full_clean()
    orientation.save()
    return orientation


@service
def note_create(
    *,
    actor: User,
    case: Case,
    note_data: dict[str, Any],
    step_description: str = "",
    step_due_on: dt.date | None = None,
    step_owner: User | None = None,
) -> Note:
    note = Note(case=case, author=actor, **writable_fields(Note, note_data))
    note.full_clean()
    note.save()
    if step_description:
        next_step_create(
            actor=actor,
            case=case,
            note=note,
            description=step_description,
            due_on=step_due_on,
            owner=step_owner or actor,
        )
    return note


@service
def next_step_create(
    *,
    actor: User,
    case: Case,
    description: str,
    due_on: dt.date | None,
    owner: User,
    note: Note | None = None,
) -> NextStep:
    if due_on is None:
        raise ValidationError({"step_due_on": _("A next step needs a due date.")})
    if not owner.teams.filter(pk=case.team_id).exists():
        raise ValidationError({"step_owner": _("The owner must be a member of the case's team.")})
    step = NextStep(case=case, note=note, description=description, due_on=due_on, owner=owner)
    step.full_clean()
    step.save()
    return step


@service
def next_step_complete(*, actor: User, step: NextStep) -> NextStep:
    step.done_on = timezone.localdate()
    step.save(update_fields=["done_on"])
    return step


# The plan ---------------------------------------------------------------------------------------


def plan_review_date(agreed_on: dt.date) -> dt.date:
    """The latest review date of a plan agreed (or reviewed) on `agreed_on`."""
    return add_months(agreed_on, settings.WEGWEISER_PLAN_REVIEW_MONTHS)


@service
def plan_create(*, actor: User, case: Case, integration_goal: str) -> Plan:
    """The first version of the plan, drawn up after the initial orientation."""
    if not Orientation.objects.filter(case=case).exists():
        raise ValidationError(
            {"integration_goal": _("Record the initial orientation before drawing up the plan.")}
        )
    if case.plans.exists():
        raise ValidationError({"integration_goal": _("This case already has a plan.")})
    plan = Plan(case=case, version=1, integration_goal=integration_goal, created_by=actor)
    plan.full_clean()
    plan.save()
    return plan


def _superseded_refused(plan: Plan) -> None:
    if plan.status == Plan.Status.SUPERSEDED:
        raise ValidationError(
            _("Version %(version)s has been replaced by a newer version and stays as it was.")
            % {"version": plan.version}
        )


def _new_version(*, actor: User, plan: Plan) -> Plan:
    """A draft copy of the agreed version with all its goals and steps."""
    draft = Plan(
        case=plan.case,
        version=plan.version + 1,
        integration_goal=plan.integration_goal,
        created_by=actor,
    )
    draft.full_clean()
    draft.save()
    for goal in plan.goals.prefetch_related("steps").order_by("position", "id"):
        copy = PlanGoal(
            plan=draft,
            area=goal.area,
            description=goal.description,
            position=goal.position,
            carried_from=goal,
        )
        copy.full_clean()
        copy.save()
        for step in goal.steps.all():
            step_copy = PlanStep(
                goal=copy,
                carried_from=step,
                **{name: getattr(step, name) for name in _STEP_COPIED},
            )
            step_copy.full_clean()
            step_copy.save()
    return draft


_STEP_COPIED = (
    "description",
    "who",
    "partner_name",
    "due_on",
    "status",
    "status_reason",
    "status_changed_on",
    *(f"{name}_id" for name in PlanStep.LINK_FIELDS),
)


def _editable(*, actor: User, plan: Plan) -> Plan:
    """The version a change goes into: the draft itself, or a new version of the agreed plan."""
    _superseded_refused(plan)
    if plan.status == Plan.Status.DRAFT:
        return plan
    draft = plan.case.plans.filter(status=Plan.Status.DRAFT).first()
    return draft or _new_version(actor=actor, plan=plan)


@service
def plan_revise(*, actor: User, plan: Plan) -> Plan:
    """Starts a new version of an agreed plan (or returns the draft being worked on)."""
    return _editable(actor=actor, plan=plan)


@service
def plan_update(*, actor: User, plan: Plan, integration_goal: str) -> Plan:
    plan = _editable(actor=actor, plan=plan)
    plan.integration_goal = integration_goal
    plan.full_clean()
    plan.save(update_fields=["integration_goal"])
    return plan


@service
def plan_goal_add(*, actor: User, plan: Plan, area: str, description: str) -> PlanGoal:
    plan = _editable(actor=actor, plan=plan)
    position = plan.goals.count()
    goal = PlanGoal(plan=plan, area=area, description=description, position=position)
    goal.full_clean()
    goal.save()
    return goal


@service
def plan_step_add(
    *,
    actor: User,
    goal: PlanGoal,
    description: str,
    who: str,
    due_on: dt.date,
    partner_name: str = "",
    link: dict[str, Any] | None = None,
) -> PlanStep:
    """Adds a step to a goal; on an agreed plan it goes into the new version's copy of the goal.

    `link` names at most one record (field name → object) the step points to."""
    plan = _editable(actor=actor, plan=goal.plan)
    if plan.pk != goal.plan_id:
        goal = plan.goals.get(carried_from=goal)
    step = PlanStep(
        goal=goal,
        description=description,
        who=who,
        partner_name=partner_name,
        due_on=due_on,
        **(link or {}),
    )
    step.full_clean()
    step.save()
    return step


@service
def plan_step_set_status(*, actor: User, step: PlanStep, status: str, reason: str = "") -> PlanStep:
    """Marks a step done, dropped (with a reason) or open again; following up on the agreed
    plan, this changes the version in force rather than making a new one."""
    _superseded_refused(step.goal.plan)
    step.status = status
    step.status_reason = reason if status == PlanStep.Status.DROPPED else ""
    step.status_changed_on = timezone.localdate()
    step.full_clean()
    step.save(update_fields=["status", "status_reason", "status_changed_on"])
    return step


@service
def plan_agree(
    *,
    actor: User,
    plan: Plan,
    agreed_on: dt.date,
    person_present: bool,
    interpreter_language: str = "",
    review_due_on: dt.date | None = None,
) -> Plan:
    """Records the agreement of a draft version; the version agreed before is superseded."""
    if plan.status != Plan.Status.DRAFT:
        _superseded_refused(plan)
        raise ValidationError({"agreed_on": _("This version has already been agreed.")})
    if not plan.goals.exists():
        raise ValidationError({"agreed_on": _("Record at least one goal before the agreement.")})
    early = [
        step
        for step in PlanStep.objects.filter(
            goal__plan=plan,
            carried_from__isnull=True,
            status=PlanStep.Status.OPEN,
            due_on__lt=agreed_on,
        ).order_by("due_on")
    ]
    if early:
        raise ValidationError(
            {
                "agreed_on": _(
                    "The step “%(step)s” is due on %(due)s, before this agreement date. "
                    "Change the step's due date or the agreement date."
                )
                % {
                    "step": early[0].description,
                    "due": date_format(early[0].due_on, "SHORT_DATE_FORMAT"),
                }
            }
        )
    for previous in Plan.objects.filter(case=plan.case, status=Plan.Status.AGREED):
        previous.status = Plan.Status.SUPERSEDED
        previous.save(update_fields=["status"])
    plan.status = Plan.Status.AGREED
    plan.agreed_on = agreed_on
    plan.person_present = person_present
    plan.interpreter_language = interpreter_language
    plan.review_due_on = review_due_on or (plan_review_date(agreed_on) if agreed_on else None)
    plan.agreed_by = actor
    plan.full_clean()
    plan.save(
        update_fields=[
            "status",
            "agreed_on",
            "person_present",
            "interpreter_language",
            "review_due_on",
            "agreed_by",
        ]
    )
    return plan


@service
def plan_disagreement_record(
    *, actor: User, plan: Plan, reason: str, recorded_on: dt.date | None = None
) -> Plan:
    """The person does not agree with this version, and why; all work goes on as before."""
    _superseded_refused(plan)
    if not reason.strip():
        raise ValidationError(
            {"disagreement_reason": _("Say what the person does not agree with, and why.")}
        )
    plan.disagreement_reason = reason
    plan.disagreement_recorded_on = recorded_on or timezone.localdate()
    plan.full_clean()
    plan.save(update_fields=["disagreement_reason", "disagreement_recorded_on"])
    return plan


@service
def plan_review_create(
    *,
    actor: User,
    plan: Plan,
    reviewed_on: dt.date,
    outcomes: dict[int, tuple[str, str]],
    comment: str = "",
    next_review_on: dt.date | None = None,
    new_version: bool = False,
) -> PlanReview:
    """Records the review of the agreed plan with an outcome for every goal; the next review
    is due at the latest six months later. With `new_version` a new draft version starts."""
    review = PlanReview(
        plan=plan,
        reviewed_on=reviewed_on,
        comment=comment,
        next_review_on=next_review_on,
        reviewed_by=actor,
    )
    review.full_clean()
    review.save()
    goals = list(plan.goals.all())
    missing = [goal for goal in goals if goal.pk not in outcomes]
    if missing:
        raise ValidationError({f"outcome_{missing[0].pk}": _("Record the outcome of every goal.")})
    for goal in goals:
        outcome, outcome_comment = outcomes[goal.pk]
        entry = GoalOutcome(review=review, goal=goal, outcome=outcome, comment=outcome_comment)
        try:
            entry.full_clean()
        except ValidationError as error:
            raise ValidationError(
                {f"{key}_{goal.pk}": value for key, value in error.message_dict.items()}
            ) from error
        entry.save()
    plan.review_due_on = next_review_on or plan_review_date(reviewed_on)
    plan.save(update_fields=["review_due_on"])
    if new_version:
        _editable(actor=actor, plan=plan)
    return review
