"""Writes of labour-market data. Each runs in one transaction; the audit entries follow by
signal. A proposal needs the person's consent to share a profile with that employer, and a
person who may not work (or whose work permission is not on record) is never proposed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.cases.services import case_change_status
from wegweiser.core.audit import audit_event, service
from wegweiser.core.dates import add_months
from wegweiser.core.forms import writable_fields
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.people.models import Consent, Person, ResidenceStatus

from .models import (
    FOLLOW_UP_MONTHS,
    Employer,
    EmployerContact,
    EmployerSite,
    Experience,
    FollowUp,
    JobProposal,
    Placement,
    ProposalStep,
    Vacancy,
)
from .selectors import current_work_permission, sharing_consent

# ---------------------------------------------------------------------------------------------
# Employers


@service
def employer_create(
    *,
    actor: User,
    name: str,
    sector: str,
    municipality: Municipality,
    channel: str = "direct",
    little_german_ok: bool = False,
    notes: str = "",
) -> Employer:
    name = name.strip()
    if Organisation.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("An organisation with this name already exists.")})
    organisation = Organisation(name=name, kind=Organisation.Kind.EMPLOYER)
    organisation.full_clean()
    organisation.save()
    employer = Employer(
        organisation=organisation,
        sector=sector,
        municipality=municipality,
        channel=channel,
        little_german_ok=little_german_ok,
        notes=notes,
    )
    employer.full_clean()
    employer.save()
    return employer


@service
def employer_update(*, actor: User, employer: Employer, data: dict[str, Any]) -> Employer:
    for name, value in writable_fields(Employer, data).items():
        setattr(employer, name, value)
    employer.full_clean()
    employer.save()
    return employer


@service
def site_add(*, actor: User, employer: Employer, **data: Any) -> EmployerSite:
    site = EmployerSite(employer=employer, **writable_fields(EmployerSite, data))
    site.full_clean()
    site.save()
    return site


@service
def contact_add(*, actor: User, employer: Employer, **data: Any) -> EmployerContact:
    contact = EmployerContact(employer=employer, **writable_fields(EmployerContact, data))
    contact.full_clean()
    contact.save()
    return contact


# ---------------------------------------------------------------------------------------------
# Vacancies


def _employer_for(actor: User, employer: Employer | None) -> Employer:
    """An employer's staff always write for their own organisation."""
    if actor.is_employer:
        own = Employer.objects.filter(organisation_id=actor.organisation_id or 0).first()
        if own is None:
            raise ValidationError(_("Your account belongs to no employer."))
        return own
    if employer is None:
        raise ValidationError({"employer": _("Choose the employer.")})
    return employer


# Our own choice: training places (Ausbildung) are advertised up to about a year and a half
# ahead; a start beyond two years is a typing error (01.01.9999), not a vacancy.
VACANCY_START_HORIZON = dt.timedelta(days=2 * 365)


def _check_vacancy(vacancy: Vacancy, *, new: bool) -> None:
    errors: dict[str, str] = {}
    today = timezone.localdate()
    if new and vacancy.starts_on and vacancy.starts_on < today:
        errors["starts_on"] = _("A new vacancy cannot start before today.")
    elif vacancy.starts_on and vacancy.starts_on > today + VACANCY_START_HORIZON:
        errors["starts_on"] = _(
            "The start is more than two years ahead. Check the date; a vacancy is entered when "
            "its start is in sight."
        )
    if vacancy.site is not None and vacancy.site.employer_id != vacancy.employer_id:
        errors["site"] = _("Choose one of this employer's sites.")
    elif (
        vacancy.site is not None
        and vacancy.municipality_id
        and vacancy.site.municipality_id != vacancy.municipality_id
    ):
        errors["municipality"] = _(
            "The site is in %(municipality)s; choose it as the place of work or another site."
        ) % {"municipality": vacancy.site.municipality}
    if errors:
        raise ValidationError(errors)
    if vacancy.occupation_id:
        vacancy.kldb_code = vacancy.occupation.kldb_code
    vacancy.full_clean()


@service
def vacancy_create(*, actor: User, employer: Employer | None = None, **data: Any) -> Vacancy:
    vacancy = Vacancy(employer=_employer_for(actor, employer), created_by=actor, **data)
    if vacancy.site is not None and not data.get("municipality"):
        vacancy.municipality = vacancy.site.municipality
    _check_vacancy(vacancy, new=True)
    vacancy.save()
    return vacancy


