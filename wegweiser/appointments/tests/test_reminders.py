"""Reminders and invitations through a real SMTP server in the test process (aiosmtpd), the SMS
gateway through a real HTTP server, and the staff digest."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from wegweiser.appointments import services
from wegweiser.appointments.models import Reminder
from wegweiser.appointments.reminders import send_due_reminders, send_reminders_task
from wegweiser.appointments.tests.factories import (
    AppointmentFactory,
    ContactConsentFactory,
)
from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory
from wegweiser.letters.formats import format_date
from wegweiser.people.models import detect_script

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield mailbox
    finally:
        controller.stop()


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def _ics(message: EmailMessage) -> Calendar:
    attachments = [
        part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"
    ]
    assert len(attachments) == 1
    content = attachments[0].get_content()
    return Calendar.from_ical(content if isinstance(content, bytes) else content.encode())


@pytest.fixture
def person_ar(case, caseworker):
    person = case.person
    person.email = "amal@example.org"
    person.phone = "+49 641 555 0199"
    person.letter_language = "ar"
    return person


def _save(person):
    from django.db import transaction

    from wegweiser.core.audit import acting_as

    with transaction.atomic(), acting_as(None):
        person.save()


def test_reminder_arrives_in_the_persons_language_and_german_with_the_ics(
    smtp, case, caseworker, person_ar
):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    now = timezone.now()
    appointment = AppointmentFactory(
        case=case, starts_at=now.replace(microsecond=0) + dt.timedelta(hours=47)
    )
    result = send_due_reminders(now=now)
    assert result.sent == 1
    assert smtp.recipients == [["amal@example.org"]]
    message = smtp.messages[0]
    body = _body(message)
    arabic, german = body.split("— Deutsch —")
    assert detect_script(arabic) == "Arab"
    local = timezone.localtime(appointment.starts_at)
    assert local.strftime("%H:%M") in arabic and local.strftime("%H:%M") in german
    assert format_date(local.date(), "de") in german
    assert detect_script(message["Subject"].split(" / ")[0]) == "Arab"
    event = _ics(message).walk("VEVENT")[0]
    assert event.decoded("dtstart") == appointment.starts_at
    assert event.decoded("dtend") == appointment.ends_at
    reminder = Reminder.objects.get()
    assert (reminder.channel, reminder.offset_minutes, reminder.status) == ("email", 2880, "sent")
    assert reminder.sent_at is not None


def test_nothing_is_sent_twice_when_the_run_is_repeated_or_restarted(
    smtp, case, caseworker, person_ar
):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    now = timezone.now()
    AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=30))
    send_due_reminders(now=now)
    send_due_reminders(now=now + dt.timedelta(minutes=5))
    send_reminders_task.enqueue(now=(now + dt.timedelta(minutes=10)).isoformat())
    assert len(smtp.messages) == 1
    # two hours before: the second reminder, once
    send_due_reminders(now=now + dt.timedelta(hours=28, minutes=30))
    send_due_reminders(now=now + dt.timedelta(hours=29))
    assert len(smtp.messages) == 2
    assert sorted(Reminder.objects.values_list("offset_minutes", flat=True)) == [120, 2880]


def test_a_claimed_reminder_whose_sending_was_interrupted_is_not_sent_again(
    smtp, case, caseworker, person_ar
):
    """A worker killed between claim and sending leaves the row: never a second mail."""
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    now = timezone.now()
    appointment = AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    from django.db import transaction

    from wegweiser.core.audit import acting_as

    with transaction.atomic(), acting_as(None):
        Reminder.objects.create(
            appointment=appointment,
            person=person_ar,
            channel="email",
            offset_minutes=120,
            status=Reminder.Status.SENDING,
        )
    send_due_reminders(now=now)
    assert smtp.messages == []


def test_nothing_is_sent_without_consent_or_address(smtp, case, caseworker, team, person_ar):
    _save(person_ar)
    now = timezone.now()
    AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    no_address = CaseFactory(team=team, caseworker=caseworker)
    ContactConsentFactory(person=no_address.person, channel="email", recorded_by=caseworker)
    AppointmentFactory(case=no_address, starts_at=now + dt.timedelta(hours=1, minutes=30))
    withdrawn = CaseFactory(team=team, caseworker=caseworker)
    withdrawn.person.email = "w@example.org"
    _save(withdrawn.person)
    consent = ContactConsentFactory(
        person=withdrawn.person, channel="email", recorded_by=caseworker
    )
    services.contact_consent_withdraw(actor=caseworker, consent=consent)
    AppointmentFactory(case=withdrawn, starts_at=now + dt.timedelta(minutes=50))
    result = send_due_reminders(now=now)
    assert smtp.messages == []
    assert result.sent == 0
    statuses = dict(Reminder.objects.values_list("person_id", "status"))
    assert statuses == {
        person_ar.pk: "no_consent",
        no_address.person_id: "no_address",
        withdrawn.person_id: "no_consent",
    }


def test_cancelled_or_past_appointments_get_no_reminder(smtp, case, caseworker, person_ar):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    now = timezone.now()
    cancelled = AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    services.appointment_set_outcome(
        actor=caseworker, appointment=cancelled, outcome="cancelled_person"
    )
    AppointmentFactory(case=case, starts_at=now - dt.timedelta(hours=1))
    send_due_reminders(now=now)
    assert smtp.messages == []


def test_invitation_by_email_from_the_appointment_page(smtp, client, case, caseworker, person_ar):
    person_ar.letter_language = "uk"
    _save(person_ar)
    appointment = AppointmentFactory(case=case)
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    url = reverse("appointments:send_email", args=[appointment.pk])
    response = client.post(url, {"person": person_ar.pk})
    assert response.status_code == 422
    assert "nicht zugestimmt, per E-Mail kontaktiert zu werden" in str(
        response.context["send_form"].errors["person"]
    )
    assert smtp.messages == []
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    response = client.post(url, {"person": person_ar.pk})
    assert response.status_code == 302
    message = smtp.messages[0]
    ukrainian, german = _body(message).split("— Deutsch —")
    assert detect_script(ukrainian) == "Cyrl"
    assert format_date(timezone.localdate(appointment.starts_at), "de") in german
    assert _ics(message).walk("VEVENT")[0].decoded("dtstart") == appointment.starts_at


def test_invitation_to_a_person_without_email_is_refused_at_the_field(
    smtp, client, case, caseworker
):
    ContactConsentFactory(person=case.person, channel="email", recorded_by=caseworker)
    appointment = AppointmentFactory(case=case)
    client.force_login(caseworker)
    response = client.post(
        reverse("appointments:send_email", args=[appointment.pk]), {"person": case.person_id}
    )
    assert response.status_code == 422
    assert "has no e-mail address" in str(response.context["send_form"].errors["person"])
    assert smtp.messages == []


class Gateway(BaseHTTPRequestHandler):
    received: list[tuple[str, dict[str, str]]] = []
    status = 202

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        Gateway.received.append(
            (self.headers["Authorization"], json.loads(self.rfile.read(length)))
        )
        self.send_response(Gateway.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    Gateway.received = []
    Gateway.status = 202
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sms"
    server.shutdown()


def test_sms_goes_through_the_configured_gateway_once(smtp, gateway, case, caseworker, person_ar):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="sms", recorded_by=caseworker)
    now = timezone.now()
    AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    with override_settings(
        WEGWEISER_SMS_BACKEND="wegweiser.appointments.sms.HttpGatewayBackend",
        WEGWEISER_SMS_GATEWAY_URL=gateway,
        WEGWEISER_SMS_GATEWAY_TOKEN="secret-token",
    ):
        send_due_reminders(now=now)
        send_due_reminders(now=now + dt.timedelta(minutes=5))
    assert len(Gateway.received) == 1
    authorization, payload = Gateway.received[0]
    assert authorization == "Bearer secret-token"
    assert payload["to"] == "+49 641 555 0199"
    assert detect_script(payload["text"]) == "Arab"
    assert smtp.messages == []  # no e-mail consent
    assert Reminder.objects.get(channel="sms").status == "sent"


def test_no_sms_is_attempted_without_a_configured_gateway(smtp, case, caseworker, person_ar):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="sms", recorded_by=caseworker)
    now = timezone.now()
    AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    send_due_reminders(now=now)
    assert not Reminder.objects.filter(channel="sms").exists()


def test_staff_digest_lists_due_steps_once_a_day_without_names(smtp, case, caseworker):
    caseworker.email = "cw@zentrum.example"
    caseworker.save()
    NextStepFactory(case=case, owner=caseworker, due_on=timezone.localdate())
    morning = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(8)))
    send_due_reminders(now=morning)
    send_due_reminders(now=morning + dt.timedelta(hours=2))
    assert smtp.recipients == [["cw@zentrum.example"]]
    body = _body(smtp.messages[0])
    assert str(case.person_id) in body
    assert case.person.family_name_latin not in body


def test_reminders_command_runs_once_at_the_given_moment(smtp, case, caseworker, person_ar):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="email", recorded_by=caseworker)
    appointment = AppointmentFactory(case=case)
    moment = (appointment.starts_at - dt.timedelta(hours=1)).isoformat()
    out = StringIO()
    call_command("reminders", "send", "--now", moment, stdout=out)
    assert "reminders sent: 1" in out.getvalue()
    assert len(smtp.messages) == 1


def test_a_refused_sms_is_recorded_as_failed_and_not_retried(
    smtp, gateway, case, caseworker, person_ar
):
    _save(person_ar)
    ContactConsentFactory(person=person_ar, channel="sms", recorded_by=caseworker)
    now = timezone.now()
    AppointmentFactory(case=case, starts_at=now + dt.timedelta(hours=1))
    Gateway.status = 503
    with override_settings(
        WEGWEISER_SMS_BACKEND="wegweiser.appointments.sms.HttpGatewayBackend",
        WEGWEISER_SMS_GATEWAY_URL=gateway,
        WEGWEISER_SMS_GATEWAY_TOKEN="secret-token",
    ):
        result = send_due_reminders(now=now)
        send_due_reminders(now=now + dt.timedelta(minutes=5))
    assert result.failed == 1
    assert len(Gateway.received) == 1
    reminder = Reminder.objects.get(channel="sms")
    assert (reminder.status, reminder.detail, reminder.sent_at) == ("failed", "SmsError", None)
