"""The audit invariants: no change without its entry, entries without content, append-only."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.urls import reverse

from wegweiser.core.audit import AuditContextMissing, acting_as
from wegweiser.core.models import AppendOnlyError, AuditEntry
from wegweiser.people.models import Person
from wegweiser.people.services import person_create, person_update


@pytest.fixture
def person_data():
    return {
        "given_names_latin": "Ahmad",
        "family_name_latin": "Al-Hassan",
        "given_names_original": "أحمد",
        "family_name_original": "الحسن",
        "date_of_birth": "1991-01-01",
        "dob_placeholder": True,
    }


@pytest.mark.django_db
def test_creating_a_person_writes_an_audit_entry_with_field_names_only(caseworker, person_data):
    person = person_create(actor=caseworker, **person_data)
    entry = AuditEntry.objects.get(object_type="people.person", action="create")
    assert entry.actor == caseworker
    assert entry.actor_role == "caseworker"
    assert entry.person_id == person.pk
    assert "family_name_latin" in entry.fields
    dumped = str(entry.fields) + str(entry.object_ids) + entry.purpose + entry.object_id
    assert "Hassan" not in dumped and "الحسن" not in dumped


@pytest.mark.django_db
def test_update_records_exactly_the_changed_fields(caseworker, person_data):
    person = person_create(actor=caseworker, **person_data)
    person_update(actor=caseworker, person=person, data={"phone": "+49 641 123456"})
    entry = AuditEntry.objects.filter(action="update", object_type="people.person").get()
    assert entry.fields == ["phone"]


@pytest.mark.django_db
def test_save_without_an_actor_is_refused_and_nothing_is_written():
    from wegweiser.accounts.tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    person = Person(organisation=organisation, given_names_latin="A", family_name_latin="B")
    with pytest.raises(AuditContextMissing):
        person.save()
    assert not Person.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_save_outside_a_transaction_is_refused(caseworker):
    person = Person(
        organisation_id=caseworker.organisation_id,
        given_names_latin="A",
        family_name_latin="B",
    )
    with acting_as(caseworker), pytest.raises(AuditContextMissing):
        person.save()
    assert not Person.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_audit_write_rolls_the_change_back(caseworker, person_data, monkeypatch):
    def broken(self, *args, **kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr(AuditEntry, "save", broken)
    with pytest.raises(DatabaseError):
        person_create(actor=caseworker, **person_data)
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted_through_the_orm(caseworker, person_data):
    person_create(actor=caseworker, **person_data)
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.purpose = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().update(purpose="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.django_db
def test_audit_entries_cannot_be_changed_or_deleted_with_raw_sql(caseworker, person_data):
    person_create(actor=caseworker, **person_data)
    for statement in ("UPDATE core_auditentry SET purpose = 'x'", "DELETE FROM core_auditentry"):
        with (
            pytest.raises((IntegrityError, DatabaseError)),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditEntry.objects.filter(purpose="x").count() == 0
    assert AuditEntry.objects.count() > 0


@pytest.mark.django_db
def test_viewing_a_person_page_writes_a_read_entry(client, caseworker, case):
    client.force_login(caseworker)
    client.get(reverse("people:detail", args=[case.person_id]))
    entry = AuditEntry.objects.filter(
        action="read", person_id=case.person_id, purpose="person_view"
    ).get()
    assert entry.actor == caseworker
    assert entry.purpose == "person_view"
    assert entry.client_address == "127.0.0.1"


@pytest.mark.django_db
def test_refused_page_writes_no_read_entry(client, other_caseworker, case):
    client.force_login(other_caseworker)
    response = client.get(reverse("people:detail", args=[case.person_id]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="read", person_id=case.person_id).exists()


@pytest.mark.django_db
def test_search_results_are_logged_with_the_ids_shown(client, caseworker, case, other_team_case):
    client.force_login(caseworker)
    client.get(reverse("people:search"))
    entry = AuditEntry.objects.filter(action="list", object_type="people.person").get()
    assert entry.object_ids == [case.person_id]


@pytest.mark.django_db
def test_auditor_can_filter_the_log_by_person(client, auditor, caseworker, case):
    client.force_login(caseworker)
    client.get(reverse("people:detail", args=[case.person_id]))
    client.force_login(auditor)
    response = client.get(reverse("core:audit"), {"person_id": case.person_id, "action": "read"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "person page opened" in html  # the purpose in words, not its code
    assert caseworker.username in html


@pytest.mark.django_db
def test_newline_in_a_name_cannot_forge_an_audit_line(caseworker):
    person = person_create(
        actor=caseworker,
        given_names_latin="Eve\naction=delete",
        family_name_latin="X",
        dob_precision="unknown",
    )
    entries = AuditEntry.objects.filter(person_id=person.pk)
    assert all("\n" not in str(e.fields) for e in entries)


@pytest.mark.django_db
def test_records_of_a_person_are_logged_under_that_person(caseworker, case):
    import datetime as dt

    from wegweiser.people.services import residence_status_add

    residence_status_add(
        actor=caseworker,
        person=case.person,
        title="s24",
        valid_from=dt.date(2025, 1, 1),
        work_permission="allowed",
    )
    entry = AuditEntry.objects.get(object_type="people.residencestatus", action="create")
    assert entry.person_id == case.person_id
