from __future__ import annotations

import datetime as dt

import factory

from wegweiser.accounts.models import Organisation
from wegweiser.accounts.tests.factories import OrganisationFactory, UserFactory
from wegweiser.core.tests.factories import AuditedFactory, MunicipalityFactory
from wegweiser.courses.models import (
    Course,
    CourseKind,
    CourseLocation,
    Enrolment,
    Entitlement,
    LevelRecord,
    WaitingEntry,
)
from wegweiser.people.tests.factories import PersonFactory


def in_days(days: int) -> dt.date:
    return dt.date.today() + dt.timedelta(days=days)


class ProviderFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Sprachschule {n}")  # type: ignore[assignment]
    kind = Organisation.Kind.COURSE_PROVIDER


class CourseLocationFactory(AuditedFactory):
    class Meta:
        model = CourseLocation

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Lernzentrum {n}")
    street = "Bahnhofstraße 1"
    municipality = factory.SubFactory(MunicipalityFactory, name="Gießen")


class CourseFactory(AuditedFactory):
    class Meta:
        model = Course

    location = factory.SubFactory(CourseLocationFactory)
    provider = factory.SelfAttribute("location.provider")
    kind = CourseKind.INTEGRATION_GENERAL
    title = factory.Sequence(lambda n: f"Integrationskurs {n}")
    bamf_number = factory.Sequence(lambda n: f"226/{n:05d}")
    starts_on = factory.LazyFunction(lambda: in_days(30))
    ends_on = factory.LazyFunction(lambda: in_days(300))
    time_of_day = "morning"
    weekdays = "12345"
    units = 700
    seats = 20
    childcare = False
    entry_level = ""
    target_level = "B1"


class EntitlementFactory(AuditedFactory):
    class Meta:
        model = Entitlement

    person = factory.SubFactory(PersonFactory)
    kind = Entitlement.Kind.INTEGRATION_ENTITLED
    issuer = Entitlement.Issuer.BAMF
    issued_on = factory.LazyFunction(lambda: in_days(-60))
    valid_until = factory.LazyFunction(lambda: in_days(700))


class WaitingEntryFactory(AuditedFactory):
    class Meta:
        model = WaitingEntry

    person = factory.SubFactory(PersonFactory)
    kind = CourseKind.INTEGRATION_GENERAL
    municipality = factory.SubFactory(MunicipalityFactory, name="Gießen")
    registered_on = factory.LazyFunction(lambda: in_days(-90))


class EnrolmentFactory(AuditedFactory):
    class Meta:
        model = Enrolment

    person = factory.SubFactory(PersonFactory)
    course = factory.SubFactory(CourseFactory)
    status = Enrolment.Status.OFFERED
    offered_on = factory.LazyFunction(lambda: in_days(-10))
    status_changed_on = factory.LazyFunction(lambda: in_days(-10))


class LevelRecordFactory(AuditedFactory):
    class Meta:
        model = LevelRecord

    person = factory.SubFactory(PersonFactory)
    level = "A1"
    assessed_on = factory.LazyFunction(lambda: in_days(-30))
    source = LevelRecord.Source.PLACEMENT_TEST
    test_name = "Einstufungstest"
    recorded_by = factory.SubFactory(UserFactory)
