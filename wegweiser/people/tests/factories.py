from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from wegweiser.accounts.tests.factories import OrganisationFactory, UserFactory
from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.people.models import Consent, DuplicatePair, Person, ResidenceStatus


class PersonFactory(AuditedFactory):
    class Meta:
        model = Person

    organisation = factory.SubFactory(OrganisationFactory)
    given_names_latin = factory.Faker("first_name", locale="de_DE")
    family_name_latin = factory.Faker("last_name", locale="de_DE")
    date_of_birth = dt.date(1990, 5, 17)
    sex = Person.Sex.FEMALE
    nationalities = ["SY"]

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        """With the index keys the person services keep (the name search reads them)."""
        from wegweiser.people.name_keys import refresh_name_keys

        person = super()._create(model_class, *args, **kwargs)
        refresh_name_keys(person)
        return person


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


class DuplicatePairFactory(AuditedFactory):
    """A possible duplicate; pass the two persons as person_low / person_high (lower id first)."""

    class Meta:
        model = DuplicatePair

    organisation = factory.LazyAttribute(lambda o: o.person_low.organisation)
    probability = 0.93
    match_weight = 3.8
    field_weights = factory.LazyFunction(
        lambda: {
            "name": {"level": "spelling_variant", "weight": 13.2},
            "dob": {"level": "placeholder_same_year", "weight": 5.3},
        }
    )


def duplicate_pair(first: Any, second: Any, **kwargs: Any) -> Any:
    low, high = sorted((first, second), key=lambda p: p.pk)
    return DuplicatePairFactory(person_low=low, person_high=high, **kwargs)


def merged_pair(survivor: Person, actor: Any) -> Any:
    """A merge of a fresh person into ``survivor`` (for pages about a merge)."""
    from wegweiser.people.merging import fingerprint, person_merge

    other: Any = PersonFactory(organisation=survivor.organisation, family_name_latin="Zweitakte")
    pair = duplicate_pair(survivor, other)
    low, high = sorted((survivor, other), key=lambda p: p.pk)
    return person_merge(
        actor=actor, pair=pair, survivor=survivor, values={}, seen=fingerprint(low, high)
    )
