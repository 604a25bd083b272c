from __future__ import annotations

import datetime as dt

import factory

from wegweiser.cases.models import Case, NextStep, Note, Orientation
from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.people.tests.factories import PersonFactory


class CaseFactory(AuditedFactory):
    class Meta:
        model = Case

    person = factory.SubFactory(PersonFactory)
    status = Case.Status.ACTIVE
    legal_domain = Case.LegalDomain.SGB_II
    opened_on = dt.date(2024, 2, 1)


class OrientationFactory(AuditedFactory):
    class Meta:
        model = Orientation

    case = factory.SubFactory(CaseFactory)
    health_limitations = "Rückenleiden, kein schweres Heben"
    german_level = "A2"
    german_source = Orientation.GermanSource.SELF_ASSESSED


class NoteFactory(AuditedFactory):
    class Meta:
        model = Note

    case = factory.SubFactory(CaseFactory)
    channel = Note.Channel.IN_PERSON
    summary = "Beratung zum Integrationskurs."


class NextStepFactory(AuditedFactory):
    class Meta:
        model = NextStep

    case = factory.SubFactory(CaseFactory)
    description = "Anmeldung Integrationskurs prüfen"
    due_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=3))