@service
def vacancy_update(*, actor: User, vacancy: Vacancy, data: dict[str, Any]) -> Vacancy:
    data = dict(data)
    data.pop("employer", None)
    for name, value in data.items():
        setattr(vacancy, name, value)
    _check_vacancy(vacancy, new=False)
    vacancy.save()
    return vacancy


@service
def vacancy_set_status(*, actor: User, vacancy: Vacancy, status: str) -> Vacancy:
    if status not in Vacancy.Status.values:
        raise ValidationError({"status": _("Choose a valid status.")})
    vacancy.status = status
    vacancy.save(update_fields=["status", "updated_at"])
    return vacancy


# ---------------------------------------------------------------------------------------------
# A person's coded work experience


@service
def experience_add(*, actor: User, person: Person, **data: Any) -> Experience:
    experience = Experience(person=person, **data)
    experience.full_clean()
    experience.save()
    return experience


@service
def experience_remove(*, actor: User, experience: Experience) -> None:
    experience.delete()


# ---------------------------------------------------------------------------------------------
# Proposals


def proposal_problems(*, person: Person, vacancy: Vacancy) -> list[str]:
    """Why this person cannot be proposed for this vacancy now (empty when they can)."""
    consent = sharing_consent(person=person, employer=vacancy.employer)
    return _proposal_problems(person=person, vacancy=vacancy, consent=consent)


def _proposal_problems(*, person: Person, vacancy: Vacancy, consent: Consent | None) -> list[str]:
    problems = []
    if vacancy.status != Vacancy.Status.OPEN:
        problems.append(_("The vacancy is no longer open."))
    permission = current_work_permission(person)
    if permission is None:
        problems.append(
            _(
                "No residence title in force is on record, so the work permission is unknown; "
                "record it first."
            )
        )
    elif permission == ResidenceStatus.WorkPermission.NOT_ALLOWED:
        problems.append(_("The person may not work under the current residence title."))
    if consent is None:
        problems.append(
            _(
                "No consent to share a profile with %(employer)s is on record "
                "(purpose: proposal to employers)."
            )
            % {"employer": vacancy.employer}
        )
    return problems


@service
def proposal_create(
    *, actor: User, person: Person, vacancy: Vacancy, message: str = ""
) -> JobProposal:
    consent = sharing_consent(person=person, employer=vacancy.employer)
    problems = _proposal_problems(person=person, vacancy=vacancy, consent=consent)
    if problems or consent is None:
        raise ValidationError(problems)
    if (
        JobProposal.objects.filter(person=person, vacancy=vacancy)
        .exclude(status__in=[JobProposal.Status.NOT_HIRED, JobProposal.Status.WITHDRAWN])
        .exists()
    ):
        raise ValidationError(_("This person is already proposed for this vacancy."))
    today = timezone.localdate()
    proposal = JobProposal(
        person=person,
        vacancy=vacancy,
        employer=vacancy.employer,
        consent=consent,
        message=message,
        proposed_by=actor,
        proposed_on=today,
        updated_on=today,
    )
    proposal.full_clean()
    proposal.save()
    ProposalStep.objects.create(
        proposal=proposal, status=proposal.status, on=today, recorded_by=actor
    )
    audit_event(
        actor=actor,
        action=AuditEntry.Action.CONFIRM,
        object_type="jobs.jobproposal",
        object_id=proposal.pk,
        person_id=person.pk,
        fields=["consent"],
        purpose=f"profile shared with employer {vacancy.employer_id}: "
        f"consent {consent.pk} ({consent.legal_basis})",
    )
    return proposal


# Steps an employer's staff may record; withdrawing is the centre's (or the person's) decision.
EMPLOYER_STEPS = {
    JobProposal.Status.APPLIED,
    JobProposal.Status.INTERVIEW,
    JobProposal.Status.TRIAL_WORK,
    JobProposal.Status.HIRED,
    JobProposal.Status.NOT_HIRED,
}


