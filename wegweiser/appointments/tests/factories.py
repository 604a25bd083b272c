from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from wegweiser.accounts.tests.factories import OrganisationFactory
from wegweiser.appointments.models import (
    Appointment,
    AppointmentPerson,
    ContactConsent,
    Interpreter,
    Room,
)
from wegweiser.core.tests.factories import AuditedFactory


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Raum {n + 1}")


class InterpreterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interpreter

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="de_DE")
    languages = factory.LazyFunction(lambda: ["ar"])
    contact = "+49 641 555 0100"


def in_days(days: float, hour: int = 10) -> dt.datetime:
    """A moment `days` from today at `hour` o'clock, local time."""
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class AppointmentFactory(AuditedFactory):
    """An individual consultation of `case` with its caseworker; pass case=... ."""

    class Meta:
        model = Appointment
        skip_postgeneration_save = True

    kind = Appointment.Kind.CONSULTATION
    starts_at = factory.LazyFunction(lambda: in_days(3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=1))
    place = Appointment.Place.PHONE
    team = factory.LazyAttribute(lambda o: o.case.team)
    caseworker = factory.LazyAttribute(lambda o: o.case.caseworker)
    created_by = factory.LazyAttribute(lambda o: o.case.caseworker)

    @factory.post_generation
    def invite(obj: Any, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        persons = extracted if extracted is not None else ([obj.case.person] if obj.case else [])
        for person in persons:
            AppointmentPersonFactory(appointment=obj, person=person)


class AppointmentPersonFactory(AuditedFactory):
    class Meta:
        model = AppointmentPerson


class ContactConsentFactory(AuditedFactory):
    class Meta:
        model = ContactConsent

    channel = "email"
    given_on = dt.date(2025, 3, 1)
