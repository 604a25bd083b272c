"""Generated demo persons are indexed like persons saved through the services."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.accounts.models import User
from wegweiser.demo.generator import generate
from wegweiser.people.models import NameKey, Person
from wegweiser.people.name_keys import keys_for, query_record
from wegweiser.people.selectors import identity_search


@pytest.mark.django_db
def test_generated_persons_have_the_same_keys_as_the_services_would_store():
    generate(persons=60, seed=3, today=dt.date(2026, 11, 30))
    for person in Person.objects.all()[:20]:
        stored = set(NameKey.objects.filter(person=person).values_list("key", flat=True))
        assert stored == set(keys_for(person))


@pytest.mark.django_db
def test_a_generated_arabic_name_is_found_from_its_original_script():
    generate(persons=120, seed=5, today=dt.date(2026, 11, 30))
    person = Person.objects.filter(original_script="Arab").first()
    assert person is not None
    user = User.objects.filter(role=User.Role.CASEWORKER).first()
    assert user is not None
    record = query_record(
        given_names_original=person.given_names_original,
        family_name_original=person.family_name_original,
        date_of_birth=person.date_of_birth,
    )
    hits = identity_search(user=user, record=record)
    assert person in [hit.person for hit in hits[:3]]


@pytest.mark.django_db
def test_a_large_load_rebuilds_the_unique_key_index(monkeypatch):
    from django.db import IntegrityError, transaction

    import wegweiser.demo.generator as generator

    monkeypatch.setattr(generator, "DEFER_INDEX_FROM", 1)
    generate(persons=30, seed=8, today=dt.date(2026, 11, 30))
    existing = NameKey.objects.first()
    assert existing is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        NameKey.objects.create(person_id=existing.person_id, key=existing.key)
