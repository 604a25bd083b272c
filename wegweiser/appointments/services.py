"""Writes of appointments, contact consents and calendar feeds, each in one transaction with its
audit entries."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case
from wegweiser.core.audit import audit_event, service
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person

from .models import (
    Appointment,
    AppointmentPerson,
    CalendarFeed,
    Channel,
    ContactConsent,
    Interpreter,
    Reschedule,
    Room,
)
from .selectors import conflicts


def _check_scope(
    *, actor: User, caseworker: User, case: Case | None, persons: list[Person]
) -> None:
    teams = actor.teams.all()
    errors: dict[str, str] = {}
    if case is not None and not teams.filter(pk=case.team_id).exists():
        errors["case"] = _("You can only book appointments for cases of your own teams.")
    if not caseworker.teams.filter(pk__in=teams).exists():
        errors["caseworker"] = _("The caseworker must be a member of one of your teams.")
    outside = [p for p in persons if not Case.objects.filter(person=p, team__in=teams).exists()]
    if outside:
        errors["persons"] = _("You can only invite persons whose case is in your teams.")
    if errors:
        raise ValidationError(errors)


def _conflicts_of(appointment: Appointment) -> dict[str, str]:
    if not (appointment.starts_at and appointment.ends_at) or (
        appointment.ends_at <= appointment.starts_at
    ):
        return {}
    return conflicts(
        caseworker=appointment.caseworker,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        room=appointment.room if appointment.room_id else None,
        interpreter=appointment.interpreter if appointment.interpreter_id else None,
        exclude_pk=appointment.pk,
    )


def _check(appointment: Appointment, errors: dict[str, list[str]]) -> None:
    """Model rules and double bookings together, so the form shows every problem at once."""
    try:
        appointment.full_clean()
    except ValidationError as error:
        for field, texts in error.message_dict.items():
            errors.setdefault(field, []).extend(texts)
    for field, text in _conflicts_of(appointment).items():
        errors.setdefault(field, []).append(text)
    if errors:
        raise ValidationError(errors)


@service
def appointment_create(
    *,
    actor: User,
    caseworker: User,
    kind: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    case: Case | None = None,
    persons: Iterable[Person] = (),
    room: Room | None = None,
    place_detail: str = "",
    video_link: str = "",
    interpreter_language: str = "",
    interpreter: Interpreter | None = None,
    allow_past: bool = False,
) -> Appointment:
    """Books an appointment: in the future, without double booking of the caseworker, the room
    or the interpreter. The case's person is always invited; a group session invites `persons`.
    `allow_past` is for recording appointments afterwards (demo data, imports), never a page."""
    invited = list(persons)
    if case is not None and case.person not in invited:
        invited.insert(0, case.person)
    _check_scope(actor=actor, caseworker=caseworker, case=case, persons=invited)
    team = case.team if case is not None else caseworker.teams.filter(pk__in=actor.teams.all())[0]
    appointment = Appointment(
        team=team,
        caseworker=caseworker,
        case=case,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        room=room,
        place_detail=place_detail,
        video_link=video_link,
        interpreter_language=interpreter_language,
        interpreter=interpreter,
        created_by=actor,
    )
    errors: dict[str, list[str]] = {}
    if not allow_past and starts_at and starts_at < timezone.now():
        errors["starts_at"] = [_("An appointment cannot be booked in the past.")]
    if not invited:
        errors["persons"] = [_("Invite at least one person.")]
    _check(appointment, errors)
    appointment.save()
    for person in invited:
        AppointmentPerson.objects.create(appointment=appointment, person=person)
    return appointment


@service
def appointment_reschedule(
    *,
    actor: User,
    appointment: Appointment,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Room | None = None,
    interpreter: Interpreter | None = None,
    reason: str = "",
) -> Appointment:
    """Moves an appointment; the previous time is kept as a reschedule record."""
    if appointment.outcome:
        raise ValidationError(
            {"starts_at": _("An appointment with an outcome cannot be moved any more.")}
        )
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("An appointment cannot be moved into the past.")})
    previous = (appointment.starts_at, appointment.ends_at)
    appointment.starts_at, appointment.ends_at = starts_at, ends_at
    if appointment.place == Appointment.Place.ROOM and room is not None:
        appointment.room = room
    appointment.interpreter = interpreter
    _check(appointment, {})
    appointment.save(update_fields=["starts_at", "ends_at", "room", "interpreter"])
    if previous != (starts_at, ends_at):
        reschedule = Reschedule(
            appointment=appointment,
            previous_starts_at=previous[0],
            previous_ends_at=previous[1],
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
            changed_by=actor,
        )
        reschedule.full_clean()
        reschedule.save()
    return appointment


@service
def appointment_set_outcome(*, actor: User, appointment: Appointment, outcome: str) -> Appointment:
    if outcome not in Appointment.Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    appointment.outcome = outcome
    appointment.full_clean()
    appointment.save(update_fields=["outcome"])
    return appointment


@service
def contact_consent_record(
    *, actor: User, person: Person, channel: str, given_on: dt.date | None = None
) -> ContactConsent:
    if channel not in Channel.values:
        raise ValidationError({"channel": _("Choose e-mail or SMS.")})
    if ContactConsent.objects.filter(
        person=person, channel=channel, withdrawn_on__isnull=True
    ).exists():
        raise ValidationError({"channel": _("This consent is already recorded.")})
    consent = ContactConsent(
        person=person,
        channel=channel,
        given_on=given_on or timezone.localdate(),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    return consent


@service
def contact_consent_withdraw(*, actor: User, consent: ContactConsent) -> ContactConsent:
    if consent.withdrawn_on is None:
        consent.withdrawn_on = timezone.localdate()
        consent.full_clean()
        consent.save(update_fields=["withdrawn_on"])
    return consent


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@service
def calendar_feed_renew(*, actor: User) -> str:
    """Makes a new secret for the actor's calendar feed and returns it; the old address stops
    working at once. Only the hash is stored."""
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.update_or_create(user=actor, defaults={"token_hash": _token_hash(token)})
    audit_event(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type="appointments.calendarfeed",
        object_id=actor.pk,
        fields=["token_hash"],
    )
    return token


@transaction.atomic
def interpreter_create(
    *, actor: User, name: str, languages: list[str], contact: str
) -> Interpreter:
    """Adds an interpreter to the organisation's list (team leads and administrators)."""
    if actor.organisation_id is None:
        raise ValidationError(_("Your account belongs to no organisation."))
    interpreter = Interpreter(
        organisation_id=actor.organisation_id, name=name, languages=languages, contact=contact
    )
    interpreter.full_clean()
    interpreter.save()
    audit_event(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="appointments.interpreter",
        object_id=interpreter.pk,
        fields=["name", "languages", "contact"],
    )
    return interpreter
