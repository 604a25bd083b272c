"""Retention run and erasure requests: a planted name is gone from every table afterwards,
held cases stay, a dry run changes nothing, the statistics count the same."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.cases.models import Case, NextStep, Note
from wegweiser.cases.tests.factories import NextStepFactory, NoteFactory
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.gdpr.models import Erasure, LegalHold
from wegweiser.gdpr.retention import retention_days, retention_plan, retention_run
from wegweiser.gdpr.services import legal_hold_set, person_erase
from wegweiser.jobs.services import placement_create
from wegweiser.people.models import NameSpelling, Person
from wegweiser.people.tests.factories import ResidenceStatusFactory
from wegweiser.reporting.selectors import SupplyDemandFilters, placement_outcomes, supply_demand

GIVEN, FAMILY = "Quendolina", "Xarbakowski"
GIVEN_CYRILLIC = "Квендоліна"
NEEDLES = [GIVEN.lower(), FAMILY.lower(), GIVEN_CYRILLIC.lower()]
LONG_AGO = dt.date.today() - dt.timedelta(days=6 * 365)


def tables_containing(needles: list[str]) -> dict[str, int]:
    """Every row of every table, every column as text: where does any needle appear?"""
    found: dict[str, int] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row).lower()
                if any(needle in text for needle in needles):
                    found[table] = found.get(table, 0) + 1
    return found


def _close(case: Case, on: dt.date) -> None:
    case.status, case.closing_reason, case.closed_on = Case.Status.CLOSED, "moved", on
    case.opened_on = on - dt.timedelta(days=400)
    with transaction.atomic(), acting_as(None):
        case.save()


def plant(subject: Person, caseworker: User) -> Person:
    """The subject of the subject-access tests, renamed to a name found nowhere else, with that
    name written into free text across the file."""
    person = subject
    person.given_names_latin, person.family_name_latin = GIVEN, FAMILY
    person.given_names_original = GIVEN_CYRILLIC
    person.email, person.phone, person.street = "quendolina@example.org", "0641 12345", "Weg 1"
    case = person.case
    with transaction.atomic(), acting_as(None):
        person.save()
        NameSpelling.objects.create(
            person=person, given_names=GIVEN_CYRILLIC, family_name="Ксарбаковскі", script="Cyrl"
        )
        orientation = case.orientation
        orientation.goals = f"{GIVEN} möchte Pflegefachfrau werden."
        orientation.save()
        consent = person.consents.all()[0]
        consent.scope = f"Lebenslauf von {GIVEN} {FAMILY}"
        consent.save()
    ResidenceStatusFactory(person=person, note=f"Bescheid für {FAMILY}")
    note = NoteFactory(case=case, author=caseworker, summary=f"{GIVEN} {FAMILY} kam pünktlich.")
    NextStepFactory(case=case, note=note, owner=caseworker, description=f"{FAMILY} anrufen")
    vacancy = person.job_proposals.all()[0].vacancy
    placement_create(
        actor=caseworker,
        person=person,
        employer=vacancy.employer,
        occupation=vacancy.occupation,
        starts_on=LONG_AGO - dt.timedelta(days=30),
        contract="permanent",
        hours="full_time",
    )
    case.refresh_from_db()
    _close(case, LONG_AGO)
    return person


def statistics(team_lead: User) -> tuple[object, ...]:
    return (
        placement_outcomes(user=team_lead),
        supply_demand(user=team_lead, filters=SupplyDemandFilters()).people_wait,
        sorted(Case.objects.values_list("status", "closing_reason", "opened_on", "closed_on")),
    )


@pytest.mark.django_db
def test_retention_run_leaves_no_trace_of_the_name_and_the_counts_stay(
    subject, caseworker, team_lead
):
    person = plant(subject, caseworker)
    before = tables_containing(NEEDLES)
    assert {"people_person", "cases_note", "people_namespelling", "cases_orientation"} <= set(
        before
    )
    counts_before = statistics(team_lead)

    plan = retention_run()

    assert person.pk in plan.persons
    assert tables_containing(NEEDLES) == {}
    assert statistics(team_lead) == counts_before
    person.refresh_from_db()
    assert person.date_of_birth is None and person.email == ""
    erasure = Erasure.objects.get(person_number=person.pk)
    assert erasure.reason == "retention" and erasure.performed_by is None
    assert erasure.counts["cases.note"] == 2 and erasure.counts["people.person"] == 1
    run_entry = AuditEntry.objects.get(object_type="gdpr.retentionrun")
    assert run_entry.object_ids == [erasure.pk]
    assert Person.objects.filter(pk=person.pk).exists()  # the anonymous row stays for counting


@pytest.mark.django_db
def test_a_held_case_is_left_alone(subject, caseworker, team_lead):
    person = plant(subject, caseworker)
    legal_hold_set(actor=team_lead, case=person.case, reason="Klage vor dem Sozialgericht")

    plan = retention_run()

    assert plan.held_cases == [person.case.pk] and plan.persons == []
    person.refresh_from_db()
    assert person.family_name_latin == FAMILY
    assert Note.objects.filter(case=person.case).count() == 2
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_dry_run_changes_nothing(subject, caseworker):
    person = plant(subject, caseworker)
    entries = AuditEntry.objects.count()
    before = tables_containing(NEEDLES)

    call_command("gdpr", "retention", "--dry-run")
    plan = retention_run(dry_run=True)

    assert plan.persons == [person.pk]
    assert tables_containing(NEEDLES) == before
    assert AuditEntry.objects.count() == entries
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_notes_go_earlier_than_the_file(case, caseworker):
    note = NoteFactory(case=case, author=caseworker, summary="Notiz")
    NextStepFactory(case=case, note=note, owner=caseworker)
    _close(case, dt.date.today() - dt.timedelta(days=3 * 365))

    plan = retention_run()

    assert plan.persons == [] and len(plan.notes) == 1
    assert not Note.objects.filter(case=case).exists()
    assert not NextStep.objects.filter(case=case).exists()
    assert not Erasure.objects.exists()
    case.person.refresh_from_db()
    assert case.person.family_name_latin != "—"


@pytest.mark.django_db
def test_a_recently_closed_case_is_not_due(case):
    _close(case, dt.date.today() - dt.timedelta(days=30))
    assert retention_plan().persons == []


@override_settings(WEGWEISER_RETENTION_DAYS={"closed_case": 10}, WEGWEISER_AUDIT_RETENTION_DAYS=5)
def test_periods_come_from_one_place_with_overrides():
    days = retention_days()
    assert days["closed_case"] == 10 and days["audit"] == 5 and days["note"] == 730


# --- erasure on request, by a team lead --------------------------------------------------------


@pytest.mark.django_db
def test_team_lead_erases_a_closed_file_on_request_and_gets_a_receipt(
    client, subject, caseworker, team_lead
):
    person = plant(subject, caseworker)
    client.force_login(team_lead)
    page = client.get(reverse("gdpr:erase", args=[person.pk]))
    assert page.status_code == 200
    assert "Erase the file now" in page.content.decode()

    response = client.post(reverse("gdpr:erase", args=[person.pk]), {"confirm": "on"})

    erasure = Erasure.objects.get(person_number=person.pk)
    assert response.status_code == 302
    assert response.url == reverse("gdpr:erasure_receipt", args=[erasure.pk])
    receipt = client.get(response.url).content.decode()
    assert "request of the person" in receipt
    assert str(person.pk) in receipt
    assert not any(needle in receipt.lower() for needle in NEEDLES)
    assert tables_containing(NEEDLES) == {}
    assert erasure.performed_by == team_lead
    assert AuditEntry.objects.filter(
        object_type="gdpr.erasure", action="create", actor=team_lead, person_id=person.pk
    ).exists()


@pytest.mark.django_db
def test_erasure_without_confirmation_changes_nothing(client, subject, caseworker, team_lead):
    person = plant(subject, caseworker)
    client.force_login(team_lead)
    response = client.post(reverse("gdpr:erase", args=[person.pk]), {})
    assert response.status_code == 422
    assert "Confirm that the file may be erased." in response.content.decode()
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_an_open_case_is_not_erased(client, case, team_lead):
    client.force_login(team_lead)
    response = client.post(reverse("gdpr:erase", args=[case.person_id]), {"confirm": "on"})
    assert response.status_code == 422
    assert "close it before erasing" in response.content.decode()
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_caseworker_cannot_erase_and_other_team_lead_sees_nothing(
    client, subject, caseworker, other_team
):
    person = plant(subject, caseworker)
    client.force_login(caseworker)
    assert client.post(reverse("gdpr:erase", args=[person.pk]), {"confirm": "on"}).status_code == (
        403
    )
    other_lead = UserFactory(username="lead2", role=User.Role.TEAM_LEAD, teams=[other_team])
    client.force_login(other_lead)
    assert client.post(reverse("gdpr:erase", args=[person.pk]), {"confirm": "on"}).status_code == (
        404
    )
    assert not Erasure.objects.exists()


@pytest.mark.django_db
def test_team_lead_sets_and_lifts_a_legal_hold_audited(client, case, caseworker, team_lead):
    _close(case, LONG_AGO)
    client.force_login(caseworker)
    url = reverse("gdpr:legal_hold", args=[case.pk])
    assert client.post(url, {"reason": "Klage"}).status_code == 403
    client.force_login(team_lead)
    assert client.post(url, {"reason": ""}).status_code == 422
    assert client.post(url, {"reason": "Klage Az. S 12 AS 345/26"}).status_code == 302
    hold = LegalHold.objects.get(case=case)
    assert hold.set_by == team_lead
    assert AuditEntry.objects.filter(
        object_type="gdpr.legalhold", action="create", actor=team_lead
    ).exists()
    refused = client.post(reverse("gdpr:erase", args=[case.person_id]), {"confirm": "on"})
    assert "legal hold" in refused.content.decode()
    assert client.post(url).status_code == 302  # lifts it
    assert not LegalHold.objects.filter(case=case).exists()
    assert AuditEntry.objects.filter(
        object_type="gdpr.legalhold", action="delete", actor=team_lead
    ).exists()


@pytest.mark.django_db
def test_preview_lists_due_cases_for_team_lead_and_counts_for_auditor(
    client, subject, caseworker, team_lead, auditor
):
    person = plant(subject, caseworker)
    client.force_login(team_lead)
    page = client.get(reverse("gdpr:retention")).content.decode()
    assert f'data-case="{person.case.pk}"' in page
    assert FAMILY not in page
    client.force_login(auditor)
    page = client.get(reverse("gdpr:retention")).content.decode()
    assert f'data-case="{person.case.pk}"' in page
    assert reverse("gdpr:erase", args=[person.pk]) not in page
    client.force_login(caseworker)
    assert client.get(reverse("gdpr:retention")).status_code == 403


@pytest.mark.django_db
def test_erasing_twice_is_refused(subject, caseworker, team_lead):
    from django.core.exceptions import ValidationError

    person = plant(subject, caseworker)
    person_erase(actor=team_lead, person=person, reason="request")
    with pytest.raises(ValidationError):
        person_erase(actor=team_lead, person=person, reason="request")


@pytest.mark.django_db
def test_the_run_purges_old_audit_entries_and_the_chain_still_verifies():
    from freezegun import freeze_time

    from wegweiser.core.audit import audit_event, audit_verify

    def entry() -> None:
        audit_event(actor=None, action="login_failed", object_type="accounts.user")

    with freeze_time(dt.datetime.now() - dt.timedelta(days=800)):  # the oldest part of the log
        for _ in range(3):
            entry()
    entry()
    plan = retention_plan()
    assert plan.audit_entries == 3

    retention_run()

    assert not AuditEntry.objects.filter(at__lt=plan.audit_cutoff).exists()
    assert AuditEntry.objects.filter(action="login_failed").count() == 1
    assert audit_verify().intact
    run = AuditEntry.objects.get(object_type="gdpr.retentionrun")
    assert "audit_purged:3" in run.fields


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
@pytest.mark.django_db
def test_the_nightly_run_is_queued_once_and_queues_the_next():
    from django_tasks_db.models import DBTaskResult

    from wegweiser.gdpr.tasks import retention_schedule, retention_task

    first = retention_schedule()
    assert first is not None and first > timezone.now()
    assert timezone.localtime(first).hour == 3
    assert retention_schedule() is None  # already queued
    queued = DBTaskResult.objects.get(task_path=retention_task.module_path)
    assert queued.run_after == first

    queued.delete()  # as the worker claims it: the run itself queues the next night
    retention_task.call()
    assert DBTaskResult.objects.filter(task_path=retention_task.module_path).count() == 1
