"""A request's read and list entries are appended to the audit chain together at its end (one
insert), in the order they happened, before any change the request makes after them, and the
chain still verifies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wegweiser.core.audit import acting_as, audit_list, audit_read, audit_verify, batched_reads
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person

pytestmark = pytest.mark.django_db


def _inserts(ctx: CaptureQueriesContext) -> int:
    return sum(q["sql"].startswith('INSERT INTO "core_auditentry"') for q in ctx.captured_queries)


def test_a_person_page_writes_its_reads_in_one_insert(client, caseworker, case):
    client.force_login(caseworker)
    before = AuditEntry.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("people:detail", args=[case.person_id])).status_code == 200
    written = AuditEntry.objects.order_by("sequence")[before:]
    assert len(written) > 1  # the page reads the person and lists more
    assert _inserts(ctx) == 1
    assert written[0].purpose == "person_view"
    assert audit_verify().intact


def test_reads_before_a_change_stay_before_it(caseworker, case):
    person = case.person
    before = AuditEntry.objects.count()
    with batched_reads():
        audit_read(actor=caseworker, obj=person, purpose="first")
        with acting_as(caseworker):
            person.place_of_birth = "Aleppo"
            person.save()  # a change: logged at once, after the read before it
        audit_list(actor=caseworker, model=Person, ids=[person.pk], purpose="last")
        assert not AuditEntry.objects.filter(purpose="last").exists()  # still pending
    entries = list(AuditEntry.objects.order_by("sequence")[before:])
    assert entries[0].purpose == "first"
    assert entries[-1].purpose == "last"
    assert any(e.action == AuditEntry.Action.UPDATE for e in entries[1:-1])
    assert audit_verify().intact


def test_reads_are_logged_even_when_the_block_fails(caseworker, case):
    with pytest.raises(RuntimeError), batched_reads():
        audit_read(actor=caseworker, obj=case.person, purpose="shown")
        raise RuntimeError
    assert AuditEntry.objects.filter(purpose="shown").count() == 1


def test_outside_a_request_a_read_is_written_at_once(caseworker, case):
    audit_read(actor=caseworker, obj=case.person, purpose="at_once")
    assert AuditEntry.objects.filter(purpose="at_once").count() == 1
