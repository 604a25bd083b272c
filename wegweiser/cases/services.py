"""Writes of case data, each in one transaction with its audit entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Team, User
from wegweiser.core.audit import audit_event, service
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person
from wegweiser.people.services import person_create

from .models import Case, CaseStatusChange, NextStep, Note, Orientation


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
    for name, value in data.items():
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
    for name, value in data.items():
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
    note = Note(case=case, author=actor, **note_data)
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
