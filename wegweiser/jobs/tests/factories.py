from __future__ import annotations

import datetime as dt

import factory

from wegweiser.accounts.models import Organisation
from wegweiser.accounts.tests.factories import OrganisationFactory
from wegweiser.core.tests.factories import AuditedFactory, MunicipalityFactory
from wegweiser.jobs.models import Duration, Employer, Experience, Hours, Vacancy
from wegweiser.people.tests.factories import PersonFactory
from wegweiser.recognition.tests.factories import OccupationFactory


class EmployerFactory(AuditedFactory):
    class Meta:
        model = Employer

    organisation = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Logistik Lahn {n} GmbH"),
        kind=Organisation.Kind.EMPLOYER,
    )
    sector = "H"
    municipality = factory.SubFactory(
        MunicipalityFactory, name="Gießen", latitude=50.58, longitude=8.68
    )


class VacancyFactory(AuditedFactory):
    class Meta:
        model = Vacancy

    employer = factory.SubFactory(EmployerFactory)
    municipality = factory.LazyAttribute(lambda o: o.employer.municipality)
    title = "Lagerhelfer (m/w/d)"
    occupation = factory.SubFactory(OccupationFactory)
    german_level = "A2"
    hours = Hours.FULL_TIME
    starts_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=14))
    duration = Duration.PERMANENT
    created_by = factory.SubFactory("wegweiser.accounts.tests.factories.UserFactory")


class ExperienceFactory(AuditedFactory):
    class Meta:
        model = Experience

    person = factory.SubFactory(PersonFactory)
    title = "warehouse worker"
    occupation = factory.SubFactory(OccupationFactory)
    years = 3