@service
def proposal_advance(
    *,
    actor: User,
    proposal: JobProposal,
    status: str,
    on: dt.date,
    reason: str = "",
    note: str = "",
) -> JobProposal:
    errors: dict[str, str] = {}
    allowed = JobProposal.TRANSITIONS.get(proposal.status, set())
    if actor.is_employer:
        allowed = allowed & EMPLOYER_STEPS
    if status not in allowed:
        errors["status"] = _("A proposal cannot move from %(old)s to %(new)s.") % {
            "old": proposal.get_status_display(),
            "new": dict(JobProposal.Status.choices).get(status, status),
        }
    if on > timezone.localdate():
        errors["on"] = _("The date of a step cannot be in the future.")
    elif on < proposal.updated_on:
        errors["on"] = _("The date cannot be before the previous step (%(date)s).") % {
            "date": date_format(proposal.updated_on, "SHORT_DATE_FORMAT")
        }
    if status == JobProposal.Status.NOT_HIRED and not reason:
        errors["reason"] = _("Give the reason why the person was not hired.")
    if errors:
        raise ValidationError(errors)
    proposal.status = status
    proposal.reason = reason if status == JobProposal.Status.NOT_HIRED else ""
    proposal.updated_on = on
    proposal.full_clean()
    proposal.save(update_fields=["status", "reason", "updated_on"])
    ProposalStep.objects.create(
        proposal=proposal, status=status, on=on, note=note, recorded_by=actor
    )
    if status == JobProposal.Status.HIRED:
        vacancy = proposal.vacancy
        hired = vacancy.proposals.filter(status=JobProposal.Status.HIRED).count()
        if hired >= vacancy.positions and vacancy.status == Vacancy.Status.OPEN:
            vacancy.status = Vacancy.Status.FILLED
            vacancy.save(update_fields=["status", "updated_at"])
    return proposal


# ---------------------------------------------------------------------------------------------
# Placements and follow-up


def _move_case(actor: User, person: Person, *path: str, closing_reason: str = "") -> None:
    """Walk the person's case along `path` from wherever it can join it."""
    case = Case.objects.filter(person=person).first()
    if case is None:
        return
    for status in path:
        if status == case.status:
            continue
        if status in Case.TRANSITIONS.get(case.status, set()):
            reason = closing_reason if status == Case.Status.CLOSED else ""
            case = case_change_status(actor=actor, case=case, status=status, closing_reason=reason)


@service
def placement_create(
    *,
    actor: User,
    person: Person,
    employer: Employer,
    occupation: Any,
    starts_on: dt.date,
    contract: str,
    hours: str,
    vacancy: Vacancy | None = None,
    proposal: JobProposal | None = None,
    wage_band: str = "",
    funding: str = "none",
) -> Placement:
    if proposal is not None and (proposal.person_id != person.pk):
        raise ValidationError(_("The proposal belongs to another person."))
    if starts_on > timezone.localdate() + dt.timedelta(days=366):
        raise ValidationError({"starts_on": _("The start of work is more than a year ahead.")})
    placement = Placement(
        person=person,
        employer=employer,
        vacancy=vacancy,
        proposal=proposal,
        occupation=occupation,
        starts_on=starts_on,
        contract=contract,
        hours=hours,
        wage_band=wage_band,
        funding=funding,
        recorded_by=actor,
    )
    placement.full_clean()
    placement.save()
    for month in FOLLOW_UP_MONTHS:
        FollowUp.objects.create(
            placement=placement, month=month, due_on=add_months(starts_on, month)
        )
    _move_case(actor, person, Case.Status.ACTIVE, Case.Status.PLACED)
    return placement


@service
def follow_up_record(
    *,
    actor: User,
    follow_up: FollowUp,
    contacted_on: dt.date,
    still_employed: bool,
    employer_now: str = "",
    problems: list[str] | None = None,
    note: str = "",
) -> FollowUp:
    errors: dict[str, str] = {}
    placement = follow_up.placement
    if contacted_on > timezone.localdate():
        errors["contacted_on"] = _("The contact cannot be in the future.")
    elif contacted_on < placement.starts_on:
        errors["contacted_on"] = _("The contact cannot be before the start of work.")
    unknown = set(problems or []) - set(FollowUp.Problem.values)
    if unknown:
        errors["problems"] = _("Choose problems from the list.")
    if errors:
        raise ValidationError(errors)
    follow_up.contacted_on = contacted_on
    follow_up.still_employed = still_employed
    follow_up.employer_now = employer_now
    follow_up.problems = sorted(set(problems or []))
    follow_up.note = note
    follow_up.recorded_by = actor
    follow_up.full_clean()
    follow_up.save()
    person = placement.person
    if not still_employed:
        if placement.ended_on is None:
            placement.ended_on = contacted_on
            placement.save(update_fields=["ended_on"])
        _move_case(actor, person, Case.Status.ACTIVE)
    elif follow_up.month == FOLLOW_UP_MONTHS[-1]:
        _move_case(
            actor,
            person,
            Case.Status.FOLLOW_UP,
            Case.Status.CLOSED,
            closing_reason=Case.ClosingReason.SUSTAINED_EMPLOYMENT,
        )
    else:
        _move_case(actor, person, Case.Status.FOLLOW_UP)
    return follow_up
