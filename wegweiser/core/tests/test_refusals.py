"""Refused accesses are logged, aggregated per user, reason, page and minute, and unusual
patterns (id guessing) are shown to the auditor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.core.audit import audit_verify
from wegweiser.core.models import AccessRefusal, AuditEntry


@pytest.mark.django_db
def test_guessing_case_ids_is_counted_and_audited_once_a_minute(client, other_caseworker, case):
    client.force_login(other_caseworker)
    with freeze_time("2026-03-02 10:00:05"):
        for _ in range(30):
            assert client.get(reverse("people:detail", args=[case.person_id])).status_code == 404
        assert client.get(reverse("cases:edit", args=[case.pk])).status_code == 404
    with freeze_time("2026-03-02 10:01:05"):
        client.get(reverse("people:detail", args=[case.person_id]))
    counts = {
        (r.view_name, r.minute.minute): r.count
        for r in AccessRefusal.objects.filter(user=other_caseworker)
    }
    assert counts == {("people:detail", 0): 30, ("cases:edit", 0): 1, ("people:detail", 1): 1}
    entries = AuditEntry.objects.filter(action="refused", actor=other_caseworker)
    assert entries.count() == 3
    first = entries.filter(object_type="people:detail").order_by("sequence").first()
    assert first is not None
    assert first.object_id == f"pk={case.person_id}"
    assert first.purpose == "not_found (404)"
    assert audit_verify().intact


@pytest.mark.django_db
def test_forbidden_pages_are_logged_too(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("cases:my")).status_code == 403
    refusal = AccessRefusal.objects.get(user=auditor)
    assert refusal.reason == "forbidden" and refusal.view_name == "cases:my"
    assert AuditEntry.objects.filter(action="refused", actor=auditor).exists()


@pytest.mark.django_db
def test_a_missing_page_that_is_no_person_or_case_is_not_a_refusal(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/no-such-page/").status_code == 404
    assert not AccessRefusal.objects.exists()


@pytest.mark.django_db
def test_own_pages_are_no_refusal(client, caseworker, case):
    client.force_login(caseworker)
    assert client.get(reverse("people:detail", args=[case.person_id])).status_code == 200
    assert not AccessRefusal.objects.exists()
    assert not AuditEntry.objects.filter(action="refused").exists()


@pytest.mark.django_db
def test_the_auditor_sees_users_with_many_refusals(client, auditor, other_caseworker, caseworker):
    from wegweiser.cases.tests.factories import CaseFactory

    client.force_login(other_caseworker)
    cases = CaseFactory.create_batch(3, team=caseworker.teams.get(), caseworker=caseworker)
    for i in range(25):
        client.get(reverse("people:detail", args=[cases[i % 3].person_id]))
    client.force_login(caseworker)
    client.get(reverse("core:audit"))  # one refusal: not unusual
    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("core:audit")).content.decode()
    section = html.split('id="unusual-refusals"')[1].split("</table>")[0]
    assert "other" in section and ">25<" in section
    assert ">cw<" not in section


@pytest.mark.django_db
def test_old_refusals_are_no_longer_unusual(client, auditor, other_caseworker, case):
    client.force_login(other_caseworker)
    with freeze_time(dt.datetime.now(dt.UTC) - dt.timedelta(days=2)):
        for _ in range(25):
            client.get(reverse("people:detail", args=[case.person_id]))
    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("core:audit")).content.decode()
    assert 'id="unusual-refusals"' not in html
