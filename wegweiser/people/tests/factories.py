from __future__ import annotations

import datetime as dt

import factory

from wegweiser.accounts.tests.factories import OrganisationFactory, UserFactory
from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.people.models import Consent, Person, ResidenceStatus


class PersonFactory(AuditedFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    given_names_latin = factory.Faker("first_name", locale="de_DE")
    family_name_latin = factory.Faker("last_name", locale="de_DE")
    date_of_birth = dt.date(1990, 5, 17)
    sex = Person.Sex.FEMALE
    nationalities = ["SY"]


class ResidenceStatusFactory(AuditedFactory):
    class Meta:
        model = ResidenceStatus

    person = factory.SubFactory(PersonFactory)
    title = ResidenceStatus.Title.PROTECTION
    valid_from = dt.date(2024, 1, 1)
    valid_until = dt.date(2027, 1, 1)
    work_permission = ResidenceStatus.WorkPermission.ALLOWED


class ConsentFactory(AuditedFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = Consent.Purpose.COURSE_REFERRAL
    scope = "Name, Sprachniveau"
    recipient = factory.SubFactory(OrganisationFactory, name="Sprachschule Test")
    legal_basis = Consent.LegalBasis.CONSENT
    given_on = dt.date(2025, 3, 1)
    recorded_by = factory.SubFactory(UserFactory)
