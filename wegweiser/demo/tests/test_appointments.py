"""The demo appointments: past ones with outcomes (some missed), the coming two weeks, some with
interpreters, no double booking, contact consents for part of the persons."""

from __future__ import annotations

from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.appointments.models import Appointment, ContactConsent, Interpreter, Room
from wegweiser.appointments.reminders import send_due_reminders
from wegweiser.appointments.selectors import conflicts
from wegweiser.demo.appointments import ensure_demo_appointments
from wegweiser.demo.generator import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    today = timezone.localdate()
    generate(persons=300, seed=4, today=today)
    assert ensure_demo_appointments(seed=4, today=today)
    return today


def test_demo_appointments_are_varied_and_never_double_booked(demo):
    assert not ensure_demo_appointments(seed=4, today=demo)  # a second run adds nothing
    now = timezone.now()
    past = Appointment.objects.filter(starts_at__lt=now)
    outcomes = Counter(past.values_list("outcome", flat=True))
    assert outcomes["kept"] > outcomes["missed"] > 0
    assert outcomes[""] == 0
    upcoming = Appointment.objects.filter(starts_at__gte=now)
    assert upcoming.filter(outcome="").count() == upcoming.count() > 0
    assert Appointment.objects.filter(interpreter__isnull=False).exists()
    assert Appointment.objects.filter(kind="group_session", case__isnull=True).exists()
    assert Room.objects.count() == 4 and Interpreter.objects.count() == 6
    assert ContactConsent.objects.filter(channel="email").exists()
    for appointment in Appointment.objects.active().select_related("caseworker", "room"):
        assert not conflicts(
            caseworker=appointment.caseworker,
            starts_at=appointment.starts_at,
            ends_at=appointment.ends_at,
            room=appointment.room,
            interpreter=appointment.interpreter,
            exclude_pk=appointment.pk,
        )


def test_demo_caseworker_sees_the_week_and_reminders_go_to_the_mail_output(
    demo, client, mailoutbox
):
    caseworker = User.objects.get(username="caseworker.a")
    client.force_login(caseworker)
    page = client.get(reverse("appointments:week")).content.decode()
    assert reverse("appointments:detail", args=[0]).rstrip("0/") in page
    result = send_due_reminders()
    # Reminders to persons, and after the digest hour the staff digests too.
    assert result.sent + result.digests == len(mailoutbox)
