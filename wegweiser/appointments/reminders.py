"""Reminders to persons before their appointments, and the daily digest to staff.

Each reminder (appointment, person, channel, offset) is claimed by inserting its row before
anything is sent; the unique constraint refuses a second claim. A run that is repeated, or a
worker that restarts, therefore never sends a reminder twice. A crash between the claim and the
sending leaves the row "being sent": that reminder is lost rather than sent twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django_tasks import task

from wegweiser.accounts.models import User
from wegweiser.core.audit import acting_as
from wegweiser.people.models import Person

from . import notify
from .models import Appointment, AppointmentPerson, Channel, Reminder, StaffDigest
from .selectors import active_contact_channels
from .sms import SmsBackend, sms_backend

logger = logging.getLogger(__name__)


@dataclass
class RunResult:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    digests: int = 0
    statuses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "failed": self.failed,
            "skipped": self.skipped,
            "digests": self.digests,
        }


def offsets_minutes() -> list[int]:
    return sorted(int(m) for m in settings.WEGWEISER_REMINDER_OFFSETS_MINUTES)


def due_offset(starts_at: dt.datetime, now: dt.datetime, offsets: list[int]) -> int | None:
    """The smallest offset whose moment has come: an appointment booked a day ahead gets the
    two-hour reminder only, not a belated two-day one as well."""
    before = starts_at - now
    if before <= dt.timedelta(0):
        return None
    due = [o for o in offsets if before <= dt.timedelta(minutes=o)]
    return min(due) if due else None


def _claim(appointment: Appointment, person: Person, channel: str, offset: int) -> Reminder | None:
    try:
        with acting_as(None), transaction.atomic():
            return Reminder.objects.create(
                appointment=appointment,
                person=person,
                channel=channel,
                offset_minutes=offset,
                status=Reminder.Status.SENDING,
            )
    except IntegrityError:
        return None


def _finish(reminder: Reminder, status: str, detail: str = "") -> None:
    reminder.status = status
    reminder.detail = detail[:200]
    reminder.sent_at = timezone.now() if status == Reminder.Status.SENT else None
    with acting_as(None), transaction.atomic():
        reminder.save(update_fields=["status", "detail", "sent_at"])


def _remind(
    appointment: Appointment,
    person: Person,
    channel: str,
    offset: int,
    sms: SmsBackend,
    consents: set[str],
    result: RunResult,
) -> None:
    reminder = _claim(appointment, person, channel, offset)
    if reminder is None:
        return
    if channel not in consents:
        _finish(reminder, Reminder.Status.NO_CONSENT)
        result.skipped += 1
        return
    address = person.email if channel == Channel.EMAIL else person.phone
    if not address:
        _finish(reminder, Reminder.Status.NO_ADDRESS)
        result.skipped += 1
        return
    try:
        if channel == Channel.EMAIL:
            notify.appointment_mail("reminder", appointment, person).send()
        else:
            sms.send(to=person.phone, text=notify.appointment_sms(appointment, person))
    except Exception as error:  # the gateway's or the mail server's failure, recorded
        logger.warning("Reminder %s failed: %s", reminder.pk, type(error).__name__)
        _finish(reminder, Reminder.Status.FAILED, type(error).__name__)
        result.failed += 1
        return
    _finish(reminder, Reminder.Status.SENT)
    result.sent += 1


def send_due_reminders(*, now: dt.datetime | None = None) -> RunResult:
    """Sends every reminder whose time has come and that was not claimed before."""
    now = now or timezone.now()
    offsets = offsets_minutes()
    result = RunResult()
    if not offsets:
        return result
    sms = sms_backend()
    channels = [Channel.EMAIL] + ([Channel.SMS] if sms.configured else [])
    horizon = now + dt.timedelta(minutes=max(offsets))
    appointments = (
        Appointment.objects.filter(
            outcome=Appointment.Outcome.PLANNED, starts_at__gt=now, starts_at__lte=horizon
        )
        .select_related("caseworker", "room")
        .prefetch_related(
            Prefetch("participants", queryset=AppointmentPerson.objects.select_related("person"))
        )
        .order_by("starts_at")
    )
    for appointment in appointments:
        offset = due_offset(appointment.starts_at, now, offsets)
        if offset is None:
            continue
        for participant in appointment.participants.all():
            person = participant.person
            consents = active_contact_channels(person=person)
            for channel in channels:
                _remind(appointment, person, channel, offset, sms, consents, result)
    result.digests = send_staff_digests(now=now)
    return result


def send_staff_digests(*, now: dt.datetime) -> int:
    """Once a day, from WEGWEISER_STAFF_DIGEST_HOUR on: each caseworker with an e-mail address
    gets the plan reviews and next steps due on their own cases."""
    local = timezone.localtime(now)
    if local.hour < settings.WEGWEISER_STAFF_DIGEST_HOUR:
        return 0
    try:
        from wegweiser.cases.selectors import next_steps_due, plan_reviews_due
    except ImportError:  # the plan is not part of this installation
        return 0
    day = local.date()
    sent = 0
    users = (
        User.objects.filter(is_active=True, role__in=[User.Role.CASEWORKER, User.Role.TEAM_LEAD])
        .exclude(email="")
        .exclude(pk__in=StaffDigest.objects.filter(day=day).values("user_id"))
    )
    for user in users:
        reviews = list(plan_reviews_due(as_of=day, user=user))
        steps = list(next_steps_due(as_of=day, user=user))
        if not reviews and not steps:
            continue
        try:
            with transaction.atomic():
                StaffDigest.objects.create(user=user, day=day, items=len(reviews) + len(steps))
        except IntegrityError:
            continue
        try:
            notify.digest_mail(user=user, day=day, reviews=reviews, steps=steps).send()
        except Exception as error:  # recorded in the log; tomorrow's digest tries again
            logger.warning("Digest for user %s failed: %s", user.pk, type(error).__name__)
            continue
        sent += 1
    return sent


@task()
def send_reminders_task(now: str | None = None) -> dict[str, int]:
    """The periodic job: reminders due and the staff digests (`now` as ISO 8601 for tests)."""
    moment = dt.datetime.fromisoformat(now) if now else None
    return send_due_reminders(now=moment).as_dict()
